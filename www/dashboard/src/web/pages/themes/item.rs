//! One theme: its answers and share (with a bar), NPS and interval, impact
//! in points, the period before and the emerging badge, its words, a few
//! examples with the words highlighted, and, for admins, "Create tag".

use std::rc::Rc;

use gloo_net::http::Method;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use super::marked::Marked;
use crate::themes::tag_for;
use crate::web::api::{segment, ApiError};
use crate::web::components::load::Failure;
use crate::web::ctx::use_ctx;
use crate::web::pages::comments::item::score_label;
use crate::wire::{Theme, ThemeTagged};

/// Props of [`ThemeItem`].
#[derive(Properties, PartialEq)]
pub(crate) struct ThemeItemProps {
    pub(crate) theme: Rc<Theme>,
    /// The page's API query (project and filters): the theme is found
    /// again in the same answers when tagged.
    pub(crate) api: AttrValue,
}

/// One theme of the list.
#[function_component]
pub(crate) fn ThemeItem(props: &ThemeItemProps) -> Html {
    let ctx = use_ctx();
    let (t, th, lang) = (ctx.t(), ctx.lang.th(), ctx.lang);
    let theme = &props.theme;
    let status = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let onsubmit = {
        let (api, status, error) = (ctx.api.clone(), status.clone(), error.clone());
        let path = format!(
            "/api/v1/stats/themes/{}/tag?{}",
            segment(&theme.id),
            props.api
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let tag = data.get("tag").as_string().unwrap_or_default();
            let body = serde_json::json!({ "tag": tag.trim() });
            let (api, status, error, path) =
                (api.clone(), status.clone(), error.clone(), path.clone());
            spawn_local(async move {
                match api
                    .send::<ThemeTagged>(Method::POST, &path, Some(&body))
                    .await
                {
                    Ok(made) => {
                        error.set(None);
                        status.set(lang.tagged(&made.tag, made.tagged));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let id = format!("theme-{}", theme.id);
    let terms = Rc::new(theme.terms.clone());
    let bar = format!("width: {:.1}%", (theme.share * 100.0).clamp(0.0, 100.0));
    let impact_class = match theme.impact {
        Some(i) if i < 0.0 => "hurt",
        Some(i) if i > 0.0 => "help",
        _ => "",
    };
    html! {
        <li class="card theme">
            <div class="card-head">
                <h3 {id}>{ theme.label.clone() }</h3>
                if theme.emerging { <span class="flag emerging">{ th.emerging }</span> }
            </div>
            <p class="share-line">{ lang.theme_share(theme.responses, theme.share) }</p>
            <div class="bar-track" aria-hidden="true"><span class="bar share" style={bar}></span></div>
            <dl class="figures">
                <div>
                    <dt>{ t.nps }</dt>
                    <dd>
                        { theme.nps.map(|n| lang.num(n)).unwrap_or_else(|| "–".into()) }
                        if let Some(ci) = theme.ci95 { <span class="muted small">{ " " }{ lang.interval(ci.low, ci.high) }</span> }
                    </dd>
                </div>
                <div>
                    <dt>{ th.impact }</dt>
                    <dd class={classes!("impact", impact_class)}>
                        { theme.impact.map(|i| lang.impact_points(i)).unwrap_or_else(|| "–".into()) }
                    </dd>
                </div>
            </dl>
            if let Some(p) = theme.previous { <p class="muted small">{ lang.before(p.responses, p.share) }</p> }
            <p class="muted small">
                { th.words }{ ": " }{ theme.terms.join(", ") }{ " · " }{ th.languages }{ ": " }{ theme.locales.join(", ") }
            </p>
            <h4>{ th.examples }</h4>
            <ul class="comments examples">
                { for theme.examples.iter().map(|x| html! {
                    <li key={x.id.clone()}>
                        <span class={classes!("badge", crate::charts::class_of(x.score))} role="img"
                            aria-label={score_label(lang, x.score)}>{ x.score }</span>
                        <Marked text={x.comment.clone()} terms={terms.clone()} />
                    </li>
                }) }
            </ul>
            if ctx.who.is_admin() {
                <form class="add-tag" {onsubmit}>
                    <label for={format!("tag-{}", theme.id)}>{ th.tag_name }</label>
                    <input id={format!("tag-{}", theme.id)} name="tag" type="text" maxlength="64"
                        value={tag_for(&theme.label)} />
                    <button type="submit" aria-describedby={format!("theme-{}", theme.id)}>{ th.create_tag }</button>
                </form>
                <p class="small" role="status">{ (*status).clone() }</p>
                if let Some(e) = &*error { <Failure error={e.clone()} /> }
            }
        </li>
    }
}

//! One answer of the feed: score, comment (as text), who and when (on a
//! clock in the project's time zone), and its tags with add and remove.

use gloo_net::http::Method;
use nps_protocol::Category;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{Lang, Shown};
use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::Failure;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::pages::person::person_href;
use crate::wire::{Answer, TagList};

/// Props of [`Item`].
#[derive(Properties, PartialEq)]
pub(crate) struct ItemProps {
    pub(crate) answer: Answer,
    pub(crate) project: AttrValue,
}

/// "Score 9, promoter".
pub(crate) fn score_label(lang: Lang, score: u8) -> String {
    let t = lang.t();
    let category = match Category::of(score) {
        Some(Category::Promoter) => t.promoters,
        Some(Category::Passive) => t.passives,
        _ => t.detractors,
    };
    format!("{} {score} ({category})", t.score)
}

/// Who answered: "User u-7", "anonymous", or, when the page sent a user
/// id whose identity proof failed, that the answer was stored as
/// anonymous for that reason (the collector keeps no unproven user id).
pub(crate) fn who(lang: Lang, a: &Answer) -> String {
    let t = lang.t();
    match &a.user_id {
        Some(u) => format!("{} {u}", t.user),
        None if a.identity_unverified => t.identity_unproven.to_owned(),
        None => t.anonymous.to_owned(),
    }
}

/// One answer.
#[function_component]
pub(crate) fn Item(props: &ItemProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    // Answers are stamped in UTC; the team reads them in the project's zone.
    let zone = use_projects().zone();
    let a = &props.answer;
    let tags = use_state(|| a.tags.clone());
    let error = use_state(|| None::<ApiError>);
    let input = use_node_ref();
    let change = {
        let (tags, error, api) = (tags.clone(), error.clone(), ctx.api.clone());
        let (id, project) = (a.id.clone(), props.project.clone());
        Callback::from(move |(add, tag): (bool, String)| {
            let (tags, error, api) = (tags.clone(), error.clone(), api.clone());
            let project = segment(&project);
            let (method, path, body) = if add {
                (
                    Method::POST,
                    format!("/api/v1/responses/{}/tags?project={project}", segment(&id)),
                    Some(serde_json::json!({ "tag": tag })),
                )
            } else {
                (
                    Method::DELETE,
                    format!(
                        "/api/v1/responses/{}/tags/{}?project={project}",
                        segment(&id),
                        segment(&tag)
                    ),
                    None,
                )
            };
            spawn_local(async move {
                match api.send::<TagList>(method, &path, body.as_ref()).await {
                    Ok(now) => {
                        tags.set(now.tags);
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let on_add = {
        let (change, input) = (change.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let tag = i.value().trim().to_owned();
                if !tag.is_empty() {
                    change.emit((true, tag));
                    i.set_value("");
                }
            }
        })
    };
    let category = crate::charts::class_of(a.score);
    let when = clock::show_instant(lang, &a.created_at, &zone, Shown::Moment);
    let mut meta: Vec<String> = a.moment.iter().cloned().collect();
    meta.push(who(lang, a));
    meta.extend(a.locale.clone());
    let traits: Vec<String> = a
        .traits
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::form_lists::trait_value(v)))
        .collect();
    html! {
        <li>
            <span class={classes!("badge", category)} role="img" aria-label={score_label(lang, a.score)}>{ a.score }</span>
            <div class="body">
                if let Some(c) = a.comment.as_ref().filter(|c| !c.trim().is_empty()) {
                    <p class="comment">{ c.clone() }</p>
                } else {
                    <p class="muted">{ t.no_comment }</p>
                }
                <p class="meta"><time datetime={a.created_at.clone()}>{ when }</time>{ meta.iter().map(|m| format!(" · {m}")).collect::<String>() }</p>
                if !traits.is_empty() { <p class="meta">{ traits.join(", ") }</p> }
                if let Some(user) = &a.user_id {
                    <p class="meta"><a href={person_href(&props.project, user)}>{ lang.person().open }</a></p>
                }
                <ul class="chips" aria-label={t.tags}>
                    { for tags.iter().map(|tag| {
                        let (change, name) = (change.clone(), tag.clone());
                        let onclick = Callback::from(move |_| change.emit((false, name.clone())));
                        html! {
                            <li class="chip">{ tag.clone() }
                                <button type="button" aria-label={lang.remove_tag(tag)} {onclick}>{ "×" }</button>
                            </li>
                        }
                    }) }
                </ul>
                <form class="add-tag" onsubmit={on_add}>
                    <input ref={input} type="text" aria-label={t.add_tag} placeholder={t.add_tag} maxlength="64" />
                    <button type="submit" class="quiet">{ t.add }</button>
                </form>
                if let Some(e) = &*error { <Failure error={e.clone()} /> }
            </div>
        </li>
    }
}

//! Look: what each moment asks, in English and French (the moment's
//! `texts`), saved with the timing rules; and the live preview
//! placeholder. Colours and placement are not configurable by the API yet.

use std::collections::BTreeMap;

use gloo_net::http::Method;
use nps_protocol::{MomentTexts, WidgetConfig};
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use super::timing::default_question;
use crate::web::api::{segment, ApiError};
use crate::web::components::load::Failure;
use crate::web::components::page_title::PageTitle;
use crate::web::components::preview::WidgetPreview;
use crate::web::ctx::{use_ctx, use_projects};

const LOCALES: [&str; 2] = ["en", "fr"];

/// The look page.
#[function_component]
pub(crate) fn Look() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let error = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let Some(project) = projects.project().cloned() else {
        return html! { <PageTitle title={t.look_title} /> };
    };
    let config = project.config.clone();
    let onsubmit = {
        let (api, reload, error, saved) = (
            ctx.api.clone(),
            projects.reload.clone(),
            error.clone(),
            saved.clone(),
        );
        let (config, key) = (config.clone(), project.key.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let next = with_texts(&config, &data);
            let (api, reload, error, saved) =
                (api.clone(), reload.clone(), error.clone(), saved.clone());
            let path = format!("/api/v1/projects/{}/config", segment(&key));
            spawn_local(async move {
                match api
                    .send::<WidgetConfig>(Method::PUT, &path, Some(&next))
                    .await
                {
                    Ok(_) => {
                        error.set(None);
                        saved.set(true);
                        reload.emit(());
                    }
                    Err(e) => {
                        saved.set(false);
                        error.set(Some(e));
                    }
                }
            });
        })
    };
    let lang_name = |l: &str| if l == "fr" { t.french } else { t.english };
    let text_of = |i: usize, l: &str, question: bool| -> String {
        config
            .moments
            .get(i)
            .and_then(|m| m.texts.as_ref())
            .and_then(|x| x.get(l))
            .and_then(|x| {
                if question {
                    x.question.clone()
                } else {
                    x.follow_up.clone()
                }
            })
            .unwrap_or_default()
    };
    let preview_question = Some(text_of(0, ctx.lang.code(), true))
        .filter(|q| !q.is_empty())
        .unwrap_or_else(|| default_question(ctx.lang).to_owned());
    let preview_follow = Some(text_of(0, ctx.lang.code(), false)).filter(|q| !q.is_empty());
    html! {
        <>
        <PageTitle title={t.look_title} intro={t.look_intro} />
        if config.moments.is_empty() {
            <p class="notice">{ t.no_moment_yet }</p>
        } else {
            <form class="card" {onsubmit} key={project.key.clone()} aria-label={t.look_title}>
                { for config.moments.iter().enumerate().map(|(i, m)| html! {
                    <fieldset class="moment">
                        <legend>{ format!("{} {}", t.moment, m.event) }</legend>
                        <div class="form-grid">
                            { for LOCALES.iter().flat_map(|l| [(*l, true), (*l, false)]).map(|(l, question)| {
                                let name = format!("x-{i}-{l}-{}", if question { "q" } else { "f" });
                                let label = format!("{} ({})", if question { t.question } else { t.follow_up_question }, lang_name(l));
                                html! {
                                    <div class="field">
                                        <label for={name.clone()}>{ label }</label>
                                        <textarea id={name.clone()} name={name.clone()} lang={l} rows="2" maxlength="300"
                                            value={text_of(i, l, question)} />
                                    </div>
                                }
                            }) }
                        </div>
                    </fieldset>
                }) }
                if let Some(e) = &*error { <Failure error={e.clone()} /> }
                <div class="actions">
                    <button type="submit" class="primary">{ t.save_texts }</button>
                    <span role="status">{ if *saved { t.saved } else { "" } }</span>
                </div>
            </form>
        }
        <WidgetPreview question={preview_question} follow_up={preview_follow} locale={ctx.lang.code()} />
        </>
    }
}

/// The config with each moment's texts as typed (blank fields removed).
fn with_texts(config: &WidgetConfig, data: &FormData) -> WidgetConfig {
    let mut next = config.clone();
    for (i, m) in next.moments.iter_mut().enumerate() {
        let mut texts = BTreeMap::new();
        for l in LOCALES {
            let get = |k: &str| {
                data.get(&format!("x-{i}-{l}-{k}"))
                    .as_string()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
            };
            let entry = MomentTexts {
                question: get("q"),
                follow_up: get("f"),
            };
            if entry.question.is_some() || entry.follow_up.is_some() {
                texts.insert(l.to_owned(), entry);
            }
        }
        // Languages this page does not edit are kept as they were.
        for (l, x) in m.texts.iter().flatten() {
            if !LOCALES.contains(&l.as_str()) {
                texts.insert(l.clone(), x.clone());
            }
        }
        m.texts = (!texts.is_empty()).then_some(texts);
    }
    next
}

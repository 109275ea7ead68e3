//! The project's time zone: where its days, weeks (from Monday) and months
//! start, and what the filters' dates mean. A searchable list of the
//! browser's IANA names (any name may be typed); the collector judges it
//! (422 `invalid_timezone`, said here in the reader's language).

use gloo_net::http::Method;
use serde::Serialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::Failure;
use crate::web::ctx::{use_ctx, use_projects};
use crate::wire::Project;
use crate::zones;

/// `PATCH /api/v1/projects/{key}` with the zone only (the collector
/// refuses fields it does not know).
#[derive(Serialize)]
struct ZoneUpdate<'a> {
    timezone: &'a str,
}

/// What went wrong with the last save.
#[derive(Clone, PartialEq)]
enum Problem {
    /// Nothing typed.
    Empty,
    /// The collector does not know this name.
    Unknown(String),
    /// Any other refusal or failure.
    Other(ApiError),
}

/// Props of [`TimeZone`].
#[derive(Properties, PartialEq)]
pub(crate) struct TimeZoneProps {
    /// The project's key.
    pub(crate) project: AttrValue,
    /// Its zone as saved.
    pub(crate) zone: AttrValue,
}

/// The time-zone form.
#[function_component]
pub(crate) fn TimeZone(props: &TimeZoneProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    let projects = use_projects();
    let text = use_state(|| props.zone.to_string());
    {
        let text = text.clone();
        use_effect_with(props.zone.clone(), move |zone| text.set(zone.to_string()));
    }
    let problem = use_state(|| None::<Problem>);
    let saved = use_state(|| false);
    let browser = use_memo((), |()| clock::browser_zone());
    let choices = {
        let browser = browser.clone();
        use_memo(props.zone.clone(), move |zone| {
            let extra = [zone.as_str(), browser.as_deref().unwrap_or_default()];
            zones::choices(clock::supported_zones(), &extra)
        })
    };
    let onsubmit = {
        let (api, key, text, problem, saved, reload) = (
            ctx.api.clone(),
            props.project.clone(),
            text.clone(),
            problem.clone(),
            saved.clone(),
            projects.reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(zone) = zones::typed(&text) else {
                saved.set(false);
                problem.set(Some(Problem::Empty));
                return;
            };
            let (api, problem, saved, reload) =
                (api.clone(), problem.clone(), saved.clone(), reload.clone());
            let path = format!("/api/v1/projects/{}", segment(&key));
            spawn_local(async move {
                let body = ZoneUpdate { timezone: &zone };
                match api.send::<Project>(Method::PATCH, &path, Some(&body)).await {
                    Ok(_) => {
                        problem.set(None);
                        saved.set(true);
                        reload.emit(());
                    }
                    Err(e) => {
                        saved.set(false);
                        problem.set(Some(if e.code == "invalid_timezone" {
                            Problem::Unknown(zone)
                        } else {
                            Problem::Other(e)
                        }));
                    }
                }
            });
        })
    };
    let oninput = {
        let (saved, text) = (saved.clone(), text.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value());
            saved.set(false);
        })
    };
    let use_browser = browser.as_ref().clone().filter(|b| *b != *text).map(|b| {
        let (text, saved) = (text.clone(), saved.clone());
        let label = zones::from_browser(lang, &b);
        let onclick = Callback::from(move |_| {
            text.set(b.clone());
            saved.set(false);
        });
        html! { <button type="button" class="quiet" {onclick}>{ label }</button> }
    });
    let error = match &*problem {
        None => html! {},
        Some(Problem::Empty) => {
            html! { <p id="tz-error" class="error" role="alert">{ t.timezone_empty }</p> }
        }
        Some(Problem::Unknown(name)) => html! {
            <p id="tz-error" class="error" role="alert">{ zones::invalid(lang, name) }</p>
        },
        Some(Problem::Other(e)) => html! { <div id="tz-error"><Failure error={e.clone()} /></div> },
    };
    let described = if problem.is_some() {
        "tz-hint tz-error"
    } else {
        "tz-hint"
    };
    html! {
        <form class="card" aria-labelledby="tz-title" {onsubmit} key={props.project.to_string()}>
            <h2 id="tz-title">{ t.timezone_title }</h2>
            <p class="muted">{ t.timezone_intro }</p>
            <p>{ t.timezone_current }{ " " }<strong class="current-zone">{ props.zone.clone() }</strong></p>
            <div class="field">
                <label for="tz">{ t.timezone_field }</label>
                <input id="tz" name="timezone" type="text" list="tz-list" autocomplete="off"
                    spellcheck="false" aria-required="true" {oninput}
                    aria-invalid={problem.is_some().to_string()} aria-describedby={described}
                    value={(*text).clone()} />
                <datalist id="tz-list">
                    { for choices.iter().map(|z| html! { <option value={z.clone()} /> }) }
                </datalist>
                <p id="tz-hint" class="muted small">{ t.timezone_hint }</p>
            </div>
            { error }
            <div class="actions">
                <button type="submit" class="primary">{ t.save_timezone }</button>
                { for use_browser }
                <span role="status">{ if *saved { t.timezone_saved } else { "" } }</span>
            </div>
        </form>
    }
}

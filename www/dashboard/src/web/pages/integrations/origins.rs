//! The project's allowed origins: the websites its public key may be used
//! from (one per line; empty: any). The collector normalises and checks
//! them (a path or another scheme is a 422, shown here).

use gloo_net::http::Method;
use serde::Serialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::web::api::{segment, ApiError};
use crate::web::components::load::Failure;
use crate::web::ctx::{use_ctx, use_projects};
use crate::wire::Project;

/// `PATCH /api/v1/projects/{key}` with the origins only.
#[derive(Serialize)]
struct OriginsUpdate<'a> {
    allowed_origins: Vec<&'a str>,
}

/// Props of [`AllowedOrigins`].
#[derive(Properties, PartialEq)]
pub(crate) struct AllowedOriginsProps {
    /// The project's key.
    pub(crate) project: AttrValue,
    /// The origins as saved.
    pub(crate) origins: Vec<String>,
}

/// The allowed-origins form.
#[function_component]
pub(crate) fn AllowedOrigins(props: &AllowedOriginsProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    // The text as typed (Yew re-applies `value` on every render).
    let text = use_state(|| props.origins.join("\n"));
    {
        let text = text.clone();
        use_effect_with(props.origins.clone(), move |origins| {
            text.set(origins.join("\n"));
        });
    }
    let error = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let onsubmit = {
        let (api, key, text, error, saved, reload) = (
            ctx.api.clone(),
            props.project.clone(),
            text.clone(),
            error.clone(),
            saved.clone(),
            projects.reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = (*text).clone();
            let (api, error, saved, reload) =
                (api.clone(), error.clone(), saved.clone(), reload.clone());
            let path = format!("/api/v1/projects/{}", segment(&key));
            spawn_local(async move {
                let body = OriginsUpdate {
                    allowed_origins: text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect(),
                };
                match api.send::<Project>(Method::PATCH, &path, Some(&body)).await {
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
    let oninput = {
        let (saved, text) = (saved.clone(), text.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            saved.set(false);
        })
    };
    html! {
        <form class="card" aria-labelledby="origins-title" {onsubmit} key={props.project.to_string()}>
            <h2 id="origins-title">{ t.allowed_origins }</h2>
            <p class="muted">{ t.allowed_origins_intro }</p>
            <div class="field">
                <label for="allowed-origins">{ t.allowed_origins_field }</label>
                <textarea id="allowed-origins" name="allowed_origins" rows="3" {oninput}
                    placeholder="https://app.example.com" spellcheck="false"
                    aria-invalid={error.is_some().to_string()}
                    value={(*text).clone()} />
            </div>
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
            <div class="actions">
                <button type="submit" class="primary">{ t.save_origins }</button>
                <span role="status">{ if *saved { t.saved } else { "" } }</span>
            </div>
        </form>
    }
}

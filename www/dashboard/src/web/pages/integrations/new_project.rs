//! Creating another project (another product, or a staging copy): a key,
//! a name and whether identities are verified. The new project opens at
//! once, its snippet ready to copy.

use gloo_net::http::Method;
use serde::Serialize;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::web::api::ApiError;
use crate::web::components::load::Failure;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::routes::Route;
use crate::wire::Project;

/// `POST /api/v1/projects`.
#[derive(Serialize)]
struct NewProject {
    key: String,
    name: String,
    verify_identity: bool,
}

/// The new-project form.
#[function_component]
pub(crate) fn NewProjectForm() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let navigator = use_navigator();
    let query = use_query();
    let error = use_state(|| None::<ApiError>);
    let onsubmit = {
        let (api, error, reload) = (ctx.api.clone(), error.clone(), projects.reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let text = |k: &str| {
                data.get(k)
                    .as_string()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            };
            let body = NewProject {
                key: text("key"),
                name: text("name"),
                verify_identity: data.get("verify_identity").as_string().is_some(),
            };
            let (api, error, reload, navigator, query) = (
                api.clone(),
                error.clone(),
                reload.clone(),
                navigator.clone(),
                query.clone(),
            );
            spawn_local(async move {
                match api
                    .send::<Project>(Method::POST, "/api/v1/projects", Some(&body))
                    .await
                {
                    Ok(p) => {
                        error.set(None);
                        form.reset();
                        reload.emit(());
                        let q = query.with("project", Some(&p.key));
                        go(navigator.as_ref(), &Route::Integrations, &q, false);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <form class="card" aria-labelledby="new-project-title" {onsubmit}>
            <h2 id="new-project-title">{ t.new_project }</h2>
            <p class="muted">{ t.new_project_intro }</p>
            <div class="form-grid">
                <div class="field">
                    <label for="np-key">{ t.project_key }</label>
                    <input id="np-key" name="key" required=true maxlength="64" pattern="[A-Za-z0-9_-]+"
                        autocomplete="off" spellcheck="false" aria-describedby="np-key-hint" />
                    <span id="np-key-hint" class="muted small hint">{ t.project_key_hint }</span>
                </div>
                <div class="field">
                    <label for="np-name">{ t.project_name }</label>
                    <input id="np-name" name="name" required=true maxlength="100" />
                </div>
            </div>
            <div class="check">
                <input id="np-verify" name="verify_identity" type="checkbox" checked=true />
                <label for="np-verify">{ t.verify_identities }</label>
            </div>
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
            <div class="actions">
                <button type="submit" class="primary">{ t.create_project }</button>
            </div>
        </form>
    }
}

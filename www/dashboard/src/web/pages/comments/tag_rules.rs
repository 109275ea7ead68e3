//! Tag rules (admins): keywords or a regular expression that tag answers
//! as they arrive, and a button to apply them to the past.

use gloo_net::http::Method;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use crate::form_lists::parse_list;
use crate::web::api::{segment, ApiError};
use crate::web::components::load::{show, Failure};
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::hooks::{use_fetch, use_reload};
use crate::wire;

/// The rules section.
#[function_component]
pub(crate) fn TagRules() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let project = use_projects().current.unwrap_or_default();
    let (reload, bump) = use_reload();
    let rules = use_fetch::<wire::TagRules>(
        Some(format!("/api/v1/tag-rules?project={}", segment(&project))),
        reload,
    );
    let error = use_state(|| None::<ApiError>);
    let status = use_state(String::new);
    let run = {
        let (api, error, bump) = (ctx.api.clone(), error.clone(), bump.clone());
        move |method: Method,
              path: String,
              body: Option<serde_json::Value>,
              done: Option<UseStateHandle<String>>| {
            let (api, error, bump) = (api.clone(), error.clone(), bump.clone());
            spawn_local(async move {
                match api
                    .send::<serde_json::Value>(method, &path, body.as_ref())
                    .await
                {
                    Ok(answer) => {
                        error.set(None);
                        if let Some(done) = done {
                            let n = answer
                                .get("tagged")
                                .and_then(serde_json::Value::as_u64)
                                .unwrap_or(0);
                            done.set(format!("+{n}"));
                        }
                        bump.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let onsubmit = {
        let (run, project) = (run.clone(), project.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let get = |n: &str| {
                data.get(n)
                    .as_string()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            };
            let regex = get("regex");
            let body = serde_json::json!({
                "project": project, "tag": get("tag"), "keywords": parse_list(&get("keywords")),
                "regex": if regex.is_empty() { None } else { Some(regex) },
            });
            run(Method::POST, "/api/v1/tag-rules".into(), Some(body), None);
            form.reset();
        })
    };
    let apply = {
        let (run, project, status) = (run.clone(), project.clone(), status.clone());
        Callback::from(move |_| {
            run(
                Method::POST,
                format!("/api/v1/tag-rules/apply?project={}", segment(&project)),
                None,
                Some(status.clone()),
            );
        })
    };
    html! {
        <section class="card" aria-labelledby="rules-title">
            <h2 id="rules-title">{ t.tag_rules }</h2>
            <p class="muted">{ t.tag_rules_intro }</p>
            { show(&rules, |r| if r.rules.is_empty() {
                html! { <p class="muted">{ t.no_rules }</p> }
            } else {
                html! {
                    <ul class="stack">
                        { for r.rules.iter().map(|rule| {
                            let (run, path) = (run.clone(), format!("/api/v1/tag-rules/{}?project={}", segment(&rule.id), segment(&project)));
                            let onclick = Callback::from(move |_| run(Method::DELETE, path.clone(), None, None));
                            let what = rule.regex.clone().unwrap_or_else(|| rule.keywords.join(", "));
                            html! {
                                <li><strong>{ rule.tag.clone() }</strong>{ " ← " }<code>{ what }</code>{ " " }
                                    <button type="button" class="danger" aria-label={format!("{} {}", t.delete, rule.tag)} {onclick}>{ t.delete }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            }) }
            <form {onsubmit} class="form-grid">
                <div class="field"><label for="r-tag">{ t.tag }</label><input id="r-tag" name="tag" type="text" required=true /></div>
                <div class="field"><label for="r-keywords">{ t.keywords }</label><input id="r-keywords" name="keywords" type="text" /></div>
                <div class="field"><label for="r-regex">{ t.regex }</label><input id="r-regex" name="regex" type="text" /></div>
                <div class="actions"><button type="submit">{ t.add_rule }</button></div>
            </form>
            <div class="actions">
                <button type="button" class="quiet" onclick={apply}>{ t.apply_rules }</button>
                <span role="status">{ (*status).clone() }</span>
            </div>
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
        </section>
    }
}

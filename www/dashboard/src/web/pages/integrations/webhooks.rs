//! Webhooks: the project's endpoints, a form to add one (its signing
//! secret shown once created), a test button and the delivery log.

use gloo_net::http::Method;
use nps_protocol::Category;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use crate::i18n::Shown;
use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::{show, Failure};
use crate::web::components::table::TableRegion;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::hooks::{use_fetch, use_reload};
use crate::wire::{self, Deliveries, NewWebhook, Webhook, WebhookFormat};

/// Props of [`Webhooks`].
#[derive(Properties, PartialEq)]
pub(crate) struct WebhooksProps {
    pub(crate) project: AttrValue,
}

/// The webhooks section.
#[function_component]
pub(crate) fn Webhooks(props: &WebhooksProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let (reload, bump) = use_reload();
    let list = use_fetch::<wire::Webhooks>(
        Some(format!(
            "/api/v1/webhooks?project={}",
            segment(&props.project)
        )),
        reload,
    );
    let error = use_state(|| None::<ApiError>);
    let created = use_state(|| None::<String>);
    let onsubmit = {
        let (api, error, created, bump, project) = (
            ctx.api.clone(),
            error.clone(),
            created.clone(),
            bump.clone(),
            props.project.to_string(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let has = |n: &str| data.get(n).as_string().is_some();
            let categories: Vec<Category> = [
                ("promoter", Category::Promoter),
                ("passive", Category::Passive),
                ("detractor", Category::Detractor),
            ]
            .into_iter()
            .filter(|(n, _)| has(&format!("cat-{n}")))
            .map(|(_, c)| c)
            .collect();
            let body = NewWebhook {
                project: project.clone(),
                url: data
                    .get("url")
                    .as_string()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                categories: Some(categories),
                moments: Vec::new(),
                tags: Vec::new(),
                score_min: None,
                score_max: None,
                digest: has("digest"),
                types: None,
                format: match data.get("format").as_string().as_deref() {
                    Some("slack") => WebhookFormat::Slack,
                    _ => WebhookFormat::Standard,
                },
            };
            let (api, error, created, bump) =
                (api.clone(), error.clone(), created.clone(), bump.clone());
            spawn_local(async move {
                match api
                    .send::<Webhook>(Method::POST, "/api/v1/webhooks", Some(&body))
                    .await
                {
                    Ok(w) => {
                        error.set(None);
                        created.set(w.secret);
                        form.reset();
                        bump.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <section class="card" aria-labelledby="hooks-title">
            <h2 id="hooks-title">{ t.webhooks }</h2>
            { show(&list, |l| if l.webhooks.is_empty() {
                html! { <p class="muted">{ t.no_webhooks }</p> }
            } else {
                html! {
                    <ul class="stack">
                        { for l.webhooks.iter().map(|w| html! { <Hook key={w.id.clone()} hook={w.clone()} on_change={bump.clone()} /> }) }
                    </ul>
                }
            }) }
            <h3>{ t.create_webhook }</h3>
            <form class="stack" {onsubmit}>
                <div class="field">
                    <label for="wh-url">{ t.webhook_url }</label>
                    <input id="wh-url" name="url" type="url" required=true placeholder="https://hooks.example.com/nps" />
                </div>
                <fieldset>
                    <legend>{ t.categories }</legend>
                    { for [("detractor", t.detractors, true), ("passive", t.passives, false), ("promoter", t.promoters, false)].into_iter().map(|(v, n, on)| html! {
                        <div class="check">
                            <input id={format!("wh-{v}")} name={format!("cat-{v}")} type="checkbox" checked={on} />
                            <label for={format!("wh-{v}")}>{ n }</label>
                        </div>
                    }) }
                </fieldset>
                <div class="field">
                    <label for="wh-format">{ t.format }</label>
                    <select id="wh-format" name="format">
                        <option value="standard" selected=true>{ t.format_standard }</option>
                        <option value="slack" selected=false>{ t.format_slack }</option>
                    </select>
                </div>
                <div class="check"><input id="wh-digest" name="digest" type="checkbox" /><label for="wh-digest">{ t.digest }</label></div>
                <div><button type="submit" class="primary">{ t.create_webhook }</button></div>
            </form>
            if let Some(secret) = &*created {
                <p class="notice" role="status">{ t.webhook_created }{ " " }<code class="secret">{ secret.clone() }</code></p>
            }
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
        </section>
    }
}

/// Props of [`Hook`].
#[derive(Properties, PartialEq)]
struct HookProps {
    hook: Webhook,
    on_change: Callback<()>,
}

/// One endpoint with its actions and log.
#[function_component]
fn Hook(props: &HookProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let zone = use_projects().zone();
    let day = |ms: i64| clock::show_unix_ms(ctx.lang, ms, &zone, Shown::Day);
    let w = &props.hook;
    let status = use_state(String::new);
    let open = use_state(|| false);
    let (reload, bump) = use_reload();
    let log = use_fetch::<Deliveries>(
        (*open).then(|| format!("/api/v1/webhooks/{}/deliveries", segment(&w.id))),
        reload,
    );
    let act = |method: Method, path: String, done: &'static str| {
        let (api, status, on_change, bump) = (
            ctx.api.clone(),
            status.clone(),
            props.on_change.clone(),
            bump.clone(),
        );
        Callback::from(move |_| {
            let (api, status, on_change, bump, path, method) = (
                api.clone(),
                status.clone(),
                on_change.clone(),
                bump.clone(),
                path.clone(),
                method.clone(),
            );
            spawn_local(async move {
                match api.send_unit(method.clone(), &path, None::<&()>).await {
                    Ok(()) => {
                        status.set(done.to_owned());
                        if method == Method::DELETE {
                            on_change.emit(());
                        } else {
                            bump.emit(());
                        }
                    }
                    Err(e) => status.set(e.message),
                }
            });
        })
    };
    let test = act(
        Method::POST,
        format!("/api/v1/webhooks/{}/test", segment(&w.id)),
        t.test_queued,
    );
    let delete = act(
        Method::DELETE,
        format!("/api/v1/webhooks/{}", segment(&w.id)),
        "",
    );
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            );
        })
    };
    html! {
        <li class="moment">
            <p><strong class="secret">{ w.url.clone() }</strong></p>
            <p class="meta">
                { format!("{}: {} · {} {}", t.format, format_name(w.format), t.created, day(w.created_at)) }
                if !w.enabled { { " · " }<span class="overdue-flag">{ t.disabled }</span>{ format!(" {}", w.disabled_why.clone().unwrap_or_default()) } }
            </p>
            <div class="actions">
                <button type="button" onclick={test} aria-label={format!("{} – {}", t.send_test, w.url)}>{ t.send_test }</button>
                <button type="button" class="danger" onclick={delete} aria-label={format!("{} – {}", t.delete, w.url)}>{ t.delete }</button>
                <span role="status">{ (*status).clone() }</span>
            </div>
            <details ontoggle={toggle}>
                <summary>{ t.deliveries }</summary>
                { show(&log, |d| if d.deliveries.is_empty() {
                    html! { <p class="muted">{ t.no_deliveries }</p> }
                } else {
                    html! {
                        <TableRegion label={t.deliveries}>
                            <table>
                                <thead><tr><th scope="col">{ t.created }</th><th scope="col">{ t.event }</th><th scope="col">{ t.status }</th><th scope="col">{ t.attempts }</th><th scope="col">{ "HTTP" }</th></tr></thead>
                                <tbody>
                                    { for d.deliveries.iter().map(|x| html! {
                                        <tr>
                                            <td>{ day(x.created_at) }</td><td>{ x.event_type.clone() }</td>
                                            <td>{ x.status.clone() }</td><td>{ x.attempts }</td>
                                            <td>{ x.last_status.map(|s| s.to_string()).or_else(|| x.last_error.clone()).unwrap_or_else(|| "–".into()) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </TableRegion>
                    }
                }) }
            </details>
        </li>
    }
}

/// How a format is named in the list (as the collector names it).
fn format_name(f: WebhookFormat) -> &'static str {
    match f {
        WebhookFormat::Standard => "standard",
        WebhookFormat::Slack => "slack",
    }
}

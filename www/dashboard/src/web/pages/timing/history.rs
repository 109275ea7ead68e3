//! The history of the project's config under the timing form: every saved
//! version with who saved it, when and which settings it changed, and a
//! button to save an older version again (the collector records the
//! revert as a new version, so nothing is lost by reverting).

use std::rc::Rc;

use gloo_net::http::Method;
use nps_protocol::WidgetConfig;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::i18n::{Lang, Shown};
use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::Failure;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::hooks::{use_fetch, use_reload, Load};
use crate::wire::{ConfigVersion, ConfigVersions};

/// Props of [`ConfigHistory`].
#[derive(Properties, PartialEq)]
pub(crate) struct ConfigHistoryProps {
    /// The project's key.
    pub(crate) project: AttrValue,
    /// The config as now saved (a new one means a new version to show).
    pub(crate) config: WidgetConfig,
}

/// The list of versions.
#[function_component]
pub(crate) fn ConfigHistory(props: &ConfigHistoryProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let (reload, bump) = use_reload();
    {
        let bump = bump.clone();
        use_effect_with(props.config.clone(), move |_| bump.emit(()));
    }
    let path = format!(
        "/api/v1/projects/{}/config/versions",
        segment(&props.project)
    );
    let versions = use_fetch::<ConfigVersions>(Some(path), reload);
    let error = use_state(|| None::<ApiError>);
    let revert = {
        let (api, key, error, reload) = (
            ctx.api.clone(),
            props.project.clone(),
            error.clone(),
            projects.reload.clone(),
        );
        Callback::from(move |version: i64| {
            let (api, error, reload) = (api.clone(), error.clone(), reload.clone());
            let path = format!(
                "/api/v1/projects/{}/config/versions/{version}/revert",
                segment(&key)
            );
            spawn_local(async move {
                match api
                    .send::<WidgetConfig>(Method::POST, &path, None::<&()>)
                    .await
                {
                    Ok(_) => {
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let body = match &*versions {
        Load::Ready(list) if list.versions.is_empty() => {
            html! { <p class="muted">{ t.no_history }</p> }
        }
        Load::Ready(list) => table(list, ctx.lang, &projects.zone(), &revert),
        Load::Failed(e) => html! { <Failure error={e.clone()} /> },
        Load::Idle | Load::Loading => html! { <p class="muted">{ t.loading }</p> },
    };
    html! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{ t.history_title }</h2>
            <p class="muted small">{ t.history_intro }</p>
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
            { body }
        </section>
    }
}

fn table(list: &Rc<ConfigVersions>, lang: Lang, zone: &str, revert: &Callback<i64>) -> Html {
    let t = lang.t();
    let latest = list.versions.first().map(|v| v.version);
    html! {
        <div class="table-wrap">
            <table>
                <caption class="sr-only">{ t.history_title }</caption>
                <thead><tr>
                    <th scope="col">{ t.version }</th>
                    <th scope="col">{ t.when }</th>
                    <th scope="col">{ t.who }</th>
                    <th scope="col">{ t.what_changed }</th>
                    <th scope="col"><span class="sr-only">{ t.actions }</span></th>
                </tr></thead>
                <tbody>
                    { for list.versions.iter().map(|v| row(v, lang, zone, latest == Some(v.version), revert)) }
                </tbody>
            </table>
        </div>
    }
}

fn row(v: &ConfigVersion, lang: Lang, zone: &str, current: bool, revert: &Callback<i64>) -> Html {
    let t = lang.t();
    let when = clock::show_unix_ms(lang, v.created_at, zone, Shown::Moment);
    let mut what = v.changed.join(", ");
    if let Some(note) = &v.note {
        what = if what.is_empty() {
            note.clone()
        } else {
            format!("{what} ({note})")
        };
    }
    let onclick = {
        let (revert, version) = (revert.clone(), v.version);
        Callback::from(move |_: MouseEvent| revert.emit(version))
    };
    html! {
        <tr>
            <td>{ v.version }</td>
            <td>{ when }</td>
            <td>{ v.actor.clone() }</td>
            <td>{ what }</td>
            <td>
                if current {
                    <span class="muted">{ t.current_version }</span>
                } else {
                    <button type="button" class="quiet" {onclick}>{ format!("{} {}", t.revert_to, v.version) }</button>
                }
            </td>
        </tr>
    }
}

//! One follow-up: the answer, when it is due (overdue ones stand out in
//! colour and in words), and the forms to change its status, assign it
//! and add a note; the history on demand.

use gloo_net::http::Method;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use super::statuses;
use crate::i18n::Shown;
use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::Failure;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::pages::comments::item::{score_label, who};
use crate::web::pages::person::person_href;
use crate::wire::FollowUp;

/// Props of [`Case`].
#[derive(Properties, PartialEq)]
pub(crate) struct CaseProps {
    pub(crate) case: FollowUp,
    pub(crate) project: AttrValue,
}

/// One case of the inbox.
#[function_component]
pub(crate) fn Case(props: &CaseProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    // Answers are stamped in UTC; the team reads them in the project's zone.
    let zone = use_projects().zone();
    let case = use_state(|| props.case.clone());
    let error = use_state(|| None::<ApiError>);
    let id = case.response.id.clone();
    let path = format!(
        "/api/v1/followups/{}?project={}",
        segment(&id),
        segment(&props.project)
    );
    let patch = {
        let (case, error, api, path) = (case.clone(), error.clone(), ctx.api.clone(), path.clone());
        Callback::from(move |body: serde_json::Value| {
            let (case, error, api, path) = (case.clone(), error.clone(), api.clone(), path.clone());
            spawn_local(async move {
                match api
                    .send::<FollowUp>(Method::PATCH, &path, Some(&body))
                    .await
                {
                    Ok(now) => {
                        case.set(now);
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let form = |field: &'static str| {
        let patch = patch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let value = data
                .get(field)
                .as_string()
                .unwrap_or_default()
                .trim()
                .to_owned();
            if field == "note" && value.is_empty() {
                return;
            }
            patch.emit(serde_json::json!({ field: value }));
            if field == "note" {
                form.reset();
            }
        })
    };
    let assign_me = {
        let (patch, me) = (patch.clone(), ctx.who.email.clone());
        Callback::from(move |_| {
            if let Some(me) = &me {
                patch.emit(serde_json::json!({ "assignee": me }));
            }
        })
    };
    let open_history = {
        let (case, api, path) = (case.clone(), ctx.api.clone(), path.clone());
        Callback::from(move |e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            if open && case.history.is_none() {
                let (case, api, path) = (case.clone(), api.clone(), path.clone());
                spawn_local(async move {
                    if let Ok(now) = api.get::<FollowUp>(&path).await {
                        case.set(now);
                    }
                });
            }
        })
    };
    let a = &case.response;
    let uid = format!("fu-{}", a.id);
    let due = clock::show_instant(lang, &case.due_at, &zone, Shown::Moment);
    let error_text = error.as_ref().map(|e| {
        if e.status == 409 {
            t.impossible_move.to_owned()
        } else {
            String::new()
        }
    });
    html! {
        <li class={classes!(case.overdue.then_some("overdue"))}>
            <span class={classes!("badge", crate::charts::class_of(a.score))} role="img" aria-label={score_label(lang, a.score)}>{ a.score }</span>
            <div class="body">
                <p class="comment" id={format!("{uid}-comment")}>{ a.comment.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| t.no_comment.to_owned()) }</p>
                <p class="meta">
                    <time datetime={a.created_at.clone()}>{ clock::show_instant(lang, &a.created_at, &zone, Shown::Day) }</time>{ " · " }
                    { who(lang, a) }{ " · " }
                    { format!("{} {due}", t.due) }
                    if case.overdue { { " · " }<span class="overdue-flag">{ t.overdue }</span> }
                    if let Some(user) = &a.user_id {
                        { " · " }<a href={person_href(&props.project, user)}>{ lang.person().open }</a>
                    }
                </p>
                <p class="meta">
                    { format!("{}: {}", t.status, statuses(t).iter().find(|(v, _)| *v == case.status).map_or(case.status.as_str(), |(_, n)| n)) }
                    { " · " }
                    { format!("{}: {}", t.assignee, case.assignee.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| t.unassigned.to_owned())) }
                </p>
                <div class="followup-actions">
                    <form class="inline-field" onsubmit={form("status")}>
                        <label for={format!("{uid}-status")}>{ t.status }</label>
                        <select id={format!("{uid}-status")} name="status">
                            { for statuses(t).into_iter().map(|(v, n)| html! { <option value={v} selected={case.status == v}>{ n }</option> }) }
                        </select>
                        <button type="submit">{ t.save }</button>
                    </form>
                    <form class="inline-field" onsubmit={form("assignee")}>
                        <label for={format!("{uid}-assignee")}>{ t.assignee }</label>
                        <input id={format!("{uid}-assignee")} name="assignee" type="text" size="14"
                            value={case.assignee.clone().unwrap_or_default()} />
                        <button type="submit">{ t.save }</button>
                    </form>
                    if ctx.who.email.is_some() {
                        <button type="button" class="quiet" onclick={assign_me}>{ t.assign_to_me }</button>
                    }
                </div>
                <form class="stack" onsubmit={form("note")}>
                    <div class="field">
                        <label for={format!("{uid}-note")}>{ t.note }</label>
                        <textarea id={format!("{uid}-note")} name="note" maxlength="2000"></textarea>
                    </div>
                    <div><button type="submit">{ t.add_note }</button></div>
                </form>
                <details ontoggle={open_history}>
                    <summary>{ t.history }</summary>
                    <ul class="history">
                        { for case.history.iter().flatten().map(|h| html! {
                            <li>{ format!("{} · {} · {}: {}", clock::show_unix_ms(lang, h.created_at, &zone, Shown::Day), h.actor, h.kind, h.value.clone().unwrap_or_default()) }</li>
                        }) }
                    </ul>
                </details>
                if let Some(e) = &*error {
                    if let Some(text) = error_text.filter(|s| !s.is_empty()) { <p class="error" role="alert">{ text }</p> }
                    else { <Failure error={e.clone()} /> }
                }
            </div>
        </li>
    }
}

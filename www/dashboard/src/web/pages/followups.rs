//! Follow-up inbox: detractors (and passives if the project says so) to
//! contact, oldest first, overdue ones marked; status, assignee and notes
//! per answer, "assigned to me". The status filter and "mine" are in the
//! URL.

mod case;
mod loop_card;

use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::web::api::segment;
use crate::web::components::load::show;
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::use_fetch;
use crate::web::routes::Route;
use crate::wire::Inbox;

/// The statuses a case can have, with their label.
pub(crate) fn statuses(t: &'static crate::i18n::Texts) -> [(&'static str, &'static str); 4] {
    [
        ("new", t.status_new),
        ("contacted", t.status_contacted),
        ("resolved", t.status_resolved),
        ("ignored", t.status_ignored),
    ]
}

/// The inbox page.
#[function_component]
pub(crate) fn FollowUps() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let query = use_query();
    let project = use_projects().current.unwrap_or_default();
    let navigator = use_navigator();
    let status = query.get("status").unwrap_or("open").to_owned();
    let me = ctx.who.email.clone();
    let mine = query.get("mine") == Some("1") && me.is_some();
    let mut path = format!(
        "/api/v1/followups?project={}&status={}",
        segment(&project),
        segment(&status)
    );
    if let (true, Some(me)) = (mine, &me) {
        path.push_str(&format!("&assignee={}", segment(me)));
    }
    let inbox = use_fetch::<Inbox>(Some(path), 0);
    let onsubmit = {
        let query = query.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let status = data.get("status").as_string().filter(|s| s != "open");
            let mine = data.get("mine").as_string().map(|_| "1");
            let q = query
                .clone()
                .with("status", status.as_deref())
                .with("mine", mine);
            go(navigator.as_ref(), &Route::FollowUp, &q, false);
        })
    };
    let options = [("open", t.status_open), ("all", t.status_all)]
        .into_iter()
        .chain(statuses(t));
    html! {
        <>
        <PageTitle title={t.follow_up_title} intro={t.follow_up_intro} />
        <form class="card filters" {onsubmit} aria-label={t.filters} key={query.encode()}>
            <div class="filter-grid">
                <div class="field">
                    <label for="fu-status">{ t.status }</label>
                    <select id="fu-status" name="status">
                        { for options.map(|(v, name)| html! { <option value={v} selected={status == v}>{ name }</option> }) }
                    </select>
                </div>
                if me.is_some() {
                    <div class="check">
                        <input id="fu-mine" name="mine" type="checkbox" value="1" checked={mine} />
                        <label for="fu-mine">{ t.assigned_to_me }</label>
                    </div>
                }
            </div>
            <div class="actions"><button type="submit" class="primary">{ t.apply }</button></div>
        </form>
        { show(&inbox, |i| if i.items.is_empty() {
            html! { <p class="notice">{ t.inbox_empty }</p> }
        } else {
            html! {
                <ul class="feed" aria-label={t.follow_up_title}>
                    { for i.items.iter().map(|f| html! {
                        <case::Case key={f.response.id.clone()} case={f.clone()} project={project.clone()} />
                    }) }
                </ul>
            }
        }) }
        <loop_card::LoopCard project={project.clone()} />
        </>
    }
}

//! The frame around every page once signed in: the banner (project,
//! who, language, sign out), the navigation, and the page itself in
//! `<main>`. Moves focus to the page's heading after each navigation.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::components::lang_menu::LangMenu;
use super::components::nav_link::NavLink;
use super::ctx::{go, use_ctx, use_query, Projects};
use super::hooks::{use_fetch, use_reload, Load};
use super::pages;
use super::routes::Route;
use crate::wire;

/// The signed-in frame.
#[function_component]
pub(crate) fn Shell() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let query = use_query();
    let navigator = use_navigator();
    let (reload, bump) = use_reload();
    let projects = use_fetch::<wire::Projects>(Some("/api/v1/projects".into()), reload);
    let list: Rc<Vec<wire::Project>> = projects
        .ready()
        .map(|p| Rc::new(p.projects.clone()))
        .unwrap_or_default();
    let current = query
        .get("project")
        .map(str::to_owned)
        .or_else(|| list.first().map(|p| p.key.clone()));
    {
        // A bookmark without a project gets the first one, in the URL.
        let missing = query.get("project").is_none();
        let first = list.first().map(|p| p.key.clone());
        let (navigator, query) = (navigator.clone(), query.clone());
        use_effect_with((missing, first), move |(missing, first)| {
            if let (true, Some(first)) = (*missing, first) {
                go(
                    navigator.as_ref(),
                    &route,
                    &query.with("project", Some(first)),
                    true,
                );
            }
        });
    }
    {
        // After a navigation, focus lands on the new page's heading.
        let first = use_mut_ref(|| true);
        use_effect_with(route, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                if let Some(h1) = gloo_utils::document().get_element_by_id("page-title") {
                    let _ =
                        wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&h1).focus();
                }
            }
        });
    }
    let on_project = {
        let navigator = navigator.clone();
        let query = query.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let q = query
                .only(|k| matches!(k, "from" | "to"))
                .with("project", Some(&value));
            go(navigator.as_ref(), &route, &q, false);
        })
    };
    let who = match (&ctx.who.email, ctx.who.is_admin()) {
        (Some(email), admin) => format!(
            "{} {email} ({})",
            t.signed_in_as,
            if admin { t.role_admin } else { t.role_member }
        ),
        (None, _) => format!("{} {}", t.signed_in_as, t.admin_token),
    };
    let sign_out = {
        let sign_out = ctx.sign_out.clone();
        Callback::from(move |_| sign_out.emit(()))
    };
    let nav: Html = Route::NAV
        .iter()
        .filter(|r| ctx.who.is_admin() || !r.admin_only())
        .map(|r| html! { <li><NavLink route={*r} /></li> })
        .collect();
    let context = Projects {
        all: list.clone(),
        current: current.clone(),
        reload: bump,
    };
    let page = match (&*projects, current.is_some()) {
        (Load::Ready(_), false) => html! { <p class="notice">{ t.no_project }</p> },
        (Load::Ready(_), true) => html! { <Switch<Route> render={pages::render} /> },
        (Load::Failed(e), _) => html! { <super::components::load::Failure error={e.clone()} /> },
        _ => html! { <super::components::load::Loading /> },
    };
    html! {
        <ContextProvider<Projects> {context}>
            <a class="skip" href="#main">{ t.skip_link }</a>
            <header class="topbar">
                <p class="brand">{ t.app_name }</p>
                if !list.is_empty() {
                    <div class="project-pick">
                        <label for="project-select">{ t.project }</label>
                        <select id="project-select" onchange={on_project}>
                            { for list.iter().map(|p| html! {
                                <option value={p.key.clone()} selected={Some(&p.key) == current.as_ref()}>
                                    { if p.name == p.key { p.key.clone() } else { format!("{} ({})", p.name, p.key) } }
                                </option>
                            }) }
                        </select>
                    </div>
                }
                <p class="who muted">{ who }</p>
                <LangMenu lang={ctx.lang} set_lang={ctx.set_lang.clone()} />
                <button type="button" class="quiet" onclick={sign_out}>{ t.sign_out }</button>
            </header>
            <nav class="tabs" aria-label={t.nav_label}>
                <ul>{ nav }</ul>
            </nav>
            <main id="main" tabindex="-1">{ page }</main>
        </ContextProvider<Projects>>
    }
}

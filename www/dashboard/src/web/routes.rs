//! The dashboard's addresses. Routing is in the path
//! (`/dashboard/comments?project=demo&q=slow`): the collector answers
//! every `/dashboard/…` path with the app, so any view can be bookmarked,
//! filters included.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew_router::prelude::*;

use crate::i18n::Texts;
use crate::query::Query;

/// One page of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub(crate) enum Route {
    #[at("/dashboard/")]
    Home,
    #[at("/dashboard/overview")]
    Overview,
    #[at("/dashboard/segments")]
    Segments,
    #[at("/dashboard/comments")]
    Comments,
    #[at("/dashboard/themes")]
    Themes,
    #[at("/dashboard/experiments")]
    Experiments,
    #[at("/dashboard/follow-up")]
    FollowUp,
    #[at("/dashboard/timing")]
    Timing,
    #[at("/dashboard/look")]
    Look,
    #[at("/dashboard/integrations")]
    Integrations,
    #[at("/dashboard/members")]
    Members,
    /// One person's story (`?user=ID`; `#/people/ID` leads here).
    #[at("/dashboard/people")]
    Person,
    #[not_found]
    #[at("/dashboard/404")]
    NotFound,
}

impl Route {
    /// The navigation, in order.
    pub(crate) const NAV: [Route; 10] = [
        Route::Overview,
        Route::Segments,
        Route::Comments,
        Route::Themes,
        Route::Experiments,
        Route::FollowUp,
        Route::Timing,
        Route::Look,
        Route::Integrations,
        Route::Members,
    ];

    /// Only admins see and use it (configuration).
    pub(crate) fn admin_only(self) -> bool {
        matches!(
            self,
            Route::Timing | Route::Look | Route::Integrations | Route::Members
        )
    }

    /// Its name in the navigation and the title.
    pub(crate) fn name(self, t: &'static Texts) -> &'static str {
        match self {
            Route::Home | Route::Overview => t.overview,
            Route::Segments => t.segments,
            Route::Comments => t.comments,
            Route::Themes => t.themes,
            Route::Experiments => t.experiments,
            Route::FollowUp => t.follow_up,
            Route::Timing => t.timing,
            Route::Look => t.look,
            Route::Integrations => t.integrations,
            Route::Members => t.members,
            Route::Person => t.user,
            Route::NotFound => t.not_found,
        }
    }
}

/// Follows routes written in the fragment (`/dashboard/#/themes?from=…`,
/// the form links in the docs and issues use): now, and whenever the
/// fragment changes. Each goes to its path (`/dashboard/themes?…`), the
/// fragment's query merged into the page's; other fragments (`#token=…`,
/// `#main`, unknown routes) are left alone.
pub(crate) fn follow_hash_routes() {
    adopt_hash_route();
    let on_change = Closure::<dyn Fn()>::new(adopt_hash_route);
    let _ = gloo_utils::window()
        .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    // Listens for the page's lifetime.
    on_change.forget();
}

/// The fragment's route, if it names one, taken to the address bar; the
/// router hears of it as of a move in the history.
fn adopt_hash_route() {
    let window = gloo_utils::window();
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let Some(rest) = hash.strip_prefix("#/") else {
        return;
    };
    let (path, extra) = rest.split_once('?').unwrap_or((rest, ""));
    let mut query = Query::parse(&location.search().unwrap_or_default());
    // `#/people/ID`: the person page, its user in the query.
    let path = match path.strip_prefix("people/") {
        Some(user) => {
            let user = js_sys::decode_uri_component(user).map_or(user.to_owned(), String::from);
            query.set("user", Some(&user));
            "people"
        }
        None => path,
    };
    let target = format!("/dashboard/{path}");
    if Route::recognize(&target).is_none_or(|r| r == Route::NotFound) {
        return;
    }
    for (name, value) in Query::parse(extra).pairs() {
        query.set(name, Some(value));
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&query.href(&target)));
    }
    if let Ok(event) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&event);
    }
}

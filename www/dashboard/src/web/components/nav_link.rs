//! A navigation link that carries the project and the shared filters to
//! the next page, marked `aria-current="page"` when it is the current one.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::filters::is_shared;
use crate::web::ctx::{go, use_ctx, use_query};
use crate::web::routes::Route;

/// Props of [`NavLink`].
#[derive(Properties, PartialEq)]
pub(crate) struct NavLinkProps {
    pub(crate) route: Route,
}

/// One entry of the navigation.
#[function_component]
pub(crate) fn NavLink(props: &NavLinkProps) -> Html {
    let t = use_ctx().t();
    let current = use_route::<Route>();
    let query = use_query().only(is_shared);
    let navigator = use_navigator();
    let route = props.route;
    let here = current == Some(route) || (route == Route::Overview && current == Some(Route::Home));
    let href = query.href(&route.to_path());
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0 {
            return;
        }
        e.prevent_default();
        go(navigator.as_ref(), &route, &query, false);
    });
    html! {
        <a {href} {onclick} aria-current={here.then_some("page")}>{ route.name(t) }</a>
    }
}

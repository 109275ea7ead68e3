//! One module per page; [`render`] picks it from the route and keeps
//! members out of the configuration pages.

pub(crate) mod comments;
mod experiments;
mod followups;
mod integrations;
mod look;
mod members;
mod overview;
pub(crate) mod person;
mod segments;
mod themes;
pub(crate) mod timing;

use yew::prelude::*;

use super::components::page_title::PageTitle;
use super::ctx::use_ctx;
use super::routes::Route;

/// The page of a route.
pub(crate) fn render(route: Route) -> Html {
    html! { <Page {route} /> }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    route: Route,
}

#[function_component]
fn Page(props: &PageProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    if props.route.admin_only() && !ctx.who.is_admin() {
        return html! {
            <>
                <PageTitle title={props.route.name(t)} />
                <p class="notice" role="alert">{ t.forbidden }</p>
            </>
        };
    }
    match props.route {
        Route::Home | Route::Overview => html! { <overview::Overview /> },
        Route::Segments => html! { <segments::SegmentsPage /> },
        Route::Comments => html! { <comments::Comments /> },
        Route::Themes => html! { <themes::ThemesPage /> },
        Route::Experiments => html! { <experiments::ExperimentsPage /> },
        Route::FollowUp => html! { <followups::FollowUps /> },
        Route::Timing => html! { <timing::Timing /> },
        Route::Look => html! { <look::Look /> },
        Route::Integrations => html! { <integrations::Integrations /> },
        Route::Members => html! { <members::MembersPage /> },
        Route::Person => html! { <person::Person /> },
        Route::NotFound => html! {
            <>
                <PageTitle title={t.not_found} />
                <p>{ t.not_found_body }</p>
            </>
        },
    }
}

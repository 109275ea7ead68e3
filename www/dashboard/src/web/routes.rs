//! The dashboard's addresses. Routing is in the path
//! (`/dashboard/comments?project=demo&q=slow`): the collector answers
//! every `/dashboard/…` path with the app, so any view can be bookmarked,
//! filters included.

use yew_router::prelude::*;

use crate::i18n::Texts;

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
    #[not_found]
    #[at("/dashboard/404")]
    NotFound,
}

impl Route {
    /// The navigation, in order.
    pub(crate) const NAV: [Route; 8] = [
        Route::Overview,
        Route::Segments,
        Route::Comments,
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
            Route::FollowUp => t.follow_up,
            Route::Timing => t.timing,
            Route::Look => t.look,
            Route::Integrations => t.integrations,
            Route::Members => t.members,
            Route::NotFound => t.not_found,
        }
    }
}

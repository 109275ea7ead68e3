//! How a loading or failed section reads: a polite status while waiting,
//! an alert naming the problem when it failed.

use yew::prelude::*;

use crate::web::api::ApiError;
use crate::web::ctx::use_ctx;
use crate::web::hooks::Load;

/// "Loading…" in a status region.
#[function_component]
pub(crate) fn Loading() -> Html {
    let t = use_ctx().t();
    html! { <p class="muted" role="status">{ t.loading }</p> }
}

/// Props of [`Failure`].
#[derive(Properties, PartialEq)]
pub(crate) struct FailureProps {
    pub(crate) error: ApiError,
}

/// What went wrong, as an alert.
#[function_component]
pub(crate) fn Failure(props: &FailureProps) -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let e = &props.error;
    let text = match (e.status, e.code.as_str()) {
        (0, _) => t.network_error.to_owned(),
        (403, _) => t.forbidden.to_owned(),
        _ => format!("{} {}", t.error_prefix, e.message),
    };
    html! { <p class="error" role="alert">{ text }</p> }
}

/// Renders a [`Load`]: the data through `view`, or its state.
pub(crate) fn show<T>(load: &Load<T>, view: impl FnOnce(&T) -> Html) -> Html {
    match load {
        Load::Idle => html! {},
        Load::Loading => html! { <Loading /> },
        Load::Ready(v) => view(v),
        Load::Failed(e) => html! { <Failure error={e.clone()} /> },
    }
}

//! PLACEHOLDER for the live preview of the widget.
//!
//! The preview is meant to mount the widget's own Yew prompt components
//! (`widget` ui crate, used as a library) with the texts being edited. The
//! widget is being restructured by another engineer right now, so this
//! component only shows the texts it would pass, in a clearly marked box,
//! rather than copying the widget's UI. Replace its body with the
//! widget's prompt component once that crate exposes it.

use yew::prelude::*;

use crate::web::ctx::use_ctx;

/// Props of [`WidgetPreview`].
#[derive(Properties, PartialEq)]
pub(crate) struct WidgetPreviewProps {
    /// The question the prompt would ask.
    pub(crate) question: AttrValue,
    /// The follow-up it would ask after a score.
    #[prop_or_default]
    pub(crate) follow_up: Option<AttrValue>,
    /// The language shown.
    pub(crate) locale: AttrValue,
}

/// The placeholder of the live preview.
#[function_component]
pub(crate) fn WidgetPreview(props: &WidgetPreviewProps) -> Html {
    let t = use_ctx().t();
    html! {
        <section class="card preview" aria-labelledby="preview-title" data-placeholder="widget-preview">
            <h2 id="preview-title">{ t.preview }</h2>
            <p class="notice">{ t.preview_placeholder }</p>
            <div class="preview-box" lang={props.locale.clone()}>
                <p class="preview-question">{ props.question.clone() }</p>
                <p class="preview-scale" aria-hidden="true">{ "0 1 2 3 4 5 6 7 8 9 10" }</p>
                if let Some(f) = &props.follow_up { <p class="muted">{ f.clone() }</p> }
            </div>
        </section>
    }
}

//! The prompt's Yew components and how they are put on the page.
//!
//! The prompt lives in an *open* shadow root on its own host element, so the
//! host page's CSS cannot restyle it and ours cannot leak out, while
//! assistive technology and test tools still see inside. The components hold
//! only view state; every decision with consequences (sending, closing) is
//! reported as a [`UiEvent`] to the controller.

mod app;
mod follow_up;
mod scale;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

pub(crate) use app::{App, AppProps};

/// What the user did that the controller must act on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UiEvent {
    /// A score was chosen (not sent yet: see `rules::submission`).
    Pick(u8),
    /// The debounce ended: send the chosen score now.
    Commit,
    /// Send was pressed with this comment (possibly empty).
    Send(String),
    /// Close or Escape before Send.
    Dismiss,
    /// "Ask me later".
    Snooze,
    /// "Don't ask me again".
    OptOut,
    /// The thank-you has been shown long enough, or was closed.
    Done,
}

/// The stylesheet of the shadow root, compiled in.
const CSS: &str = include_str!("style.css");

/// A prompt on the page.
pub(crate) struct Mounted {
    host: Element,
    app: AppHandle<App>,
}

/// Appends `<div data-nps-widget>` to `<body>` with the prompt inside its
/// shadow root.
pub(crate) fn mount(props: AppProps) -> Result<Mounted, JsValue> {
    let document = crate::browser::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no <body> yet"))?;
    let host = document.create_element("div")?;
    host.set_attribute("data-nps-widget", "")?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(CSS));
    shadow.append_child(&style)?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    body.append_child(&host)?;
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(Mounted { host, app })
}

impl Mounted {
    /// Whether keyboard focus is inside the prompt.
    pub(crate) fn has_focus(&self) -> bool {
        let active = self.host.owner_document().and_then(|d| d.active_element());
        active.as_ref() == Some(&self.host)
    }

    /// Removes the prompt, handing focus back to `restore` if the prompt had
    /// it (otherwise the user has moved on and focus is left alone).
    pub(crate) fn unmount(self, restore: Option<HtmlElement>) {
        let had_focus = self.has_focus();
        self.app.destroy();
        self.host.remove();
        if had_focus {
            if let Some(el) = restore.filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        }
    }
}

/// The element that has focus in the host page, to give focus back to it.
pub(crate) fn active_element() -> Option<HtmlElement> {
    crate::browser::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

//! The prompt's UI: a second wasm module (`nps-widget-ui`, Yew), which the
//! loader fetches only when a prompt is due, or prefetches at idle.
//!
//! The loader hands the core one function, `ui(now)`: `ui(true)` returns a
//! promise of the ui module (loading it if needed), `ui(false)` only asks
//! for it to be fetched when the page is idle, at low priority. The module
//! exports `mount(host, props, onEvent)`, which renders the prompt into a
//! shadow root of `host` and returns a handle with `update(props)` and
//! `destroy()` (see `nps-widget-ui`'s `module`). The core owns the host
//! element: it places it, and removes it and gives focus back when the
//! prompt closes.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::machine::UiProps;

/// The loader's `ui(now)`.
#[derive(Clone)]
pub(crate) struct Loader(pub(crate) Function);

impl Loader {
    /// The ui module, loaded now.
    pub(crate) fn load(&self) -> Result<Promise, JsValue> {
        self.0.call1(&JsValue::NULL, &JsValue::TRUE)?.dyn_into()
    }

    /// Asks for the ui module to be fetched at idle priority.
    pub(crate) fn prefetch(&self) {
        let _ = self.0.call1(&JsValue::NULL, &JsValue::FALSE);
    }
}

/// What the prompt shows: `{locale, question?, follow_up?, locked,
/// thanking, brand_color?, position, theme}`.
pub(crate) fn props(p: &UiProps) -> JsValue {
    let o = Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    };
    let text = |name: &str, value: Option<&str>| {
        if let Some(v) = value {
            set(name, &JsValue::from_str(v));
        }
    };
    text("locale", Some(p.locale.code()));
    text("question", p.texts.question.as_deref());
    text("follow_up", p.texts.follow_up.as_deref());
    set("locked", &JsValue::from_bool(p.locked));
    set("thanking", &JsValue::from_bool(p.thanking));
    let look = &p.appearance;
    text("brand_color", look.brand_color.as_deref());
    text("position", Some(&look.position));
    text("theme", Some(&look.theme));
    o.into()
}

/// What the prompt reports: `(kind, value)`.
pub(crate) type OnEvent = Closure<dyn FnMut(JsValue, JsValue)>;

/// A prompt on the page.
pub(crate) struct Mounted {
    host: Element,
    handle: JsValue,
    _on_event: OnEvent,
}

/// Appends `<div data-nps-widget>` to `<body>` and mounts the prompt in it.
pub(crate) fn mount(
    module: &JsValue,
    props: &JsValue,
    on_event: OnEvent,
) -> Result<Mounted, JsValue> {
    let document = super::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no <body> yet"))?;
    let mount: Function = Reflect::get(module, &JsValue::from_str("mount"))?.dyn_into()?;
    let host = document.create_element("div")?;
    host.set_attribute("data-nps-widget", "")?;
    body.append_child(&host)?;
    match mount.call3(module, &host, props, on_event.as_ref()) {
        Ok(handle) => Ok(Mounted {
            host,
            handle,
            _on_event: on_event,
        }),
        Err(e) => {
            host.remove();
            Err(e)
        }
    }
}

impl Mounted {
    /// The mounted prompt's handle, to call without holding any borrow.
    pub(crate) fn handle(&self) -> JsValue {
        self.handle.clone()
    }

    /// Removes the prompt, handing focus back to `restore` if the prompt had
    /// it (otherwise the user has moved on and focus is left alone).
    pub(crate) fn unmount(self, restore: Option<HtmlElement>) {
        let active = self.host.owner_document().and_then(|d| d.active_element());
        let had_focus = active.as_ref() == Some(&self.host);
        call(&self.handle, "destroy", None);
        self.host.remove();
        if had_focus {
            if let Some(el) = restore.filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        }
    }
}

/// Calls a mounted prompt's `update(props)` or `destroy()`.
pub(crate) fn call(handle: &JsValue, method: &str, arg: Option<&JsValue>) {
    let f = Reflect::get(handle, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let called = match (f, arg) {
        (Some(f), Some(arg)) => f.call1(handle, arg),
        (Some(f), None) => f.call0(handle),
        (None, _) => Err(JsValue::from_str(method)),
    };
    if let Err(e) = called {
        super::log::warn_with("the prompt failed", &e);
    }
}

/// The element that has focus in the host page, to give focus back to it.
pub(crate) fn active_element() -> Option<HtmlElement> {
    super::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

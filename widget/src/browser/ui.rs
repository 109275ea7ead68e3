//! The lazily loaded module (`nps-widget-lazy`: the prompt's UI, Yew, and
//! the outbox's delivery), which the loader fetches only when a prompt is
//! due, or prefetches at idle.
//!
//! The loader hands the core one function, `ui(now, code)`: `ui(true,
//! code)` returns a promise of the ui module (loading it if needed) given
//! the texts of language `code` (fetched beside it unless English), `ui(false)` fetches it
//! when the page is idle, at low priority (a promise of the module, or of
//! `undefined` if it failed). The module exports `mount(props, onEvent)`,
//! which appends the prompt's host element to `<body>`, renders the prompt
//! into a shadow root of it and returns a handle with `update(props)` and
//! `destroy()` (which removes the host and gives focus back; see
//! `nps-widget-lazy`'s `prompt`), and the outbox's delivery (see
//! `controller::outbox`): what only a prompt or an answer to send needs is
//! in the lazily loaded module, not here.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::read;
use crate::machine::UiProps;

/// The loader's `ui(now, code)`.
#[derive(Clone)]
pub(crate) struct Loader(pub(crate) Function);

impl Loader {
    /// The ui module, loaded now, with the texts of language `code` (the
    /// loader fetches them beside the module unless it is English).
    pub(crate) fn load(&self, code: &str) -> Result<Promise, JsValue> {
        self.0
            .call2(&JsValue::NULL, &JsValue::TRUE, &JsValue::from_str(code))?
            .dyn_into()
    }

    /// Asks for the ui module to be fetched at idle priority: a promise of
    /// it, or of `undefined` if it could not be loaded (never rejected).
    pub(crate) fn prefetch(&self) -> JsValue {
        self.0
            .call1(&JsValue::NULL, &JsValue::FALSE)
            .unwrap_or_default()
    }
}

/// What the prompt shows: `{locale, locked, thanking, failed, moment?,
/// variant?, appearance?}`. `moment` (its texts and variants) and
/// `appearance` are the config's JSON as it is, which the lazily loaded
/// module reads; `variant` is the index of the person's variant.
pub(crate) fn props(p: &UiProps, config: Option<JsValue>) -> JsValue {
    let o = Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    };
    set("locale", &JsValue::from_str(p.locale.code()));
    set("locked", &JsValue::from_bool(p.locked));
    set("thanking", &JsValue::from_bool(p.thanking));
    set("failed", &JsValue::from_bool(p.failed));
    if let Some(config) = config {
        set(
            "appearance",
            &read::field(&config, "appearance").unwrap_or_default(),
        );
        if let (Some(i), Some(moments)) = (p.moment, read::field(&config, "moments")) {
            set(
                "moment",
                &Reflect::get_u32(&moments, i as u32).unwrap_or_default(),
            );
        }
    }
    if let Some(v) = p.variant {
        set("variant", &JsValue::from(v as u32));
    }
    o.into()
}

/// What the prompt reports: `(kind, value)`.
pub(crate) type OnEvent = Closure<dyn FnMut(JsValue, JsValue)>;

/// A prompt on the page.
pub(crate) struct Mounted {
    handle: JsValue,
    _on_event: OnEvent,
}

/// Mounts the prompt (the module places its host element).
pub(crate) fn mount(
    module: &JsValue,
    props: &JsValue,
    on_event: OnEvent,
) -> Result<Mounted, JsValue> {
    let mount: Function = Reflect::get(module, &JsValue::from_str("mount"))?.dyn_into()?;
    let handle = mount.call2(module, props, on_event.as_ref())?;
    Ok(Mounted {
        handle,
        _on_event: on_event,
    })
}

impl Mounted {
    /// The mounted prompt's handle, to call without holding any borrow.
    pub(crate) fn handle(&self) -> JsValue {
        self.handle.clone()
    }

    /// Removes the prompt (the module gives focus back if it had it).
    pub(crate) fn unmount(self) {
        call(&self.handle, "destroy", None);
    }
}

/// A method of a JS object (the module's, its outbox's, a prompt's).
pub(crate) fn method(o: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(o, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

/// Calls a mounted prompt's `update(props)` or `destroy()`.
pub(crate) fn call(handle: &JsValue, name: &str, arg: Option<&JsValue>) {
    let called = match (method(handle, name), arg) {
        (Some(f), Some(arg)) => f.call1(handle, arg),
        (Some(f), None) => f.call0(handle),
        (None, _) => Err(JsValue::from_str(name)),
    };
    if let Err(e) = called {
        super::log::warn_with("the prompt failed", &e);
    }
}

//! The host app's `nps('on', name, fn)` listeners.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::browser::log;

/// Which [`Notice`](crate::machine::Notice) a listener hears: the name in
/// `nps('on', name, fn)`, without the notice's detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoticeKind {
    /// The prompt appeared; detail `{moment}` (`null` for `show()`).
    Shown,
    /// A score was stored (`{score, comment: null}`), then again when a
    /// comment is sent (`{score, comment}`).
    Answered,
    /// Closed (Close or Escape) before Send; detail `{moment, score}` with
    /// the score sent, if any.
    Dismissed,
}

impl NoticeKind {
    /// The notice named in `nps('on', name, fn)`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "shown" => Some(Self::Shown),
            "answered" => Some(Self::Answered),
            "dismissed" => Some(Self::Dismissed),
            _ => None,
        }
    }
}

/// Registered listeners, in registration order.
#[derive(Default)]
pub(crate) struct Listeners(Vec<(NoticeKind, Function)>);

impl Listeners {
    /// Adds a listener.
    pub(crate) fn add(&mut self, kind: NoticeKind, f: Function) {
        self.0.push((kind, f));
    }

    /// The listeners of `kind`, cloned so they can be called without
    /// holding any borrow: a listener may well call `nps(...)` again.
    pub(crate) fn of(&self, kind: NoticeKind) -> Vec<Function> {
        self.0
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, f)| f.clone())
            .collect()
    }
}

/// Calls each listener with `detail`; one that throws is logged and the
/// others still run.
pub(crate) fn dispatch(listeners: &[Function], detail: &JsValue) {
    for f in listeners {
        if let Err(e) = f.call1(&JsValue::UNDEFINED, detail) {
            log::warn_with("an nps('on') listener threw", &e);
        }
    }
}

/// A plain `{name: value, …}` object for a notice's detail.
pub(crate) fn detail(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// `value`, or `null` (not `undefined`, which `JSON.stringify` would drop).
pub(crate) fn nullable<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}

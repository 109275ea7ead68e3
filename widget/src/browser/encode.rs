//! The JSON the widget writes (request bodies, the stored outbox), built as
//! plain JS objects and turned to text by the browser's `JSON.stringify`.
//!
//! This is `Serialize` by hand, on purpose, like [`super::read`] is
//! `Deserialize` by hand: `serde-wasm-bindgen` and the derived impls cost
//! about 4 KB (brotli) of the always-loaded wasm. The output must be what
//! serde writes for the `nps_protocol` types and `rules::outbox::Outbox`
//! (`None` fields left out where the types skip them), which the
//! conformance test (`tests/conformance.rs`) checks against serde itself.

use js_sys::{Array, Object, Reflect, JSON};
use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse, TraitValue, Traits};
use wasm_bindgen::JsValue;

use crate::rules::outbox::{Entry, Outbox, Request};

/// Sets property `name` of `o`.
pub(crate) fn set(o: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(name), value);
}

/// Sets a string property, or leaves it out (`skip_serializing_if`).
fn text(o: &Object, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        set(o, name, &JsValue::from_str(v));
    }
}

/// `JSON.stringify(value)`.
pub(crate) fn stringify(value: &JsValue) -> Option<String> {
    JSON::stringify(value).ok()?.as_string()
}

fn traits(traits: &Traits) -> Object {
    let o = Object::new();
    for (name, value) in traits {
        let v = match value {
            TraitValue::Bool(b) => JsValue::from_bool(*b),
            TraitValue::Number(n) => JsValue::from_f64(*n),
            TraitValue::Text(t) => JsValue::from_str(t),
        };
        set(&o, name, &v);
    }
    o
}

/// A [`NewResponse`].
pub fn response(r: &NewResponse) -> Object {
    let o = Object::new();
    set(&o, "id", &JsValue::from_str(&r.id));
    set(&o, "key", &JsValue::from_str(&r.key));
    set(&o, "score", &JsValue::from(r.score));
    text(&o, "comment", r.comment.as_deref());
    text(&o, "user_id", r.user_id.as_deref());
    text(&o, "user_hash", r.user_hash.as_deref());
    text(&o, "moment", r.moment.as_deref());
    text(&o, "variant", r.variant.as_deref());
    if let Some(t) = &r.traits {
        set(&o, "traits", &traits(t));
    }
    text(&o, "locale", r.locale.as_deref());
    text(&o, "url", r.url.as_deref());
    text(&o, "secret", r.secret.as_deref());
    o
}

/// A [`CommentUpdate`].
pub fn comment(u: &CommentUpdate) -> Object {
    let o = Object::new();
    set(&o, "key", &JsValue::from_str(&u.key));
    set(&o, "comment", &JsValue::from_str(&u.comment));
    text(&o, "secret", u.secret.as_deref());
    text(&o, "user_hash", u.user_hash.as_deref());
    o
}

/// An [`EventKind`] as serde names it.
pub(crate) fn kind(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Shown => "shown",
        EventKind::Declined => "declined",
        EventKind::Snoozed => "snoozed",
        EventKind::OptedOut => "opted_out",
        EventKind::NoticeSeen => "notice_seen",
    }
}

/// A [`NewEvent`].
pub fn event(e: &NewEvent) -> Object {
    let o = Object::new();
    set(&o, "id", &JsValue::from_str(&e.id));
    set(&o, "key", &JsValue::from_str(&e.key));
    set(&o, "kind", &JsValue::from_str(kind(e.kind)));
    text(&o, "moment", e.moment.as_deref());
    text(&o, "variant", e.variant.as_deref());
    text(&o, "user_id", e.user_id.as_deref());
    text(&o, "user_hash", e.user_hash.as_deref());
    text(&o, "notice", e.notice.as_deref());
    o
}

/// A [`Request`], externally tagged as serde does:
/// `{"response": …}`, `{"comment": {"id", "update"}}`, `{"event": …}`.
pub(crate) fn request(r: &Request) -> Object {
    let o = Object::new();
    match r {
        Request::Response(body) => set(&o, "response", &response(body)),
        Request::Comment { id, update } => {
            let c = Object::new();
            set(&c, "id", &JsValue::from_str(id));
            set(&c, "update", &comment(update));
            set(&o, "comment", &c);
        }
        Request::Event(body) => set(&o, "event", &event(body)),
    }
    o
}

fn entry(e: &Entry) -> Object {
    let o = Object::new();
    set(&o, "request", &request(&e.request));
    set(&o, "attempts", &JsValue::from(e.attempts));
    set(&o, "due", &JsValue::from_f64(e.due));
    set(&o, "lease", &JsValue::from_f64(e.lease));
    o
}

/// The stored [`Outbox`]: `{"entries": [...], "dropped": n}`.
pub fn outbox(outbox: &Outbox) -> Object {
    let o = Object::new();
    let entries: Array = outbox.entries.iter().map(entry).collect();
    set(&o, "entries", &entries);
    set(&o, "dropped", &JsValue::from(outbox.dropped));
    o
}

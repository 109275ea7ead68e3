//! The outbox's stored form, read back: `localStorage` key
//! `nps:<projectKey>:outbox`, kept by the lazily loaded module's outbox
//! store (`crate::lazy::outbox_store`).
//!
//! The stored value is the JSON of [`Outbox`] as serde would write it:
//! `{"entries":[{"request":{"response":{…NewResponse}},"attempts":0,
//! "due":1700000000000,"lease":0}, …],"dropped":0}`, where `request` is one
//! of `{"response": NewResponse}`, `{"comment": {"id", "update":
//! CommentUpdate}}` or `{"event": NewEvent}`. It is built by hand
//! ([`super::encode`]), written with the browser's `JSON.stringify` and read
//! back field by field (no serde in the wasm, see [`super::read`]); an
//! entry that does not read back is skipped.

use js_sys::Array;
use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse, Traits};
use wasm_bindgen::JsValue;

use super::read::{entries, field, number, text, trait_value};
use crate::rules::outbox::{Entry, Outbox, Request};

/// Reads a stored outbox back; entries that do not read are skipped.
pub fn decode(json: &JsValue) -> Outbox {
    let entries = field(json, "entries").filter(Array::is_array);
    Outbox {
        entries: entries
            .map(|a| Array::from(&a).iter().filter_map(|e| entry(&e)).collect())
            .unwrap_or_default(),
        dropped: number(json, "dropped").map_or(0, |n| n as u32),
    }
}

fn entry(json: &JsValue) -> Option<Entry> {
    Some(Entry {
        request: request(&field(json, "request")?)?,
        attempts: number(json, "attempts").map_or(0, |n| n as u32),
        due: number(json, "due").unwrap_or(0.0),
        lease: number(json, "lease").unwrap_or(0.0),
    })
}

/// A stored [`Request`]: `{"response": …}`, `{"comment": {"id",
/// "update"}}` or `{"event": …}`.
pub(crate) fn request(r: &JsValue) -> Option<Request> {
    Some(
        if let Some(r) = field(r, "response").filter(JsValue::is_object) {
            Request::Response(response(&r)?)
        } else if let Some(c) = field(r, "comment").filter(JsValue::is_object) {
            let update = field(&c, "update")?;
            Request::Comment {
                id: text(&c, "id")?,
                update: CommentUpdate {
                    key: text(&update, "key")?,
                    comment: text(&update, "comment")?,
                    secret: text(&update, "secret"),
                    user_hash: text(&update, "user_hash"),
                },
            }
        } else {
            Request::Event(event(&field(r, "event")?)?)
        },
    )
}

fn response(json: &JsValue) -> Option<NewResponse> {
    let score = number(json, "score").filter(|s| (0.0..=10.0).contains(s))?;
    // Inserted one by one: `collect` into a map sorts first, and a sort
    // instance costs kilobytes of wasm.
    let traits = entries(json, "traits").map(|pairs| {
        let mut traits = Traits::new();
        for (name, v) in pairs {
            if let Some(v) = trait_value(&v) {
                traits.insert(name, v);
            }
        }
        traits
    });
    Some(NewResponse {
        variant: text(json, "variant"),
        id: text(json, "id")?,
        key: text(json, "key")?,
        score: score as u8,
        comment: text(json, "comment"),
        user_id: text(json, "user_id"),
        user_hash: text(json, "user_hash"),
        moment: text(json, "moment"),
        traits,
        locale: text(json, "locale"),
        url: text(json, "url"),
        secret: text(json, "secret"),
    })
}

fn event(json: &JsValue) -> Option<NewEvent> {
    let kind = match text(json, "kind")?.as_str() {
        "shown" => EventKind::Shown,
        "declined" => EventKind::Declined,
        "snoozed" => EventKind::Snoozed,
        "opted_out" => EventKind::OptedOut,
        "notice_seen" => EventKind::NoticeSeen,
        _ => return None,
    };
    Some(NewEvent {
        variant: text(json, "variant"),
        id: text(json, "id")?,
        key: text(json, "key")?,
        kind,
        moment: text(json, "moment"),
        user_id: text(json, "user_id"),
        user_hash: text(json, "user_hash"),
        notice: text(json, "notice"),
    })
}

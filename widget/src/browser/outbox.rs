//! The outbox's home: `localStorage` key `nps:<projectKey>:outbox`.
//!
//! The stored value is the JSON of [`Outbox`] as serde writes it:
//! `{"entries":[{"request":{"response":{…NewResponse}},"attempts":0,
//! "due":1700000000000,"lease":0}, …],"dropped":0}`, where `request` is one
//! of `{"response": NewResponse}`, `{"comment": {"id", "update":
//! CommentUpdate}}` or `{"event": NewEvent}`. It is written with the
//! browser's `JSON.stringify` and read back field by field (no serde
//! deserialiser in the wasm, see [`super::read`]); an entry that does not
//! read back is skipped.
//!
//! When storage is unavailable or full the outbox still works for this page
//! view, from memory.

use js_sys::{Array, JSON};
use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse, Traits};
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::read::{field, number, text, trait_value};
use super::{log, storage};
use crate::rules::outbox::{Entry, Outbox, Request};

/// The outbox of one project, in `localStorage` with a copy in memory.
pub(crate) struct OutboxStore {
    key: String,
    memory: Outbox,
    /// Whether the last write reached `localStorage`.
    durable: bool,
}

impl OutboxStore {
    /// The outbox of project `key`.
    pub(crate) fn new(key: &str) -> Self {
        Self {
            key: storage::item_key(key, "outbox"),
            memory: Outbox::default(),
            durable: true,
        }
    }

    /// The current outbox: as stored (another tab may have changed it), or
    /// the copy in memory when storage cannot be read or written.
    pub(crate) fn load(&self) -> Outbox {
        if self.durable {
            if let Some(raw) = storage::get(&self.key) {
                return match JSON::parse(&raw) {
                    Ok(json) => outbox(&json),
                    Err(e) => {
                        log::warn_with("unreadable outbox in localStorage; starting afresh", &e);
                        Outbox::default()
                    }
                };
            }
            if storage::available() {
                return Outbox::default();
            }
        }
        self.memory.clone()
    }

    /// Forgets the count of entries dropped for lack of room, so that an
    /// outbox with nothing left to deliver leaves no key behind
    /// (`reset()`, `consent(false)`).
    pub(crate) fn forget_dropped(&mut self) {
        let mut outbox = self.load();
        if outbox.dropped > 0 {
            outbox.dropped = 0;
            self.save(outbox);
        }
    }

    /// Stores `outbox` (an empty one removes the key).
    pub(crate) fn save(&mut self, outbox: Outbox) {
        self.durable = if outbox.entries.is_empty() && outbox.dropped == 0 {
            storage::remove(&self.key)
        } else {
            match to_json(&outbox) {
                Ok(text) => storage::set(&self.key, &text),
                Err(e) => {
                    log::warn_with("could not serialise the outbox", &e);
                    false
                }
            }
        };
        self.memory = outbox;
    }
}

/// `JSON.stringify` of a serde value.
pub(crate) fn to_json(value: &impl Serialize) -> Result<String, JsValue> {
    // `json_compatible` turns maps (the traits) into plain objects, not
    // `Map`s, which `JSON.stringify` would render as `{}`.
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
    Ok(String::from(JSON::stringify(&value)?))
}

fn outbox(json: &JsValue) -> Outbox {
    let entries = field(json, "entries").filter(Array::is_array);
    Outbox {
        entries: entries
            .map(|a| Array::from(&a).iter().filter_map(|e| entry(&e)).collect())
            .unwrap_or_default(),
        dropped: number(json, "dropped").map_or(0, |n| n as u32),
    }
}

fn entry(json: &JsValue) -> Option<Entry> {
    let r = field(json, "request")?;
    let request = if let Some(r) = field(&r, "response").filter(JsValue::is_object) {
        Request::Response(response(&r)?)
    } else if let Some(c) = field(&r, "comment").filter(JsValue::is_object) {
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
        Request::Event(event(&field(&r, "event")?)?)
    };
    Some(Entry {
        request,
        attempts: number(json, "attempts").map_or(0, |n| n as u32),
        due: number(json, "due").unwrap_or(0.0),
        lease: number(json, "lease").unwrap_or(0.0),
    })
}

fn response(json: &JsValue) -> Option<NewResponse> {
    let score = number(json, "score").filter(|s| (0.0..=10.0).contains(s))?;
    let traits = field(json, "traits").filter(JsValue::is_object).map(|t| {
        js_sys::Object::entries(&t.into())
            .iter()
            .filter_map(|kv| {
                let kv = Array::from(&kv);
                Some((kv.get(0).as_string()?, trait_value(&kv.get(1))?))
            })
            .collect::<Traits>()
    });
    Some(NewResponse {
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
        _ => return None,
    };
    Some(NewEvent {
        id: text(json, "id")?,
        key: text(json, "key")?,
        kind,
        moment: text(json, "moment"),
        user_id: text(json, "user_id"),
        user_hash: text(json, "user_hash"),
    })
}

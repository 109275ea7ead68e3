//! The outbox's home: `localStorage` key `nps:<projectKey>:outbox`.
//!
//! The stored value is the JSON of [`Outbox`] as serde would write it:
//! `{"entries":[{"request":{"response":{…NewResponse}},"attempts":0,
//! "due":1700000000000,"lease":0}, …],"dropped":0}`, where `request` is one
//! of `{"response": NewResponse}`, `{"comment": {"id", "update":
//! CommentUpdate}}` or `{"event": NewEvent}`. It is built by hand
//! ([`super::encode`]), written with the browser's `JSON.stringify` and read
//! back field by field (no serde in the wasm, see [`super::read`]); an
//! entry that does not read back is skipped.
//!
//! When storage is unavailable or full the outbox still works for this page
//! view, from memory.

use js_sys::{Array, JSON};
use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse, Traits};
use wasm_bindgen::JsValue;

use super::read::{entries, field, number, text, trait_value};
use super::{encode, log, storage};
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
                    Ok(json) => decode(&json),
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
            match encode::stringify(&encode::outbox(&outbox)) {
                Some(text) => storage::set(&self.key, &text),
                None => {
                    log::warn("could not serialise the outbox");
                    false
                }
            }
        };
        self.memory = outbox;
    }
}

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

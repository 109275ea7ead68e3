//! The outbox's home: `localStorage` key `nps:<projectKey>:outbox`, in the
//! stored form `browser::outbox` reads back and `browser::encode` writes.
//!
//! When storage is unavailable or full the outbox still works for this page
//! view, from memory.

use js_sys::JSON;

use crate::browser::{encode, log, outbox, storage};
use crate::rules::outbox::Outbox;

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
                    Ok(json) => outbox::decode(&json),
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

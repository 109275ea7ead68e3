//! The outbox: what the user answered, kept until the collector has it.
//!
//! Every write to the collector (a response's `POST`, its comment's `PATCH`,
//! an impression event) carries a client-generated id and is idempotent on
//! the server, so it can be sent again safely until the collector
//! acknowledges it. The browser adapter persists an [`Outbox`] in
//! `localStorage`, so a write survives a failed request, a reload or a
//! closed tab, and is sent on the next page load at the latest.
//!
//! This module is the bookkeeping only: which entries are due, what an
//! answer from the collector does to them, when to try again. Time and
//! randomness are arguments.
//!
//! - **Order per response.** A comment must not reach the collector before
//!   its response: an entry is never due while an earlier entry for the same
//!   response is queued. Better still, a comment pushed while its response's
//!   `POST` is still queued is merged into that `POST` (one request fewer).
//! - **Backoff.** A transient failure (network error, 5xx, 408, 429) is
//!   retried after a delay drawn uniformly from `[0, min(CAP, BASE·2ⁿ⁻¹)]`
//!   ("full jitter"), or after the server's `Retry-After` if that is longer.
//! - **Permanent failure.** Any other 4xx means the collector refused the
//!   payload for good (unknown key, invalid field, bad signature): the entry
//!   is dropped rather than retried forever.
//! - **Bounded.** Past [`CAP`] entries the oldest is dropped and counted in
//!   [`Outbox::dropped`].
//! - **Leases.** An entry being sent is leased until a deadline, so a timer
//!   or another tab does not send it again meanwhile; a lease left by a tab
//!   that died simply expires.

mod retry;

use nps_protocol::{CommentUpdate, NewEvent, NewResponse};
use serde::Serialize;

pub use retry::{backoff, Outcome, BASE_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS};

/// Most entries kept; beyond this the oldest is dropped.
pub const CAP: usize = 200;
/// How long an entry being sent is reserved for that request (ms).
pub const LEASE_MS: f64 = 10_000.0;

/// One write to the collector.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// `POST /api/v1/responses`.
    Response(NewResponse),
    /// `PATCH /api/v1/responses/{id}` with the comment of response `id`.
    Comment {
        /// The response's id.
        id: String,
        /// The body.
        update: CommentUpdate,
    },
    /// `POST /api/v1/events`.
    Event(NewEvent),
}

impl Request {
    /// The response this request belongs to, if any (for ordering).
    pub fn response_id(&self) -> Option<&str> {
        match self {
            Self::Response(r) => Some(&r.id),
            Self::Comment { id, .. } => Some(id),
            Self::Event(_) => None,
        }
    }

    /// Whether `other` is the same write (same kind, same id), whatever its
    /// content.
    pub fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Response(a), Self::Response(b)) => a.id == b.id,
            (Self::Comment { id: a, .. }, Self::Comment { id: b, .. }) => a == b,
            (Self::Event(a), Self::Event(b)) => a.id == b.id,
            _ => false,
        }
    }
}

/// A queued request and its delivery state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// What to send.
    pub request: Request,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not to be sent before this time (ms since the epoch).
    pub due: f64,
    /// Reserved by a request in flight until this time (0: not reserved).
    pub lease: f64,
}

/// What [`Outbox::push`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// Appended to the queue.
    Queued,
    /// A comment folded into its response's queued `POST`.
    Merged,
    /// Appended, and the oldest entry dropped to stay within [`CAP`].
    DroppedOldest,
}

/// The queue of unacknowledged writes, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outbox {
    /// The entries, in the order they were pushed.
    pub entries: Vec<Entry>,
    /// How many entries were ever dropped to respect [`CAP`].
    pub dropped: u32,
}

impl Outbox {
    /// Queues `request`, due now. A comment whose response's `POST` is
    /// still queued rides in that `POST` instead; a second comment for the
    /// same response replaces the first.
    pub fn push(&mut self, request: Request, now: f64) -> Pushed {
        if let Request::Comment { id, update } = &request {
            for e in &mut self.entries {
                match &mut e.request {
                    Request::Response(r) if r.id == *id => {
                        r.comment = Some(update.comment.clone());
                        return Pushed::Merged;
                    }
                    Request::Comment {
                        id: queued,
                        update: u,
                    } if queued == id => {
                        u.comment.clone_from(&update.comment);
                        return Pushed::Merged;
                    }
                    _ => {}
                }
            }
        }
        self.entries.push(Entry {
            request,
            attempts: 0,
            due: now,
            lease: 0.0,
        });
        if self.entries.len() > CAP {
            self.entries.remove(0);
            self.dropped = self.dropped.saturating_add(1);
            return Pushed::DroppedOldest;
        }
        Pushed::Queued
    }

    /// Takes the entries to send now and leases them until `lease_until`
    /// (pass `now` for no lease). An entry is due when its time has come,
    /// nobody holds it, and no earlier entry of its response is queued.
    pub fn take_due(&mut self, now: f64, lease_until: f64) -> Vec<Request> {
        let mut blocked: Vec<String> = Vec::new();
        let mut due = Vec::new();
        for e in &mut self.entries {
            let response = e.request.response_id();
            if response.is_some_and(|r| blocked.iter().any(|b| b == r)) {
                continue;
            }
            if let Some(r) = response {
                blocked.push(r.to_owned());
            }
            if e.due <= now && e.lease <= now {
                e.lease = lease_until;
                due.push(e.request.clone());
            }
        }
        due
    }

    /// Makes every entry nobody holds due now, keeping its attempt count:
    /// for a new page load, the network coming back, or the page's last
    /// chance before it goes away.
    pub fn wake(&mut self, now: f64) {
        for e in &mut self.entries {
            if e.lease <= now {
                e.due = e.due.min(now);
            }
        }
    }

    /// Applies the collector's answer to `sent`. Returns `true` if the entry
    /// was dropped as refused (for the caller to log). If the entry changed
    /// while `sent` was in flight (a comment was merged in), a success does
    /// not remove it: the part not yet delivered stays queued.
    pub fn settle(&mut self, sent: &Request, outcome: Outcome, now: f64, random: f64) -> bool {
        let Some(i) = self.entries.iter().position(|e| e.request.same(sent)) else {
            return false; // settled by another tab, or dropped
        };
        let e = &mut self.entries[i];
        e.lease = 0.0;
        match outcome {
            Outcome::Stored if e.request == *sent => {
                self.entries.remove(i);
            }
            Outcome::Stored => {
                // The response is stored without the comment merged since:
                // the collector keeps the first POST, so send it as a PATCH.
                if let (Request::Response(queued), Request::Response(_)) = (&e.request, sent) {
                    if let Some(comment) = queued.comment.clone() {
                        e.request = Request::Comment {
                            id: queued.id.clone(),
                            update: CommentUpdate {
                                key: queued.key.clone(),
                                comment,
                                secret: queued.secret.clone(),
                                user_hash: queued.user_hash.clone(),
                            },
                        };
                    }
                }
                e.attempts = 0;
                e.due = now;
            }
            Outcome::Refused => {
                self.entries.remove(i);
                return true;
            }
            Outcome::Retry { retry_after } => {
                e.attempts = e.attempts.saturating_add(1);
                let wait = backoff(e.attempts, random)
                    .max(retry_after.unwrap_or(0.0).min(MAX_RETRY_AFTER_MS));
                e.due = now + wait;
            }
        }
        false
    }

    /// When the next entry becomes sendable (possibly already), if any:
    /// the earliest due time, or lease expiry, among entries not waiting
    /// behind an earlier entry of their response.
    pub fn next_due(&self) -> Option<f64> {
        let mut seen: Vec<&str> = Vec::new();
        let mut next: Option<f64> = None;
        for e in &self.entries {
            if let Some(r) = e.request.response_id() {
                if seen.contains(&r) {
                    continue;
                }
                seen.push(r);
            }
            let at = e.due.max(e.lease);
            next = Some(next.map_or(at, |n| n.min(at)));
        }
        next
    }
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

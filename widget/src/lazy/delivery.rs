//! Delivering the outbox: every write to the collector is queued in
//! `localStorage` first (`outbox_store`) and removed only once the
//! collector acknowledged it; the rules of what is due and what is retried
//! are in `crate::rules::outbox`.
//!
//! This runs in the lazily loaded module, not in the always-loaded core: a
//! page view with nothing to deliver never needs it. The core hands it each write to queue, and asks it to flush at `init`
//! (entries left by an earlier page or a closed tab: the core loads the
//! module for them only when the outbox key exists), when the network
//! comes back (`online`), and when the page is hidden or left
//! (`visibilitychange`, `pagehide`: `keepalive` requests outlive the page);
//! it flushes itself when a write is queued and on a timer for the next
//! retry.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use js_sys::Function;
use wasm_bindgen::JsValue;

use super::outbox_store::OutboxStore;
use crate::browser::outbox::request;
use crate::browser::{self, clock, http, log};
use crate::machine::Flush;
use crate::rules::outbox::{Outbox, Outcome, Pushed, Request, LEASE_MS};

/// The outbox of one project and its delivery.
pub struct Delivery {
    inner: RefCell<Inner>,
    /// The core's answer to "where to, now?": the collector's origin while
    /// privacy lets answers be delivered, else `undefined`.
    host: Function,
    me: Weak<Delivery>,
}

struct Inner {
    store: OutboxStore,
    /// The pending retry, if any (dropping a `Timeout` cancels it).
    timer: Option<Timeout>,
    /// Told of each write the collector refused for good (see
    /// [`Delivery::on_refused`]).
    refused: Option<Function>,
}

impl Delivery {
    /// The outbox of project `key`; `host()` says where to deliver.
    pub fn new(key: &str, host: Function) -> Rc<Self> {
        Rc::new_cyclic(|me| Self {
            inner: RefCell::new(Inner {
                store: OutboxStore::new(key),
                timer: None,
                refused: None,
            }),
            host,
            me: me.clone(),
        })
    }

    /// From now on, each write the collector refuses for good calls
    /// `refused(response, code)`: the id of the response it belongs to (a
    /// score's `POST`, a comment's `PATCH`; `undefined` for an event) and
    /// the problem's `code` (`undefined` without one). The prompt showing
    /// that answer must not claim it was recorded, and a refusal of the
    /// page's origin or key stops later prompts (`crate::machine::Event::Refused`).
    pub fn on_refused(&self, refused: Function) {
        self.inner.borrow_mut().refused = Some(refused);
    }

    /// Queues a write, in its stored form (`{"response": …}`,
    /// `{"comment": {"id", "update"}}` or `{"event": …}`), and sends it in
    /// the next task. It is stored at once, so nothing is lost; the request
    /// itself waits a task so that the prompt's `shown` event does not hold
    /// up its first frame (a `fetch` costs about a millisecond of main
    /// thread).
    pub fn enqueue(&self, stored: &JsValue) {
        let Some(request) = request(stored) else {
            return log::warn("unreadable write; not queued");
        };
        {
            let mut r = self.inner.borrow_mut();
            let mut outbox = r.store.load();
            if outbox.push(request, clock::now_ms()) == Pushed::DroppedOldest {
                log::warn_with(
                    "outbox full: dropped the oldest unsent request; dropped so far:",
                    &outbox.dropped.into(),
                );
            }
            r.store.save(outbox);
        }
        self.arm(0.0);
    }

    /// Where writes go now, as the core says (`None` while privacy keeps
    /// them: not before consent, nor under a respected Do Not Track).
    pub fn host(&self) -> Option<String> {
        self.host
            .call0(&JsValue::UNDEFINED)
            .ok()
            .and_then(|h| h.as_string())
    }

    /// Forgets the count of entries dropped for lack of room (`reset()`,
    /// `consent(false)`).
    pub fn forget_dropped(&self) {
        self.inner.borrow_mut().store.forget_dropped();
    }

    /// Sends the entries `how` selects, each in its own request, if the
    /// core's `host()` allows delivery now (not before consent, nor under a
    /// respected Do Not Track; still after consent is withdrawn: those
    /// answers were given before).
    pub fn flush(&self, how: Flush) {
        let Some(host) = self.host() else {
            return;
        };
        let (due, next) = {
            let mut r = self.inner.borrow_mut();
            let now = clock::now_ms();
            let mut outbox = r.store.load();
            if how != Flush::Due {
                outbox.wake(now);
            }
            // A hidden page may be discarded at any moment, leaving a lease
            // nobody releases: lease entries only while the page is in view.
            let lease = if how == Flush::LastChance || browser::page_hidden() {
                now
            } else {
                now + LEASE_MS
            };
            let due = outbox.take_due(now, lease);
            let next = outbox.next_due();
            if !due.is_empty() {
                r.store.save(outbox);
            }
            (due, next)
        };
        for request in due {
            let me = self.me.clone();
            let sent = request.clone();
            http::send(
                &host,
                &sent,
                Box::new(move |outcome, code, detail| {
                    match outcome {
                        Outcome::Stored => {}
                        Outcome::Refused => {
                            log::warn_with(
                                "the collector refused a queued request; dropped",
                                &detail,
                            );
                        }
                        Outcome::Retry { .. } => {
                            log::warn_with("could not reach the collector; will retry", &detail);
                        }
                    }
                    if let Some(me) = me.upgrade() {
                        me.settle(&request, outcome);
                        if outcome == Outcome::Refused {
                            me.tell_refused(&request, code);
                        }
                    }
                }),
            );
        }
        self.schedule(next);
    }

    fn settle(&self, request: &Request, outcome: Outcome) {
        let next = {
            let mut r = self.inner.borrow_mut();
            let mut outbox: Outbox = r.store.load();
            outbox.settle(request, outcome, clock::now_ms(), js_sys::Math::random());
            let next = outbox.next_due();
            r.store.save(outbox);
            next
        };
        match outcome {
            // A stored response may have unblocked its comment.
            Outcome::Stored => self.flush(Flush::Due),
            _ => self.schedule(next),
        }
    }

    /// Tells whoever listens ([`Delivery::on_refused`]) of a write refused
    /// for good.
    fn tell_refused(&self, request: &Request, code: Option<String>) {
        // Not borrowed during the call: the core may queue or flush at once.
        let Some(refused) = self.inner.borrow().refused.clone() else {
            return;
        };
        let response = match request {
            Request::Response(r) => JsValue::from_str(&r.id),
            Request::Comment { id, .. } => JsValue::from_str(id),
            Request::Event(_) => JsValue::UNDEFINED,
        };
        let code = code.map_or(JsValue::UNDEFINED, JsValue::from);
        // A throwing core is not the page's problem.
        let _ = refused.call2(&JsValue::UNDEFINED, &response, &code);
    }

    /// Arms the one retry timer for `next` (ms since the epoch), replacing
    /// any earlier one.
    fn schedule(&self, next: Option<f64>) {
        match next {
            // Not sooner than 50 ms: a due entry in flight elsewhere must not
            // turn this into a busy loop.
            Some(at) => self.arm((at - clock::now_ms()).clamp(50.0, f64::from(i32::MAX))),
            None => drop(self.inner.borrow_mut().timer.take()),
        }
    }

    /// Flushes in `delay` ms, replacing any timer armed before (the flush
    /// arms the next one).
    fn arm(&self, delay: f64) {
        let me = self.me.clone();
        let timer = Timeout::new(delay as u32, move || {
            if let Some(me) = me.upgrade() {
                me.flush(Flush::Due);
            }
        });
        let _ = self.inner.borrow_mut().timer.replace(timer);
    }
}

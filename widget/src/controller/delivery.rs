//! Delivering the outbox: every write to the collector is queued in
//! `localStorage` first (`browser::outbox`) and removed only once the
//! collector acknowledged it; the rules of what is due and what is retried
//! are in `rules::outbox`.
//!
//! The outbox is flushed when a write is queued, at `init` (entries left by
//! an earlier page or a closed tab), when the network comes back
//! (`online`), when the page is hidden or left (`visibilitychange`,
//! `pagehide`: `keepalive` requests outlive the page), and on a timer for
//! the next retry.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use gloo_timers::callback::Timeout;

use super::Controller;
use crate::browser::{self, clock, http, log};
use crate::machine::{Event, Flush};
use crate::rules::outbox::{Outbox, Outcome, Pushed, Request, LEASE_MS};

impl Controller {
    /// Queues `request` for delivery and sends it in the next task (the
    /// machine queues nothing while privacy keeps the widget silent). It is
    /// stored at once, so nothing is lost; the request itself waits a task
    /// so that the prompt's `shown` event does not hold up its first frame
    /// (a `fetch` costs about a millisecond of main thread).
    pub(super) fn enqueue(&self, request: Request) {
        {
            let mut r = self.runner.borrow_mut();
            let Some(store) = r.outbox.as_mut() else {
                return;
            };
            let mut outbox = store.load();
            if outbox.push(request, clock::now_ms()) == Pushed::DroppedOldest {
                log::warn_with(
                    "outbox full: dropped the oldest unsent request; dropped so far:",
                    &outbox.dropped.into(),
                );
            }
            store.save(outbox);
        }
        self.arm(0.0);
    }

    /// Sends the entries `how` selects, each in its own request (not
    /// before consent, nor under a respected Do Not Track; still after
    /// consent is withdrawn: those answers were given before).
    pub(super) fn flush(&self, how: Flush) {
        let (host, due, next) = {
            let mut r = self.runner.borrow_mut();
            let r = &mut *r;
            let host = r
                .machine
                .as_ref()
                .filter(|s| s.delivers())
                .and_then(|s| s.project.as_ref())
                .map(|p| p.host.clone());
            let (Some(host), Some(store)) = (host, r.outbox.as_mut()) else {
                return;
            };
            let now = clock::now_ms();
            let mut outbox = store.load();
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
                store.save(outbox);
            }
            (host, due, next)
        };
        for request in due {
            let me = self.me.clone();
            let sent = request.clone();
            http::send(
                &host,
                &sent,
                Box::new(move |outcome, detail| {
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
                    }
                }),
            );
        }
        self.schedule(next);
    }

    fn settle(&self, request: &Request, outcome: Outcome) {
        let next = {
            let mut r = self.runner.borrow_mut();
            let Some(store) = r.outbox.as_mut() else {
                return;
            };
            let mut outbox: Outbox = store.load();
            outbox.settle(request, outcome, clock::now_ms(), js_sys::Math::random());
            let next = outbox.next_due();
            store.save(outbox);
            next
        };
        match outcome {
            // A stored response may have unblocked its comment.
            Outcome::Stored => self.flush(Flush::Due),
            _ => self.schedule(next),
        }
    }

    /// Arms the one retry timer for `next` (ms since the epoch), replacing
    /// any earlier one.
    fn schedule(&self, next: Option<f64>) {
        match next {
            // Not sooner than 50 ms: a due entry in flight elsewhere must not
            // turn this into a busy loop.
            Some(at) => self.arm((at - clock::now_ms()).clamp(50.0, f64::from(i32::MAX))),
            None => drop(self.runner.borrow_mut().outbox_timer.take()),
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
        // Dropping the previous `Timeout` cancels it.
        let _ = self.runner.borrow_mut().outbox_timer.replace(timer);
    }

    /// Listens for the page events that flush the outbox; once per page.
    pub(super) fn hook_page_events(&self) {
        let mut r = self.runner.borrow_mut();
        if r.on_page_event.is_some() {
            return;
        }
        let me = self.me.clone();
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(me) = me.upgrade() else { return };
            match e.type_().as_str() {
                "online" => me.input(Event::Online),
                "visibilitychange" if browser::page_hidden() => me.input(Event::Hidden),
                "pagehide" => {
                    me.page_gone();
                    me.input(Event::PageHide);
                }
                _ => {}
            }
        });
        let f = on_event.as_ref().unchecked_ref();
        if let Some(w) = browser::window() {
            let _ = w.add_event_listener_with_callback("online", f);
            let _ = w.add_event_listener_with_callback("pagehide", f);
            if let Some(d) = w.document() {
                let _ = d.add_event_listener_with_callback("visibilitychange", f);
            }
        }
        r.on_page_event = Some(on_event);
    }
}

//! Alerts: webhooks that reach the team where it works. A dispatcher turns
//! new answers into deliveries (durable, once per event and endpoint); a
//! sender posts them, each on its own lease, concurrently with a cap per
//! endpoint and a timeout, signed the Standard Webhooks way at the moment
//! of sending, retrying with backoff for about a day; a daily digest per
//! project goes to the endpoints that asked for it. All state is in the
//! database, so an alert survives a restart and a receiver outage, and
//! several instances send each delivery once.

mod attempt;
mod client;
mod digest;
mod dispatch;
pub mod endpoint;
pub mod payload;
pub mod schedule;
mod send;
mod shipped;
pub mod signing;
pub mod slack;
pub mod ssrf;
mod worker;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::store::Store;

pub use client::{check_target, literal_refused};
pub use digest::digest_once;
pub use dispatch::{dispatch_once, enqueue_test};
pub use send::send_once;
pub use shipped::tell_shipped;
pub use worker::spawn;

/// How much sending one instance does at once, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// One attempt's time (connection, request, the answer's headers).
    pub send_timeout: Duration,
    /// Attempts under way to one endpoint: a slow receiver occupies at
    /// most this many, never the others' share.
    pub per_endpoint: usize,
    /// Attempts under way in all.
    pub in_flight: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            send_timeout: Duration::from_secs(15),
            per_endpoint: 4,
            in_flight: 64,
        }
    }
}

impl Limits {
    /// How long a claimed delivery is reserved for its attempt: four
    /// timeouts and at least a minute, so an attempt (and writing down its
    /// end) is over long before another instance may take the delivery,
    /// even with the instances' clocks somewhat apart.
    pub fn lease(&self) -> Duration {
        (self.send_timeout * 4).max(Duration::from_secs(60))
    }
}

/// What the loops need.
#[derive(Clone)]
pub struct Alerts {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The delivery client (SSRF-guarded resolver, no proxy).
    pub client: reqwest::Client,
    /// For links to an answer.
    pub public_url: Arc<str>,
    /// `--webhook-allow-private`.
    pub allow_private: bool,
    /// Concurrency and time limits.
    pub limits: Limits,
    /// This instance's attempts under way.
    sending: Arc<send::Sending>,
    /// Wakes the sender when the dispatcher enqueued something.
    wake: Arc<Notify>,
}

impl Alerts {
    /// The loops' state for a collector, with the default [`Limits`].
    pub fn new(store: Arc<dyn Store>, public_url: Arc<str>, allow_private: bool) -> Self {
        let limits = Limits::default();
        Self {
            store,
            client: client::client(allow_private, limits.send_timeout),
            public_url,
            allow_private,
            limits,
            sending: Arc::new(send::Sending::new(limits)),
            wake: Arc::new(Notify::new()),
        }
    }

    /// The same with other limits (tests use a short timeout).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.client = client::client(self.allow_private, limits.send_timeout);
        self.limits = limits;
        self.sending = Arc::new(send::Sending::new(limits));
        self
    }
}

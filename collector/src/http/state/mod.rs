//! What every handler can reach: the application state, behind one `Arc`,
//! and what it holds of its own (the rate limiters, the compiled tag
//! rules).
//!
//! axum clones the state for every middleware and handler that takes it,
//! and drops each clone, several times per request. As a struct of `Arc`s
//! that was six atomic increments and decrements per clone on counters
//! every worker thread shares; the profile of the ingest benchmark showed
//! those drops alone at 7% of the request threads' time. One `Arc` makes a
//! clone one increment.

pub(super) mod pauses;
pub(super) mod rate_limits;
pub(super) mod rule_cache;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use secrecy::SecretString;

use crate::auth::limits::SignInLimits;
use crate::store::{ProjectCache, Store};
use pauses::Pauses;
use rate_limits::RateLimits;
use rule_cache::RuleCache;

/// The application state: a cheap handle on [`Shared`], whose fields it
/// reads as its own (`state.store`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The fields of [`AppState`].
#[derive(Clone)]
pub struct Shared {
    /// Where responses go.
    pub store: Arc<dyn Store>,
    /// Project lookups, remembered for a few seconds.
    pub projects: Arc<ProjectCache>,
    /// The collector's public address, for links in alerts
    /// (`--public-url`).
    pub public_url: Arc<str>,
    /// Webhooks may target private and loopback addresses
    /// (`--webhook-allow-private`).
    pub webhook_allow_private: bool,
    /// Sign-in attempts allowed.
    pub sign_in: Arc<SignInLimits>,
    /// The token the admin API and dashboard need.
    pub admin_token: Arc<SecretString>,
    /// Serve the demo host page at `/demo/`.
    pub demo: bool,
    /// Per-IP and per-key request limits.
    pub limits: Arc<RateLimits>,
    /// Each project's tag rules, compiled.
    pub(crate) tag_rules: Arc<RuleCache>,
    /// Sampled projects' pauses, as the public config carries them.
    pub(crate) pauses: Arc<Pauses>,
}

impl AppState {
    /// The state of a collector on `store`, with the project cache in
    /// front of it, links to `http://localhost` and public webhooks only.
    pub fn new(
        store: Arc<dyn Store>,
        admin_token: SecretString,
        demo: bool,
        limits: Arc<RateLimits>,
    ) -> Self {
        Self(Arc::new(Shared {
            projects: Arc::new(ProjectCache::new(store.clone())),
            store,
            public_url: Arc::from("http://localhost"),
            webhook_allow_private: false,
            sign_in: SignInLimits::new(),
            admin_token: Arc::new(admin_token),
            demo,
            limits,
            tag_rules: Arc::default(),
            pauses: Arc::default(),
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Setting a field (at start-up, in tests) changes this handle's copy:
/// one shared with a running router is copied first, never changed under
/// it.
impl DerefMut for AppState {
    fn deref_mut(&mut self) -> &mut Shared {
        Arc::make_mut(&mut self.0)
    }
}

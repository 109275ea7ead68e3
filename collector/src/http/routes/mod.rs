//! The API's features, one module each, each owning its routes (merged in
//! [`app`](crate::http::app)) and the JSON views only it answers with.
//! What several features read is in `http::shared`.

pub(super) mod assets;
pub(super) mod config;
pub(super) mod config_versions;
pub(super) mod eligibility;
pub(super) mod events;
pub(super) mod followups;
pub(super) mod health;
pub(super) mod imports;
pub(super) mod lifecycle;
pub(super) mod members;
pub(super) mod metrics;
pub(super) mod moments;
pub(super) mod projects;
pub(super) mod responses;
pub(super) mod session;
pub(super) mod stats;
pub(super) mod tags;
pub(super) mod themes;
pub(super) mod timeline;
pub(super) mod users;
pub(super) mod verbatims;
pub(super) mod webhooks;

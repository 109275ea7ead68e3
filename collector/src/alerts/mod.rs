//! Alerts: webhooks that reach the team where it works. A dispatcher turns
//! new answers into deliveries (durable, once per event and endpoint); a
//! sender posts them, signed the Standard Webhooks way, retrying with
//! backoff for about a day; a daily digest per project goes to the
//! endpoints that asked for it. All state is in the database, so an alert
//! survives a restart and a receiver outage.

pub mod payload;
pub mod schedule;
pub mod signing;
pub mod ssrf;
mod worker;

pub use worker::{digest_once, dispatch_once, enqueue_test, send_once, spawn, Alerts};

//! The part of the lazily loaded module (`nps-widget-lazy`, in
//! `widget/lazy`) that lives in this crate: what a page needs only around
//! a prompt, or once there is something to send. The always-loaded core
//! never calls it (the linker drops it from the core's wasm); the module
//! exports it to the core as `outbox(key, host)` and `lock(key)`.
//!
//! - [`delivery`], over `outbox_store`: the outbox's delivery to the
//!   collector, with its retries;
//! - [`prompt_lock`], over `lock_storage`: the cross-tab lock, so two
//!   tabs never show the prompt at once;
//!
//! It is compiled in this crate rather than in `widget/lazy` because it
//! shares the crate-private browser adapters (`crate::browser`) with the
//! core: called across the crate boundary, they are inlined differently
//! and the module grew by about 0.5 KB brotli.

pub mod delivery;
mod lock_storage;
mod outbox_store;
pub mod prompt_lock;

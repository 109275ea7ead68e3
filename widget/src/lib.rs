//! The in-app NPS widget's core: whether and when to prompt, and
//! everything around the prompt, compiled to WebAssembly without Yew.
//!
//! A host page pastes a two-line snippet that queues `nps(...)` calls and
//! loads `widget.js` from the collector; the loader (`loader/loader.js`)
//! instantiates this crate's wasm and replays the queue into [`Widget`]
//! (see `api`). The prompt's UI is a second wasm module (the
//! `nps-widget-ui` crate) that the loader fetches only when a prompt is
//! due, or prefetches at idle once a prompt may come on this page. Build
//! the browser artefacts with `widget/build.sh`.
//!
//! The crate has two halves:
//! - [`rules`] and [`machine`] are pure and compile everywhere, so `cargo
//!   test -p nps-widget` checks the decisions natively;
//! - `api`, `browser`, `controller`, [`delivery`] and [`prompt_lock`] exist only
//!   on `wasm32`: the JS-facing API, the thin adapters over
//!   `localStorage`/`fetch`/the clock/Web Locks/the lazy module, the page's
//!   state, the outbox's delivery and the cross-tab lock.
//!
//! The `widget` feature (default) is the always-loaded core: its
//! JavaScript API and allocator. Without it (`default-features = false`),
//! the crate is the library the lazily loaded module (`nps-widget-lazy`)
//! links for what a page needs only around a prompt or once there is
//! something to send: [`delivery`], the outbox and its delivery, and
//! [`prompt_lock`], the cross-tab lock.

pub mod machine;
pub mod rules;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod api;
#[cfg(target_arch = "wasm32")]
// Without `widget` only the outbox's part of the adapters is used.
#[cfg_attr(not(feature = "widget"), allow(dead_code))]
mod browser;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod controller;
#[cfg(target_arch = "wasm32")]
pub mod delivery;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod events;
#[cfg(target_arch = "wasm32")]
pub mod prompt_lock;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub use api::Widget;

/// The hand-written JSON readers and writers of the wasm (no serde there:
/// see `browser::read` and `browser::encode`), public so that
/// `tests/conformance.rs` can hold them to what `nps-protocol`'s serde
/// writes and reads.
#[cfg(target_arch = "wasm32")]
pub mod codec {
    pub use crate::browser::encode::{
        comment as encode_comment, event as encode_event, outbox as encode_outbox,
        response as encode_response,
    };
    pub use crate::browser::outbox::decode as decode_outbox;
    pub use crate::browser::read::{
        moment_texts as decode_moment_texts, problem as decode_problem,
        remote_history as decode_remote_history, widget_config as decode_config,
    };
}

/// The core's allocator: a free list (sorted, coalescing) of a few hundred
/// bytes of wasm, where dlmalloc weighs about 2.5 KB brotli. The core
/// allocates little (strings, the stored history and outbox while they are
/// read), so its linear search costs nothing noticeable. The lock is a flag:
/// the widget is single-threaded.
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

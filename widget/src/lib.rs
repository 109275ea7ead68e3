//! The in-app NPS widget's core: whether and when to prompt, and
//! everything around the prompt, compiled to WebAssembly without Yew.
//!
//! A host page pastes a two-line snippet that queues `nps(...)` calls and
//! loads `widget.js` from the collector; the loader (`loader/loader.js`)
//! instantiates this crate's wasm and replays the queue into [`Widget`]
//! (see `api`). The prompt's UI is a second wasm module (`nps-widget-lazy`)
//! that the loader fetches only when a prompt is due, or prefetches at
//! idle once a prompt may come on this page. Build the browser artefacts
//! with `widget/build.sh`.
//!
//! What is where:
//! - [`rules`] and [`machine`] are pure and compile everywhere, so `cargo
//!   test -p nps-widget` checks the decisions natively: a new timing or
//!   cooldown rule is a function in `rules/` (and, if it needs stored or
//!   configured state, a field the machine passes it);
//! - `api`, `controller` and `events` (wasm32, the `widget` feature) are the
//!   always-loaded core around them: the JavaScript API, the effect runner
//!   and the host's `nps('on')` listeners;
//! - `browser` (wasm32) holds the thin adapters over `localStorage`,
//!   `fetch`, the clock and the console, shared by the core and [`lazy`];
//! - [`lazy`] (wasm32) is not in the core's wasm: it is what the lazily
//!   loaded module (`nps-widget-lazy`, in `widget/lazy`) links from this
//!   crate, the outbox's delivery and the cross-tab lock.
//!
//! The rest of the lazily loaded module is in its own crates: its entry
//! points in `widget/lazy`, and the prompt's Yew components in
//! `nps-widget-ui` (`widget/ui`), where a new control of the prompt goes.
//! The module links this crate without its `widget` feature.

pub mod machine;
pub mod rules;

#[cfg(target_arch = "wasm32")]
// Without `widget` only the lazily loaded module's part of the adapters is
// used.
#[cfg_attr(not(feature = "widget"), allow(dead_code))]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod lazy;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod api;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod controller;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod events;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub use api::Widget;

/// The hand-written JSON readers and writers of the wasm (no serde there:
/// see `browser::read` and `browser::encode`), public so that
/// `tests/conformance.rs` can hold them to what `nps-protocol`'s serde
/// writes and reads.
#[cfg(target_arch = "wasm32")]
pub mod codec {
    pub use crate::browser::{encode, outbox, read};
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

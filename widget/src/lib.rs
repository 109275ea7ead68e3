//! The in-app NPS widget: a Yew prompt compiled to WebAssembly.
//!
//! A host page pastes a two-line snippet that queues `nps(...)` calls and
//! loads `widget.js` from the collector; the loader (`loader/loader.js`)
//! instantiates this crate's wasm and replays the queue into [`Widget`]
//! (see `api`). Build the browser artefacts with `widget/build.sh`.
//!
//! The crate has two halves:
//! - [`rules`] and [`i18n`] are pure and compile everywhere, so
//!   `cargo test -p nps-widget` checks the decisions natively;
//! - `api`, `browser` and `ui` exist only on `wasm32`: the JS-facing API, the
//!   thin adapters over `localStorage`/`fetch`/the clock, and the Yew
//!   components.

pub mod i18n;
pub mod rules;

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod controller;
#[cfg(target_arch = "wasm32")]
mod events;
#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
pub use api::Widget;

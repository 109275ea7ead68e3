//! The product team's dashboard: a Yew app on the collector's admin API,
//! compiled to WebAssembly and served by the collector at `/dashboard/`.
//!
//! ```sh
//! bash www/dashboard/build.sh      # → www/dashboard/dist/
//! cargo run -p nps-collector -- serve --demo
//! ```
//!
//! Pure parts (texts, URL filters, dates and period presets, chart
//! geometry, summaries, the timing rules in words) compile natively and
//! are unit-tested with `cargo test -p nps-dashboard`; everything touching
//! the browser is behind `target_arch = "wasm32"`.

// Natively only the pure half is compiled: items the components use look
// unused there.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod asking_form;
mod change;
mod charts;
mod dates;
mod experiments;
mod filters;
mod form_lists;
mod i18n;
mod presets;
mod query;
mod reading;
mod refusal_fields;
mod themes;
mod timing_sentences;
mod timing_words;
mod wire;
mod zones;

#[cfg(target_arch = "wasm32")]
mod web;

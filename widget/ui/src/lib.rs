//! The NPS prompt's Yew components: the dialog, the 0–10 scale, the
//! follow-up and the thank-you, with their texts in English and French.
//!
//! The widget loads this crate as its second wasm module, only when a
//! prompt is due (`widget/build.sh` builds it with `--features module`,
//! whose JavaScript entry points are in `module`); the dashboard's live
//! preview links it as a library and renders the same [`Prompt`].
//!
//! The components hold view state only (the chosen score, the comment
//! being typed). Everything with consequences or timing (sending the
//! score, the debounce, read-only once sent, the thank-you and how long it
//! stays, closing) is decided by whoever mounted them, from the
//! [`UiEvent`]s they report, and comes back as [`PromptProps`].
//!
//! ```sh
//! cargo test -p nps-widget-ui     # texts and keyboard, natively
//! ```
//!
//! The components are tested in headless Chromium through the widget, which
//! links them into its test wasm (`widget/tests/browser.rs`).

pub mod i18n;
pub mod keys;
pub mod look;

#[cfg(target_arch = "wasm32")]
mod follow_up;
#[cfg(all(target_arch = "wasm32", feature = "module"))]
pub mod module;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
mod prompt;
#[cfg(target_arch = "wasm32")]
mod scale;

pub use i18n::{Locale, Texts};

#[cfg(target_arch = "wasm32")]
pub use mount::{mount, Mounted};
#[cfg(target_arch = "wasm32")]
pub use prompt::{Prompt, PromptProps};

/// The ui wasm's allocator (`--features small-alloc`, `widget/build.sh`
/// only): a free list of a few hundred bytes of wasm instead of dlmalloc's
/// 2.5 KB brotli; the prompt allocates a few hundred small objects.
#[cfg(all(target_arch = "wasm32", feature = "small-alloc"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The prompt's stylesheet (scoped to its shadow root by [`mount`]; a
/// host rendering [`Prompt`] in its own tree includes it itself).
pub const CSS: &str = include_str!("style.css");

/// What the user did; the host of the components decides what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiEvent {
    /// A score was chosen (0–10). Ignored by the scale while `locked`.
    Pick(u8),
    /// Send was pressed with this comment (possibly empty).
    Send(String),
    /// The × button or Escape.
    Close,
    /// "Ask me later".
    Later,
    /// "Don't ask me again".
    Never,
}

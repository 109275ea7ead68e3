//! The NPS prompt's Yew components: the dialog, the 0–10 scale, the
//! follow-up and the thank-you, with their texts in nine languages (one
//! file per language in `texts/`; Arabic mirrored right to left); and the
//! shadow root with the stylesheet, in which the lazy module also shows
//! the notice ("You asked, we delivered", `Texts::notice_heading`).
//!
//! The widget's lazily loaded module (`nps-widget-lazy`, in `widget/lazy`)
//! mounts them when a prompt is due, through its JavaScript entry points;
//! the dashboard's live preview links this crate too and renders the same
//! [`Prompt`]. A new control of the prompt is a component here (one per
//! file), with its texts in [`i18n`].
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

mod event;
pub mod i18n;
pub mod keys;
pub mod look;
pub mod texts;

#[cfg(target_arch = "wasm32")]
mod follow_up;
#[cfg(target_arch = "wasm32")]
mod mount;
#[cfg(target_arch = "wasm32")]
mod prompt;
#[cfg(target_arch = "wasm32")]
mod scale;

pub use event::UiEvent;
pub use i18n::{Locale, Texts};
pub use look::CSS;

#[cfg(target_arch = "wasm32")]
pub use mount::{mount, shadow_root, Mounted};
#[cfg(target_arch = "wasm32")]
pub use prompt::{Prompt, PromptProps};

//! Text analysis of comments, pure (no database, no network, no model):
//! words ([`tokens`]) and the themes they form ([`themes`]). The method
//! and its limits, for a product manager, are in the collector's README
//! ("Themes: how they are found").

pub mod themes;
pub mod tokens;

#[cfg(test)]
mod tests;

pub use themes::{find, min_support, theme_id, Doc, Found, MAX_THEMES};
pub use tokens::{fold, Lang};

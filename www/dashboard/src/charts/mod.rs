//! Small SVG charts of our own: each is a `<figure>` with a caption, a text
//! summary for screen readers and the same numbers as a table.

pub(crate) mod geometry;
pub(crate) mod summary;
mod summary_words;

#[cfg(target_arch = "wasm32")]
mod distribution;
#[cfg(target_arch = "wasm32")]
mod intervals;
#[cfg(target_arch = "wasm32")]
mod split;
#[cfg(target_arch = "wasm32")]
mod trend;

#[cfg(target_arch = "wasm32")]
pub(crate) use distribution::{class_of, Distribution};
#[cfg(target_arch = "wasm32")]
pub(crate) use intervals::{IntervalRow, Intervals};
#[cfg(target_arch = "wasm32")]
pub(crate) use split::Split;
#[cfg(target_arch = "wasm32")]
pub(crate) use trend::TrendChart;

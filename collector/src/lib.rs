//! The NPS collector: receives scores and comments from the widget,
//! validates them, stores them (SQLite by default, PostgreSQL for several
//! instances), computes the score, and serves the widget and the dashboard.
//!
//! Run it with `nps-collector serve --demo`; tests build the router with
//! [`app`] and drive it without a socket.

pub mod alerts;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod domain;
pub mod http;
pub mod import;
pub mod retention;
pub mod settings;
pub mod startup;
pub mod stats;
pub mod store;
pub mod text;
pub mod transport;

pub use http::{app, AppState};
pub use settings::Settings;
pub use startup::Application;

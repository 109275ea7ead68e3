//! The widget's decisions, as pure functions.
//!
//! Nothing here touches the browser: time, stored state and user input come
//! in as arguments and a decision comes out, so all of it runs under native
//! `cargo test`. The browser half (`browser`, `controller`, `api`) only
//! gathers the inputs and carries the decisions out.

pub mod anonymous;
pub mod experiment;
pub mod ids;
pub mod locale;
pub mod outbox;
pub mod pause;
pub mod privacy;
pub mod refusal;
pub mod stored_lock;
pub mod submission;
pub mod timing;

pub use locale::{pick_locale, Locale};
pub use refusal::Refusal;
pub use submission::Submission;
pub use timing::{decide, Decision, History, Outcome, Reason, Trigger, User, DAY_MS};

//! What goes into [`step`](super::step): the host's commands, fetch
//! answers, timers, lock grants and user actions ([`Event`]), with what the
//! browser read for them ([`World`]).

use nps_protocol::{Traits, WidgetConfig};

use crate::rules::timing::{History, RemoteHistory};
use crate::rules::Refusal;

/// `init({key, host?, locale?, debug?, consent?, respect_dnt?})`, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Init {
    /// The project's public key.
    pub key: String,
    /// The collector origin API calls go to, if not where `widget.js` came from.
    pub host: Option<String>,
    /// `init({locale})`, the strongest language preference.
    pub locale: Option<String>,
    /// Log every decision's reason.
    pub debug: bool,
    /// `consent: false`: stay silent until `consent(true)`.
    pub wait_for_consent: bool,
    /// `respect_dnt: true`: silent for good under Do Not Track / GPC.
    pub respect_dnt: bool,
}

/// What the browser layer read for this input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct World {
    /// The stored history (`nps:<key>:history`).
    pub history: History,
    /// The stored anonymous id, or a new one not stored yet
    /// ([`Effect::SaveAnonId`] keeps it when it is used).
    pub anon_id: String,
    /// Whether `anon_id` is new.
    pub anon_new: bool,
    /// `location.href`.
    pub href: Option<String>,
    /// Whether the page is hidden.
    pub hidden: bool,
    /// `navigator.language`.
    pub language: Option<String>,
    /// The browser sends Do Not Track or Global Privacy Control.
    pub dnt: bool,
    /// When the user last sent key, pointer, wheel, scroll or touch input,
    /// watched only while a prompt waits for a pause
    /// ([`Effect::WatchInput`](super::Effect::WatchInput)).
    pub last_input: Option<f64>,
    /// `Date.getTimezoneOffset()`, for the visitor's day.
    pub tz_offset: f64,
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `init(…)`.
    Init(Init),
    /// `consent(given)`.
    Consent(bool),
    /// `identify(userId, traits, {signature})`.
    Identify {
        /// The user id, if any.
        user_id: Option<String>,
        /// Flat traits.
        traits: Traits,
        /// The identity proof.
        signature: Option<String>,
    },
    /// `track(moment)`.
    Track(String),
    /// `show()`.
    Show,
    /// `reset()`.
    Reset,
    /// `debug()`.
    Debug,
    /// The config fetch `gen` ended: the configuration, or why it was not
    /// read.
    Config(u32, Result<WidgetConfig, Refusal>),
    /// The collector refused a queued write for good: the response it
    /// belongs to (a score's `POST`, a comment's `PATCH`; `None` for an
    /// event), and why.
    Refused(Option<String>, Refusal),
    /// The user's history fetch `gen` ended (`None`: it failed).
    Remote(u32, Option<RemoteHistory>),
    /// A timer fired.
    Fired(Timer),
    /// The cross-tab lock for opening `gen` (taken once its ui module is
    /// loaded): this tab's (`true`) or not.
    Locked(u32, bool),
    /// The ui module is loaded for opening `gen`, with the response's id
    /// and secret; the lock comes next.
    UiReady {
        /// The opening.
        gen: u32,
        /// The response's id (a UUID).
        id: String,
        /// The response's secret.
        secret: String,
    },
    /// The ui module could not be loaded (or mounted) for opening `gen`.
    UiFailed(u32),
    /// The user did something in the prompt.
    Ui(UiEvent),
    /// The page was hidden (`visibilitychange`).
    Hidden,
    /// The page is going away (`pagehide`).
    PageHide,
    /// The network is back (`online`).
    Online,
}

/// What the prompt reports (as `nps-widget-ui`'s `UiEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiEvent {
    /// A score was chosen.
    Pick(u8),
    /// Send, with the comment.
    Send(String),
    /// × or Escape.
    Close,
    /// "Ask me later".
    Later,
    /// "Don't ask me again".
    Never,
}

/// An input and what the browser read with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// What happened.
    pub event: Event,
    /// What the browser layer read.
    pub world: World,
}

/// A timer, by what armed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// A moment's `delay_seconds` ended (delay number).
    Delay(u32),
    /// A `track` stops waiting for the user's history (fetch number).
    RemoteLate(u32),
    /// The score's debounce ended (prompt number).
    Debounce(u32),
    /// The thank-you stayed long enough (prompt number).
    Thanks(u32),
}

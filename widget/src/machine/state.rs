//! What the machine remembers between steps: the [`State`] of the page
//! view, and the state of each thing in flight (the configuration, the
//! user's history, waiting commands, a delayed prompt, an opening, the
//! prompt on screen).

use nps_protocol::{Idle, Traits, WidgetConfig};

use super::UiProps;
use crate::rules::privacy::Privacy;
use crate::rules::timing::RemoteHistory;
use crate::rules::{Refusal, Submission};

/// What `init` set.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The public key.
    pub key: String,
    /// The collector origin API calls go to.
    pub host: String,
    /// `init({locale})`.
    pub locale: Option<String>,
}

/// Where the project's configuration stands.
#[derive(Debug, Clone, PartialEq, Default)]
// One per page, never moved around in bulk: a box would only add code.
#[allow(clippy::large_enum_variant)]
pub enum Config {
    /// Not fetched: `init` not called, consent awaited, or Do Not Track.
    #[default]
    Idle,
    /// Being fetched (fetch number).
    Loading(u32),
    /// Loaded.
    Ready(WidgetConfig),
    /// Not read, and why: nothing prompts on this page (an answer the
    /// collector refuses, or may, is not asked for).
    Unread(Refusal),
}

/// The identified user's history from the collector.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Remote {
    /// No user, a failed fetch, or not fetched.
    #[default]
    None,
    /// Being fetched; a `track` waits for it.
    Loading(u32),
    /// Still being fetched, but too slow: `track`s no longer wait.
    Late(u32),
    /// Fetched: merged into this browser's history before deciding.
    Ready(RemoteHistory),
}

/// A `track` or `show` waiting (for consent, the config or the user's
/// history), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// `track(moment)`.
    Track(String),
    /// A delayed prompt's time has come: decide again, without counting.
    Due(String),
    /// `show()`.
    Show,
    /// A moment carried from an earlier page view: decided again without
    /// counting, then waits as a `track` does.
    Carried(String),
}

/// A prompt waiting for its moment's (or variant's) delay, then, if it
/// says so, for the user to pause.
#[derive(Debug, Clone, PartialEq)]
pub struct Delayed {
    /// Its number ([`Timer::Delay`]).
    pub gen: u32,
    /// The moment.
    pub moment: String,
    /// The page's address when it was tracked.
    pub href: Option<String>,
    /// Wait for a pause too, counted from `since`.
    pub idle: Option<Idle>,
    /// When the delay ends (ms since the epoch).
    pub since: f64,
}

/// A prompt on its way: the ui module, then the cross-tab lock (which the
/// module takes, so that the always-loaded core does not carry it).
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// Its number.
    pub gen: u32,
    /// The moment (`None` for `show()`).
    pub moment: Option<String>,
    /// Its index in the config's moments (for its texts).
    pub index: Option<usize>,
    /// The index of the person's variant among the moment's.
    pub variant: Option<usize>,
    /// When this browser last showed a prompt, as the decision read it.
    pub seen: Option<f64>,
    /// The ui module is loaded: what the prompt needs once the lock is
    /// this tab's.
    pub ready: Option<Loaded>,
}

/// What a loaded ui module brought for an opening.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The response's id.
    pub id: String,
    /// The response's secret.
    pub secret: String,
}

/// The prompt on screen and the response it is collecting.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// Its number (the opening's).
    pub gen: u32,
    /// The moment (`None` for `show()`).
    pub moment: Option<String>,
    /// The variant's id, while its experiment runs: sent with the
    /// prompt's events and answer.
    pub variant: Option<String>,
    /// What it shows.
    pub props: UiProps,
    /// The response's id.
    pub id: String,
    /// The response's secret.
    pub secret: String,
    /// The score's bookkeeping.
    pub submission: Submission,
    /// The latest pick's number: its debounce timer sends the score (0:
    /// none pending).
    pub pick: u32,
}

/// Everything the widget knows during this page view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// Where `widget.js` came from: API calls go there by default.
    pub default_host: String,
    /// What `init` set.
    pub project: Option<Project>,
    /// The project's configuration.
    pub config: Config,
    /// Numbers for config fetches, history fetches, delays and openings.
    pub counter: u32,
    /// Commands waiting, in order.
    pub waiting: Vec<Waiting>,
    /// From `identify`.
    pub user_id: Option<String>,
    /// The identity proof.
    pub user_hash: Option<String>,
    /// From `identify`.
    pub traits: Traits,
    /// The user's history from every device.
    pub remote: Remote,
    /// A prompt waiting for its delay or for a pause.
    pub delayed: Option<Delayed>,
    /// A `track` prompted, or a notice was shown, on this page view
    /// (`reset` starts afresh).
    pub shown_this_page: bool,
    /// A prompt on its way.
    pub opening: Option<Opening>,
    /// The prompt on screen.
    pub prompt: Option<Prompt>,
    /// Log every decision's reason.
    pub debug: bool,
    /// Consent and Do Not Track.
    pub privacy: Privacy,
    /// The ui module was asked for at idle.
    pub prefetched: bool,
    /// The page events are listened to.
    pub listening: bool,
    /// The collector refused a write of this page for a reason that holds
    /// for every later one (its origin, its key): no prompt until `init`.
    pub refused: Option<Refusal>,
}

impl State {
    /// A page whose API calls go to `default_host` unless `init` says.
    pub fn new(default_host: String) -> Self {
        Self {
            default_host,
            ..Self::default()
        }
    }

    /// The project's `respect_dnt`, once known; a config that failed to
    /// load is taken to respect it.
    pub fn project_dnt(&self) -> Option<bool> {
        match &self.config {
            Config::Ready(c) => Some(c.respect_dnt),
            Config::Unread(_) => Some(true),
            _ => None,
        }
    }

    /// Why the widget may not prompt on this page whatever the rules say:
    /// the configuration was not read, or the collector refused the page's
    /// writes for good. `None` while the configuration loads, and once it
    /// is read and nothing was refused.
    pub fn refusal(&self) -> Option<Refusal> {
        match self.config {
            Config::Unread(why) => Some(why),
            _ => self.refused,
        }
    }

    /// Whether answers in the outbox may be delivered now.
    pub fn delivers(&self) -> bool {
        self.project.is_some() && self.privacy.delivers(self.project_dnt())
    }

    pub(super) fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }
}

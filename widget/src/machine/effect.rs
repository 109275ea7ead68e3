//! What comes out of [`step`](super::step): the [`Effect`]s the browser
//! layer (`controller`) carries out, and what they carry.

use nps_protocol::NewEvent;

use super::Timer;
use crate::rules::outbox::Request;
use crate::rules::timing::History;
use crate::rules::Locale;

/// Why the outbox is flushed (numbered as the lazily loaded module's
/// `flush(how)` takes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flush {
    /// Send what is due.
    Due = 0,
    /// A fresh start (page load, network back): everything not in flight.
    Wake = 1,
    /// The page is hidden or going away: everything not in flight.
    LastChance = 2,
}

/// What the prompt shows. Its texts and look are the config's (the
/// moment's texts, the variant's, the project's appearance): the lazily
/// loaded module reads them from the config's JSON, so the always-loaded
/// core carries none of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UiProps {
    /// Its language.
    pub locale: Locale,
    /// The moment's index in the config (`None` for `show()`).
    pub moment: Option<usize>,
    /// The index of the person's variant among the moment's.
    pub variant: Option<usize>,
    /// The score was sent: read-only.
    pub locked: bool,
    /// The thank-you instead of the form.
    pub thanking: bool,
    /// The collector refused the answer for good: a short notice saying
    /// it was not recorded, instead of the form or the thank-you.
    pub failed: bool,
}

/// What the host app's `nps('on')` listeners hear.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// `shown`: `{moment}`.
    Shown(Option<String>),
    /// `answered`: `{score, comment}`.
    Answered(u8, Option<String>),
    /// `dismissed`: `{moment, score}`.
    Dismissed(Option<String>, Option<u8>),
}

/// How loud a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `console.debug`: why the widget stayed quiet.
    Debug,
    /// `console.info`: debug mode's reasons.
    Info,
    /// `console.warn`.
    Warn,
}

/// Something for the browser layer to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// `GET {host}/api/v1/config?key`, answered with [`Event::Config`].
    FetchConfig(u32),
    /// `GET {host}/api/v1/eligibility?…` for the identified user, answered
    /// with [`Event::Remote`].
    FetchRemote(u32),
    /// Fire [`Event::Fired`] in this many ms.
    Timer(Timer, u32),
    /// Store this history.
    SaveHistory(History),
    /// Store the anonymous id the input carried.
    SaveAnonId(String),
    /// Remove the stored keys but the outboxes: of this project (`reset`),
    /// or of every project (`None`: consent withdrawn).
    Clear(Option<String>),
    /// The outbox forgets how many entries it dropped.
    ForgetDropped,
    /// Take the cross-tab lock for opening `gen` through the loaded ui
    /// module, answered with [`Event::Locked`].
    Lock(u32),
    /// Release the cross-tab lock of opening `gen`.
    Release(u32),
    /// Load the ui module for opening `gen` in `locale`; answered with
    /// [`Event::UiReady`] or [`Event::UiFailed`].
    LoadUi(u32, Locale),
    /// Fetch the ui module at idle priority.
    Prefetch,
    /// Load the ui module with the texts of this language and show the
    /// user's waiting notice; the module takes the cross-tab lock, reads
    /// the notice afresh, and queues this `notice_seen` event with its id
    /// and the notice's.
    ShowNotice(NewEvent, Locale),
    /// Put the prompt on the page.
    Mount(UiProps),
    /// New props for the prompt.
    Update(UiProps),
    /// Remove the prompt.
    Unmount,
    /// Queue a write in the outbox (and try it).
    Enqueue(Request),
    /// Queue an event; its `id` is empty: the browser layer gives it a
    /// fresh UUID.
    Record(NewEvent),
    /// Deliver the outbox.
    Flush(Flush),
    /// Tell the host app's listeners.
    Notify(Notice),
    /// A console line, `[nps]`-prefixed.
    Log(Level, String),
    /// Listen for `online`, `visibilitychange` and `pagehide` (once).
    Listen,
    /// Start (`true`) or stop noting the time of the user's input, with
    /// passive listeners, for a prompt that waits for a pause.
    WatchInput(bool),
}

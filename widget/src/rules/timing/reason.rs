//! Why a trigger did or did not open the prompt, in words.

use super::Outcome;

/// The explanation of a [`Decision`](super::Decision).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// `show()`: the timing rules do not apply.
    Show,
    /// Every rule allows it.
    Eligible,
    /// A snoozed prompt is due again (this may break the floor).
    SnoozeDue,
    /// A prompt is already on screen.
    AlreadyOpen,
    /// The user chose "Don't ask me again" (here or, verified, elsewhere).
    OptedOut,
    /// The browser sends Do Not Track or Global Privacy Control, and the
    /// host or the project respects it.
    DoNotTrack,
    /// The event is not one of the project's moments.
    UnknownMoment(String),
    /// A prompt already appeared during this page view.
    AlreadyShownThisPage,
    /// The user has the trait `excluded: true`.
    Excluded,
    /// The user is outside the sample.
    NotSampled {
        /// The configured share.
        percent: f64,
    },
    /// A date trait is too recent (`exclude_if_recent`).
    RecentTrait {
        /// The trait.
        name: String,
        /// Days since its date.
        days_since: f64,
        /// Days required.
        needs: u32,
    },
    /// A quiet period after a tracked event is running.
    Quiet {
        /// The event.
        event: String,
        /// Hours since it was tracked.
        hours_since: f64,
        /// Hours required.
        needs: u32,
    },
    /// The project-wide clock since the last prompt is still running.
    Cooldown {
        /// How the last prompt ended.
        after: Outcome,
        /// Days since it was shown (negative if the clock moved back).
        days_since: f64,
        /// Days required.
        needs: u32,
    },
    /// The moment's own clock is still running.
    MomentCooldown {
        /// The moment.
        event: String,
        /// How its last prompt ended.
        after: Outcome,
        /// Days since it was shown.
        days_since: f64,
        /// Days required.
        needs: u32,
    },
    /// `min_count` not reached.
    TooFewOccurrences {
        /// Occurrences so far, this one included.
        count: u32,
        /// Required.
        needs: u32,
    },
    /// `days_since_signup` set but no readable `signed_up_at` trait.
    NoSignupDate,
    /// `days_since_signup` not reached.
    TooSoonAfterSignup {
        /// Days since sign-up.
        days_since: f64,
        /// Required.
        needs: u32,
    },
    /// A trait filter of the moment does not match.
    TraitMismatch(String),
    /// The moment is paused until next month: its score is precise enough
    /// (`paused_until`).
    Paused,
}

/// Whole units elapsed, for messages (floor; negative shows as 0).
fn whole(x: f64) -> u64 {
    if x > 0.0 {
        x as u64
    } else {
        0
    }
}

/// Appends the decimal digits of `n`. By hand, like every sentence here:
/// `format!` would bring `core::fmt` into the always-loaded wasm.
fn push_number(out: &mut String, n: u64) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A sentence made of text and numbers.
enum Part<'a> {
    T(&'a str),
    N(u64),
}

fn sentence(parts: &[Part<'_>]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::T(t) => out.push_str(t),
            Part::N(n) => push_number(&mut out, *n),
        }
    }
    out
}

impl Reason {
    /// A sentence for the developer console, e.g.
    /// "cooldown: last shown 12 days ago, needs 30 (declined)".
    pub fn sentence(&self) -> String {
        use Part::{N, T};
        let (label, name, ago, unit, needs, tail) = match self {
            Self::Show => return "prompting: show() ignores the timing rules".into(),
            Self::Eligible => return "prompting: every rule allows it".into(),
            Self::SnoozeDue => return "prompting: re-asking after \"Ask me later\"".into(),
            Self::AlreadyOpen => return "not prompting: a prompt is already open".into(),
            Self::OptedOut => return "not prompting: the user chose \"Don't ask me again\"".into(),
            Self::DoNotTrack => {
                return "not prompting: Do Not Track / Global Privacy Control".into()
            }
            Self::Paused => {
                return "not prompting: this month's score is precise enough (paused_until)".into()
            }
            Self::AlreadyShownThisPage => {
                return "not prompting: already prompted on this page".into()
            }
            Self::Excluded => {
                return "not prompting: the user is excluded (trait excluded: true)".into()
            }
            Self::NoSignupDate => return "not prompting: no readable signed_up_at trait".into(),
            Self::UnknownMoment(e) => {
                return sentence(&[T("not prompting: "), T(e), T(" is not a moment")])
            }
            Self::TraitMismatch(n) => {
                return sentence(&[T("not prompting: trait "), T(n), T(" does not match")])
            }
            Self::NotSampled { percent } => {
                return sentence(&[
                    T("not prompting: user outside the "),
                    N(whole(*percent)),
                    T("% sample"),
                ])
            }
            Self::TooFewOccurrences { count, needs } => {
                return sentence(&[
                    T("not prompting: occurrence "),
                    N(u64::from(*count)),
                    T(", needs "),
                    N(u64::from(*needs)),
                ])
            }
            Self::RecentTrait {
                name,
                days_since,
                needs,
            } => (
                "not prompting: ",
                name.as_str(),
                days_since,
                "days",
                needs,
                "",
            ),
            Self::Quiet {
                event,
                hours_since,
                needs,
            } => (
                "not prompting: quiet period, ",
                event.as_str(),
                hours_since,
                "hours",
                needs,
                "",
            ),
            Self::TooSoonAfterSignup { days_since, needs } => (
                "not prompting: signed up",
                "",
                days_since,
                "days",
                needs,
                "",
            ),
            Self::Cooldown {
                after,
                days_since,
                needs,
            } => (
                "cooldown: last shown",
                "",
                days_since,
                "days",
                needs,
                after.as_str(),
            ),
            Self::MomentCooldown {
                event,
                after,
                days_since,
                needs,
            } => (
                "cooldown of ",
                event.as_str(),
                days_since,
                "days",
                needs,
                after.as_str(),
            ),
        };
        let mut out = sentence(&[
            T(label),
            T(name),
            T(" "),
            N(whole(*ago)),
            T(" "),
            T(unit),
            T(" ago, needs "),
            N(u64::from(*needs)),
        ]);
        if !tail.is_empty() {
            out.push_str(" (");
            out.push_str(tail);
            out.push(')');
        }
        out
    }
}

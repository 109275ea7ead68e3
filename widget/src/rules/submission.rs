//! When the chosen score is sent, and what becomes of later changes.
//!
//! The score is worth more than the comment, so it must reach the collector
//! even if the user then walks away; but people misclick and correct
//! themselves, and the collector keeps the *first* score stored under a
//! response id (its POST is idempotent). So the score is sent once, as late
//! as is safe:
//!
//! - each choice only records a *pending* score and restarts a short debounce
//!   ([`DEBOUNCE_MS`]); quick corrections therefore never reach the wire;
//! - the pending score is *committed* (POSTed) when the debounce ends, or at
//!   once on Send, Close/Escape or `pagehide`;
//! - once committed the score is final: the scale turns read-only rather
//!   than pretend to accept a change the server would ignore.

/// Quiet time after the last score change before the score is sent.
pub const DEBOUNCE_MS: u32 = 600;

/// How long the thank-you stays after Send before the prompt closes.
pub const THANKS_MS: u32 = 2_500;

/// The score bookkeeping of one open prompt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Submission {
    pending: Option<u8>,
    sent: Option<u8>,
}

impl Submission {
    /// Records a choice; returns `false` (and changes nothing) once the score
    /// has been sent.
    pub fn pick(&mut self, score: u8) -> bool {
        if self.sent.is_some() {
            return false;
        }
        self.pending = Some(score);
        true
    }

    /// Takes the score to send now, if one is chosen and none was sent yet.
    /// Calling it again returns `None`, so every flush path can call it.
    pub fn commit(&mut self) -> Option<u8> {
        if self.sent.is_some() {
            return None;
        }
        self.sent = self.pending.take();
        self.sent
    }

    /// The score that was sent, if any: the one a comment belongs to.
    pub fn sent(&self) -> Option<u8> {
        self.sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_choice_before_the_commit_is_the_one_sent() {
        let mut s = Submission::default();
        assert!(s.pick(3));
        assert!(s.pick(8));
        assert_eq!(s.commit(), Some(8));
        assert_eq!(s.sent(), Some(8));
    }

    #[test]
    fn a_score_is_sent_at_most_once() {
        let mut s = Submission::default();
        s.pick(9);
        assert_eq!(s.commit(), Some(9));
        assert_eq!(s.commit(), None, "a second flush sends nothing");
        assert!(!s.pick(2), "changes after sending are refused");
        assert_eq!(s.commit(), None);
        assert_eq!(s.sent(), Some(9));
    }

    #[test]
    fn nothing_is_sent_without_a_choice() {
        let mut s = Submission::default();
        assert_eq!(s.commit(), None);
        assert!(s.pick(0), "a later choice still counts");
        assert_eq!(s.commit(), Some(0));
    }
}

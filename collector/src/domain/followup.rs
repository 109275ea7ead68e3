//! The closed loop's states: `new` → `contacted` → `resolved`, or
//! `ignored`; which moves are allowed (a resolved case may be reopened),
//! and when a follow-up is overdue.

use time::{Duration, OffsetDateTime};

use super::Invalid;

/// Hours a team has to contact a detractor unless the project says
/// otherwise: the 48 h the closed-loop literature recommends.
pub const DEFAULT_HOURS: u32 = 48;

/// The statuses, in order.
pub const STATUSES: [&str; 4] = ["new", "contacted", "resolved", "ignored"];

/// Statuses still waiting for someone.
pub const OPEN: [&str; 2] = ["new", "contacted"];

/// A known status, or a 422 naming the known ones.
pub fn status(raw: &str) -> Result<&'static str, Invalid> {
    STATUSES
        .iter()
        .find(|s| **s == raw)
        .copied()
        .ok_or_else(|| {
            Invalid::new(
                "invalid_status",
                "status is new, contacted, resolved or ignored",
            )
        })
}

/// Whether a follow-up may go from `from` to `to`.
pub fn may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("new", "contacted" | "resolved" | "ignored")
            | ("contacted", "resolved" | "ignored" | "new")
            | ("resolved" | "ignored", "new" | "contacted")
    ) || from == to
}

/// When a follow-up of an answer given at `answered` is due.
pub fn due(answered: OffsetDateTime, hours: u32) -> OffsetDateTime {
    answered + Duration::hours(i64::from(hours))
}

/// Open and past its due time.
pub fn overdue(status: &str, due: OffsetDateTime, now: OffsetDateTime) -> bool {
    OPEN.contains(&status) && now > due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_moves_forward_and_may_reopen() {
        assert!(may_move("new", "contacted"));
        assert!(may_move("contacted", "resolved"));
        assert!(may_move("resolved", "contacted"), "reopened");
        assert!(may_move("new", "ignored"));
        assert!(
            !may_move("resolved", "ignored"),
            "close it again through contacted"
        );
        assert!(status("done").is_err());
    }

    #[test]
    fn only_open_cases_are_overdue() {
        let t = OffsetDateTime::UNIX_EPOCH;
        let d = due(t, DEFAULT_HOURS);
        assert!(!overdue("new", d, t + Duration::hours(47)));
        assert!(overdue("contacted", d, t + Duration::hours(49)));
        assert!(!overdue("resolved", d, t + Duration::hours(49)));
    }
}

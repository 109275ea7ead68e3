//! Tenure of a respondent when they answered: days since signup, put into
//! buckets, so the NPS of new users can be told apart from that of
//! established ones. The signup date comes from the `signed_up_at` trait.

use nps_protocol::TraitValue;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// Labels of the tenure buckets, in days since signup (both ends included).
pub const TENURE_BUCKETS: [&str; 6] = ["0-7", "8-30", "31-90", "91-180", "181-365", ">365"];

/// Last day of each bucket but the open-ended last one.
const BUCKET_LAST_DAY: [i64; 5] = [7, 30, 90, 180, 365];

/// Users with fewer days than this are `new`, the others `established`.
pub const NEW_USER_DAYS: i64 = 90;

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// A JavaScript `Date` holds at most ±8.64e15 ms around the epoch; a larger
/// number is no timestamp.
const MAX_JS_MILLIS: f64 = 8.64e15;

/// Index into [`TENURE_BUCKETS`] for a tenure in days; `None` when negative
/// (answer dated before the signup: clock skew or a bad trait).
pub fn tenure_bucket(days: i64) -> Option<usize> {
    if days < 0 {
        return None;
    }
    let index = BUCKET_LAST_DAY.iter().position(|&last| days <= last);
    Some(index.unwrap_or(BUCKET_LAST_DAY.len()))
}

/// `"new"` below [`NEW_USER_DAYS`], `"established"` from it on; `None` when
/// negative.
pub fn tenure_class(days: i64) -> Option<&'static str> {
    match days {
        ..0 => None,
        0..NEW_USER_DAYS => Some("new"),
        _ => Some("established"),
    }
}

/// Whole days from signup to answer, both in Unix milliseconds; negative when
/// the answer predates the signup.
pub fn tenure_days(signup_millis: i64, answered_millis: i64) -> i64 {
    answered_millis
        .saturating_sub(signup_millis)
        .div_euclid(DAY_MS)
}

/// Reads a `signed_up_at` trait as Unix milliseconds. Accepted: a number of
/// milliseconds (as a number or a string of digits), an RFC 3339 date-time
/// ("2026-01-31T09:30:00Z") or an ISO date ("2026-01-31", taken as midnight
/// UTC). Anything else, booleans included, gives `None`.
pub fn signup_millis(value: &TraitValue) -> Option<i64> {
    match value {
        TraitValue::Number(ms) if ms.is_finite() && ms.abs() <= MAX_JS_MILLIS => {
            // In range, so the cast neither saturates nor truncates a day.
            Some(ms.round() as i64)
        }
        TraitValue::Text(text) => parse_text(text.trim()),
        _ => None,
    }
}

fn parse_text(text: &str) -> Option<i64> {
    if let Ok(ms) = text.parse::<i64>() {
        return (ms.unsigned_abs() as f64 <= MAX_JS_MILLIS).then_some(ms);
    }
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok();
    }
    // Parsed at run time: the collector does not enable `time`'s macros.
    let format = time::format_description::parse_borrowed::<2>("[year]-[month]-[day]").ok()?;
    let date = Date::parse(text, &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_include_both_ends() {
        let cases = [(0, 0), (7, 0), (8, 1), (30, 1), (31, 2), (90, 2), (91, 3)];
        for (days, bucket) in cases {
            assert_eq!(tenure_bucket(days), Some(bucket), "{days} days");
        }
        for (days, bucket) in [(180, 3), (181, 4), (365, 4), (366, 5), (i64::MAX, 5)] {
            assert_eq!(tenure_bucket(days), Some(bucket), "{days} days");
        }
        assert_eq!(tenure_bucket(-1), None);
        assert_eq!(TENURE_BUCKETS[tenure_bucket(400).unwrap_or(0)], ">365");
    }

    #[test]
    fn classes_split_at_90_days() {
        assert_eq!(tenure_class(0), Some("new"));
        assert_eq!(tenure_class(89), Some("new"));
        assert_eq!(tenure_class(90), Some("established"));
        assert_eq!(tenure_class(-3), None);
    }

    #[test]
    fn days_are_whole_and_floor_towards_the_past() {
        assert_eq!(tenure_days(0, DAY_MS - 1), 0);
        assert_eq!(tenure_days(0, DAY_MS), 1);
        assert_eq!(tenure_days(DAY_MS, 0), -1);
        assert_eq!(tenure_days(1, 0), -1);
        assert_eq!(tenure_days(i64::MAX, i64::MIN), i64::MIN.div_euclid(DAY_MS));
    }

    #[test]
    fn signup_dates_in_every_accepted_form() {
        // 2026-01-31T00:00:00Z.
        let midnight = 1_769_817_600_000;
        let text = |s: &str| signup_millis(&TraitValue::Text(s.to_owned()));
        assert_eq!(text("2026-01-31"), Some(midnight));
        assert_eq!(text(" 2026-01-31 "), Some(midnight));
        assert_eq!(text("2026-01-31T00:00:00Z"), Some(midnight));
        assert_eq!(text("2026-01-31T01:00:00.250+01:00"), Some(midnight + 250));
        assert_eq!(text("1769817600000"), Some(midnight));
        let number = TraitValue::Number(1_769_817_600_000.0);
        assert_eq!(signup_millis(&number), Some(midnight));
    }

    #[test]
    fn anything_else_is_not_a_signup_date() {
        for bad in [
            "",
            "yesterday",
            "2026-02-30",
            "31/01/2026",
            "2026-01-31T10:00",
        ] {
            assert_eq!(signup_millis(&TraitValue::Text(bad.into())), None, "{bad}");
        }
        assert_eq!(signup_millis(&TraitValue::Text("9e99".into())), None);
        assert_eq!(signup_millis(&TraitValue::Bool(true)), None);
        assert_eq!(signup_millis(&TraitValue::Number(f64::NAN)), None);
        assert_eq!(signup_millis(&TraitValue::Number(1e300)), None);
    }
}

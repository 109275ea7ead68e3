//! The roll-up keys of a response: which rows of `rollup_daily`,
//! `rollup_scores`, `rollup_tenure` and `rollup_traits` it counts in, and
//! of their quarter-hour twins (`rollup_quarter`, `rollup_scores_quarter`,
//! `rollup_tenure_quarter`, `rollup_traits_quarter`). Computed here, once, for both writers and for
//! deletions, so the counts always match the rows.
//!
//! Trait values come from the public key, so their number is bounded: a
//! trait's first [`MAX_TRAIT_VALUES`] values count under their own name
//! (listed in `rollup_trait_values`), later ones under [`OTHER`]. The list
//! only grows, so a value's row never changes and erasure finds it.

use nps_protocol::TraitValue;

use crate::domain::ValidResponse;

/// Milliseconds in a day.
pub(crate) const DAY_MS: i64 = 86_400_000;

/// Milliseconds in a quarter of an hour: every time zone's offset is a
/// multiple of it, so local midnights fall on quarter boundaries.
pub(crate) const QUARTER_MS: i64 = 900_000;

/// Most values of one trait of one project counted under their own name.
pub(crate) const MAX_TRAIT_VALUES: i64 = 1_000;

/// Where the values past [`MAX_TRAIT_VALUES`] are counted (the answers
/// keep theirs). A value spelt `(other)` counts there too.
pub(crate) const OTHER: &str = "(other)";

/// Whether `$3` counts under its own name for trait `$2` of project `$1`.
pub(crate) const KNOWN_TRAIT_VALUE: &str =
    "SELECT 1 FROM rollup_trait_values WHERE project_key = $1 AND name = $2 AND value = $3";

/// How many values of trait `$2` of project `$1` count under their name.
pub(crate) const TRAIT_VALUES_KNOWN: &str =
    "SELECT COUNT(*) FROM rollup_trait_values WHERE project_key = $1 AND name = $2";

/// Lists `$3` among the values of trait `$2` of project `$1`.
pub(crate) const ADD_TRAIT_VALUE: &str =
    "INSERT INTO rollup_trait_values (project_key, name, value) VALUES ($1, $2, $3)
 ON CONFLICT (project_key, name, value) DO NOTHING";

/// `INSERT … ON CONFLICT … DO UPDATE`, adding `$6` to a daily count.
pub(crate) const ADD_DAILY: &str = "INSERT INTO rollup_daily (project_key, day, moment, locale, score, n)
 VALUES ($1, $2, $3, $4, $5, $6)
 ON CONFLICT (project_key, day, moment, locale, score) DO UPDATE SET n = rollup_daily.n + excluded.n";

/// The same for a tenure bucket's count.
pub(crate) const ADD_TENURE: &str = "INSERT INTO rollup_tenure (project_key, day, tenure, score, n)
 VALUES ($1, $2, $3, $4, $5)
 ON CONFLICT (project_key, day, tenure, score) DO UPDATE SET n = rollup_tenure.n + excluded.n";

/// The same for a trait value's count.
pub(crate) const ADD_TRAIT: &str =
    "INSERT INTO rollup_traits (project_key, name, value, day, score, n)
 VALUES ($1, $2, $3, $4, $5, $6)
 ON CONFLICT (project_key, name, value, day, score) DO UPDATE SET n = rollup_traits.n + excluded.n";

/// The quarter-hour twin of [`ADD_DAILY`].
pub(crate) const ADD_DAILY_QUARTER: &str = "INSERT INTO rollup_quarter (project_key, quarter, moment, locale, score, n)
 VALUES ($1, $2, $3, $4, $5, $6)
 ON CONFLICT (project_key, quarter, moment, locale, score) DO UPDATE SET n = rollup_quarter.n + excluded.n";

/// The same for a score's count, whatever the moment and locale.
pub(crate) const ADD_SCORE: &str = "INSERT INTO rollup_scores (project_key, day, score, n)
 VALUES ($1, $2, $3, $4)
 ON CONFLICT (project_key, day, score) DO UPDATE SET n = rollup_scores.n + excluded.n";

/// The quarter-hour twin of [`ADD_SCORE`].
pub(crate) const ADD_SCORE_QUARTER: &str =
    "INSERT INTO rollup_scores_quarter (project_key, quarter, score, n)
 VALUES ($1, $2, $3, $4)
 ON CONFLICT (project_key, quarter, score) DO UPDATE SET n = rollup_scores_quarter.n + excluded.n";

/// The quarter-hour twin of [`ADD_TENURE`].
pub(crate) const ADD_TENURE_QUARTER: &str = "INSERT INTO rollup_tenure_quarter (project_key, quarter, tenure, score, n)
 VALUES ($1, $2, $3, $4, $5)
 ON CONFLICT (project_key, quarter, tenure, score) DO UPDATE SET n = rollup_tenure_quarter.n + excluded.n";

/// The quarter-hour twin of [`ADD_TRAIT`].
pub(crate) const ADD_TRAIT_QUARTER: &str =
    "INSERT INTO rollup_traits_quarter (project_key, name, value, quarter, score, n)
 VALUES ($1, $2, $3, $4, $5, $6)
 ON CONFLICT (project_key, name, value, quarter, score) DO UPDATE SET n = rollup_traits_quarter.n + excluded.n";

/// The tenure key: the curve's buckets, with 31-90 split at 90 so `new`
/// (< 90 days) and `established` can be read from it too.
pub(crate) fn tenure_key(days: Option<i64>) -> &'static str {
    match days {
        None => "",
        Some(..=7) => "0-7",
        Some(8..=30) => "8-30",
        Some(31..=89) => "31-89",
        Some(90) => "90",
        Some(91..=180) => "91-180",
        Some(181..=365) => "181-365",
        Some(_) => ">365",
    }
}

/// A trait value as the filters compare it.
pub(crate) fn trait_text(value: &TraitValue) -> String {
    match value {
        TraitValue::Text(s) => s.clone(),
        TraitValue::Bool(b) => b.to_string(),
        // serde_json's rendering, the one stored in `traits` and read back
        // by the databases' JSON functions.
        TraitValue::Number(n) => serde_json::Number::from_f64(*n)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    }
}

/// The keys of a response received at `at_ms`.
pub(crate) struct Keys {
    /// UTC day.
    pub(crate) day: i64,
    /// Quarter of an hour since the epoch.
    pub(crate) quarter: i64,
    /// Moment, `''` when absent.
    pub(crate) moment: String,
    /// Locale, `''` when absent.
    pub(crate) locale: String,
    /// Tenure bucket ([`tenure_key`]).
    pub(crate) tenure: &'static str,
    /// 0–10.
    pub(crate) score: i64,
}

/// The roll-up keys of a response received at `at_ms`.
pub(crate) fn keys(r: &ValidResponse, at_ms: i64) -> Keys {
    let text = |v: Option<&str>| v.unwrap_or_default().to_owned();
    Keys {
        day: at_ms.div_euclid(DAY_MS),
        quarter: at_ms.div_euclid(QUARTER_MS),
        moment: text(r.moment.as_ref().map(|m| m.as_str())),
        locale: text(r.locale.as_ref().map(|l| l.as_str())),
        tenure: tenure_key(r.tenure_days(crate::store::from_millis(at_ms))),
        score: i64::from(r.score.value()),
    }
}

/// The trait keys of a response: (name, value).
pub(crate) fn trait_keys(r: &ValidResponse) -> Vec<(String, String)> {
    r.traits
        .as_map()
        .iter()
        .map(|(name, value)| (name.clone(), trait_text(value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenure_keys_split_at_90_days() {
        let keys: Vec<_> = [
            None,
            Some(0),
            Some(30),
            Some(89),
            Some(90),
            Some(91),
            Some(400),
        ]
        .into_iter()
        .map(tenure_key)
        .collect();
        assert_eq!(keys, ["", "0-7", "8-30", "31-89", "90", "91-180", ">365"]);
    }

    #[test]
    fn trait_values_read_as_the_filters_compare_them() {
        assert_eq!(trait_text(&TraitValue::Text("pro".into())), "pro");
        assert_eq!(trait_text(&TraitValue::Bool(true)), "true");
        assert_eq!(trait_text(&TraitValue::Number(3.0)), "3.0");
        assert_eq!(trait_text(&TraitValue::Number(2.5)), "2.5");
    }
}

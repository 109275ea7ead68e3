//! The filters every statistics page shares, as the URL holds them:
//! `project`, `from` and `to` (days, `YYYY-MM-DD`, both included),
//! `moment`, `locale`, `tenure` (`new` | `established`) and any number of
//! `trait.NAME=VALUE`. They become the API's query (plain dates, which the
//! collector reads as midnight in the project's time zone; `to` exclusive)
//! and, for the change figure, the period before.

use crate::dates::Day;
use crate::query::Query;

/// Names the shared filters use in the URL (plus `trait.*`).
const SHARED: [&str; 6] = ["project", "from", "to", "moment", "locale", "tenure"];

/// True for a URL parameter every page carries along when navigating.
pub(crate) fn is_shared(name: &str) -> bool {
    SHARED.contains(&name) || name.starts_with("trait.")
}

/// The filters of a view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filters {
    /// First day included.
    pub(crate) from: Option<Day>,
    /// Last day included.
    pub(crate) to: Option<Day>,
    /// The moment answered.
    pub(crate) moment: Option<String>,
    /// The language of the answer.
    pub(crate) locale: Option<String>,
    /// `new` or `established`.
    pub(crate) tenure: Option<String>,
    /// Trait values every answer must carry.
    pub(crate) traits: Vec<(String, String)>,
}

impl Filters {
    /// Reads the filters from the URL; unreadable dates are ignored.
    pub(crate) fn from_query(q: &Query) -> Self {
        Self {
            from: q.get("from").and_then(Day::parse),
            to: q.get("to").and_then(Day::parse),
            moment: q.get("moment").map(str::to_owned),
            locale: q.get("locale").map(str::to_owned),
            tenure: q
                .get("tenure")
                .filter(|t| matches!(*t, "new" | "established"))
                .map(str::to_owned),
            traits: q
                .pairs()
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix("trait.")?.to_owned(), v.clone())))
                .collect(),
        }
    }

    /// Writes the filters into `q` (replacing the ones it had).
    pub(crate) fn write(&self, q: &Query) -> Query {
        let mut out = q.only(|k| !is_shared(k) || k == "project");
        out.set("from", self.from.map(Day::iso).as_deref());
        out.set("to", self.to.map(Day::iso).as_deref());
        out.set("moment", self.moment.as_deref());
        out.set("locale", self.locale.as_deref());
        out.set("tenure", self.tenure.as_deref());
        for (name, value) in &self.traits {
            if !name.trim().is_empty() && !value.trim().is_empty() {
                out.push(&format!("trait.{}", name.trim()), value.trim());
            }
        }
        out
    }

    /// True when nothing narrows the answers.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The segment filters (all but the period) as API pairs.
    fn segment_pairs(&self, out: &mut Query) {
        if let Some(m) = &self.moment {
            out.push("moment", m);
        }
        if let Some(l) = &self.locale {
            out.push("locale", l);
        }
        if let Some(t) = &self.tenure {
            out.push("tenure", t);
        }
        for (name, value) in &self.traits {
            out.push(&format!("trait.{name}"), value);
        }
    }

    /// The API query for `project` under these filters.
    pub(crate) fn api(&self, project: &str) -> Query {
        let mut out = Query::default();
        out.push("project", project);
        if let Some(from) = self.from {
            out.push("from", &from.iso());
        }
        if let Some(to) = self.to {
            out.push("to", &to.plus(1).iso());
        }
        self.segment_pairs(&mut out);
        out
    }

    /// The period shown and the one just before it, of the same length, as
    /// `[from, to)` days: the chosen period when both ends are set, the
    /// last 30 days up to `today` when neither is, and from `from` to
    /// today when only the start is.
    pub(crate) fn periods(&self, today: Day) -> ((Day, Day), (Day, Day)) {
        let end = self.to.map_or(today.plus(1), |t| t.plus(1));
        let start = self.from.unwrap_or(end.plus(-30));
        let start = if start >= end { end.plus(-1) } else { start };
        let len = end.since(start);
        ((start, end), (start.plus(-len), start))
    }

    /// The compare query: this period (`from1`/`to1`) against the one
    /// before (`from2`/`to2`), the other filters applying to both.
    pub(crate) fn compare_api(&self, project: &str, today: Day) -> Query {
        let ((a0, a1), (b0, b1)) = self.periods(today);
        let mut out = Query::default();
        out.push("project", project);
        out.push("from1", &a0.iso());
        out.push("to1", &a1.iso());
        out.push("from2", &b0.iso());
        out.push("to2", &b1.iso());
        self.segment_pairs(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> Day {
        Day::parse(raw).unwrap()
    }

    #[test]
    fn the_url_filters_become_the_api_query_with_an_exclusive_end() {
        let q = Query::parse(
            "project=demo&from=2026-11-01&to=2026-11-30&moment=x&trait.plan=pro&tab=2",
        );
        let f = Filters::from_query(&q);
        assert_eq!(f.traits, vec![("plan".to_owned(), "pro".to_owned())]);
        assert_eq!(
            f.api("demo").encode(),
            "project=demo&from=2026-11-01&to=2026-12-01&moment=x&trait.plan=pro",
            "plain dates, read in the project's zone; the last day included"
        );
    }

    #[test]
    fn writing_filters_back_keeps_the_page_parameters_and_drops_empty_traits() {
        let q = Query::parse("project=demo&q=slow&trait.plan=pro");
        let mut f = Filters::from_query(&q);
        f.traits = vec![("team".into(), "eu".into()), ("".into(), "x".into())];
        f.tenure = Some("new".into());
        assert_eq!(
            f.write(&q).encode(),
            "project=demo&q=slow&tenure=new&trait.team=eu"
        );
    }

    #[test]
    fn a_bad_tenure_or_date_in_the_url_is_ignored() {
        let f = Filters::from_query(&Query::parse("tenure=old&from=soon"));
        assert!(f.is_empty());
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_where_this_one_starts() {
        let f = Filters {
            from: Some(day("2026-11-01")),
            to: Some(day("2026-11-07")),
            ..Filters::default()
        };
        let (a, b) = f.periods(day("2026-11-29"));
        assert_eq!(
            (a.0.iso(), a.1.iso()),
            ("2026-11-01".into(), "2026-11-08".into())
        );
        assert_eq!(
            (b.0.iso(), b.1.iso()),
            ("2026-10-25".into(), "2026-11-01".into())
        );
    }

    #[test]
    fn without_a_period_the_last_30_days_are_compared_with_the_30_before() {
        let (a, b) = Filters::default().periods(day("2026-11-29"));
        assert_eq!(a.1.iso(), "2026-11-30", "today is included");
        assert_eq!(a.1.since(a.0), 30);
        assert_eq!(b.1, a.0);
        assert_eq!(b.1.since(b.0), 30);
    }

    #[test]
    fn the_compare_query_applies_segment_filters_to_both_sides() {
        let f = Filters {
            moment: Some("x".into()),
            ..Filters::default()
        };
        let q = f.compare_api("demo", day("2026-11-29"));
        assert_eq!(q.get("moment"), Some("x"));
        assert_eq!(q.get("to1"), Some("2026-11-30"));
        assert_eq!(q.get("from2"), Some("2026-10-01"));
    }
}

//! Response rates per moment: prompts shown (and opt-outs) from `events`
//! against answers, both counted over the same part of the statistics'
//! filter, so the rate is a ratio of one population.
//!
//! An impression records its moment, user and time, nothing else: `from`,
//! `to` and `moment` narrow both sides; `locale`, `tenure`, traits and the
//! verbatim filters cannot narrow the impressions, so they narrow neither
//! (counting French answers against impressions in every language would
//! show a rate that means nothing).

use std::collections::BTreeMap;

use crate::domain::Filter;
use crate::store::analytics::GroupCount;
use crate::store::MomentCounts;

/// The part of `f` that impressions can honour.
pub(crate) fn rates_filter(f: &Filter) -> Filter {
    Filter {
        from: f.from,
        to: f.to,
        moment: f.moment.clone(),
        ..Filter::default()
    }
}

/// One line per moment from impression counts (`(moment, kind, n)`) and
/// answers grouped by moment; answers without a moment have no rate.
pub(crate) fn merge(
    impressions: Vec<(String, String, i64)>,
    answers: Vec<GroupCount>,
) -> Vec<MomentCounts> {
    let mut by_moment = BTreeMap::<String, MomentCounts>::new();
    for (moment, kind, n) in impressions {
        let counts = line(&mut by_moment, moment);
        match kind.as_str() {
            "shown" => counts.shown += n.unsigned_abs(),
            "opted_out" => counts.opted_out += n.unsigned_abs(),
            _ => {}
        }
    }
    for answer in answers {
        if let Some(moment) = answer.group {
            line(&mut by_moment, moment).answered += answer.count;
        }
    }
    by_moment.into_values().collect()
}

/// The line of `moment`, started at zero.
fn line(by_moment: &mut BTreeMap<String, MomentCounts>, moment: String) -> &mut MomentCounts {
    by_moment.entry(moment.clone()).or_insert(MomentCounts {
        moment,
        shown: 0,
        answered: 0,
        opted_out: 0,
    })
}

macro_rules! rate_queries {
    ($db:ty, $backend:ident) => {
        use sqlx::{QueryBuilder, Row};

        use crate::domain::{Filter, ProjectKey};
        use crate::store::analytics::rates::{merge, rates_filter};
        use crate::store::analytics::Grouping;
        use crate::store::{to_millis, MomentCounts, StoreResult};

        /// Prompts shown, answered and opted out of per moment, over the
        /// period (and moment) of `f`. The impressions are counted on the
        /// `(project_key, kind, moment, created_at)` index alone; the
        /// answers come from the roll-up when the period is whole days.
        pub(crate) async fn moment_counts(
            pool: &sqlx::Pool<$db>,
            key: &ProjectKey,
            f: &Filter,
        ) -> StoreResult<Vec<MomentCounts>> {
            let f = rates_filter(f);
            let answered =
                crate::store::analytics::$backend::grouped_scores(pool, key, &f, &Grouping::Moment)
                    .await?;
            let mut b = QueryBuilder::<$db>::new(
                "SELECT moment, kind, COUNT(*) AS n FROM events WHERE project_key = ",
            );
            b.push_bind(key.as_str().to_owned());
            b.push(" AND kind IN ('shown', 'opted_out') AND moment IS NOT NULL");
            if let Some(moment) = &f.moment {
                b.push(" AND moment = ").push_bind(moment.clone());
            }
            if let Some(from) = f.from {
                b.push(" AND created_at >= ").push_bind(to_millis(from));
            }
            if let Some(to) = f.to {
                b.push(" AND created_at < ").push_bind(to_millis(to));
            }
            b.push(" GROUP BY moment, kind");
            let impressions = b
                .build()
                .fetch_all(pool)
                .await?
                .iter()
                .map(|row| {
                    Ok((
                        row.try_get("moment")?,
                        row.try_get("kind")?,
                        row.try_get("n")?,
                    ))
                })
                .collect::<StoreResult<Vec<_>>>()?;
            Ok(merge(impressions, answered))
        }
    };
}

/// Response rates on SQLite.
pub(crate) mod sqlite {
    rate_queries!(sqlx::Sqlite, sqlite);
}

/// Response rates on PostgreSQL.
pub(crate) mod postgres {
    rate_queries!(sqlx::Postgres, postgres);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_period_and_the_moment_narrow_the_rates() {
        let f = Filter {
            moment: Some("upgraded".into()),
            locale: Some("fr".into()),
            traits: vec![("plan".into(), "pro".into())],
            ..Filter::default()
        };

        let rates = rates_filter(&f);

        assert_eq!(rates.moment.as_deref(), Some("upgraded"));
        assert_eq!((rates.locale, rates.traits.len()), (None, 0));
    }

    #[test]
    fn answers_without_a_moment_have_no_line() {
        let impressions = vec![("upgraded".into(), "shown".into(), 4)];
        let answers = vec![
            GroupCount {
                group: Some("upgraded".into()),
                score: 9,
                count: 1,
            },
            GroupCount {
                group: None,
                score: 3,
                count: 7,
            },
        ];

        let lines = merge(impressions, answers);

        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].shown, lines[0].answered), (4, 1));
    }
}

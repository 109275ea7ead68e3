//! Which answers a statistic, a listing or an export covers, read from the
//! query string: `from`, `to` (RFC 3339 with any offset, or a plain date
//! `YYYY-MM-DD` meaning midnight in the project's time zone; `from`
//! inclusive, `to` exclusive),
//! `moment`, `locale`, `tenure` (`new` | `established`), `trait.NAME=VALUE`
//! (one per trait name, at most [`Filter::MAX_TRAITS`]), and for the
//! verbatim feed `q`, `category`, `score_min`,
//! `score_max`, `has_comment`. A prefix (`a.`, `b.`) reads one side of a
//! comparison.

use nps_protocol::Category;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{EventName, Invalid, Search, Zone};

/// New users answered before 90 days since signup; the others are
/// established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tenure {
    /// Fewer than 90 days since signup.
    New,
    /// 90 days or more.
    Established,
}

/// The conditions an answer must meet; empty means every answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Answers at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Answers before this time.
    pub to: Option<OffsetDateTime>,
    /// Answers to this moment.
    pub moment: Option<String>,
    /// Answers in this language.
    pub locale: Option<String>,
    /// Answers from new or established users.
    pub tenure: Option<Tenure>,
    /// Trait values the answer must carry (all of them).
    pub traits: Vec<(String, String)>,
    /// Words the comment must contain (full-text: case and accents
    /// ignored; the last word, of two characters or more, also matches as
    /// a prefix).
    pub q: Option<Search>,
    /// Answers in this category.
    pub category: Option<Category>,
    /// Lowest score.
    pub score_min: Option<u8>,
    /// Highest score.
    pub score_max: Option<u8>,
    /// Only answers with (true) or without (false) a comment.
    pub has_comment: Option<bool>,
    /// Answers of this user.
    pub user_id: Option<String>,
    /// Answers carrying this tag.
    pub tag: Option<String>,
    /// Answers whose follow-up has this status.
    pub status: Option<String>,
}

fn invalid(message: String) -> Invalid {
    Invalid::new("invalid_filter", message)
}

/// An instant: RFC 3339 with any offset, or a plain date, which starts at
/// midnight in the project's zone.
fn time(name: &str, value: &str, zone: &Zone) -> Result<OffsetDateTime, Invalid> {
    let date = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(day) = time::Date::parse(value, &date) {
        return Ok(zone.midnight(day));
    }
    OffsetDateTime::parse(value, &Rfc3339).map_err(|_| {
        invalid(format!(
            "{name} must be an RFC 3339 time such as 2026-11-01T00:00:00+01:00, or a date such as 2026-11-01"
        ))
    })
}

impl Filter {
    /// Most `trait.NAME` conditions in one filter: each is a join or a
    /// condition in the SQL, and a thousand of them broke SQLite's depth
    /// limit (a 500, and an export that sent its headers then nothing).
    pub const MAX_TRAITS: usize = 20;

    /// Reads the parameters named `{prefix}NAME` among `pairs`; others are
    /// left to the endpoint. Plain dates are read in `zone`.
    pub fn parse(pairs: &[(String, String)], prefix: &str, zone: &Zone) -> Result<Self, Invalid> {
        let mut f = Self::default();
        for (name, value) in pairs {
            let Some(name) = name.strip_prefix(prefix) else {
                continue;
            };
            let value = value.trim();
            match name {
                "from" => f.from = Some(time("from", value, zone)?),
                "to" => f.to = Some(time("to", value, zone)?),
                "moment" => f.moment = Some(value.to_owned()),
                "locale" => f.locale = Some(value.to_owned()),
                "user_id" => f.user_id = Some(value.to_owned()),
                "tag" => f.tag = Some(value.to_owned()),
                "status" => {
                    let status = super::followup::status(value).map_err(|e| invalid(e.message))?;
                    f.status = Some(status.to_owned());
                }
                "tenure" => {
                    f.tenure = Some(match value {
                        "new" => Tenure::New,
                        "established" => Tenure::Established,
                        _ => return Err(invalid("tenure must be new or established".into())),
                    });
                }
                "q" => f.q = Search::parse(&value.chars().take(200).collect::<String>()),
                "category" => {
                    f.category = Some(match value {
                        "detractor" => Category::Detractor,
                        "passive" => Category::Passive,
                        "promoter" => Category::Promoter,
                        _ => {
                            return Err(invalid(
                                "category must be detractor, passive or promoter".into(),
                            ))
                        }
                    });
                }
                "score_min" | "score_max" => {
                    let score = value
                        .parse::<u8>()
                        .ok()
                        .filter(|s| *s <= 10)
                        .ok_or_else(|| invalid(format!("{name} must be 0-10")))?;
                    if name == "score_min" {
                        f.score_min = Some(score);
                    } else {
                        f.score_max = Some(score);
                    }
                }
                "has_comment" => {
                    f.has_comment = Some(
                        value
                            .parse()
                            .map_err(|_| invalid("has_comment must be true or false".into()))?,
                    );
                }
                _ => {
                    if let Some(trait_name) = name.strip_prefix("trait.") {
                        EventName::try_from(trait_name.to_owned()).map_err(|_| {
                            invalid(format!("no trait can be named {trait_name:?}"))
                        })?;
                        if f.traits.len() == Self::MAX_TRAITS {
                            return Err(invalid(format!(
                                "at most {} trait filters",
                                Self::MAX_TRAITS
                            )));
                        }
                        f.traits.push((trait_name.to_owned(), value.to_owned()));
                    }
                }
            }
        }
        if let (Some(from), Some(to)) = (f.from, f.to) {
            if from >= to {
                return Err(invalid("from must be before to".into()));
            }
        }
        Ok(f)
    }

    /// The scores the category and score bounds allow, as an inclusive range.
    pub fn score_range(&self) -> (u8, u8) {
        let (low, high) = match self.category {
            Some(Category::Detractor) => (0, 6),
            Some(Category::Passive) => (7, 8),
            Some(Category::Promoter) => (9, 10),
            None => (0, 10),
        };
        (
            low.max(self.score_min.unwrap_or(0)),
            high.min(self.score_max.unwrap_or(10)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn every_filter_is_read_and_others_are_left_alone() {
        let f = Filter::parse(
            &pairs(&[
                ("project", "demo"),
                ("from", "2026-01-01T00:00:00Z"),
                ("to", "2026-02-01T00:00:00Z"),
                ("moment", "upgraded"),
                ("tenure", "new"),
                ("trait.plan", "pro"),
                ("trait.region", "eu"),
                ("category", "detractor"),
                ("score_min", "3"),
            ]),
            "",
            &Zone::default(),
        )
        .unwrap();
        assert_eq!(f.moment.as_deref(), Some("upgraded"));
        assert_eq!(f.tenure, Some(Tenure::New));
        assert_eq!(f.traits.len(), 2);
        assert_eq!(f.score_range(), (3, 6));
    }

    #[test]
    fn a_prefix_reads_one_side_of_a_comparison() {
        let list = pairs(&[("a.moment", "x"), ("b.moment", "y")]);
        assert_eq!(
            Filter::parse(&list, "b.", &Zone::default())
                .unwrap()
                .moment
                .as_deref(),
            Some("y")
        );
    }

    #[test]
    fn bad_values_are_refused_with_the_parameter_named() {
        for (name, value) in [
            ("from", "yesterday"),
            ("tenure", "old"),
            ("category", "fan"),
            ("score_max", "11"),
            ("trait.a b", "x"),
        ] {
            let e = Filter::parse(&pairs(&[(name, value)]), "", &Zone::default()).unwrap_err();
            assert_eq!(e.code, "invalid_filter", "{name}");
        }
        let reversed = pairs(&[
            ("from", "2026-02-01T00:00:00Z"),
            ("to", "2026-01-01T00:00:00Z"),
        ]);
        assert!(Filter::parse(&reversed, "", &Zone::default()).is_err());
    }

    #[test]
    fn a_plain_date_is_midnight_in_the_projects_zone_and_offsets_are_kept() {
        let paris = Zone::try_from("Europe/Paris").unwrap();
        let f = Filter::parse(
            &pairs(&[("from", "2026-01-01"), ("to", "2026-07-01T00:00:00+02:00")]),
            "",
            &paris,
        )
        .unwrap();
        assert_eq!(f.from, Some(time::macros::datetime!(2025-12-31 23:00 UTC)));
        assert_eq!(f.to, Some(time::macros::datetime!(2026-06-30 22:00 UTC)));
        let utc = Filter::parse(&pairs(&[("from", "2026-01-01")]), "", &Zone::default()).unwrap();
        assert_eq!(
            utc.from,
            Some(time::macros::datetime!(2026-01-01 00:00 UTC))
        );
    }
}

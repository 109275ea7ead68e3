//! A moment sent by the host app's backend (`POST /api/v1/moments`),
//! parsed from the wire: the user id as `identify` takes it, the name as
//! `track` takes it, a time that is not in the future, properties shaped
//! like traits.

use nps_protocol::NewMoment;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::{EventName, Invalid, UserId, ValidTraits};

/// How far ahead of the collector's clock `at` may be: a backend's clock
/// a little fast, not a moment scheduled for later.
const MAX_AHEAD: Duration = Duration::hours(1);

/// A server's moment whose every field was checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerMoment {
    /// The host app's user id.
    pub user_id: UserId,
    /// The moment's name.
    pub moment: EventName,
    /// When it happened.
    pub at: OffsetDateTime,
    /// Its properties.
    pub props: ValidTraits,
}

/// The field's name in front of a refusal's sentence, so a 422 names the
/// field whatever the rule it broke.
fn field(name: &'static str) -> impl Fn(Invalid) -> Invalid {
    move |e| Invalid::new(e.code, format!("{name}: {}", e.message))
}

impl ServerMoment {
    /// Checks `body`, received at `now`.
    pub fn parse(body: NewMoment, now: OffsetDateTime) -> Result<Self, Invalid> {
        let user_id = UserId::try_from(body.user_id).map_err(field("user_id"))?;
        let moment = EventName::try_from(body.moment).map_err(field("moment"))?;
        let at = match body.at {
            None => now,
            Some(raw) => OffsetDateTime::parse(&raw, &Rfc3339).map_err(|_| {
                Invalid::new(
                    "invalid_field",
                    format!(
                        "at must be an RFC 3339 time such as 2026-06-01T09:30:00Z, got {raw:?}"
                    ),
                )
            })?,
        };
        if at > now + MAX_AHEAD {
            return Err(Invalid::new(
                "invalid_field",
                "at is more than an hour in the future: send a moment when it happens",
            ));
        }
        let props = body
            .props
            .map(ValidTraits::try_from)
            .transpose()
            .map_err(field("props"))?
            .unwrap_or_default();
        Ok(Self {
            user_id,
            moment,
            at,
            props,
        })
    }
}

#[cfg(test)]
mod tests {
    use nps_protocol::{TraitValue, Traits};
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

    fn body(user_id: &str, moment: &str, at: Option<&str>) -> NewMoment {
        NewMoment {
            user_id: user_id.into(),
            moment: moment.into(),
            at: at.map(str::to_owned),
            props: None,
        }
    }

    #[test]
    fn a_moment_without_a_time_happened_when_it_arrived() {
        let m = ServerMoment::parse(body("u1", "ticket_solved", None), NOW).unwrap();
        assert_eq!(m.at, NOW);
        assert_eq!(m.moment.as_str(), "ticket_solved");
        assert!(m.props.is_empty());
    }

    #[test]
    fn each_bad_field_is_named_in_the_refusal() {
        let long_trait = {
            let mut t = Traits::new();
            t.insert("note".into(), TraitValue::Text("x".repeat(2_000)));
            t
        };
        let cases = [
            ("an empty user id", body("", "m", None), "user_id"),
            (
                "a moment with a space",
                body("u1", "ticket solved", None),
                "moment",
            ),
            (
                "a time that is no time",
                body("u1", "m", Some("yesterday")),
                "at",
            ),
            (
                "a time next week",
                body("u1", "m", Some("2026-06-08T12:00:00Z")),
                "at",
            ),
            (
                "a property too long",
                NewMoment {
                    props: Some(long_trait),
                    ..body("u1", "m", None)
                },
                "props",
            ),
        ];
        for (case, b, name) in cases {
            let e = ServerMoment::parse(b, NOW).expect_err(case);
            assert!(e.message.starts_with(name), "{case}: {}", e.message);
        }
    }

    #[test]
    fn a_time_a_little_ahead_or_in_the_past_is_kept_as_sent() {
        for raw in ["2026-06-01T12:30:00Z", "2026-05-30T08:00:00+02:00"] {
            let m = ServerMoment::parse(body("u1", "m", Some(raw)), NOW).unwrap();
            assert_eq!(m.at, OffsetDateTime::parse(raw, &Rfc3339).unwrap(), "{raw}");
        }
    }
}

//! The admin API's JSON as the dashboard reads it: the feed, follow-ups,
//! tags, projects, webhooks, sessions and members come from their one
//! definition in `nps_protocol::admin`; the statistics views below are
//! still mirrored here (next to move).

use serde::Deserialize;

/// The admin API's types the dashboard reads and sends, from their one
/// definition in `nps-protocol`.
pub(crate) use nps_protocol::admin::{
    Answer, AnswerPage as Page, ConfigVersion, ConfigVersions, Credentials, Deliveries, FollowUp,
    Inbox, Member, Members, NewMember, NewWebhook, Project, Projects, Role, Session,
    TagList as Tags, TagRules as Rules, Webhook, WebhookFormat, Webhooks,
};

/// A closed interval of NPS points.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub(crate) struct Interval {
    pub(crate) low: f64,
    pub(crate) high: f64,
}

/// A score with its uncertainty (`ScoreView`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Score {
    pub(crate) nps: Option<f64>,
    pub(crate) ci95: Option<Interval>,
    pub(crate) margin_of_error: Option<f64>,
    pub(crate) responses: u64,
}

/// How one moment performs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct MomentRate {
    pub(crate) moment: String,
    pub(crate) shown: u64,
    pub(crate) answered: u64,
    #[serde(default)]
    pub(crate) opted_out: u64,
    pub(crate) response_rate: Option<f64>,
}

/// `GET /api/v1/stats`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Stats {
    pub(crate) nps: Option<f64>,
    pub(crate) ci95: Option<Interval>,
    pub(crate) margin_of_error: Option<f64>,
    pub(crate) responses: u64,
    pub(crate) promoters: u64,
    pub(crate) passives: u64,
    pub(crate) detractors: u64,
    pub(crate) distribution: Vec<u64>,
    #[serde(default)]
    pub(crate) needed_for_5: u64,
    #[serde(default)]
    pub(crate) needed_for_10: u64,
    #[serde(default)]
    pub(crate) moments: Vec<MomentRate>,
}

/// `GET /api/v1/stats/compare`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Compare {
    pub(crate) a: Score,
    pub(crate) b: Score,
    pub(crate) difference: f64,
    pub(crate) significant: bool,
    pub(crate) summary_en: String,
    pub(crate) summary_fr: String,
}

/// One period of `GET /api/v1/stats/trend`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct TrendPoint {
    pub(crate) start: String,
    pub(crate) nps: Option<f64>,
    pub(crate) ci95: Option<Interval>,
    pub(crate) responses: u64,
}

/// `GET /api/v1/stats/trend`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Trend {
    pub(crate) points: Vec<TrendPoint>,
}

/// One value of a dimension.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Segment {
    pub(crate) value: Option<String>,
    pub(crate) nps: Option<f64>,
    pub(crate) ci95: Option<Interval>,
    pub(crate) responses: u64,
    pub(crate) small_sample: bool,
}

/// `GET /api/v1/stats/segments` and `/stats/tenure`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Segments {
    pub(crate) segments: Vec<Segment>,
}

/// `GET /api/v1/stats/tags`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct TagStats {
    pub(crate) tags: Vec<Segment>,
}

#[cfg(test)]
mod tests {
    use nps_protocol::{Category, TraitValue};

    use super::*;

    #[test]
    fn the_stats_of_the_openapi_example_read() {
        let s: Stats = serde_json::from_str(
            r#"{"project":"demo","nps":30.0,"margin":21.6,"responses":10,"promoters":5,
            "passives":3,"detractors":2,"distribution":[0,0,1,0,0,0,1,2,1,3,2],
            "ci95":{"low":-1.52,"high":55.08},"margin_of_error":28.3,"needed_for_5":300,
            "needed_for_10":70,"moments":[{"moment":"x","shown":4,"answered":2,"opted_out":0,"response_rate":0.5}]}"#,
        )
        .unwrap();
        assert_eq!(s.ci95.unwrap().low, -1.52);
        assert_eq!(s.moments[0].response_rate, Some(0.5));
    }

    #[test]
    fn an_answer_takes_its_category_from_the_protocol() {
        let a: Answer = serde_json::from_str(
            r#"{"id":"1","score":8,"comment":null,"traits":{"plan":"pro","seats":3},
            "identity_unverified":false,"created_at":"2026-11-29T08:00:00Z",
            "updated_at":"2026-11-29T08:00:00Z","category":"passive","tags":["billing"]}"#,
        )
        .unwrap();
        assert_eq!(Category::of(a.score), Some(Category::Passive));
        assert_eq!(a.traits["seats"], TraitValue::Number(3.0));
    }

    #[test]
    fn a_session_and_members_read() {
        let s: Session =
            serde_json::from_str(r#"{"email":"a@b.c","role":"member","csrf_token":"t"}"#).unwrap();
        assert_eq!(s.role, Role::Member);
        let m: Members = serde_json::from_str(
            r#"{"members":[{"email":"a@b.c","role":"admin","created_at":1764403200000}]}"#,
        )
        .unwrap();
        assert_eq!(m.members[0].role, Role::Admin);
    }
}

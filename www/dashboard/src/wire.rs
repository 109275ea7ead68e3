//! The admin API's JSON that `nps-protocol` does not define (yet): the
//! views of statistics, the feed, follow-ups, webhooks, sessions and
//! members. Field names follow `/api/v1/openapi.json`; everything the
//! widget shares with the collector (categories, timing rules, traits,
//! problems) comes from `nps_protocol` itself.

use std::collections::BTreeMap;

use nps_protocol::{Category, TraitValue, WidgetConfig};
use serde::{Deserialize, Serialize};

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

/// One version of `GET /api/v1/projects/{key}/config/versions`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct ConfigVersion {
    pub(crate) version: i64,
    pub(crate) actor: String,
    pub(crate) created_at: i64,
    pub(crate) note: Option<String>,
    pub(crate) changed: Vec<String>,
}

/// `GET /api/v1/projects/{key}/config/versions`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct ConfigVersions {
    pub(crate) versions: Vec<ConfigVersion>,
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

/// An answer as the feed shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Answer {
    pub(crate) id: String,
    pub(crate) score: u8,
    pub(crate) comment: Option<String>,
    pub(crate) user_id: Option<String>,
    pub(crate) moment: Option<String>,
    pub(crate) locale: Option<String>,
    #[serde(default)]
    pub(crate) traits: BTreeMap<String, TraitValue>,
    pub(crate) created_at: String,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
}

/// `GET /api/v1/responses`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Page {
    pub(crate) items: Vec<Answer>,
    pub(crate) next_cursor: Option<String>,
}

/// The answer's tags after a change.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Tags {
    pub(crate) tags: Vec<String>,
}

/// A tag rule.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct TagRule {
    pub(crate) id: String,
    pub(crate) tag: String,
    #[serde(default)]
    pub(crate) keywords: Vec<String>,
    pub(crate) regex: Option<String>,
}

/// `GET /api/v1/tag-rules`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Rules {
    pub(crate) rules: Vec<TagRule>,
}

/// One change or note of a follow-up.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct HistoryEntry {
    pub(crate) actor: String,
    pub(crate) kind: String,
    pub(crate) value: Option<String>,
    pub(crate) created_at: f64,
}

/// An answer's follow-up.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct FollowUp {
    pub(crate) response: Answer,
    pub(crate) status: String,
    pub(crate) assignee: Option<String>,
    pub(crate) due_at: String,
    pub(crate) overdue: bool,
    #[serde(default)]
    pub(crate) history: Option<Vec<HistoryEntry>>,
}

/// `GET /api/v1/followups`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Inbox {
    pub(crate) items: Vec<FollowUp>,
}

/// A project as admins read it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Project {
    pub(crate) key: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) moments: Vec<String>,
    #[serde(default)]
    pub(crate) config: WidgetConfig,
    pub(crate) identity_secret: Option<String>,
    #[serde(default)]
    pub(crate) allowed_origins: Vec<String>,
}

/// `GET /api/v1/projects`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Projects {
    pub(crate) projects: Vec<Project>,
}

/// A webhook endpoint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Webhook {
    pub(crate) id: String,
    pub(crate) url: String,
    pub(crate) secret: String,
    pub(crate) format: String,
    pub(crate) enabled: bool,
    pub(crate) disabled_why: Option<String>,
    pub(crate) created_at: f64,
}

/// `GET /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Webhooks {
    pub(crate) webhooks: Vec<Webhook>,
}

/// A delivery of the log.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Delivery {
    pub(crate) id: i64,
    pub(crate) event_type: String,
    pub(crate) status: String,
    pub(crate) attempts: i64,
    pub(crate) last_status: Option<i64>,
    pub(crate) last_error: Option<String>,
    pub(crate) created_at: f64,
}

/// `GET /api/v1/webhooks/{id}/deliveries`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Deliveries {
    pub(crate) deliveries: Vec<Delivery>,
}

/// `POST /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NewWebhook {
    pub(crate) project: String,
    pub(crate) url: String,
    pub(crate) categories: Vec<Category>,
    pub(crate) digest: bool,
    pub(crate) format: String,
}

/// A role of a signed-in person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// Everything, configuration included.
    Admin,
    /// Reads everything, works the follow-up inbox, tags answers.
    Member,
}

/// `GET|POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Session {
    pub(crate) email: String,
    pub(crate) role: Role,
    pub(crate) csrf_token: String,
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Credentials {
    pub(crate) email: String,
    pub(crate) password: String,
}

/// One member of the team.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Member {
    pub(crate) email: String,
    pub(crate) role: Role,
    #[serde(default)]
    pub(crate) created_at: Option<serde_created::CreatedAt>,
}

/// `GET /api/v1/members`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Members {
    pub(crate) members: Vec<Member>,
}

/// `POST /api/v1/members`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct NewMember {
    pub(crate) email: String,
    pub(crate) role: Role,
    pub(crate) password: String,
}

/// The members API is not written yet: its `created_at` may be RFC 3339
/// or Unix ms. Both read.
pub(crate) mod serde_created {
    use serde::Deserialize;

    /// Either form of a creation time.
    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(untagged)]
    pub(crate) enum CreatedAt {
        /// Unix milliseconds.
        Millis(f64),
        /// RFC 3339.
        Text(String),
    }
}

#[cfg(test)]
mod tests {
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
    fn a_session_and_members_read_whichever_time_format_arrives() {
        let s: Session =
            serde_json::from_str(r#"{"email":"a@b.c","role":"member","csrf_token":"t"}"#).unwrap();
        assert_eq!(s.role, Role::Member);
        let m: Members = serde_json::from_str(
            r#"{"members":[{"email":"a@b.c","role":"admin","created_at":"2026-11-29T08:00:00Z"},
            {"email":"d@b.c","role":"member","created_at":1764403200000}]}"#,
        )
        .unwrap();
        assert_eq!(m.members.len(), 2);
    }
}

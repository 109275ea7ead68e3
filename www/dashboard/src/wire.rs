//! The admin API's JSON as the dashboard reads and sends it: the types of
//! `nps_protocol::admin`, their one definition (the collector builds the
//! same ones), under their own names.

// The pages that use these are wasm-only; a native build (the unit tests)
// compiles this module alone.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use nps_protocol::admin::{
    Answer, AnswerPage, Comparison, ConfigVersion, ConfigVersions, Credentials, Deliveries, Driver,
    Drivers, ExperimentStats, FollowUp, Inbox, LoopStats, Member, Members, MomentRate, NewMember,
    NewWebhook, Project, Projects, Role, SamplingStats, Segment, Segments, Session, Stats, TagList,
    TagRules, TagStats, Theme, ThemeTagged, Themes, Timeline, TimelineItem, Trend, TrendPoint,
    Webhook, WebhookFormat, Webhooks,
};

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
        assert_eq!(s.summary.ci95.unwrap().low, -1.52);
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

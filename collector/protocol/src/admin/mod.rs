//! The admin API's requests and answers: what the dashboard and scripts
//! send to and read from the collector (statistics, the verbatim feed,
//! tags and their lifecycle, follow-ups, sampling, a person's timeline,
//! projects, webhooks, the team).
//!
//! Defined once here: the collector builds these from its domain types
//! and documents them in its OpenAPI document (feature `openapi`); the
//! dashboard deserialises the very same types.

mod answers;
mod experiments;
mod imports;
mod lifecycle;
mod loop_stats;
mod projects;
mod sampling;
mod stats;
mod team;
mod themes;
mod webhooks;

pub use answers::{
    Answer, AnswerPage, Applied, FollowUp, FollowUpChange, HistoryEntry, Inbox, NewTag, NewTagRule,
    TagList, TagRule, TagRules,
};
pub use experiments::{ExperimentStats, NeededFor, VariantStats, VsControl};
pub use imports::{ImportRejected, ImportRowError, ImportSummary};
pub use lifecycle::{
    Announcement, TagChange, TagState, TagStates, TagStatus, Timeline, TimelineItem,
};
pub use loop_stats::{AssigneeLoop, FollowUpLoop, LoopStats, NoticeCounts, Recovery};
pub use projects::{
    ConfigVersion, ConfigVersions, MomentSpec, NewProject, Project, ProjectUpdate, Projects,
    RetentionMode,
};
pub use sampling::{SamplingGroup, SamplingStats};
pub use stats::{
    Comparison, Interval, MomentRate, Score, Segment, Segments, Stats, Summary, TagStats, Trend,
    TrendPoint,
};
pub use team::{Credentials, Member, Members, NewMember, Revoked, Role, RoleChange, Session};
pub use themes::{Driver, Drivers, Example, Previous, Theme, ThemeTagged, Themes};
pub use webhooks::{
    Deliveries, Delivery, NewWebhook, TestQueued, Webhook, WebhookFilter, WebhookFormat, Webhooks,
    WEBHOOK_TYPES,
};

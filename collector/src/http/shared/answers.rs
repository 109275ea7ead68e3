//! A stored answer as the admin API shows it: the feed, the export and the
//! follow-up inbox show the same [`Answer`].

use nps_protocol::admin::Answer;
use nps_protocol::Category;
use time::format_description::well_known::Rfc3339;

use crate::store::StoredResponse;

/// A stored answer as the API shows it, with its tags.
pub(in crate::http) fn answer(r: StoredResponse, tags: Vec<String>) -> Answer {
    let rfc3339 = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    Answer {
        category: Category::of(r.score).unwrap_or(Category::Detractor),
        // Stored traits were validated flat on the way in.
        traits: serde_json::from_value(r.traits).unwrap_or_default(),
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
        id: r.id,
        score: r.score,
        comment: r.comment,
        user_id: r.user_id,
        moment: r.moment,
        locale: r.locale,
        url: r.url,
        identity_unverified: r.identity_unverified,
        source: r.source,
        variant: r.variant,
        tags,
    }
}

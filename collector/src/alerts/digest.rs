//! The daily digest: for every project with a digest endpoint, the day
//! before in the project's time zone: last 7 days' NPS and interval (read
//! interval first while provisional, as everywhere a score is shown), the
//! change against the 7 days before, yesterday's new detractors, overdue
//! follow-ups, and the themes of the comments whose share rose
//! significantly against the 7 days before (emerging). Once per project,
//! endpoint and day: the event id is the date, so several instances or
//! restarts cannot send it twice.

use serde_json::{json, Value};
use time::OffsetDateTime;

use super::payload::body;
use super::Alerts;
use crate::domain::{Filter, ProjectKey};
use crate::stats::themes::{emerging, share};
use crate::stats::{compare, describe, is_provisional, reading, summarise, Distribution, Lang};
use crate::store::analytics::Grouping;
use crate::store::comments::{self, Commented, SAMPLE};
use crate::store::webhooks::{self, NewDelivery};
use crate::store::{followups, to_millis, StoreResult};
use crate::text::{find, Doc};

/// The daily digest of every project with a digest endpoint, for the day
/// before `now` in the project's time zone: once per project, endpoint and
/// day (the event id is the date, so several instances or restarts cannot
/// send it twice).
pub async fn digest_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let pool = a.store.pool();
    let mut total = 0;
    for w in webhooks::list(pool, None).await? {
        if !w.filter.wants("digest.daily") {
            continue;
        }
        let key = match ProjectKey::try_from(w.project.clone()) {
            Ok(key) => key,
            Err(_) => continue,
        };
        let zone = match a.store.project(&key).await? {
            Some(project) => project.settings.zone(),
            None => continue,
        };
        let today = zone.date_of(now);
        // Local midnights `n` days before today (23- or 25-hour days
        // included).
        let midnight = |n: i64| {
            today
                .checked_sub(time::Duration::days(n))
                .map_or(now, |d| zone.midnight(d))
        };
        let window = |from: OffsetDateTime, to: OffsetDateTime| Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        };
        let last7 = histogram(a, &key, &window(midnight(7), midnight(0))).await?;
        let before = histogram(a, &key, &window(midnight(14), midnight(7))).await?;
        let yesterday = histogram(a, &key, &window(midnight(1), midnight(0))).await?;
        let rising = emerging_themes(
            a,
            &key,
            &window(midnight(7), midnight(0)),
            &window(midnight(14), midnight(7)),
        )
        .await?;
        let summary = summarise(&last7);
        let date = today.previous_day().unwrap_or(today);
        let c = compare(&last7, &before);
        let open = followups::inbox(
            pool,
            &w.project,
            6,
            &["new", "contacted"],
            None,
            None,
            10_000,
        )
        .await?;
        let overdue = open
            .iter()
            .filter(|i| (now - i.response.created_at).whole_hours() >= 48)
            .count();
        let data = json!({
            "project": w.project,
            "date": date.to_string(),
            "timezone": zone.name(),
            "period": "last 7 days",
            "nps": summary.nps,
            "ci95": summary.ci95,
            "responses": summary.responses,
            "provisional": is_provisional(summary.responses, summary.margin_of_error),
            "reading": reading(&summary, Lang::En),
            "reading_fr": reading(&summary, Lang::Fr),
            "change": describe(&c, Lang::En),
            "difference": c.difference,
            "p_value": c.p_value,
            "significant": c.significant,
            "new_detractors": yesterday.detractors(),
            "overdue_followups": overdue,
            "emerging_themes": rising,
        });
        let delivery = NewDelivery {
            event_id: format!(
                "msg_digest_{}_{}",
                w.project.replace(|c: char| !c.is_ascii_alphanumeric(), ""),
                date
            ),
            event_type: "digest.daily".into(),
            response_id: None,
            user_id: None,
            payload: body(w.format, "digest.daily", &data, now),
        };
        webhooks::enqueue(pool, &w.id, &[delivery], None, to_millis(now)).await?;
        total += 1;
    }
    Ok(total)
}

async fn histogram(a: &Alerts, key: &ProjectKey, f: &Filter) -> StoreResult<Distribution> {
    let counts = a.store.grouped_scores(key, f, &Grouping::Total).await?;
    let mut d = Distribution::default();
    for c in counts {
        if let Some(slot) = d.0.get_mut(usize::from(c.score)) {
            *slot += c.count;
        }
    }
    Ok(d)
}

/// The themes of `now`'s comments whose share rose significantly against
/// `before`'s (as `GET /api/v1/stats/themes` marks them `emerging`), most
/// answers first: `{id, label, terms, responses, share_before, share_now}`.
async fn emerging_themes(
    a: &Alerts,
    key: &ProjectKey,
    now: &Filter,
    before: &Filter,
) -> StoreResult<Vec<Value>> {
    let docs = |rows: &[Commented]| -> Vec<Doc> {
        rows.iter()
            .map(|r| Doc::new(&r.comment, r.locale.as_deref()))
            .collect()
    };
    let (with_comment, now) = comments::read(&*a.store, key, now, SAMPLE).await?;
    let (_, before) = comments::read(&*a.store, key, before, SAMPLE).await?;
    let (now, before) = (docs(&now), docs(&before));
    let (n, m) = (now.len() as u64, before.len() as u64);
    let mut rising: Vec<(u64, Value)> = find(&now)
        .into_iter()
        .filter_map(|t| {
            let inside = t.members.len() as u64;
            let then = before.iter().filter(|d| d.stems.contains(&t.stem)).count() as u64;
            // Counts read from a sample stand for all the comments.
            let responses = (inside as f64 * with_comment as f64 / n.max(1) as f64).round() as u64;
            emerging(inside, n, then, m).then(|| {
                let theme = json!({
                    "id": t.id,
                    "label": t.label,
                    "terms": t.terms,
                    "responses": responses,
                    "share_before": share(then, m),
                    "share_now": share(inside, n),
                });
                (responses, theme)
            })
        })
        .collect();
    rising.sort_by_key(|t| std::cmp::Reverse(t.0));
    Ok(rising.into_iter().map(|(_, t)| t).collect())
}

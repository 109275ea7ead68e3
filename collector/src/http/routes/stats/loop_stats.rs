//! `GET /api/v1/stats/loop`: whether closing the loop works, for a period
//! and the usual filters: the detractors who answered, how many were
//! contacted within the project's follow-up window and how fast (per
//! assignee too), how many are resolved; whether the people followed up
//! or told scored higher the next time (the usual comparison); and the
//! notices told and seen.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::Json;
use nps_protocol::admin::{AssigneeLoop, FollowUpLoop, LoopStats, NoticeCounts, Recovery};

use crate::domain::followup::DEFAULT_HOURS;
use crate::domain::Filter;
use crate::http::error::Result;
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::{project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::state::AppState;
use crate::stats::closing::{median, recovery};
use crate::stats::{compare, summarise};
use crate::store::analytics::Cursor;
use crate::store::{notices, to_millis};

/// Answers read at once.
const PAGE: u32 = 500;
const MS_PER_HOUR: f64 = 3_600_000.0;

/// One detractor's follow-up, as the figures need it.
struct Followed {
    assignee: Option<String>,
    hours: Option<f64>,
    in_time: bool,
    resolved: bool,
}

fn tally(list: &[&Followed]) -> (u64, u64, Option<f64>, u64) {
    let in_time = list.iter().filter(|f| f.in_time).count() as u64;
    let resolved = list.iter().filter(|f| f.resolved).count() as u64;
    let mut hours: Vec<f64> = list.iter().filter_map(|f| f.hours).collect();
    let median = median(&mut hours).map(|h| (h * 10.0).round() / 10.0);
    (list.len() as u64, in_time, median, resolved)
}

/// The loop's figures.
#[utoipa::path(get, path = "/api/v1/stats/loop", tag = "admin",
    params(ProjectQuery, FilterParams), security(("admin_token" = [])),
    responses((status = 200, description = "Follow-ups, recovery and notices", body = LoopStats)))]
pub(in crate::http) async fn loop_stats(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<LoopStats>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let project = require_project(&state, &key).await?;
    let window_ms = i64::from(project.settings.followup_hours.unwrap_or(DEFAULT_HOURS)) * 3_600_000;
    let mut filter = Filter::parse(&pairs, "", &zone)?;
    filter.score_max = Some(filter.score_max.map_or(6, |m| m.min(6)));
    let pool = state.store.pool();
    let contacts: BTreeMap<String, notices::Contact> = notices::contacts(pool, key.as_str())
        .await?
        .into_iter()
        .map(|c| (c.response_id.clone(), c))
        .collect();
    let mut followed = Vec::new();
    let mut cursor: Option<Cursor> = None;
    loop {
        let page = state
            .store
            .list_responses(&key, &filter, cursor.as_ref(), PAGE)
            .await?;
        for r in &page {
            let at = to_millis(r.created_at);
            let c = contacts.get(&r.id);
            let waited = c.and_then(|c| c.first_contact).map(|t| t - at);
            followed.push(Followed {
                assignee: c.and_then(|c| c.assignee.clone()),
                hours: waited.map(|ms| ms.max(0) as f64 / MS_PER_HOUR),
                in_time: waited.is_some_and(|ms| ms <= window_ms),
                resolved: c.is_some_and(|c| c.status == "resolved"),
            });
        }
        match page.last() {
            Some(last) if page.len() == PAGE as usize => {
                cursor = Some(Cursor {
                    at: to_millis(last.created_at),
                    id: last.id.clone(),
                });
            }
            _ => break,
        }
    }
    let all: Vec<&Followed> = followed.iter().collect();
    let (detractors, contacted_in_time, median_hours_to_contact, resolved) = tally(&all);
    let mut per: BTreeMap<Option<String>, Vec<&Followed>> = BTreeMap::new();
    for f in &followed {
        per.entry(f.assignee.clone()).or_default().push(f);
    }
    let mut by_assignee: Vec<AssigneeLoop> = per
        .into_iter()
        .map(|(assignee, list)| {
            let (detractors, contacted_in_time, median_hours_to_contact, resolved) = tally(&list);
            AssigneeLoop {
                assignee,
                detractors,
                contacted_in_time,
                median_hours_to_contact,
                resolved,
            }
        })
        .collect();
    by_assignee.sort_by_key(|a| std::cmp::Reverse(a.detractors));

    let (from, to) = (filter.from.map(to_millis), filter.to.map(to_millis));
    let answers = notices::answers_of_reached(pool, key.as_str()).await?;
    let reached = notices::reached(pool, key.as_str()).await?;
    let r = recovery(
        answers.iter().map(|a| {
            (
                a.user_id.as_str(),
                u8::try_from(a.score).unwrap_or_default(),
                a.at,
            )
        }),
        reached.iter().map(|r| (r.user_id.as_str(), r.at)),
        |at| from.is_none_or(|f| at >= f) && to.is_none_or(|t| at < t),
    );
    let c = compare(&r.after, &r.before);
    let (told, seen) = notices::counts(pool, key.as_str(), from, to).await?;
    Ok(Json(LoopStats {
        followups: FollowUpLoop {
            detractors,
            contacted_in_time,
            contacted_in_time_rate: (detractors > 0)
                .then(|| (contacted_in_time as f64 / detractors as f64 * 1000.0).round() / 1000.0),
            median_hours_to_contact,
            resolved,
            by_assignee,
        },
        recovery: Recovery {
            people: r.people,
            before_nps: summarise(&r.before).nps,
            after_nps: summarise(&r.after).nps,
            difference: c.difference,
            p_value: c.p_value,
            significant: c.significant,
        },
        notices: NoticeCounts { told, seen },
    }))
}

//! Segments: the NPS per moment, language, tenure or trait value, each
//! with its interval and small samples flagged; the tenure curve; the
//! NPS per tag. The dimension is in the URL (`by=trait.plan`).

use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::charts::{IntervalRow, Intervals};
use crate::filters::Filters;
use crate::web::api::segment;
use crate::web::components::filter_bar::FilterBar;
use crate::web::components::load::show;
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::use_fetch;
use crate::web::routes::Route;
use crate::wire::{Segment, Segments, TagStats};

fn rows(segments: &[Segment], none: &str) -> Vec<IntervalRow> {
    segments
        .iter()
        .map(|s| IntervalRow {
            label: s.value.clone().unwrap_or_else(|| none.to_owned()),
            nps: s.score.nps,
            interval: s.score.ci95.map(|i| (i.low, i.high)),
            responses: s.score.responses,
            // `small_sample` is the older, narrower flag (under 30 answers).
            provisional: s.score.provisional || s.small_sample,
        })
        .collect()
}

/// The segments page.
#[function_component]
pub(crate) fn SegmentsPage() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let query = use_query();
    let project = use_projects().current.unwrap_or_default();
    let navigator = use_navigator();
    let api = Filters::from_query(&query).api(&project).encode();
    let by = query.get("by").unwrap_or("moment").to_owned();
    let trait_name = by.strip_prefix("trait.").map(str::to_owned);
    let valid_by = matches!(by.as_str(), "moment" | "locale" | "tenure")
        || trait_name.as_deref().is_some_and(|n| !n.is_empty());
    let segments = use_fetch::<Segments>(
        valid_by.then(|| format!("/api/v1/stats/segments?{api}&by={}", segment(&by))),
        0,
    );
    let tenure = use_fetch::<Segments>(Some(format!("/api/v1/stats/tenure?{api}")), 0);
    let tags = use_fetch::<TagStats>(
        Some(format!("/api/v1/stats/tags?project={}", segment(&project))),
        0,
    );
    let onsubmit = {
        let query = query.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let get = |n: &str| {
                data.get(n)
                    .as_string()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            };
            let by = match get("by").as_str() {
                "trait" => format!("trait.{}", get("trait")),
                other => other.to_owned(),
            };
            go(
                navigator.as_ref(),
                &Route::Segments,
                &query.clone().with("by", Some(&by)),
                false,
            );
        })
    };
    let kind = if trait_name.is_some() {
        "trait"
    } else {
        by.as_str()
    };
    html! {
        <>
        <PageTitle title={t.segments_title} />
        <FilterBar />
        <section class="card" aria-labelledby="seg-title">
            <h2 id="seg-title">{ t.segments_title }</h2>
            <form class="actions" {onsubmit} key={query.encode()}>
                <div class="field">
                    <label for="seg-by">{ t.segment_by }</label>
                    <select id="seg-by" name="by">
                        { for [("moment", t.by_moment), ("locale", t.by_locale), ("tenure", t.by_tenure), ("trait", t.by_trait)].into_iter().map(|(v, n)| html! {
                            <option value={v} selected={kind == v}>{ n }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="seg-trait">{ t.trait_to_segment }</label>
                    <input id="seg-trait" name="trait" type="text" placeholder="plan" value={trait_name.clone().unwrap_or_default()} />
                </div>
                <button type="submit" class="primary">{ t.apply }</button>
            </form>
            <p class="muted small">{ t.small_sample_note }</p>
            { show(&segments, |s| if s.segments.is_empty() {
                html! { <p class="muted">{ t.no_segments }</p> }
            } else {
                html! { <Intervals id="seg" title_id="seg-title" caption={t.segments_title} rows={rows(&s.segments, t.no_value)} /> }
            }) }
        </section>
        <section class="card" aria-labelledby="tenure-title">
            <h2 id="tenure-title">{ t.tenure_curve }</h2>
            <p class="muted small">{ t.tenure_days }</p>
            { show(&tenure, |s| html! {
                <Intervals id="tenure" title_id="tenure-title" caption={t.tenure_curve} rows={rows(&s.segments, t.no_value)} />
            }) }
        </section>
        <section class="card" aria-labelledby="tags-title">
            <h2 id="tags-title">{ t.tags_title }</h2>
            { show(&tags, |s| if s.tags.is_empty() {
                html! { <p class="muted">{ t.no_segments }</p> }
            } else {
                html! { <Intervals id="tags" title_id="tags-title" caption={t.tags_title} rows={rows(&s.tags, t.no_value)} /> }
            }) }
        </section>
        </>
    }
}

//! Overview: the score with its 95% interval and sample size (interval
//! first, in words, while it is provisional), the change against the
//! previous period in words, the split, the distribution, the trend with
//! its band, response rates per moment and the latest comments.

mod headline;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::charts::{Distribution, Split, TrendChart};
use crate::filters::Filters;
use crate::i18n::Lang;
use crate::web::components::filter_bar::FilterBar;
use crate::web::components::load::show;
use crate::web::components::page_title::PageTitle;
use crate::web::components::table::TableRegion;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::{use_fetch, use_today};
use crate::web::routes::Route;
use crate::wire::{AnswerPage, Comparison, MomentRate, Stats, Trend};
use headline::{change, score};

/// The overview page.
#[function_component]
pub(crate) fn Overview() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let query = use_query();
    let project = use_projects().current.unwrap_or_default();
    let filters = Filters::from_query(&query);
    let api = filters.api(&project);
    let today = use_today();
    let interval = query
        .get("interval")
        .filter(|i| matches!(*i, "day" | "week" | "month"))
        .unwrap_or("week")
        .to_owned();
    let stats = use_fetch::<Stats>(Some(format!("/api/v1/stats?{}", api.encode())), 0);
    let compare = use_fetch::<Comparison>(
        Some(format!(
            "/api/v1/stats/compare?{}",
            filters.compare_api(&project, today).encode()
        )),
        0,
    );
    let trend = use_fetch::<Trend>(
        Some(format!(
            "/api/v1/stats/trend?{}&interval={interval}",
            api.encode()
        )),
        0,
    );
    let latest = use_fetch::<AnswerPage>(
        Some(format!(
            "/api/v1/responses?{}&has_comment=true&limit=5",
            api.encode()
        )),
        0,
    );
    let navigator = use_navigator();
    let on_interval = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            go(
                navigator.as_ref(),
                &Route::Overview,
                &query.clone().with("interval", Some(&v)),
                true,
            );
        })
    };
    let lang = ctx.lang;
    html! {
        <>
        <PageTitle title={t.overview_title} />
        <FilterBar />
        <div class="grid">
            <section class="card score" aria-labelledby="nps-title">
                <h2 id="nps-title">{ t.nps }</h2>
                { show(&stats, |s| score(lang, s)) }
            </section>
            <section class="card" aria-labelledby="change-title">
                <h2 id="change-title">{ t.change_title }</h2>
                { show(&compare, |c| change(lang, c)) }
            </section>
            <section class="card" aria-labelledby="split-title">
                <h2 id="split-title">{ t.split_title }</h2>
                { show(&stats, |s| html! { <Split promoters={s.summary.promoters} passives={s.summary.passives} detractors={s.summary.detractors} /> }) }
            </section>
            <section class="card" aria-labelledby="dist-title">
                <h2 id="dist-title">{ t.distribution_title }</h2>
                { show(&stats, |s| html! { <Distribution counts={s.summary.distribution.to_vec()} /> }) }
            </section>
            <section class="card wide" aria-labelledby="trend-title">
                <div class="card-head">
                    <h2 id="trend-title">{ t.trend_title }</h2>
                    <div class="inline-field">
                        <label for="trend-interval">{ t.trend_interval }</label>
                        <select id="trend-interval" onchange={on_interval}>
                            { for [("day", t.day), ("week", t.week), ("month", t.month)].into_iter().map(|(v, name)| html! {
                                <option value={v} selected={interval == v}>{ name }</option>
                            }) }
                        </select>
                    </div>
                </div>
                { show(&trend, |tr| html! { <TrendChart points={tr.points.clone()} /> }) }
            </section>
            <section class="card wide" aria-labelledby="moments-title">
                <h2 id="moments-title">{ t.moments_title }</h2>
                { show(&stats, |s| moments(lang, &s.moments)) }
            </section>
            <section class="card wide" aria-labelledby="latest-title">
                <h2 id="latest-title">{ t.comments_title }</h2>
                { show(&latest, |p| html! {
                    <ul class="comments">
                        { for p.items.iter().map(|a| html! {
                            <li>
                                <span class={classes!("badge", crate::charts::class_of(a.score))}>{ a.score }</span>
                                <p class="comment">{ a.comment.clone().unwrap_or_default() }</p>
                            </li>
                        }) }
                    </ul>
                }) }
            </section>
        </div>
        </>
    }
}

/// Response rate per moment.
fn moments(lang: Lang, rows: &[MomentRate]) -> Html {
    let t = lang.t();
    if rows.is_empty() {
        return html! { <p class="muted">{ t.no_moments }</p> };
    }
    html! {
        <TableRegion label={t.moments_title}>
            <table>
                <thead><tr>
                    <th scope="col">{ t.moment }</th><th scope="col">{ t.shown }</th><th scope="col">{ t.answered }</th>
                    <th scope="col">{ t.opted_out }</th><th scope="col">{ t.response_rate }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|m| html! {
                        <tr>
                            <th scope="row">{ m.moment.clone() }</th><td>{ m.shown }</td><td>{ m.answered }</td><td>{ m.opted_out }</td>
                            <td>{ m.response_rate.map(|r| lang.percent(r)).unwrap_or_else(|| "–".into()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </TableRegion>
    }
}

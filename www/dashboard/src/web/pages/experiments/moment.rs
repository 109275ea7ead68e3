//! One moment on the Experiments page: its experiment, the variants'
//! table against the control, the sample a test needs, and a preview of
//! each variant; or, without variants, how to add them.

use std::rc::Rc;

use nps_protocol::{Appearance, Moment};
use yew::prelude::*;

use crate::experiments::{question, Row};
use crate::i18n::{Lang, Shown};
use crate::web::api::segment;
use crate::web::clock;
use crate::web::components::load::show;
use crate::web::components::preview::WidgetPreview;
use crate::web::components::table::TableRegion;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::hooks::use_fetch;
use crate::wire::ExperimentStats;

/// Props of [`MomentCard`].
#[derive(Properties, PartialEq)]
pub(super) struct MomentCardProps {
    /// Its place on the page, for unique element ids.
    pub(super) index: usize,
    pub(super) project: String,
    pub(super) moment: Rc<Moment>,
    /// The project's look, each variant's position over it.
    pub(super) appearance: Appearance,
}

/// A moment's card.
#[function_component]
pub(super) fn MomentCard(props: &MomentCardProps) -> Html {
    let lang = use_ctx().lang;
    let zone = use_projects().zone();
    let xp = lang.xp();
    let m = &props.moment;
    let path = (!m.variants.is_empty()).then(|| {
        format!(
            "/api/v1/stats/experiments?project={}&moment={}",
            segment(&props.project),
            segment(&m.event)
        )
    });
    let stats = use_fetch::<ExperimentStats>(path, 0);
    let title_id = format!("moment-{}", props.index);
    html! {
        <section class="card experiment" aria-labelledby={title_id.clone()} data-moment={m.event.clone()}>
            <h2 id={title_id}><code>{ &m.event }</code></h2>
            if m.variants.is_empty() {
                <p class="muted">{ with_code(xp.how_to) }</p>
            } else {
                { dates(lang, &zone, m) }
                { show(&stats, |s| figures(lang, &m.event, s)) }
                <h3>{ xp.previews }</h3>
                <div class="experiment-previews">
                    { for m.variants.iter().enumerate().map(|(i, v)| {
                        let (q, locale) = question(v, lang)
                            .map_or((None, lang.code()), |(q, l)| (Some(AttrValue::from(q)), l));
                        let mut look = props.appearance.clone();
                        if let Some(p) = &v.position {
                            look.position = p.clone();
                        }
                        html! {
                            <div data-variant-preview={v.id.clone()}>
                                <WidgetPreview question={q} locale={locale} appearance={look}
                                    heading={AttrValue::from(format!("{} {}", xp.preview_of, v.id))}
                                    heading_id={AttrValue::from(format!("preview-{}-{i}", props.index))} />
                            </div>
                        }
                    }) }
                </div>
            }
        </section>
    }
}

/// The experiment's id and dates (their day in the project's zone), or
/// that there is none.
fn dates(lang: Lang, zone: &str, m: &Moment) -> Html {
    let xp = lang.xp();
    let Some(x) = &m.experiment else {
        return html! { <p class="muted">{ xp.no_experiment }</p> };
    };
    let day = |at: &Option<String>, missing: &'static str| match at {
        Some(at) => html! {
            <time datetime={at.clone()}>{ clock::show_instant(lang, at, zone, Shown::Day) }</time>
        },
        None => html! { missing },
    };
    html! {
        <dl class="experiment-facts">
            <dt>{ xp.experiment }</dt><dd><code>{ &x.id }</code></dd>
            <dt>{ xp.started }</dt><dd>{ day(&x.started_at, xp.not_set) }</dd>
            <dt>{ xp.ended }</dt><dd>{ day(&x.ended_at, xp.running) }</dd>
            if let Some(w) = &x.winner {
                <dt>{ xp.winner }</dt><dd><code>{ w }</code></dd>
            }
        </dl>
    }
}

/// The variants' table and the sample the test needs.
fn figures(lang: Lang, moment: &str, s: &ExperimentStats) -> Html {
    let xp = lang.xp();
    html! {
        <>
        <TableRegion label={format!("{}: {moment}", xp.variants)}>
            <table class="experiment-table">
                <thead><tr>
                    <th scope="col">{ xp.variant }</th>
                    <th scope="col">{ xp.shown }</th>
                    <th scope="col">{ xp.answered }</th>
                    <th scope="col">{ xp.response_rate }</th>
                    <th scope="col">{ xp.comment_rate }</th>
                    <th scope="col">{ xp.nps_interval }</th>
                    <th scope="col">{ xp.rate_difference }</th>
                    <th scope="col">{ xp.nps_difference }</th>
                    <th scope="col">{ xp.verdict }</th>
                </tr></thead>
                <tbody>
                { for s.variants.iter().map(|v| {
                    let row = Row::of(lang, v);
                    let (rate, nps, verdict) = match &row.vs_control {
                        Some((r, n, verdict)) => (r.clone(), n.clone(), html! {
                            <strong class={format!("verdict verdict-{verdict:?}").to_lowercase()}>{ verdict.words(lang) }</strong>
                        }),
                        None => ("–".to_owned(), "–".to_owned(), html! { <span class="muted">{ xp.control }</span> }),
                    };
                    html! {
                        <tr data-variant={v.id.clone()}>
                            <th scope="row"><code>{ &v.id }</code></th>
                            <td data-col="shown">{ row.shown }</td>
                            <td data-col="answered">{ row.answered }</td>
                            <td data-col="response_rate">{ row.response_rate }</td>
                            <td data-col="comment_rate">{ row.comment_rate }</td>
                            <td data-col="nps">{ row.nps }</td>
                            <td data-col="rate_difference">{ rate }</td>
                            <td data-col="nps_difference">{ nps }</td>
                            <td data-col="verdict">{ verdict }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </TableRegion>
        <p class="experiment-needed">{ lang.impressions_needed(s.needed_for.impressions, s.needed_for.rate_points) }</p>
        </>
    }
}

/// A sentence whose `backticked` parts are code (field names, paths).
fn with_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part }</code> }
        } else {
            html! { { part } }
        }) }
    }
}

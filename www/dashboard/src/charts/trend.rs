//! The NPS over time: a line per run of periods with answers, the 95%
//! interval as a band behind it, provisional periods as hollow dots, with
//! a sentence and a table. Periods are named by their first day in the
//! project's time zone, written in the reader's language.

use yew::prelude::*;

use super::geometry::{trend, x_of, Axis, Sample};
use super::summary;
use crate::dates::Day;
use crate::web::clock;
use crate::web::components::table::TableRegion;
use crate::web::ctx::use_ctx;
use crate::wire::TrendPoint;

/// Props of [`TrendChart`].
#[derive(Properties, PartialEq)]
pub(crate) struct TrendChartProps {
    pub(crate) points: Vec<TrendPoint>,
}

const W: f64 = 320.0;
const H: f64 = 150.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 10.0;

/// The trend chart.
#[function_component]
pub(crate) fn TrendChart(props: &TrendChartProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    let samples: Vec<Sample> = props
        .points
        .iter()
        .map(|p| Sample {
            value: p.score.nps,
            band: p.score.ci95.map(|i| (i.low, i.high)),
            provisional: p.score.provisional,
        })
        .collect();
    let axis = Axis::fitting(&samples, H);
    let shape = trend(&samples, &axis, W);
    // `start` is midnight in the project's zone, written with its offset:
    // its date part is the day to show.
    let starts: Vec<Option<Day>> = props
        .points
        .iter()
        .map(|p| Day::of_local_instant(&p.start))
        .collect();
    let days: Vec<String> = starts
        .iter()
        .zip(&props.points)
        .map(|(day, p)| day.map_or_else(|| p.start.clone(), |d| clock::show_day(lang, d)))
        .collect();
    let periods: Vec<summary::Period> = days
        .iter()
        .zip(&props.points)
        .map(|(day, p)| summary::Period {
            day: day.clone(),
            nps: p.score.nps,
            provisional: p.score.provisional,
        })
        .collect();
    let n = props.points.len();
    let label_at = |i: usize| days.get(i).cloned().unwrap_or_default();
    let any_provisional = props
        .points
        .iter()
        .any(|p| p.score.provisional && p.score.nps.is_some());
    html! {
        <figure class="chart trend">
            <svg viewBox={format!("0 0 {} {}", W + LEFT + 20.0, H + TOP + 30.0)} role="img"
                aria-labelledby="trend-title trend-summary" focusable="false">
                <g transform={format!("translate({LEFT} {TOP})")}>
                    { for axis.ticks().into_iter().map(|v| html! {
                        <g class="tick">
                            <line x1="0" x2={W.to_string()} y1={axis.y(v).to_string()} y2={axis.y(v).to_string()} />
                            <text x="-6" y={(axis.y(v) + 4.0).to_string()} text-anchor="end">{ lang.num(v) }</text>
                        </g>
                    }) }
                    { for shape.bands.iter().map(|b| html! { <polygon class="band" points={b.clone()} /> }) }
                    { for shape.lines.iter().map(|d| html! { <path class="line" d={d.clone()} /> }) }
                    { for shape.dots.iter().map(|d| html! {
                        <circle class={classes!("dot", d.provisional.then_some("provisional"))} cx={d.x.to_string()} cy={d.y.to_string()} r="3.5" />
                    }) }
                    if n == 1 {
                        // A lone period's dot is centred: so is its day.
                        <text class="axis" x={x_of(0, 1, W).to_string()} y={(H + 22.0).to_string()} text-anchor="middle">{ label_at(0) }</text>
                    }
                    if n > 1 {
                        <text class="axis" x="0" y={(H + 22.0).to_string()} text-anchor="start">{ label_at(0) }</text>
                    }
                    if n > 1 {
                        <text class="axis" x={x_of(n - 1, n, W).to_string()} y={(H + 22.0).to_string()} text-anchor="end">{ label_at(n - 1) }</text>
                    }
                </g>
            </svg>
            <p id="trend-summary" class="summary">
                { summary::trend(lang, &periods) }{ " " }{ t.band_note }
                if any_provisional { { " " }{ t.trend_provisional_note } }
            </p>
            <details>
                <summary>{ t.show_table }</summary>
                <TableRegion label={t.trend_title}>
                    <table>
                        <thead><tr>
                            <th scope="col">{ t.period_start }</th><th scope="col">{ "NPS" }</th>
                            <th scope="col">{ t.low }</th><th scope="col">{ t.high }</th><th scope="col">{ t.answers }</th>
                            <th scope="col">{ t.provisional }</th>
                        </tr></thead>
                        <tbody>
                            { for props.points.iter().zip(days.iter().zip(&starts)).map(|(p, (day, start))| html! {
                                <tr>
                                    <th scope="row">
                                        if let Some(start) = start {
                                            <time datetime={start.iso()}>{ day.clone() }</time>
                                        } else {
                                            { day.clone() }
                                        }
                                    </th>
                                    <td>{ p.score.nps.map(|v| lang.num(v)).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ p.score.ci95.map(|i| i.low.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ p.score.ci95.map(|i| i.high.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ p.score.responses }</td>
                                    <td>{ if p.score.provisional && p.score.nps.is_some() { t.yes } else { t.no } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </TableRegion>
            </details>
        </figure>
    }
}

//! Segments side by side: each value's NPS as a dot on its 95% interval,
//! on one −100…100 axis, provisional values (few answers or a wide
//! margin) drawn hollow on a dashed interval and flagged in words; with a
//! sentence and a table.

use yew::prelude::*;

use super::summary;
use crate::web::components::table::TableRegion;
use crate::web::ctx::use_ctx;

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IntervalRow {
    pub(crate) label: String,
    pub(crate) nps: Option<f64>,
    pub(crate) interval: Option<(f64, f64)>,
    pub(crate) responses: u64,
    /// Too few answers or too wide a margin to read as a number.
    pub(crate) provisional: bool,
}

/// Props of [`Intervals`].
#[derive(Properties, PartialEq)]
pub(crate) struct IntervalsProps {
    /// Prefix of the element ids (several charts on a page).
    pub(crate) id: AttrValue,
    /// The heading naming the chart (id of the `<h2>`).
    pub(crate) title_id: AttrValue,
    pub(crate) caption: AttrValue,
    pub(crate) rows: Vec<IntervalRow>,
}

const W: f64 = 400.0;
const ROW: f64 = 26.0;
const LEFT: f64 = 150.0;

fn x(v: f64) -> f64 {
    ((v.clamp(-100.0, 100.0) + 100.0) / 200.0 * W * 10.0).round() / 10.0
}

/// The interval chart.
#[function_component]
pub(crate) fn Intervals(props: &IntervalsProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    let height = ROW * props.rows.len() as f64 + 24.0;
    let summary_id = format!("{}-summary", props.id);
    let words: Vec<(String, Option<f64>, bool)> = props
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.nps, r.provisional))
        .collect();
    html! {
        <figure class="chart intervals">
            <svg viewBox={format!("0 0 {} {height}", W + LEFT + 10.0)} role="img"
                aria-labelledby={format!("{} {summary_id}", props.title_id)} focusable="false">
                <g transform={format!("translate({LEFT} 4)")}>
                    { for [-100.0, 0.0, 100.0].into_iter().map(|v| html! {
                        <g class="tick">
                            <line x1={x(v).to_string()} x2={x(v).to_string()} y1="0" y2={(height - 20.0).to_string()} />
                            <text x={x(v).to_string()} y={(height - 6.0).to_string()} text-anchor="middle">{ lang.num(v) }</text>
                        </g>
                    }) }
                    { for props.rows.iter().enumerate().map(|(i, r)| {
                        let y = i as f64 * ROW + ROW / 2.0;
                        let label: String = if r.label.chars().count() > 17 {
                            r.label.chars().take(16).chain(['…']).collect()
                        } else {
                            r.label.clone()
                        };
                        html! {
                            <g class={classes!("row", r.provisional.then_some("provisional"))}>
                                <text class="label" x="-8" y={(y + 4.0).to_string()} text-anchor="end">{ label }</text>
                                if let Some((lo, hi)) = r.interval {
                                    <line class="ci" x1={x(lo).to_string()} x2={x(hi).to_string()} y1={y.to_string()} y2={y.to_string()} />
                                }
                                if let Some(v) = r.nps {
                                    <circle class="dot" cx={x(v).to_string()} cy={y.to_string()} r="5" />
                                }
                            </g>
                        }
                    }) }
                </g>
            </svg>
            <p id={summary_id} class="summary">{ summary::segments(lang, &words) }</p>
            <details>
                <summary>{ t.show_table }</summary>
                <TableRegion label={props.caption.clone()}>
                    <table>
                        <thead><tr>
                            <th scope="col">{ t.value }</th><th scope="col">{ "NPS" }</th>
                            <th scope="col">{ t.low }</th><th scope="col">{ t.high }</th>
                            <th scope="col">{ t.answers }</th><th scope="col">{ t.provisional }</th>
                        </tr></thead>
                        <tbody>
                            { for props.rows.iter().map(|r| html! {
                                <tr>
                                    <th scope="row">{ r.label.clone() }</th>
                                    <td>{ r.nps.map(|v| lang.num(v)).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ r.interval.map(|i| i.0.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ r.interval.map(|i| i.1.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ r.responses }</td>
                                    <td>{ if r.provisional { t.yes } else { t.no } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </TableRegion>
            </details>
        </figure>
    }
}

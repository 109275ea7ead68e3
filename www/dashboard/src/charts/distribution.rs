//! The 0–10 histogram, each bar coloured by its category, with a sentence
//! and a table.

use nps_protocol::Category;
use yew::prelude::*;

use super::geometry::bars;
use super::summary;
use crate::web::components::table::TableRegion;
use crate::web::ctx::use_ctx;

/// Props of [`Distribution`].
#[derive(Properties, PartialEq)]
pub(crate) struct DistributionProps {
    /// Answers per score, 0 to 10.
    pub(crate) counts: Vec<u64>,
}

/// The CSS class of a score's category.
pub(crate) fn class_of(score: u8) -> &'static str {
    match Category::of(score) {
        Some(Category::Promoter) => "promoter",
        Some(Category::Passive) => "passive",
        _ => "detractor",
    }
}

const BAR: f64 = 24.0;
const GAP: f64 = 6.0;
const HEIGHT: f64 = 120.0;

/// The histogram.
#[function_component]
pub(crate) fn Distribution(props: &DistributionProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    let heights = bars(&props.counts, HEIGHT);
    let width = 11.0 * (BAR + GAP);
    html! {
        <figure class="chart distribution">
            <svg viewBox={format!("0 0 {width} {}", HEIGHT + 40.0)} role="img"
                aria-labelledby="dist-title dist-summary" focusable="false">
                { for heights.iter().enumerate().map(|(score, h)| {
                    let x = score as f64 * (BAR + GAP) + GAP / 2.0;
                    let n = props.counts.get(score).copied().unwrap_or(0);
                    html! {
                        <g class={class_of(score as u8)}>
                            <rect x={x.to_string()} y={(HEIGHT + 16.0 - h).to_string()} width={BAR.to_string()} height={h.to_string()} />
                            <text class="count" x={(x + BAR / 2.0).to_string()} y={(HEIGHT + 12.0 - h).to_string()} text-anchor="middle">{ n }</text>
                            <text class="axis" x={(x + BAR / 2.0).to_string()} y={(HEIGHT + 34.0).to_string()} text-anchor="middle">{ score }</text>
                        </g>
                    }
                }) }
            </svg>
            <p id="dist-summary" class="summary">{ summary::distribution(lang, &props.counts) }</p>
            <details>
                <summary>{ t.show_table }</summary>
                <TableRegion label={t.distribution_title}>
                    <table>
                        <thead><tr><th scope="col">{ t.score }</th><th scope="col">{ t.answers }</th></tr></thead>
                        <tbody>
                            { for props.counts.iter().enumerate().map(|(score, n)| html! {
                                <tr><th scope="row">{ score }</th><td>{ n }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </TableRegion>
            </details>
        </figure>
    }
}

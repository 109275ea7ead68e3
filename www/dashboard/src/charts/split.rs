//! Promoters, passives and detractors as one stacked bar, with a legend,
//! a sentence and a table.

use yew::prelude::*;

use super::geometry::shares;
use super::summary;
use crate::web::components::table::TableRegion;
use crate::web::ctx::use_ctx;

/// Props of [`Split`].
#[derive(Properties, PartialEq)]
pub(crate) struct SplitProps {
    pub(crate) promoters: u64,
    pub(crate) passives: u64,
    pub(crate) detractors: u64,
}

/// The stacked bar.
#[function_component]
pub(crate) fn Split(props: &SplitProps) -> Html {
    let ctx = use_ctx();
    let (t, lang) = (ctx.t(), ctx.lang);
    let counts = [props.promoters, props.passives, props.detractors];
    let pct = shares(&counts);
    let total: u64 = counts.iter().sum();
    let parts = [
        ("promoter", t.promoters, "9–10"),
        ("passive", t.passives, "7–8"),
        ("detractor", t.detractors, "0–6"),
    ];
    let mut x = 0.0;
    let rects: Html = parts
        .iter()
        .zip(pct.iter())
        .map(|((class, _, _), w)| {
            let rect = html! { <rect class={*class} x={x.to_string()} y="0" width={w.to_string()} height="10" /> };
            x += w;
            rect
        })
        .collect();
    let share = |n: u64| {
        if total == 0 {
            "–".to_owned()
        } else {
            lang.percent(n as f64 / total as f64)
        }
    };
    html! {
        <figure class="chart split">
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
                aria-labelledby="split-title split-summary" focusable="false">
                <rect class="empty" x="0" y="0" width="100" height="10" />
                { rects }
            </svg>
            <ul class="legend">
                { for parts.iter().zip(counts).map(|((class, name, range), n)| html! {
                    <li><span class={classes!("dot", *class)} aria-hidden="true"></span>
                        { format!("{name} ({range}) ") }<strong>{ format!("{n} · {}", share(n)) }</strong></li>
                }) }
            </ul>
            <p id="split-summary" class="summary">{ summary::split(lang, counts[0], counts[1], counts[2]) }</p>
            <details>
                <summary>{ t.show_table }</summary>
                <TableRegion label={t.split_title}>
                    <table>
                        <thead><tr><th scope="col">{ t.category }</th><th scope="col">{ t.answers }</th><th scope="col">{ t.share }</th></tr></thead>
                        <tbody>
                            { for parts.iter().zip(counts).map(|((_, name, _), n)| html! {
                                <tr><th scope="row">{ *name }</th><td>{ n }</td><td>{ share(n) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </TableRegion>
            </details>
        </figure>
    }
}

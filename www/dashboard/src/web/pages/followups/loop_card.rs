//! "Closing the loop" on the follow-up page: the figures of
//! `GET /api/v1/stats/loop` (all time): detractors contacted within the
//! project's window and how fast, resolved, whether the people reached
//! scored higher the next time, and the notices told and seen.

use yew::prelude::*;

use crate::web::api::segment;
use crate::web::components::load::show;
use crate::web::ctx::use_ctx;
use crate::web::hooks::use_fetch;
use crate::wire::LoopStats;

/// Props of [`LoopCard`].
#[derive(Properties, PartialEq)]
pub(crate) struct LoopCardProps {
    pub(crate) project: AttrValue,
}

/// The card.
#[function_component]
pub(crate) fn LoopCard(props: &LoopCardProps) -> Html {
    let ctx = use_ctx();
    let (lang, p) = (ctx.lang, ctx.lang.person());
    let path = format!("/api/v1/stats/loop?project={}", segment(&props.project));
    let stats = use_fetch::<LoopStats>(Some(path), 0);
    let nps = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| lang.num(v));
    html! {
        <section class="card" aria-labelledby="loop-title">
            <h2 id="loop-title">{ p.loop_title }</h2>
            { show(&stats, |s: &LoopStats| {
                let f = &s.followups;
                let rows = [
                    (p.loop_detractors, f.detractors.to_string()),
                    (p.loop_in_time, format!("{} ({})", f.contacted_in_time, f.contacted_in_time_rate.map_or_else(|| "–".to_owned(), |r| format!("{}%", lang.num(r * 100.0))))),
                    (p.loop_median, f.median_hours_to_contact.map_or_else(|| "–".to_owned(), |h| format!("{} h", lang.num(h)))),
                    (p.loop_resolved, f.resolved.to_string()),
                    (p.loop_recovery, format!("{}: {} → {}", s.recovery.people, nps(s.recovery.before_nps), nps(s.recovery.after_nps))),
                    (p.loop_notices, format!("{} / {}", s.notices.told, s.notices.seen)),
                ];
                html! {
                    <dl class="loop">
                        { for rows.into_iter().map(|(name, value)| html! { <><dt>{ name }</dt><dd>{ value }</dd></> }) }
                    </dl>
                }
            }) }
        </section>
    }
}

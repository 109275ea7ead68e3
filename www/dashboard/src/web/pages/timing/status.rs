//! This month's sampling to a precision, from `GET /api/v1/stats/sampling`:
//! per moment (or for the project) the answers and margin so far, the day
//! prompting resumes if paused, and the estimate of the prompts saved.

use nps_protocol::admin::SamplingGroup;
use yew::prelude::*;

use crate::dates::Day;
use crate::i18n::{fill, Lang};
use crate::web::api::segment;
use crate::web::clock::show_day;
use crate::web::components::load::show;
use crate::web::ctx::use_ctx;
use crate::web::hooks::use_fetch;
use crate::wire::SamplingStats;

/// Props of [`SamplingStatus`].
#[derive(Properties, PartialEq)]
pub(super) struct SamplingStatusProps {
    pub(super) project: String,
    /// Bumped when the rules are saved: read again.
    pub(super) reload: u32,
}

/// The month's card.
#[function_component]
pub(super) fn SamplingStatus(props: &SamplingStatusProps) -> Html {
    let lang = use_ctx().lang;
    let a = lang.asking();
    let path = format!("/api/v1/stats/sampling?project={}", segment(&props.project));
    let stats = use_fetch::<SamplingStats>(Some(path), props.reload);
    html! {
        <section class="card sampling-status" aria-labelledby="month-title">
            <h2 id="month-title">{ a.month_title }</h2>
            { show(&stats, |s| if s.target_margin.is_none() {
                html! { <p class="muted">{ a.not_sampling }</p> }
            } else {
                html! {
                    <>
                    <ul>{ for s.groups.iter().map(|g| html! {
                        <li data-moment={g.moment.clone()}>{ for lines(lang, g).into_iter().map(|l| html! { <span>{ l }{ " " }</span> }) }</li>
                    }) }</ul>
                    <p class="muted">{ a.estimate_note }</p>
                    </>
                }
            }) }
        </section>
    }
}

/// A group's sentences: its margin, and when paused, until when and what
/// that saved.
pub(crate) fn lines(lang: Lang, g: &SamplingGroup) -> Vec<String> {
    let a = lang.asking();
    let name = g.moment.as_deref().unwrap_or(a.all_moments);
    let mut out = vec![match g.margin {
        Some(m) => fill(
            a.margin_so_far,
            &[name, &g.answers.to_string(), &lang.num(m)],
        ),
        None => fill(a.no_answer_yet, &[name]),
    }];
    if let Some(day) = g.paused_until.as_deref().and_then(Day::of_local_instant) {
        out.push(fill(a.paused_until, &[&show_day(lang, day)]));
        out.push(fill(a.saved, &[&g.prompts_saved.to_string()]));
    }
    out
}

//! The overview's two headline cards: the score (interval first while it
//! is provisional) and the change against the period before.

use yew::prelude::*;

use nps_protocol::admin::Score;

use crate::i18n::Lang;
use crate::wire::{Comparison, Stats};
use crate::{change, reading};

/// The big number, its interval, the sample and what more would buy; or,
/// while the score is provisional, the interval in words first and the
/// number small, named as not yet reliable (a bare "100" from one answer
/// would claim what the answers do not show).
pub(super) fn score(lang: Lang, stats: &Stats) -> Html {
    let t = lang.t();
    let s = &stats.summary;
    let Some(nps) = s.nps else {
        return html! { <p class="muted">{ t.no_responses }</p> };
    };
    let needed = (s.needed_for_5 > 0).then(|| {
        html! { <p class="muted small">{ lang.needed(s.needed_for_5, s.needed_for_10) }</p> }
    });
    if s.provisional {
        let words = match lang {
            Lang::En => s.reading_en.clone(),
            Lang::Fr => s.reading_fr.clone(),
            // The collector reads in English and French: the same rule in
            // the reader's language.
            _ => reading::score(
                lang,
                &Score {
                    nps: s.nps,
                    ci95: s.ci95,
                    margin_of_error: s.margin_of_error,
                    responses: s.responses,
                    provisional: s.provisional,
                },
            ),
        };
        // An older collector sends no reading: say the interval ourselves.
        let words = if words.is_empty() {
            s.ci95
                .map(|ci| lang.interval(ci.low, ci.high))
                .unwrap_or_default()
        } else {
            words
        };
        return html! {
            <>
                <p class="reading"><span class="flag">{ t.provisional }</span>{ " " }{ words }</p>
                <p class="muted small" id="nps-provisional">{ t.provisional_note }</p>
                <p class="muted point">
                    { t.point_estimate }{ " " }
                    <output aria-label={format!("{} ({})", t.nps, t.provisional.to_lowercase())}
                        aria-describedby="nps-provisional">{ lang.num(nps) }</output>
                </p>
                { for needed }
            </>
        };
    }
    html! {
        <>
            <p class="big"><output aria-label={t.nps}>{ lang.num(nps) }</output></p>
            if let Some(ci) = s.ci95 {
                <p class="interval">{ lang.interval(ci.low, ci.high) }</p>
            }
            <p class="muted">{ format!("n = {}", s.responses) }{ " · " }{ lang.responses(s.responses) }</p>
            { for needed }
        </>
    }
}

/// The change against the period before, and, when either side is
/// provisional, both sides in words.
pub(super) fn change(lang: Lang, c: &Comparison) -> Html {
    let sides = reading::compare_sides(lang, &c.a, &c.b);
    html! {
        <>
            <p class={classes!("change", c.significant.then_some("significant"))}>
                { change::words(lang, c) }
            </p>
            if let Some(sides) = sides {
                <ul class="sides muted small">
                    { for sides.into_iter().map(|s| html! { <li>{ s }</li> }) }
                </ul>
            }
        </>
    }
}

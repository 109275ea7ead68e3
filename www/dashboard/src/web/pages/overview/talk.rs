//! The overview's "What they talk about" card: the three themes that hurt
//! the score most and the three that help it most (the drivers of the
//! same filters), and a notice for each theme that is emerging.
//!
//! Emerging compares a period with the one before: the filters' period
//! when it has both ends, else the last 30 days, as the change card does;
//! the notice links to the Themes page on that period.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::filters::Filters;
use crate::query::Query;
use crate::web::components::load::show;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::{use_fetch, use_today};
use crate::web::pages::themes::DriversView;
use crate::web::routes::Route;
use crate::wire::{Drivers, Themes};

/// The card.
#[function_component]
pub(crate) fn Talk() -> Html {
    let ctx = use_ctx();
    let (th, lang) = (ctx.lang.th(), ctx.lang);
    let query = use_query();
    let project = use_projects().current.unwrap_or_default();
    let today = use_today();
    let filters = Filters::from_query(&query);
    let drivers = use_fetch::<Drivers>(
        Some(format!(
            "/api/v1/stats/drivers?{}",
            filters.api(&project).encode()
        )),
        0,
    );
    let ((from, to), _) = filters.periods(today);
    let bounded = Filters {
        from: Some(from),
        to: Some(to.plus(-1)),
        ..filters
    };
    let themes = use_fetch::<Themes>(
        Some(format!(
            "/api/v1/stats/themes?{}",
            bounded.api(&project).encode()
        )),
        0,
    );
    let navigator = use_navigator();
    let link = |q: Query| {
        let href = q.href(&Route::Themes.to_path());
        let navigator = navigator.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            go(navigator.as_ref(), &Route::Themes, &q, false);
        });
        (href, onclick)
    };
    let (all_href, all_click) = link(query.only(crate::filters::is_shared));
    let (period_href, period_click) = link(bounded.write(&query.only(crate::filters::is_shared)));
    html! {
        <section class="card wide" aria-labelledby="talk-title">
            <div class="card-head">
                <h2 id="talk-title">{ th.talk_title }</h2>
                <a href={all_href} onclick={all_click}>{ th.all_themes }</a>
            </div>
            { show(&themes, |s| html! {
                { for s.themes.iter().filter(|t| t.emerging).map(|t| {
                    let before = t.previous.map_or(0.0, |p| p.share);
                    html! {
                        <p class="notice emerging-note">
                            <span class="flag emerging">{ th.emerging }</span>{ " " }
                            { lang.emerging_note(&t.label, before, t.share) }{ " " }
                            <a href={period_href.clone()} onclick={period_click.clone()}>{ th.emerging_period }</a>
                        </p>
                    }
                }) }
            }) }
            { show(&drivers, |d| {
                let themes = d.hurts.iter().chain(&d.helps).any(|x| x.kind == "theme");
                if themes {
                    html! { <DriversView drivers={(*d).clone()} limit={3} themes_only=true id="talk" /> }
                } else {
                    html! { <p class="muted">{ th.talk_none }</p> }
                }
            }) }
        </section>
    }
}

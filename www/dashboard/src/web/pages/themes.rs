//! Themes: what the comments talk about, found by the collector itself
//! (`GET /api/v1/stats/themes`), and the drivers, themes beside segments
//! ranked by what they do to the score (`GET /api/v1/stats/drivers`).
//! Every shared filter applies, read from the URL as on the other pages.

mod drivers;
mod item;
mod marked;

use std::rc::Rc;

use yew::prelude::*;

pub(crate) use drivers::DriversView;
use item::ThemeItem;

use crate::filters::Filters;
use crate::i18n::Lang;
use crate::web::components::filter_bar::FilterBar;
use crate::web::components::load::show;
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{use_ctx, use_projects, use_query};
use crate::web::hooks::use_fetch;
use crate::wire::{Drivers, Themes};

/// Most drivers shown on each side.
const DRIVERS: usize = 8;

/// The themes page.
#[function_component]
pub(crate) fn ThemesPage() -> Html {
    let ctx = use_ctx();
    let (t, th, lang) = (ctx.t(), ctx.lang.th(), ctx.lang);
    let query = use_query();
    let project = use_projects().current.unwrap_or_default();
    let api = Filters::from_query(&query).api(&project).encode();
    let themes = use_fetch::<Themes>(Some(format!("/api/v1/stats/themes?{api}")), 0);
    let drivers = use_fetch::<Drivers>(Some(format!("/api/v1/stats/drivers?{api}")), 0);
    let api = AttrValue::from(api);
    html! {
        <>
        <PageTitle title={t.themes} intro={th.intro} />
        <FilterBar />
        <section class="card" aria-labelledby="drivers-title">
            <h2 id="drivers-title">{ th.drivers_title }</h2>
            <p class="muted small">{ th.drivers_intro }</p>
            { show(&drivers, |d| html! { <DriversView drivers={d.clone()} limit={DRIVERS} id="drivers" /> }) }
        </section>
        <section aria-labelledby="themes-title">
            <h2 id="themes-title">{ th.found_title }</h2>
            { show(&themes, |s| found(lang, s, &api)) }
        </section>
        </>
    }
}

/// The themes found, or why there are none.
fn found(lang: Lang, s: &Themes, api: &AttrValue) -> Html {
    let th = lang.th();
    let bounded = s.themes.iter().any(|t| t.previous.is_some());
    html! {
        <>
            <p class="muted">{ lang.found_in(s.with_comment, s.responses) }</p>
            if s.sampled { <p class="muted small">{ lang.sampled(s.sample_size) }</p> }
            if s.themes.is_empty() {
                <p class="notice">{ th.none }</p>
            } else {
                if !bounded { <p class="muted small">{ th.no_previous }</p> }
                <ul class="themes">
                    { for s.themes.iter().map(|theme| html! {
                        <ThemeItem key={theme.id.clone()} theme={Rc::new(theme.clone())} api={api.clone()} />
                    }) }
                </ul>
            }
        </>
    }
}

//! Drivers: what hurts and what helps, side by side. Each item is a theme
//! or a segment with its impact in points (and a bar for it), its NPS and
//! interval, its answers, and whether the gap is significant or the sample
//! small, in words.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::web::ctx::use_ctx;
use crate::wire::{Driver, Drivers};

/// A driver's name: a theme's label, or the segment (`Language: fr`,
/// `plan = pro`).
pub(crate) fn driver_name(lang: Lang, d: &Driver) -> String {
    let t = lang.t();
    // French puts a (non-breaking) space before the colon.
    let sep = if lang == Lang::Fr { "\u{a0}: " } else { ": " };
    match d.kind.as_str() {
        "theme" => format!("{}{sep}{}", lang.th().theme, d.name),
        "moment" => format!("{}{sep}{}", t.moment, d.value),
        "locale" => format!("{}{sep}{}", t.by_locale, d.value),
        "tenure" => match d.value.as_str() {
            "new" => t.tenure_new.to_owned(),
            "established" => t.tenure_established.to_owned(),
            other => format!("{}{sep}{other}", t.by_tenure),
        },
        _ => format!("{} = {}", d.name, d.value),
    }
}

/// NPS, interval and answers of a driver, in words.
fn detail(lang: Lang, d: &Driver) -> String {
    let th = lang.th();
    let mut parts = Vec::new();
    if let Some(nps) = d.nps {
        parts.push(format!("NPS {}", lang.num(nps)));
    }
    if let Some(ci) = d.ci95 {
        parts.push(lang.interval(ci.low, ci.high));
    }
    parts.push(lang.responses(d.responses));
    parts.push(
        if d.significant {
            th.significant
        } else {
            th.not_significant
        }
        .to_owned(),
    );
    parts.join(" · ")
}

/// Props of [`DriverList`].
#[derive(Properties, PartialEq)]
pub(crate) struct DriverListProps {
    /// Id of its heading.
    pub(crate) id: AttrValue,
    pub(crate) title: AttrValue,
    pub(crate) items: Vec<Driver>,
    /// Said when there is none.
    pub(crate) empty: AttrValue,
    /// The largest impact on the page, for the bars' scale.
    pub(crate) scale: f64,
}

/// One side: a heading and its ranked drivers.
#[function_component]
pub(crate) fn DriverList(props: &DriverListProps) -> Html {
    let ctx = use_ctx();
    let (lang, th) = (ctx.lang, ctx.lang.th());
    let scale = props.scale.max(1.0);
    html! {
        <div class="side">
            <h3 id={props.id.clone()}>{ props.title.clone() }</h3>
            if props.items.is_empty() {
                <p class="muted">{ props.empty.clone() }</p>
            } else {
                <ol class="drivers" aria-labelledby={props.id.clone()}>
                    { for props.items.iter().map(|d| {
                        let width = format!("width: {:.1}%", (d.impact.abs() / scale * 100.0).min(100.0));
                        let class = if d.impact < 0.0 { "hurt" } else { "help" };
                        html! {
                            <li class={classes!(d.significant.then_some("significant"))}>
                                <div class="driver-head">
                                    <span class="driver-name">{ driver_name(lang, d) }</span>
                                    <span class={classes!("impact", class)}>{ lang.impact_points(d.impact) }</span>
                                </div>
                                <div class="bar-track" aria-hidden="true"><span class={classes!("bar", class)} style={width}></span></div>
                                <p class="muted small">
                                    { detail(lang, d) }
                                    if d.small_sample { { " · " }<span class="flag">{ th.small_sample }</span> }
                                </p>
                            </li>
                        }
                    }) }
                </ol>
            }
        </div>
    }
}

/// Props of [`DriversView`].
#[derive(Properties, PartialEq)]
pub(crate) struct DriversViewProps {
    pub(crate) drivers: Drivers,
    /// Most items per side.
    pub(crate) limit: usize,
    /// Only themes (the overview's card).
    #[prop_or_default]
    pub(crate) themes_only: bool,
    /// Prefix of the headings' ids.
    pub(crate) id: AttrValue,
}

/// What hurts and what helps, side by side (stacked on a phone).
#[function_component]
pub(crate) fn DriversView(props: &DriversViewProps) -> Html {
    let th = use_ctx().lang.th();
    let pick = |list: &[Driver]| -> Vec<Driver> {
        if props.themes_only {
            crate::themes::top_themes(list, props.limit)
                .into_iter()
                .cloned()
                .collect()
        } else {
            list.iter().take(props.limit).cloned().collect()
        }
    };
    let (hurts, helps) = (pick(&props.drivers.hurts), pick(&props.drivers.helps));
    let scale = hurts
        .iter()
        .chain(&helps)
        .map(|d| d.impact.abs())
        .fold(0.0, f64::max);
    html! {
        <div class="side-by-side">
            <DriverList id={format!("{}-hurts", props.id)} title={th.hurts} items={hurts} empty={th.no_hurts} {scale} />
            <DriverList id={format!("{}-helps", props.id)} title={th.helps} items={helps} empty={th.no_helps} {scale} />
        </div>
    }
}

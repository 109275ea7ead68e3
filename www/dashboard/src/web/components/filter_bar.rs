//! The filters form shared by the statistics pages: period (typed, or one
//! of the presets ending today in the project's time zone), moment,
//! language, tenure and trait values. Applying it rewrites the URL, which
//! is what the pages read: a filtered view is a bookmark.

use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::dates::Day;
use crate::filters::Filters;
use crate::presets::Preset;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::use_today;
use crate::web::routes::Route;
use crate::zones;

/// The filters form.
#[function_component]
pub(crate) fn FilterBar() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let query = use_query();
    let projects = use_projects();
    let route = use_route::<Route>().unwrap_or(Route::Overview);
    let navigator = use_navigator();
    let applied = Filters::from_query(&query);
    let today = use_today();
    let rows = use_state(|| applied.traits.len().max(1));
    let go = {
        let (navigator, query) = (navigator.clone(), query.clone());
        move |f: Filters| {
            go(navigator.as_ref(), &route, &f.write(&query), false);
        }
    };
    let onsubmit = {
        let go = go.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(form) = e.target_dyn_into::<HtmlFormElement>() {
                go(read(&form));
            }
        })
    };
    let clear = {
        let go = go.clone();
        Callback::from(move |_| go(Filters::default()))
    };
    let pressed = Preset::of(&applied, today);
    let presets: Html = Preset::ALL
        .into_iter()
        .map(|p| {
            let (go, applied) = (go.clone(), applied.clone());
            let onclick = Callback::from(move |_| go(p.apply(&applied, today)));
            html! {
                <button type="button" class="quiet" aria-pressed={(pressed == Some(p)).to_string()} {onclick}>
                    { p.name(t) }
                </button>
            }
        })
        .collect();
    let add_trait = {
        let rows = rows.clone();
        Callback::from(move |_| rows.set(*rows + 1))
    };
    let mut moments: Vec<String> = projects
        .project()
        .map(|p| p.config.moments.iter().map(|m| m.event.clone()).collect())
        .unwrap_or_default();
    moments.push("(other)".into());
    if let Some(m) = applied.moment.as_ref().filter(|m| !moments.contains(m)) {
        moments.push(m.clone());
    }
    let traits: Vec<(String, String)> = (0..(*rows).max(applied.traits.len()))
        .map(|i| applied.traits.get(i).cloned().unwrap_or_default())
        .collect();
    let day = |d: Option<Day>| d.map(Day::iso).unwrap_or_default();
    let draft = &applied;
    html! {
           <form class="filters card" {onsubmit} aria-labelledby="filters-title" key={query.encode()}>
               <h2 id="filters-title">{ t.filters }</h2>
               <div class="presets" role="group" aria-label={t.preset_label}>{ presets }</div>
               <p class="muted small" id="f-zone">{ zones::days_in(ctx.lang, &projects.zone()) }</p>
               <div class="filter-grid">
                   <div class="field">
                       <label for="f-from">{ t.from }</label>
                       <input id="f-from" name="from" type="date" value={day(draft.from)} aria-describedby="f-zone" />
                   </div>
                   <div class="field">
                       <label for="f-to">{ t.to }</label>
                       <input id="f-to" name="to" type="date" value={day(draft.to)} aria-describedby="f-zone" />
                   </div>
                   <div class="field">
                       <label for="f-moment">{ t.moment }</label>
                       <select id="f-moment" name="moment">
                           <option value="" selected={draft.moment.is_none()}>{ t.any }</option>
                           { for moments.iter().map(|m| html! {
                               <option value={m.clone()} selected={draft.moment.as_ref() == Some(m)}>{ m.clone() }</option>
                           }) }
                       </select>
                   </div>
                   <div class="field">
                       <label for="f-locale">{ t.locale }</label>
                       <input id="f-locale" name="locale" type="text" value={draft.locale.clone().unwrap_or_default()}
                           placeholder="fr" size="6" />
                   </div>
                   <div class="field">
                       <label for="f-tenure">{ t.tenure }</label>
                       <select id="f-tenure" name="tenure">
                           <option value="" selected={draft.tenure.is_none()}>{ t.any }</option>
                           <option value="new" selected={draft.tenure.as_deref() == Some("new")}>{ t.tenure_new }</option>
                           <option value="established" selected={draft.tenure.as_deref() == Some("established")}>{ t.tenure_established }</option>
                       </select>
                   </div>
               </div>
               { for traits.iter().enumerate().map(|(i, (name, value))| html! {
                   <div class="trait-row" role="group" aria-label={format!("{} {}", t.trait_name, i + 1)}>
                       <div class="field">
                           <label for={format!("f-trait-{i}")}>{ t.trait_name }</label>
                           <input id={format!("f-trait-{i}")} name="trait" type="text" value={name.clone()} placeholder="plan"
    />
                       </div>
                       <div class="field">
                           <label for={format!("f-value-{i}")}>{ t.trait_value }</label>
                           <input id={format!("f-value-{i}")} name="value" type="text" value={value.clone()} placeholder="pro"
    />
                       </div>
                   </div>
               }) }
               <div class="actions">
                   <button type="submit" class="primary">{ t.apply }</button>
                   <button type="button" class="quiet" onclick={add_trait}>{ t.add_trait }</button>
                   if !applied.is_empty() {
                       <button type="button" class="quiet" onclick={clear}>{ t.clear_filters }</button>
                   }
               </div>
           </form>
       }
}

/// The filters as typed in the form.
fn read(form: &HtmlFormElement) -> Filters {
    let Ok(data) = FormData::new_with_form(form) else {
        return Filters::default();
    };
    let one = |name: &str| {
        data.get(name)
            .as_string()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let all = |name: &str| -> Vec<String> {
        data.get_all(name)
            .iter()
            .map(|v| v.as_string().unwrap_or_default().trim().to_owned())
            .collect()
    };
    Filters {
        from: one("from").as_deref().and_then(Day::parse),
        to: one("to").as_deref().and_then(Day::parse),
        moment: one("moment"),
        locale: one("locale"),
        tenure: one("tenure"),
        traits: all("trait")
            .into_iter()
            .zip(all("value"))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .collect(),
    }
}

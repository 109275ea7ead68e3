//! Look: the prompt's colour, position and theme, and what each moment
//! asks in English and French; saved together in the project's config,
//! with the widget's own prompt previewed live beside the form.
//!
//! The form edits a draft: every keystroke updates the preview, and the
//! brand colour's contrast is checked (the rule `nps-protocol` shares with
//! the collector) before the draft can be saved.

use std::collections::BTreeMap;

use gloo_net::http::Method;
use nps_protocol::{contrast_with_white, BadLook, MomentTexts, WidgetConfig, MIN_CONTRAST};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::Texts;
use crate::web::api::{segment, ApiError};
use crate::web::components::load::Failure;
use crate::web::components::page_title::PageTitle;
use crate::web::components::preview::WidgetPreview;
use crate::web::ctx::{use_ctx, use_projects};

/// The languages the prompt speaks: a moment's texts can be set in each.
const LOCALES: [&str; 9] = ["en", "fr", "de", "es", "it", "pt", "pt-BR", "nl", "ar"];

/// A prompt language's name in a field's label: English and French in the
/// reader's language, the others by their own name until every language
/// names every other.
fn lang_name(t: &Texts, code: &str) -> &'static str {
    match code {
        "en" => t.english,
        "fr" => t.french,
        "de" => "Deutsch",
        "es" => "Español",
        "it" => "Italiano",
        "pt" => "Português",
        "pt-BR" => "Português (Brasil)",
        "nl" => "Nederlands",
        _ => "العربية",
    }
}

/// Which text the preview shows: the moment and language last edited.
#[derive(Clone, Copy, PartialEq)]
struct Showing {
    moment: usize,
    locale: Option<&'static str>,
}

/// The look page.
#[function_component]
pub(crate) fn Look() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let error = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let config = projects.project().map(|p| p.config.clone());
    let draft = use_state(|| config.clone().unwrap_or_default());
    let showing = use_state(|| Showing {
        moment: 0,
        locale: None,
    });
    {
        // Another project, or its config saved and reloaded: start over.
        let draft = draft.clone();
        use_effect_with(config.clone(), move |config| {
            draft.set(config.clone().unwrap_or_default());
        });
    }
    let Some(project) = projects.project().cloned() else {
        return html! { <PageTitle title={t.look_title} /> };
    };
    let look_error = draft.appearance.check().err();
    let onsubmit = {
        let (api, reload, error, saved, draft) = (
            ctx.api.clone(),
            projects.reload.clone(),
            error.clone(),
            saved.clone(),
            draft.clone(),
        );
        let key = project.key.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if draft.appearance.check().is_err() {
                return; // the field says why
            }
            let next = cleaned(&draft);
            let (api, reload, error, saved) =
                (api.clone(), reload.clone(), error.clone(), saved.clone());
            let path = format!("/api/v1/projects/{}/config", segment(&key));
            spawn_local(async move {
                match api
                    .send::<WidgetConfig>(Method::PUT, &path, Some(&next))
                    .await
                {
                    Ok(_) => {
                        error.set(None);
                        saved.set(true);
                        reload.emit(());
                    }
                    Err(e) => {
                        saved.set(false);
                        error.set(Some(e));
                    }
                }
            });
        })
    };
    // One setter for every field: a change of the draft, then the preview.
    let edit = |change: fn(&mut WidgetConfig, String)| {
        let (draft, saved) = (draft.clone(), saved.clone());
        move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
            saved.set(false);
        }
    };
    let on_color = {
        let set = edit(|c, v| {
            let v = v.trim().to_lowercase();
            c.appearance.brand_color = (!v.is_empty()).then_some(v);
        });
        Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_position = {
        let set = edit(|c, v| c.appearance.position = v);
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_theme = {
        let set = edit(|c, v| c.appearance.theme = v);
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_text = |i: usize, locale: &'static str, question: bool| {
        let (draft, saved, showing) = (draft.clone(), saved.clone(), showing.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let mut next = (*draft).clone();
            set_text(&mut next, i, locale, question, value);
            draft.set(next);
            saved.set(false);
            showing.set(Showing {
                moment: i,
                locale: Some(locale),
            });
        })
    };
    let locale = showing.locale.unwrap_or(ctx.lang.code());
    let shown = text_of(&draft, showing.moment, locale);
    let color = draft.appearance.brand_color.clone().unwrap_or_default();
    html! {
        <>
        <PageTitle title={t.look_title} intro={t.look_intro} />
        <div class="look">
        <form class="card" {onsubmit} key={project.key.clone()} aria-label={t.look_title} novalidate=true>
            <fieldset class="moment">
                <legend>{ t.look_section }</legend>
                <div class="form-grid">
                    <div class="field">
                        <label for="brand-color">{ t.brand_color }</label>
                        <div class="inline-field">
                            <input id="brand-color" name="brand_color" type="text" inputmode="text"
                                placeholder="#2450c4" maxlength="7" autocomplete="off" spellcheck="false"
                                value={color.clone()} oninput={on_color}
                                aria-describedby="brand-color-help"
                                aria-invalid={look_error.is_some_and(|e| matches!(e, BadLook::Color | BadLook::Contrast(_))).to_string()} />
                            <span class="swatch" aria-hidden="true"
                                style={draft.appearance.check().is_ok().then(|| format!("background:{}", if color.is_empty() { "#2450c4" } else { &color }))} />
                        </div>
                        <p id="brand-color-help" class={classes!("small", if look_error.is_some() { "field-error" } else { "muted" })} aria-live="polite">
                            { contrast_words(t, draft.appearance.brand_color.as_deref(), look_error) }
                        </p>
                    </div>
                    <div class="field">
                        <label for="position">{ t.position }</label>
                        <select id="position" name="position" onchange={on_position}>
                            { for [("bottom-right", t.position_bottom_right), ("bottom-left", t.position_bottom_left), ("center", t.position_center)].into_iter().map(|(v, label)| html! {
                                <option value={v} selected={draft.appearance.position == v}>{ label }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="theme">{ t.theme }</label>
                        <select id="theme" name="theme" onchange={on_theme}>
                            { for [("light", t.theme_light), ("dark", t.theme_dark), ("auto", t.theme_auto)].into_iter().map(|(v, label)| html! {
                                <option value={v} selected={draft.appearance.theme == v}>{ label }</option>
                            }) }
                        </select>
                    </div>
                </div>
            </fieldset>
            if draft.moments.is_empty() {
                <p class="notice">{ t.no_moment_yet }</p>
            }
            { for draft.moments.iter().enumerate().map(|(i, m)| html! {
                <fieldset class="moment">
                    <legend>{ format!("{} {}", t.moment, m.event) }</legend>
                    <div class="form-grid">
                        { for LOCALES.iter().flat_map(|l| [(*l, true), (*l, false)]).map(|(l, question)| {
                            let name = format!("x-{i}-{l}-{}", if question { "q" } else { "f" });
                            let label = format!("{} ({})", if question { t.question } else { t.follow_up_question }, lang_name(t, l));
                            let current = text_of(&draft, i, l);
                            let value = if question { current.question } else { current.follow_up };
                            html! {
                                <div class="field">
                                    <label for={name.clone()}>{ label }</label>
                                    <textarea id={name.clone()} name={name.clone()} lang={l} rows="2" maxlength="300"
                                        value={value.unwrap_or_default()} oninput={on_text(i, l, question)} />
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            }) }
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
            <div class="actions">
                <button type="submit" class="primary" disabled={look_error.is_some()}>{ t.save_look }</button>
                <span role="status">{ if *saved { t.saved } else { "" } }</span>
            </div>
        </form>
        <WidgetPreview question={shown.question.map(AttrValue::from)} follow_up={shown.follow_up.map(AttrValue::from)}
            locale={locale} appearance={draft.appearance.clone()} />
        </div>
        </>
    }
}

/// What the contrast check says under the colour field.
fn contrast_words(t: &Texts, color: Option<&str>, bad: Option<BadLook>) -> String {
    match (bad, color) {
        (Some(BadLook::Color), _) => t.color_invalid.to_owned(),
        (Some(BadLook::Contrast(r)), _) => {
            format!("{} {r:.2}:1 — {}", t.contrast, t.contrast_fails)
        }
        (_, Some(c)) => match contrast_with_white(c) {
            Some(r) if r >= MIN_CONTRAST => {
                format!("{} {r:.2}:1 — {}", t.contrast, t.contrast_passes)
            }
            _ => t.color_invalid.to_owned(),
        },
        (_, None) => t.color_default.to_owned(),
    }
}

/// Moment `i`'s texts in `locale` (empty if it has none).
fn text_of(config: &WidgetConfig, i: usize, locale: &str) -> MomentTexts {
    config
        .moments
        .get(i)
        .and_then(|m| m.texts.as_ref())
        .and_then(|x| x.get(locale))
        .cloned()
        .unwrap_or_default()
}

/// Sets one text of moment `i` (an empty value removes it).
fn set_text(config: &mut WidgetConfig, i: usize, locale: &str, question: bool, value: String) {
    let Some(m) = config.moments.get_mut(i) else {
        return;
    };
    let texts = m.texts.get_or_insert_with(BTreeMap::new);
    let entry = texts.entry(locale.to_owned()).or_default();
    let slot = if question {
        &mut entry.question
    } else {
        &mut entry.follow_up
    };
    *slot = Some(value);
}

/// The draft as saved: texts trimmed, blank ones removed (the widget's
/// defaults apply), languages and moments without texts left without.
fn cleaned(draft: &WidgetConfig) -> WidgetConfig {
    let mut next = draft.clone();
    for m in &mut next.moments {
        if let Some(texts) = &mut m.texts {
            for entry in texts.values_mut() {
                for slot in [&mut entry.question, &mut entry.follow_up] {
                    *slot = slot
                        .take()
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty());
                }
            }
            texts.retain(|_, x| x.question.is_some() || x.follow_up.is_some());
        }
        if m.texts.as_ref().is_some_and(BTreeMap::is_empty) {
            m.texts = None;
        }
    }
    next
}

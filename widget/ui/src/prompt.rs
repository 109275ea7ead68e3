//! The prompt dialog: question, scale, follow-up and thank-you (or the
//! notice that the answer was not recorded).

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::event::UiEvent;
use crate::follow_up::FollowUp;
use crate::i18n::{Locale, Texts};
use crate::scale::Scale;

/// Properties of [`Prompt`]: what it says, and the state its host decided.
#[derive(Properties, PartialEq, Clone)]
pub struct PromptProps {
    /// The language to speak.
    pub locale: Locale,
    /// Where user actions are reported.
    pub on_event: Callback<UiEvent>,
    /// The moment's own question, if it has one in this language.
    #[prop_or_default]
    pub question: Option<AttrValue>,
    /// The moment's own follow-up, whatever the score.
    #[prop_or_default]
    pub follow_up: Option<AttrValue>,
    /// A variant's "why?" for detractors, passives and promoters, each
    /// over `follow_up`.
    #[prop_or_default]
    pub whys: [Option<AttrValue>; 3],
    /// The score was sent: the scale is read-only (`aria-disabled`).
    #[prop_or_default]
    pub locked: bool,
    /// Show the thank-you instead of the form.
    #[prop_or_default]
    pub thanking: bool,
    /// The answer was refused for good: say it was not recorded, instead
    /// of the form or the thank-you.
    #[prop_or_default]
    pub failed: bool,
    /// The project's colour (`#rrggbb`); anything else keeps the default.
    #[prop_or_default]
    pub brand_color: Option<AttrValue>,
    /// `bottom-right` (the default), `bottom-left` or `center`.
    #[prop_or_default]
    pub position: AttrValue,
    /// `light` (the default), `dark`, or `auto` (the reader's setting).
    #[prop_or_default]
    pub theme: AttrValue,
    /// Drawn in the flow of its container instead of over the page, and
    /// leaving focus where it is (the dashboard's preview).
    #[prop_or_default]
    pub inline: bool,
}

/// The index of a score's category in [`PromptProps::whys`].
fn category(score: u8) -> usize {
    match score {
        0..=6 => 0,
        7 | 8 => 1,
        _ => 2,
    }
}

/// The prompt: a non-modal dialog named by its question.
#[function_component(Prompt)]
pub fn prompt(props: &PromptProps) -> Html {
    let texts = Texts::of(props.locale);
    // View state only: which score is checked. Whether it may still
    // change is the host's `locked`.
    let score = use_state(|| None::<u8>);
    let close_ref = use_node_ref();
    let emit = |event: UiEvent| {
        let on_event = props.on_event.clone();
        move || on_event.emit(event.clone())
    };

    let on_pick = {
        let (score, locked) = (score.clone(), props.locked);
        let on_event = props.on_event.clone();
        Callback::from(move |s: u8| {
            if !locked {
                score.set(Some(s));
                on_event.emit(UiEvent::Pick(s));
            }
        })
    };
    let on_send = props.on_event.reform(UiEvent::Send);
    let onclick = {
        let close = emit(UiEvent::Close);
        Callback::from(move |_: MouseEvent| close())
    };
    let later = {
        let later = emit(UiEvent::Later);
        Callback::from(move |_: MouseEvent| later())
    };
    let never = {
        let never = emit(UiEvent::Never);
        Callback::from(move |_: MouseEvent| never())
    };
    let onkeydown = {
        let close = emit(UiEvent::Close);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close();
            }
        })
    };
    let question = props
        .question
        .clone()
        .unwrap_or(AttrValue::Static(texts.question));

    // The thank-you, or the notice that the answer was not recorded.
    let done = props.thanking || props.failed;
    {
        // The Send button disappears with the form; keep focus in the dialog.
        let close_ref = close_ref.clone();
        use_effect_with(done, move |done| {
            if *done {
                if let Some(button) = close_ref.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }

    let class = classes!(
        "card",
        crate::look::position_class(&props.position, props.locale.is_rtl()),
        crate::look::theme_class(&props.theme),
        props.inline.then_some("inline"),
    );
    let style = crate::look::brand_style(props.brand_color.as_deref());
    html! {
        // `lang` lets screen readers pick the voice; `dir` mirrors the
        // card (the scale's grid, the corners, the × button) in Arabic.
        <div {class} {style} role="dialog" aria-labelledby="nps-q" {onkeydown}
            lang={props.locale.code()} dir={if props.locale.is_rtl() { "rtl" } else { "ltr" }}>
            <p id="nps-q" class="q">{ question }</p>
            if !done {
                <Scale locale={props.locale} selected={*score} locked={props.locked} {on_pick} autofocus={!props.inline} />
                if let Some(s) = *score {
                    <FollowUp locale={props.locale} score={s} text={props.whys[category(s)].clone().or_else(|| props.follow_up.clone())} {on_send} />
                }
                // Beside Close, in a quieter voice: closing for good.
                <div class="foot">
                    <button class="never" type="button" onclick={never}>{ texts.never }</button>
                    if score.is_none() {
                        <button class="later" type="button" onclick={later}>{ texts.later }</button>
                    }
                </div>
            }
            <p class="thanks" role="status">{
                if props.failed { texts.failed } else if props.thanking { texts.thanks } else { "" }
            }</p>
            <button class="x" type="button" aria-label={texts.close} ref={close_ref} {onclick}>
                <span aria-hidden="true">{ "×" }</span>
            </button>
        </div>
    }
}

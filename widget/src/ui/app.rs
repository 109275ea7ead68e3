//! The prompt dialog: question, scale, follow-up and thank-you.

use gloo_timers::callback::Timeout;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::follow_up::FollowUp;
use super::scale::Scale;
use super::UiEvent;
use crate::i18n::Texts;
use crate::rules::submission::DEBOUNCE_MS;
use crate::rules::Locale;

/// How long the thank-you stays before the prompt closes itself.
const THANKS_MS: u32 = 2_500;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub(crate) struct AppProps {
    /// The language to speak.
    pub(crate) locale: Locale,
    /// Where user actions are reported.
    pub(crate) on_event: Callback<UiEvent>,
    /// The moment's own question, if it has one in this language.
    pub(crate) question: Option<AttrValue>,
    /// The moment's own follow-up, whatever the score.
    pub(crate) follow_up: Option<AttrValue>,
}

/// The prompt: a non-modal dialog named by its question.
#[function_component(App)]
pub(crate) fn app(props: &AppProps) -> Html {
    let texts = Texts::of(props.locale);
    let score = use_state(|| None::<u8>);
    // Read-only once the score is sent: the collector keeps the first one.
    let locked = use_state(|| false);
    let thanking = use_state(|| false);
    // Dropping a `Timeout` cancels it, so these die with the component.
    let debounce = use_mut_ref(|| None::<Timeout>);
    let closing = use_mut_ref(|| None::<Timeout>);
    let close_ref = use_node_ref();

    let on_pick = {
        let (score, locked, debounce) = (score.clone(), locked.clone(), debounce.clone());
        let on_event = props.on_event.clone();
        Callback::from(move |s: u8| {
            if *locked {
                return;
            }
            score.set(Some(s));
            on_event.emit(UiEvent::Pick(s));
            let (locked, on_event) = (locked.clone(), on_event.clone());
            *debounce.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                locked.set(true);
                on_event.emit(UiEvent::Commit);
            }));
        })
    };

    let on_send = {
        let (locked, thanking, debounce) = (locked.clone(), thanking.clone(), debounce.clone());
        let on_event = props.on_event.clone();
        Callback::from(move |comment: String| {
            // Send commits the score itself (with the comment, in one request
            // when it can), so the debounce has nothing left to do.
            debounce.borrow_mut().take();
            locked.set(true);
            thanking.set(true);
            on_event.emit(UiEvent::Send(comment));
            let on_event = on_event.clone();
            *closing.borrow_mut() = Some(Timeout::new(THANKS_MS, move || {
                on_event.emit(UiEvent::Done);
            }));
        })
    };

    let close = {
        let (thanking, debounce) = (thanking.clone(), debounce.clone());
        let on_event = props.on_event.clone();
        Callback::from(move |()| {
            debounce.borrow_mut().take();
            on_event.emit(if *thanking {
                UiEvent::Done
            } else {
                UiEvent::Dismiss
            });
        })
    };
    let onclick = close.reform(|_: MouseEvent| ());
    let later = {
        let on_event = props.on_event.clone();
        Callback::from(move |_: MouseEvent| on_event.emit(UiEvent::Snooze))
    };
    let never = {
        let (on_event, debounce) = (props.on_event.clone(), debounce.clone());
        Callback::from(move |_: MouseEvent| {
            debounce.borrow_mut().take();
            on_event.emit(UiEvent::OptOut);
        })
    };
    let question = props
        .question
        .clone()
        .unwrap_or(AttrValue::Static(texts.question));
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close.emit(());
        }
    });

    {
        // The Send button disappears with the form; keep focus in the dialog.
        let close_ref = close_ref.clone();
        use_effect_with(*thanking, move |thanking| {
            if *thanking {
                if let Some(button) = close_ref.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }

    html! {
        <div class="card" role="dialog" aria-labelledby="nps-q" {onkeydown}>
            <p id="nps-q" class="q">{ question }</p>
            if !*thanking {
                <Scale locale={props.locale} selected={*score} locked={*locked} {on_pick} />
                if let Some(s) = *score {
                    <FollowUp locale={props.locale} score={s} text={props.follow_up.clone()} {on_send} />
                }
                // Beside Close, in a quieter voice: closing for good.
                <div class="foot">
                    <button class="never" type="button" onclick={never}>{ texts.never }</button>
                    if score.is_none() {
                        <button class="later" type="button" onclick={later}>{ texts.later }</button>
                    }
                </div>
            }
            <p class="thanks" role="status">{ if *thanking { texts.thanks } else { "" } }</p>
            <button class="x" type="button" aria-label={texts.close} ref={close_ref} {onclick}>
                <span aria-hidden="true">{ "×" }</span>
            </button>
        </div>
    }
}

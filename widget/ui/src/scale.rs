//! The 0–10 scale: a WAI-ARIA radio group with a roving tabindex.
//!
//! One Tab stop for the whole group (the selected score, or 0), arrows move
//! and select, digits jump (see [`crate::keys`]). Radios are `<button>`s so a
//! click, Enter or Space selects without extra code.

use web_sys::{FocusOptions, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::{Locale, Texts};
use crate::keys::next_score;

/// Visible (and accessible) names of the radios; static, so no formatting.
const NAMES: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/// Properties of [`Scale`].
#[derive(Properties, PartialEq)]
pub(crate) struct ScaleProps {
    /// The language of the end labels.
    pub(crate) locale: Locale,
    /// The chosen score, if any.
    pub(crate) selected: Option<u8>,
    /// Whether the score was sent and can no longer change.
    pub(crate) locked: bool,
    /// Called with the newly chosen score.
    pub(crate) on_pick: Callback<u8>,
    /// Take focus when it appears (not in the dashboard's preview, which
    /// must leave focus where the person editing the form has it).
    pub(crate) autofocus: bool,
}

/// The radio group, named by the question.
#[function_component(Scale)]
pub(crate) fn scale(props: &ScaleProps) -> Html {
    let texts = Texts::of(props.locale);
    let refs = use_memo((), |()| NAMES.map(|_| NodeRef::default()));

    {
        // Move focus into the prompt when it appears, on the group's tab
        // stop. Without scrolling: the prompt is already in view (fixed, or
        // where the dashboard's preview is), and scrolling to it would
        // force a layout of the page before the prompt's first frame.
        let refs = refs.clone();
        let first = usize::from(props.selected.unwrap_or(0));
        let autofocus = props.autofocus;
        use_effect_with((), move |()| {
            if let Some(el) = refs[first].cast::<HtmlElement>().filter(|_| autofocus) {
                let options = FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
            }
        });
    }

    let onkeydown = {
        let (refs, on_pick) = (refs.clone(), props.on_pick.clone());
        let (selected, locked) = (props.selected, props.locked);
        let rtl = props.locale.is_rtl();
        Callback::from(move |e: KeyboardEvent| {
            // Leave shortcuts (Ctrl+digit switches tabs…) to the browser.
            if locked || e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            if let Some(n) = next_score(selected, &e.key(), rtl) {
                e.prevent_default();
                focus(&refs[usize::from(n)]);
                on_pick.emit(n);
            }
        })
    };

    let tab_stop = props.selected.unwrap_or(0);
    let radios = (0..=10u8).map(|n| {
        let checked = props.selected == Some(n);
        let onclick = props.on_pick.reform(move |_: MouseEvent| n);
        let described = match n {
            0 => Some("nps-lo"),
            10 => Some("nps-hi"),
            _ => None,
        };
        html! {
            <button type="button" role="radio"
                ref={refs[usize::from(n)].clone()}
                aria-checked={if checked { "true" } else { "false" }}
                aria-disabled={props.locked.then_some("true")}
                aria-describedby={described}
                tabindex={if n == tab_stop { "0" } else { "-1" }}
                {onclick}>
                { NAMES[usize::from(n)] }
            </button>
        }
    });

    html! {
        <>
            <div class="scale" role="radiogroup" aria-labelledby="nps-q" {onkeydown}>
                { for radios }
            </div>
            <div class="ends">
                <span id="nps-lo">{ texts.not_likely }</span>
                <span id="nps-hi">{ texts.very_likely }</span>
            </div>
        </>
    }
}

fn focus(node: &NodeRef) {
    if let Some(el) = node.cast::<HtmlElement>() {
        let _ = el.focus();
    }
}

//! The "why?" comment box that appears once a score is chosen.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::{Locale, Texts};

/// Longest comment accepted; the collector refuses more than 5,000
/// characters, and `maxlength` counts UTF-16 units, so this stays under.
const MAX_LENGTH: &str = "5000";

/// Properties of [`FollowUp`].
#[derive(Properties, PartialEq)]
pub(crate) struct FollowUpProps {
    /// The language to speak.
    pub(crate) locale: Locale,
    /// The chosen score, which picks the question.
    pub(crate) score: u8,
    /// The moment's own question, replacing the score's.
    pub(crate) text: Option<AttrValue>,
    /// Called with the comment (possibly empty) when Send is pressed.
    pub(crate) on_send: Callback<String>,
}

/// A labelled textarea and the Send button, as a form so Enter on the button
/// and assistive technology behave natively.
#[function_component(FollowUp)]
pub(crate) fn follow_up(props: &FollowUpProps) -> Html {
    let texts = Texts::of(props.locale);
    let textarea = use_node_ref();

    let onsubmit = {
        let (textarea, on_send) = (textarea.clone(), props.on_send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let comment = textarea
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            on_send.emit(comment);
        })
    };

    html! {
        <form class="follow" {onsubmit}>
            <label for="nps-c">{ props.text.clone().unwrap_or(AttrValue::Static(texts.follow_up(props.score))) }</label>
            <textarea id="nps-c" ref={textarea} rows="3" maxlength={MAX_LENGTH}
                placeholder={texts.placeholder}></textarea>
            <div class="actions">
                <button class="send" type="submit">{ texts.send }</button>
            </div>
        </form>
    }
}

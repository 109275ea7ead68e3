//! A "Copy" button for snippets and keys, confirming in a status region.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::web::ctx::use_ctx;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub(crate) struct CopyButtonProps {
    pub(crate) text: AttrValue,
    /// Accessible name, e.g. "Copy the snippet".
    pub(crate) label: AttrValue,
}

/// Copies `text` to the clipboard.
#[function_component]
pub(crate) fn CopyButton(props: &CopyButtonProps) -> Html {
    let t = use_ctx().t();
    let done = use_state(|| false);
    let onclick = {
        let text = props.text.clone();
        let done = done.clone();
        Callback::from(move |_| {
            let clipboard = gloo_utils::window().navigator().clipboard();
            let (text, done) = (text.clone(), done.clone());
            spawn_local(async move {
                if JsFuture::from(clipboard.write_text(&text)).await.is_ok() {
                    done.set(true);
                }
            });
        })
    };
    html! {
        <span class="copy">
            <button type="button" class="quiet" aria-label={props.label.clone()} {onclick}>{ t.copy }</button>
            <span role="status" class="muted">{ if *done { t.copied } else { "" } }</span>
        </span>
    }
}

//! The language menu: a `<select>` named "Language" in the current
//! language, listing each language by its own name (marked with its
//! `lang`, so a screen reader reads "Deutsch" in German).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`LangMenu`].
#[derive(Properties, PartialEq)]
pub(crate) struct LangMenuProps {
    pub(crate) lang: Lang,
    pub(crate) set_lang: Callback<Lang>,
}

/// Chooses the dashboard's language among all it speaks.
#[function_component]
pub(crate) fn LangMenu(props: &LangMenuProps) -> Html {
    let onchange = {
        let set_lang = props.set_lang.clone();
        Callback::from(move |e: Event| {
            let chosen = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|select| Lang::from_code(&select.value()));
            if let Some(lang) = chosen {
                set_lang.emit(lang);
            }
        })
    };
    let options = Lang::ALL.into_iter().map(|l| {
        html! {
            <option value={l.code()} lang={l.code()} selected={l == props.lang}>{ l.own_name() }</option>
        }
    });
    html! {
        <select class="lang-menu" aria-label={props.lang.t().language} {onchange}>
            { for options }
        </select>
    }
}

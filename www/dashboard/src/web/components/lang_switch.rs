//! The language switch: a button named in the language it offers
//! ("Français" in English, "English" in French), marked with that `lang`.

use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`LangSwitch`].
#[derive(Properties, PartialEq)]
pub(crate) struct LangSwitchProps {
    pub(crate) lang: Lang,
    pub(crate) set_lang: Callback<Lang>,
}

/// Switches between English and French.
#[function_component]
pub(crate) fn LangSwitch(props: &LangSwitchProps) -> Html {
    let other = props.lang.other();
    let onclick = {
        let set_lang = props.set_lang.clone();
        Callback::from(move |_| set_lang.emit(other))
    };
    html! {
        <button type="button" class="quiet" lang={other.code()} {onclick}>{ other.own_name() }</button>
    }
}

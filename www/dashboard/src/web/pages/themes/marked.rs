//! A comment with a theme's words highlighted: the comment is user input,
//! so it is cut into text pieces ([`crate::themes::pieces`]) and the
//! matches wrapped in `<mark>` elements Yew builds; nothing is parsed as
//! markup.

use std::rc::Rc;

use yew::prelude::*;

use crate::themes::pieces;

/// Props of [`Marked`].
#[derive(Properties, PartialEq)]
pub(crate) struct MarkedProps {
    pub(crate) text: AttrValue,
    pub(crate) terms: Rc<Vec<String>>,
}

/// The comment, its theme's words in `<mark>`.
#[function_component]
pub(crate) fn Marked(props: &MarkedProps) -> Html {
    html! {
        <p class="comment">
            { for pieces(&props.text, &props.terms).into_iter().map(|p| if p.marked {
                html! { <mark>{ p.text.to_owned() }</mark> }
            } else {
                html! { { p.text.to_owned() } }
            }) }
        </p>
    }
}

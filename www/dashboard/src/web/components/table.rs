//! A wide table in a labelled region that scrolls sideways on a phone and
//! can be scrolled with the keyboard (it is focusable).

use yew::prelude::*;

/// Props of [`TableRegion`].
#[derive(Properties, PartialEq)]
pub(crate) struct TableRegionProps {
    pub(crate) label: AttrValue,
    pub(crate) children: Html,
}

/// The scrolling frame of a table.
#[function_component]
pub(crate) fn TableRegion(props: &TableRegionProps) -> Html {
    html! {
        <div class="table-wrap" role="region" aria-label={props.label.clone()} tabindex="0">
            { props.children.clone() }
        </div>
    }
}

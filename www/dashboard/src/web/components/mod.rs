//! Pieces several pages share.

pub(crate) mod copy;
pub(crate) mod filter_bar;
pub(crate) mod lang_menu;
pub(crate) mod load;
pub(crate) mod nav_link;
pub(crate) mod page_title;
pub(crate) mod preview;
pub(crate) mod table;

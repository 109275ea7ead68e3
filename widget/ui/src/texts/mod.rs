//! One file per language, each a [`Texts`](crate::i18n::Texts) table.
//! Adding a language: a file here, its arm in [`of`], and its code in
//! `nps_protocol::Locale` (see widget/README.md, "Add a language").

mod ar;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt;
mod pt_br;

use nps_protocol::Locale;

use crate::i18n::Texts;

/// The table of `locale`.
pub(crate) fn of(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &en::EN,
        Locale::Fr => &fr::FR,
        Locale::De => &de::DE,
        Locale::Es => &es::ES,
        Locale::It => &it::IT,
        Locale::Pt => &pt::PT,
        Locale::PtBr => &pt_br::PT_BR,
        Locale::Nl => &nl::NL,
        Locale::Ar => &ar::AR,
    }
}

#[cfg(test)]
mod tests;

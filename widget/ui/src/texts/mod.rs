//! One file per language, each a [`Texts`] table, and which of them a
//! build carries.
//!
//! The widget's lazy module carries English only (the fallback) and
//! receives the visitor's language with the prompt: `widget/build.sh`
//! writes every other table as `lang-<hash>-<code>.json` (through the
//! `texts-json` example, from these very files), the loader fetches the one
//! language the core decided beside the module, and the module hands it to
//! [`register`]. The dashboard's preview (feature `all-languages`) and the
//! tests carry them all. Adding a language: a file here, its arm in
//! `builtin`, its code in `nps_protocol::Locale` (widget/README.md, "Add a
//! language").

#[cfg(any(test, feature = "all-languages"))]
mod ar;
#[cfg(any(test, feature = "all-languages"))]
mod de;
mod en;
#[cfg(any(test, feature = "all-languages"))]
mod es;
#[cfg(any(test, feature = "all-languages"))]
mod fr;
#[cfg(any(test, feature = "all-languages"))]
mod it;
#[cfg(any(test, feature = "all-languages"))]
mod nl;
#[cfg(any(test, feature = "all-languages"))]
mod pt;
#[cfg(any(test, feature = "all-languages"))]
mod pt_br;

use std::cell::RefCell;

use nps_protocol::Locale;

use crate::i18n::Texts;

thread_local! {
    /// Languages received at run time (the lazy module's), kept for the
    /// page's life: a few hundred bytes each, fetched once.
    static REGISTERED: RefCell<Vec<(Locale, &'static Texts)>> = const { RefCell::new(Vec::new()) };
}

// Looked up here rather than in `i18n`, which defines the table: the
// languages depend on the table, never the table on the languages.
impl Texts {
    /// The texts for `locale`: compiled in or received with the prompt
    /// ([`register`]); English if neither.
    pub fn of(locale: Locale) -> &'static Self {
        builtin(locale)
            .or_else(|| {
                REGISTERED.with_borrow(|r| r.iter().find(|(l, _)| *l == locale).map(|(_, t)| *t))
            })
            .unwrap_or(&en::EN)
    }
}

/// Keeps `texts` as the table of `locale` for the rest of the page, unless
/// it already has one.
pub fn register(locale: Locale, texts: Texts) {
    if builtin(locale).is_some() {
        return;
    }
    REGISTERED.with_borrow_mut(|r| {
        if !r.iter().any(|(l, _)| *l == locale) {
            r.push((locale, Box::leak(Box::new(texts))));
        }
    });
}

/// The tables this build carries.
#[cfg(any(test, feature = "all-languages"))]
pub fn builtin(locale: Locale) -> Option<&'static Texts> {
    Some(match locale {
        Locale::En => &en::EN,
        Locale::Fr => &fr::FR,
        Locale::De => &de::DE,
        Locale::Es => &es::ES,
        Locale::It => &it::IT,
        Locale::Pt => &pt::PT,
        Locale::PtBr => &pt_br::PT_BR,
        Locale::Nl => &nl::NL,
        Locale::Ar => &ar::AR,
    })
}

/// The tables this build carries: English, the fallback.
#[cfg(not(any(test, feature = "all-languages")))]
pub fn builtin(locale: Locale) -> Option<&'static Texts> {
    (locale == Locale::En).then_some(&en::EN)
}

#[cfg(test)]
mod tests;

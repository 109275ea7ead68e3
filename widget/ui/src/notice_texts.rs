//! Every word the notice ("You asked, we delivered") shows, in each
//! supported language, kept together apart from the prompt's texts. The
//! announcement itself is the team's, in the language the widget asked
//! the collector for.

use crate::i18n::Locale;

/// The notice's texts in one language.
#[derive(Debug)]
pub struct NoticeTexts {
    /// The heading, also the notice's accessible name.
    pub heading: &'static str,
    /// The link to the announcement's page, if it has one.
    pub read_more: &'static str,
    /// The button that closes the notice.
    pub close: &'static str,
}

const EN: NoticeTexts = NoticeTexts {
    heading: "You asked, we delivered",
    read_more: "Read more",
    close: "Close",
};

const FR: NoticeTexts = NoticeTexts {
    heading: "Vous l'avez demandé, c'est fait",
    read_more: "En savoir plus",
    close: "Fermer",
};

impl NoticeTexts {
    /// The texts of `locale`: English and French for now (the lazy module
    /// carries these two; the other languages' headings, in `texts/`, are
    /// not wired to the notice yet), English for the others.
    pub fn of(locale: Locale) -> &'static Self {
        match locale {
            Locale::Fr => &FR,
            _ => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_names_the_notice_and_its_close_button() {
        assert_eq!(NoticeTexts::of(Locale::En).close, "Close");
        assert_eq!(NoticeTexts::of(Locale::Fr).close, "Fermer");
        assert_eq!(
            NoticeTexts::of(Locale::Fr).heading,
            "Vous l'avez demandé, c'est fait"
        );
        for t in [NoticeTexts::of(Locale::En), NoticeTexts::of(Locale::Fr)] {
            assert!(!t.heading.is_empty() && !t.read_more.is_empty());
        }
    }
}

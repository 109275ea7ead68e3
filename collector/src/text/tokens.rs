//! From a comment to its content words: Unicode word boundaries (UAX #29),
//! elisions split (`l'export` → `export`), case and accents folded, stop
//! words dropped (Snowball's lists for French and English, through the
//! `stop-words` crate), the rest stemmed with Snowball for the answer's
//! language. A comment is only ever read as text: markup is a few more
//! punctuation marks and words, never interpreted.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The language a comment is stemmed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// French.
    Fr,
    /// English, and the fallback for every other language.
    En,
}

impl Lang {
    /// The BCP 47 primary tag (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

/// One content word as written and as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded Snowball stem: what is counted (`lent`, `lente`, `lents`
    /// → `lent`).
    pub stem: String,
    /// The word as written, lower-cased (accents kept): what is shown.
    pub surface: String,
}

/// Lower case, accents and other combining marks removed (`Éte` → `ete`).
pub fn fold(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

/// The stop words of both languages, folded: a word dropped in one is
/// dropped in both, since short comments often mix them.
fn stop_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        ["en", "fr"]
            .iter()
            .filter_map(|code| stop_words::lookup(code))
            .flat_map(|list| list.iter())
            .flat_map(|w| w.split(['\'', '\u{2019}']).map(fold).collect::<Vec<_>>())
            .collect()
    })
}

/// Whether a folded word is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    stop_words().contains(folded)
}

/// Which language to stem in: the answer's locale when it is French or
/// English, else the one whose stop words the comment uses more (ties and
/// other languages: English).
pub fn language(locale: Option<&str>, comment: &str) -> Lang {
    let primary = locale
        .and_then(|l| l.split(['-', '_']).next())
        .map(str::to_ascii_lowercase);
    match primary.as_deref() {
        Some("fr") => return Lang::Fr,
        Some("en") => return Lang::En,
        _ => {}
    }
    let count = |code: &str| {
        let list: HashSet<String> = stop_words::lookup(code)
            .unwrap_or_default()
            .iter()
            .map(|w| fold(w))
            .collect();
        words(comment).filter(|w| list.contains(&fold(w))).count()
    };
    if count("fr") > count("en") {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// The words of a text, elisions split at their apostrophe.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
        .flat_map(|w| w.split(['\'', '\u{2019}']))
        .filter(|w| !w.is_empty())
}

fn stemmer(lang: Lang) -> &'static Stemmer {
    static FR: OnceLock<Stemmer> = OnceLock::new();
    static EN: OnceLock<Stemmer> = OnceLock::new();
    match lang {
        Lang::Fr => FR.get_or_init(|| Stemmer::create(Algorithm::French)),
        Lang::En => EN.get_or_init(|| Stemmer::create(Algorithm::English)),
    }
}

/// Whether a word is worth counting: two letters or more and not a number.
fn is_content(folded: &str) -> bool {
    folded.chars().count() >= 2 && folded.chars().any(char::is_alphabetic)
}

/// The comment's runs of consecutive content words: a stop word or a
/// punctuation mark ends a run, so phrases never span them.
pub fn runs(comment: &str, lang: Lang) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut run: Vec<Token> = Vec::new();
    for segment in comment.split_word_bounds() {
        if segment.chars().all(char::is_whitespace) {
            continue;
        }
        if !segment.chars().any(char::is_alphanumeric) {
            out.extend((!run.is_empty()).then(|| std::mem::take(&mut run)));
            continue;
        }
        for part in segment.split(['\'', '\u{2019}']) {
            let folded = fold(part);
            if part.is_empty() || is_stop_word(&folded) || !is_content(&folded) {
                out.extend((!run.is_empty()).then(|| std::mem::take(&mut run)));
                continue;
            }
            let surface = part.to_lowercase();
            let stem = fold(&stemmer(lang).stem(&surface));
            run.push(Token { stem, surface });
        }
    }
    out.extend((!run.is_empty()).then_some(run));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(comment: &str, lang: Lang) -> Vec<Vec<String>> {
        runs(comment, lang)
            .into_iter()
            .map(|r| r.into_iter().map(|t| t.stem).collect())
            .collect()
    }

    #[test]
    fn french_inflections_share_a_stem() {
        let one = |w: &str| stems(w, Lang::Fr)[0][0].clone();
        assert_eq!(one("lent"), one("lente"), "lent/lente");
        assert_eq!(one("lent"), one("lents"), "lent/lents");
        assert_eq!(one("lentes"), one("lent"), "lentes");
        assert_eq!(one("exporter"), one("exports"), "verb and plural noun");
    }

    #[test]
    fn english_inflections_share_a_stem() {
        let one = |w: &str| stems(w, Lang::En)[0][0].clone();
        assert_eq!(one("exports"), one("export"));
        assert_eq!(one("exporting"), one("exported"));
        assert_eq!(one("crashes"), one("crash"));
    }

    #[test]
    fn case_and_accents_are_folded_and_elisions_split() {
        assert_eq!(stems("L'Été", Lang::Fr), stems("l’ete", Lang::Fr));
        assert_eq!(stems("L'export est LENT", Lang::Fr), [["export"], ["lent"]]);
        let t = &runs("Très réactif", Lang::Fr)[0];
        assert_eq!(t[1].surface, "réactif", "the surface keeps its accents");
        assert!(!t[1].stem.contains('é'), "the stem does not");
    }

    #[test]
    fn stop_words_and_punctuation_end_phrases() {
        assert_eq!(
            stems("The export is slow, really slow export", Lang::En),
            [
                vec!["export"],
                vec!["slow"],
                vec!["realli", "slow", "export"]
            ]
        );
        assert!(stems("it is what it is", Lang::En).is_empty());
        assert!(stems("c'est pour moi et vous", Lang::Fr).is_empty());
    }

    #[test]
    fn markup_is_inert_text() {
        let r = runs("<script>alert('x')</script><b>export</b>", Lang::En);
        for t in r.iter().flatten() {
            assert!(t.surface.chars().all(char::is_alphanumeric), "{t:?}");
        }
    }

    #[test]
    fn the_language_comes_from_the_locale_or_the_stop_words() {
        assert_eq!(language(Some("fr-CA"), "the export"), Lang::Fr);
        assert_eq!(language(Some("en"), "le prix"), Lang::En);
        assert_eq!(language(None, "le prix est trop élevé pour nous"), Lang::Fr);
        assert_eq!(language(Some("de"), "the price is too high"), Lang::En);
    }
}

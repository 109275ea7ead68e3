//! A verbatim search (`q`) reduced to its words. What a person types is
//! text, never query syntax: quotes, `*`, `-`, `:`, brackets and words such
//! as `OR` or `NEAR` mean something to SQLite FTS5 and to PostgreSQL's
//! `tsquery`, so only runs of letters and digits survive, and each store
//! writes them into its own syntax quoted.

/// Words beyond this many are dropped: each one only narrows the result,
/// and every word is one more index lookup.
const MAX_WORDS: usize = 16;

/// The words a comment must contain, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search(Vec<String>);

impl Search {
    /// The words of `q`, split at every character that is neither a letter
    /// nor a digit (as both full-text tokenisers split comments), or `None`
    /// when there is no word at all: a search for `"?!"` filters nothing,
    /// like an empty one.
    pub fn parse(q: &str) -> Option<Self> {
        let words: Vec<String> = q
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(MAX_WORDS)
            .map(str::to_owned)
            .collect();
        (!words.is_empty()).then_some(Self(words))
    }

    /// The words, each with whether it also matches longer words it begins.
    pub fn terms(&self) -> impl Iterator<Item = (&str, bool)> {
        self.0.iter().map(|w| (w.as_str(), is_prefix(w)))
    }
}

/// People type the start of a word ("expor" for "export"), so a word of two
/// characters or more also matches the words it begins. A single character
/// matches only itself: as a prefix it would match most comments (and cost
/// a merge of most of the index), while the `l` of "l'export" still finds it.
fn is_prefix(word: &str) -> bool {
    word.chars().nth(1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(String, bool)> {
        Search::parse(q)
            .map(|s| s.terms().map(|(w, p)| (w.to_owned(), p)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn syntax_characters_split_words_and_vanish() {
        for (q, expected) in [
            ("\"export\" OR (csv*)", vec!["export", "OR", "csv"]),
            ("-slow NEAR:fast", vec!["slow", "NEAR", "fast"]),
            ("l’export a-t-il", vec!["l", "export", "a", "t", "il"]),
            ("Été 2024", vec!["Été", "2024"]),
        ] {
            let words: Vec<String> = terms(q).into_iter().map(|(w, _)| w).collect();
            assert_eq!(words, expected, "{q}");
        }
    }

    #[test]
    fn a_search_without_words_is_no_search() {
        for q in ["", "   ", "\"*()-:^", "''"] {
            assert_eq!(Search::parse(q), None, "{q:?}");
        }
    }

    #[test]
    fn single_characters_match_whole_words_only() {
        assert_eq!(
            terms("l export"),
            vec![("l".to_owned(), false), ("export".to_owned(), true)]
        );
        assert_eq!(terms("é"), vec![("é".to_owned(), false)]);
        assert_eq!(terms("ét"), vec![("ét".to_owned(), true)]);
    }

    #[test]
    fn words_beyond_the_limit_are_dropped() {
        let q = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(terms(&q).len(), MAX_WORDS);
    }
}

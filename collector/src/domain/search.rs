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

    /// The words, each with whether it also matches longer words it begins:
    /// only the last one does (see [`is_prefix`]).
    pub fn terms(&self) -> impl Iterator<Item = (&str, bool)> {
        let last = self.0.len() - 1;
        self.0
            .iter()
            .enumerate()
            .map(move |(i, w)| (w.as_str(), i == last && is_prefix(w)))
    }
}

/// People type the start of the word they are typing ("csv expor" on the
/// way to "csv export"), so the last word, of two characters or more, also
/// matches the words it begins; the words before it were finished and match
/// whole, as in most search boxes (Algolia's default, `prefixLast`). Why not
/// every word: a prefix longer than the indexed ones (2 and 3 characters)
/// makes the index merge the lists of every word it begins before reading
/// one match, 60-120 ms for a word in most of 10M comments, where a whole
/// word is read lazily, newest first. A single character matches only
/// itself: as a prefix it would match most comments, while the `l` of
/// "l'export" still finds it.
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
    fn only_the_last_word_is_a_beginning() {
        assert_eq!(
            terms("csv expor"),
            vec![("csv".to_owned(), false), ("expor".to_owned(), true)]
        );
        assert_eq!(terms("expor"), vec![("expor".to_owned(), true)]);
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

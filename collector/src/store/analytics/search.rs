//! A [`Search`] written in each backend's full-text syntax, and the
//! condition each backend's queries add with it. Both say the
//! same thing: every word as a whole word, the last one (two characters or
//! more) also as the start of one; the tokeniser of each index folds case
//! and accents.
//!
//! The words hold only letters and digits (see [`Search::parse`]), and are
//! quoted all the same: a word such as `OR` or `NEAR` is an operator to
//! FTS5 unless it is a string.

use sqlx::{Postgres, QueryBuilder, Sqlite};

use crate::domain::Search;

/// ` AND search_key IN (…)`: SQLite's condition, through the FTS5 index
/// `responses_search` (migrations 0012 and 0015), whose rowids are the
/// responses' `search_key`s.
pub(crate) fn push_fts5_condition(b: &mut QueryBuilder<'_, Sqlite>, search: &Search) {
    b.push(" AND search_key IN (SELECT rowid FROM responses_search WHERE responses_search MATCH ")
        .push_bind(fts5_match(search))
        .push(")");
}

/// ` nps_search_vector(comment) @@ …`: whether a comment matches `search`
/// on PostgreSQL, spelt as the GIN index's expression (migrations 0012,
/// 0017) so the planner can use the index.
pub(crate) fn push_matches(b: &mut QueryBuilder<'_, Postgres>, search: &Search) {
    b.push("nps_search_vector(comment) @@ to_tsquery('simple', nps_search_fold(")
        .push_bind(tsquery(search))
        .push("))");
}

/// The FTS5 `MATCH` expression: `"word"* "w"`, terms separated by spaces
/// (FTS5's implicit AND), each an FTS5 string with `"` doubled.
pub(crate) fn fts5_match(search: &Search) -> String {
    let mut out = String::new();
    for (word, prefix) in search.terms() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('"');
        out.push_str(&word.replace('"', "\"\""));
        out.push('"');
        if prefix {
            out.push('*');
        }
    }
    out
}

/// The `to_tsquery` text: `'word':* & 'w'`, each lexeme quoted with `'`
/// and `\` escaped as the tsquery syntax wants.
fn tsquery(search: &Search) -> String {
    let mut out = String::new();
    for (word, prefix) in search.terms() {
        if !out.is_empty() {
            out.push_str(" & ");
        }
        out.push('\'');
        for c in word.chars() {
            if matches!(c, '\'' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('\'');
        if prefix {
            out.push_str(":*");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(q: &str) -> Search {
        Search::parse(q).expect("words")
    }

    #[test]
    fn fts5_terms_are_quoted_strings_and_prefixes() {
        assert_eq!(
            fts5_match(&search("l'EXPOR OR \"csv\"*")),
            "\"l\" \"EXPOR\" \"OR\" \"csv\"*"
        );
    }

    #[test]
    fn tsquery_terms_are_quoted_lexemes_and_prefixes() {
        assert_eq!(
            tsquery(&search("l'expor & !csv:*")),
            "'l' & 'expor' & 'csv':*"
        );
    }
}

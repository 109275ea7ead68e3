//! Themes in a set of comments, without a model: greedy coverage by the
//! words that most answers share, each theme with the words that occur
//! with it more than chance says they should.
//!
//! 1. Every comment becomes the set of its content words' stems
//!    ([`super::tokens`]).
//! 2. A word needs a minimum support ([`min_support`]): 5 answers and 1%
//!    of the commented answers.
//! 3. The theme chosen next is the word found in the most answers not yet
//!    in a theme (ties: more answers in all, then the stem), as long as
//!    those alone reach the support. Its answers are every answer with
//!    that word, so themes may overlap (a comment about price and export
//!    counts in both).
//! 4. Its companions are the words mostly said with it (60% of their
//!    answers), whose co-occurrence is significant (log-likelihood G² of
//!    the 2×2 table against independence, 95%): "lent" and "slow" beside
//!    "export". They describe the theme; they do not widen it.
//! 5. The label is the phrase of two or three consecutive words, as
//!    written, that most often holds the word and its closest companion,
//!    else the two words, else the word: never a bare stem.
//!
//! Everything is ordered by counts then by text, so the same comments
//! always give the same themes; a theme's id hashes its word's stem, so it
//! stays the same while the data around it changes.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::tokens::{language, runs, Lang, Token};

/// Most themes returned.
pub const MAX_THEMES: usize = 20;
/// Most companions listed per theme.
const MAX_COMPANIONS: usize = 4;
/// A companion is said with the theme's word in at least this share of
/// its answers.
const COMPANION_SHARE: f64 = 0.6;
/// χ²(1) at 95%: the G² a co-occurrence must reach.
const G2_95: f64 = 3.841;

/// A comment, analysed.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The language it was stemmed in.
    pub lang: Lang,
    /// Its runs of consecutive content words.
    pub runs: Vec<Vec<Token>>,
    /// Its distinct stems.
    pub stems: BTreeSet<String>,
}

impl Doc {
    /// Analyses a comment in its answer's locale.
    pub fn new(comment: &str, locale: Option<&str>) -> Self {
        let lang = language(locale, comment);
        let runs = runs(comment, lang);
        let stems = runs.iter().flatten().map(|t| t.stem.clone()).collect();
        Self { lang, runs, stems }
    }
}

/// A theme found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Stable id: a hash of its word's stem.
    pub id: String,
    /// Its word's stem: an answer is in the theme when it has it.
    pub stem: String,
    /// What to call it, as written in the comments.
    pub label: String,
    /// Its word and companions as most often written, word first.
    pub terms: Vec<String>,
    /// Every way its word was written, most frequent first (for a tag
    /// rule's keywords), at most ten.
    pub forms: Vec<String>,
    /// Languages of its answers (`en`, `fr`).
    pub locales: Vec<String>,
    /// Indices of its answers in the input, ascending.
    pub members: Vec<usize>,
}

/// The fewest answers a theme needs among `n` commented ones.
pub fn min_support(n: usize) -> usize {
    5.max(n.div_ceil(100))
}

/// The stable id of a theme of this stem.
pub fn theme_id(stem: &str) -> String {
    let digest = Sha256::digest(format!("theme:{stem}").as_bytes());
    format!("t{}", &hex::encode(digest)[..12])
}

/// Log-likelihood ratio G² of a 2×2 contingency table.
fn g2(both: usize, a: usize, b: usize, n: usize) -> f64 {
    let cells = [
        (both, a, b),
        (a - both, a, n - b),
        (b - both, n - a, b),
        (n + both - a - b, n - a, n - b),
    ];
    2.0 * cells
        .iter()
        .filter(|(k, _, _)| *k > 0)
        .map(|&(k, row, col)| {
            let expected = row as f64 * col as f64 / n as f64;
            k as f64 * (k as f64 / expected).ln()
        })
        .sum::<f64>()
}

/// Most frequent first, ties by text.
fn ranked(counts: BTreeMap<String, usize>) -> Vec<String> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(s, _)| s).collect()
}

/// Ways a stem was written across these answers.
fn surfaces(docs: &[Doc], members: &[usize], stem: &str) -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in members.iter().flat_map(|i| docs[*i].runs.iter().flatten()) {
        if t.stem == stem {
            *counts.entry(t.surface.clone()).or_default() += 1;
        }
    }
    ranked(counts)
}

/// Finds the themes of `docs`.
pub fn find(docs: &[Doc]) -> Vec<Found> {
    let n = docs.len();
    let support = min_support(n);
    let mut by_stem: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for s in &d.stems {
            by_stem.entry(s.as_str()).or_default().push(i);
        }
    }
    by_stem.retain(|_, members| members.len() >= support);
    let mut covered = vec![false; n];
    let mut found = Vec::new();
    while found.len() < MAX_THEMES {
        let best = by_stem
            .iter()
            .map(|(s, m)| (m.iter().filter(|i| !covered[**i]).count(), m.len(), *s))
            .filter(|(fresh, _, _)| *fresh >= support)
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(a.2)));
        let Some((_, _, stem)) = best else { break };
        let members = by_stem.remove(stem).unwrap_or_default();
        for i in &members {
            covered[*i] = true;
        }
        found.push(theme(docs, stem, members, &by_stem));
    }
    found
}

/// The theme of `stem`, with its companions among `others`.
fn theme(
    docs: &[Doc],
    stem: &str,
    members: Vec<usize>,
    others: &BTreeMap<&str, Vec<usize>>,
) -> Found {
    let n = docs.len();
    let mut with: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &members {
        for s in &docs[*i].stems {
            if others.contains_key(s.as_str()) {
                *with.entry(s.as_str()).or_default() += 1;
            }
        }
    }
    let mut companions: Vec<(usize, &str)> = with
        .into_iter()
        .filter(|(s, both)| {
            let df = others[s].len();
            *both as f64 >= COMPANION_SHARE * df as f64
                && *both * n > df * members.len()
                && g2(*both, members.len(), df, n) >= G2_95
        })
        .map(|(s, both)| (both, s))
        .collect();
    companions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    companions.truncate(MAX_COMPANIONS);
    let forms = surfaces(docs, &members, stem);
    let mut terms = vec![forms.first().cloned().unwrap_or_else(|| stem.to_owned())];
    for (_, c) in &companions {
        if let Some(t) = surfaces(docs, &members, c).into_iter().next() {
            terms.extend((!terms.contains(&t)).then_some(t));
        }
    }
    // The label pairs the word with its closest companion only: a phrase
    // with a rarer one ("export csv") says less about the theme.
    let closest: BTreeSet<&str> = companions.iter().take(1).map(|(_, s)| *s).collect();
    let label = label(docs, &members, stem, &closest, &terms);
    let locales: BTreeSet<&str> = members.iter().map(|i| docs[*i].lang.code()).collect();
    Found {
        id: theme_id(stem),
        stem: stem.to_owned(),
        label,
        terms,
        forms: forms.into_iter().take(10).collect(),
        locales: locales.into_iter().map(str::to_owned).collect(),
        members,
    }
}

/// The most frequent written phrase (2–3 consecutive words, shorter
/// first on a tie) holding the stem and its closest companion, when one
/// is seen twice; else the word then that companion in their usual
/// order; else the word.
fn label(
    docs: &[Doc],
    members: &[usize],
    stem: &str,
    companions: &BTreeSet<&str>,
    terms: &[String],
) -> String {
    let mut phrases: BTreeMap<String, usize> = BTreeMap::new();
    let mut companion_first = 0i64;
    for i in members {
        let words: Vec<&Token> = docs[*i].runs.iter().flatten().collect();
        if let (Some(word), Some(other)) = (
            words.iter().position(|t| t.stem == stem),
            words
                .iter()
                .position(|t| companions.contains(t.stem.as_str())),
        ) {
            companion_first += if other < word { 1 } else { -1 };
        }
    }
    for run in members.iter().flat_map(|i| docs[*i].runs.iter()) {
        for len in 2..=3 {
            for w in run.windows(len) {
                let has = |s: &str| w.iter().any(|t| t.stem == s);
                if has(stem) && companions.iter().any(|c| has(c)) {
                    let text: Vec<&str> = w.iter().map(|t| t.surface.as_str()).collect();
                    *phrases.entry(text.join(" ")).or_default() += 1;
                }
            }
        }
    }
    let best = phrases
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| b.0.len().cmp(&a.0.len()))
                .then_with(|| b.0.cmp(a.0))
        })
        .filter(|(_, count)| **count >= 2);
    match (best, terms) {
        (Some((phrase, _)), _) => phrase.clone(),
        (None, [word, first, ..]) if companion_first > 0 => format!("{first} {word}"),
        (None, [word, first, ..]) => format!("{word} {first}"),
        (None, [word]) => word.clone(),
        (None, []) => stem.to_owned(),
    }
}

//! The theme finder on planted comments, and its properties.

use proptest::prelude::*;

use super::tokens::is_stop_word;
use super::*;

/// 20 French and 15 English comments on slow exports, 12 French on price,
/// 10 English on support, and 40 varied others.
fn planted() -> Vec<(String, &'static str)> {
    let mut c: Vec<(String, &'static str)> = Vec::new();
    let fr_slow = [
        "L'export est très lent",
        "Export trop lent",
        "l'export CSV est lent",
        "Les exports sont lents",
    ];
    let en_slow = [
        "The export is so slow",
        "Slow export",
        "export is slow again",
    ];
    for i in 0..20 {
        c.push((format!("{} ({i})", fr_slow[i % fr_slow.len()]), "fr"));
    }
    for i in 0..15 {
        c.push((en_slow[i % en_slow.len()].to_owned(), "en"));
    }
    for i in 0..12 {
        let t = [
            "Le prix est élevé",
            "Prix trop élevé pour nous",
            "le prix a doublé",
        ][i % 3];
        c.push((t.to_owned(), "fr"));
    }
    for i in 0..10 {
        let t = [
            "Great support team",
            "Support answered fast",
            "support was helpful",
        ][i % 3];
        c.push((t.to_owned(), "en"));
    }
    for i in 0..40 {
        c.push((format!("misc{i} word{i} item{i}"), "en"));
    }
    c
}

fn docs(comments: &[(String, &str)]) -> Vec<Doc> {
    comments.iter().map(|(t, l)| Doc::new(t, Some(l))).collect()
}

fn by_stem<'a>(found: &'a [Found], stem: &str) -> &'a Found {
    found
        .iter()
        .find(|t| t.stem == stem)
        .unwrap_or_else(|| panic!("a theme of {stem} in {found:#?}"))
}

#[test]
fn planted_themes_are_found_with_their_counts_and_languages() {
    let found = find(&docs(&planted()));
    let export = by_stem(&found, "export");
    assert_eq!(export.members.len(), 35, "French and English exports");
    assert_eq!(export.locales, ["en", "fr"]);
    assert!(export.terms.contains(&"lent".to_owned()) || export.terms.contains(&"slow".to_owned()));
    assert!(export.label.contains("export"), "{}", export.label);
    assert_eq!(by_stem(&found, "prix").members.len(), 12);
    assert_eq!(by_stem(&found, "support").members.len(), 10);
    assert_eq!(found[0].stem, "export", "most answers first");
}

#[test]
fn labels_are_written_words_never_bare_stems() {
    let found = find(&docs(&planted()));
    let all_text: String = planted()
        .iter()
        .map(|(t, _)| t.to_lowercase() + " ")
        .collect();
    for t in &found {
        for word in t.label.split(' ') {
            assert!(
                all_text.contains(word),
                "{word} of {:?} is written somewhere",
                t.label
            );
        }
    }
    let support = by_stem(&found, "support");
    assert_eq!(support.forms, ["support"]);
}

#[test]
fn too_few_answers_make_no_theme() {
    let few: Vec<(String, &str)> = (0..4).map(|_| ("export lent".to_owned(), "fr")).collect();
    assert!(
        find(&docs(&few)).is_empty(),
        "4 answers are below the support of 5"
    );
    assert_eq!(min_support(100), 5);
    assert_eq!(min_support(1_000), 10);
    assert_eq!(min_support(1_001), 11);
}

#[test]
fn ids_hash_the_stem_and_do_not_depend_on_order() {
    let mut comments = planted();
    let a = find(&docs(&comments));
    comments.reverse();
    let b = find(&docs(&comments));
    let ids = |f: &[Found]| {
        f.iter()
            .map(|t| (t.id.clone(), t.members.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(by_stem(&a, "export").id, theme_id("export"));
    assert_ne!(theme_id("export"), theme_id("prix"));
}

#[test]
fn markup_in_a_comment_stays_text() {
    let c: Vec<(String, &str)> = (0..6)
        .map(|i| {
            (
                format!("<script>alert({i})</script> <b>export</b> slow"),
                "en",
            )
        })
        .collect();
    for t in find(&docs(&c)) {
        assert!(
            !t.label.contains('<') && !t.label.contains('>'),
            "{}",
            t.label
        );
        assert!(t.terms.iter().all(|w| w.chars().all(char::is_alphanumeric)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Same input, same output; no theme of stop words only; every
    /// member has the theme's stem; support respected.
    #[test]
    fn themes_are_deterministic_and_well_formed(
        picks in proptest::collection::vec((0usize..12, 0usize..12, 0usize..12, any::<bool>()), 0..120)
    ) {
        const WORDS: [&str; 12] = ["the", "export", "est", "slow", "lent", "prix", "and", "très", "support", "le", "is", "bug"];
        let comments: Vec<(String, &str)> = picks
            .iter()
            .map(|(a, b, c, fr)| (format!("{} {} {}", WORDS[*a], WORDS[*b], WORDS[*c]), if *fr { "fr" } else { "en" }))
            .collect();
        let d = docs(&comments);
        let found = find(&d);
        prop_assert_eq!(&found, &find(&d));
        for t in &found {
            prop_assert!(!is_stop_word(&fold(&t.label)), "{}", t.label);
            prop_assert!(t.members.len() >= min_support(d.len()));
            prop_assert!(t.members.iter().all(|i| d[*i].stems.contains(&t.stem)));
        }
    }
}

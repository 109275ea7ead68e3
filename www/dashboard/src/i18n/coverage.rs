//! Nothing left in English by mistake: every language's tables differ
//! from the English ones in every field, except the words listed in
//! [`SAME_AS_ENGLISH`] that the language really writes as English does.

use super::Lang;

/// Fields each language writes as English does, on purpose: names of
/// products and standards, and words the language shares with English.
const SAME_AS_ENGLISH: &[(&str, &[&str])] = &[
    // Names: the method, the webhook standard, the chat app.
    ("*", &["nps", "format_standard", "format_slack"]),
    (
        "fr",
        &[
            "segments",
            "segments_title",
            "moment",
            "by_moment",
            "trait_name",
            "by_trait",
            "question",
            "version",
            "actions",
            "position",
            "format",
            "webhooks",
            "impact",
            "note",
            "moments",
            "verdict",
        ],
    ),
    (
        "de",
        &[
            "moment",
            "by_moment",
            "status",
            "version",
            "position",
            "webhooks",
            "format",
            "title",
            "experiment",
        ],
    ),
    ("es", &["no", "provisional", "webhooks", "control"]),
    (
        "it",
        &["no", "follow_up", "follow_up_title", "password", "followup"],
    ),
    ("pt", &["webhooks"]),
    (
        "nl",
        &[
            "timing",
            "timing_title",
            "filters",
            "moment",
            "by_moment",
            "score",
            "week",
            "status",
            "status_open",
            "project",
            "webhooks",
            "impact",
            "significant",
            "passives",
            "experiment",
            "variant",
        ],
    ),
    ("ar", &[]),
];

/// `name: "value"` pairs of a table's `{:#?}`.
fn fields(debug: &str) -> Vec<(String, String)> {
    debug
        .lines()
        .filter_map(|line| line.trim().split_once(": "))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// The fields of `table` equal to English's that no allow-list excuses.
fn untranslated(lang: Lang, table: &str, english: &str) -> Vec<String> {
    let allowed = |field: &str| {
        SAME_AS_ENGLISH
            .iter()
            .filter(|(code, _)| *code == "*" || *code == lang.code())
            .any(|(_, fields)| fields.contains(&field))
    };
    fields(table)
        .into_iter()
        .zip(fields(english))
        .filter(|((name, value), (_, en))| value == en && !allowed(name))
        .map(|((name, _), _)| name)
        .collect()
}

#[test]
fn every_field_of_every_language_is_translated() {
    let en = Lang::En;
    let tables = |l: Lang| {
        [
            format!("{:#?}", l.t()),
            format!("{:#?}", l.th()),
            format!("{:#?}", l.person()),
            format!("{:#?}", l.xp()),
            format!("{:#?}", l.asking()),
        ]
    };
    let english = tables(en);
    assert!(
        fields(&english[0]).len() > 250,
        "the parser reads the table"
    );
    for lang in Lang::ALL.into_iter().filter(|l| *l != en) {
        for (table, english) in tables(lang).iter().zip(&english) {
            let left = untranslated(lang, table, english);
            assert!(left.is_empty(), "{lang:?} leaves {left:?} in English");
        }
    }
}

#[test]
fn the_allow_list_names_only_fields_that_are_the_same() {
    // A listed field that a language now translates is a stale excuse.
    for (code, names) in SAME_AS_ENGLISH.iter().filter(|(c, _)| *c != "*") {
        let lang = Lang::from_code(code).expect("a language of the menu");
        let same: Vec<String> = [
            (format!("{:#?}", lang.t()), format!("{:#?}", Lang::En.t())),
            (format!("{:#?}", lang.th()), format!("{:#?}", Lang::En.th())),
            (
                format!("{:#?}", lang.person()),
                format!("{:#?}", Lang::En.person()),
            ),
            (format!("{:#?}", lang.xp()), format!("{:#?}", Lang::En.xp())),
            (
                format!("{:#?}", lang.asking()),
                format!("{:#?}", Lang::En.asking()),
            ),
        ]
        .iter()
        .flat_map(|(t, e)| {
            fields(t)
                .into_iter()
                .zip(fields(e))
                .filter(|((_, v), (_, ev))| v == ev)
                .map(|((n, _), _)| n)
        })
        .collect();
        for name in *names {
            assert!(same.iter().any(|s| s == name), "{code}: {name} differs now");
        }
    }
}

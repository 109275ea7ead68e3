//! Checks every language file against English: every key present (the
//! struct makes a missing one a compile error; these check that none is
//! empty or left in English), the names the contract fixes, the digits.

use nps_protocol::Locale;

use crate::i18n::Texts;

fn entries(t: &Texts) -> [(&'static str, &'static str); 14] {
    t.entries()
}

/// Strings a language may share with English, each reviewed: (language,
/// key). Empty today; a loanword used as is would go here.
const SAME_AS_ENGLISH: &[(Locale, &str)] = &[];

#[test]
fn every_language_has_every_key_and_none_is_empty() {
    for locale in Locale::ALL {
        for (key, text) in entries(Texts::of(locale)) {
            assert!(!text.trim().is_empty(), "{locale:?}: {key} is empty");
            assert_eq!(text, text.trim(), "{locale:?}: {key} has stray spaces");
        }
    }
}

#[test]
fn no_string_is_left_in_english_unless_reviewed() {
    let english = entries(Texts::of(Locale::En));
    for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        for ((key, text), (_, en)) in entries(Texts::of(locale)).into_iter().zip(english) {
            let allowed = SAME_AS_ENGLISH.contains(&(locale, key));
            assert!(
                text != en || allowed,
                "{locale:?}: {key} is still English: {text:?}"
            );
        }
    }
}

#[test]
fn the_buttons_carry_each_language_usual_names() {
    let cases = [
        (Locale::En, "Send", "Close"),
        (Locale::Fr, "Envoyer", "Fermer"),
        (Locale::De, "Senden", "Schließen"),
        (Locale::Es, "Enviar", "Cerrar"),
        (Locale::It, "Invia", "Chiudi"),
        (Locale::Pt, "Enviar", "Fechar"),
        (Locale::PtBr, "Enviar", "Fechar"),
        (Locale::Nl, "Verzenden", "Sluiten"),
        (Locale::Ar, "إرسال", "إغلاق"),
    ];
    for (locale, send, close) in cases {
        let t = Texts::of(locale);
        assert_eq!((t.send, t.close), (send, close), "{locale:?}");
    }
}

#[test]
fn brazil_differs_from_portugal_where_their_usage_does() {
    let (pt, br) = (Texts::of(Locale::Pt), Texts::of(Locale::PtBr));
    assert!(br.question.contains("você"), "Brazil addresses with você");
    assert!(!pt.question.contains("você"), "Portugal does not");
    assert!(pt.failed.contains("registar") && br.failed.contains("registrar"));
}

#[test]
fn a_table_read_back_by_key_is_the_same_table() {
    for locale in Locale::ALL {
        let t = Texts::of(locale);
        let read = Texts::from_lookup(|k| {
            t.entries()
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
        .expect("every key");
        assert_eq!(read.entries(), t.entries(), "{locale:?}");
    }
    assert!(
        Texts::from_lookup(|k| (k != "send").then(|| "x".to_owned())).is_none(),
        "a missing key"
    );
}

#[test]
fn a_registered_language_is_used_and_an_unknown_one_falls_back_to_english() {
    // Natively every table is compiled in, so registering changes nothing.
    super::register(
        Locale::De,
        Texts::from_lookup(|_| Some("x".to_owned())).unwrap(),
    );
    assert_eq!(Texts::of(Locale::De).send, "Senden");
    assert_eq!(Texts::of(Locale::En).send, "Send");
}

#[test]
fn numbers_stay_in_western_digits() {
    // The scale shows 0–10 in Western digits in every language, Arabic
    // included, so the passive follow-up's "10" must match it.
    for locale in Locale::ALL {
        let t = Texts::of(locale);
        assert!(t.follow_up_passive.contains("10"), "{locale:?}");
        for (key, text) in entries(t) {
            let eastern = text.chars().any(|c| {
                ('\u{660}'..='\u{669}').contains(&c) || ('\u{6f0}'..='\u{6f9}').contains(&c)
            });
            assert!(!eastern, "{locale:?}: {key} has Arabic-Indic digits");
        }
    }
}

#[test]
fn arabic_is_written_in_arabic_script() {
    for (key, text) in entries(Texts::of(Locale::Ar)) {
        assert!(
            !text.chars().any(|c| c.is_ascii_alphabetic()),
            "Arabic {key} holds Latin letters: {text:?}"
        );
    }
}

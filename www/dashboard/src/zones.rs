//! The project's time zone as the settings form offers it: the names to
//! suggest, what a typed name becomes, and the sentences about it. The
//! collector is the judge of a name (422 `invalid_timezone`); this only
//! trims and suggests.

use crate::i18n::Lang;

/// Suggested when the browser cannot list its zones
/// (`Intl.supportedValuesOf` is from 2022): the most common ones.
const COMMON: [&str; 28] = [
    "UTC",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Toronto",
    "Asia/Dubai",
    "Asia/Hong_Kong",
    "Asia/Kolkata",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Amsterdam",
    "Europe/Berlin",
    "Europe/Istanbul",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Moscow",
    "Europe/Paris",
    "Europe/Rome",
    "Pacific/Auckland",
];

/// The names to suggest: the browser's list (or the common ones), with
/// UTC, the zone in use and the browser's own always among them, sorted,
/// once each.
pub(crate) fn choices(supported: Vec<String>, extra: &[&str]) -> Vec<String> {
    let mut all = if supported.is_empty() {
        COMMON.iter().map(|z| (*z).to_owned()).collect()
    } else {
        supported
    };
    // Chromium's list leaves out UTC, the default.
    all.extend(
        std::iter::once("UTC")
            .chain(extra.iter().copied())
            .filter(|z| !z.trim().is_empty())
            .map(str::to_owned),
    );
    all.sort();
    all.dedup();
    all
}

/// A typed name, trimmed; `None` when nothing was typed.
pub(crate) fn typed(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|z| !z.is_empty())
}

/// Why the collector refused `name` (422 `invalid_timezone`), in words.
pub(crate) fn invalid(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "“{name}” is not a time zone the collector knows. Pick one from the list, such as Europe/Paris."
        ),
        Lang::Fr => format!(
            "« {name} » n’est pas un fuseau horaire connu du collecteur. Choisissez-en un dans la liste, par exemple Europe/Paris."
        ),
        Lang::De => format!(
            "„{name}“ ist keine Zeitzone, die der Collector kennt. Wählen Sie eine aus der Liste, etwa Europe/Berlin."
        ),
        Lang::Es => format!(
            "«{name}» no es una zona horaria que conozca el colector. Elige una de la lista, como Europe/Madrid."
        ),
        Lang::It => format!(
            "«{name}» non è un fuso orario noto al collector. Scegline uno dall’elenco, ad esempio Europe/Rome."
        ),
        Lang::Pt => format!(
            "«{name}» não é um fuso horário que o coletor conheça. Escolha um da lista, como Europe/Lisbon."
        ),
        Lang::Nl => format!(
            "‘{name}’ is geen tijdzone die de collector kent. Kies er een uit de lijst, zoals Europe/Amsterdam."
        ),
        Lang::Ar => format!(
            "«{name}» ليست منطقة زمنية يعرفها المُجمِّع. اختر واحدة من القائمة، مثل Asia/Dubai."
        ),
    }
}

/// The filter bar's note on what its dates mean.
pub(crate) fn days_in(lang: Lang, zone: &str) -> String {
    match lang {
        Lang::En => format!("Days are counted in the project’s time zone, {zone}."),
        Lang::Fr => format!("Les jours sont comptés dans le fuseau horaire du projet, {zone}."),
        Lang::De => format!("Tage werden in der Zeitzone des Projekts gezählt, {zone}."),
        Lang::Es => format!("Los días se cuentan en la zona horaria del proyecto, {zone}."),
        Lang::It => format!("I giorni sono contati nel fuso orario del progetto, {zone}."),
        Lang::Pt => format!("Os dias são contados no fuso horário do projeto, {zone}."),
        Lang::Nl => format!("Dagen worden geteld in de tijdzone van het project, {zone}."),
        Lang::Ar => format!("تُحسب الأيام بالمنطقة الزمنية للمشروع، {zone}."),
    }
}

/// The button that fills in the browser's own zone.
pub(crate) fn from_browser(lang: Lang, zone: &str) -> String {
    match lang {
        Lang::En => format!("Use this browser’s zone ({zone})"),
        Lang::Fr => format!("Utiliser le fuseau de ce navigateur ({zone})"),
        Lang::De => format!("Zeitzone dieses Browsers verwenden ({zone})"),
        Lang::Es => format!("Usar la zona de este navegador ({zone})"),
        Lang::It => format!("Usa il fuso di questo browser ({zone})"),
        Lang::Pt => format!("Usar o fuso deste navegador ({zone})"),
        Lang::Nl => format!("De tijdzone van deze browser gebruiken ({zone})"),
        Lang::Ar => format!("استخدام منطقة هذا المتصفح ({zone})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choices_hold_utc_the_current_zone_and_the_browsers_once_each() {
        let supported = vec!["Europe/Paris".to_owned(), "America/New_York".to_owned()];
        assert_eq!(
            choices(supported, &["Europe/Paris", "Asia/Calcutta", ""]),
            vec!["America/New_York", "Asia/Calcutta", "Europe/Paris", "UTC"]
        );
    }

    #[test]
    fn without_a_list_from_the_browser_the_common_zones_are_offered() {
        let c = choices(Vec::new(), &[]);
        assert!(c.contains(&"Europe/Paris".to_owned()));
        assert_eq!(c.iter().filter(|z| *z == "UTC").count(), 1);
        assert!(c.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
    }

    #[test]
    fn a_typed_name_is_trimmed_and_blank_is_nothing() {
        assert_eq!(typed("  Europe/Paris \n").as_deref(), Some("Europe/Paris"));
        assert_eq!(typed("   "), None);
    }

    #[test]
    fn the_sentences_name_the_zone_in_every_language() {
        assert!(invalid(Lang::En, "Mars/Olympus").starts_with("“Mars/Olympus” is not"));
        assert!(invalid(Lang::Fr, "Mars/Olympus").starts_with("« Mars/Olympus » n’est"));
        assert!(days_in(Lang::Fr, "UTC").ends_with("UTC."));
        for lang in Lang::ALL {
            assert!(
                invalid(lang, "Mars/Olympus").contains("Mars/Olympus"),
                "{lang:?}"
            );
            assert!(
                days_in(lang, "Asia/Tokyo").contains("Asia/Tokyo"),
                "{lang:?}"
            );
            if lang != Lang::En {
                assert_ne!(days_in(lang, "UTC"), days_in(Lang::En, "UTC"), "{lang:?}");
            }
        }
        assert_eq!(
            from_browser(Lang::En, "Europe/Paris"),
            "Use this browser’s zone (Europe/Paris)"
        );
    }
}

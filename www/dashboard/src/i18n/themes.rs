//! The words of the Themes page, its drivers and the overview's "What
//! they talk about" card, in English and French (the other languages read
//! the English: [`Lang::prose`]): a table of their own, so
//! the page's words stay beside each other (a missing one is still a
//! compile error), and the sentences with numbers.

use super::{Lang, Prose};

/// Fixed texts of the themes views in one language.
#[derive(Debug)]
pub(crate) struct ThemeTexts {
    pub(crate) intro: &'static str,
    pub(crate) found_title: &'static str,
    pub(crate) none: &'static str,
    pub(crate) no_previous: &'static str,
    pub(crate) drivers_title: &'static str,
    pub(crate) drivers_intro: &'static str,
    pub(crate) hurts: &'static str,
    pub(crate) helps: &'static str,
    pub(crate) no_hurts: &'static str,
    pub(crate) no_helps: &'static str,
    pub(crate) significant: &'static str,
    pub(crate) not_significant: &'static str,
    pub(crate) small_sample: &'static str,
    pub(crate) emerging: &'static str,
    pub(crate) examples: &'static str,
    pub(crate) impact: &'static str,
    pub(crate) create_tag: &'static str,
    pub(crate) tag_name: &'static str,
    pub(crate) talk_title: &'static str,
    pub(crate) talk_none: &'static str,
    pub(crate) all_themes: &'static str,
    pub(crate) emerging_period: &'static str,
    pub(crate) theme: &'static str,
    pub(crate) words: &'static str,
    pub(crate) languages: &'static str,
}

const EN: ThemeTexts = ThemeTexts {
    intro: "Words that come back in the comments, found on this server: no comment leaves it. A theme's impact is the period's NPS minus the NPS of the answers outside the theme: the points it costs or brings.",
    found_title: "Themes found",
    none: "Too few comments for themes: a theme needs at least 5 answers and 1% of the comments.",
    no_previous: "Choose a period (From and To) to compare each theme with the period before and see which ones are emerging.",
    drivers_title: "Drivers: what hurts and what helps",
    drivers_intro: "Themes and segments ranked by impact. Significant: the answers inside and outside differ beyond chance (95%).",
    hurts: "What hurts",
    helps: "What helps",
    no_hurts: "Nothing lowers the score.",
    no_helps: "Nothing raises the score.",
    significant: "significant",
    not_significant: "not significant",
    small_sample: "small sample",
    emerging: "Emerging",
    examples: "Examples",
    impact: "Impact",
    create_tag: "Create tag",
    tag_name: "Tag name",
    talk_title: "What they talk about",
    talk_none: "No theme stands out in these comments yet.",
    all_themes: "All themes and drivers",
    emerging_period: "See the themes of this period",
    theme: "Theme",
    words: "Words",
    languages: "Languages",
};

const FR: ThemeTexts = ThemeTexts {
    intro: "Les mots qui reviennent dans les commentaires, trouvés sur ce serveur : aucun commentaire n’en sort. L’impact d’un thème est le NPS de la période moins celui des réponses hors du thème : les points qu’il coûte ou qu’il apporte.",
    found_title: "Thèmes trouvés",
    none: "Trop peu de commentaires pour des thèmes : un thème demande au moins 5 réponses et 1\u{a0}% des commentaires.",
    no_previous: "Choisissez une période (Du et Au) pour comparer chaque thème à la période précédente et voir lesquels émergent.",
    drivers_title: "Leviers : ce qui pèse et ce qui aide",
    drivers_intro: "Thèmes et segments classés par impact. Significatif : les réponses dedans et dehors diffèrent au-delà du hasard (95\u{a0}%).",
    hurts: "Ce qui pèse",
    helps: "Ce qui aide",
    no_hurts: "Rien ne fait baisser le score.",
    no_helps: "Rien ne fait monter le score.",
    significant: "significatif",
    not_significant: "non significatif",
    small_sample: "petit échantillon",
    emerging: "Émergent",
    examples: "Exemples",
    impact: "Impact",
    create_tag: "Créer un tag",
    tag_name: "Nom du tag",
    talk_title: "Ce dont ils parlent",
    talk_none: "Aucun thème ne ressort encore de ces commentaires.",
    all_themes: "Tous les thèmes et leviers",
    emerging_period: "Voir les thèmes de cette période",
    theme: "Thème",
    words: "Mots",
    languages: "Langues",
};

impl Lang {
    /// The themes views' texts.
    pub(crate) fn th(self) -> &'static ThemeTexts {
        match self.prose() {
            Prose::En => &EN,
            Prose::Fr => &FR,
        }
    }

    /// Points with a sign and one decimal (`+14.7 points`, `−45,4 points`).
    pub(crate) fn impact_points(self, x: f64) -> String {
        let n = self.num(x.abs());
        let sign = if n == "0" {
            ""
        } else if x > 0.0 {
            "+"
        } else {
            "\u{2212}"
        };
        format!("{sign}{n} points")
    }

    /// "35 answers, 37% of the comments".
    pub(crate) fn theme_share(self, responses: u64, share: f64) -> String {
        let this = self.prose_lang();
        let (n, p) = (this.responses(responses), this.percent(share));
        match self.prose() {
            Prose::En => format!("{n}, {p} of the comments"),
            Prose::Fr => format!("{n}, {p} des commentaires"),
        }
    }

    /// "Before: 2% of the comments (1 response)".
    pub(crate) fn before(self, responses: u64, share: f64) -> String {
        let this = self.prose_lang();
        let (n, p) = (this.responses(responses), this.percent(share));
        match self.prose() {
            Prose::En => format!("Period before: {p} of the comments ({n})"),
            Prose::Fr => format!("Période précédente : {p} des commentaires ({n})"),
        }
    }

    /// "Found in 94 comments of 94 answers."
    pub(crate) fn found_in(self, with_comment: u64, responses: u64) -> String {
        match self.prose() {
            Prose::En => format!(
                "Found in {with_comment} comments, of {}.",
                Lang::En.responses(responses)
            ),
            Prose::Fr => format!(
                "Trouvés dans {with_comment} commentaires, sur {}.",
                self.responses(responses)
            ),
        }
    }

    /// Said when only a sample was read.
    pub(crate) fn sampled(self, size: u64) -> String {
        match self.prose() {
            Prose::En => format!("Read from a sample of {size} comments spread over the period; the counts are scaled to all of them."),
            Prose::Fr => format!("Lus dans un échantillon de {size} commentaires répartis sur la période ; les nombres sont ramenés à tous."),
        }
    }

    /// "«dark mode» is emerging: 2% of the comments before, 23% now."
    pub(crate) fn emerging_note(self, label: &str, before: f64, now: f64) -> String {
        let (b, n) = (self.percent(before), self.percent(now));
        match self.prose() {
            Prose::En => format!("“{label}” is emerging: {b} of the comments in the period before, {n} now."),
            Prose::Fr => format!("«\u{a0}{label}\u{a0}» émerge : {b} des commentaires la période précédente, {n} maintenant."),
        }
    }

    /// What a theme's tag did.
    pub(crate) fn tagged(self, tag: &str, n: u64) -> String {
        match self.prose() {
            Prose::En => format!("Tag {tag} created; {n} past answers tagged."),
            Prose::Fr => format!("Tag {tag} créé ; {n} réponses passées taguées."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_reads_with_its_sign_in_each_notation() {
        assert_eq!(Lang::En.impact_points(-45.4), "\u{2212}45.4 points");
        assert_eq!(Lang::Fr.impact_points(14.7), "+14,7 points");
        assert_eq!(Lang::En.impact_points(-0.01), "0 points");
    }

    #[test]
    fn shares_read_as_whole_percentages() {
        assert_eq!(
            Lang::En.theme_share(35, 0.3723),
            "35 responses, 37% of the comments"
        );
        assert_eq!(
            Lang::Fr.theme_share(1, 0.0244),
            "1 réponse, 2\u{a0}% des commentaires"
        );
    }
}

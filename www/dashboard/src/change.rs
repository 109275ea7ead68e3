//! The change against the period before in words ("up 6 points, not
//! significant yet"): the collector writes it in English and French, the
//! same rule is written here for the other languages.

use nps_protocol::admin::Comparison;

use crate::i18n::Lang;

/// The change figure in words ("up 6 points, not significant yet"): the
/// collector's own `summary_en`/`summary_fr` in English and French, the
/// same rule written here for the other languages.
pub(crate) fn words(lang: Lang, c: &Comparison) -> String {
    match lang {
        Lang::En => return c.summary_en.clone(),
        Lang::Fr => return c.summary_fr.clone(),
        _ => {}
    }
    if !c.comparable {
        return match lang {
            Lang::De => "kein Vergleich möglich: auf einer Seite keine Antworten",
            Lang::Es => "nada con qué comparar: no hay respuestas en un lado",
            Lang::It => "niente da confrontare: nessuna risposta da un lato",
            Lang::Pt => "nada para comparar: sem respostas num dos lados",
            Lang::Nl => "niets om mee te vergelijken: geen antwoorden aan één kant",
            _ => "لا شيء للمقارنة: لا توجد إجابات في أحد الجانبين",
        }
        .to_owned();
    }
    let points = c.difference.abs();
    let n = lang.num(points);
    if n == "0" || !points.is_finite() {
        return match lang {
            Lang::De => "unverändert",
            Lang::Es => "sin cambios",
            Lang::It => "invariato",
            Lang::Pt => "sem alterações",
            Lang::Nl => "onveranderd",
            _ => "بلا تغيير",
        }
        .to_owned();
    }
    let (up, sig, one) = (c.difference > 0.0, c.significant, n == "1");
    match lang {
        Lang::De => format!(
            "{n} {} {}, {}",
            if one { "Punkt" } else { "Punkte" },
            if up { "höher" } else { "niedriger" },
            if sig {
                "signifikant"
            } else {
                "noch nicht signifikant"
            }
        ),
        Lang::Es => format!(
            "{} {n} {}, {}",
            if up { "sube" } else { "baja" },
            if one { "punto" } else { "puntos" },
            if sig {
                "significativo"
            } else {
                "aún no significativo"
            }
        ),
        Lang::It => format!(
            "{} {n} {}, {}",
            if up { "in aumento di" } else { "in calo di" },
            if one { "punto" } else { "punti" },
            if sig {
                "significativo"
            } else {
                "non ancora significativo"
            }
        ),
        Lang::Pt => format!(
            "{} {n} {}, {}",
            if up { "sobe" } else { "desce" },
            if one { "ponto" } else { "pontos" },
            if sig {
                "significativo"
            } else {
                "ainda não significativo"
            }
        ),
        Lang::Nl => format!(
            "{n} {} {}, {}",
            if one { "punt" } else { "punten" },
            if up { "hoger" } else { "lager" },
            if sig {
                "significant"
            } else {
                "nog niet significant"
            }
        ),
        _ => format!(
            "{} {} {}، {}",
            if up {
                "ارتفاع بمقدار"
            } else {
                "انخفاض بمقدار"
            },
            lang.ltr(&n),
            arabic_points(points),
            if sig {
                "دالّ إحصائيًا"
            } else {
                "غير دالّ إحصائيًا بعد"
            }
        ),
    }
}

/// "نقاط" after a whole 3 to 10 (counted on the last two digits),
/// "نقطة" otherwise, as Arabic counts.
fn arabic_points(points: f64) -> &'static str {
    let whole = points.round();
    if (whole - points).abs() < 0.05 && (3.0..=10.0).contains(&(whole % 100.0)) {
        "نقاط"
    } else {
        "نقطة"
    }
}

#[cfg(test)]
mod tests {
    use nps_protocol::admin::Score;

    use super::*;

    fn comparison(difference: f64, significant: bool, comparable: bool) -> Comparison {
        let side = Score {
            nps: Some(10.0),
            ci95: None,
            margin_of_error: None,
            responses: 100,
            provisional: false,
        };
        Comparison {
            a: side.clone(),
            b: side,
            difference,
            z: 0.0,
            p_value: if significant { 0.01 } else { 0.3 },
            significant,
            comparable,
            summary_en: "up 20 points, not significant yet".into(),
            summary_fr: "en hausse de 20 points, pas encore significatif".into(),
        }
    }

    #[test]
    fn english_and_french_are_the_collectors_own_words() {
        let c = comparison(20.0, false, true);
        assert_eq!(words(Lang::En, &c), c.summary_en);
        assert_eq!(words(Lang::Fr, &c), c.summary_fr);
    }

    #[test]
    fn the_other_languages_say_the_direction_the_size_and_the_verdict() {
        let up = comparison(20.0, false, true);
        assert_eq!(
            words(Lang::De, &up),
            "20 Punkte höher, noch nicht signifikant"
        );
        assert_eq!(words(Lang::Es, &up), "sube 20 puntos, aún no significativo");
        let down = comparison(-1.0, true, true);
        assert_eq!(words(Lang::Nl, &down), "1 punt lager, significant");
        assert_eq!(words(Lang::It, &down), "in calo di 1 punto, significativo");
        assert_eq!(
            words(Lang::Pt, &comparison(-6.5, false, true)),
            "desce 6,5 pontos, ainda não significativo"
        );
        assert_eq!(
            words(Lang::De, &comparison(0.02, false, true)),
            "unverändert"
        );
        assert_eq!(
            words(Lang::Ar, &comparison(5.0, true, true)),
            "ارتفاع بمقدار \u{2066}5\u{2069} نقاط، دالّ إحصائيًا"
        );
        assert!(words(Lang::Ar, &up).contains("20\u{2069} نقطة،"));
        let none = comparison(0.0, false, false);
        for lang in [Lang::De, Lang::Es, Lang::It, Lang::Pt, Lang::Nl, Lang::Ar] {
            assert_ne!(words(lang, &none), words(lang, &up), "{lang:?}");
            assert!(words(lang, &up).contains("20"), "{lang:?}");
        }
    }
}

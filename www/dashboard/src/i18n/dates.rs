//! How a date reads in each language: the locale and the
//! `Intl.DateTimeFormat` options the browser writes it with (the binding
//! is `web::clock`), and the ISO text shown when the browser cannot.
//!
//! Every language writes the month by its abbreviated name ("Dec 7,
//! 2026", "7 déc. 2026", "7. Dez. 2026"): unlike `07/12/2026` it reads the
//! same to everyone. The calendar is the Gregorian one and the digits are
//! Western in Arabic too, as its numbers are ([`Lang::num`]).

use super::Lang;

/// What of an instant a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The day alone: "Dec 7, 2026".
    Day,
    /// The day and the clock: "Dec 7, 2026, 5:43 PM".
    Moment,
}

/// The arguments of `new Intl.DateTimeFormat(locale, options)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateFormat {
    /// The language's BCP 47 tag.
    pub(crate) locale: &'static str,
    /// `(option, value)` pairs, all strings.
    pub(crate) options: Vec<(&'static str, String)>,
}

impl Lang {
    /// How this language writes what `shown` keeps of an instant, on a
    /// clock in `zone` (an IANA name; `UTC` for a civil day, which the
    /// binding passes as its midnight in UTC).
    pub(crate) fn date_format(self, shown: Shown, zone: &str) -> DateFormat {
        let mut options: Vec<(&'static str, String)> = [
            ("timeZone", zone),
            ("calendar", "gregory"),
            ("numberingSystem", "latn"),
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        if shown == Shown::Moment {
            // The hour cycle is left to the language: 5:43 PM, 17:43.
            options.push(("hour", "numeric".to_owned()));
            options.push(("minute", "2-digit".to_owned()));
        }
        DateFormat {
            locale: self.code(),
            options,
        }
    }
}

/// An RFC 3339 instant as written, cut to what `shown` keeps
/// (`2026-12-07`, `2026-12-07 17:43`, in the instant's own offset): what
/// the page shows when the browser cannot format it.
pub(crate) fn iso_fallback(instant: &str, shown: Shown) -> String {
    let instant = instant.trim();
    let len = match shown {
        Shown::Day => 10,
        Shown::Moment => 16,
    };
    instant.get(..len).unwrap_or(instant).replace('T', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(f: &DateFormat, name: &str) -> Option<String> {
        f.options
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }

    #[test]
    fn every_language_writes_dates_in_its_own_locale_with_western_digits() {
        for lang in Lang::ALL {
            let f = lang.date_format(Shown::Day, "Europe/Paris");
            assert_eq!(f.locale, lang.code(), "{lang:?}");
            assert_eq!(
                option(&f, "numberingSystem").as_deref(),
                Some("latn"),
                "{lang:?}"
            );
            assert_eq!(
                option(&f, "calendar").as_deref(),
                Some("gregory"),
                "{lang:?}"
            );
            assert_eq!(
                option(&f, "timeZone").as_deref(),
                Some("Europe/Paris"),
                "{lang:?}"
            );
        }
    }

    #[test]
    fn a_day_names_its_month_and_a_moment_adds_the_clock() {
        let day = Lang::Fr.date_format(Shown::Day, "UTC");
        assert_eq!(option(&day, "month").as_deref(), Some("short"));
        assert_eq!(option(&day, "year").as_deref(), Some("numeric"));
        assert_eq!(option(&day, "day").as_deref(), Some("numeric"));
        assert_eq!(option(&day, "hour"), None, "no clock on a day");
        let moment = Lang::Fr.date_format(Shown::Moment, "UTC");
        assert_eq!(option(&moment, "hour").as_deref(), Some("numeric"));
        assert_eq!(option(&moment, "minute").as_deref(), Some("2-digit"));
        assert_eq!(
            option(&moment, "hourCycle"),
            None,
            "each language keeps its own hour cycle"
        );
        let names: Vec<&str> = moment.options.iter().map(|(k, _)| *k).collect();
        let mut once = names.clone();
        once.sort_unstable();
        once.dedup();
        assert_eq!(once.len(), names.len(), "each option once: {names:?}");
    }

    #[test]
    fn without_the_browser_an_instant_reads_as_iso() {
        assert_eq!(
            iso_fallback("2026-12-07T17:43:09Z", Shown::Day),
            "2026-12-07"
        );
        assert_eq!(
            iso_fallback("2026-12-07T17:43:09+02:00", Shown::Moment),
            "2026-12-07 17:43"
        );
        assert_eq!(iso_fallback("2026-12-07", Shown::Moment), "2026-12-07");
        assert_eq!(iso_fallback(" soon ", Shown::Day), "soon");
    }
}

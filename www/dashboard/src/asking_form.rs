//! Asking smarter as typed on the Timing form, read into the config: one
//! row per segment (trait, value, three optional day counts) and the
//! target margin. Pure, so that native tests cover it; the page reads the
//! form's fields and the collector validates the rest.

use nps_protocol::CadenceOverride;

use crate::form_lists::typed;

/// One segment's row as typed: trait, value, days after an answer, a
/// close, a snooze.
pub(crate) type Row = [String; 5];

/// The rows to overrides; a row without a trait is skipped (a new row
/// left blank). `Err` holds the 1-based row whose day count is not a
/// whole number.
pub(crate) fn parse_cadence(rows: &[Row]) -> Result<Vec<CadenceOverride>, usize> {
    let mut out = Vec::new();
    for (i, [name, value, answer, close, snooze]) in rows.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        let days = |raw: &String| -> Result<Option<u32>, usize> {
            let raw = raw.trim();
            if raw.is_empty() {
                return Ok(None);
            }
            raw.parse().map(Some).map_err(|_| i + 1)
        };
        out.push(CadenceOverride {
            name: name.trim().to_owned(),
            value: typed(value.trim()),
            after_answer_days: days(answer)?,
            after_close_days: days(close)?,
            after_snooze_days: days(snooze)?,
        });
    }
    Ok(out)
}

/// The target margin in points, a decimal comma allowed; empty: none.
pub(crate) fn parse_margin(raw: &str) -> Result<Option<f64>, ()> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use nps_protocol::TraitValue;

    use super::*;

    fn row(cells: [&str; 5]) -> Row {
        cells.map(str::to_owned)
    }

    #[test]
    fn rows_become_overrides_with_typed_values_and_blank_rows_vanish() {
        let rows = [
            row(["plan", "enterprise", "180", "", ""]),
            row(["", "", "", "", ""]),
            row(["seats", "50", "", " 30 ", "7"]),
        ];
        let list = parse_cadence(&rows).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].value, TraitValue::Text("enterprise".into()));
        assert_eq!(list[0].after_answer_days, Some(180));
        assert_eq!(list[0].after_close_days, None);
        assert_eq!(list[1].value, TraitValue::Number(50.0));
        assert_eq!(
            (list[1].after_close_days, list[1].after_snooze_days),
            (Some(30), Some(7))
        );
        let bad = [
            row(["plan", "pro", "1", "", ""]),
            row(["plan", "x", "soon", "", ""]),
        ];
        assert_eq!(parse_cadence(&bad), Err(2), "the row with a word for days");
    }

    #[test]
    fn a_margin_reads_with_a_point_or_a_comma_and_empty_means_none() {
        assert_eq!(parse_margin("7,5"), Ok(Some(7.5)));
        assert_eq!(parse_margin(" 5 "), Ok(Some(5.0)));
        assert_eq!(parse_margin(""), Ok(None));
        assert_eq!(parse_margin("five"), Err(()));
        assert_eq!(parse_margin("inf"), Err(()));
    }
}

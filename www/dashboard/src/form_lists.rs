//! The text forms of the lists the dashboard's forms edit: a moment's
//! trait conditions (`plan=pro,team` lines), quiet periods (`event=hours`),
//! exclusions (`trait=days`) and comma lists (`a, b`), read back into the
//! wire types, and trait values as text.

use nps_protocol::{Map, QuietPeriod, RecentTrait, TraitFilter, TraitValue};

/// A trait value as text.
pub(crate) fn trait_value(v: &TraitValue) -> String {
    match v {
        TraitValue::Bool(b) => b.to_string(),
        TraitValue::Number(n) => n.to_string(),
        TraitValue::Text(t) => t.clone(),
    }
}

/// `pro` or `pro,team`, as the form shows a trait condition.
pub(crate) fn trait_filter(f: &TraitFilter) -> String {
    match f {
        TraitFilter::Equals(v) => trait_value(v),
        TraitFilter::OneOf(vs) => vs.iter().map(trait_value).collect::<Vec<_>>().join(","),
    }
}

/// The text of a trait value typed in a form: `true`/`false` and numbers
/// keep their type, as the widget compares typed values.
pub(crate) fn typed(raw: &str) -> TraitValue {
    match raw {
        "true" => TraitValue::Bool(true),
        "false" => TraitValue::Bool(false),
        _ => raw
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map_or_else(|| TraitValue::Text(raw.to_owned()), TraitValue::Number),
    }
}

/// Splits `name=value` lines; blank lines are skipped. `Err` holds the
/// 1-based number of the first line that is not of that form.
fn lines(text: &str) -> Result<Vec<(String, String)>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or(i + 1)?;
        let (k, v) = (k.trim(), v.trim());
        if k.is_empty() || v.is_empty() {
            return Err(i + 1);
        }
        out.push((k.to_owned(), v.to_owned()));
    }
    Ok(out)
}

/// `plan=pro,team` lines to a moment's trait conditions.
pub(crate) fn parse_traits(text: &str) -> Result<Option<Map<TraitFilter>>, usize> {
    let mut map = Map::new();
    for (k, v) in lines(text)? {
        let values: Vec<TraitValue> = v
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(typed)
            .collect();
        let filter = match <[TraitValue; 1]>::try_from(values) {
            Ok([one]) => TraitFilter::Equals(one),
            Err(many) => TraitFilter::OneOf(many),
        };
        map.insert(k, filter);
    }
    Ok((!map.is_empty()).then_some(map))
}

/// A moment's trait conditions as `name=values` lines.
pub(crate) fn format_traits(traits: Option<&Map<TraitFilter>>) -> String {
    traits
        .into_iter()
        .flatten()
        .map(|(k, f)| format!("{k}={}", trait_filter(f)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `event=hours` lines to quiet periods.
pub(crate) fn parse_quiet(text: &str) -> Result<Vec<QuietPeriod>, usize> {
    numbered(text, |event, hours| QuietPeriod { event, hours })
}

/// `trait=days` lines to exclusions.
pub(crate) fn parse_exclusions(text: &str) -> Result<Vec<RecentTrait>, usize> {
    numbered(text, |name, days| RecentTrait { name, days })
}

fn numbered<T>(text: &str, make: impl Fn(String, u32) -> T) -> Result<Vec<T>, usize> {
    let pairs = lines(text)?;
    let mut out = Vec::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        let n = v.parse::<u32>().map_err(|_| line_of(text, i))?;
        out.push(make(k, n));
    }
    Ok(out)
}

/// The 1-based line of the `nth` non-blank line.
fn line_of(text: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

/// `a, b` to a list.
pub(crate) fn parse_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trait_conditions_read_and_write_as_lines() {
        let t = parse_traits("plan = pro, team\n\nadmin=true\nseats=3")
            .unwrap()
            .unwrap();
        assert_eq!(
            t["plan"],
            TraitFilter::OneOf(vec![
                TraitValue::Text("pro".into()),
                TraitValue::Text("team".into())
            ])
        );
        assert_eq!(t["admin"], TraitFilter::Equals(TraitValue::Bool(true)));
        assert_eq!(t["seats"], TraitFilter::Equals(TraitValue::Number(3.0)));
        assert_eq!(
            format_traits(Some(&t)),
            "admin=true\nplan=pro,team\nseats=3"
        );
        assert_eq!(parse_traits("  ").unwrap(), None);
        assert_eq!(parse_traits("plan=pro\nnonsense"), Err(2));
    }

    #[test]
    fn quiet_periods_and_exclusions_need_whole_numbers() {
        assert_eq!(parse_quiet("support_contacted=24").unwrap()[0].hours, 24);
        assert_eq!(parse_quiet("a=1\n\nb=soon").map(|v| v.len()), Err(3));
        assert_eq!(
            parse_exclusions("churned_at=30").unwrap()[0].name,
            "churned_at"
        );
        assert_eq!(parse_list("plan, team,,"), vec!["plan", "team"]);
    }
}

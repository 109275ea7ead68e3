//! Sentences kept as templates in tables, one per language: `{0}`, `{1}`…
//! stand for the numbers and names, so each language places them where
//! its grammar wants.

/// `template` with `{0}`, `{1}`… replaced by `values` (a placeholder
/// without a value stays as it is, so a slip shows instead of vanishing).
pub(crate) fn fill(template: &str, values: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, value) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_their_values_in_any_order() {
        assert_eq!(fill("{1} of {0}", &["10", "3"]), "3 of 10");
        assert_eq!(fill("{0} and {0}", &["a"]), "a and a");
        assert_eq!(fill("{0} {1}", &["a"]), "a {1}", "a missing value shows");
    }
}

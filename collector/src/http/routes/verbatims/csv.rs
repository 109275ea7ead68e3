//! CSV rows of the export (RFC 4180), safe to open in a spreadsheet: a cell
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run
//! as a formula there (CSV injection), so it is prefixed with `'`.

use nps_protocol::Category;
use time::format_description::well_known::Rfc3339;

use crate::store::StoredResponse;

/// The first line.
pub(super) const HEADER: &str =
    "id,created_at,score,category,comment,user_id,moment,locale,url,traits,source,variant\r\n";

/// One cell: neutralised, then quoted if it holds a comma, a quote or a
/// line break.
pub(super) fn cell(out: &mut String, value: &str) {
    let neutralise = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = neutralise || value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// Appends one response as a CSV line.
pub(super) fn push_row(out: &mut String, r: &StoredResponse, category: Category) {
    let category = match category {
        Category::Detractor => "detractor",
        Category::Passive => "passive",
        Category::Promoter => "promoter",
    };
    let created = r.created_at.format(&Rfc3339).unwrap_or_default();
    let traits = r.traits.to_string();
    let cells = [
        r.id.as_str(),
        created.as_str(),
        &r.score.to_string(),
        category,
        r.comment.as_deref().unwrap_or_default(),
        r.user_id.as_deref().unwrap_or_default(),
        r.moment.as_deref().unwrap_or_default(),
        r.locale.as_deref().unwrap_or_default(),
        r.url.as_deref().unwrap_or_default(),
        traits.as_str(),
        r.source.as_deref().unwrap_or_default(),
        r.variant.as_deref().unwrap_or_default(),
    ];
    for (i, value) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, value);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> String {
        let mut out = String::new();
        cell(&mut out, value);
        out
    }

    #[test]
    fn formula_starts_are_neutralised() {
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one("+1"), "\"'+1\"");
        assert_eq!(one("-2"), "\"'-2\"");
        assert_eq!(one("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(one("\tx"), "\"'\tx\"");
        assert_eq!(one("\rx"), "\"'\rx\"");
    }

    #[test]
    fn plain_text_stays_plain_and_separators_are_quoted() {
        assert_eq!(one("Too slow"), "Too slow");
        assert_eq!(one("a, b"), "\"a, b\"");
        assert_eq!(one("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}

//! One-row `INSERT`s made many-row, for the SQLite writer: a batch's
//! answers and roll-up counts in a statement per couple of thousand
//! values instead of one each.
//!
//! Each statement costs a step, a reset, a statement journal (an insert
//! that fires triggers may have to be undone alone) and, where a trigger
//! feeds the search index, FTS5 writing its pending words out as a new
//! segment. Many rows to a statement pay those once. The SQL stays the
//! one-row text of `queries` and `rollup`, repeated here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::Value;
use rusqlite::{Statement, Transaction};

/// Most parameters in one statement (SQLite's limit since 3.32; the
/// bundled SQLite is newer).
const MAX_PARAMETERS: usize = 32_766;

/// Rows of `parameters` values each that fit one statement, rounded down
/// to a power of two (so a batch of a power of two splits evenly and one
/// cached statement serves every full chunk).
pub(super) fn rows_per_statement(parameters: usize) -> usize {
    let most = MAX_PARAMETERS / parameters.max(1);
    1 << most.ilog2()
}

/// How many values a row of `sql` (`… VALUES ($1, …, $N) …`) takes: `N`.
pub(super) fn parameters(sql: &str) -> usize {
    let (_, tuple, _) = split(sql);
    tuple
        .split('$')
        .skip(1)
        .filter_map(|p| {
            let digits = p.bytes().take_while(u8::is_ascii_digit).count();
            p[..digits].parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// `sql` for `rows` rows: its tuple of values repeated, the parameters of
/// row `k` numbered from `k N + 1`. They are written `?N`: SQLite finds a
/// `$N` by its name among those seen before, which for thousands of them
/// is most of the cost of preparing the statement.
pub(super) fn repeated(sql: &str, rows: usize) -> String {
    let (head, tuple, tail) = split(sql);
    let per_row = parameters(sql);
    let mut out = String::with_capacity(head.len() + rows * (tuple.len() + 24) + tail.len());
    out.push_str(head);
    out.push_str("VALUES ");
    for row in 0..rows {
        if row > 0 {
            out.push(',');
        }
        let mut parts = tuple.split('$');
        out.push_str(parts.next().unwrap_or_default());
        for part in parts {
            let digits = part.bytes().take_while(u8::is_ascii_digit).count();
            let n: usize = part[..digits].parse().unwrap_or_default();
            out.push('?');
            out.push_str(&(n + row * per_row).to_string());
            out.push_str(&part[digits..]);
        }
    }
    out.push_str(tail);
    out
}

/// [`repeated`] for `rows` rows, then `tail`: written once per thread
/// for a full statement's count of rows (the one cached statement is
/// found by this text, so it is needed for every chunk).
pub(super) fn text(sql: &'static str, rows: usize, tail: &'static str) -> Rc<str> {
    thread_local! {
        static TEXTS: RefCell<HashMap<(&'static str, usize), Rc<str>>> = RefCell::default();
    }
    TEXTS.with_borrow_mut(|texts| {
        texts
            .entry((sql, rows))
            .or_insert_with(|| format!("{}{tail}", repeated(sql, rows)).into())
            .clone()
    })
}

/// Runs `sql` (a one-row upsert) for every row of `values` (its rows one
/// after the other, [`parameters`] values each), many to a statement.
pub(super) fn run(
    tx: &Transaction<'_>,
    sql: &'static str,
    values: Vec<Value>,
) -> rusqlite::Result<()> {
    let per_row = parameters(sql);
    let per_statement = rows_per_statement(per_row);
    let mut values = values.into_iter().peekable();
    while values.peek().is_some() {
        let chunk: Vec<Value> = values.by_ref().take(per_statement * per_row).collect();
        let rows = chunk.len() / per_row;
        // A full chunk's statement is used again; a last, shorter one is
        // prepared once rather than pushing others out of the cache.
        let (mut cached, mut once);
        let statement: &mut Statement<'_> = if rows == per_statement {
            cached = tx.prepare_cached(&text(sql, rows, ""))?;
            &mut cached
        } else {
            once = tx.prepare(&repeated(sql, rows))?;
            &mut once
        };
        for (i, value) in chunk.into_iter().enumerate() {
            statement.raw_bind_parameter(i + 1, value)?;
        }
        statement.raw_execute()?;
    }
    Ok(())
}

/// `(INSERT … , ($1, … $N), ON CONFLICT …)`.
fn split(sql: &str) -> (&str, &str, &str) {
    let (head, rest) = sql.split_once("VALUES").expect("an INSERT … VALUES");
    let end = rest.find(')').expect("a row of values") + 1;
    (head, rest[..end].trim(), &rest[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::queries::INSERT_RESPONSE;
    use crate::store::rollup::ADD_DAILY;

    #[test]
    fn one_row_is_the_statement_itself_with_numbered_parameters() {
        assert_eq!(
            repeated(INSERT_RESPONSE, 1),
            INSERT_RESPONSE.replace('$', "?")
        );
        assert_eq!(parameters(INSERT_RESPONSE), 15);
        assert_eq!(parameters(ADD_DAILY), 6);
    }

    #[test]
    fn each_row_takes_the_next_parameters() {
        let two = repeated(INSERT_RESPONSE, 2);
        assert!(two.contains("?15),(?16, ?17,"), "{two}");
        assert!(two.contains("?25, ?25, ?26"), "{two}");
        assert!(
            two.ends_with("?30)\n ON CONFLICT (project_key, id) DO NOTHING"),
            "{two}"
        );
    }

    #[test]
    fn a_full_statement_stays_under_sqlites_limit_on_parameters() {
        for per_row in [3, 4, 5, 6, 15] {
            let rows = rows_per_statement(per_row);
            assert!(rows * per_row <= MAX_PARAMETERS, "{per_row} a row");
            assert!(rows * per_row * 2 > MAX_PARAMETERS, "{per_row} a row");
        }
    }
}

//! `nps-collector backup`: a consistent copy of a SQLite database, taken
//! while the server runs, that `serve` opens as it is.
//!
//! ```text
//! nps-collector backup --database-url sqlite://nps.db --to nps-2026-01-31.db
//! ```
//!
//! The copy is made with `VACUUM INTO` in one read transaction: in WAL mode
//! that reads a snapshot while the writer goes on committing, and, unlike
//! the page-by-page backup API, it never restarts when a page changes under
//! it, so a busy server cannot keep a backup from finishing. The copy holds
//! no free pages, so no deleted text either. It is written beside its
//! destination, checked, flushed to disk, then renamed over it: a crash or
//! a failed check never leaves a half-written file under the name asked for.
//!
//! PostgreSQL is refused with the `pg_dump` command to use instead: its own
//! tool knows its own consistency and versions better than we could.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::{bail, Context};
use rusqlite::{Connection, OpenFlags};
use sqlx::sqlite::SqliteConnectOptions;

/// What `--to` received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file written.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Answers in the copy.
    pub responses: i64,
}

/// What the command says for a PostgreSQL URL.
pub const POSTGRES_REFUSAL: &str = "\
nps-collector backup copies SQLite databases only. For PostgreSQL use its own tool, \
which takes a consistent snapshot while collectors keep writing:
  pg_dump --format=custom --file=nps.dump \"$NPS_DATABASE_URL\"
and restore into an empty database (collectors stopped) with:
  pg_restore --no-owner --dbname=\"$NPS_DATABASE_URL\" nps.dump";

/// Copies the database `database_url` names to `to`, replacing any file
/// there. SQLite only; a PostgreSQL URL gets [`POSTGRES_REFUSAL`].
pub async fn backup(database_url: &str, to: &Path) -> anyhow::Result<Report> {
    if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        bail!("{POSTGRES_REFUSAL}");
    }
    if !database_url.starts_with("sqlite:") {
        // Only the scheme: the URL may hold a password.
        let scheme = database_url.split(':').next().unwrap_or_default();
        bail!("unsupported database URL scheme {scheme:?} (use sqlite://PATH)");
    }
    let source = SqliteConnectOptions::from_str(database_url)?
        .get_filename()
        .to_owned();
    let to = to.to_owned();
    tokio::task::spawn_blocking(move || copy(&source, &to)).await?
}

fn copy(source: &Path, to: &Path) -> anyhow::Result<Report> {
    if !source.is_file() {
        bail!("no database at {}", source.display());
    }
    if same_file(source, to) {
        bail!("--to names the database itself");
    }
    // No CREATE flag: a mistyped path must not become an empty "backup".
    let db = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("opening {}", source.display()))?;
    db.busy_timeout(Duration::from_secs(30))?;
    let partial = partial_path(to);
    let _ = std::fs::remove_file(&partial);
    let written = write_copy(&db, &partial).and_then(|()| check(&partial));
    let responses = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, to)
        .with_context(|| format!("renaming {} to {}", partial.display(), to.display()))?;
    sync_dir(to);
    Ok(Report {
        path: to.to_owned(),
        bytes: std::fs::metadata(to)?.len(),
        responses,
    })
}

fn write_copy(db: &Connection, partial: &Path) -> anyhow::Result<()> {
    let target = partial
        .to_str()
        .context("the --to path is not valid UTF-8")?;
    db.execute("VACUUM INTO ?1", [target])
        .context("VACUUM INTO")?;
    // VACUUM INTO does not sync its output; a backup must be on disk
    // before we call it one.
    std::fs::File::open(partial)?.sync_all()?;
    Ok(())
}

/// Opens the copy as `serve` would read it, checks its pages and counts
/// its answers.
fn check(partial: &Path) -> anyhow::Result<i64> {
    let copy = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        bail!("the copy failed its check: {verdict}");
    }
    Ok(copy.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get(0))?)
}

fn partial_path(to: &Path) -> PathBuf {
    let mut name = to.file_name().unwrap_or_default().to_owned();
    name.push(format!(".partial-{}", std::process::id()));
    to.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Makes the rename durable too (best effort: not every platform can
/// open a directory).
fn sync_dir(file: &Path) {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

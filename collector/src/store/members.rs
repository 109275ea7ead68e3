//! Members of the team and their sessions, for both backends.

use super::{Pool, StoreResult};

/// A member as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMember {
    /// Their sign-in e-mail.
    pub email: String,
    /// `admin` or `member`.
    pub role: String,
    /// Unix ms.
    pub created_at: i64,
    /// The argon2id hash.
    pub password_hash: String,
}

/// A live session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Whose.
    pub email: String,
    /// Their role now (read with the session, so a role change applies at
    /// once).
    pub role: String,
    /// The token writes must echo in `X-CSRF-Token`.
    pub csrf_token: String,
}

/// What a role change or a removal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Done.
    Done,
    /// There is no such member.
    NoSuchMember,
    /// Refused: the member is the last admin.
    LastAdmin,
}

macro_rules! member_queries {
    ($db:ty, $begin:expr, $lock:expr) => {
        use sqlx::Row;

        use super::{StoredMember, Session};
        use crate::store::StoreResult;

        type P = sqlx::Pool<$db>;

        fn member(r: &<$db as sqlx::Database>::Row) -> StoreResult<StoredMember> {
            Ok(StoredMember {
                email: r.try_get("email")?,
                role: r.try_get("role")?,
                created_at: r.try_get("created_at")?,
                password_hash: r.try_get("password_hash")?,
            })
        }

        pub(crate) async fn upsert(pool: &P, m: &StoredMember, replace: bool) -> StoreResult<bool> {
            let insert = "INSERT INTO members (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (email) DO NOTHING";
            if !replace {
                let done = sqlx::query(insert)
                    .bind(m.email.clone())
                    .bind(m.role.clone())
                    .bind(m.password_hash.clone())
                    .bind(m.created_at)
                    .execute(pool)
                    .await?;
                return Ok(done.rows_affected() == 1);
            }
            // The update comes first so SQLite takes its write lock at the
            // first statement (no read-then-upgrade that could be refused).
            let mut tx = pool.begin().await?;
            let updated = sqlx::query("UPDATE members SET role = $1, password_hash = $2 WHERE email = $3")
                .bind(m.role.clone())
                .bind(m.password_hash.clone())
                .bind(m.email.clone())
                .execute(&mut *tx)
                .await?;
            let created = if updated.rows_affected() == 1 {
                // A new password: whoever signed in with the old one is out.
                sqlx::query("DELETE FROM sessions WHERE email = $1").bind(m.email.clone()).execute(&mut *tx).await?;
                false
            } else {
                sqlx::query(insert)
                    .bind(m.email.clone())
                    .bind(m.role.clone())
                    .bind(m.password_hash.clone())
                    .bind(m.created_at)
                    .execute(&mut *tx)
                    .await?;
                true
            };
            tx.commit().await?;
            Ok(created)
        }

        pub(crate) async fn get(pool: &P, email: &str) -> StoreResult<Option<StoredMember>> {
            let row = sqlx::query("SELECT email, role, password_hash, created_at FROM members WHERE email = $1")
                .bind(email.to_owned())
                .fetch_optional(pool)
                .await?;
            row.as_ref().map(member).transpose()
        }

        pub(crate) async fn list(pool: &P) -> StoreResult<Vec<StoredMember>> {
            let rows = sqlx::query("SELECT email, role, password_hash, created_at FROM members ORDER BY email")
                .fetch_all(pool)
                .await?;
            rows.iter().map(member).collect()
        }

        /// In one transaction that locks the admins' rows (and, on
        /// SQLite, the whole database): of two admins demoting each other
        /// at once, the second sees the first's change and is refused.
        async fn keeps_an_admin(
            tx: &mut sqlx::Transaction<'_, $db>,
            email: &str,
        ) -> StoreResult<Option<bool>> {
            let admins: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT email FROM members WHERE role = 'admin'{}",
                $lock
            ))
            .fetch_all(&mut **tx)
            .await?;
            let role: Option<String> = sqlx::query_scalar("SELECT role FROM members WHERE email = $1")
                .bind(email.to_owned())
                .fetch_optional(&mut **tx)
                .await?;
            Ok(role.map(|role| role != "admin" || admins.iter().any(|a| a != email)))
        }

        pub(crate) async fn set_role(pool: &P, email: &str, role: &str) -> StoreResult<super::Change> {
            let mut tx = pool.begin_with($begin).await?;
            if role != "admin" {
                match keeps_an_admin(&mut tx, email).await? {
                    None => return Ok(super::Change::NoSuchMember),
                    Some(false) => return Ok(super::Change::LastAdmin),
                    Some(true) => {}
                }
            }
            let done = sqlx::query("UPDATE members SET role = $1 WHERE email = $2")
                .bind(role.to_owned())
                .bind(email.to_owned())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(if done.rows_affected() == 1 { super::Change::Done } else { super::Change::NoSuchMember })
        }

        pub(crate) async fn remove(pool: &P, email: &str) -> StoreResult<super::Change> {
            let mut tx = pool.begin_with($begin).await?;
            match keeps_an_admin(&mut tx, email).await? {
                None => return Ok(super::Change::NoSuchMember),
                Some(false) => return Ok(super::Change::LastAdmin),
                Some(true) => {}
            }
            sqlx::query("DELETE FROM sessions WHERE email = $1").bind(email.to_owned()).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM members WHERE email = $1").bind(email.to_owned()).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(super::Change::Done)
        }

        pub(crate) async fn admins(pool: &P) -> StoreResult<i64> {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE role = 'admin'").fetch_one(pool).await?;
            Ok(n)
        }

        pub(crate) async fn open_session(pool: &P, token_hash: &str, email: &str, csrf: &str, now: i64, expires: i64) -> StoreResult<()> {
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1").bind(now).execute(pool).await?;
            sqlx::query("INSERT INTO sessions (token_hash, email, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(token_hash.to_owned())
                .bind(email.to_owned())
                .bind(csrf.to_owned())
                .bind(now)
                .bind(expires)
                .execute(pool)
                .await?;
            Ok(())
        }

        pub(crate) async fn session(pool: &P, token_hash: &str, now: i64) -> StoreResult<Option<Session>> {
            let row = sqlx::query(
                "SELECT s.email, m.role, s.csrf_token FROM sessions s JOIN members m ON m.email = s.email
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
            )
            .bind(token_hash.to_owned())
            .bind(now)
            .fetch_optional(pool)
            .await?;
            row.map(|r| Ok(Session { email: r.try_get("email")?, role: r.try_get("role")?, csrf_token: r.try_get("csrf_token")? }))
                .transpose()
        }

        pub(crate) async fn close_session(pool: &P, token_hash: &str) -> StoreResult<()> {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash.to_owned()).execute(pool).await?;
            Ok(())
        }

        pub(crate) async fn revoke(pool: &P, email: &str) -> StoreResult<u64> {
            let done = sqlx::query("DELETE FROM sessions WHERE email = $1").bind(email.to_owned()).execute(pool).await?;
            Ok(done.rows_affected())
        }
    };
}

mod sqlite {
    // IMMEDIATE: the write lock from the start, so the check and the
    // change see the same database.
    member_queries!(sqlx::Sqlite, "BEGIN IMMEDIATE", "");
}

mod postgres {
    member_queries!(sqlx::Postgres, "BEGIN", " FOR UPDATE");
}

/// Adds a member (`replace`: or replaces their role and password, and
/// ends their sessions); returns whether the member is new.
pub async fn upsert(pool: Pool<'_>, m: &StoredMember, replace: bool) -> StoreResult<bool> {
    on!(pool, upsert(m, replace))
}
/// One member.
pub async fn get(pool: Pool<'_>, email: &str) -> StoreResult<Option<StoredMember>> {
    on!(pool, get(email))
}
/// Every member, by e-mail.
pub async fn list(pool: Pool<'_>) -> StoreResult<Vec<StoredMember>> {
    on!(pool, list())
}
/// Changes a member's role, unless that would leave no admin (checked in
/// the same transaction as the change).
pub async fn set_role(pool: Pool<'_>, email: &str, role: &str) -> StoreResult<Change> {
    on!(pool, set_role(email, role))
}
/// Removes a member and their sessions, unless they are the last admin.
pub async fn remove(pool: Pool<'_>, email: &str) -> StoreResult<Change> {
    on!(pool, remove(email))
}
/// How many admins there are (the last one cannot be removed).
pub async fn admins(pool: Pool<'_>) -> StoreResult<i64> {
    on!(pool, admins())
}
/// Stores a new session (and drops expired ones).
pub async fn open_session(
    pool: Pool<'_>,
    token_hash: &str,
    email: &str,
    csrf: &str,
    now: i64,
    expires: i64,
) -> StoreResult<()> {
    on!(pool, open_session(token_hash, email, csrf, now, expires))
}
/// The live session with this token hash.
pub async fn session(pool: Pool<'_>, token_hash: &str, now: i64) -> StoreResult<Option<Session>> {
    on!(pool, session(token_hash, now))
}
/// Ends one session.
pub async fn close_session(pool: Pool<'_>, token_hash: &str) -> StoreResult<()> {
    on!(pool, close_session(token_hash))
}
/// Ends every session of a member; returns how many.
pub async fn revoke(pool: Pool<'_>, email: &str) -> StoreResult<u64> {
    on!(pool, revoke(email))
}

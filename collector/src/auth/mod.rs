//! Who is asking: the admin token (scripts and the API), or a member of the
//! team signed in to the dashboard with e-mail and password, as `admin`
//! (configure, members, webhooks, keys) or `member` (read, follow up).
//!
//! Passwords are hashed with argon2id; a session is a random token in an
//! `HttpOnly`, `SameSite=Strict` cookie, stored as its SHA-256; writes made
//! with a session also carry its CSRF token in `X-CSRF-Token`. A new
//! password ends every session the member had.

pub mod email;
pub mod limits;
pub mod password;

pub use email::Email;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::domain::Invalid;
use crate::store::members::{self, StoredMember};
use crate::store::{to_millis, Store, StoreResult};

/// The session cookie's name.
pub const COOKIE: &str = "nps_session";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 7;

/// What a principal may do: the API's own [`Role`], stored by its name
/// ([`Role::as_str`]).
pub use nps_protocol::admin::Role;

/// The role a name sent to the API or the command line names.
pub fn parse_role(raw: &str) -> Result<Role, Invalid> {
    match raw {
        "admin" => Ok(Role::Admin),
        "member" => Ok(Role::Member),
        _ => Err(Invalid::new("invalid_role", "role is admin or member")),
    }
}

/// The role a stored name gives: an unknown one reads as `member`, the one
/// that can do less.
pub fn stored_role(raw: &str) -> Role {
    parse_role(raw).unwrap_or(Role::Member)
}

/// Who made a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// What logs and histories record: the member's e-mail, or
    /// `admin-token`.
    pub actor: String,
    /// What they may do.
    pub role: Role,
}

/// 256 random bits, hex: a session token or a CSRF token.
pub fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// What is stored for a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Adds (or with `replace`, resets) a member: what the CLI, the API and the
/// demo use. A reset ends the member's sessions, so a password thought
/// stolen stops working everywhere at once. Returns whether the member is
/// new.
pub async fn add_member(
    store: &dyn Store,
    email_raw: &str,
    role: Role,
    password_raw: &str,
    replace: bool,
) -> Result<bool, AddError> {
    let member = StoredMember {
        email: Email::try_from(email_raw)?.as_str().to_owned(),
        role: role.as_str().to_owned(),
        created_at: to_millis(OffsetDateTime::now_utc()),
        password_hash: password::hash(password_raw)?,
    };
    Ok(members::upsert(store.pool(), &member, replace).await?)
}

/// Why a member could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    /// A field was refused.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Opens a session for `email`; returns (token, csrf token).
pub async fn open_session(store: &dyn Store, email: &str) -> StoreResult<(String, String)> {
    let (token, csrf) = (random_token(), random_token());
    let now = OffsetDateTime::now_utc();
    let expires = now + time::Duration::days(SESSION_DAYS);
    members::open_session(
        store.pool(),
        &token_hash(&token),
        email,
        &csrf,
        to_millis(now),
        to_millis(expires),
    )
    .await?;
    Ok((token, csrf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}

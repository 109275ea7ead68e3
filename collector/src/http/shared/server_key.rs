//! Projects' server keys: the secret a host app's backend sends moments
//! with. Made here (256 random bits behind a recognisable prefix), stored
//! only as a SHA-256 like members' session tokens, and shown once; a
//! request presenting one is the project's [`ServerKeyProject`].

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::auth::token_hash;
use crate::domain::ProjectKey;
use crate::http::error::{Error, Result};
use crate::http::state::AppState;
use crate::store::{moments, to_millis};

/// What every server key starts with, so a secret scanner (or a person)
/// can tell it from the public key.
const PREFIX: &str = "nps_sk_";

/// Gives project `key` a new server key, replacing its old one (which stops
/// working at once), and returns it: the only time it is shown.
pub(in crate::http) async fn rotate(state: &AppState, key: &ProjectKey) -> Result<String> {
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    let secret = format!("{PREFIX}{}{}", a.simple(), b.simple());
    let now = to_millis(time::OffsetDateTime::now_utc());
    moments::set_server_key(state.store.pool(), key.as_str(), &token_hash(&secret), now).await?;
    Ok(secret)
}

/// The project whose server key the request presents as
/// `Authorization: Bearer`; anything else is a 401 before the body is read.
#[derive(Debug, Clone)]
pub(in crate::http) struct ServerKeyProject(pub ProjectKey);

impl FromRequestParts<AppState> for ServerKeyProject {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|v| v.starts_with(PREFIX))
            .ok_or(Error::BadServerKey)?;
        // Looked up by its hash: the keys themselves are not stored.
        let key = moments::project_of_key(state.store.pool(), &token_hash(presented))
            .await?
            .ok_or(Error::BadServerKey)?;
        let key = ProjectKey::try_from(key).map_err(|_| Error::BadServerKey)?;
        Ok(Self(key))
    }
}

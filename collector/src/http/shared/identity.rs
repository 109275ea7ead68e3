//! Who an answer or event is about, as the project's identity
//! verification decides it: a claimed user id needs its proof (an
//! HMAC of it with the project's secret), an answer without a valid proof
//! is kept anonymous rather than refused, an anonymous project keeps
//! nothing identifying, and reading a user's data needs the proof always.

use crate::domain::{user_hash_is_valid, UserId, ValidResponse};
use crate::http::error::{Error, Result};
use crate::store::Project;

/// An answer is never refused for its identity: when the project verifies
/// identities and the claimed `user_id` comes without a valid proof (a page
/// that forgot to sign, a stale signature), the user id is dropped and the
/// answer kept anonymous, flagged `identity_unverified`. Refusing it would
/// lose the answer: the widget drops what a 4xx refuses.
pub(in crate::http) fn settle_identity(project: &Project, response: &mut ValidResponse) {
    if verify_user(
        project,
        response.user_id.as_ref(),
        response.user_hash.as_deref(),
    )
    .is_err()
    {
        response.user_id = None;
        response.user_hash = None;
        response.identity_unverified = true;
    }
}

/// In an anonymous project nothing identifying is kept, whatever the page
/// sent: no user id (nor its proof), no page URL, and only the traits the
/// project allows for segmenting.
pub(in crate::http) fn strip_if_anonymous(project: &Project, response: &mut ValidResponse) {
    let config = project.settings.timing.as_config();
    if config.anonymous {
        response.user_id = None;
        response.user_hash = None;
        response.url = None;
        response
            .traits
            .retain(|name| config.allowed_traits.iter().any(|t| t == name));
    }
}

/// Reading a user's data through the public API needs the proof, whatever
/// the project's setting: without identity verification there is no
/// proof, so nothing is revealed.
pub(in crate::http) fn require_proof(
    project: &Project,
    user: &UserId,
    user_hash: Option<&str>,
) -> Result<()> {
    let proven = project
        .settings
        .identity_secret
        .as_deref()
        .zip(user_hash)
        .is_some_and(|(secret, hash)| user_hash_is_valid(secret, user, hash));
    if proven {
        Ok(())
    } else {
        Err(Error::UnverifiedUser)
    }
}

/// When the project verifies identities, a claimed user id must carry a
/// valid `user_hash`; anonymous requests stay welcome.
pub(in crate::http) fn verify_user(
    project: &Project,
    user_id: Option<&UserId>,
    user_hash: Option<&str>,
) -> Result<()> {
    match (&project.settings.identity_secret, user_id) {
        (Some(secret), Some(user)) => {
            if user_hash.is_some_and(|hash| user_hash_is_valid(secret, user, hash)) {
                Ok(())
            } else {
                Err(Error::UnverifiedUser)
            }
        }
        _ => Ok(()),
    }
}

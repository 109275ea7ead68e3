//! Who may change a stored answer: its author (the secret sent with the
//! score, plus the `user_hash` when the answer belongs to a verified
//! user), within [`COMMENT_WINDOW`] of the answer.
//!
//! `PATCH /api/v1/responses/{id}` and a replayed `POST` that carries a
//! comment both come through [`authorize`]: a replay is an edit, so a
//! stranger who learnt an answer's id can no more change it (or make the
//! tag rules run on words of theirs) by replaying it than by patching it.

use time::OffsetDateTime;

use super::COMMENT_WINDOW;
use crate::domain::{ClientId, Comment, ProjectKey, ResponseSecret, UserId};
use crate::http::error::{Error, Result};
use crate::http::shared::identity::verify_user;
use crate::http::state::AppState;
use crate::store::{CommentTarget, Project};

/// The checks of an edit, before anything about the answer changes: 403
/// `wrong_secret`, `unverified_user` or `edit_window_closed`.
pub(super) fn authorize(
    project: &Project,
    target: &CommentTarget,
    secret: Option<&ResponseSecret>,
    user_hash: Option<&str>,
    now: OffsetDateTime,
) -> Result<()> {
    let authored = secret
        .zip(target.secret_hash.as_deref())
        .is_some_and(|(secret, stored)| secret.matches(stored));
    if !authored {
        return Err(Error::Forbidden(
            "wrong_secret",
            "only the author may set this comment: send the secret sent with the score".into(),
        ));
    }
    if let Some(user) = &target.user_id {
        let user = UserId::try_from(user.clone())?;
        verify_user(project, Some(&user), user_hash)?;
    }
    if now - target.created_at > COMMENT_WINDOW {
        return Err(Error::Forbidden(
            "edit_window_closed",
            format!(
                "a comment can be set within {} days of the answer",
                COMMENT_WINDOW.whole_days()
            ),
        ));
    }
    Ok(())
}

/// What a replayed `POST` may change: it fills the comment its first
/// attempt lacked (the widget folds a comment typed while the score was
/// still queued into the queued `POST`, and sends it again when the
/// first answer was lost), after the checks of a `PATCH`; it never
/// overwrites one. A replay without a comment changes nothing and needs
/// no proof. Returns the comment when it was stored, for the tag rules.
pub(super) async fn replay(
    state: &AppState,
    project: &Project,
    id: ClientId,
    comment: Option<Comment>,
    secret: Option<&ResponseSecret>,
    user_hash: Option<&str>,
) -> Result<Option<Comment>> {
    let Some(comment) = comment else {
        return Ok(None);
    };
    let key: &ProjectKey = &project.key;
    let now = OffsetDateTime::now_utc();
    // Erased since the insert found it: nothing left to change.
    let Some(target) = state.store.comment_target(key, id).await? else {
        return Ok(None);
    };
    authorize(project, &target, secret, user_hash, now)?;
    if target.has_comment {
        return Ok(None);
    }
    let found = state
        .store
        .set_comment(key, id, Some(&comment), now)
        .await?;
    Ok(found.then_some(comment))
}

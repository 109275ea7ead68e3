//! An impression or outcome of a prompt, parsed from the wire.

use nps_protocol::{EventKind, NewEvent};

use super::announcement::notice_id;
use super::response::user_hash;
use super::{ClientId, EventName, Invalid, ProjectKey, UserId, VariantId};

/// An event whose every field was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEvent {
    /// Idempotency key.
    pub id: ClientId,
    /// Owning project.
    pub key: ProjectKey,
    /// Shown, declined, snoozed, opted out, or a notice seen.
    pub kind: EventKind,
    /// The moment that triggered the prompt.
    pub moment: Option<EventName>,
    /// Host app's user id.
    pub user_id: Option<UserId>,
    /// Claimed proof of `user_id`, checked against the project's secret.
    pub user_hash: Option<String>,
    /// The notice seen (`notice_seen`, which needs it and a user id).
    pub notice: Option<String>,
    /// The moment's variant the person was shown, in an experiment.
    pub variant: Option<VariantId>,
}

impl TryFrom<NewEvent> for ValidEvent {
    type Error = Invalid;

    fn try_from(e: NewEvent) -> Result<Self, Self::Error> {
        let notice = e
            .notice
            .as_deref()
            .map(notice_id)
            .transpose()?
            .map(str::to_owned);
        if e.kind == EventKind::NoticeSeen && (notice.is_none() || e.user_id.is_none()) {
            return Err(Invalid::new(
                "invalid_notice",
                "a notice_seen event needs notice (the notice's id) and user_id",
            ));
        }
        Ok(Self {
            id: ClientId::try_from(e.id.as_str())?,
            key: ProjectKey::try_from(e.key)?,
            kind: e.kind,
            moment: e.moment.map(EventName::try_from).transpose()?,
            user_id: e.user_id.map(UserId::try_from).transpose()?,
            user_hash: e.user_hash.map(user_hash).transpose()?,
            notice,
            variant: e.variant.map(VariantId::try_from).transpose()?,
        })
    }
}

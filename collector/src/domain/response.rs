//! A response as the collector accepts it: the wire [`NewResponse`] parsed
//! field by field.

use nps_protocol::NewResponse;
use uuid::Uuid;

use super::{
    Comment, EventName, Invalid, Locale, PageUrl, ProjectKey, ResponseSecret, Score, UserId,
    ValidTraits, VariantId,
};

/// A client-generated UUID (of a response or an event): its idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientId(Uuid);

impl ClientId {
    /// The UUID.
    pub fn uuid(self) -> Uuid {
        self.0
    }
}

impl TryFrom<&str> for ClientId {
    type Error = Invalid;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        Uuid::try_parse(raw)
            .ok()
            .filter(|u| !u.is_nil())
            .map(Self)
            .ok_or_else(|| {
                Invalid::new(
                    "invalid_id",
                    "id must be a UUID, e.g. from crypto.randomUUID()",
                )
            })
    }
}

/// A claimed `user_hash`: hex, at most 128 characters.
pub(crate) fn user_hash(raw: String) -> Result<String, Invalid> {
    if raw.len() <= 128 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(raw)
    } else {
        Err(Invalid::new(
            "invalid_user_hash",
            "user_hash must be the hex HMAC-SHA256 of the user id",
        ))
    }
}

/// A response whose every field was checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidResponse {
    /// Idempotency key.
    pub id: ClientId,
    /// Owning project.
    pub key: ProjectKey,
    /// 0–10.
    pub score: Score,
    /// Optional "why?".
    pub comment: Option<Comment>,
    /// Host app's user id.
    pub user_id: Option<UserId>,
    /// Claimed proof of `user_id`, checked against the project's secret.
    pub user_hash: Option<String>,
    /// The moment that triggered the prompt.
    pub moment: Option<EventName>,
    /// Traits from `identify`.
    pub traits: ValidTraits,
    /// Language of the prompt.
    pub locale: Option<Locale>,
    /// Page the answer came from.
    pub url: Option<PageUrl>,
    /// The author's secret, needed to set the comment later.
    pub secret: Option<ResponseSecret>,
    /// A `user_id` was claimed without a valid proof in a project that
    /// verifies identities: it was dropped, and the answer kept anonymous.
    pub identity_unverified: bool,
    /// Brought in by an import (`crate::import`), not collected live: stored
    /// with `source = 'import'`, shown as such, never alerted on.
    pub imported: bool,
    /// The moment's variant the person was shown, in an experiment.
    pub variant: Option<VariantId>,
}

impl ValidResponse {
    /// What the `source` column stores: `None` for a live answer.
    pub fn source(&self) -> Option<&'static str> {
        self.imported.then_some("import")
    }

    /// Whole days from the user's signup (the `signed_up_at` trait) to
    /// `answered`; `None` without a readable signup or when the answer
    /// predates it.
    pub fn tenure_days(&self, answered: time::OffsetDateTime) -> Option<i64> {
        let signup = crate::stats::signup_millis(self.traits.as_map().get("signed_up_at")?)?;
        let answered = (answered.unix_timestamp_nanos() / 1_000_000) as i64;
        let days = crate::stats::tenure_days(signup, answered);
        (days >= 0).then_some(days)
    }
}

impl TryFrom<NewResponse> for ValidResponse {
    type Error = Invalid;

    fn try_from(r: NewResponse) -> Result<Self, Self::Error> {
        Ok(Self {
            id: ClientId::try_from(r.id.as_str())?,
            key: ProjectKey::try_from(r.key)?,
            score: Score::try_from(r.score)?,
            comment: Comment::parse_optional(r.comment)?,
            user_id: r.user_id.map(UserId::try_from).transpose()?,
            user_hash: r.user_hash.map(user_hash).transpose()?,
            moment: r.moment.map(EventName::try_from).transpose()?,
            traits: r
                .traits
                .map(ValidTraits::try_from)
                .transpose()?
                .unwrap_or_default(),
            locale: r.locale.map(Locale::try_from).transpose()?,
            url: r.url.map(PageUrl::try_from).transpose()?,
            secret: r.secret.map(ResponseSecret::try_from).transpose()?,
            identity_unverified: false,
            imported: false,
            variant: r.variant.map(VariantId::try_from).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_non_nil_uuids() {
        assert!(ClientId::try_from("67e55044-10b1-426f-9247-bb680e5fe0c8").is_ok());
        assert!(ClientId::try_from("00000000-0000-0000-0000-000000000000").is_err());
        assert!(ClientId::try_from("not-a-uuid").is_err());
    }
}

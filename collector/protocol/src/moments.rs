//! Moments that happen on the host app's server (a ticket solved, an
//! invoice paid): recorded with the project's secret server key, then
//! handed to the user's widget by the eligibility read as pending moments.

use serde::{Deserialize, Serialize};

use crate::Traits;

/// Default days a moment sent by a server stays pending.
pub const PENDING_MOMENT_DAYS: u32 = 7;

/// `POST /api/v1/moments` (with `Authorization: Bearer <server key>`): a
/// moment of one user, recorded by the host app's backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMoment {
    /// The host app's user id, as its widget passes it to `identify`.
    pub user_id: String,
    /// The moment's name, as `track` would name it (e.g.
    /// `support_ticket_resolved`, or a quiet-period event such as
    /// `support_contacted`).
    pub moment: String,
    /// When it happened (RFC 3339); default: when it arrives. At most an
    /// hour ahead of the collector's clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Properties of the moment, flat like traits; kept with it (and in the
    /// user's data export), not used by the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub props: Option<Traits>,
}

/// What `POST /api/v1/moments` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MomentReceipt {
    /// The recorded moment's id.
    pub id: String,
}

/// A moment sent by the host app's server that has not prompted yet, as the
/// eligibility read hands it to the user's widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingMoment {
    /// The moment's name.
    pub moment: String,
    /// When it happened, Unix milliseconds.
    pub at: f64,
}

/// `POST /api/v1/projects/{key}/server-key`: the project's new server key,
/// shown this once (only its hash is stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerKey {
    /// The project's public key.
    pub key: String,
    /// The secret server key, for `Authorization: Bearer` on
    /// `POST /api/v1/moments`; the previous one stopped working.
    pub server_key: String,
}

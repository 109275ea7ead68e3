//! The team: sessions (sign in and out) and members (`/api/v1/session`,
//! `/api/v1/members`).

use serde::{Deserialize, Serialize};

/// What a signed-in person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, configuration included.
    Admin,
    /// Reads everything, works the follow-up inbox, tags answers.
    Member,
}

impl Role {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Credentials {
    /// The sign-in e-mail.
    pub email: String,
    /// The password.
    pub password: String,
}

/// Who is signed in (`GET|POST /api/v1/session`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    /// Their e-mail.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// Echo it in `X-CSRF-Token` on every write.
    pub csrf_token: String,
}

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// Their sign-in e-mail.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// When they were added, Unix ms.
    pub created_at: i64,
}

/// `GET /api/v1/members`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Members {
    /// The team.
    pub members: Vec<Member>,
}

/// `POST /api/v1/members`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    /// Their sign-in e-mail.
    pub email: String,
    /// `admin` or `member` (anything else: 422 `invalid_role`).
    pub role: String,
    /// At least 10 characters; they change it by asking an admin (no
    /// e-mail is sent by this server).
    pub password: String,
}

/// `PATCH /api/v1/members/{email}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleChange {
    /// `admin` or `member`.
    pub role: String,
}

/// `DELETE /api/v1/members/{email}/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revoked {
    /// Sessions ended.
    pub sessions: u64,
}

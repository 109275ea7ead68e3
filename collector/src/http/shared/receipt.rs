//! What the widget's writes answer: the id, and whether it was stored now
//! (201) or had been before (200, an idempotent replay).

use axum::http::StatusCode;
use axum::Json;
use nps_protocol::ResponseReceipt;

use crate::domain::ClientId;
use crate::store::Inserted;

/// The receipt of a stored (201) or replayed (200) response or event.
pub(in crate::http) fn receipt(
    id: ClientId,
    inserted: Inserted,
) -> (StatusCode, Json<ResponseReceipt>) {
    let created = inserted == Inserted::Created;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let id = id.uuid().to_string();
    (status, Json(ResponseReceipt { id, created }))
}

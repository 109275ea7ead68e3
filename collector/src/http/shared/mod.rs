//! What several features of the API read, in one place so that no feature
//! reaches into another: the project a request names, the identity rules,
//! the query parameters and filters, the views of answers and scores, the
//! receipt of a write, a project's changes, the tag rules and the server
//! keys.

pub(super) mod answers;
pub(super) mod identity;
pub(super) mod project;
pub(super) mod project_changes;
pub(super) mod query;
pub(super) mod receipt;
pub(super) mod scores;
pub(super) mod server_key;
pub(super) mod tag_rules;

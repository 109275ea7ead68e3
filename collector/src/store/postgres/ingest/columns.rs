//! A batch as the ingest statement takes it: one array per column
//! (PostgreSQL's `UNNEST` turns them back into rows), with each response's
//! roll-up keys computed here and its traits flattened to (row, name,
//! value).

use crate::domain::{ResponseSecret, ValidEvent, ValidResponse};
use crate::store::queries::kind_name;
use crate::store::rollup::{keys, trait_keys};
use crate::store::StoreResult;

/// The responses' columns, their roll-up keys, and their traits flattened
/// to (row, name, value).
#[derive(Default)]
pub(super) struct Columns<'b> {
    pub(super) id: Vec<String>,
    pub(super) project_key: Vec<&'b str>,
    pub(super) score: Vec<i64>,
    pub(super) comment: Vec<Option<&'b str>>,
    pub(super) user_id: Vec<Option<&'b str>>,
    pub(super) moment: Vec<Option<&'b str>>,
    pub(super) traits: Vec<String>,
    pub(super) locale: Vec<Option<&'b str>>,
    pub(super) url: Vec<Option<&'b str>>,
    pub(super) at: Vec<i64>,
    pub(super) secret_hash: Vec<Option<String>>,
    pub(super) unverified: Vec<bool>,
    pub(super) tenure: Vec<Option<i64>>,
    pub(super) source: Vec<Option<&'static str>>,
    pub(super) variant: Vec<Option<&'b str>>,
    pub(super) day: Vec<i64>,
    pub(super) moment_key: Vec<String>,
    pub(super) locale_key: Vec<String>,
    pub(super) tenure_key: Vec<&'static str>,
    pub(super) trait_ord: Vec<i64>,
    pub(super) trait_name: Vec<String>,
    pub(super) trait_value: Vec<String>,
}

impl<'b> Columns<'b> {
    pub(super) fn push(&mut self, r: &'b ValidResponse, at: i64) -> StoreResult<()> {
        self.id.push(r.id.uuid().to_string());
        self.project_key.push(r.key.as_str());
        self.score.push(i64::from(r.score.value()));
        self.comment.push(r.comment.as_ref().map(|c| c.as_str()));
        self.user_id.push(r.user_id.as_ref().map(|u| u.as_str()));
        self.moment.push(r.moment.as_ref().map(|m| m.as_str()));
        self.traits.push(serde_json::to_string(r.traits.as_map())?);
        self.locale.push(r.locale.as_ref().map(|l| l.as_str()));
        self.url.push(r.url.as_ref().map(|u| u.as_str()));
        self.at.push(at);
        self.secret_hash
            .push(r.secret.as_ref().map(ResponseSecret::hash));
        self.unverified.push(r.identity_unverified);
        self.tenure
            .push(r.tenure_days(crate::store::from_millis(at)));
        self.source.push(r.source());
        self.variant.push(r.variant.as_ref().map(|v| v.as_str()));
        let k = keys(r, at);
        self.day.push(k.day);
        self.moment_key.push(k.moment);
        self.locale_key.push(k.locale);
        self.tenure_key.push(k.tenure);
        // WITH ORDINALITY counts from 1.
        let ord = self.id.len() as i64;
        for (name, value) in trait_keys(r) {
            self.trait_ord.push(ord);
            self.trait_name.push(name);
            self.trait_value.push(value);
        }
        Ok(())
    }
}

/// The events' columns.
#[derive(Default)]
pub(super) struct EventColumns<'b> {
    pub(super) id: Vec<String>,
    pub(super) project_key: Vec<&'b str>,
    pub(super) kind: Vec<&'static str>,
    pub(super) moment: Vec<Option<&'b str>>,
    pub(super) user_id: Vec<Option<&'b str>>,
    pub(super) at: Vec<i64>,
    pub(super) variant: Vec<Option<&'b str>>,
}

impl<'b> EventColumns<'b> {
    pub(super) fn push(&mut self, e: &'b ValidEvent, at: i64) {
        self.id.push(e.id.uuid().to_string());
        self.project_key.push(e.key.as_str());
        self.kind.push(kind_name(e.kind));
        self.moment.push(e.moment.as_ref().map(|m| m.as_str()));
        self.user_id.push(e.user_id.as_ref().map(|u| u.as_str()));
        self.at.push(at);
        self.variant.push(e.variant.as_ref().map(|v| v.as_str()));
    }
}

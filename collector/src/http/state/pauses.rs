//! Each sampled project's pauses ("paused until the next month"), as the
//! public config carries them, remembered so that a page view does not
//! read the month's scores. An answer this instance stores forgets its
//! project's entry (the next config read recomputes it); answers stored by
//! another instance are seen within [`TTL`].

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use nps_protocol::Sampling;

/// How long an entry is trusted without an answer stored here.
pub(crate) const TTL: Duration = Duration::from_secs(60);

/// Moments paused, by event name, with the instant they resume (RFC 3339);
/// `None` as the name pauses every moment.
pub(crate) type Paused = Vec<(Option<String>, String)>;

struct Entry {
    at: Instant,
    /// What it was computed for: another month or target is another answer.
    sampling: Sampling,
    month: String,
    paused: Paused,
}

/// The cache.
#[derive(Default)]
pub(crate) struct Pauses {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Pauses {
    /// The pauses of `project` computed for `sampling` in `month`, if fresh.
    pub(crate) fn get(&self, project: &str, sampling: &Sampling, month: &str) -> Option<Paused> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let e = entries.get(project)?;
        let fresh = e.at.elapsed() < TTL && e.sampling == *sampling && e.month == month;
        fresh.then(|| e.paused.clone())
    }

    /// Remembers what was computed.
    pub(crate) fn put(&self, project: &str, sampling: Sampling, month: String, paused: Paused) {
        let entry = Entry {
            at: Instant::now(),
            sampling,
            month,
            paused,
        };
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.insert(project.to_owned(), entry);
    }

    /// An answer arrived: the next read recomputes.
    pub(crate) fn forget(&self, project: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.remove(project);
    }
}

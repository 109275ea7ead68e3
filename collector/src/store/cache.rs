//! The project cache: a small service in the application state that
//! remembers projects for a few seconds.
//!
//! Every widget request looks its project up by key; projects change rarely,
//! so reading them from the database each time only costs throughput (it
//! was the largest cost of the ingest path after the commit itself). A
//! change on any instance is forgotten by every instance as soon as the
//! store announces it (PostgreSQL's `LISTEN/NOTIFY`); [`TTL`] bounds how
//! stale a copy can be if an announcement is lost. Unknown keys are remembered
//! too, so a bot cycling through bogus keys does not reach the database;
//! the map is bounded and simply cleared when full.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::{Project, Store, StoreResult};
use crate::domain::ProjectKey;

/// How long a project read is trusted.
pub(crate) const TTL: Duration = Duration::from_secs(5);
/// Most keys remembered at once.
const MAX_ENTRIES: usize = 10_000;

/// Shared, not copied: a request reads its project's settings (rules,
/// texts, look, origins) without cloning them, which cost dozens of
/// allocations per widget request.
type Entries = HashMap<String, (Instant, Option<Arc<Project>>)>;

/// Project lookups of a store, served from memory for [`TTL`].
pub struct ProjectCache {
    store: Arc<dyn Store>,
    entries: Arc<RwLock<Entries>>,
}

impl std::fmt::Debug for ProjectCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjectCache").finish_non_exhaustive()
    }
}

impl ProjectCache {
    /// Caches the project lookups of `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        let entries = Arc::new(RwLock::new(HashMap::new()));
        if let (Some(changes), Ok(runtime)) = (
            store.project_changes(),
            tokio::runtime::Handle::try_current(),
        ) {
            runtime.spawn(forget_changes(changes, Arc::downgrade(&entries)));
        }
        Self { store, entries }
    }

    /// The project with this key (remembered for [`TTL`], unknown keys
    /// too).
    pub async fn get(&self, key: &ProjectKey) -> StoreResult<Option<Arc<Project>>> {
        if let Some(hit) = self.cached(key) {
            return Ok(hit);
        }
        let project = self.store.project(key).await?.map(Arc::new);
        self.remember(key, project.clone());
        Ok(project)
    }

    /// Forgets `key` after a change on this instance, which then sees it
    /// at once (other instances when the store announces it).
    pub fn forget(&self, key: &ProjectKey) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key.as_str());
    }

    fn cached(&self, key: &ProjectKey) -> Option<Option<Arc<Project>>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (at, project) = entries.get(key.as_str())?;
        (at.elapsed() < TTL).then(|| project.clone())
    }

    fn remember(&self, key: &ProjectKey, project: Option<Arc<Project>>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key.as_str().to_owned(), (Instant::now(), project));
    }
}

/// Forgets each project the store announces as changed, until the cache
/// is dropped.
async fn forget_changes(
    mut changes: tokio::sync::broadcast::Receiver<String>,
    entries: std::sync::Weak<RwLock<Entries>>,
) {
    use tokio::sync::broadcast::error::RecvError;
    loop {
        let key = match changes.recv().await {
            Ok(key) => key,
            // Some announcements were missed: forget everything.
            Err(RecvError::Lagged(_)) => String::new(),
            Err(RecvError::Closed) => return,
        };
        let Some(entries) = entries.upgrade() else {
            return;
        };
        let mut entries = entries.write().unwrap_or_else(|e| e.into_inner());
        if key.is_empty() {
            entries.clear();
        } else {
            entries.remove(&key);
        }
    }
}

//! Reading a period's comments and turning the themes found in them into
//! what the API shows: counts, score, impact, previous period, examples.

use nps_protocol::admin::{Example, Previous, Theme};

use crate::domain::{Filter, ProjectKey};
use crate::http::error::Result;
use crate::http::shared::scores::{distribution, interval};
use crate::http::state::AppState;
use crate::stats::themes::{emerging, impact, scaled, share};
use crate::stats::{summarise, Distribution};
use crate::store::comments::{self, Commented, SAMPLE};
use crate::text::{find, Doc, Found};

/// Examples shown per theme.
const EXAMPLES: usize = 3;

/// The commented answers of a period, read whole or sampled.
pub(super) struct Read {
    /// All commented answers the filter selects (exact).
    pub(super) with_comment: u64,
    /// The answers read.
    pub(super) answers: Vec<Commented>,
    /// Each analysed.
    pub(super) docs: Vec<Doc>,
}

impl Read {
    /// Whether only a sample was read.
    pub(super) fn sampled(&self) -> bool {
        (self.answers.len() as u64) < self.with_comment
    }

    /// How many of the read answers have the theme's word.
    fn count(&self, stem: &str) -> u64 {
        self.docs.iter().filter(|d| d.stems.contains(stem)).count() as u64
    }
}

/// Reads the commented answers `filter` selects.
pub(super) async fn read(state: &AppState, key: &ProjectKey, filter: &Filter) -> Result<Read> {
    let (with_comment, answers) = comments::read(&*state.store, key, filter, SAMPLE).await?;
    let docs = answers
        .iter()
        .map(|a| Doc::new(&a.comment, a.locale.as_deref()))
        .collect();
    Ok(Read {
        with_comment,
        answers,
        docs,
    })
}

/// The period's answers, its comments and the themes found in them.
pub(super) struct Analysis {
    /// Every answer of the period (exact, from the roll-ups).
    pub(super) period: Distribution,
    /// Its comments.
    pub(super) now: Read,
    /// The themes.
    pub(super) found: Vec<Found>,
    /// The previous period of equal length, when the period is bounded.
    pub(super) before: Option<Read>,
}

/// Finds the themes of `filter`'s period.
pub(super) async fn analyse(
    state: &AppState,
    key: &ProjectKey,
    filter: &Filter,
) -> Result<Analysis> {
    let previous = match (filter.from, filter.to) {
        (Some(from), Some(to)) => Some(Filter {
            from: Some(from - (to - from)),
            to: Some(from),
            ..filter.clone()
        }),
        _ => None,
    };
    // The three reads are independent: side by side, on the pool's
    // connections.
    let before = async {
        match &previous {
            Some(f) => read(state, key, f).await.map(Some),
            None => Ok(None),
        }
    };
    let (period, now, before) = tokio::try_join!(
        distribution(state, key, filter),
        read(state, key, filter),
        before
    )?;
    let found = find(&now.docs);
    Ok(Analysis {
        period,
        now,
        found,
        before,
    })
}

impl Analysis {
    /// A theme's answers' scores, scaled to all commented answers when
    /// they were sampled.
    pub(super) fn distribution(&self, theme: &Found) -> Distribution {
        let d = Distribution::from_scores(
            theme
                .members
                .iter()
                .map(|i| u8::try_from(self.now.answers[*i].score).unwrap_or_default()),
        );
        scaled(&d, self.now.with_comment, self.now.answers.len() as u64)
    }

    /// A theme as the API shows it.
    pub(super) fn view(&self, theme: &Found) -> Theme {
        let d = self.distribution(theme);
        let s = summarise(&d);
        let read = self.now.answers.len() as u64;
        let in_sample = theme.members.len() as u64;
        let previous = self.before.as_ref().map(|b| {
            let then = b.count(&theme.stem);
            let n = b.answers.len() as u64;
            (
                then,
                n,
                Previous {
                    responses: if n == 0 {
                        0
                    } else {
                        (then as f64 * b.with_comment as f64 / n as f64).round() as u64
                    },
                    share: share(then, n),
                },
            )
        });
        Theme {
            id: theme.id.clone(),
            label: theme.label.clone(),
            terms: theme.terms.clone(),
            locales: theme.locales.clone(),
            responses: s.responses,
            share: share(in_sample, read),
            promoters: s.promoters,
            passives: s.passives,
            detractors: s.detractors,
            nps: s.nps,
            ci95: s.ci95.map(interval),
            impact: impact(&self.period, &d),
            emerging: previous.is_some_and(|(then, n, _)| emerging(in_sample, read, then, n)),
            previous: previous.map(|p| p.2),
            examples: theme
                .members
                .iter()
                .rev()
                .take(EXAMPLES)
                .map(|i| {
                    let a = &self.now.answers[*i];
                    Example {
                        id: a.id.clone(),
                        score: u8::try_from(a.score).unwrap_or_default(),
                        comment: a.comment.clone(),
                        locale: a.locale.clone(),
                    }
                })
                .collect(),
        }
    }
}

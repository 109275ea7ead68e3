//! What the user answered, as it is sent: the score (with the comment when
//! Send came first), the comment on its own, the prompt's impression
//! events, and how the prompt ended in the stored history. In an anonymous
//! project every request is stripped of the user first
//! (`rules::anonymous`); while privacy keeps the widget silent nothing new
//! is queued or stored.

use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse};

use super::{Config, Effect, Notice, State, Step};
use crate::rules::anonymous;
use crate::rules::outbox::Request;
use crate::rules::privacy::Gate;
use crate::rules::timing::Outcome;

/// `Some(allowed traits)` when what is sent must be anonymous.
fn anonymity(s: &State) -> Option<&[String]> {
    match &s.config {
        Config::Ready(c) if c.anonymous => Some(&c.allowed_traits),
        _ => None,
    }
}

impl Step<'_> {
    /// Queues the chosen score if not sent yet, with `comment` when Send
    /// came first (one request instead of two).
    pub(super) fn commit(&mut self, comment: Option<&str>) {
        let s = &mut *self.state;
        let (Some(project), Some(p)) = (&s.project, s.prompt.as_mut()) else {
            return;
        };
        let Some(score) = p.submission.commit() else {
            return;
        };
        let mut body = NewResponse {
            variant: p.variant.clone(),
            id: p.id.clone(),
            key: project.key.clone(),
            score,
            comment: comment.map(str::to_owned),
            user_id: s.user_id.clone(),
            user_hash: s.user_hash.clone(),
            moment: p.moment.clone(),
            traits: (!s.traits.is_empty()).then(|| s.traits.clone()),
            locale: Some(p.props.locale.code().to_owned()),
            url: self.world.href.clone(),
            secret: Some(p.secret.clone()),
        };
        if let Some(allowed) = anonymity(s) {
            anonymous::anonymise_response(&mut body, allowed);
        }
        self.remember(Some(Outcome::Answered), false);
        self.enqueue(Request::Response(body));
        self.emit(Effect::Notify(Notice::Answered(score, None)));
        if let Some(c) = comment {
            self.emit(Effect::Notify(Notice::Answered(score, Some(c.to_owned()))));
        }
    }

    /// Send: the score and comment in one POST if the score is still
    /// pending, otherwise the comment on its own. An empty comment sends
    /// nothing more.
    pub(super) fn send_comment(&mut self, comment: &str) {
        let s = &*self.state;
        let Some(p) = &s.prompt else { return };
        let Some(score) = p.submission.sent() else {
            return self.commit(Some(comment).filter(|c| !c.is_empty()));
        };
        let Some(project) = &s.project else { return };
        if comment.is_empty() {
            return;
        }
        let mut update = CommentUpdate {
            key: project.key.clone(),
            comment: comment.to_owned(),
            secret: Some(p.secret.clone()),
            user_hash: s.user_hash.clone(),
        };
        if anonymity(s).is_some() {
            anonymous::anonymise_comment(&mut update);
        }
        let id = p.id.clone();
        self.enqueue(Request::Comment { id, update });
        self.emit(Effect::Notify(Notice::Answered(
            score,
            Some(comment.to_owned()),
        )));
    }

    /// Queues an impression event (`shown`, `declined`, `snoozed`,
    /// `opted_out`) of the open prompt.
    pub(super) fn record(&mut self, kind: EventKind) {
        let s = &*self.state;
        let (Some(project), Some(p)) = (&s.project, &s.prompt) else {
            return;
        };
        let mut event = NewEvent {
            variant: p.variant.clone(),
            id: String::new(),
            key: project.key.clone(),
            kind,
            moment: p.moment.clone(),
            user_id: s.user_id.clone(),
            user_hash: s.user_hash.clone(),
            notice: None,
        };
        if anonymity(s).is_some() {
            anonymous::anonymise_event(&mut event);
        }
        if self.may_store() {
            self.emit(Effect::Record(event));
        }
    }

    /// Queues `request`; nothing new while privacy keeps the widget silent.
    fn enqueue(&mut self, request: Request) {
        if self.may_store() {
            self.emit(Effect::Enqueue(request));
        }
    }

    fn may_store(&self) -> bool {
        let s = &*self.state;
        s.privacy.gate(s.project_dnt()) == Gate::Open
    }

    /// Records how the open prompt ended, and the opt-out, in the stored
    /// history.
    pub(super) fn remember(&mut self, outcome: Option<Outcome>, opted_out: bool) {
        let Some(p) = &self.state.prompt else { return };
        if outcome.is_none() && !opted_out || !self.may_store() {
            return;
        }
        let moment = p.moment.clone();
        if let Some(outcome) = outcome {
            self.history.record_outcome(moment.as_deref(), outcome);
        }
        if opted_out {
            self.history.opt_out(self.now);
        }
        self.save_history();
    }
}

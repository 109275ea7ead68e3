//! What the user answered, and what became of the prompt, queued in the
//! outbox for delivery (see [`super::delivery`]). In an anonymous project
//! every request is stripped of the user first (`rules::anonymous`).

use nps_protocol::{CommentUpdate, EventKind, NewEvent, NewResponse};
use wasm_bindgen::JsValue;

use super::Controller;
use crate::browser::{self, uuid};
use crate::events::{detail, dispatch, nullable, Event};
use crate::rules::anonymous;
use crate::rules::outbox::Request;
use crate::rules::timing::Outcome;

impl Controller {
    /// Queues the chosen score if it has not been sent yet, with `comment`
    /// when Send came first (one request instead of two).
    pub(super) fn commit(&self, comment: Option<&str>) {
        let (request, score, listeners) = {
            let mut s = self.state.borrow_mut();
            let s = &mut *s;
            let (Some(project), Some(p)) = (&s.project, s.prompt.as_mut()) else {
                return;
            };
            let Some(score) = p.submission.commit() else {
                return;
            };
            let mut body = NewResponse {
                id: p.id.clone(),
                key: project.key.clone(),
                score,
                comment: comment.map(str::to_owned),
                user_id: s.user_id.clone(),
                user_hash: s.user_hash.clone(),
                moment: p.moment.clone(),
                traits: (!s.traits.is_empty()).then(|| s.traits.clone()),
                locale: Some(p.locale.code().to_owned()),
                url: browser::page_url(),
                secret: Some(p.secret.clone()),
            };
            if let Some(allowed) = super::privacy::anonymity(s) {
                anonymous::anonymise_response(&mut body, allowed);
            }
            (
                Request::Response(body),
                score,
                s.listeners.of(Event::Answered),
            )
        };
        self.remember(Some(Outcome::Answered), false);
        self.enqueue(request);
        dispatch(&listeners, &answered(score, None));
        if let Some(comment) = comment {
            dispatch(&listeners, &answered(score, Some(comment)));
        }
    }

    /// Send: the score and comment in one POST if the score is still pending,
    /// otherwise the comment on its own (the outbox folds it into the score's
    /// POST if that is still queued, or PATCHes it after). An empty comment
    /// sends nothing more.
    pub(super) fn send_comment(&self, comment: &str) {
        let unsent = self
            .state
            .borrow()
            .prompt
            .as_ref()
            .is_some_and(|p| p.submission.sent().is_none());
        if unsent {
            return self.commit(Some(comment).filter(|c| !c.is_empty()));
        }
        if comment.is_empty() {
            return;
        }
        let (request, score, listeners) = {
            let s = self.state.borrow();
            let (Some(project), Some(p)) = (&s.project, &s.prompt) else {
                return;
            };
            let Some(score) = p.submission.sent() else {
                return;
            };
            let mut update = CommentUpdate {
                key: project.key.clone(),
                comment: comment.to_owned(),
                secret: Some(p.secret.clone()),
                user_hash: s.user_hash.clone(),
            };
            if super::privacy::anonymity(&s).is_some() {
                anonymous::anonymise_comment(&mut update);
            }
            let request = Request::Comment {
                id: p.id.clone(),
                update,
            };
            (request, score, s.listeners.of(Event::Answered))
        };
        self.enqueue(request);
        dispatch(&listeners, &answered(score, Some(comment)));
    }

    /// Queues an impression event (`shown`, `declined`, `snoozed`,
    /// `opted_out`) of the open prompt.
    pub(super) fn record(&self, kind: EventKind) {
        let request = {
            let s = self.state.borrow();
            let (Some(project), Some(p)) = (&s.project, &s.prompt) else {
                return;
            };
            let mut event = NewEvent {
                id: uuid::new_id(),
                key: project.key.clone(),
                kind,
                moment: p.moment.clone(),
                user_id: s.user_id.clone(),
                user_hash: s.user_hash.clone(),
            };
            if super::privacy::anonymity(&s).is_some() {
                anonymous::anonymise_event(&mut event);
            }
            Request::Event(event)
        };
        self.enqueue(request);
    }
}

/// The `answered` detail: `{score, comment}` (`comment` is `null` for the
/// score alone).
fn answered(score: u8, comment: Option<&str>) -> JsValue {
    detail(&[("score", score.into()), ("comment", nullable(comment))])
}

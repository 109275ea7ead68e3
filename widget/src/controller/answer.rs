//! Sending what the user answered: the score, then maybe a comment.

use nps_protocol::{CommentUpdate, NewResponse};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::Controller;
use crate::browser::{self, http};
use crate::events::{detail, dispatch, nullable, Event};

impl Controller {
    /// POSTs the chosen score if it has not been sent yet, with `comment`
    /// when Send came first (one request instead of two).
    pub(super) fn commit(&self, comment: Option<&str>) {
        let (score, listeners) = {
            let mut s = self.state.borrow_mut();
            let s = &mut *s;
            let (Some(project), Some(p)) = (&s.project, s.prompt.as_mut()) else {
                return;
            };
            let Some(score) = p.submission.commit() else {
                return;
            };
            let body = NewResponse {
                id: p.id.clone(),
                key: project.key.clone(),
                score,
                comment: comment.map(str::to_owned),
                user_id: s.user_id.clone(),
                user_hash: None,
                moment: p.moment.clone(),
                traits: (!s.traits.is_empty()).then(|| s.traits.clone()),
                locale: Some(p.locale.code().to_owned()),
                url: browser::page_url(),
            };
            let url = http::api_url(&project.host, "/responses");
            p.post = Some(http::send_json(
                "could not send the score",
                "POST",
                url,
                &body,
            ));
            p.sent = Some(body);
            (score, s.listeners.of(Event::Answered))
        };
        dispatch(&listeners, &answered(score, None));
        if let Some(comment) = comment {
            dispatch(&listeners, &answered(score, Some(comment)));
        }
    }

    /// Send: the score and comment in one POST if the score is still pending,
    /// otherwise a PATCH after the score's POST. An empty comment sends
    /// nothing more.
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
        let (score, listeners) = {
            let s = self.state.borrow();
            let (Some(project), Some(p)) = (&s.project, &s.prompt) else {
                return;
            };
            let Some(score) = p.submission.sent() else {
                return;
            };
            let (Some(post), Some(sent)) = (p.post.clone(), p.sent.clone()) else {
                return;
            };
            let mut path = String::from("/responses/");
            path.push_str(&p.id);
            let patch_url = http::api_url(&project.host, &path);
            let post_url = http::api_url(&project.host, "/responses");
            let update = CommentUpdate {
                key: project.key.clone(),
                comment: comment.to_owned(),
            };
            spawn_local(async move {
                let stored = JsFuture::from(post).await.is_ok_and(|ok| ok.is_truthy());
                let what = "could not send the comment";
                // Either request runs, and reports its failure, on its own.
                if stored {
                    let _ = http::send_json(what, "PATCH", patch_url, &update);
                } else {
                    // The score never arrived: send it again with the
                    // comment, under the same id so it cannot count twice.
                    let retry = NewResponse {
                        comment: Some(update.comment),
                        ..sent
                    };
                    let _ = http::send_json(what, "POST", post_url, &retry);
                }
            });
            (score, s.listeners.of(Event::Answered))
        };
        dispatch(&listeners, &answered(score, Some(comment)));
    }
}

/// The `answered` detail: `{score, comment}` (`comment` is `null` for the
/// score alone).
fn answered(score: u8, comment: Option<&str>) -> JsValue {
    detail(&[("score", score.into()), ("comment", nullable(comment))])
}

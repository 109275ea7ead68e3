//! The people a `tag.shipped` body names. Unlike an answer's alert, one
//! `tag.shipped` delivery is about many people (`data.people`), so it has
//! no `user_id` of its own: a person's export finds it, and her erasure
//! takes her out of it, by reading the body.

use serde_json::Value;

/// The event type whose body lists people.
pub(crate) const TAG_SHIPPED: &str = "tag.shipped";

/// Whether the body names `user` among the people told.
pub(crate) fn names(payload: &Value, user: &str) -> bool {
    people(payload).is_some_and(|people| people.iter().any(|p| p.as_str() == Some(user)))
}

/// The body without `user` among the people told, or `None` when she is
/// not in it (or it is not a body that lists people, e.g. a Slack text,
/// which holds only a count).
pub(crate) fn without(payload: &str, user: &str) -> Option<String> {
    let mut body: Value = serde_json::from_str(payload).ok()?;
    if !names(&body, user) {
        return None;
    }
    let people = body.pointer_mut("/data/people")?.as_array_mut()?;
    people.retain(|p| p.as_str() != Some(user));
    Some(body.to_string())
}

fn people(payload: &Value) -> Option<&Vec<Value>> {
    payload.pointer("/data/people")?.as_array()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_person_is_taken_out_of_the_people_told_and_no_one_else() {
        let body =
            json!({"type": TAG_SHIPPED, "data": {"tag": "export", "people": ["alice", "bob"]}});
        assert!(names(&body, "alice"));
        assert!(!names(&body, "ali"));
        let left: Value =
            serde_json::from_str(&without(&body.to_string(), "alice").unwrap()).unwrap();
        assert_eq!(left["data"]["people"], json!(["bob"]));
        assert_eq!(left["data"]["tag"], "export");
        assert_eq!(without(&body.to_string(), "carol"), None);
    }

    #[test]
    fn a_body_without_people_is_left_alone() {
        assert_eq!(
            without(r#"{"text":"export shipped; 2 people told"}"#, "alice"),
            None
        );
        assert_eq!(without("not json", "alice"), None);
    }
}

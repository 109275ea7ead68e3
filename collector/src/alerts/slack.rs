//! The Slack (and Mattermost) message of an event: one line a team reads
//! in its channel. Everything in it that came from outside (a comment, a
//! user id, a moment) is escaped as Slack asks (`&` → `&amp;`, `<` →
//! `&lt;`, `>` → `&gt;`), so a respondent's `<!channel>` is text, not a
//! channel-wide ping, and `<https://evil…|https://nps.acme…>` is text, not
//! a disguised link. The only link in a message is ours ("Open").

use serde_json::Value;

/// Text as Slack shows it literally (its three control characters
/// escaped; nothing else is decoded, so nothing else is encoded).
pub fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A string field of an event, escaped.
fn field<'a>(v: &'a Value, fallback: &'a str) -> String {
    escape(v.as_str().unwrap_or(fallback))
}

/// A share of 0–1 as a whole percentage.
fn percent(v: &Value) -> String {
    format!("{:.0}%", v.as_f64().unwrap_or_default() * 100.0)
}

/// "; emerging: “dark mode” 2% → 23% of comments" (labels are words of
/// the comments: escaped), or nothing.
fn emerging(themes: &Value) -> String {
    let list: Vec<String> = themes
        .as_array()
        .map(|all| {
            all.iter()
                .map(|t| {
                    format!(
                        "“{}” {} → {}",
                        field(&t["label"], ""),
                        percent(&t["share_before"]),
                        percent(&t["share_now"])
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if list.is_empty() {
        String::new()
    } else {
        format!("; emerging: {} of comments", list.join(", "))
    }
}

/// The `text` of an event's message.
pub fn text(event_type: &str, data: &Value) -> String {
    let project = field(&data["project"], "");
    match event_type {
        "response.created" => {
            let r = &data["response"];
            let who = field(&r["user_id"], "anonymous");
            let moment = r["moment"]
                .as_str()
                .map(|m| format!(" after {}", escape(m)))
                .unwrap_or_default();
            let comment = r["comment"]
                .as_str()
                .map(|c| format!(": “{}”", escape(c)))
                .unwrap_or_default();
            format!(
                "New {} in {project}: {}/10 from {who}{moment}{comment} <{}|Open>",
                field(&r["category"], ""),
                r["score"],
                // Ours (public URL, project key, UUID), escaped all the same.
                field(&data["link"], "")
            )
        }
        // The reading puts the interval first while the score is
        // provisional ("3 answers: too few to estimate; between …").
        "digest.daily" => format!(
            "{project}, last 7 days: {}; {}; {} new detractors, {} overdue follow-ups{}",
            field(&data["reading"], "no answers"),
            field(&data["change"], "no comparison"),
            data["new_detractors"],
            data["overdue_followups"],
            emerging(&data["emerging_themes"]),
        ),
        "tag.shipped" => format!(
            "{project}: “{}” shipped; {} people told",
            field(&data["tag"], ""),
            data["people"].as_array().map_or(0, Vec::len)
        ),
        _ => format!("Test alert from the NPS collector for {project}"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answer(comment: &str, user: &str) -> Value {
        json!({
            "project": "acme",
            "response": {"score": 2, "category": "detractor", "comment": comment, "user_id": user,
                         "moment": "upgrade"},
            "link": "https://nps.acme.example/dashboard/?project=acme#/responses/r1",
        })
    }

    #[test]
    fn slack_gets_a_readable_line() {
        let text = text("response.created", &answer("Too slow", "u1"));
        assert_eq!(
            text,
            "New detractor in acme: 2/10 from u1 after upgrade: “Too slow” \
             <https://nps.acme.example/dashboard/?project=acme#/responses/r1|Open>"
        );
    }

    #[test]
    fn a_respondent_can_neither_mention_nor_link() {
        let comment =
            "<!channel> see <https://evil.example/x|https://nps.acme.example/ok> & <@U123>";
        let text = text("response.created", &answer(comment, "<!here>"));
        assert!(!text.contains("<!"), "no mention: {text}");
        assert!(!text.contains("<@"), "no user mention: {text}");
        assert!(!text.contains("<https://evil"), "no link: {text}");
        assert!(text.contains("&lt;!channel&gt; see &lt;https://evil.example/x|https://nps.acme.example/ok&gt; &amp; &lt;@U123&gt;"));
        assert!(text.contains("from &lt;!here&gt;"), "{text}");
        assert_eq!(text.matches('<').count(), 1, "only our link: {text}");
    }

    #[test]
    fn the_digest_names_emerging_themes_with_their_shares_escaped() {
        let data = json!({
            "project": "acme", "reading": "+20 (between 5 and 35; 40 answers)",
            "change": "no significant change", "new_detractors": 2, "overdue_followups": 0,
            "emerging_themes": [{"label": "dark <!here>", "share_before": 0.0244, "share_now": 0.2308}],
        });
        assert_eq!(
            text("digest.daily", &data),
            "acme, last 7 days: +20 (between 5 and 35; 40 answers); no significant change; \
             2 new detractors, 0 overdue follow-ups; emerging: “dark &lt;!here&gt;” 2% → 23% of comments"
        );
        let none = json!({"project": "acme", "emerging_themes": []});
        assert!(!text("digest.daily", &none).contains("emerging"));
    }

    #[test]
    fn escaping_is_exactly_slacks_three_characters() {
        assert_eq!(escape("a&b<c>d \"é' *x*"), "a&amp;b&lt;c&gt;d \"é' *x*");
        assert_eq!(escape("&amp;"), "&amp;amp;", "no double meaning");
    }
}

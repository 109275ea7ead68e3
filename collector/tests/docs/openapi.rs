//! JSON the docs show for an endpoint, against the OpenAPI document: every
//! field must be one the endpoint's request or answer declares.

use serde_json::Value;

use crate::markdown::Doc;

/// A JSON example tied to an endpoint.
pub(crate) struct Example {
    /// `doc:line`.
    pub(crate) at: String,
    /// `POST`, …
    pub(crate) method: String,
    /// `/api/v1/projects/acme` (no query).
    pub(crate) path: String,
    /// Only the request body may match (a `curl -d` body).
    pub(crate) request_only: bool,
    /// The JSON, or why it is not JSON.
    pub(crate) json: Result<Value, String>,
}

/// `METHOD /api/v1/…` in a line.
fn endpoint_in(line: &str) -> Option<(String, String)> {
    let re = regex::Regex::new(r"\b(GET|POST|PATCH|PUT|DELETE)\s+(/api/v1/[^\s`?)|,;]*)")
        .expect("regex");
    let cap = re.captures_iter(line).last()?;
    Some((
        cap[1].to_owned(),
        cap[2].trim_end_matches(['.', ':']).to_owned(),
    ))
}

/// Every ```json block (tied to the last endpoint named in the few lines
/// above it) and every `curl … -d '{…}'` body of a shell block.
pub(crate) fn examples(doc: &Doc) -> Vec<Example> {
    let mut out = Vec::new();
    for block in doc.blocks() {
        if block.lang == "json" {
            // The fence is at block.line - 1; look at up to 8 lines above it.
            let fence = block.line - 1;
            let found = (fence.saturating_sub(8).max(1)..fence)
                .rev()
                .find_map(|n| endpoint_in(doc.line(n)));
            let text = block.lines.join("\n");
            let json = serde_json::from_str(&text).map_err(|e| format!("not valid JSON: {e}"));
            let (method, path) = found.unwrap_or_default();
            out.push(Example {
                at: doc.at(block.line),
                method,
                path,
                request_only: false,
                json,
            });
        } else if matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
            for (line, logical) in crate::commands::logical_lines(&block.lines, block.line) {
                for words in crate::commands::commands(&logical) {
                    if let Some(example) = curl(&doc.at(line), &words) {
                        out.push(example);
                    }
                }
            }
        }
    }
    out
}

/// A `curl` command with a JSON body to an `/api/v1/` URL.
fn curl(at: &str, words: &[String]) -> Option<Example> {
    if words.first().map(String::as_str) != Some("curl") {
        return None;
    }
    let mut method = None;
    let mut body = None;
    let mut path = None;
    let mut it = words.iter().skip(1);
    while let Some(w) = it.next() {
        match w.as_str() {
            "-X" | "--request" => method = it.next().cloned(),
            "-d" | "--data" | "--data-raw" | "--json" => body = it.next().cloned(),
            url if url.contains("/api/v1/") => {
                let from = url.find("/api/v1/").expect("found");
                path = Some(url[from..].split('?').next().unwrap_or("").to_owned());
            }
            _ => {}
        }
    }
    let body = body?;
    let json = serde_json::from_str(&body).map_err(|e| format!("not valid JSON: {e}"));
    Some(Example {
        at: at.to_owned(),
        method: method.unwrap_or_else(|| "POST".to_owned()),
        path: path?,
        request_only: true,
        json,
    })
}

/// The fields of `example` that its endpoint does not declare, or why it
/// cannot be checked; empty when every field is declared.
pub(crate) fn check(doc: &Value, example: &Example) -> Vec<String> {
    let json = match &example.json {
        Ok(json) => json,
        Err(e) => return vec![e.clone()],
    };
    if example.method.is_empty() {
        return vec![
            "no endpoint named in the lines above this JSON: write `METHOD /api/v1/…` just before it (or fence it as `text`)"
                .to_owned(),
        ];
    }
    let Some(operation) = operation(doc, &example.method, &example.path) else {
        return vec![format!(
            "{} {} is not in the OpenAPI document",
            example.method, example.path
        )];
    };
    let mut schemas = Vec::new();
    if let Some(s) = operation.pointer("/requestBody/content/application~1json/schema") {
        schemas.push(("request", s));
    }
    if !example.request_only {
        if let Some(responses) = operation["responses"].as_object() {
            for (status, response) in responses {
                if let (true, Some(s)) = (
                    status.starts_with('2'),
                    response.pointer("/content/application~1json/schema"),
                ) {
                    schemas.push(("answer", s));
                }
            }
        }
    }
    let mut best: Option<Vec<String>> = None;
    for (what, schema) in schemas {
        let mut unknown = Vec::new();
        unknown_fields(doc, json, schema, "", &mut unknown);
        let unknown: Vec<String> = unknown
            .into_iter()
            .map(|f| format!("{f} (not in the {what})"))
            .collect();
        if best.as_ref().is_none_or(|b| unknown.len() < b.len()) {
            best = Some(unknown);
        }
    }
    best.unwrap_or_else(|| {
        vec![format!(
            "{} {} declares no JSON body",
            example.method, example.path
        )]
    })
}

/// The operation of `METHOD path`, `{param}` segments matching anything.
fn operation<'a>(doc: &'a Value, method: &str, path: &str) -> Option<&'a Value> {
    let want: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let paths = doc["paths"].as_object()?;
    paths.iter().find_map(|(template, item)| {
        let have: Vec<&str> = template.split('/').collect();
        let same = have.len() == want.len()
            && have
                .iter()
                .zip(&want)
                .all(|(h, w)| h == w || (h.starts_with('{') && h.ends_with('}')));
        same.then(|| item.get(method.to_lowercase())).flatten()
    })
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(
            doc,
            doc.pointer(r.trim_start_matches('#'))
                .unwrap_or(&Value::Null),
        ),
        None => schema,
    }
}

/// Collects the fields of `value` that `schema` does not declare, by path.
fn unknown_fields(doc: &Value, value: &Value, schema: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = serde_json::Map::new();
        for part in all {
            if let Some(props) = resolve(doc, part)
                .get("properties")
                .and_then(Value::as_object)
            {
                merged.extend(props.clone());
            }
        }
        let merged = serde_json::json!({ "properties": merged });
        return unknown_fields(doc, value, &merged, at, out);
    }
    let alternatives = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array);
    if let Some(alternatives) = alternatives {
        let best = alternatives
            .iter()
            .map(|alt| {
                let mut unknown = Vec::new();
                unknown_fields(doc, value, alt, at, &mut unknown);
                (fits(resolve(doc, alt), value), unknown)
            })
            .min_by_key(|(fits, unknown)| (!fits, unknown.len()));
        out.extend(best.map(|(_, u)| u).unwrap_or_default());
        return;
    }
    match value {
        Value::Object(fields) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let extra = schema.get("additionalProperties");
            for (name, field) in fields {
                let path = format!("{at}.{name}");
                match (props.and_then(|p| p.get(name)), extra) {
                    (Some(sub), _) => unknown_fields(doc, field, sub, &path, out),
                    (None, Some(Value::Object(_))) => {
                        unknown_fields(doc, field, extra.expect("some"), &path, out);
                    }
                    // A free-form object: any field.
                    (None, None) if props.is_none() => {}
                    (None, Some(Value::Bool(true))) => {}
                    (None, _) => out.push(path.trim_start_matches('.').to_owned()),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    unknown_fields(doc, v, item, &format!("{at}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

/// Whether the schema's type admits the value's (no type: anything).
fn fits(schema: &Value, value: &Value) -> bool {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let admits = |t: &str| t == kind || (t == "number" && kind == "integer");
    match schema.get("type") {
        Some(Value::String(t)) => admits(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(admits),
        _ => !matches!(kind, "null") || schema.get("oneOf").is_some(),
    }
}

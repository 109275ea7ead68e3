//! The page's query string as ordered pairs: what makes a view
//! bookmarkable. `trait.NAME=VALUE` filters are open-ended, so this is a
//! list, not a struct; [`crate::filters`] reads the known names from it.

/// Ordered `name=value` pairs of a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// Reads `?a=1&b=2` (the `?` is optional); empty values are dropped,
    /// they mean "no filter".
    pub(crate) fn parse(raw: &str) -> Self {
        let raw = raw.strip_prefix('?').unwrap_or(raw);
        Self(
            form_urlencoded::parse(raw.as_bytes())
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Replaces every `name` with one value (or removes it with `None`
    /// or an empty value), keeping the other pairs in order.
    pub(crate) fn set(&mut self, name: &str, value: Option<&str>) {
        self.0.retain(|(k, _)| k != name);
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            self.0.push((name.to_owned(), v.to_owned()));
        }
    }

    /// The same query with `name` set (builder form of [`Query::set`]).
    pub(crate) fn with(mut self, name: &str, value: Option<&str>) -> Self {
        self.set(name, value);
        self
    }

    /// Keeps only the pairs `keep` accepts.
    pub(crate) fn only(&self, keep: impl Fn(&str) -> bool) -> Self {
        Self(self.0.iter().filter(|(k, _)| keep(k)).cloned().collect())
    }

    /// The pairs.
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// Adds a pair (names may repeat).
    pub(crate) fn push(&mut self, name: &str, value: &str) {
        self.0.push((name.to_owned(), value.to_owned()));
    }

    /// `a=1&b=2`, percent-encoded, without the `?`.
    pub(crate) fn encode(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.0 {
            out.append_pair(k, v);
        }
        out.finish()
    }

    /// `path?query`, or `path` alone when there is no pair.
    pub(crate) fn href(&self, path: &str) -> String {
        if self.0.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", self.encode())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_survives_a_round_trip_through_the_url() {
        let q = Query::parse("?project=demo&moment=x&trait.plan=pro%20plus");
        assert_eq!(q.get("trait.plan"), Some("pro plus"));
        assert_eq!(Query::parse(&q.encode()), q);
        assert_eq!(
            q.href("/dashboard/overview"),
            "/dashboard/overview?project=demo&moment=x&trait.plan=pro+plus"
        );
    }

    #[test]
    fn empty_values_mean_no_filter() {
        let mut q = Query::parse("project=demo&moment=&q=");
        assert_eq!(q.pairs().len(), 1);
        q.set("project", Some(""));
        assert_eq!(q.href("/x"), "/x");
    }

    #[test]
    fn setting_a_name_replaces_all_its_values_and_keeps_the_order() {
        let q = Query::parse("a=1&b=2&a=3").with("a", Some("4"));
        assert_eq!(q.encode(), "b=2&a=4");
        assert_eq!(q.only(|k| k == "a").encode(), "a=4");
    }
}

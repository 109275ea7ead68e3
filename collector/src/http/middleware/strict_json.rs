//! Finds an object that names the same key twice, anywhere in a JSON
//! document. serde keeps the last value silently, so `{"score": 9,
//! "score": 2}` or two traits of the same name would be read one way here
//! and another way by whatever the client logged: refused instead.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Marker in the error message that tells a duplicate from a syntax error.
const DUPLICATE: &str = "duplicate key: ";

/// The first key named twice in one object, if any. A document that is not
/// valid JSON answers `None`: the typed parse reports that better.
pub(super) fn duplicate_key(json: &[u8]) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match UniqueKeys::deserialize(&mut deserializer) {
        Ok(UniqueKeys) => None,
        Err(e) => {
            let message = e.to_string();
            let rest = message.strip_prefix(DUPLICATE)?;
            // serde_json appends " at line L column C".
            let key = rest.rsplit_once(" at line ").map_or(rest, |(key, _)| key);
            Some(key.to_owned())
        }
    }
}

/// Any JSON value whose objects all have distinct keys.
struct UniqueKeys;

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<UniqueKeys>()?;
            if let Some(key) = seen.replace(key) {
                return Err(de::Error::custom(format_args!("{DUPLICATE}{key}")));
            }
        }
        Ok(UniqueKeys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_pass_at_every_depth() {
        let json = br#"{"a":1,"b":{"a":2,"c":[{"a":3},{"a":4}]},"d":null}"#;
        assert_eq!(duplicate_key(json), None);
    }

    #[test]
    fn a_key_named_twice_is_found_even_when_nested() {
        assert_eq!(
            duplicate_key(br#"{"score":9,"score":2}"#).as_deref(),
            Some("score")
        );
        let traits = br#"{"id":"x","traits":{"plan":"pro","plan":"free"}}"#;
        assert_eq!(duplicate_key(traits).as_deref(), Some("plan"));
        assert_eq!(
            duplicate_key(br#"[{"k":1},{"k":1,"k":2}]"#).as_deref(),
            Some("k")
        );
    }

    #[test]
    fn invalid_json_is_left_to_the_typed_parse() {
        assert_eq!(duplicate_key(b"{not json"), None);
    }
}

//! [`Map`]: a small map from name to value, on the wire a JSON object; the
//! traits of a user ([`crate::Traits`]) and a moment's trait filters.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Index;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from name to value, on the wire a JSON object: the user's traits
/// ([`crate::Traits`], from `nps('identify', userId, traits)`) and a
/// moment's trait filters.
///
/// A vector of `(name, value)` pairs kept sorted by name, with the part of
/// `BTreeMap`'s API the widget, the collector and the dashboard use. It
/// serialises exactly as `BTreeMap<String, V>` did (names in order; a
/// repeated name keeps the last value), and these maps hold a handful of
/// entries, so a vector loses nothing; but `BTreeMap`'s code weighed about
/// 1.5 KB brotli in the widget's always-loaded wasm.
#[derive(Debug, Clone, PartialEq)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> Map<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Whether `name` is set.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name`; returns its previous value.
    pub fn insert(&mut self, name: String, value: V) -> Option<V> {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// Removes `name`; returns its value.
    pub fn remove(&mut self, name: &str) -> Option<V> {
        let i = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(i).1)
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.0.retain_mut(|(n, v)| keep(n, v));
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The entries, in name order.
    pub fn iter(&self) -> MapIter<'_, V> {
        MapIter(self.0.iter())
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(n, _)| n)
    }
}

/// The entries of a [`Map`] by reference, in name order.
pub struct MapIter<'a, V>(std::slice::Iter<'a, (String, V)>);

impl<'a, V> Iterator for MapIter<'a, V> {
    type Item = (&'a String, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(n, v)| (n, v))
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = MapIter<'a, V>;

    fn into_iter(self) -> MapIter<'a, V> {
        self.iter()
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V> Extend<(String, V)> for Map<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, pairs: I) {
        for (name, value) in pairs {
            self.insert(name, value);
        }
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(pairs: I) -> Self {
        let mut traits = Self::new();
        traits.extend(pairs);
        traits
    }
}

impl<V> Index<&str> for Map<V> {
    type Output = V;

    /// The value of a name that must be set (panics otherwise, as
    /// `BTreeMap` does).
    fn index(&self, name: &str) -> &V {
        self.get(name).expect("no such key")
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Map<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for Pairs<V> {
            type Value = Map<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Map<V>, A::Error> {
                let mut map = Map::new();
                while let Some((name, value)) = access.next_entry()? {
                    map.insert(name, value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_map(Pairs(PhantomData))
    }
}

/// Described in the OpenAPI document as the `BTreeMap` it replaced, so
/// the document does not change.
#[cfg(feature = "openapi")]
mod openapi {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use utoipa::openapi::schema::Schema;
    use utoipa::openapi::RefOr;
    use utoipa::{PartialSchema, ToSchema};

    use super::Map;

    impl<V> PartialSchema for Map<V>
    where
        BTreeMap<String, V>: PartialSchema,
    {
        fn schema() -> RefOr<Schema> {
            <BTreeMap<String, V> as PartialSchema>::schema()
        }
    }

    impl<V> ToSchema for Map<V>
    where
        BTreeMap<String, V>: ToSchema,
    {
        fn name() -> Cow<'static, str> {
            <BTreeMap<String, V> as ToSchema>::name()
        }

        fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            <BTreeMap<String, V> as ToSchema>::schemas(schemas);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{TraitValue, Traits};

    #[test]
    fn traits_stay_in_name_order_and_a_repeated_name_keeps_the_last_value() {
        let t: Traits =
            serde_json::from_str(r#"{"seats":3,"plan":"pro","admin":true,"plan":"team"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"admin":true,"plan":"team","seats":3.0}"#
        );
        assert_eq!(t.len(), 3);
        assert_eq!(t.get("plan"), Some(&TraitValue::Text("team".into())));
        assert_eq!(t.get("nope"), None);
    }

    #[test]
    fn insert_replaces_and_remove_takes_out() {
        let mut t = Traits::new();
        assert_eq!(t.insert("b".into(), TraitValue::Bool(true)), None);
        assert_eq!(t.insert("a".into(), TraitValue::Number(1.0)), None);
        assert_eq!(
            t.insert("b".into(), TraitValue::Bool(false)),
            Some(TraitValue::Bool(true))
        );
        assert_eq!(t.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(t.remove("a"), Some(TraitValue::Number(1.0)));
        t.retain(|n, _| n != "b");
        assert!(t.is_empty());
    }
}

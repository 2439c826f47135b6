//! Decoding a dossier straight from its JSON text into slots, with serde
//! visitors that follow the vocabulary (a `DecodePlan`), so no
//! `serde_json::Value` tree is built and no field path is formatted.
//!
//! Only the success path lives here. Whatever this decoder does not accept
//! (bad JSON, a wrong type, an unknown keuze value, a key given twice, ...)
//! is handed to the reference decoder (`super::decode` on a parsed
//! `Value`), which then produces the very error, or result, it always does.
//! Unknown fields are parsed fully (as a `Value`), as the reference does.

use super::{Decoder, FieldPath, KeyFields};
use super::strict_json::Strict;
use super::{Dossier, DossierError};
use crate::types::Type;
use crate::value::Value;
use crate::vocab::{FieldId, Node, Vocabulary};
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// Most members one object of the plan may have (duplicate keys are found with a bitset).
const MAX_MEMBERS: usize = 256;

/// The vocabulary's object tree, arranged for decoding: members sorted by
/// key length, then key, for a binary search that compares bytes only of
/// keys as long as the one sought.
#[derive(Debug)]
pub struct DecodePlan {
    root: ObjectPlan,
    keys: KeyFields,
    /// False when an object has more than `MAX_MEMBERS` members: always use the reference.
    usable: bool,
}

#[derive(Debug)]
struct ObjectPlan {
    members: Vec<(Box<str>, Member)>,
}

#[derive(Debug)]
enum Member {
    Leaf(FieldId),
    Object(ObjectPlan),
    /// A list of objects: its own slot and its member fields.
    List(FieldId, Vec<(Box<str>, FieldId)>),
}

impl ObjectPlan {
    fn new(nodes: &HashMap<String, Node>, usable: &mut bool) -> ObjectPlan {
        let mut members: Vec<(Box<str>, Member)> = nodes
            .iter()
            .map(|(key, node)| {
                let member = match node {
                    Node::Leaf(id) => Member::Leaf(*id),
                    Node::Object(children) => Member::Object(ObjectPlan::new(children, usable)),
                    Node::ObjectList(id, fields) => {
                        let mut fields: Vec<(Box<str>, FieldId)> = fields.iter().map(|(k, f)| (k.as_str().into(), *f)).collect();
                        fields.sort();
                        Member::List(*id, fields)
                    }
                };
                (key.as_str().into(), member)
            })
            .collect();
        members.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
        *usable &= members.len() <= MAX_MEMBERS;
        ObjectPlan { members }
    }

    fn find(&self, key: &str) -> Option<(usize, &Member)> {
        let i = self.members.binary_search_by(|(k, _)| (k.len(), &**k).cmp(&(key.len(), key))).ok()?;
        self.members.get(i).map(|(_, m)| (i, m))
    }
}

impl DecodePlan {
    pub fn new(vocab: &Vocabulary) -> DecodePlan {
        let mut usable = true;
        let root = ObjectPlan::new(&vocab.root, &mut usable);
        DecodePlan { root, keys: KeyFields::of(vocab), usable }
    }
}

/// Decodes a dossier from JSON text; the same result as parsing the text
/// into a `serde_json::Value` and calling `decode`, with the same errors
/// (invalid JSON is code `json`).
pub fn decode_slice(vocab: &Vocabulary, plan: &DecodePlan, text: &[u8], today: NaiveDate) -> Result<Dossier, DossierError> {
    let text = super::strict_json::without_bom(text);
    if plan.usable {
        if let Some(d) = direct(vocab, plan, text) {
            return d.finish(plan.keys, true, today);
        }
    }
    let json: Json = super::parse_json(text)?;
    super::decode(vocab, &json, today)
}

/// The fast path; `None` means "ask the reference" (also for an absent `aanvraag`).
fn direct<'v>(vocab: &'v Vocabulary, plan: &DecodePlan, text: &[u8]) -> Option<Decoder<'v>> {
    // The reference refuses invalid UTF-8 anywhere, also in ignored fields.
    let text = std::str::from_utf8(text).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut decoder = Decoder::new(vocab);
    let mut has_aanvraag = false;
    let seed = ObjectSeed { plan: &plan.root, decoder: &mut decoder, path: &FieldPath::Root, has_aanvraag: Some(&mut has_aanvraag) };
    match seed.deserialize(&mut de) {
        Ok(true) => {}
        _ => return None,
    }
    de.end().ok()?;
    has_aanvraag.then_some(decoder)
}

/// A bitset of the members seen in one object.
struct Seen([u64; MAX_MEMBERS / 64]);

impl Seen {
    /// Marks `i`; false when it was already marked (a key given twice).
    fn mark(&mut self, i: usize) -> bool {
        match self.0.get_mut(i / 64) {
            Some(word) => {
                let bit = 1u64 << (i % 64);
                let fresh = *word & bit == 0;
                *word |= bit;
                fresh
            }
            None => false,
        }
    }
}

/// An object key, borrowed from the text where it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_string()))
    }
}

fn refuse<E: de::Error>() -> E {
    E::custom("ask the reference decoder")
}

/// One JSON object read against its plan. Yields `false` for `null` (skipped).
struct ObjectSeed<'a, 'v, 'p> {
    plan: &'a ObjectPlan,
    decoder: &'a mut Decoder<'v>,
    path: &'a FieldPath<'p>,
    /// At the top level: set when the dossier has an `aanvraag` key.
    has_aanvraag: Option<&'a mut bool>,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, '_, '_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_, '_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<bool, A::Error> {
        let mut seen = Seen([0; MAX_MEMBERS / 64]);
        let mut unknown: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let key = key.as_str();
            if let Some(flag) = self.has_aanvraag.as_deref_mut() {
                if key == "aanvraag" {
                    *flag = true;
                }
            }
            let Some((i, member)) = self.plan.find(key) else {
                if !unknown.insert(key.to_string()) {
                    return Err(refuse()); // a key given twice: the reference refuses it
                }
                let _: Json = map.next_value_seed(Strict)?;
                self.decoder.genegeerd.add(&FieldPath::Key(self.path, key));
                continue;
            };
            if !seen.mark(i) {
                return Err(refuse());
            }
            match member {
                Member::Leaf(id) => {
                    let ty = self.decoder.vocab.fields.get(*id).map(|f| &f.ty).ok_or_else(refuse)?;
                    if let Some(v) = map.next_value_seed(LeafSeed { vocab: self.decoder.vocab, ty })? {
                        self.decoder.set(*id, v);
                    }
                }
                Member::Object(plan) => {
                    let here = FieldPath::Key(self.path, key);
                    map.next_value_seed(ObjectSeed { plan, decoder: &mut *self.decoder, path: &here, has_aanvraag: None })?;
                }
                Member::List(id, members) => {
                    let value: Json = map.next_value_seed(Strict)?;
                    if !value.is_null() {
                        let here = FieldPath::Key(self.path, key);
                        self.decoder.object_list(*id, members.as_slice(), &value, &here).map_err(|_| refuse())?;
                    }
                }
            }
        }
        Ok(true)
    }
}

/// One leaf value of a known type; `None` for `null`.
struct LeafSeed<'a> {
    vocab: &'a Vocabulary,
    ty: &'a Type,
}

impl<'de> DeserializeSeed<'de> for LeafSeed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        match self.ty {
            // Lists are short: read them as JSON and type them as the reference does.
            Type::List(_) => {
                let json = Strict.deserialize(d)?;
                if json.is_null() {
                    return Ok(None);
                }
                let decoder = Decoder { vocab: self.vocab, slots: Vec::new(), genegeerd: Default::default() };
                decoder.typed(self.ty, &json, &FieldPath::Root).map(Some).map_err(|_| refuse())
            }
            _ => d.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for LeafSeed<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
        match self.ty {
            Type::Bool => Ok(Some(Value::Bool(v))),
            _ => Err(refuse()),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        match self.ty {
            Type::Int => Ok(Some(Value::Int(v))),
            Type::Money => Ok(Some(Value::Money(v))),
            Type::Enum(id) => super::keuze(self.vocab, *id, &v.to_string()).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        match (self.ty, i64::try_from(v)) {
            (Type::Int, Ok(n)) => Ok(Some(Value::Int(n))),
            (Type::Money, Ok(n)) => Ok(Some(Value::Money(n))),
            (Type::Enum(id), _) => super::keuze(self.vocab, *id, &v.to_string()).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
        match (self.ty, serde_json::Number::from_f64(v)) {
            (Type::Enum(id), Some(n)) => super::keuze(self.vocab, *id, &n.to_string()).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        match self.ty {
            Type::Text => Ok(Some(Value::Text(Arc::from(v)))),
            Type::Date => super::parse_date(v).map(|d| Some(Value::Date(d))).ok_or_else(refuse),
            Type::Enum(id) => super::keuze(self.vocab, *id, v).map(Some).ok_or_else(refuse),
            _ => Err(refuse()),
        }
    }
}

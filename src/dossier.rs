//! The dossier (contract input): JSON -> slots, checked against the
//! vocabulary. A malformed dossier is an error that names the field.

use crate::types::Type;
use crate::value::Value;
use crate::vocab::{FieldId, Node, Vocabulary};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::sync::Arc;

/// A decoded dossier: the facts by slot, `None` where unknown.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub regio: Arc<str>,
    pub peildatum: NaiveDate,
    /// `peildatum` was absent and today was taken.
    pub peildatum_vandaag: bool,
    pub soort: Arc<str>,
    /// Position of `soort` in the `aanvraagsoort` keuze list.
    pub soort_index: usize,
    pub slots: Vec<Option<Value>>,
    /// Fields in the input that the vocabulary does not know (ignored).
    pub genegeerd: Vec<String>,
}

/// Why a dossier was refused (contract: `fout`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DossierError {
    pub code: &'static str,
    pub bericht: String,
    pub veld: Option<String>,
}

impl DossierError {
    fn new(code: &'static str, veld: &str, bericht: impl Into<String>) -> Self {
        DossierError { code, bericht: bericht.into(), veld: (!veld.is_empty()).then(|| veld.to_string()) }
    }
}

impl std::fmt::Display for DossierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.veld {
            Some(v) => write!(f, "{} (veld `{v}`)", self.bericht),
            None => f.write_str(&self.bericht),
        }
    }
}

impl std::error::Error for DossierError {}

/// Decodes a dossier. `today` is used when `peildatum` is absent.
pub fn decode(vocab: &Vocabulary, json: &Json, today: NaiveDate) -> Result<Dossier, DossierError> {
    let Json::Object(top) = json else {
        return Err(DossierError::new("geen_object", "", "een dossier is een JSON-object"));
    };
    let mut d = Decoder { vocab, slots: vec![None; vocab.fields.len()], genegeerd: Vec::new() };
    d.object(&vocab.root, top, "")?;
    let text = |id: Option<&FieldId>, slots: &[Option<Value>]| match id.and_then(|i| slots.get(*i)).cloned().flatten() {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    };
    let regio = text(vocab.by_path.get("regio"), &d.slots)
        .ok_or_else(|| DossierError::new("veld_ontbreekt", "regio", "het dossier noemt geen `regio`"))?;
    if !top.contains_key("aanvraag") {
        return Err(DossierError::new("veld_ontbreekt", "aanvraag", "het dossier heeft geen `aanvraag`"));
    }
    let soort = text(vocab.by_path.get("aanvraag.soort"), &d.slots)
        .ok_or_else(|| DossierError::new("veld_ontbreekt", "aanvraag.soort", "de aanvraag noemt geen `soort`"))?;
    let soort_index = vocab
        .enum_by_name
        .get("aanvraagsoort")
        .and_then(|id| vocab.enum_index(*id, &soort))
        .unwrap_or(usize::MAX);
    let peil = vocab.by_path.get("peildatum").and_then(|i| d.slots.get(*i)).cloned().flatten();
    let (peildatum, peildatum_vandaag) = match peil {
        Some(Value::Date(p)) => (p, false),
        _ => (today, true),
    };
    Ok(Dossier { regio, peildatum, peildatum_vandaag, soort, soort_index, slots: d.slots, genegeerd: d.genegeerd })
}

struct Decoder<'v> {
    vocab: &'v Vocabulary,
    slots: Vec<Option<Value>>,
    genegeerd: Vec<String>,
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

impl Decoder<'_> {
    fn object(&mut self, nodes: &HashMap<String, Node>, obj: &Map<String, Json>, prefix: &str) -> Result<(), DossierError> {
        for (key, value) in obj {
            let Some(node) = nodes.get(key) else {
                self.genegeerd.push(join(prefix, key));
                continue;
            };
            if value.is_null() {
                continue;
            }
            match node {
                Node::Leaf(id) => {
                    let v = self.leaf(*id, value, &join(prefix, key))?;
                    if let Some(slot) = self.slots.get_mut(*id) {
                        *slot = Some(v);
                    }
                }
                Node::Object(children) => match value {
                    Json::Object(inner) => self.object(children, inner, &join(prefix, key))?,
                    _ => return Err(DossierError::new("type", &join(prefix, key), "verwacht een object")),
                },
                Node::ObjectList(list_id, members) => self.object_list(*list_id, members, value, &join(prefix, key))?,
            }
        }
        Ok(())
    }

    fn object_list(&mut self, list_id: FieldId, members: &HashMap<String, FieldId>, value: &Json, path: &str) -> Result<(), DossierError> {
        let Json::Array(items) = value else {
            return Err(DossierError::new("type", path, "verwacht een lijst van objecten"));
        };
        if let Some(slot) = self.slots.get_mut(list_id) {
            *slot = Some(Value::List((1..=items.len() as i64).map(Value::Int).collect()));
        }
        let mut lists: HashMap<&str, Option<Vec<Value>>> = members.keys().map(|k| (k.as_str(), Some(Vec::new()))).collect();
        for (i, item) in items.iter().enumerate() {
            let Json::Object(obj) = item else {
                return Err(DossierError::new("type", &format!("{path}[{i}]"), "verwacht een object"));
            };
            for (key, id) in members {
                let entry = lists.get_mut(key.as_str());
                match obj.get(key) {
                    None | Some(Json::Null) => {
                        if let Some(e) = entry {
                            *e = None;
                        }
                    }
                    Some(v) => {
                        let v = self.leaf_of(*id, v, &format!("{path}[{i}].{key}"))?;
                        if let Some(Some(list)) = entry {
                            list.push(v);
                        }
                    }
                }
            }
            for key in obj.keys() {
                if !members.contains_key(key) {
                    self.genegeerd.push(format!("{path}[{i}].{key}"));
                }
            }
        }
        for (key, id) in members {
            if let (Some(slot), Some(Some(list))) = (self.slots.get_mut(*id), lists.remove(key.as_str())) {
                *slot = Some(Value::List(list.into()));
            }
        }
        Ok(())
    }

    /// A member of a list of objects: typed by the element type of its list slot.
    fn leaf_of(&self, id: FieldId, value: &Json, path: &str) -> Result<Value, DossierError> {
        match self.vocab.fields.get(id).map(|f| &f.ty) {
            Some(Type::List(inner)) => self.typed(inner, value, path),
            Some(t) => self.typed(t, value, path),
            None => Err(DossierError::new("type", path, "onbekend veld")),
        }
    }

    fn leaf(&self, id: FieldId, value: &Json, path: &str) -> Result<Value, DossierError> {
        match self.vocab.fields.get(id) {
            Some(f) => self.typed(&f.ty, value, path),
            None => Err(DossierError::new("type", path, "onbekend veld")),
        }
    }

    fn typed(&self, ty: &Type, value: &Json, path: &str) -> Result<Value, DossierError> {
        let wrong = |what: &str| DossierError::new("type", path, format!("verwacht {what}, maar kreeg {}", json_kind(value)));
        Ok(match ty {
            Type::Bool => Value::Bool(value.as_bool().ok_or_else(|| wrong("true of false"))?),
            Type::Int => Value::Int(value.as_i64().ok_or_else(|| wrong("een geheel getal"))?),
            Type::Money => Value::Money(value.as_i64().ok_or_else(|| wrong("een geheel aantal centen"))?),
            Type::Date => {
                let s = value.as_str().ok_or_else(|| wrong("een datum JJJJ-MM-DD"))?;
                let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| DossierError::new("waarde", path, format!("`{}` is geen bestaande datum JJJJ-MM-DD", clip(s))))?;
                Value::Date(d)
            }
            Type::Text => Value::Text(Arc::from(value.as_str().ok_or_else(|| wrong("een tekst"))?)),
            Type::Enum(id) => {
                let def = self.vocab.enums.get(*id);
                let allowed = || def.map(|d| d.values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")).unwrap_or_default();
                let s = match value {
                    Json::String(s) => s.clone(),
                    // keuze lists of numbers (e.g. a cluster) may come as JSON numbers
                    Json::Number(n) => n.to_string(),
                    _ => return Err(wrong(&format!("een van: {}", allowed()))),
                };
                match def.and_then(|d| d.values.iter().find(|v| ***v == *s)) {
                    Some(v) => Value::Text(v.clone()),
                    None => {
                        return Err(DossierError::new("waarde", path, format!("`{}` is niet toegestaan; kies uit: {}", clip(&s), allowed())))
                    }
                }
            }
            Type::List(inner) => {
                let Json::Array(items) = value else { return Err(wrong("een lijst")) };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.typed(inner, item, &format!("{path}[{i}]"))?);
                }
                Value::List(out.into())
            }
            Type::Duration | Type::DayMonth | Type::Empty => return Err(wrong("een waarde die de woordenlijst niet kent")),
        })
    }
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "true/false",
        Json::Number(_) => "een getal",
        Json::String(_) => "een tekst",
        Json::Array(_) => "een lijst",
        Json::Object(_) => "een object",
    }
}

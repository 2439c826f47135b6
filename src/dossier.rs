//! The dossier (contract input): JSON -> slots, checked against the
//! vocabulary. A malformed dossier is an error that names the field.
//!
//! Two decoders with one meaning: `decode` reads a parsed `serde_json::Value`
//! (the reference), `decode_slice` reads JSON text straight into slots
//! without building a `Value` tree (the stream's hot path, see `direct`); on
//! any error it defers to the reference, so messages are the same.
//! Field paths for messages are built only when a message is made.

mod direct;
mod fout;
mod plausible;
mod strict_json;

pub use direct::{decode_slice, DecodePlan};
pub use fout::{DossierError, Melding};
pub use plausible::{MAX_YEAR, MIN_YEAR};

use crate::types::Type;
use crate::value::Value;
use crate::vocab::{FieldId, Node, Vocabulary};
use chrono::NaiveDate;
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A decoded dossier: the facts by slot, `None` where unknown.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub regio: Arc<str>,
    pub peildatum: NaiveDate,
    /// `peildatum` was absent and today was taken.
    pub peildatum_vandaag: bool,
    pub soort: Arc<str>,
    /// Position of `soort` in the `aanvraagsoort` keuze list (`None`: not in it).
    pub soort_index: Option<usize>,
    pub slots: Vec<Option<Value>>,
    /// Fields in the input that the vocabulary does not know (ignored): each
    /// name once, list positions as `[]`, at most `MAX_IGNORED` names.
    pub genegeerd: Vec<String>,
    /// How many more unknown field names there were past `MAX_IGNORED`.
    pub genegeerd_meer: usize,
}

/// Most unknown field names a dossier reports (one warning each); the rest is counted.
pub const MAX_IGNORED: usize = 50;
/// Longest unknown field name reported (characters); longer ones are cut.
const MAX_IGNORED_NAME: usize = 120;

impl Melding {
    /// A message about the value at `path`.
    fn at(path: &FieldPath, bericht: impl Into<String>) -> Self {
        Melding::over(&path.render(), bericht)
    }
}

/// Where a value sits in the dossier, rendered (`ouders.ondertekening[1].wijze`)
/// only for messages and `genegeerd`.
#[derive(Clone, Copy)]
enum FieldPath<'a> {
    Root,
    Key(&'a FieldPath<'a>, &'a str),
    Index(&'a FieldPath<'a>, usize),
}

impl FieldPath<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, false);
        out
    }
    /// The path with list positions left out (`ouders.ondertekening[].x`): one name per field.
    fn render_field(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, true);
        out
    }
    fn write(&self, out: &mut String, field_only: bool) {
        match self {
            FieldPath::Root => {}
            FieldPath::Key(parent, key) => {
                parent.write(out, field_only);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            FieldPath::Index(parent, i) => {
                parent.write(out, field_only);
                out.push('[');
                if !field_only {
                    out.push_str(&i.to_string());
                }
                out.push(']');
            }
        }
    }
}

/// Where the fields `decode` needs by name live.
#[derive(Clone, Copy, Debug)]
struct KeyFields {
    regio: Option<FieldId>,
    soort: Option<FieldId>,
    peildatum: Option<FieldId>,
}

impl KeyFields {
    fn of(vocab: &Vocabulary) -> Self {
        KeyFields {
            regio: vocab.by_path.get("regio").copied(),
            soort: vocab.by_path.get("aanvraag.soort").copied(),
            peildatum: vocab.by_path.get("peildatum").copied(),
        }
    }
}

/// Dossier JSON text as a JSON value, read the way every command reads a
/// dossier: a leading byte order mark is skipped and a key given twice in
/// one object is refused. An error is code `json`, in Dutch with line and column.
pub fn parse_json(text: &[u8]) -> Result<Json, DossierError> {
    strict_json::parse(text).map_err(|e| DossierError::Json(Melding::new(crate::diagnostics::json_error(&e))))
}

/// Decodes a dossier. `today` is used when `peildatum` is absent.
pub fn decode(vocab: &Vocabulary, json: &Json, today: NaiveDate) -> Result<Dossier, DossierError> {
    let Json::Object(top) = json else {
        return Err(DossierError::GeenObject(Melding::new("een dossier is een JSON-object")));
    };
    let mut d = Decoder::new(vocab);
    d.object(&vocab.root, top, &FieldPath::Root)?;
    d.finish(KeyFields::of(vocab), top.contains_key("aanvraag"), today)
}

/// Unknown field names, each once, in order of appearance, bounded (linear
/// in the input: a hash set, never a search through the list).
#[derive(Default)]
struct Ignored {
    names: Vec<String>,
    seen: HashSet<String>,
    more: usize,
}

impl Ignored {
    fn add(&mut self, path: &FieldPath) {
        let mut name = path.render_field();
        if name.chars().count() > MAX_IGNORED_NAME {
            name = name.chars().take(MAX_IGNORED_NAME).chain("…".chars()).collect();
        }
        if self.seen.contains(&name) {
            return;
        }
        if self.names.len() < MAX_IGNORED {
            self.names.push(name.clone());
        } else {
            self.more += 1;
        }
        self.seen.insert(name);
    }
}

/// Decoding state: the slots filled so far and the ignored field names.
struct Decoder<'v> {
    vocab: &'v Vocabulary,
    slots: Vec<Option<Value>>,
    genegeerd: Ignored,
}

/// The member fields of a list of objects, by name.
trait Members {
    fn each(&self) -> impl Iterator<Item = (&str, FieldId)>;
    fn has(&self, key: &str) -> bool;
    fn count(&self) -> usize;
}

impl Members for HashMap<String, FieldId> {
    fn each(&self) -> impl Iterator<Item = (&str, FieldId)> {
        self.iter().map(|(k, id)| (k.as_str(), *id))
    }
    fn has(&self, key: &str) -> bool {
        self.contains_key(key)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl Members for [(Box<str>, FieldId)] {
    fn each(&self) -> impl Iterator<Item = (&str, FieldId)> {
        self.iter().map(|(k, id)| (&**k, *id))
    }
    fn has(&self, key: &str) -> bool {
        self.iter().any(|(k, _)| &**k == key)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl<'v> Decoder<'v> {
    fn new(vocab: &'v Vocabulary) -> Self {
        Decoder { vocab, slots: vec![None; vocab.fields.len()], genegeerd: Ignored::default() }
    }

    fn set(&mut self, id: FieldId, v: Value) {
        if let Some(slot) = self.slots.get_mut(id) {
            *slot = Some(v);
        }
    }

    /// The checks every dossier must pass once its fields are read.
    fn finish(mut self, keys: KeyFields, has_aanvraag: bool, today: NaiveDate) -> Result<Dossier, DossierError> {
        for s in &self.vocab.standaard {
            if let Some(slot @ None) = self.slots.get_mut(s.field) {
                *slot = Some(Value::Bool(s.waarde));
            }
        }
        let text = |id: Option<FieldId>| match id.and_then(|i| self.slots.get(i)) {
            Some(Some(Value::Text(t))) => Some(t.clone()),
            _ => None,
        };
        let regio = text(keys.regio).ok_or_else(|| DossierError::VeldOntbreekt(Melding::over("regio", "het dossier noemt geen `regio`")))?;
        if !has_aanvraag {
            return Err(DossierError::VeldOntbreekt(Melding::over("aanvraag", "het dossier heeft geen `aanvraag`")));
        }
        let soort = text(keys.soort)
            .ok_or_else(|| DossierError::VeldOntbreekt(Melding::over("aanvraag.soort", "de aanvraag noemt geen `soort`")))?;
        let vocab = self.vocab;
        let soort_index = vocab.enum_by_name.get("aanvraagsoort").and_then(|id| vocab.enum_index(*id, &soort));
        let (peildatum, peildatum_vandaag) = match keys.peildatum.and_then(|i| self.slots.get(i)) {
            Some(Some(Value::Date(p))) => (*p, false),
            _ => (today, true),
        };
        plausible::check(vocab, &self.slots, keys.peildatum, peildatum)?;
        let Ignored { names: genegeerd, more: genegeerd_meer, .. } = self.genegeerd;
        Ok(Dossier { regio, peildatum, peildatum_vandaag, soort, soort_index, slots: self.slots, genegeerd, genegeerd_meer })
    }

    fn object(&mut self, nodes: &HashMap<String, Node>, obj: &Map<String, Json>, path: &FieldPath) -> Result<(), DossierError> {
        for (key, value) in obj {
            let here = FieldPath::Key(path, key);
            let Some(node) = nodes.get(key) else {
                self.genegeerd.add(&here);
                continue;
            };
            if value.is_null() {
                continue;
            }
            match node {
                Node::Leaf(id) => {
                    let v = self.leaf(*id, value, &here)?;
                    self.set(*id, v);
                }
                Node::Object(children) => match value {
                    Json::Object(inner) => self.object(children, inner, &here)?,
                    _ => return Err(DossierError::Type(Melding::at(&here, "verwacht een object"))),
                },
                Node::ObjectList(list_id, members) => self.object_list(*list_id, members, value, &here)?,
            }
        }
        Ok(())
    }

    fn object_list<M: Members + ?Sized>(&mut self, list_id: FieldId, members: &M, value: &Json, path: &FieldPath) -> Result<(), DossierError> {
        let Json::Array(items) = value else {
            return Err(DossierError::Type(Melding::at(path, "verwacht een lijst van objecten")));
        };
        self.set(list_id, Value::List((1..=items.len() as i64).map(Value::Int).collect()));
        // One column per member, in `members` order; `None` once an element lacks it.
        let mut columns: Vec<Option<Vec<Value>>> = (0..members.count()).map(|_| Some(Vec::with_capacity(items.len()))).collect();
        for (i, item) in items.iter().enumerate() {
            let at = FieldPath::Index(path, i);
            let Json::Object(obj) = item else {
                return Err(DossierError::Type(Melding::at(&at, "verwacht een object")));
            };
            for ((key, id), column) in members.each().zip(columns.iter_mut()) {
                match obj.get(key) {
                    None | Some(Json::Null) => *column = None,
                    Some(v) => {
                        let v = self.leaf_of(id, v, &FieldPath::Key(&at, key))?;
                        if let Some(list) = column {
                            list.push(v);
                        }
                    }
                }
            }
            for key in obj.keys() {
                if !members.has(key) {
                    self.genegeerd.add(&FieldPath::Key(&at, key));
                }
            }
        }
        for ((_, id), column) in members.each().zip(columns) {
            if let Some(list) = column {
                self.set(id, Value::List(list.into()));
            }
        }
        Ok(())
    }

    /// A member of a list of objects: typed by the element type of its list slot.
    fn leaf_of(&self, id: FieldId, value: &Json, path: &FieldPath) -> Result<Value, DossierError> {
        match self.vocab.fields.get(id).map(|f| &f.ty) {
            Some(Type::List(inner)) => self.typed(inner, value, path),
            Some(t) => self.typed(t, value, path),
            None => Err(DossierError::Type(Melding::at(path, "onbekend veld"))),
        }
    }

    fn leaf(&self, id: FieldId, value: &Json, path: &FieldPath) -> Result<Value, DossierError> {
        match self.vocab.fields.get(id) {
            Some(f) => self.typed(&f.ty, value, path),
            None => Err(DossierError::Type(Melding::at(path, "onbekend veld"))),
        }
    }

    fn typed(&self, ty: &Type, value: &Json, path: &FieldPath) -> Result<Value, DossierError> {
        let wrong = |what: &str| DossierError::Type(Melding::at(path, format!("verwacht {what}, maar kreeg {}", json_kind(value))));
        Ok(match ty {
            Type::Bool => Value::Bool(value.as_bool().ok_or_else(|| wrong("true of false"))?),
            Type::Int => Value::Int(whole_number(value, path, "een geheel getal")?),
            Type::Money => Value::Money(whole_number(value, path, "een geheel aantal centen")?),
            Type::Date => {
                let s = value.as_str().ok_or_else(|| wrong("een datum JJJJ-MM-DD"))?;
                Value::Date(parse_date(s).ok_or_else(|| not_a_date(s, path))?)
            }
            Type::Text => Value::Text(Arc::from(value.as_str().ok_or_else(|| wrong("een tekst"))?)),
            Type::Enum(id) => {
                let s: Cow<str> = match value {
                    Json::String(s) => Cow::Borrowed(s),
                    // keuze lists of numbers (e.g. a cluster) may come as JSON numbers
                    Json::Number(n) => Cow::Owned(n.to_string()),
                    _ => return Err(wrong(&format!("een van: {}", allowed(self.vocab, *id)))),
                };
                keuze(self.vocab, *id, &s).ok_or_else(|| not_allowed(self.vocab, *id, &s, path))?
            }
            Type::List(inner) => {
                let Json::Array(items) = value else { return Err(wrong("een lijst")) };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.typed(inner, item, &FieldPath::Index(path, i))?);
                }
                Value::List(out.into())
            }
            Type::Duration | Type::DayMonth | Type::Empty => return Err(wrong("een waarde die de woordenlijst niet kent")),
        })
    }
}

/// A date written exactly `JJJJ-MM-DD` (ten characters, no sign, no
/// spaces, two-digit month and day) that exists, in the years
/// `MIN_YEAR..=MAX_YEAR`; anything else is not a date.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() else { return None };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
    if !digits.iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n = |cs: &[&u8]| cs.iter().fold(0u32, |acc, c| acc * 10 + u32::from(**c - b'0'));
    let year = i32::try_from(n(&digits[..4])).ok().filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))?;
    NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..]))
}

/// A JSON number that is a whole number within the 64-bit range, with a
/// message that says what is wrong with `-0`, `3.0`, `3.5` or a huge number.
fn whole_number(value: &Json, path: &FieldPath, what: &str) -> Result<i64, DossierError> {
    if let Some(n) = value.as_i64() {
        return Ok(n);
    }
    let Json::Number(n) = value else {
        return Err(DossierError::Type(Melding::at(path, format!("verwacht {what}, maar kreeg {}", json_kind(value)))));
    };
    let bericht = if n.is_u64() {
        format!("`{n}` is te groot: verwacht {what} van hoogstens {}", i64::MAX)
    } else {
        match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                format!("`{n}` is geschreven als kommagetal: verwacht {what}, zonder punt of min-teken voor nul (schrijf `{}`)", f as i64)
            }
            Some(f) if f.fract() == 0.0 => format!("`{n}` is te groot of te klein: verwacht {what}"),
            _ => format!("`{n}` heeft cijfers achter de komma: verwacht {what}"),
        }
    };
    Err(DossierError::Waarde(Melding::at(path, bericht)))
}

/// The vocabulary's own text of keuze value `s` of list `id`.
fn keuze(vocab: &Vocabulary, id: usize, s: &str) -> Option<Value> {
    vocab.enums.get(id).and_then(|d| d.values.iter().find(|v| ***v == *s)).map(|v| Value::Text(v.clone()))
}

fn allowed(vocab: &Vocabulary, id: usize) -> String {
    vocab.enums.get(id).map(|d| d.values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")).unwrap_or_default()
}

fn not_allowed(vocab: &Vocabulary, id: usize, s: &str, path: &FieldPath) -> DossierError {
    let values = vocab.enums.get(id).map(|d| d.values.iter().map(|v| &**v).collect::<Vec<_>>()).unwrap_or_default();
    let hint = crate::check::suggest::closest(s, values.iter().copied()).map(|v| format!("bedoel je `{v}`? ")).unwrap_or_default();
    DossierError::Waarde(Melding::at(path, format!("`{}` is niet toegestaan; {hint}kies uit: {}", clip(s), allowed(vocab, id))))
}

fn not_a_date(s: &str, path: &FieldPath) -> DossierError {
    DossierError::Waarde(Melding::at(
        path,
        format!("`{}` is geen bestaande datum JJJJ-MM-DD tussen {MIN_YEAR} en {MAX_YEAR} (precies tien tekens, bv. 2026-01-05)", clip(s)),
    ))
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

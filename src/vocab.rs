//! The vocabulary: every dossier field with its type, the keuze lists and the
//! named uitkomsten, read from `regions/vocabulaire.toml`. Field paths get
//! their slot numbers here; rule files and dossiers are checked against it.

mod bounds;
mod contract;

pub use bounds::{Bound, Order};

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::types::{EnumId, Type};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use crate::ids::FieldId;

/// Most fields a vocabulary may declare (unknown-field sets are fixed bitsets).
pub const MAX_FIELDS: usize = 512;

/// A keuze list: its name and allowed values.
#[derive(Debug)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<Arc<str>>,
}

/// One dossier field.
#[derive(Debug)]
pub struct Field {
    /// Dotted path as rules write it, e.g. `ouders.ondertekening.wijze`.
    pub path: Arc<str>,
    /// Type as rules see it (a field inside a list of objects is a list).
    pub ty: Type,
}

/// How a dossier JSON object maps onto slots.
#[derive(Debug)]
pub enum Node {
    Object(HashMap<String, Node>),
    Leaf(FieldId),
    /// A list of objects: the slot of the list itself (element numbers), and
    /// each member field, which collects into a list slot.
    ObjectList(FieldId, HashMap<String, FieldId>),
}

/// The loaded vocabulary.
#[derive(Debug)]
pub struct Vocabulary {
    pub enums: Vec<EnumDef>,
    pub enum_by_name: HashMap<String, EnumId>,
    pub fields: Vec<Field>,
    pub by_path: HashMap<String, FieldId>,
    pub uitkomsten: HashMap<String, Type>,
    /// `[standaard]`: fields added by passend (not in contract v1) whose
    /// absence the vocabulary defines as a value, with the reason. A decoded
    /// dossier holds the value when the field is absent.
    pub standaard: Vec<Standaard>,
    pub root: HashMap<String, Node>,
    pub source: SourceFile,
    /// Plausibility bounds from `[grenzen]`, checked on every decoded dossier.
    pub bounds: Vec<Bound>,
    /// `[uitleg]`: per field the words a parent reads (label, question) and
    /// whether it is the applicant's to change (`vast`). `check` requires one
    /// for every field a rule reads.
    pub uitleg: HashMap<FieldId, VeldUitleg>,
    /// The vocabulary has an `[uitleg]` table: then every field a rule reads
    /// must have an entry (a small test vocabulary without one is exempt).
    pub uitleg_verplicht: bool,
    /// `[waardelabels]`: a keuze value in words (`so` -> `speciaal onderwijs`).
    pub waardelabels: HashMap<String, Arc<str>>,
    /// Each `[velden]` entry as written (`ouders.lijst[].naam`) with the span
    /// of its type, in file order (for lint's unread fields).
    pub declared: Vec<(String, Span)>,
    /// `[niet_gebruikt]`: a field no rule reads, as written, with the reason
    /// and the reason's span (for lint).
    pub niet_gebruikt: Vec<(String, Arc<str>, Span)>,
}

/// How a field is named for a parent or school (`[uitleg]` in the vocabulary).
#[derive(Debug, Clone, Deserialize)]
pub struct VeldUitleg {
    /// The fact in words, e.g. `de datum van de toelaatbaarheidsverklaring`.
    pub label: Arc<str>,
    /// The question that asks for it.
    pub vraag: Arc<str>,
    /// Not the applicant's to change (a birth date, the peildatum): never
    /// proposed by `explain --wat-als`.
    #[serde(default)]
    pub vast: bool,
}

/// A declared value for an absent field (`[standaard]` in the vocabulary).
#[derive(Debug, Clone)]
pub struct Standaard {
    pub field: FieldId,
    pub waarde: bool,
    pub reden: Arc<str>,
}

#[derive(Deserialize)]
struct StandaardEntry {
    waarde: bool,
    reden: String,
}

#[derive(Deserialize)]
struct VocabFile {
    keuzes: BTreeMap<String, Vec<String>>,
    velden: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    uitkomsten: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    grenzen: BTreeMap<String, toml::Spanned<bounds::BoundSpec>>,
    #[serde(default)]
    standaard: BTreeMap<String, toml::Spanned<StandaardEntry>>,
    #[serde(default)]
    uitleg: BTreeMap<String, toml::Spanned<VeldUitleg>>,
    #[serde(default)]
    waardelabels: BTreeMap<String, String>,
    #[serde(default)]
    niet_gebruikt: BTreeMap<String, toml::Spanned<String>>,
}

impl Vocabulary {
    /// Reads and validates the vocabulary file.
    pub fn load(source: &SourceFile) -> Result<Vocabulary, Vec<Problem>> {
        let file: VocabFile = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().map(|r| Span::new(r.start, r.end)).unwrap_or_default();
            vec![Problem::new(Code::Woordenlijst, source, span, format!("woordenlijst onleesbaar: {}", e.message()))
                .help("de woordenlijst heeft de tabellen [keuzes], [velden], [uitkomsten] en [grenzen]")]
        })?;
        let mut problems = Vec::new();
        let mut vocab = Vocabulary {
            enums: Vec::new(),
            enum_by_name: HashMap::new(),
            fields: Vec::new(),
            by_path: HashMap::new(),
            uitkomsten: HashMap::new(),
            standaard: Vec::new(),
            root: HashMap::new(),
            source: source.clone(),
            uitleg: HashMap::new(),
            uitleg_verplicht: !file.uitleg.is_empty(),
            waardelabels: file.waardelabels.iter().map(|(k, v)| (k.clone(), Arc::from(v.as_str()))).collect(),
            bounds: Vec::new(),
            declared: file.velden.iter().map(|(k, v)| (k.clone(), Span::new(v.span().start, v.span().end))).collect(),
            niet_gebruikt: file.niet_gebruikt.iter().map(|(k, v)| (k.clone(), Arc::from(v.get_ref().as_str()), Span::new(v.span().start, v.span().end))).collect(),
        };
        for (name, values) in &file.keuzes {
            vocab.enum_by_name.insert(name.clone(), vocab.enums.len());
            vocab.enums.push(EnumDef { name: name.clone(), values: values.iter().map(|v| Arc::from(v.as_str())).collect() });
        }
        vocab.add_fields(&file, source, &mut problems);
        vocab.add_standaard(&file.standaard, source, &mut problems);
        vocab.add_uitleg(&file.uitleg, source, &mut problems);
        if vocab.fields.len() > MAX_FIELDS {
            problems.push(Problem::new(
                Code::Woordenlijst,
                source,
                Span::default(),
                format!("de woordenlijst heeft {} velden; passend kan er hoogstens {MAX_FIELDS} aan", vocab.fields.len()),
            ));
        }
        vocab.bounds = bounds::load(&vocab, &file.grenzen, source, &mut problems);
        if problems.is_empty() {
            problems.extend(contract::check(&vocab, source));
        }
        if problems.is_empty() {
            Ok(vocab)
        } else {
            Err(problems)
        }
    }

    /// The `[velden]` and `[uitkomsten]` with their types.
    fn add_fields(&mut self, file: &VocabFile, source: &SourceFile, problems: &mut Vec<Problem>) {
        for (path, ty) in &file.velden {
            let span = Span::new(ty.span().start, ty.span().end);
            let Some(leaf) = self.parse_type(ty.get_ref()) else {
                problems.push(bad_type(source, span, ty.get_ref()));
                continue;
            };
            if let Err(p) = self.add_field(path, leaf, source, span) {
                problems.push(*p);
            }
        }
        for (name, ty) in &file.uitkomsten {
            let span = Span::new(ty.span().start, ty.span().end);
            match self.parse_type(ty.get_ref()) {
                Some(t) => {
                    self.uitkomsten.insert(name.clone(), t);
                }
                None => problems.push(bad_type(source, span, ty.get_ref())),
            }
        }
    }

    /// `[standaard]`: a default for a yes/no field, with its reason.
    fn add_standaard(&mut self, entries: &BTreeMap<String, toml::Spanned<StandaardEntry>>, source: &SourceFile, problems: &mut Vec<Problem>) {
        for (path, entry) in entries {
            let span = Span::new(entry.span().start, entry.span().end);
            let e = entry.get_ref();
            match self.by_path.get(path).copied() {
                Some(id) if self.field(id).is_some_and(|f| f.ty == Type::Bool) && !e.reden.trim().is_empty() => {
                    self.standaard.push(Standaard { field: id, waarde: e.waarde, reden: Arc::from(e.reden.as_str()) });
                }
                _ => problems.push(
                    Problem::new(Code::Woordenlijst, source, span, format!("standaard voor `{path}` kan niet"))
                        .help("een standaard geldt alleen voor een ja/nee-veld uit [velden] en heeft een `reden`"),
                ),
            }
        }
    }

    /// `[uitleg]`: a field's label and question.
    fn add_uitleg(&mut self, entries: &BTreeMap<String, toml::Spanned<VeldUitleg>>, source: &SourceFile, problems: &mut Vec<Problem>) {
        for (path, entry) in entries {
            let span = Span::new(entry.span().start, entry.span().end);
            let e = entry.get_ref();
            match self.by_path.get(path.replace("[]", "").as_str()).copied() {
                Some(id) if !e.label.trim().is_empty() && !e.vraag.trim().is_empty() => {
                    self.uitleg.insert(id, e.clone());
                }
                _ => problems.push(
                    Problem::new(Code::Woordenlijst, source, span, format!("uitleg voor `{path}` kan niet"))
                        .help("[uitleg] noemt een veld uit [velden] met een `label` en een `vraag`"),
                ),
            }
        }
    }

    fn parse_type(&self, text: &str) -> Option<Type> {
        Some(match text {
            "bool" => Type::Bool,
            "geheel" => Type::Int,
            "datum" => Type::Date,
            "tekst" => Type::Text,
            "bedrag" => Type::Money,
            _ => {
                if let Some(rest) = text.strip_prefix("lijst:") {
                    Type::List(Box::new(self.parse_type(rest)?))
                } else if let Some(name) = text.strip_prefix("keuze:") {
                    Type::Enum(*self.enum_by_name.get(name)?)
                } else {
                    return None;
                }
            }
        })
    }

    fn add_field(&mut self, path: &str, leaf: Type, source: &SourceFile, span: Span) -> Result<(), Box<Problem>> {
        let clash = || -> Box<Problem> {
            Box::new(Problem::new(Code::Woordenlijst, source, span, format!("veld `{path}` botst met een ander veld"))
                .help("een veld kan niet tegelijk een waarde en een object met velden zijn"))
        };
        let id = FieldId::new(self.fields.len());
        let (prefix, member) = match path.split_once("[].") {
            Some((p, m)) => (p, Some(m)),
            None => (path, None),
        };
        let mut parts: Vec<&str> = prefix.split('.').collect();
        let last = parts.pop().unwrap_or("");
        let mut map = &mut self.root;
        for part in parts {
            let node = map.entry(part.to_string()).or_insert_with(|| Node::Object(HashMap::new()));
            match node {
                Node::Object(m) => map = m,
                _ => return Err(clash()),
            }
        }
        let ty = match member {
            None => {
                if map.contains_key(last) {
                    return Err(clash());
                }
                map.insert(last.to_string(), Node::Leaf(id));
                leaf
            }
            Some(member) => {
                if !map.contains_key(last) {
                    // The list itself: the numbers 1..n of its elements (for `aantal`, `bekend`).
                    let list_id = FieldId::new(self.fields.len());
                    self.by_path.insert(prefix.to_string(), list_id);
                    self.fields.push(Field { path: Arc::from(prefix), ty: Type::List(Box::new(Type::Int)) });
                    map.insert(last.to_string(), Node::ObjectList(list_id, HashMap::new()));
                }
                let id = FieldId::new(self.fields.len());
                match map.get_mut(last) {
                    Some(Node::ObjectList(_, m)) => {
                        m.insert(member.to_string(), id);
                    }
                    _ => return Err(clash()),
                }
                Type::List(Box::new(leaf))
            }
        };
        let id = FieldId::new(self.fields.len());
        let dotted: String = path.replace("[]", "");
        self.by_path.insert(dotted.clone(), id);
        self.fields.push(Field { path: Arc::from(dotted), ty });
        Ok(())
    }

    /// The field in slot `id`.
    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.get(id.index())
    }

    /// The words for a field (`[uitleg]`), by its slot.
    pub fn veld_uitleg(&self, id: FieldId) -> Option<&VeldUitleg> {
        self.uitleg.get(&id)
    }

    /// A keuze value in words: `[waardelabels]`, else the value with spaces.
    pub fn waarde_label(&self, value: &str) -> String {
        self.waardelabels.get(value).map_or_else(|| value.replace('_', " "), |l| l.to_string())
    }

    /// Names of the keuze lists, for describing types.
    pub fn enum_names(&self) -> Vec<String> {
        self.enums.iter().map(|e| e.name.clone()).collect()
    }

    /// Position of `value` in keuze list `id`.
    pub fn enum_index(&self, id: EnumId, value: &str) -> Option<usize> {
        self.enums.get(id)?.values.iter().position(|v| &**v == value)
    }
}

fn bad_type(source: &SourceFile, span: Span, text: &str) -> Problem {
    Problem::new(Code::Woordenlijst, source, span, format!("onbekend type `{text}`"))
        .help("types zijn bool, geheel, datum, tekst, bedrag, keuze:<lijst>, lijst:<type>")
}

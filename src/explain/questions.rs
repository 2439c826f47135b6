//! The questions a `null` decision leaves open, phrased from the vocabulary:
//! the field's group and name in words, what kind of answer it takes, and
//! the rules that wait for it.

use crate::types::Type;
use crate::vocab::Vocabulary;
use serde::Serialize;
use std::sync::Arc;

/// One question still to answer before the rules can decide.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Vraag {
    /// The dossier field (dotted name) that answers it.
    pub veld: Arc<str>,
    /// The question in Dutch.
    pub vraag: String,
    /// The rules (ids) that cannot decide without it.
    pub nodig_voor: Vec<Arc<str>>,
}

/// `opp.handelingsdeel_ondertekend` -> `OPP – handelingsdeel ondertekend`.
pub fn label(path: &str) -> String {
    let mut parts = path.split('.');
    let group = parts.next().unwrap_or("");
    let rest: Vec<String> = parts.map(|p| p.replace('_', " ")).collect();
    let group = if group.len() <= 3 { group.to_uppercase() } else { capitalize(&group.replace('_', " ")) };
    if rest.is_empty() {
        group
    } else {
        format!("{group} – {}", rest.join(" – "))
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The question for one field, by its type in the vocabulary.
pub fn question(vocab: &Vocabulary, path: &str) -> String {
    let ty = vocab.by_path.get(path).and_then(|id| vocab.field(*id)).map(|f| &f.ty);
    let what = match ty {
        Some(t) => answer_kind(vocab, t),
        None => "wat is het?".to_string(),
    };
    format!("{}: {what}", label(path))
}

fn answer_kind(vocab: &Vocabulary, ty: &Type) -> String {
    match ty {
        Type::Bool => "ja of nee?".into(),
        Type::Date => "op welke datum? (JJJJ-MM-DD)".into(),
        Type::Int => "hoeveel? (een geheel getal)".into(),
        Type::Money => "welk bedrag? (in hele centen)".into(),
        Type::Text => "wat is het?".into(),
        Type::Enum(id) => match vocab.enums.get(*id) {
            Some(e) => format!("welke? Kies uit: {}.", e.values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")),
            None => "welke?".into(),
        },
        Type::List(inner) => match inner.as_ref() {
            Type::Enum(id) => match vocab.enums.get(*id) {
                Some(e) => format!("welke (een of meer)? Kies uit: {}.", e.values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")),
                None => "welke (een lijst)?".into(),
            },
            _ => "welke (een lijst)?".into(),
        },
        Type::Duration | Type::DayMonth | Type::Empty => "wat is het?".into(),
    }
}

//! The questions that finish a `null` decision, in the order to ask them.
//!
//! Each unknown fact the decision names (`onbekend`) is tried with every
//! candidate answer (`kandidaten`) by the real evaluator. A fact whose
//! answers all lead to the same decision cannot change it and is not asked.
//! The others are ordered so that the first answer settles the most: most
//! answers that decide `ja`/`nee` first, then fewest facts still open after
//! the answer. A fact that only becomes open after an answer to another
//! (a follow-up) is asked right after it, with the answer it depends on.

use super::kandidaten::{answers, blocking};
use crate::decision::Decision;
use crate::dossier::{Dossier, DossierError};
use crate::engine::Engine;
use crate::value::Value;
use crate::vocab::FieldId;
use serde::Serialize;
use std::sync::Arc;

/// One question, for a parent or school.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenVraag {
    /// The dotted field path (for the answer form's command; never shown as text).
    pub veld: Arc<str>,
    /// The question (`vraag` in the vocabulary).
    pub vraag: Arc<str>,
    /// The answers that can be given (empty: a free answer).
    pub antwoorden: Vec<serde_json::Value>,
    /// Only asked when an earlier question got this answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub na: Option<Afhankelijk>,
    /// Of the answers tried, how many decide `ja` or `nee` at once.
    pub beslist: usize,
    /// A follow-up: the fact only matters after an earlier answer (given in `na`
    /// when that answer is a yes/no or keuze; after a date or number it is simply asked next).
    pub vervolg: bool,
}

/// The earlier answer a follow-up question depends on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Afhankelijk {
    pub veld: Arc<str>,
    pub waarde: serde_json::Value,
}

struct Tried {
    field: FieldId,
    answers: Vec<(Value, Decision)>,
}

/// The questions for `dossier`, ordered (empty unless the decision is `null`).
pub fn vragen(engine: &Engine, dossier: &Dossier) -> Result<Vec<OpenVraag>, DossierError> {
    let (decision, trace) = engine.evaluate_traced(dossier, None)?;
    if decision.in_aanmerking.is_some() {
        return Ok(Vec::new());
    }
    let program = trace.program;
    let scope: Vec<_> = blocking(&trace).iter().flat_map(|s| s.onderwerp.exprs(program)).collect();
    let open = open_fields(engine, &decision);
    let mut tried = Vec::new();
    for &field in &open {
        let mut results = Vec::new();
        for v in answers(program, engine.vocab(), dossier, field, &scope) {
            let mut d = dossier.clone();
            if let Some(slot) = d.slots.get_mut(field.index()) {
                *slot = Some(v.clone());
            }
            results.push((v, engine.evaluate(&d)?));
        }
        tried.push(Tried { field, answers: results });
    }
    // A fact with candidate answers that all lead to the same decision cannot change it.
    tried.retain(|t| match t.answers.first() {
        None => true,
        Some((_, first)) => t.answers.iter().any(|(_, d)| !same_outcome(d, first)),
    });
    tried.sort_by(|a, b| score(b).partial_cmp(&score(a)).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<OpenVraag> = Vec::new();
    let mut asked: Vec<FieldId> = tried.iter().map(|t| t.field).collect();
    for t in &tried {
        out.push(question(engine, t, None, false));
        for (v, d) in &t.answers {
            for follow in open_fields(engine, d) {
                if asked.contains(&follow) {
                    continue;
                }
                asked.push(follow);
                // Only a yes/no or keuze answer is a condition a reader can follow;
                // after a date or number the follow-up is simply asked next.
                let enumerable = matches!(engine.vocab().fields.get(t.field.index()).map(|f| &f.ty), Some(crate::types::Type::Bool | crate::types::Type::Enum(_)));
                let na = enumerable.then(|| Afhankelijk { veld: name(engine, t.field), waarde: v.to_json() });
                let q = Tried { field: follow, answers: Vec::new() };
                out.push(question(engine, &q, na, true));
            }
        }
    }
    Ok(out)
}

fn same_outcome(a: &Decision, b: &Decision) -> bool {
    a.in_aanmerking == b.in_aanmerking && a.onbekend == b.onbekend && a.bedragen == b.bedragen
}

/// (share of answers that decide, minus the average number of facts left open / 1000).
fn score(t: &Tried) -> f64 {
    if t.answers.is_empty() {
        return -1.0;
    }
    let n = t.answers.len() as f64;
    let decided = t.answers.iter().filter(|(_, d)| d.in_aanmerking.is_some()).count() as f64;
    let open: usize = t.answers.iter().map(|(_, d)| d.onbekend.len()).sum();
    decided / n - (open as f64 / n) / 1000.0
}

fn open_fields(engine: &Engine, decision: &Decision) -> Vec<FieldId> {
    decision.onbekend.iter().filter_map(|p| engine.vocab().by_path.get(&**p).copied()).collect()
}

fn name(engine: &Engine, field: FieldId) -> Arc<str> {
    engine.vocab().fields.get(field.index()).map_or_else(|| Arc::from("?"), |f| f.path.clone())
}

fn question(engine: &Engine, t: &Tried, na: Option<Afhankelijk>, vervolg: bool) -> OpenVraag {
    let vocab = engine.vocab();
    let vraag = vocab.veld_uitleg(t.field).map_or_else(|| Arc::from("Wat is het antwoord?"), |u| u.vraag.clone());
    let beslist = t.answers.iter().filter(|(_, d)| d.in_aanmerking.is_some()).count();
    let antwoorden = match vocab.field(t.field).map(|f| &f.ty) {
        Some(crate::types::Type::Bool) => vec![serde_json::Value::Bool(true), serde_json::Value::Bool(false)],
        Some(crate::types::Type::Enum(id)) => {
            vocab.enums.get(*id).map(|e| e.values.iter().map(|v| serde_json::Value::String(v.to_string())).collect()).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    OpenVraag { veld: name(engine, t.field), vraag, antwoorden, na, beslist, vervolg }
}

//! "Wat is er nodig?": for a decision that is not `ja`, the smallest sets of
//! changes to the dossier's facts that make it `ja` (at most three), each
//! found and checked by the real evaluator on the changed dossier.
//!
//! Search: the requirements that block (`niet_voldaan`, `onbekend` in the
//! trace) each read some fields; a change set must touch at least one field
//! of every blocking requirement (a requirement whose facts stay the same
//! keeps its outcome). Sets are tried by size, 1 to `MAX_WIJZIGINGEN`, with
//! candidate values from `kandidaten`; a set is kept when the changed dossier
//! decides `ja` and no kept set is a subset of it. Since every smaller size
//! is tried in full before a larger one, no kept set has a strict subset
//! that also gives `ja`. Facts marked `vast` in the vocabulary are never changed.

use super::kandidaten::{answers, blocking, fields_of};
use crate::dossier::{Dossier, DossierError};
use crate::engine::Engine;
use crate::value::Value;
use crate::vocab::FieldId;
use serde::Serialize;
use std::sync::Arc;

/// At most this many alternatives.
pub const MAX_ALTERNATIEVEN: usize = 3;
/// At most this many changes in one alternative.
pub const MAX_WIJZIGINGEN: usize = 3;
/// At most this many evaluations per dossier (the search stops, keeping what it found).
const BUDGET: usize = 4000;

/// One change to one fact.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Wijziging {
    /// The dotted field path, as in `onbekend`.
    pub veld: Arc<str>,
    /// The new value in the dossier's own JSON form.
    pub waarde: serde_json::Value,
    #[serde(skip)]
    pub slot: FieldId,
    #[serde(skip)]
    pub nieuw: Value,
}

/// One way to reach `ja`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alternatief {
    pub wijzigingen: Vec<Wijziging>,
}

/// The dossier with `changes` applied.
pub fn apply(dossier: &Dossier, changes: &[Wijziging]) -> Dossier {
    let mut d = dossier.clone();
    for w in changes {
        if let Some(slot) = d.slots.get_mut(w.slot.index()) {
            *slot = Some(w.nieuw.clone());
        }
    }
    d
}

/// `Some(true)` when the changed dossier is decided `ja`.
pub fn gives_ja(engine: &Engine, dossier: &Dossier, changes: &[Wijziging]) -> bool {
    engine.evaluate(&apply(dossier, changes)).is_ok_and(|d| d.in_aanmerking == Some(true))
}

/// The smallest change sets that make the decision `ja` (empty when it is `ja` already, or nothing found).
pub fn wat_is_nodig(engine: &Engine, dossier: &Dossier) -> Result<Vec<Alternatief>, DossierError> {
    let (decision, trace) = engine.evaluate_traced(dossier, None)?;
    if decision.in_aanmerking == Some(true) {
        return Ok(Vec::new());
    }
    let program = trace.program;
    let vocab = engine.vocab();
    let changeable = |id: &FieldId| !vocab.veld_uitleg(*id).is_some_and(|u| u.vast);
    let blockers = blocking(&trace);
    if blockers.is_empty() {
        return Ok(Vec::new());
    }
    let needs: Vec<Vec<FieldId>> = blockers.iter().map(|s| fields_of(program, s).into_iter().filter(changeable).collect()).collect();
    if needs.iter().any(Vec::is_empty) {
        return Ok(Vec::new());
    }
    let scope: Vec<_> = blockers.iter().flat_map(|s| s.onderwerp.exprs(program)).collect();
    let mut fields: Vec<FieldId> = needs.iter().flatten().copied().collect();
    fields.sort_unstable();
    fields.dedup();
    let mut atoms = Vec::new();
    for f in fields {
        let veld = program.field_name(f).cloned().unwrap_or_else(|| Arc::from("?"));
        for v in answers(program, vocab, dossier, f, &scope) {
            atoms.push(Wijziging { veld: veld.clone(), waarde: v.to_json(), slot: f, nieuw: v });
        }
    }
    let mut search = Search { engine, dossier, atoms: &atoms, needs: &needs, found: Vec::new(), evaluations: 0 };
    for size in 1..=MAX_WIJZIGINGEN {
        let mut combo = Vec::with_capacity(size);
        if !search.combos(size, 0, &mut combo) {
            break;
        }
        if search.found.len() >= MAX_ALTERNATIEVEN {
            break;
        }
    }
    Ok(search.found.into_iter().map(|ids| Alternatief { wijzigingen: ids.iter().filter_map(|i| atoms.get(*i).cloned()).collect() }).collect())
}

struct Search<'a> {
    engine: &'a Engine,
    dossier: &'a Dossier,
    atoms: &'a [Wijziging],
    needs: &'a [Vec<FieldId>],
    /// Kept sets, as indices into `atoms`.
    found: Vec<Vec<usize>>,
    evaluations: usize,
}

impl Search<'_> {
    /// Tries every set of `size` atoms extending `combo`; false when the search must stop.
    fn combos(&mut self, size: usize, start: usize, combo: &mut Vec<usize>) -> bool {
        if self.found.len() >= MAX_ALTERNATIEVEN || self.evaluations >= BUDGET {
            return false;
        }
        if combo.len() == size {
            self.try_set(combo);
            return true;
        }
        for i in start..self.atoms.len() {
            let Some(atom) = self.atoms.get(i) else { break };
            if combo.iter().any(|j| self.atoms.get(*j).is_some_and(|a| a.slot == atom.slot)) {
                continue;
            }
            combo.push(i);
            let go_on = self.combos(size, i + 1, combo);
            combo.pop();
            if !go_on {
                return false;
            }
        }
        true
    }

    fn try_set(&mut self, combo: &[usize]) {
        let changes: Vec<Wijziging> = combo.iter().filter_map(|i| self.atoms.get(*i).cloned()).collect();
        let touches_all = self.needs.iter().all(|need| changes.iter().any(|w| need.contains(&w.slot)));
        if !touches_all || self.found.iter().any(|f| f.iter().all(|i| combo.contains(i))) {
            return;
        }
        self.evaluations += 1;
        if gives_ja(self.engine, self.dossier, &changes) {
            self.found.push(combo.to_vec());
        }
    }
}

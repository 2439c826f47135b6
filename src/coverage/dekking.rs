//! Rule coverage: which rules and parameter values of a region the examples
//! exercise.
//!
//! Definition. Per rule-set version, the items are every rule of every
//! `aanvraag` (eis, deskundige, bedrag, termijn, waarschuwing, uitkomst),
//! every `overgang` of every workflow, and every parameter value (a
//! parameter with dated values counts each value). What an example
//! exercised is read from its evaluation trace (`eval::trace`), the
//! evaluator's own outcomes:
//! - a rule when its outcome is `voldaan` or `niet_voldaan` (an eis that
//!   some example decides, met or not met) or `toegepast` (an output rule
//!   that fired); an eis that stays `onbekend`, an output `niet_bepaald`, a
//!   rule in error do not count;
//! - an overgang when its outcome is `aangeboden`;
//! - a parameter value when a rule or overgang it exercised read the
//!   parameter (also through a definitie) and the example's peildatum falls
//!   in that value's period.
//!
//! Besides the figure, the eisen that some example decides but none fails
//! are listed: their "not met" side is untested.

use crate::check::model::Param;
use crate::compile::Program;
use crate::decision::Decision;
use crate::engine::Engine;
use crate::check::model::{ParamId, RegelId};
use crate::eval::trace::{Refs, Trace, Uitkomst};
use crate::explain::facts::{location, rule_kind};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;

/// One rule, overgang or parameter value, and whether an example exercised it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Onderdeel {
    /// `eis`, `deskundige`, `bedrag`, `termijn`, `waarschuwing`, `uitkomst`, `overgang`, `parameter`.
    pub soort: &'static str,
    /// The rule id as a decision names it, or the parameter name (with `vanaf <datum>` for a dated value).
    pub id: String,
    /// `file:line`, when known.
    pub plaats: Option<String>,
    pub geraakt: bool,
}

/// The coverage of one rule-set version by a set of decisions.
#[derive(Debug, Clone, Serialize)]
pub struct Dekking {
    pub regio: Arc<str>,
    pub versie: Arc<str>,
    /// How many decisions were made under this version.
    pub voorbeelden: usize,
    pub onderdelen: Vec<Onderdeel>,
    /// Eisen some example decides, but none fails.
    pub nooit_niet_voldaan: Vec<String>,
}

impl Dekking {
    pub fn geraakt(&self) -> usize {
        self.onderdelen.iter().filter(|o| o.geraakt).count()
    }

    pub fn totaal(&self) -> usize {
        self.onderdelen.len()
    }

    /// Percentage exercised; 100 when there is nothing to exercise.
    pub fn procent(&self) -> f64 {
        if self.onderdelen.is_empty() {
            100.0
        } else {
            self.geraakt() as f64 * 100.0 / self.totaal() as f64
        }
    }
}

/// What one decided example exercised, from its evaluation trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Spoor {
    pub regio: Arc<str>,
    pub versie: Arc<str>,
    pub peildatum: NaiveDate,
    /// Rules and overgangen the example exercised (see the module doc), with
    /// the parameters they read; ids of the program of `regio` and `versie`.
    pub geraakt: Vec<(RegelId, Vec<ParamId>)>,
    /// Eisen the example did not meet.
    pub niet_voldaan: Vec<RegelId>,
}

impl Spoor {
    /// The summary of one decision's trace.
    pub fn of(trace: &Trace, d: &Decision) -> Spoor {
        let mut geraakt = Vec::new();
        let mut niet_voldaan = Vec::new();
        for stap in &trace.stappen {
            let id = stap.onderwerp.id();
            if stap.uitkomst == Uitkomst::NietVoldaan {
                niet_voldaan.push(id);
            }
            if matches!(stap.uitkomst, Uitkomst::Voldaan | Uitkomst::NietVoldaan | Uitkomst::Toegepast | Uitkomst::Aangeboden) {
                // What the step read, as the trace's reads were found (`Refs`), by id.
                let params = Refs::of(trace.program, stap.onderwerp.exprs(trace.program)).params;
                geraakt.push((id, params));
            }
        }
        Spoor { regio: d.regio.clone(), versie: d.regelset.versie.clone(), peildatum: d.peildatum, geraakt, niet_voldaan }
    }
}

/// Coverage of every version of `regio` by the traces of decided examples (those of other regions are ignored).
pub fn coverage<'d>(engine: &Engine, regio: &str, sporen: impl IntoIterator<Item = &'d Spoor>) -> Vec<Dekking> {
    let Some(Ok(region)) = engine.region(regio) else { return Vec::new() };
    let sporen: Vec<&Spoor> = sporen.into_iter().filter(|d| &*d.regio == regio).collect();
    region
        .versions()
        .iter()
        .map(|program| {
            let mine: Vec<&Spoor> = sporen.iter().copied().filter(|d| d.versie == program.header().versie).collect();
            version(program, &mine)
        })
        .collect()
}

/// Every rule id a decision names.
pub fn named(d: &Decision) -> impl Iterator<Item = &str> {
    d.redenen
        .iter()
        .map(|r| &*r.regel)
        .chain(d.ontbreekt.iter().map(|r| &*r.regel))
        .chain(d.deskundigen.iter().map(|r| &*r.regel))
        .chain(d.bedragen.iter().map(|r| &*r.regel))
        .chain(d.termijnen.iter().map(|r| &*r.regel))
        .chain(d.waarschuwingen.iter().map(|r| &*r.regel))
        .chain(d.volgende_statussen.iter().map(|r| &*r.regel))
}

/// Position of the parameter value in force on `peil`.
fn value_in_force(p: &Param, peil: NaiveDate) -> usize {
    let mut current = 0;
    for (i, (from, _)) in p.values.iter().enumerate() {
        match from {
            Some(d) if *d > peil => break,
            _ => current = i,
        }
    }
    current
}

fn version(program: &Program, sporen: &[&Spoor]) -> Dekking {
    let mut onderdelen = Vec::new();
    let mut nooit_niet_voldaan = Vec::new();
    let mut hit: HashSet<RegelId> = HashSet::new();
    let mut failed: HashSet<RegelId> = HashSet::new();
    // (parameter, value index) exercised.
    let mut params_hit: HashSet<(ParamId, usize)> = HashSet::new();
    for d in sporen {
        for (id, params) in &d.geraakt {
            hit.insert(*id);
            for &i in params {
                if let Some(param) = program.param(i) {
                    params_hit.insert((i, value_in_force(param, d.peildatum)));
                }
            }
        }
        failed.extend(d.niet_voldaan.iter().copied());
    }
    for (id, rule) in program.rules() {
        let kind = rule_kind(rule);
        let geraakt = hit.contains(&RegelId::Regel(id));
        if kind == "eis" && geraakt && !failed.contains(&RegelId::Regel(id)) {
            nooit_niet_voldaan.push(rule.id.to_string());
        }
        onderdelen.push(Onderdeel { soort: kind, id: rule.id.to_string(), plaats: Some(rule.plaats.to_string()), geraakt });
    }
    for (id, t) in program.transitions() {
        onderdelen.push(Onderdeel { soort: "overgang", id: t.regel.to_string(), plaats: None, geraakt: hit.contains(&RegelId::Overgang(id)) });
    }
    for (pi, p) in program.params().iter().enumerate() {
        let pi = ParamId::new(pi);
        for (vi, (from, _)) in p.values.iter().enumerate() {
            let id = match (from, p.values.len()) {
                (_, 1) => p.name.to_string(),
                (Some(d), _) => format!("{} (vanaf {d})", p.name),
                (None, _) => format!("{} (eerste waarde)", p.name),
            };
            let plaats = location(program, p.span, &p.name);
            onderdelen.push(Onderdeel { soort: "parameter", id, plaats, geraakt: params_hit.contains(&(pi, vi)) });
        }
    }
    Dekking {
        regio: program.header().regio.clone(),
        versie: program.header().versie.clone(),
        voorbeelden: sporen.len(),
        onderdelen,
        nooit_niet_voldaan,
    }
}

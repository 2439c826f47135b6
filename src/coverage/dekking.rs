//! Rule coverage: which rules and parameter values of a region the examples
//! exercise.
//!
//! Definition. Per rule-set version, the items are every rule of every
//! `aanvraag` (eis, deskundige, bedrag, termijn, waarschuwing, uitkomst),
//! every `overgang` of every workflow, and every parameter value (a
//! parameter with dated values counts each value). An example exercises:
//! - a rule when its decision names the rule's id in `redenen`, `ontbreekt`,
//!   `deskundigen`, `bedragen`, `termijnen`, `waarschuwingen` or
//!   `volgende_statussen` (so an eis counts once some example decides it,
//!   met or not met; an output rule once it fired; an eis that stays unknown
//!   and an output in `niet_bepaald` do not count);
//! - an overgang when the decision offers it in `volgende_statussen`;
//! - a parameter value when a rule or overgang it exercised reads the
//!   parameter (also through a definitie) and the example's peildatum falls
//!   in that value's period.
//!
//! Besides the figure, the eisen that some example decides but none fails
//! are listed: their "not met" side is untested.

use crate::check::model::Param;
use crate::compile::Program;
use crate::decision::Decision;
use crate::engine::Engine;
use crate::explain::facts::{location, rule_exprs, rule_kind, transition_exprs, Refs};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
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

/// Coverage of every version of `regio` by `decisions` (those of other regions are ignored).
pub fn coverage<'d>(engine: &Engine, regio: &str, decisions: impl IntoIterator<Item = &'d Decision>) -> Vec<Dekking> {
    let Some(region) = engine.regions().into_iter().find(|r| &*r.id == regio) else { return Vec::new() };
    let decisions: Vec<&Decision> = decisions.into_iter().filter(|d| &*d.regio == regio).collect();
    region
        .versions
        .iter()
        .map(|program| {
            let mine: Vec<&Decision> = decisions.iter().copied().filter(|d| d.regelset.versie == program.header.versie).collect();
            version(program, &mine)
        })
        .collect()
}

/// Every rule id a decision names.
fn named(d: &Decision) -> impl Iterator<Item = &str> {
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

fn version(program: &Program, decisions: &[&Decision]) -> Dekking {
    // Rule id -> the parameters it reads.
    let mut reads: HashMap<String, Vec<usize>> = HashMap::new();
    let mut onderdelen = Vec::new();
    let mut eisen = Vec::new();
    for aanvraag in &program.aanvragen {
        for rule in &aanvraag.rules {
            reads.insert(rule.id.to_string(), Refs::of(program, rule_exprs(rule)).params);
            let name = rule.id.rsplit('.').next().unwrap_or(&rule.id);
            let kind = rule_kind(rule);
            if kind == "eis" {
                eisen.push(rule.id.to_string());
            }
            onderdelen.push(Onderdeel { soort: kind, id: rule.id.to_string(), plaats: location(program, rule.span, name), geraakt: false });
        }
    }
    for (wi, wf) in program.workflows.iter().enumerate() {
        for t in &wf.transitions {
            let id = format!("workflow.{}.{}", wf.name, t.id);
            reads.insert(id.clone(), Refs::of(program, transition_exprs(program, wi, t)).params);
            onderdelen.push(Onderdeel { soort: "overgang", id, plaats: None, geraakt: false });
        }
    }
    let mut hit: HashSet<String> = HashSet::new();
    let mut failed: HashSet<String> = HashSet::new();
    // (parameter, value index) exercised.
    let mut params_hit: HashSet<(usize, usize)> = HashSet::new();
    for d in decisions {
        for id in named(d) {
            hit.insert(id.to_string());
            for p in reads.get(id).into_iter().flatten() {
                if let Some(param) = program.params.get(*p) {
                    params_hit.insert((*p, value_in_force(param, d.peildatum)));
                }
            }
        }
        failed.extend(d.ontbreekt.iter().map(|o| o.regel.to_string()));
    }
    for o in &mut onderdelen {
        o.geraakt = hit.contains(&o.id);
    }
    for (pi, p) in program.params.iter().enumerate() {
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
    let nooit_niet_voldaan = eisen.into_iter().filter(|e| hit.contains(e) && !failed.contains(e)).collect();
    Dekking {
        regio: program.header.regio.clone(),
        versie: program.header.versie.clone(),
        voorbeelden: decisions.len(),
        onderdelen,
        nooit_niet_voldaan,
    }
}

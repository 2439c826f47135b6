//! The evaluation trace: asked for with `decide_traced`, never on the NDJSON
//! hot path. For every rule of the request kind (and every transition out of
//! the current status) it holds the outcome the evaluator reached, in the
//! order it reached them; the facts, definities and parameters the rule
//! reads with their values; the sub-conditions that made it fail; and its
//! error, if any. `explain`, `passend test`'s coverage and lint read it, so
//! no tool classifies a rule a second time.
//!
//! Definitie values come from the evaluator's per-dossier cache, and the
//! failing parts of a condition visit every definitie at most once, so a
//! trace is linear in the size of the rules (no blow-up on shared definities).

use super::Ctx;
use crate::check::model::{DefId, ParamId, RegelId, Rule, RuleId, RuleKind, TExpr, Transition, TransitionId, WorkflowId};
use crate::compile::Program;
use crate::value::{FieldSet, Value, V};
use crate::vocab::FieldId;
use std::sync::Arc;

/// What one rule did for one dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Uitkomst {
    /// A requirement that holds.
    Voldaan,
    /// A requirement that does not hold.
    NietVoldaan,
    /// A requirement left open by a missing fact.
    Onbekend,
    /// Its `alleen_als` is false (or, for an output rule, it gave nothing).
    NietVanToepassing,
    /// An output rule that gave its conclusion.
    Toegepast,
    /// An output rule that applies but lacks a fact.
    NietBepaald,
    /// A `bedrag` while the request is not (yet) eligible.
    NietBerekend,
    /// A transition that can follow.
    Aangeboden,
    /// A transition whose condition is false.
    NietAangeboden,
    /// The evaluation failed (an amount or date out of range).
    Fout,
}

impl Uitkomst {
    /// The word explanations and JSON use.
    pub const fn as_str(self) -> &'static str {
        match self {
            Uitkomst::Voldaan => "voldaan",
            Uitkomst::NietVoldaan => "niet_voldaan",
            Uitkomst::Onbekend => "onbekend",
            Uitkomst::NietVanToepassing => "niet_van_toepassing",
            Uitkomst::Toegepast => "toegepast",
            Uitkomst::NietBepaald => "niet_bepaald",
            Uitkomst::NietBerekend => "niet_berekend",
            Uitkomst::Aangeboden => "aangeboden",
            Uitkomst::NietAangeboden => "niet_aangeboden",
            Uitkomst::Fout => "fout",
        }
    }

    /// Reached with the facts at hand: an unknown fact among its inputs did not decide it.
    pub const fn beslist(self) -> bool {
        matches!(self, Uitkomst::Voldaan | Uitkomst::NietVoldaan | Uitkomst::Toegepast | Uitkomst::NietVanToepassing)
    }
}

/// The rule or transition a step of the trace is about: its id in the
/// program, and the rule or transition itself.
#[derive(Clone, Copy, Debug)]
pub enum Onderwerp<'p> {
    Regel { id: RuleId, rule: &'p Rule },
    /// A transition of the request kind's workflow.
    Overgang { id: TransitionId, overgang: &'p Transition },
}

impl<'p> Onderwerp<'p> {
    /// Its id in the program: what coverage and explanations key on.
    pub fn id(&self) -> RegelId {
        match self {
            Onderwerp::Regel { id, .. } => RegelId::Regel(*id),
            Onderwerp::Overgang { id, .. } => RegelId::Overgang(*id),
        }
    }

    /// The rule id, as in the decision.
    pub fn regel(&self) -> &'p Arc<str> {
        match self {
            Onderwerp::Regel { rule, .. } => &rule.id,
            Onderwerp::Overgang { overgang, .. } => &overgang.regel,
        }
    }

    /// `file:line`.
    pub fn plaats(&self) -> &'p Arc<str> {
        match self {
            Onderwerp::Regel { rule, .. } => &rule.plaats,
            Onderwerp::Overgang { overgang, .. } => &overgang.plaats,
        }
    }

    /// Every expression it evaluates: `alleen_als` first, then its attributes.
    pub fn exprs(&self, program: &'p Program) -> Vec<&'p TExpr> {
        match self {
            Onderwerp::Regel { rule, .. } => rule_exprs(rule),
            Onderwerp::Overgang { id, overgang } => transition_exprs(program, id.workflow, overgang),
        }
    }
}

/// One step of the trace: a rule and what it did.
#[derive(Clone, Debug)]
pub struct Stap<'p> {
    pub onderwerp: Onderwerp<'p>,
    pub uitkomst: Uitkomst,
    /// The fields whose absence left it open (for `onbekend`, `niet_bepaald`;
    /// a `toegepast` rule may lack an optional attribute's fact too).
    pub onbekend: FieldSet,
    /// The error message, for `Uitkomst::Fout`.
    pub fout: Option<Arc<str>>,
    /// Everything it reads, with the values for this dossier.
    pub gelezen: Vec<Gelezen>,
    /// For `niet_voldaan`, `niet_van_toepassing`, `niet_aangeboden`: the
    /// smallest parts of the false condition that are false, with their reads.
    pub waarom_niet: Vec<Deel<'p>>,
    /// The condition that came out false, as the evaluator met it.
    pub(super) onwaar: Option<&'p TExpr>,
}

/// A false part of a condition.
#[derive(Clone, Debug)]
pub struct Deel<'p> {
    pub voorwaarde: &'p TExpr,
    pub gelezen: Vec<Gelezen>,
}

/// What kind of thing a rule read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bron {
    Veld,
    Definitie,
    Parameter,
    Peildatum,
    /// The decision's eligibility, read by output rules and transitions.
    InAanmerking,
}

impl Bron {
    pub const fn as_str(self) -> &'static str {
        match self {
            Bron::Veld => "veld",
            Bron::Definitie => "definitie",
            Bron::Parameter => "parameter",
            Bron::Peildatum => "peildatum",
            Bron::InAanmerking => "in_aanmerking",
        }
    }
}

/// One thing a rule read, with its value (`None`: unknown, or its evaluation failed).
#[derive(Clone, Debug, PartialEq)]
pub struct Gelezen {
    pub naam: Arc<str>,
    pub soort: Bron,
    pub waarde: Option<Value>,
}

/// The trace of one decision.
#[derive(Clone, Debug)]
pub struct Trace<'p> {
    pub program: &'p Program,
    /// In evaluation order: the requirements, the other rules, the transitions.
    pub stappen: Vec<Stap<'p>>,
    /// The region has no rules for this kind of request.
    pub onbekende_soort: bool,
}

impl<'p> Trace<'p> {
    /// The step of a rule id as a decision names it.
    pub fn stap(&self, regel: &str) -> Option<&Stap<'p>> {
        self.stappen.iter().find(|s| &**s.onderwerp.regel() == regel)
    }

    /// The step of a rule or transition of the program.
    pub fn stap_van(&self, id: RegelId) -> Option<&Stap<'p>> {
        self.stappen.iter().find(|s| s.onderwerp.id() == id)
    }
}

/// Every expression of a rule: `alleen_als` first, then its attributes.
pub fn rule_exprs(rule: &Rule) -> Vec<&TExpr> {
    let mut out: Vec<&TExpr> = rule.alleen_als.iter().collect();
    match &rule.kind {
        RuleKind::Eis { voorwaarde, .. } => out.push(voorwaarde),
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => {
            out.extend([rol, disciplines, onafhankelijk, organisatie, vorm]);
        }
        RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } => out.extend([bedrag, regeling, ontvanger, berekening]),
        RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } => {
            out.extend([uiterlijk, wat, grondslag, soort, indicatief]);
            out.extend(voldaan.iter());
        }
        RuleKind::Waarschuwing { tekst } => out.push(tekst),
        RuleKind::Uitkomst { waarde, .. } => out.push(waarde),
    }
    out
}

/// The expressions of a transition: its condition and the `omschrijving` of the status it leads to.
pub fn transition_exprs<'p>(program: &'p Program, workflow: WorkflowId, t: &'p Transition) -> Vec<&'p TExpr> {
    let mut out: Vec<&TExpr> = t.voorwaarde.iter().collect();
    if let Some(o) = program.workflow(workflow).and_then(|w| w.status(t.naar)).and_then(|s| s.omschrijving.as_ref()) {
        out.push(o);
    }
    out
}

/// The names an expression refers to, each once, in order of first use.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refs {
    pub fields: Vec<FieldId>,
    pub defs: Vec<DefId>,
    pub params: Vec<ParamId>,
    pub peildatum: bool,
    pub in_aanmerking: bool,
}

impl Refs {
    /// Adds everything `e` reads; a definitie adds itself and what it reads (once).
    pub fn add(&mut self, program: &Program, e: &TExpr) {
        match e {
            TExpr::Const(_) => {}
            TExpr::Field(id) | TExpr::Known(id) => push_once(&mut self.fields, *id),
            TExpr::Param(i) => push_once(&mut self.params, *i),
            TExpr::Def(i) => {
                if !self.defs.contains(i) {
                    self.defs.push(*i);
                    if let Some(d) = program.def(*i) {
                        self.add(program, &d.expr);
                    }
                }
            }
            TExpr::Peildatum => self.peildatum = true,
            TExpr::InAanmerking => self.in_aanmerking = true,
            TExpr::Not(x) | TExpr::Neg(x) => self.add(program, x),
            TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::Cmp(_, a, b) | TExpr::In(a, b) | TExpr::Arith(_, a, b) => {
                self.add(program, a);
                self.add(program, b);
            }
            TExpr::If(c, a, b) => {
                self.add(program, c);
                self.add(program, a);
                self.add(program, b);
            }
            TExpr::List(items) | TExpr::Call(_, items) => {
                for x in items {
                    self.add(program, x);
                }
            }
        }
    }

    /// Everything a set of expressions reads.
    pub fn of<'e>(program: &Program, exprs: impl IntoIterator<Item = &'e TExpr>) -> Refs {
        let mut refs = Refs::default();
        for e in exprs {
            refs.add(program, e);
        }
        refs
    }
}

fn push_once<T: PartialEq>(list: &mut Vec<T>, x: T) {
    if !list.contains(&x) {
        list.push(x);
    }
}

impl<'p> Ctx<'p> {
    /// The reads behind `refs`: fields first, then definities, parameters, peildatum, in_aanmerking.
    fn reads(&mut self, refs: &Refs) -> Vec<Gelezen> {
        let program = self.program;
        let unknown: Arc<str> = Arc::from("?");
        let mut out = Vec::new();
        for id in &refs.fields {
            let naam = program.field_name(*id).cloned().unwrap_or_else(|| unknown.clone());
            out.push(Gelezen { naam, soort: Bron::Veld, waarde: self.dossier.slots.get(id.index()).cloned().flatten() });
        }
        for i in &refs.defs {
            let naam = program.def(*i).map_or_else(|| unknown.clone(), |d| d.name.clone());
            let waarde = match self.def(*i) {
                Ok(V::Known(v)) => Some(v),
                _ => None,
            };
            out.push(Gelezen { naam, soort: Bron::Definitie, waarde });
        }
        for i in &refs.params {
            let naam = program.param(*i).map_or_else(|| unknown.clone(), |p| p.name.clone());
            out.push(Gelezen { naam, soort: Bron::Parameter, waarde: self.param(*i).ok() });
        }
        if refs.peildatum {
            out.push(Gelezen { naam: Arc::from("peildatum"), soort: Bron::Peildatum, waarde: Some(Value::Date(self.dossier.peildatum)) });
        }
        if refs.in_aanmerking {
            let waarde = match &self.in_aanmerking {
                Some(V::Known(v)) => Some(v.clone()),
                _ => None,
            };
            out.push(Gelezen { naam: Arc::from("in_aanmerking"), soort: Bron::InAanmerking, waarde });
        }
        out
    }

    /// Fills in the reads and the failing parts of each step.
    pub(super) fn complete(&mut self, stappen: &mut [Stap<'p>]) {
        let program = self.program;
        for stap in stappen {
            let refs = Refs::of(program, stap.onderwerp.exprs(program));
            stap.gelezen = self.reads(&refs);
            if let Some(cond) = stap.onwaar {
                let mut parts = Vec::new();
                let mut seen = vec![false; program.defs().len()];
                self.failing_parts(cond, &mut seen, &mut parts);
                stap.waarom_niet = parts
                    .into_iter()
                    .map(|p| {
                        let refs = Refs::of(program, [p]);
                        Deel { voorwaarde: p, gelezen: self.reads(&refs) }
                    })
                    .collect();
            }
        }
    }

    /// The smallest parts of `e` (which evaluated to `nee`) that are false:
    /// for `a en b` the side(s) that fail, through definities (each visited
    /// once); otherwise `e` itself.
    fn failing_parts(&mut self, e: &'p TExpr, seen: &mut [bool], out: &mut Vec<&'p TExpr>) {
        let program = self.program;
        match e {
            TExpr::And(a, b) => {
                let mut any = false;
                for side in [a.as_ref(), b.as_ref()] {
                    if matches!(self.eval(side), Ok(V::Known(Value::Bool(false)))) {
                        any = true;
                        self.failing_parts(side, seen, out);
                    }
                }
                if !any {
                    out.push(e);
                }
            }
            TExpr::Def(i) => match (program.def(*i), seen.get_mut(i.index())) {
                (Some(d), Some(visited)) => {
                    if !*visited {
                        *visited = true;
                        self.failing_parts(&d.expr, seen, out);
                    }
                }
                _ => out.push(e),
            },
            _ => out.push(e),
        }
    }
}

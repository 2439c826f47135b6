//! What a rule reads: the dossier fields, definities and parameters its
//! expressions refer to (through definities too), with their values for one
//! dossier; and, for a requirement that failed, the parts that made it fail.
//! Only reads the checked model and calls the evaluator; it never changes it.

use crate::check::model::{Rule, RuleKind, TExpr, Transition};
use crate::compile::Program;
use crate::eval::Ctx;
use crate::source::Span;
use crate::value::{Value, V};
use crate::vocab::FieldId;
use serde::Serialize;

/// The names an expression refers to, each once, in order of first use.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refs {
    pub fields: Vec<FieldId>,
    pub defs: Vec<usize>,
    pub params: Vec<usize>,
    pub peildatum: bool,
}

impl Refs {
    /// Adds everything `e` reads; a definitie adds itself and what it reads.
    pub fn add(&mut self, program: &Program, e: &TExpr) {
        match e {
            TExpr::Const(_) => {}
            TExpr::Field(id) | TExpr::Known(id) => push_once(&mut self.fields, *id),
            TExpr::Param(i) => push_once(&mut self.params, *i),
            TExpr::Def(i) => {
                if !self.defs.contains(i) {
                    self.defs.push(*i);
                    if let Some(d) = program.defs.get(*i) {
                        self.add(program, &d.expr);
                    }
                }
            }
            TExpr::Peildatum => self.peildatum = true,
            TExpr::InAanmerking => {}
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

fn push_once(list: &mut Vec<usize>, x: usize) {
    if !list.contains(&x) {
        list.push(x);
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
pub fn transition_exprs<'p>(program: &'p Program, workflow: usize, t: &'p Transition) -> Vec<&'p TExpr> {
    let mut out: Vec<&TExpr> = t.voorwaarde.iter().collect();
    if let Some(o) = program.workflows.get(workflow).and_then(|w| w.statuses.get(t.naar)).and_then(|s| s.omschrijving.as_ref()) {
        out.push(o);
    }
    out
}

/// The kind word of a rule, as a rule file writes it.
pub fn rule_kind(rule: &Rule) -> &'static str {
    match rule.kind {
        RuleKind::Eis { .. } => "eis",
        RuleKind::Deskundige { .. } => "deskundige",
        RuleKind::Bedrag { .. } => "bedrag",
        RuleKind::Termijn { .. } => "termijn",
        RuleKind::Waarschuwing { .. } => "waarschuwing",
        RuleKind::Uitkomst { .. } => "uitkomst",
    }
}

/// One fact a rule used, with its value for this dossier.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Feit {
    /// The dotted field, definitie or parameter name (or `peildatum`).
    pub naam: String,
    /// `veld`, `definitie`, `parameter` or `peildatum`.
    pub soort: &'static str,
    /// The value as JSON (contract conventions); `null` when unknown.
    pub waarde: serde_json::Value,
    /// The value written out for a person, or `onbekend`.
    pub tekst: String,
    /// False when the dossier does not give it (or it depends on a field the dossier does not give).
    pub bekend: bool,
}

/// The facts behind `refs` for one dossier: fields first, then definities, parameters, peildatum.
pub fn facts(ctx: &mut Ctx, refs: &Refs) -> Vec<Feit> {
    let program = ctx.program;
    let mut out = Vec::new();
    for id in &refs.fields {
        let naam = program.field_names.get(*id).map_or_else(|| "?".to_string(), |n| n.to_string());
        out.push(feit(naam, "veld", ctx.dossier.slots.get(*id).cloned().flatten()));
    }
    for i in &refs.defs {
        let naam = program.defs.get(*i).map_or_else(|| "?".to_string(), |d| d.name.to_string());
        let v = match ctx.eval(&TExpr::Def(*i)) {
            Ok(V::Known(v)) => Some(v),
            _ => None,
        };
        out.push(feit(naam, "definitie", v));
    }
    for i in &refs.params {
        let naam = program.params.get(*i).map_or_else(|| "?".to_string(), |p| p.name.to_string());
        let v = match ctx.eval(&TExpr::Param(*i)) {
            Ok(V::Known(v)) => Some(v),
            _ => None,
        };
        out.push(feit(naam, "parameter", v));
    }
    if refs.peildatum {
        out.push(feit("peildatum".into(), "peildatum", Some(Value::Date(ctx.dossier.peildatum))));
    }
    out
}

fn feit(naam: String, soort: &'static str, v: Option<Value>) -> Feit {
    match v {
        Some(v) => Feit { naam, soort, waarde: v.to_json(), tekst: v.display(), bekend: true },
        None => Feit { naam, soort, waarde: serde_json::Value::Null, tekst: "onbekend".into(), bekend: false },
    }
}

/// The smallest parts of a condition that are false for this dossier: for
/// `a en b` the side(s) that fail, through definities; otherwise the
/// condition itself. Call it only on a condition that evaluated to `nee`.
pub fn failing_parts<'p>(ctx: &mut Ctx<'p>, e: &'p TExpr) -> Vec<&'p TExpr> {
    let program = ctx.program;
    match e {
        TExpr::And(a, b) => {
            let mut out = Vec::new();
            for side in [a.as_ref(), b.as_ref()] {
                if is_false(ctx, side) {
                    out.extend(failing_parts(ctx, side));
                }
            }
            if out.is_empty() {
                vec![e]
            } else {
                out
            }
        }
        TExpr::Def(i) => match program.defs.get(*i) {
            Some(d) => failing_parts(ctx, &d.expr),
            None => vec![e],
        },
        _ => vec![e],
    }
}

fn is_false(ctx: &mut Ctx, e: &TExpr) -> bool {
    matches!(ctx.eval(e), Ok(V::Known(Value::Bool(false))))
}

/// `file:line` of the rule whose name has `span`, when a rule file of the program holds that name there.
pub fn location(program: &Program, span: Span, name: &str) -> Option<String> {
    let (start, end) = (span.start as usize, span.end as usize);
    program.sources.iter().find(|s| s.text.get(start..end) == Some(name)).map(|s| format!("{}:{}", s.name, s.line_col(start).0))
}

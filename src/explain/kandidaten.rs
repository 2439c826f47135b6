//! Candidate answers for one dossier field: the values worth trying when
//! asking "what if this fact were different or known?". Booleans and keuze
//! values are all tried; numbers, amounts and dates are tried at the rules'
//! own thresholds (the other side of every comparison with the field, when
//! that side is a constant, a parameter, the peildatum or another known
//! fact, plus or minus a duration), one step either side. Whatever is tried
//! is decided by the real evaluator; this module only proposes.

use crate::check::model::{Arith, ParamId, RuleKind, TExpr};
use crate::compile::Program;
use crate::dossier::Dossier;
use crate::eval::trace::{Onderwerp, Stap, Trace};
use crate::syntax::ast::Unit;
use crate::types::Type;
use crate::value::Value;
use crate::vocab::{FieldId, Vocabulary};
use chrono::{Duration, Months, NaiveDate};
use std::collections::BTreeMap;

/// The requirements (eisen) of a trace that keep the decision from `ja`.
pub fn blocking<'t, 'p>(trace: &'t Trace<'p>) -> Vec<&'t Stap<'p>> {
    use crate::eval::Uitkomst::{NietVoldaan, Onbekend};
    trace.stappen.iter().filter(|s| is_eis(s) && matches!(s.uitkomst, NietVoldaan | Onbekend)).collect()
}

pub fn is_eis(s: &Stap<'_>) -> bool {
    matches!(s.onderwerp, Onderwerp::Regel { rule, .. } if matches!(rule.kind, RuleKind::Eis { .. }))
}

/// The dossier fields a step reads (through definities).
pub fn fields_of(program: &Program, stap: &Stap<'_>) -> Vec<FieldId> {
    crate::eval::trace::Refs::of(program, stap.onderwerp.exprs(program)).fields
}

/// Values worth trying for `field` (never its current value). Lists and
/// free text have none: passend cannot invent them.
pub fn answers(program: &Program, vocab: &Vocabulary, dossier: &Dossier, field: FieldId, scope: &[&TExpr]) -> Vec<Value> {
    let current = dossier.slots.get(field.index()).cloned().flatten();
    let Some(ty) = vocab.field(field).map(|f| &f.ty) else { return Vec::new() };
    let mut out: Vec<Value> = match ty {
        Type::Bool => vec![Value::Bool(true), Value::Bool(false)],
        Type::Enum(id) => vocab.enums.get(*id).map(|e| e.values.iter().map(|v| Value::Text(v.clone())).collect()).unwrap_or_default(),
        Type::Int | Type::Money | Type::Date => thresholds(program, dossier, field, scope),
        _ => Vec::new(),
    };
    out.retain(|v| Some(v) != current.as_ref());
    let mut seen = Vec::new();
    out.retain(|v| {
        let new = !seen.contains(v);
        if new {
            seen.push(v.clone());
        }
        new
    });
    out
}

/// Values one step either side of every threshold the rules compare `field` with.
fn thresholds(program: &Program, dossier: &Dossier, field: FieldId, scope: &[&TExpr]) -> Vec<Value> {
    let mut bounds = BTreeMap::new();
    let mut seen_defs = vec![false; program.defs().len()];
    for e in scope {
        walk(program, dossier, field, e, &mut seen_defs, &mut bounds);
    }
    let mut out = Vec::new();
    for b in bounds.into_values() {
        match b {
            Value::Int(n) => out.extend([Value::Int(n), Value::Int(n.saturating_sub(1)), Value::Int(n.saturating_add(1))]),
            Value::Money(n) => out.extend([Value::Money(n), Value::Money(n.saturating_sub(1)), Value::Money(n.saturating_add(1))]),
            Value::Date(d) => {
                out.push(Value::Date(d));
                out.extend(d.pred_opt().map(Value::Date));
                out.extend(d.succ_opt().map(Value::Date));
            }
            _ => {}
        }
    }
    out
}

fn walk(program: &Program, dossier: &Dossier, field: FieldId, e: &TExpr, seen: &mut [bool], out: &mut BTreeMap<String, Value>) {
    match e {
        TExpr::Cmp(_, a, b) => {
            for (this, other) in [(a, b), (b, a)] {
                if let Some(v) = fold(program, dossier, other).and_then(|x| solve(program, dossier, field, this, x)) {
                    out.insert(format!("{v:?}"), v);
                }
            }
            walk(program, dossier, field, a, seen, out);
            walk(program, dossier, field, b, seen, out);
        }
        TExpr::Def(i) => {
            if let (Some(d), Some(s)) = (program.def(*i), seen.get_mut(i.index())) {
                if !*s {
                    *s = true;
                    walk(program, dossier, field, &d.expr, seen, out);
                }
            }
        }
        TExpr::Not(x) | TExpr::Neg(x) => walk(program, dossier, field, x, seen, out),
        TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::In(a, b) | TExpr::Arith(_, a, b) => {
            walk(program, dossier, field, a, seen, out);
            walk(program, dossier, field, b, seen, out);
        }
        TExpr::If(c, a, b) => {
            for x in [c, a, b] {
                walk(program, dossier, field, x, seen, out);
            }
        }
        TExpr::List(items) | TExpr::Call(_, items) => {
            for x in items {
                walk(program, dossier, field, x, seen, out);
            }
        }
        _ => {}
    }
}

/// The value of `field` that makes `e` equal `target`, for `e` the field
/// itself or the field plus or minus something that folds.
fn solve(program: &Program, dossier: &Dossier, field: FieldId, e: &TExpr, target: Value) -> Option<Value> {
    match e {
        TExpr::Field(id) if *id == field => Some(target),
        TExpr::Arith(op @ (Arith::Add | Arith::Sub | Arith::DatePlus | Arith::DateMinus), a, b) => {
            let other = fold(program, dossier, b)?;
            let back = if matches!(op, Arith::Add | Arith::DatePlus) { Arith::Sub } else { Arith::Add };
            solve(program, dossier, field, a, combine(back, target, other)?)
        }
        _ => None,
    }
}

fn combine(op: Arith, x: Value, y: Value) -> Option<Value> {
    let sub = matches!(op, Arith::Sub | Arith::DateMinus);
    match (x, y) {
        (Value::Date(d), Value::Duration(n, u)) => shift(d, if sub { -n } else { n }, u).map(Value::Date),
        (Value::Int(x), Value::Int(y)) => Some(Value::Int(if sub { x.checked_sub(y)? } else { x.checked_add(y)? })),
        (Value::Money(x), Value::Money(y)) => Some(Value::Money(if sub { x.checked_sub(y)? } else { x.checked_add(y)? })),
        _ => None,
    }
}

/// The value of a simple threshold expression (constant, parameter,
/// peildatum, known field, or one of those plus or minus a duration or number).
fn fold(program: &Program, dossier: &Dossier, e: &TExpr) -> Option<Value> {
    match e {
        TExpr::Const(v) => Some(v.clone()),
        TExpr::Param(i) => param_on(program, *i, dossier.peildatum),
        TExpr::Peildatum => Some(Value::Date(dossier.peildatum)),
        TExpr::Field(id) => dossier.slots.get(id.index()).cloned().flatten(),
        TExpr::Def(i) => program.def(*i).and_then(|d| fold(program, dossier, &d.expr)),
        TExpr::Arith(op @ (Arith::Add | Arith::Sub | Arith::DatePlus | Arith::DateMinus), a, b) => combine(*op, fold(program, dossier, a)?, fold(program, dossier, b)?),
        _ => None,
    }
}

fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    let months = |m: i64| -> Option<NaiveDate> {
        let k = Months::new(u32::try_from(m.unsigned_abs()).ok()?);
        if m >= 0 {
            d.checked_add_months(k)
        } else {
            d.checked_sub_months(k)
        }
    };
    match unit {
        Unit::Dagen => d.checked_add_signed(Duration::try_days(n)?),
        Unit::Weken => d.checked_add_signed(Duration::try_days(n.checked_mul(7)?)?),
        Unit::Maanden => months(n),
        Unit::Jaar => months(n.checked_mul(12)?),
    }
}

/// A parameter's value in force on `peil`.
fn param_on(program: &Program, i: ParamId, peil: NaiveDate) -> Option<Value> {
    let p = program.param(i)?;
    let mut current = p.values.first().map(|(_, v)| v);
    for (from, v) in &p.values {
        match from {
            Some(d) if *d > peil => break,
            _ => current = Some(v),
        }
    }
    current.cloned()
}

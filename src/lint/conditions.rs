//! A small, sound reasoning about checked conditions, for lint: a condition
//! (`TExpr`) is read as a conjunction of atoms (`x = "a"`, `x in [...]`,
//! `x >= 12`, `bekend(x)`, `niet y`, ...); whatever no dossier can change
//! (constants, parameters with one value) is computed by the evaluator
//! (`eval::constant`), not by a second one. Two atoms are *disjoint* when no
//! dossier makes both true; the answer "disjoint" is always right, "not
//! disjoint" may be a conjunction the analysis cannot see through.

use super::{operands, Loc};
use crate::check::model::{Cmp, DefId, TExpr};
use crate::compile::Program;
use crate::eval::constant;
use crate::print::expr_text;
use crate::source::Span;
use crate::value::Value;
use chrono::Datelike;
use std::collections::HashSet;

/// One conjunct of a condition. Keys are expressions in canonical text.
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    /// Always true or always false.
    Const(bool),
    /// A yes/no expression, or its negation.
    Term(String, bool),
    /// `key cmp value`
    Compare(String, Cmp, Value),
    /// `key in [values]`, or `niet (key in [...])` when false.
    In(String, Vec<Value>, bool),
    /// `key cmp other` with two non-constant sides.
    Relation(String, Cmp, String),
}

/// An atom and where it was written.
#[derive(Clone, Debug)]
pub struct Conjunct {
    pub atom: Atom,
    pub span: Span,
    /// The atom in canonical text, for messages.
    pub text: String,
}

/// How deep definities are looked into (the checker already rejects cycles).
const MAX_INLINE: usize = 8;

/// `a cmp b` == `b flip(cmp) a`
fn flip(c: Cmp) -> Cmp {
    match c {
        Cmp::Lt => Cmp::Gt,
        Cmp::Le => Cmp::Ge,
        Cmp::Gt => Cmp::Lt,
        Cmp::Ge => Cmp::Le,
        other => other,
    }
}

/// `niet (a cmp b)` == `a negate(cmp) b` whenever both are known.
fn negate(c: Cmp) -> Cmp {
    match c {
        Cmp::Eq => Cmp::Ne,
        Cmp::Ne => Cmp::Eq,
        Cmp::Lt => Cmp::Ge,
        Cmp::Le => Cmp::Gt,
        Cmp::Gt => Cmp::Le,
        Cmp::Ge => Cmp::Lt,
    }
}

/// Which of less / equal / greater the comparison allows.
fn allows(c: Cmp) -> [bool; 3] {
    match c {
        Cmp::Eq => [false, true, false],
        Cmp::Ne => [true, false, true],
        Cmp::Lt => [true, false, false],
        Cmp::Le => [true, true, false],
        Cmp::Gt => [false, false, true],
        Cmp::Ge => [false, true, true],
    }
}

/// A number on one scale, for values that are ordered (same kind only).
fn ordered(v: &Value) -> Option<(u8, i64)> {
    match v {
        Value::Int(n) => Some((0, *n)),
        Value::Money(n) => Some((1, *n)),
        Value::Date(d) => Some((2, i64::from(d.num_days_from_ce()))),
        _ => None,
    }
}

/// The conditions of one compiled rule set, read into conjuncts.
pub struct Env<'p> {
    program: &'p Program,
}

impl<'p> Env<'p> {
    pub fn new(program: &'p Program) -> Env<'p> {
        Env { program }
    }

    /// The conjuncts of `e` (read as true when `positive`, else as `niet e`),
    /// located by `at`. A definitie is looked into once per condition (its
    /// conjuncts the second time add nothing), so shared definities cost
    /// linear time, not exponential.
    pub fn conjuncts(&self, e: &TExpr, at: Loc<'_>, positive: bool, out: &mut Vec<Conjunct>) {
        let mut seen = HashSet::new();
        self.conjuncts_at(e, positive, at, 0, &mut seen, out);
    }

    /// `at` is where `e` was written (inside a definitie, the place that used it).
    fn conjuncts_at(&self, e: &TExpr, positive: bool, at: Loc<'_>, depth: usize, seen: &mut HashSet<(DefId, bool)>, out: &mut Vec<Conjunct>) {
        let parts = operands(e);
        match e {
            TExpr::And(..) if positive => parts.iter().enumerate().for_each(|(i, x)| self.conjuncts_at(x, true, at.part(i, parts.len()), depth, seen, out)),
            TExpr::Or(..) if !positive => parts.iter().enumerate().for_each(|(i, x)| self.conjuncts_at(x, false, at.part(i, parts.len()), depth, seen, out)),
            TExpr::Not(x) if constant(self.program, e).is_none() => {
                let inner = at.part(0, 1);
                self.conjuncts_at(x, !positive, Loc { span: at.span, tree: inner.tree }, depth, seen, out)
            }
            _ => {
                let written = expr_text(self.program, e);
                let text = if positive { written } else { format!("niet {written}") };
                out.push(Conjunct { atom: self.atom(e, positive), span: at.span, text });
                // A definitie: also what it says, so `situatie_1` and `situatie_2` can exclude each other.
                if let TExpr::Def(id) = e {
                    let def = self.program.defs().get(id.index());
                    if let (Some(def), true) = (def, depth < MAX_INLINE) {
                        if seen.insert((*id, positive)) {
                            self.conjuncts_at(&def.expr, positive, Loc::at(at.span), depth + 1, seen, out);
                        }
                    }
                }
            }
        }
    }

    fn key(&self, e: &TExpr) -> String {
        expr_text(self.program, e)
    }

    fn atom(&self, e: &TExpr, positive: bool) -> Atom {
        if let Some(Value::Bool(b)) = constant(self.program, e) {
            return Atom::Const(b == positive);
        }
        match e {
            TExpr::Cmp(op, l, r) => {
                let op = if positive { *op } else { negate(*op) };
                match (constant(self.program, l), constant(self.program, r)) {
                    (None, Some(v)) => compare(self.key(l), op, v),
                    (Some(v), None) => compare(self.key(r), flip(op), v),
                    _ => Atom::Relation(self.key(l), op, self.key(r)),
                }
            }
            TExpr::In(l, r) if constant(self.program, l).is_none() => {
                let values: Option<Vec<Value>> = match &**r {
                    TExpr::List(items) => items.iter().map(|x| constant(self.program, x)).collect(),
                    other => match constant(self.program, other) {
                        Some(Value::List(items)) => Some(items.to_vec()),
                        _ => None,
                    },
                };
                match values {
                    Some(values) => Atom::In(self.key(l), values, positive),
                    None => Atom::Term(self.key(e), positive),
                }
            }
            _ => Atom::Term(self.key(e), positive),
        }
    }
}

fn compare(key: String, op: Cmp, v: Value) -> Atom {
    match (op, &v) {
        (Cmp::Eq, Value::Bool(b)) => Atom::Term(key, *b),
        (Cmp::Ne, Value::Bool(b)) => Atom::Term(key, !*b),
        _ => Atom::Compare(key, op, v),
    }
}

/// Both can be true for some value of `key`: `key c1 v1` and `key c2 v2`.
fn compatible(c1: Cmp, v1: &Value, c2: Cmp, v2: &Value) -> bool {
    match (ordered(v1), ordered(v2)) {
        (Some((k1, a)), Some((k2, b))) if k1 == k2 => {
            let range = |c: Cmp, n: i64| -> Option<(i64, i64)> {
                match c {
                    Cmp::Eq => Some((n, n)),
                    Cmp::Lt => Some((i64::MIN, n.saturating_sub(1))),
                    Cmp::Le => Some((i64::MIN, n)),
                    Cmp::Gt => Some((n.saturating_add(1), i64::MAX)),
                    Cmp::Ge => Some((n, i64::MAX)),
                    Cmp::Ne => None,
                }
            };
            match (range(c1, a), range(c2, b)) {
                (Some((lo1, hi1)), Some((lo2, hi2))) => lo1.max(lo2) <= hi1.min(hi2),
                (Some((lo, hi)), None) => !(lo == hi && lo == b),
                (None, Some((lo, hi))) => !(lo == hi && lo == a),
                (None, None) => true,
            }
        }
        _ if std::mem::discriminant(v1) == std::mem::discriminant(v2) => match (c1, c2) {
            (Cmp::Eq, Cmp::Eq) => v1 == v2,
            (Cmp::Eq, Cmp::Ne) | (Cmp::Ne, Cmp::Eq) => v1 != v2,
            _ => true,
        },
        _ => true,
    }
}

/// No dossier makes both atoms true.
pub fn disjoint(a: &Atom, b: &Atom) -> bool {
    use Atom::{Const, In, Relation, Term, Compare};
    match (a, b) {
        (Const(false), _) | (_, Const(false)) => true,
        (Term(k1, p1), Term(k2, p2)) => k1 == k2 && p1 != p2,
        (Compare(k1, r1, v1), Compare(k2, r2, v2)) => k1 == k2 && !compatible(*r1, v1, *r2, v2),
        (In(k1, set, true), Compare(k2, r, v)) | (Compare(k2, r, v), In(k1, set, true)) => {
            k1 == k2 && !set.is_empty() && set.iter().all(|s| !compatible(Cmp::Eq, s, *r, v))
        }
        (In(k1, set, true), In(k2, other, p)) | (In(k2, other, p), In(k1, set, true)) if k1 == k2 => {
            if *p {
                set.iter().all(|s| !other.contains(s))
            } else {
                set.iter().all(|s| other.contains(s))
            }
        }
        (In(k1, set, false), Compare(k2, Cmp::Eq, v)) | (Compare(k2, Cmp::Eq, v), In(k1, set, false)) => {
            k1 == k2 && set.contains(v)
        }
        (In(_, set, true), _) | (_, In(_, set, true)) if set.is_empty() => true,
        (Relation(a1, r1, b1), Relation(a2, r2, b2)) => {
            let r2 = if a1 == a2 && b1 == b2 {
                Some(*r2)
            } else if a1 == b2 && b1 == a2 {
                Some(flip(*r2))
            } else {
                None
            };
            match r2 {
                Some(r2) => {
                    let (x, y) = (allows(*r1), allows(r2));
                    !x.iter().zip(y.iter()).any(|(p, q)| *p && *q)
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// Why a conjunction can never be true: a constant false conjunct, or two
/// disjoint ones (indices into `cs`; the second is the later one).
pub fn contradiction(cs: &[Conjunct]) -> Option<(usize, Option<usize>)> {
    if let Some(i) = cs.iter().position(|c| c.atom == Atom::Const(false)) {
        return Some((i, None));
    }
    for (j, b) in cs.iter().enumerate() {
        for (i, a) in cs.iter().enumerate().take(j) {
            if disjoint(&a.atom, &b.atom) {
                return Some((i, Some(j)));
            }
        }
    }
    None
}

/// The conjuncts of two conditions exclude each other.
pub fn exclusive(a: &[Conjunct], b: &[Conjunct]) -> bool {
    a.iter().any(|x| b.iter().any(|y| disjoint(&x.atom, &y.atom)))
}

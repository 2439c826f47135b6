//! A small, sound reasoning about conditions, for lint: a condition is read
//! as a conjunction of atoms (`x = "a"`, `x in [...]`, `x >= 12`, `bekend(x)`,
//! `niet y`, ...) after parameters with one fixed value are filled in and
//! constants folded. Two atoms are *disjoint* when no dossier makes both
//! true; the answer "disjoint" is always right, "not disjoint" may be a
//! conjunction the analysis cannot see through.

use crate::fmt::expr::{end_of, flat, start_of};
use crate::source::Span;
use crate::syntax::ast::{BinOp, Block, Expr, ExprKind, Item, UnOp, Unit};
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};

/// A constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Bool(bool),
    Int(i64),
    Money(i64),
    Date(NaiveDate),
    Text(String),
    DayMonth(u32, u32),
    Duration(i64, Unit),
}

impl Lit {
    /// A number on one scale, for literals that are ordered (same kind only).
    fn ordered(&self) -> Option<(u8, i64)> {
        match self {
            Lit::Int(n) => Some((0, *n)),
            Lit::Money(n) => Some((1, *n)),
            Lit::Date(d) => Some((2, i64::from(d.num_days_from_ce()))),
            _ => None,
        }
    }
}

/// Comparison operators, as written with the field on the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Rel {
    fn of(op: BinOp) -> Option<Rel> {
        Some(match op {
            BinOp::Eq => Rel::Eq,
            BinOp::Ne => Rel::Ne,
            BinOp::Lt => Rel::Lt,
            BinOp::Le => Rel::Le,
            BinOp::Gt => Rel::Gt,
            BinOp::Ge => Rel::Ge,
            _ => return None,
        })
    }
    /// `a op b` == `b flip(op) a`
    fn flip(self) -> Rel {
        match self {
            Rel::Lt => Rel::Gt,
            Rel::Le => Rel::Ge,
            Rel::Gt => Rel::Lt,
            Rel::Ge => Rel::Le,
            other => other,
        }
    }
    /// `niet (a op b)` == `a negate(op) b` whenever both are known.
    fn negate(self) -> Rel {
        match self {
            Rel::Eq => Rel::Ne,
            Rel::Ne => Rel::Eq,
            Rel::Lt => Rel::Ge,
            Rel::Le => Rel::Gt,
            Rel::Gt => Rel::Le,
            Rel::Ge => Rel::Lt,
        }
    }
    /// Which of less / equal / greater the relation allows.
    fn allows(self) -> [bool; 3] {
        match self {
            Rel::Eq => [false, true, false],
            Rel::Ne => [true, false, true],
            Rel::Lt => [true, false, false],
            Rel::Le => [true, true, false],
            Rel::Gt => [false, false, true],
            Rel::Ge => [false, true, true],
        }
    }
}

/// One conjunct of a condition. Keys are expressions in canonical text.
#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    /// Always true or always false.
    Const(bool),
    /// A yes/no expression, or its negation.
    Term(String, bool),
    /// `key rel literal`
    Cmp(String, Rel, Lit),
    /// `key in [literals]`, or `niet (key in [...])` when false.
    In(String, Vec<Lit>, bool),
    /// `key rel other` with two non-constant sides.
    Relation(String, Rel, String),
}

/// An atom and where it was written.
#[derive(Clone, Debug)]
pub struct Conjunct {
    pub atom: Atom,
    pub span: Span,
    /// The atom as written (canonical text), for messages.
    pub text: String,
}

/// What a rule set's names stand for: parameters with one fixed value, and
/// definities (whose conditions are looked into).
#[derive(Default)]
pub struct Env {
    params: HashMap<String, Lit>,
    defs: HashMap<String, Expr>,
}

/// How deep definities are looked into (the checker already rejects cycles).
const MAX_INLINE: usize = 8;

impl Env {
    /// The fixed parameters among the top-level blocks of one rule set.
    pub fn from_blocks<'b>(blocks: impl Iterator<Item = &'b Block>) -> Env {
        let mut env = Env::default();
        for b in blocks.filter(|b| b.kind.name == "parameter" || b.kind.name == "definitie") {
            let values: Vec<_> = b
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Attr(a) if a.key.name == "waarde" => Some(a),
                    _ => None,
                })
                .collect();
            if let ([only], "definitie") = (values.as_slice(), b.kind.name.as_str()) {
                env.defs.insert(b.name.name.clone(), only.value.clone());
            } else if let [only] = values.as_slice() {
                if only.vanaf.is_none() {
                    if let Some(lit) = Env::default().fold(&only.value) {
                        env.params.insert(b.name.name.clone(), lit);
                    }
                }
            }
        }
        env
    }

    /// The constant value of `e`, if it has one.
    pub fn fold(&self, e: &Expr) -> Option<Lit> {
        use ExprKind as K;
        Some(match &e.kind {
            K::Bool(b) => Lit::Bool(*b),
            K::Int(n) => Lit::Int(*n),
            K::Money(n) => Lit::Money(*n),
            K::Date(d) => Lit::Date(*d),
            K::Text(t) => Lit::Text(t.clone()),
            K::DayMonth(d, m) => Lit::DayMonth(*d, *m),
            K::Duration(n, u) => Lit::Duration(*n, *u),
            K::Path(parts) if parts.len() == 1 => self.params.get(parts.first()?)?.clone(),
            K::Unary(UnOp::Niet, x) => match self.fold(x)? {
                Lit::Bool(b) => Lit::Bool(!b),
                _ => return None,
            },
            K::Unary(UnOp::Neg, x) => match self.fold(x)? {
                Lit::Int(n) => Lit::Int(n.checked_neg()?),
                Lit::Money(n) => Lit::Money(n.checked_neg()?),
                _ => return None,
            },
            K::Binary(BinOp::En, l, r) => match (self.fold(l), self.fold(r)) {
                (Some(Lit::Bool(false)), _) | (_, Some(Lit::Bool(false))) => Lit::Bool(false),
                (Some(Lit::Bool(true)), Some(Lit::Bool(true))) => Lit::Bool(true),
                _ => return None,
            },
            K::Binary(BinOp::Of, l, r) => match (self.fold(l), self.fold(r)) {
                (Some(Lit::Bool(true)), _) | (_, Some(Lit::Bool(true))) => Lit::Bool(true),
                (Some(Lit::Bool(false)), Some(Lit::Bool(false))) => Lit::Bool(false),
                _ => return None,
            },
            K::Binary(op, l, r) => {
                let (a, b) = (self.fold(l)?, self.fold(r)?);
                if let Some(rel) = Rel::of(*op) {
                    return Some(Lit::Bool(holds(&a, rel, &b)?));
                }
                match (op, a, b) {
                    (BinOp::Add, Lit::Int(x), Lit::Int(y)) => Lit::Int(x.checked_add(y)?),
                    (BinOp::Sub, Lit::Int(x), Lit::Int(y)) => Lit::Int(x.checked_sub(y)?),
                    (BinOp::Mul, Lit::Int(x), Lit::Int(y)) => Lit::Int(x.checked_mul(y)?),
                    (BinOp::Add, Lit::Money(x), Lit::Money(y)) => Lit::Money(x.checked_add(y)?),
                    (BinOp::Sub, Lit::Money(x), Lit::Money(y)) => Lit::Money(x.checked_sub(y)?),
                    (BinOp::Mul, Lit::Money(x), Lit::Int(y)) => Lit::Money(x.checked_mul(y)?),
                    _ => return None,
                }
            }
            K::List(_) => return None,
            K::If(c, t, otherwise) => match self.fold(c)? {
                Lit::Bool(true) => self.fold(t)?,
                Lit::Bool(false) => self.fold(otherwise)?,
                _ => return None,
            },
            _ => return None,
        })
    }

    /// The conjuncts of `e` (read as true when `positive`, else as `niet e`).
    /// A definitie is looked into once per condition (its conjuncts the second
    /// time add nothing), so shared definities cost linear time, not exponential.
    pub fn conjuncts(&self, e: &Expr, positive: bool, out: &mut Vec<Conjunct>) {
        let mut seen = HashSet::new();
        self.conjuncts_at(e, positive, Span::new(start_of(e), end_of(e)), 0, &mut seen, out);
    }

    /// `at` is where the conjunct was written (inside a definitie, the place that used it).
    fn conjuncts_at<'e>(&'e self, e: &'e Expr, positive: bool, at: Span, depth: usize, seen: &mut HashSet<(&'e str, bool)>, out: &mut Vec<Conjunct>) {
        let here = |x: &Expr| if depth == 0 { Span::new(start_of(x), end_of(x)) } else { at };
        match &e.kind {
            ExprKind::Binary(BinOp::En, l, r) if positive => {
                self.conjuncts_at(l, true, here(l), depth, seen, out);
                self.conjuncts_at(r, true, here(r), depth, seen, out);
            }
            ExprKind::Binary(BinOp::Of, l, r) if !positive => {
                self.conjuncts_at(l, false, here(l), depth, seen, out);
                self.conjuncts_at(r, false, here(r), depth, seen, out);
            }
            ExprKind::Unary(UnOp::Niet, x) if self.fold(e).is_none() => self.conjuncts_at(x, !positive, here(e), depth, seen, out),
            _ => {
                let written = flat("", e);
                let text = if positive { written } else { format!("niet {written}") };
                out.push(Conjunct { atom: self.atom(e, positive), span: at, text });
                // A definitie: also what it says, so `situatie_1` and `situatie_2` can exclude each other.
                if let ExprKind::Path(p) = &e.kind {
                    let def = p.first().filter(|_| p.len() == 1).and_then(|n| self.defs.get_key_value(n));
                    if let (Some((name, body)), true) = (def, depth < MAX_INLINE) {
                        if seen.insert((name.as_str(), positive)) {
                            self.conjuncts_at(body, positive, at, depth + 1, seen, out);
                        }
                    }
                }
            }
        }
    }

    fn atom(&self, e: &Expr, positive: bool) -> Atom {
        if let Some(Lit::Bool(b)) = self.fold(e) {
            return Atom::Const(b == positive);
        }
        match &e.kind {
            ExprKind::Binary(op, l, r) => {
                if let Some(rel) = Rel::of(*op) {
                    let rel = if positive { rel } else { rel.negate() };
                    return match (self.fold(l), self.fold(r)) {
                        (None, Some(lit)) => compare(key(l), rel, lit),
                        (Some(lit), None) => compare(key(r), rel.flip(), lit),
                        _ => Atom::Relation(key(l), rel, key(r)),
                    };
                }
                if *op == BinOp::In {
                    if let (None, ExprKind::List(items)) = (self.fold(l), &r.kind) {
                        let lits: Option<Vec<Lit>> = items.iter().map(|x| self.fold(x)).collect();
                        if let Some(lits) = lits {
                            return Atom::In(key(l), lits, positive);
                        }
                    }
                }
                Atom::Term(key(e), positive)
            }
            _ => Atom::Term(key(e), positive),
        }
    }
}

fn key(e: &Expr) -> String {
    flat("", e)
}

fn compare(key: String, rel: Rel, lit: Lit) -> Atom {
    match (rel, &lit) {
        (Rel::Eq, Lit::Bool(b)) => Atom::Term(key, *b),
        (Rel::Ne, Lit::Bool(b)) => Atom::Term(key, !*b),
        _ => Atom::Cmp(key, rel, lit),
    }
}

/// `a rel b` for two constants of the same kind.
fn holds(a: &Lit, rel: Rel, b: &Lit) -> Option<bool> {
    let ord = match (a.ordered(), b.ordered()) {
        (Some((ka, x)), Some((kb, y))) if ka == kb => x.cmp(&y),
        _ if std::mem::discriminant(a) == std::mem::discriminant(b) => match rel {
            Rel::Eq => return Some(a == b),
            Rel::Ne => return Some(a != b),
            _ => return None,
        },
        _ => return None,
    };
    let [lt, eq, gt] = rel.allows();
    Some(match ord {
        std::cmp::Ordering::Less => lt,
        std::cmp::Ordering::Equal => eq,
        std::cmp::Ordering::Greater => gt,
    })
}

/// Both can be true for some value of `key`: `key r1 v1` and `key r2 v2`.
fn compatible(r1: Rel, v1: &Lit, r2: Rel, v2: &Lit) -> bool {
    match (v1.ordered(), v2.ordered()) {
        (Some((k1, a)), Some((k2, b))) if k1 == k2 => {
            let range = |r: Rel, n: i64| -> Option<(i64, i64)> {
                match r {
                    Rel::Eq => Some((n, n)),
                    Rel::Lt => Some((i64::MIN, n.saturating_sub(1))),
                    Rel::Le => Some((i64::MIN, n)),
                    Rel::Gt => Some((n.saturating_add(1), i64::MAX)),
                    Rel::Ge => Some((n, i64::MAX)),
                    Rel::Ne => None,
                }
            };
            match (range(r1, a), range(r2, b)) {
                (Some((lo1, hi1)), Some((lo2, hi2))) => lo1.max(lo2) <= hi1.min(hi2),
                (Some((lo, hi)), None) => !(lo == hi && lo == b),
                (None, Some((lo, hi))) => !(lo == hi && lo == a),
                (None, None) => true,
            }
        }
        _ if std::mem::discriminant(v1) == std::mem::discriminant(v2) => match (r1, r2) {
            (Rel::Eq, Rel::Eq) => v1 == v2,
            (Rel::Eq, Rel::Ne) | (Rel::Ne, Rel::Eq) => v1 != v2,
            _ => true,
        },
        _ => true,
    }
}

/// No dossier makes both atoms true.
pub fn disjoint(a: &Atom, b: &Atom) -> bool {
    use Atom::*;
    match (a, b) {
        (Const(false), _) | (_, Const(false)) => true,
        (Term(k1, p1), Term(k2, p2)) => k1 == k2 && p1 != p2,
        (Cmp(k1, r1, v1), Cmp(k2, r2, v2)) => k1 == k2 && !compatible(*r1, v1, *r2, v2),
        (In(k1, set, true), Cmp(k2, r, v)) | (Cmp(k2, r, v), In(k1, set, true)) => {
            k1 == k2 && !set.is_empty() && set.iter().all(|s| !compatible(Rel::Eq, s, *r, v))
        }
        (In(k1, set, true), In(k2, other, p)) | (In(k2, other, p), In(k1, set, true)) if k1 == k2 => {
            if *p {
                set.iter().all(|s| !other.contains(s))
            } else {
                set.iter().all(|s| other.contains(s))
            }
        }
        (In(k1, set, false), Cmp(k2, Rel::Eq, v)) | (Cmp(k2, Rel::Eq, v), In(k1, set, false)) => k1 == k2 && set.contains(v),
        (In(_, set, true), _) | (_, In(_, set, true)) if set.is_empty() => true,
        (Relation(a1, r1, b1), Relation(a2, r2, b2)) => {
            let r2 = if a1 == a2 && b1 == b2 {
                Some(*r2)
            } else if a1 == b2 && b1 == a2 {
                Some(r2.flip())
            } else {
                None
            };
            match r2 {
                Some(r2) => {
                    let (x, y) = (r1.allows(), r2.allows());
                    !(0..3).any(|i| x.get(i).copied().unwrap_or(false) && y.get(i).copied().unwrap_or(false))
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

//! Evaluating typed expressions over one dossier with three-valued logic:
//! a missing fact yields `V::Unknown` with the fields it lacks; `nee en ?`
//! is `nee` and `ja of ?` is `ja`.

use super::Ctx;
use crate::check::model::{Arith, Builtin, Cmp, TExpr};
use crate::decision::RegelFoutCode;
use crate::syntax::ast::Unit;
use crate::value::{FieldSet, Value, V};
use chrono::{Datelike, Duration, Months, NaiveDate};
use std::sync::Arc;

/// An evaluation that cannot go on: arithmetic overflow, a date out of range.
/// It stays the error of the rule being evaluated (`Decision::fouten`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// A number, amount or date outside what can be represented.
    #[error("{0} valt buiten het bereik")]
    Bereik(&'static str),
    /// A computation the values do not allow (a negative number of school weeks, a period that ends before it starts).
    #[error("{0}")]
    Reken(String),
    /// A value of a kind the checker rules out: a bug in passend.
    #[error("interne fout: {0}")]
    Intern(String),
}

impl EvalError {
    pub(crate) fn internal(what: impl Into<String>) -> Self {
        EvalError::Intern(what.into())
    }

    /// The contract's code for this kind of error.
    pub const fn code(&self) -> RegelFoutCode {
        match self {
            EvalError::Bereik(_) | EvalError::Reken(_) => RegelFoutCode::Rekenfout,
            EvalError::Intern(_) => RegelFoutCode::Intern,
        }
    }
}

type R = Result<V, EvalError>;

fn known(v: Value) -> R {
    Ok(V::Known(v))
}

fn overflow(what: &'static str) -> EvalError {
    EvalError::Bereik(what)
}

impl Ctx<'_> {
    pub(crate) fn eval(&mut self, e: &TExpr) -> R {
        match e {
            TExpr::Const(v) => known(v.clone()),
            TExpr::Field(id) => Ok(match self.dossier.slots.get(id.index()) {
                Some(Some(v)) => V::Known(v.clone()),
                _ => V::Unknown(FieldSet::one(*id)),
            }),
            TExpr::Known(id) => known(Value::Bool(matches!(self.dossier.slots.get(id.index()), Some(Some(_))))),
            TExpr::Param(i) => known(self.param(*i)?),
            TExpr::Def(i) => self.def(*i),
            TExpr::Peildatum => known(Value::Date(self.dossier.peildatum)),
            TExpr::InAanmerking => Ok(self.in_aanmerking.clone().unwrap_or(V::Unknown(FieldSet::default()))),
            TExpr::Not(a) => Ok(match self.eval(a)? {
                V::Known(Value::Bool(b)) => V::Known(Value::Bool(!b)),
                other => other,
            }),
            TExpr::Neg(a) => Ok(match self.eval(a)? {
                V::Known(Value::Int(n)) => V::Known(Value::Int(n.checked_neg().ok_or_else(|| overflow("een getal"))?)),
                V::Known(Value::Money(n)) => V::Known(Value::Money(n.checked_neg().ok_or_else(|| overflow("een bedrag"))?)),
                other => other,
            }),
            TExpr::And(a, b) => self.logic(a, b, false),
            TExpr::Or(a, b) => self.logic(a, b, true),
            TExpr::Cmp(op, a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                both(a, b, |x, y| Ok(Value::Bool(compare(*op, x, y))))
            }
            TExpr::In(a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                both(a, b, |x, list| {
                    Ok(Value::Bool(match list {
                        Value::List(items) => items.iter().any(|i| i == x),
                        _ => false,
                    }))
                })
            }
            TExpr::Arith(op, a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                both(a, b, |x, y| arith(*op, x, y))
            }
            TExpr::If(c, a, b) => match self.eval(c)? {
                V::Known(Value::Bool(true)) => self.eval(a),
                V::Known(_) => self.eval(b),
                V::Unknown(fc) => {
                    let (a, b) = (self.eval(a)?, self.eval(b)?);
                    Ok(match (a, b) {
                        (V::Known(x), V::Known(y)) if x == y => V::Known(x),
                        (a, b) => V::Unknown(fc.union(unknowns(&a)).union(unknowns(&b))),
                    })
                }
            },
            TExpr::List(items) => Ok(match self.eval_all(items)? {
                Ok(out) => V::Known(Value::List(out.into())),
                Err(missing) => V::Unknown(missing),
            }),
            TExpr::Call(f, args) => self.call(*f, args),
        }
    }

    /// Evaluates every expression, in order and all of them (so every missing field is named):
    /// their values, or the union of the fields that were missing.
    fn eval_all(&mut self, exprs: &[TExpr]) -> Result<Result<Vec<Value>, FieldSet>, EvalError> {
        let mut vals = Vec::with_capacity(exprs.len());
        let mut missing = FieldSet::default();
        for e in exprs {
            match self.eval(e)? {
                V::Known(v) => vals.push(v),
                V::Unknown(m) => missing = missing.union(m),
            }
        }
        Ok(if missing.is_empty() { Ok(vals) } else { Err(missing) })
    }

    /// `en` (`or == false`) and `of` (`or == true`), Kleene style.
    fn logic(&mut self, a: &TExpr, b: &TExpr, or: bool) -> R {
        let decisive = Value::Bool(or);
        let a = self.eval(a)?;
        if a == V::Known(decisive.clone()) {
            return Ok(a);
        }
        let b = self.eval(b)?;
        if b == V::Known(decisive.clone()) {
            return Ok(b);
        }
        Ok(match (a, b) {
            (V::Known(_), V::Known(_)) => V::Known(Value::Bool(!or)),
            (a, b) => V::Unknown(unknowns(&a).union(unknowns(&b))),
        })
    }

    fn call(&mut self, f: Builtin, args: &[TExpr]) -> R {
        if let Some(v) = self.period_call(f, args)? {
            return Ok(v);
        }
        let vals = match self.eval_all(args)? {
            Ok(vals) => vals,
            Err(missing) => return Ok(V::Unknown(missing)),
        };
        let peil = self.dossier.peildatum;
        let v = match (f, vals.as_slice()) {
            (Builtin::Leeftijd, [Value::Date(b)]) => Value::Int(age(*b, peil)),
            (Builtin::LeeftijdOp, [Value::Date(b), Value::Date(on)]) => Value::Int(age(*b, *on)),
            (Builtin::Aantal, [Value::List(l)]) => Value::Int(l.len() as i64),
            (Builtin::AlleGelijk, [Value::List(l)]) => Value::Bool(l.windows(2).all(|w| w.first() == w.get(1))),
            (Builtin::Maanden, [Value::Date(a), Value::Date(b)]) => Value::Int(super::periode::whole_units(*a, *b, Unit::Maanden)),
            (Builtin::EersteVanMaand, [Value::Date(d)]) => Value::Date(first_of_month(*d)),
            (Builtin::EersteVanVolgendeMaand, [Value::Date(d)]) => Value::Date(
                first_of_month(*d).checked_add_months(Months::new(1)).ok_or_else(|| overflow("een datum"))?,
            ),
            (Builtin::Volgende, [Value::DayMonth(day, m), Value::Date(d)]) => Value::Date(next_day_month(*day, *m, *d, true)?),
            (Builtin::Vorige, [Value::DayMonth(day, m), Value::Date(d)]) => Value::Date(next_day_month(*day, *m, *d, false)?),
            (Builtin::DagenTussen, [Value::Date(a), Value::Date(b)]) => Value::Int((*b - *a).num_days()),
            (Builtin::InJaar, [Value::DayMonth(day, m), Value::Int(y)]) => {
                let year = i32::try_from(*y).map_err(|_| overflow("een jaar"))?;
                let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| overflow("een jaar"))?;
                Value::Date(next_day_month(*day, *m, first, true)?)
            }
            (Builtin::Min | Builtin::Max, [a, b]) => {
                let a_first = compare(Cmp::Le, a, b) == (f == Builtin::Min);
                if a_first { a.clone() } else { b.clone() }
            }
            (Builtin::Tekst, [v]) => Value::Text(Arc::from(v.display())),
            (Builtin::SchoolwekenNa, [Value::Date(d), Value::Int(n), holidays]) => {
                Value::Date(super::schoolweken::after(*d, *n, &super::schoolweken::periods(holidays)?)?)
            }
            (Builtin::SchoolwekenTussen, [Value::Date(a), Value::Date(b), holidays]) => {
                Value::Int(super::schoolweken::between(*a, *b, &super::schoolweken::periods(holidays)?))
            }
            _ => return Err(EvalError::internal(format!("functie {f:?} met onverwachte waarden"))),
        };
        known(v)
    }
}

/// Combines two operands: unknown if either is.
fn both(a: V, b: V, f: impl FnOnce(&Value, &Value) -> Result<Value, EvalError>) -> R {
    match (&a, &b) {
        (V::Known(x), V::Known(y)) => Ok(V::Known(f(x, y)?)),
        _ => Ok(V::Unknown(unknowns(&a).union(unknowns(&b)))),
    }
}

fn unknowns(v: &V) -> FieldSet {
    match v {
        V::Unknown(f) => *f,
        V::Known(_) => FieldSet::default(),
    }
}

fn compare(op: Cmp, a: &Value, b: &Value) -> bool {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (Value::Int(x), Value::Int(y)) | (Value::Money(x), Value::Money(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        _ => {
            let eq = a == b;
            return match op {
                Cmp::Eq => eq,
                Cmp::Ne => !eq,
                _ => false,
            };
        }
    };
    match op {
        Cmp::Eq => ord == Ordering::Equal,
        Cmp::Ne => ord != Ordering::Equal,
        Cmp::Lt => ord == Ordering::Less,
        Cmp::Le => ord != Ordering::Greater,
        Cmp::Gt => ord == Ordering::Greater,
        Cmp::Ge => ord != Ordering::Less,
    }
}

fn arith(op: Arith, a: &Value, b: &Value) -> Result<Value, EvalError> {
    let num = |r: Option<i64>| r.ok_or_else(|| overflow("een getal of bedrag"));
    Ok(match (op, a, b) {
        (Arith::Add, Value::Int(x), Value::Int(y)) => Value::Int(num(x.checked_add(*y))?),
        (Arith::Sub, Value::Int(x), Value::Int(y)) => Value::Int(num(x.checked_sub(*y))?),
        (Arith::Add, Value::Money(x), Value::Money(y)) => Value::Money(num(x.checked_add(*y))?),
        (Arith::Sub, Value::Money(x), Value::Money(y)) => Value::Money(num(x.checked_sub(*y))?),
        (Arith::Mul, Value::Int(x), Value::Int(y)) => Value::Int(num(x.checked_mul(*y))?),
        (Arith::Mul, Value::Money(x), Value::Int(y)) => Value::Money(num(x.checked_mul(*y))?),
        (Arith::MulDuration, Value::Duration(n, u), Value::Int(k)) => Value::Duration(num(n.checked_mul(*k))?, *u),
        (Arith::DatePlus, Value::Date(d), Value::Duration(n, u)) => Value::Date(shift(*d, *n, *u)?),
        (Arith::DateMinus, Value::Date(d), Value::Duration(n, u)) => Value::Date(shift(*d, num(n.checked_neg())?, *u)?),
        (Arith::Concat, x, y) => Value::Text(Arc::from(format!("{}{}", x.display(), y.display()))),
        _ => return Err(EvalError::internal("rekenen met onverwachte waarden")),
    })
}

/// `datum + n eenheden`; months clamp to the end of a shorter month.
fn shift(d: NaiveDate, n: i64, unit: Unit) -> Result<NaiveDate, EvalError> {
    let err = || overflow("een datum");
    match unit {
        Unit::Dagen | Unit::Weken => {
            let days = if unit == Unit::Weken { n.checked_mul(7).ok_or_else(err)? } else { n };
            let delta = Duration::try_days(days).ok_or_else(err)?;
            d.checked_add_signed(delta).ok_or_else(err)
        }
        Unit::Maanden | Unit::Jaar => {
            let months = if unit == Unit::Jaar { n.checked_mul(12).ok_or_else(err)? } else { n };
            let m = Months::new(u32::try_from(months.unsigned_abs()).map_err(|_| err())?);
            if months >= 0 { d.checked_add_months(m) } else { d.checked_sub_months(m) }.ok_or_else(err)
        }
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Full years from `birth` to `on`.
fn age(birth: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = on.year() as i64 - birth.year() as i64;
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The first `day month` on or after `d` (`forward`), or on or before it.
/// 29 February falls back to 28 February in other years.
fn next_day_month(day: u32, month: u32, d: NaiveDate, forward: bool) -> Result<NaiveDate, EvalError> {
    let make = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)))
            .ok_or_else(|| overflow("een datum"))
    };
    let this = make(d.year())?;
    if forward {
        if this >= d { Ok(this) } else { make(d.year() + 1) }
    } else if this <= d {
        Ok(this)
    } else {
        make(d.year() - 1)
    }
}

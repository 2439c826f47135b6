//! Amounts over a period and dated parameters: `per_maand(tarief, van, tot)`
//! (and `per_week`, `per_jaar`) sums the period unit by unit, each unit at the
//! tarief in force on its first day; `uitleg(per_maand(...))` writes the sum
//! out ("1 maand x € 750,00 + 2 maanden x € 800,00"); `waarde_op(parameter,
//! datum)` is a parameter's value on a date the rule names. Every other use
//! of a parameter takes the value in force on the peildatum.
//!
//! A period `van` t/m `tot` lasts n whole units when `van + n units` is on or
//! before `tot + 1 dag`; a remainder shorter than one unit is not counted.
//! `maanden(van, tot)` counts the same way, so a minimum duration and a
//! per-month amount agree.

use super::expr::EvalError;
use super::Ctx;
use crate::check::model::{Builtin, ParamId, TExpr};
use crate::syntax::ast::Unit;
use crate::value::{format_money, FieldSet, Value, V};
use chrono::{Duration, Months, NaiveDate};
use std::sync::Arc;

fn err(what: &'static str) -> EvalError {
    EvalError::Bereik(what)
}

/// `d` moved by `n` units; months and years clamp to the end of a shorter month.
pub(super) fn add_units(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Dagen => d.checked_add_signed(Duration::try_days(n)?),
        Unit::Weken => d.checked_add_signed(Duration::try_days(n.checked_mul(7)?)?),
        Unit::Maanden => d.checked_add_months(Months::new(u32::try_from(n).ok()?)),
        Unit::Jaar => d.checked_add_months(Months::new(u32::try_from(n.checked_mul(12)?).ok()?)),
    }
}

/// Whole units in the period `van` t/m `tot` (0 when `tot` is before `van`).
pub(super) fn whole_units(van: NaiveDate, tot: NaiveDate, unit: Unit) -> i64 {
    let Some(end) = tot.succ_opt() else { return 0 };
    if end <= van {
        return 0;
    }
    let days = (end - van).num_days();
    // An upper bound, then step down to the last start that still fits.
    let mut n = match unit {
        Unit::Dagen => days,
        Unit::Weken => days / 7,
        Unit::Maanden => days / 28 + 1,
        Unit::Jaar => days / 365 + 1,
    };
    while n > 0 && add_units(van, n, unit).is_none_or(|d| d > end) {
        n -= 1;
    }
    n
}

/// How many of the first `n` units of a period from `van` start before `d`
/// (binary search: unit starts only grow).
fn units_before(van: NaiveDate, n: i64, unit: Unit, d: Option<NaiveDate>) -> Result<i64, EvalError> {
    let Some(d) = d else { return Ok(0) };
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if add_units(van, mid, unit).ok_or_else(|| err("een datum"))? < d {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn unit_of(f: Builtin) -> Option<Unit> {
    match f {
        Builtin::PerMaand => Some(Unit::Maanden),
        Builtin::PerWeek => Some(Unit::Weken),
        Builtin::PerJaar => Some(Unit::Jaar),
        _ => None,
    }
}

impl Ctx<'_> {
    /// The value of parameter `i` in force on `on`; a parameter without a
    /// value is an internal error, never a silent `nee`.
    pub(super) fn param_on(&self, i: ParamId, on: NaiveDate) -> Result<Value, EvalError> {
        let missing = || EvalError::internal(format!("parameter {} heeft geen waarde", i.index()));
        let p = self.program.params.get(i.index()).ok_or_else(missing)?;
        let mut current = p.values.first().map(|(_, v)| v);
        for (from, v) in &p.values {
            match from {
                Some(d) if *d > on => break,
                _ => current = Some(v),
            }
        }
        current.cloned().ok_or_else(missing)
    }

    /// The functions of this module; `None` for any other.
    pub(super) fn period_call(&mut self, f: Builtin, args: &[TExpr]) -> Result<Option<V>, EvalError> {
        match (f, args) {
            (Builtin::WaardeOp, [TExpr::Param(i), on]) => Ok(Some(match self.eval(on)? {
                V::Known(Value::Date(d)) => V::Known(self.param_on(*i, d)?),
                V::Known(_) => return Err(EvalError::internal("waarde_op zonder datum")),
                unknown => unknown,
            })),
            (Builtin::Uitleg, [TExpr::Call(inner, inner_args)]) if unit_of(*inner).is_some() => {
                Ok(Some(match self.periods(*inner, inner_args)? {
                    Ok(parts) => V::Known(Value::Text(Arc::from(explain(&parts, unit_of(*inner).unwrap_or(Unit::Maanden))))),
                    Err(missing) => V::Unknown(missing),
                }))
            }
            (f, args) if unit_of(f).is_some() => Ok(Some(match self.periods(f, args)? {
                Ok(parts) => {
                    let mut total: i64 = 0;
                    for (n, rate) in &parts {
                        total = rate.checked_mul(*n).and_then(|x| total.checked_add(x)).ok_or_else(|| err("een bedrag"))?;
                    }
                    V::Known(Value::Money(total))
                }
                Err(missing) => V::Unknown(missing),
            })),
            _ => Ok(None),
        }
    }

    /// The period cut into runs of units with the same tarief: (units, cents per unit).
    fn periods(&mut self, f: Builtin, args: &[TExpr]) -> Result<Result<Vec<(i64, i64)>, FieldSet>, EvalError> {
        let (Some(unit), [rate, van, tot]) = (unit_of(f), args) else {
            return Err(EvalError::internal(format!("{} met onverwachte waarden", f.name())));
        };
        let (van, tot) = (self.eval(van)?, self.eval(tot)?);
        let (van, tot) = match (van, tot) {
            (V::Known(Value::Date(a)), V::Known(Value::Date(b))) => (a, b),
            (a, b) => {
                let mut m = FieldSet::default();
                for v in [a, b] {
                    if let V::Unknown(f) = v {
                        m = m.union(f);
                    }
                }
                return Ok(Err(m));
            }
        };
        let n = whole_units(van, tot, unit);
        let cents = |v: &Value| match v {
            Value::Money(c) => Ok(*c),
            _ => Err(EvalError::internal("tarief is geen bedrag")),
        };
        let mut runs: Vec<(i64, i64)> = Vec::new();
        let mut push = |count: i64, c: i64| match runs.last_mut() {
            _ if count <= 0 => {}
            Some((k, last)) if *last == c => *k += count,
            _ => runs.push((count, c)),
        };
        match rate {
            TExpr::Param(i) => {
                let Some(p) = self.program.params.get(i.index()) else { return Err(EvalError::internal("parameter ontbreekt")) };
                // Value j applies to the units that start in [from_j, from_{j+1}); the first
                // value also before its own date (as on the peildatum).
                for (j, (_, v)) in p.values.iter().enumerate() {
                    let from = if j == 0 { 0 } else { units_before(van, n, unit, p.values.get(j).and_then(|x| x.0))? };
                    let to = match p.values.get(j + 1).and_then(|x| x.0) {
                        Some(d) => units_before(van, n, unit, Some(d))?,
                        None => n,
                    };
                    push(to - from, cents(v)?);
                }
            }
            other => match self.eval(other)? {
                V::Known(v) => push(n, cents(&v)?),
                V::Unknown(m) => return Ok(Err(m)),
            },
        }
        Ok(Ok(runs))
    }
}

/// "1 maand x € 750,00 + 2 maanden x € 800,00"; "0 maanden" for an empty period.
fn explain(parts: &[(i64, i64)], unit: Unit) -> String {
    if parts.is_empty() {
        return crate::value::duration_words(0, unit);
    }
    parts.iter().map(|(n, c)| format!("{} x {}", crate::value::duration_words(*n, unit), format_money(*c))).collect::<Vec<_>>().join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn whole_units_count_as_the_handbook_means_a_duration() {
        assert_eq!(whole_units(d("2021-02-15"), d("2021-04-14"), Unit::Maanden), 2);
        assert_eq!(whole_units(d("2021-02-15"), d("2021-04-13"), Unit::Maanden), 1);
        assert_eq!(whole_units(d("2021-01-31"), d("2021-02-01"), Unit::Maanden), 0);
        assert_eq!(whole_units(d("2021-08-01"), d("2022-07-31"), Unit::Maanden), 12);
        assert_eq!(whole_units(d("2021-08-01"), d("2022-07-31"), Unit::Jaar), 1);
        assert_eq!(whole_units(d("2021-08-02"), d("2021-08-15"), Unit::Weken), 2);
        assert_eq!(whole_units(d("2021-08-02"), d("2021-08-14"), Unit::Weken), 1);
        assert_eq!(whole_units(d("2021-08-02"), d("2021-08-01"), Unit::Dagen), 0);
    }

    #[test]
    fn extreme_periods_neither_panic_nor_hang() {
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        for unit in [Unit::Dagen, Unit::Weken, Unit::Maanden, Unit::Jaar] {
            assert_eq!(whole_units(min, max, unit), 0, "tot + 1 dag does not exist: nothing to count");
            let n = whole_units(d("0001-01-01"), d("9999-12-30"), unit);
            assert!(n > 0);
            assert!(units_before(d("0001-01-01"), n, unit, Some(d("5000-01-01"))).is_ok_and(|k| k > 0 && k < n));
        }
    }
}

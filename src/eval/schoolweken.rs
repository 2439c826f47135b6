//! School weeks: counting weeks while skipping school holidays.
//!
//! A region's rule files give the holidays as data, a list of periods
//! `[[begin, einde], ...]` (both days included). A school week is seven days
//! outside every holiday: `schoolweken_na(d, n, vakanties)` is the day on
//! which the `7 n`-th non-holiday day after `d` falls (so without holidays it
//! is `d + n weken`), and `schoolweken_tussen(a, b, vakanties)` the number of
//! whole school weeks from `a` to `b`. Both walk the sorted periods once:
//! the work grows with the number of holidays, never with `n`.

use super::EvalError;
use crate::value::Value;
use chrono::{Duration, NaiveDate};

/// A holiday: both days included, `begin <= einde`.
type Period = (NaiveDate, NaiveDate);

fn err(msg: &str) -> EvalError {
    EvalError(format!("rekenfout: {msg}"))
}

/// The periods of a `[[begin, einde], ...]` value, sorted by begin.
pub fn periods(v: &Value) -> Result<Vec<Period>, EvalError> {
    let Value::List(items) = v else {
        return Err(err("de vakanties zijn geen lijst van periodes"));
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item {
            Value::List(pair) => match &pair[..] {
                [Value::Date(b), Value::Date(e)] if b <= e => out.push((*b, *e)),
                _ => {
                    return Err(err(
                        "een vakantie is [begin, einde] met begin op of voor einde",
                    ))
                }
            },
            _ => {
                return Err(err(
                    "een vakantie is [begin, einde] met begin op of voor einde",
                ))
            }
        }
    }
    out.sort();
    Ok(out)
}

fn add_days(d: NaiveDate, n: i64) -> Result<NaiveDate, EvalError> {
    Duration::try_days(n)
        .and_then(|delta| d.checked_add_signed(delta))
        .ok_or_else(|| err("een datum valt buiten het bereik"))
}

/// The day `weeks` school weeks after `from`.
pub fn after(from: NaiveDate, weeks: i64, holidays: &[Period]) -> Result<NaiveDate, EvalError> {
    if weeks < 0 {
        return Err(err("een negatief aantal schoolweken"));
    }
    let mut remaining = weeks
        .checked_mul(7)
        .ok_or_else(|| err("te veel schoolweken"))?;
    // `cursor`: the last day already accounted for; days after it are still to count.
    let mut cursor = from;
    for &(begin, end) in holidays {
        if end <= cursor {
            continue;
        }
        if begin > cursor {
            let free = (begin - cursor).num_days() - 1;
            if remaining <= free {
                return add_days(cursor, remaining);
            }
            remaining -= free;
        }
        cursor = end;
    }
    add_days(cursor, remaining)
}

/// Whole school weeks from `from` to `to` (negative when `to` lies before `from`).
pub fn between(from: NaiveDate, to: NaiveDate, holidays: &[Period]) -> i64 {
    let (a, b, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    // Days in (a, b] that lie in no holiday.
    let mut days = (b - a).num_days();
    let mut counted_to = a; // holiday days up to here are already subtracted
    for &(begin, end) in holidays {
        let Some(next) = counted_to.succ_opt() else {
            break;
        };
        let lo = begin.max(next);
        let hi = end.min(b);
        if lo <= hi {
            days -= (hi - lo).num_days() + 1;
            counted_to = hi;
        }
    }
    sign * (days / 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    /// Regio zuid, summer 2024 (6 July - 18 August) and autumn 2024 (19 - 27 October).
    fn zuid() -> Vec<Period> {
        vec![
            (d("2024-07-06"), d("2024-08-18")),
            (d("2024-10-19"), d("2024-10-27")),
        ]
    }

    #[test]
    fn without_holidays_a_school_week_is_a_week() {
        assert_eq!(after(d("2024-01-15"), 6, &[]), Ok(d("2024-02-26")));
        assert_eq!(between(d("2024-01-15"), d("2024-02-26"), &[]), 6);
    }

    #[test]
    fn the_summer_holiday_does_not_count() {
        // Handbook HP 02 C "drie tot zes schoolweken": a request on the last school day
        // before the summer holiday; the calendar count would end on 2024-08-16.
        assert_eq!(after(d("2024-07-05"), 6, &zuid()), Ok(d("2024-09-29")));
        assert_eq!(after(d("2024-07-05"), 3, &zuid()), Ok(d("2024-09-08")));
        assert_eq!(between(d("2024-07-05"), d("2024-09-29"), &zuid()), 6);
        assert_eq!(between(d("2024-07-05"), d("2024-09-28"), &zuid()), 5);
    }

    #[test]
    fn a_start_inside_a_holiday_counts_from_its_end() {
        assert_eq!(after(d("2024-07-20"), 1, &zuid()), Ok(d("2024-08-25")));
        assert_eq!(after(d("2024-07-20"), 0, &zuid()), Ok(d("2024-08-18")));
    }

    #[test]
    fn two_holidays_are_both_skipped() {
        // 2024-09-29 + 3 school weeks = 2024-10-20 without the autumn holiday; with it +9 days.
        assert_eq!(after(d("2024-07-05"), 9, &zuid()), Ok(d("2024-10-29")));
        assert_eq!(between(d("2024-07-05"), d("2024-10-29"), &zuid()), 9);
        assert_eq!(between(d("2024-10-29"), d("2024-07-05"), &zuid()), -9);
    }

    #[test]
    fn overlapping_periods_are_not_subtracted_twice() {
        let h = vec![
            (d("2024-07-06"), d("2024-08-18")),
            (d("2024-08-01"), d("2024-08-25")),
        ];
        assert_eq!(after(d("2024-07-05"), 1, &h), Ok(d("2024-09-01")));
        assert_eq!(between(d("2024-07-05"), d("2024-09-01"), &h), 1);
    }

    #[test]
    fn a_list_of_holidays_is_written_out_as_periods() {
        let h = Value::List(vec![Value::List(vec![Value::Date(d("2024-07-06")), Value::Date(d("2024-08-18"))].into())].into());
        assert_eq!(h.display(), "6 juli 2024 t/m 18 augustus 2024");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(after(d("2024-01-01"), -1, &[]).is_err());
        assert!(after(d("2024-01-01"), i64::MAX, &[]).is_err());
        assert!(after(NaiveDate::MAX, 1, &[]).is_err());
        let reversed = Value::List(
            vec![Value::List(
                vec![Value::Date(d("2024-02-01")), Value::Date(d("2024-01-01"))].into(),
            )]
            .into(),
        );
        assert!(periods(&reversed).is_err());
        assert!(periods(&Value::List(vec![Value::Date(d("2024-01-01"))].into())).is_err());
    }
}

//! `bron_wijkt_af` (warning): a parameter's `waarde` or a rule's `bedrag` is
//! a literal amount, number of weeks, months or days, or a date, and the
//! rule's own `bron` names amounts (weeks, ...) of that kind, none of them
//! this value: the citation went stale after an edit, or the value is wrong
//! ("bron noemt € 750, de regel € 900").

use super::{finding, rules_once, Finding, Loc, Severity};
use crate::check::model::{RuleKind, TExpr};
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::Unit;
use crate::value::{literal, Value, MONTHS};
use chrono::Datelike;

/// Both are amounts, or durations in the same unit, or days of the year.
fn same_kind(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Money(_), Value::Money(_)) | (Value::DayMonth(..), Value::DayMonth(..)) => true,
        (Value::Duration(_, x), Value::Duration(_, y)) => x == y,
        _ => false,
    }
}

const NUMBER_WORDS: [&str; 13] = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"];

/// A value as a quantity the handbook writes: an amount, a duration, or a
/// day of the year (a `31 juli` parameter has no year, so a date loses it).
fn quantity(v: &Value) -> Option<Value> {
    match v {
        Value::Money(_) | Value::Duration(..) | Value::DayMonth(..) => Some(v.clone()),
        Value::Date(d) => Some(Value::DayMonth(d.day(), d.month())),
        _ => None,
    }
}

fn number(word: &str) -> Option<i64> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let w = w.replace('é', "e");
    w.parse().ok().or_else(|| NUMBER_WORDS.iter().position(|n| *n == w).map(|i| i as i64))
}

/// Parses `750`, `1.000`, `750,-`, `1.000,50` after a euro sign: cents.
fn money(rest: &str) -> Option<i64> {
    let s = rest.trim_start();
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-')).unwrap_or(s.len());
    let token = s[..end].trim_end_matches(['.', ',']);
    let (whole, frac) = token.split_once(',').unwrap_or((token, ""));
    let whole: i64 = whole.replace('.', "").parse().ok()?;
    let cents: i64 = match frac.trim_end_matches('-') {
        "" => 0,
        f if f.len() == 2 => f.parse().ok()?,
        _ => return None,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// Every amount, duration and date the text names (a date as a day of the year).
pub fn quantities(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('€') {
        if let Some(c) = money(&text[i + '€'.len_utf8()..]) {
            out.push(Value::Money(c));
        }
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '(' || c == ')').filter(|w| !w.is_empty()).collect();
    for pair in words.windows(2) {
        let unit_word = pair[1].trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let unit = match unit_word.as_str() {
            "dag" | "dagen" => Some(Unit::Dagen),
            "week" | "weken" => Some(Unit::Weken),
            "maand" | "maanden" => Some(Unit::Maanden),
            "jaar" | "jaren" => Some(Unit::Jaar),
            _ => None,
        };
        let month = MONTHS.iter().position(|m| *m == unit_word);
        match (number(pair[0]), unit, month) {
            (Some(n), Some(u), _) => out.push(Value::Duration(n, u)),
            (Some(d), _, Some(m)) if (1..=31).contains(&d) => out.push(Value::DayMonth(d as u32, m as u32 + 1)),
            _ => {}
        }
    }
    for w in &words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let parts: Vec<&str> = w.split('-').collect();
        if let [a, b, c] = parts.as_slice() {
            let nums: Option<Vec<u32>> = [a, b, c].iter().map(|p| p.parse().ok()).collect();
            if let Some(n) = nums {
                let (d, m) = if a.len() == 4 { (n[2], n[1]) } else { (n[0], n[1]) };
                if (1..=31).contains(&d) && (1..=12).contains(&m) {
                    out.push(Value::DayMonth(d, m));
                }
            }
        }
    }
    out
}

/// Reports `value` (written at `span`) when `bron` names quantities of its
/// kind, none of them this one.
fn compare(src: &SourceFile, span: Span, bron: &str, value: &Value, what: &str, out: &mut Vec<Finding>) {
    let Some(value) = quantity(value) else { return };
    let same: Vec<Value> = quantities(bron).into_iter().filter(|q| same_kind(q, &value)).collect();
    if same.is_empty() || same.contains(&value) {
        return;
    }
    let shown: Vec<String> = same.iter().map(literal).collect();
    out.push(finding(
        Severity::Warning,
        Problem::new(Code::LintBronWijktAf, src, span, format!("bron noemt {}, de regel {} ({what})", shown.join(" en "), literal(&value)))
            .label("wijkt af van de bron")
            .help("pas de waarde of het citaat in `bron` aan, zodat zij hetzelfde zeggen"),
    ));
}

pub(super) fn check(program: &Program, out: &mut Vec<Finding>) {
    for p in program.params() {
        for ((_, value), (_, span)) in p.values.iter().zip(&p.at.values) {
            compare(&p.at.source, *span, &p.bron, value, &format!("parameter `{}`", p.name), out);
        }
    }
    for (owner, rule) in rules_once(program) {
        if let RuleKind::Bedrag { bedrag: TExpr::Const(value), .. } = &rule.kind {
            let what = format!("regel `{owner}.{}`", rule.at.name);
            compare(&rule.at.source, Loc::attr(rule, "bedrag").span, &rule.bron, value, &what, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_weeks_months_and_dates_are_read_as_the_handbook_writes_them() {
        let q = quantities("€ 750,- per maand, €1.000,50 eenmalig, binnen zes weken, 2 maanden, vóór 31 juli, per 1-8-2021 of 2025-01-01");
        assert!(q.contains(&Value::Money(75_000)));
        assert!(q.contains(&Value::Money(100_050)));
        assert!(q.contains(&Value::Duration(6, Unit::Weken)));
        assert!(q.contains(&Value::Duration(2, Unit::Maanden)));
        assert!(q.contains(&Value::DayMonth(31, 7)));
        assert!(q.contains(&Value::DayMonth(1, 8)));
        assert!(q.contains(&Value::DayMonth(1, 1)));
    }

    #[test]
    fn the_message_names_both_values() {
        assert_eq!(literal(&Value::Money(75_000)), "€ 750");
        assert_eq!(literal(&Value::Duration(8, Unit::Weken)), "8 weken");
        assert_eq!(literal(&Value::DayMonth(31, 7)), "31 juli");
    }
}

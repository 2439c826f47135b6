//! `bron_wijkt_af` (warning): a parameter's `waarde` or a rule's `bedrag` is
//! a literal amount, number of weeks, months or days, or a date, and the
//! rule's own `bron` names amounts (weeks, ...) of that kind, none of them
//! this value: the citation went stale after an edit, or the value is wrong
//! ("bron noemt € 750, de regel € 900").

use super::{finding, Finding, Severity, Version};
use crate::diagnostics::{Code, Problem};
use crate::syntax::ast::{Block, Expr, ExprKind, Item, Unit};

/// A quantity as the handbook writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// Cents.
    Money(i64),
    Duration(i64, Unit),
    /// (day, month), the year left out: a `31 juli` parameter has no year.
    DayMonth(u32, u32),
}

impl Quantity {
    fn same_kind(self, other: Quantity) -> bool {
        match (self, other) {
            (Quantity::Money(_), Quantity::Money(_)) | (Quantity::DayMonth(..), Quantity::DayMonth(..)) => true,
            (Quantity::Duration(_, a), Quantity::Duration(_, b)) => a == b,
            _ => false,
        }
    }

    fn show(self) -> String {
        match self {
            Quantity::Money(c) => crate::value::money_literal(c),
            Quantity::Duration(n, u) => {
                let unit = match (u, n == 1) {
                    (Unit::Dagen, true) => "dag",
                    (Unit::Dagen, false) => "dagen",
                    (Unit::Weken, true) => "week",
                    (Unit::Weken, false) => "weken",
                    (Unit::Maanden, true) => "maand",
                    (Unit::Maanden, false) => "maanden",
                    (Unit::Jaar, _) => "jaar",
                };
                format!("{n} {unit}")
            }
            Quantity::DayMonth(d, m) => format!("{d} {}", (m as usize).checked_sub(1).and_then(|i| MONTHS.get(i)).copied().unwrap_or("?")),
        }
    }
}

const MONTHS: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

const NUMBER_WORDS: [&str; 13] = ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"];

/// The value of a literal, as a quantity.
fn literal(e: &Expr) -> Option<Quantity> {
    match e.kind {
        ExprKind::Money(c) => Some(Quantity::Money(c)),
        ExprKind::Duration(n, u) => Some(Quantity::Duration(n, u)),
        ExprKind::DayMonth(d, m) => Some(Quantity::DayMonth(d, m)),
        ExprKind::Date(d) => {
            use chrono::Datelike;
            Some(Quantity::DayMonth(d.day(), d.month()))
        }
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

/// Every amount, duration and date the text names.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('€') {
        if let Some(c) = money(&text[i + '€'.len_utf8()..]) {
            out.push(Quantity::Money(c));
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
            (Some(n), Some(u), _) => out.push(Quantity::Duration(n, u)),
            (Some(d), _, Some(m)) if (1..=31).contains(&d) => out.push(Quantity::DayMonth(d as u32, m as u32 + 1)),
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
                    out.push(Quantity::DayMonth(d, m));
                }
            }
        }
    }
    out
}

fn text_attr(block: &Block, key: &str) -> Option<String> {
    block.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => match &a.value.kind {
            ExprKind::Text(t) => Some(t.clone()),
            _ => None,
        },
        _ => None,
    })
}

fn check_block(src: &crate::source::SourceFile, block: &Block, what: &str, key: &str, out: &mut Vec<Finding>) {
    let Some(bron) = text_attr(block, "bron") else { return };
    let named = quantities(&bron);
    for item in &block.items {
        let Item::Attr(a) = item else { continue };
        if a.key.name != key {
            continue;
        }
        let Some(value) = literal(&a.value) else { continue };
        let same: Vec<Quantity> = named.iter().copied().filter(|q| q.same_kind(value)).collect();
        if same.is_empty() || same.contains(&value) {
            continue;
        }
        let shown: Vec<String> = same.iter().map(|q| q.show()).collect();
        out.push(finding(
            Severity::Warning,
            Problem::new(
                Code::LintBronWijktAf,
                src,
                a.value.span,
                format!("bron noemt {}, de regel {} ({what})", shown.join(" en "), value.show()),
            )
            .label("wijkt af van de bron")
            .help("pas de waarde of het citaat in `bron` aan, zodat zij hetzelfde zeggen"),
        ));
    }
}

pub(super) fn check(v: &Version, out: &mut Vec<Finding>) {
    for (src, block) in v.blocks() {
        match block.kind.name.as_str() {
            "parameter" => check_block(src, block, &format!("parameter `{}`", block.name.name), "waarde", out),
            "aanvraag" | "regels" => {
                for item in &block.items {
                    if let Item::Block(r) = item {
                        if r.kind.name == "bedrag" {
                            check_block(src, r, &format!("regel `{}.{}`", block.name.name, r.name.name), "bedrag", out);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_weeks_months_and_dates_are_read_as_the_handbook_writes_them() {
        let q = quantities("€ 750,- per maand, €1.000,50 eenmalig, binnen zes weken, 2 maanden, vóór 31 juli, per 1-8-2021 of 2025-01-01");
        assert!(q.contains(&Quantity::Money(75_000)));
        assert!(q.contains(&Quantity::Money(100_050)));
        assert!(q.contains(&Quantity::Duration(6, Unit::Weken)));
        assert!(q.contains(&Quantity::Duration(2, Unit::Maanden)));
        assert!(q.contains(&Quantity::DayMonth(31, 7)));
        assert!(q.contains(&Quantity::DayMonth(1, 8)));
        assert!(q.contains(&Quantity::DayMonth(1, 1)));
    }

    #[test]
    fn the_message_names_both_values() {
        assert_eq!(Quantity::Money(75_000).show(), "€ 750");
        assert_eq!(Quantity::Duration(8, Unit::Weken).show(), "8 weken");
        assert_eq!(Quantity::DayMonth(31, 7).show(), "31 juli");
    }
}

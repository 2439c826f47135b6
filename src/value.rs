//! Runtime values of the rule language and the set of unknown fields that
//! three-valued evaluation carries instead of a value.

use crate::syntax::ast::Unit;
use crate::vocab::{FieldId, MAX_FIELDS};
use chrono::{Datelike, NaiveDate};
use std::sync::Arc;

/// A known value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    /// whole cents
    Money(i64),
    Date(NaiveDate),
    Duration(i64, Unit),
    DayMonth(u32, u32),
    /// text, and keuze values
    Text(Arc<str>),
    List(Arc<[Value]>),
}

impl Value {
    /// Written out for a person: dates as `1 april 2025`, amounts as `€ 750,00`.
    pub fn display(&self) -> String {
        match self {
            Value::Bool(true) => "ja".into(),
            Value::Bool(false) => "nee".into(),
            Value::Int(n) => n.to_string(),
            Value::Money(c) => format_money(*c),
            Value::Date(d) => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
            Value::Duration(n, u) => format!("{n} {}", unit_name(*n, *u)),
            Value::DayMonth(d, m) => format!("{d} {}", MONTHS.get(*m as usize - 1).copied().unwrap_or("?")),
            Value::Text(t) => t.to_string(),
            Value::List(items) => items.iter().map(Value::display_item).collect::<Vec<_>>().join(", "),
        }
    }

    /// An element of a displayed list: a period `[begin, einde]` (school holidays) as
    /// `6 juli 2024 t/m 18 augustus 2024`, another inner list in brackets.
    fn display_item(&self) -> String {
        match self {
            Value::List(pair) => match &pair[..] {
                [b @ Value::Date(_), e @ Value::Date(_)] => format!("{} t/m {}", b.display(), e.display()),
                _ => format!("[{}]", self.display()),
            },
            other => other.display(),
        }
    }

    /// The value as JSON, in the contract's conventions (dates ISO, money cents).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Bool(b) => J::Bool(*b),
            Value::Int(n) | Value::Money(n) => J::from(*n),
            Value::Date(d) => J::String(d.format("%Y-%m-%d").to_string()),
            Value::Text(t) => J::String(t.to_string()),
            Value::List(items) => J::Array(items.iter().map(Value::to_json).collect()),
            other => J::String(other.display()),
        }
    }
}

/// The months as rule files and explanations write them (the one list: parser, fmt, display).
pub const MONTHS: [&str; 12] = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december",
];

/// The word for a time unit: `1 week`, `8 weken` (from the language table).
pub fn unit_name(n: i64, u: Unit) -> &'static str {
    crate::taal::unit_word(n, u)
}

/// A value as a rule file writes it: `ja`, `€ 750`, `2025-08-01`, `8 weken`,
/// `31 juli`, `"tekst"`, `[a, b]`.
pub fn literal(v: &Value) -> String {
    match v {
        Value::Bool(true) => "ja".into(),
        Value::Bool(false) => "nee".into(),
        Value::Int(n) => n.to_string(),
        Value::Money(c) => money_literal(*c),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Duration(..) | Value::DayMonth(..) => v.display(),
        Value::Text(t) => quote(t),
        Value::List(items) => format!("[{}]", items.iter().map(literal).collect::<Vec<_>>().join(", ")),
    }
}

/// A text literal with its quotes and escapes (`\"`, `\\`, `\n`), as the
/// parser reads them back: the one escaping function of the rule language.
pub fn quote(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// `€ 750`, `€ 50.000`, `€ 12,50`: an amount as a rule file writes it.
pub fn money_literal(cents: i64) -> String {
    let full = format_money(cents);
    full.strip_suffix(",00").map(str::to_string).unwrap_or(full)
}

/// `€ 1.234,50`
pub fn format_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}€ {},{:02}", thousands(u128::from(abs / 100)), abs % 100)
}

/// `1.234.567`: whole euros with a point between thousands (for sums of any size too).
pub fn thousands(euros: u128) -> String {
    let euros = euros.to_string();
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

/// A set of dossier fields (slots), as a fixed bitset: no allocation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldSet([u64; MAX_FIELDS / 64]);

impl FieldSet {
    pub fn one(id: FieldId) -> Self {
        let mut s = FieldSet::default();
        s.insert(id);
        s
    }
    pub fn insert(&mut self, id: FieldId) {
        if let Some(word) = self.0.get_mut(id / 64) {
            *word |= 1 << (id % 64);
        }
    }
    pub fn union(mut self, other: FieldSet) -> Self {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a |= *b;
        }
        self
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
    /// The slots in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = FieldId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, w)| (0..64).filter(move |b| w & (1 << b) != 0).map(move |b| i * 64 + b))
    }
}

/// The result of evaluating an expression: a value, or unknown because of
/// missing fields.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Known(Value),
    Unknown(FieldSet),
}

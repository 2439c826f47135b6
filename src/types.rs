//! The types of the rule language, shared by the vocabulary, the checker
//! and the evaluator.

use std::fmt;

/// Index of a keuze list (enum) in the vocabulary.
pub type EnumId = usize;

/// A type of a value in a rule file or dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    /// geheel getal
    Int,
    /// bedrag in hele centen
    Money,
    Date,
    /// duur: `8 weken`
    Duration,
    /// dagmaand: `31 juli`
    DayMonth,
    Text,
    /// a value from a keuze list
    Enum(EnumId),
    List(Box<Type>),
    /// the element type of an empty list literal: fits any list
    Empty,
}

impl Type {
    /// Whether a value of type `self` may stand where `want` is expected.
    pub fn fits(&self, want: &Type) -> bool {
        match (self, want) {
            (a, b) if a == b => true,
            (Type::Empty, _) => true,
            (Type::Enum(_), Type::Text) => true,
            (Type::List(a), Type::List(b)) => a.fits(b),
            _ => false,
        }
    }

    /// Dutch name for diagnostics.
    pub fn describe(&self, enum_names: &[String]) -> String {
        match self {
            Type::Bool => "ja/nee".into(),
            Type::Int => "een geheel getal".into(),
            Type::Money => "een bedrag".into(),
            Type::Date => "een datum".into(),
            Type::Duration => "een duur".into(),
            Type::DayMonth => "een dag in het jaar".into(),
            Type::Text => "een tekst".into(),
            Type::Enum(id) => format!("een keuze uit `{}`", enum_names.get(*id).map(String::as_str).unwrap_or("?")),
            Type::List(t) => format!("een lijst van {}", t.describe(enum_names)),
            Type::Empty => "een lege lijst".into(),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&[]))
    }
}

//! The rule language as data: its block kinds (which attributes each takes,
//! whether required, what kind of value, which blocks nest in which), its
//! built-in functions (with the `Builtin` each compiles to, arity, signature
//! and a Dutch explanation), keywords, special names and time units.
//!
//! This is the one table: the checker decides validity from it, the editor
//! (completion, hover) and the parse hints read it, the ledger counts its rule
//! kinds. The grammar (`grammar/passend.pest`) knows only the reserved
//! keywords and units; a test holds it to this table.

mod blokken;
mod functies;

pub use blokken::{BLOCKS, RULE_KINDS, TOP_LEVEL};
pub use functies::{Function, Params, FUNCTIONS};

use crate::syntax::ast::Unit;

/// One block kind: `eis`, `workflow`, ...
#[derive(Debug)]
pub struct BlockKind {
    pub name: &'static str,
    /// What the block is, in one Dutch line.
    pub doc: &'static str,
    /// Its attributes, in the order the checker lists them.
    pub attrs: &'static [AttrSpec],
    /// The block kinds that may stand inside it.
    pub children: &'static [&'static str],
}

/// One attribute of a block kind.
#[derive(Debug)]
pub struct AttrSpec {
    pub name: &'static str,
    pub required: bool,
    pub value: ValueKind,
    /// What the attribute says, in one Dutch line.
    pub doc: &'static str,
}

/// What a name refers to in an attribute that names something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOf {
    Workflow,
    Status,
    Uitkomst,
    Groep,
}

/// What kind of value an attribute takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A text between quotes, as written (no expression).
    TextLiteral,
    /// A date as written (`2025-08-01`).
    DateLiteral,
    /// An expression of type tekst.
    Text,
    /// An expression of type ja/nee.
    Bool,
    /// An expression of type bedrag.
    Money,
    /// An expression of type datum.
    Date,
    /// A value of the vocabulary's keuze list of this name.
    Keuze(&'static str),
    /// A list of values of the keuze list of this name.
    KeuzeList(&'static str),
    /// A fixed value; it may repeat, each later one with `vanaf <datum>`.
    Constant,
    /// An expression of any type (the block takes its type).
    Any,
    /// A dossier field holding a text or keuze.
    Field,
    /// The name of one thing.
    Name(NameOf),
    /// One name or a list of names.
    Names(NameOf),
}

impl ValueKind {
    /// The kind of value, in Dutch, for hover and help texts.
    pub fn describe(self) -> String {
        let thing = |n: NameOf| match n {
            NameOf::Workflow => "workflow",
            NameOf::Status => "status van deze workflow",
            NameOf::Uitkomst => "uitkomst uit regions/vocabulaire.toml",
            NameOf::Groep => "groep regels",
        };
        match self {
            ValueKind::TextLiteral => "een tekst tussen aanhalingstekens".into(),
            ValueKind::DateLiteral => "een datum (JJJJ-MM-DD)".into(),
            ValueKind::Text => "een tekst".into(),
            ValueKind::Bool => "ja/nee".into(),
            ValueKind::Money => "een bedrag".into(),
            ValueKind::Date => "een datum".into(),
            ValueKind::Keuze(list) => format!("een waarde uit de keuzelijst `{list}`"),
            ValueKind::KeuzeList(list) => format!("een lijst met waarden uit de keuzelijst `{list}`"),
            ValueKind::Constant => "een vaste waarde (later ook `waarde ... vanaf JJJJ-MM-DD`)".into(),
            ValueKind::Any => "een waarde van elk soort".into(),
            ValueKind::Field => "een dossierveld (tekst of keuze)".into(),
            ValueKind::Name(n) => format!("de naam van een {}", thing(n)),
            ValueKind::Names(n) => format!("een of meer namen van een {} (`[a, b]`)", thing(n)),
        }
    }
}

/// A keyword or special name of expressions.
#[derive(Debug)]
pub struct Keyword {
    pub word: &'static str,
    pub doc: &'static str,
    /// Reserved by the grammar (never a name); `peildatum` and `in_aanmerking` are not.
    pub reserved: bool,
}

const fn kw(word: &'static str, doc: &'static str) -> Keyword {
    Keyword { word, doc, reserved: true }
}

const IF: &str = "als ... dan ... anders ...";

pub const KEYWORDS: &[Keyword] = &[
    kw("en", "beide waar"), kw("of", "minstens één waar"), kw("niet", "het omgekeerde"), kw("in", "komt voor in een lijst"),
    kw("als", IF), kw("dan", IF), kw("anders", IF), kw("ja", "waar"), kw("nee", "niet waar"),
    kw("vanaf", "een parameterwaarde die vanaf een datum geldt"),
    Keyword { word: "peildatum", doc: "de peildatum van het dossier", reserved: false },
    Keyword { word: "in_aanmerking", doc: "of de aanvraag in aanmerking komt (alleen in uitvoerregels en workflows)", reserved: false },
];

/// A time unit after a number: `1 week`, `8 weken`.
#[derive(Debug)]
pub struct UnitWords {
    pub unit: Unit,
    pub one: &'static str,
    pub many: &'static str,
}

pub const UNITS: &[UnitWords] = &[
    UnitWords { unit: Unit::Dagen, one: "dag", many: "dagen" },
    UnitWords { unit: Unit::Weken, one: "week", many: "weken" },
    UnitWords { unit: Unit::Maanden, one: "maand", many: "maanden" },
    UnitWords { unit: Unit::Jaar, one: "jaar", many: "jaar" },
];

/// Month names, after a day number (`31 juli`).
pub use crate::value::MONTHS;

/// The block kind named `name`.
pub fn block(name: &str) -> Option<&'static BlockKind> {
    BLOCKS.iter().find(|b| b.name == name)
}

/// Block kinds allowed directly inside a block of kind `parent` (`None`: the top of a file).
pub fn children(parent: Option<&str>) -> &'static [&'static str] {
    match parent {
        None => TOP_LEVEL,
        Some(p) => block(p).map_or(&[], |b| b.children),
    }
}

/// The attributes of block kind `kind` (none for an unknown kind).
pub fn attributes(kind: &str) -> &'static [AttrSpec] {
    block(kind).map_or(&[], |b| b.attrs)
}

/// Attribute `key` of block kind `kind`.
pub fn attribute(kind: &str, key: &str) -> Option<&'static AttrSpec> {
    attributes(kind).iter().find(|a| a.name == key)
}

/// The built-in function named `name`.
pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// The keyword or special name `word`.
pub fn keyword(word: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.word == word)
}

/// The unit a word names (`dag` and `dagen`: days).
pub fn unit(word: &str) -> Option<Unit> {
    UNITS.iter().find(|u| u.one == word || u.many == word).map(|u| u.unit)
}

/// The word for `n` of a unit: `1 week`, `8 weken`.
pub fn unit_word(n: i64, unit: Unit) -> &'static str {
    let words = UNITS.iter().find(|u| u.unit == unit);
    words.map_or("", |u| if n == 1 { u.one } else { u.many })
}

/// The vocabulary's keuze lists that attributes of the table take (`rol`:
/// `deskundige_rol`, ...): a vocabulary without one cannot check those rules.
/// The vocabulary's contract (`vocab::contract`) requires each of them when it loads.
pub fn keuze_lists() -> impl Iterator<Item = &'static str> {
    let values = BLOCKS.iter().flat_map(|b| b.attrs.iter().map(|a| a.value));
    let mut lists: Vec<&'static str> = values
        .filter_map(|v| match v {
            ValueKind::Keuze(list) | ValueKind::KeuzeList(list) => Some(list),
            _ => None,
        })
        .collect();
    lists.sort_unstable();
    lists.dedup();
    lists.into_iter()
}

/// Whether `word` is a word of the language: a block kind, attribute,
/// function, keyword or special name, unit or month.
pub fn is_language_word(word: &str) -> bool {
    BLOCKS.iter().any(|b| b.name == word || b.attrs.iter().any(|a| a.name == word))
        || function(word).is_some()
        || keyword(word).is_some()
        || unit(word).is_some()
        || MONTHS.contains(&word)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod sample;

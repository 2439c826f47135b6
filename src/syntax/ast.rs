//! The syntax tree of a rule file, as written: generic blocks of attributes,
//! and expressions. Nothing here is resolved or typed yet (see `check`).

use crate::source::Span;
use chrono::NaiveDate;

/// A name with its location.
#[derive(Clone, Debug)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A whole parsed rule file.
#[derive(Clone, Debug)]
pub struct File {
    pub blocks: Vec<Block>,
}

/// `soort naam { ... }`
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: Ident,
    pub name: Ident,
    pub items: Vec<Item>,
    pub span: Span,
}

/// What a block contains, in source order.
#[derive(Clone, Debug)]
pub enum Item {
    Attr(Attr),
    Block(Block),
}

/// `sleutel waarde [vanaf datum]`
#[derive(Clone, Debug)]
pub struct Attr {
    pub key: Ident,
    pub value: Expr,
    pub vanaf: Option<(NaiveDate, Span)>,
    pub span: Span,
}

/// Units of a duration literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Dagen,
    Weken,
    Maanden,
    Jaar,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `niet a`
    Niet,
    /// `-a`
    Neg,
}

/// Comparison operators (the parser's and the checked model's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    /// How a rule file writes the comparison.
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }

    /// Whether the comparison needs ordered operands (`<`, `<=`, `>`, `>=`).
    pub fn is_ordered(self) -> bool {
        !matches!(self, Cmp::Eq | Cmp::Ne)
    }
}

/// Binary operators, loosest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Of,
    En,
    /// `=`, `!=`, `<`, `<=`, `>`, `>=`: the same operator the checked model evaluates.
    Cmp(Cmp),
    In,
    Add,
    Sub,
    Mul,
}

impl BinOp {
    /// How the operator is written in a rule file.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Of => "of",
            BinOp::En => "en",
            BinOp::Cmp(cmp) => cmp.symbol(),
            BinOp::In => "in",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
        }
    }
}

/// An expression with its location.
#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    /// Calls `f` for every dotted name in the expression (and its sub-expressions), with its span.
    pub fn each_path(&self, f: &mut impl FnMut(&[String], Span)) {
        match &self.kind {
            ExprKind::Path(parts) => f(parts, self.span),
            ExprKind::List(items) | ExprKind::Call(_, items) => items.iter().for_each(|x| x.each_path(f)),
            ExprKind::Unary(_, x) => x.each_path(f),
            ExprKind::Binary(_, l, r) => [l, r].into_iter().for_each(|x| x.each_path(f)),
            ExprKind::If(c, t, o) => [c, t, o].into_iter().for_each(|x| x.each_path(f)),
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// `ja`, `nee`
    Bool(bool),
    /// `12`
    Int(i64),
    /// `€ 750` (in cents)
    Money(i64),
    /// `8 weken`
    Duration(i64, Unit),
    /// `31 juli` (day, month)
    DayMonth(u32, u32),
    /// `2025-08-01`
    Date(NaiveDate),
    /// `"tekst"`
    Text(String),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `leerling.setting`, `beslistermijn`
    Path(Vec<String>),
    /// `leeftijd(leerling.geboortedatum)`
    Call(Ident, Vec<Expr>),
    /// `niet a`, `-a`
    Unary(UnOp, Box<Expr>),
    /// `a en b`, `a + b`, ...
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `als c dan a anders b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

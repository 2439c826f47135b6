//! The one expression printer: a checked expression (`TExpr`) written back
//! in the rule language, with the names of fields, parameters and
//! definities, and parentheses only where the binding strengths below need
//! them. `explain` and `diff` use it; `fmt` (which prints the syntax tree,
//! with the author's layout) uses the same binding strengths (`prec`).

use crate::check::model::{Arith, FieldId, TExpr};
use crate::compile::Program;
use crate::value::literal;

/// Binding strength, loosest first (as in docs/regeltaal.md).
pub mod prec {
    use crate::syntax::ast::BinOp;

    /// `als ... dan ... anders ...`
    pub const ALS: u8 = 0;
    pub const OF: u8 = 1;
    pub const EN: u8 = 2;
    pub const NIET: u8 = 3;
    /// `=`, `!=`, `<`, `<=`, `>`, `>=`, `in`
    pub const CMP: u8 = 4;
    /// `+`, `-`
    pub const ADD: u8 = 5;
    /// `*`
    pub const MUL: u8 = 6;
    /// prefix `-`
    pub const NEG: u8 = 7;
    /// literals, names, calls, lists
    pub const ATOM: u8 = 8;

    /// The binding strength of a binary operator.
    pub fn of(op: BinOp) -> u8 {
        match op {
            BinOp::Of => OF,
            BinOp::En => EN,
            BinOp::Cmp(_) | BinOp::In => CMP,
            BinOp::Add | BinOp::Sub => ADD,
            BinOp::Mul => MUL,
        }
    }
}

use prec::{ALS, ATOM, CMP, EN, NEG, NIET, OF};

/// The expression in rule-file syntax, with the names of fields, parameters and definities.
pub fn expr_text(program: &Program, e: &TExpr) -> String {
    Printer { program }.expr(e, ALS)
}

struct Printer<'p> {
    program: &'p Program,
}

impl Printer<'_> {
    /// `e` written so that it binds at least as tightly as `min`.
    fn expr(&self, e: &TExpr, min: u8) -> String {
        let (text, strength) = self.bare(e);
        if strength < min {
            format!("({text})")
        } else {
            text
        }
    }

    fn bare(&self, e: &TExpr) -> (String, u8) {
        match e {
            TExpr::Const(v) => (literal(v), ATOM),
            TExpr::Field(id) => (self.field(*id), ATOM),
            TExpr::Known(id) => (format!("bekend({})", self.field(*id)), ATOM),
            TExpr::Param(i) => (self.program.param(*i).map_or_else(|| format!("parameter#{}", i.index()), |p| p.name.to_string()), ATOM),
            TExpr::Def(i) => (self.program.def(*i).map_or_else(|| format!("definitie#{}", i.index()), |d| d.name.to_string()), ATOM),
            TExpr::Peildatum => ("peildatum".into(), ATOM),
            TExpr::InAanmerking => ("in_aanmerking".into(), ATOM),
            TExpr::Not(x) => (format!("niet {}", self.expr(x, NIET)), NIET),
            TExpr::Neg(x) => (format!("-{}", self.expr(x, NEG)), NEG),
            TExpr::And(a, b) => (format!("{} en {}", self.expr(a, EN), self.expr(b, EN + 1)), EN),
            TExpr::Or(a, b) => (format!("{} of {}", self.expr(a, OF), self.expr(b, OF + 1)), OF),
            TExpr::Cmp(op, a, b) => (format!("{} {} {}", self.expr(a, CMP + 1), op.symbol(), self.expr(b, CMP + 1)), CMP),
            TExpr::In(a, b) => (format!("{} in {}", self.expr(a, CMP + 1), self.expr(b, CMP + 1)), CMP),
            TExpr::Arith(op, a, b) => {
                let strength = match op {
                    Arith::Mul | Arith::MulDuration => prec::MUL,
                    _ => prec::ADD,
                };
                (format!("{} {} {}", self.expr(a, strength), op.symbol(), self.expr(b, strength + 1)), strength)
            }
            TExpr::If(c, a, b) => (format!("als {} dan {} anders {}", self.expr(c, OF), self.expr(a, OF), self.expr(b, ALS)), ALS),
            TExpr::List(items) => (format!("[{}]", self.list(items)), ATOM),
            TExpr::Call(f, args) => (format!("{}({})", f.name(), self.list(args)), ATOM),
        }
    }

    fn list(&self, items: &[TExpr]) -> String {
        items.iter().map(|x| self.expr(x, ALS)).collect::<Vec<_>>().join(", ")
    }

    fn field(&self, id: FieldId) -> String {
        self.program.field_name(id).map_or_else(|| format!("veld#{}", id.index()), |n| n.to_string())
    }
}

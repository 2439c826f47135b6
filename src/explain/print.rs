//! Writes a checked expression (`TExpr`) back in the rule language, so an
//! explanation or a diagram can show a condition as the rule file says it:
//! `leeftijd_leerling >= 12 en niet bekend(tlv.afgegeven_op)`.

use crate::check::model::{Arith, TExpr};
use crate::compile::Program;
use crate::value::literal;

/// The expression in rule-file syntax, with the names of fields, parameters and definities.
pub fn expr_text(program: &Program, e: &TExpr) -> String {
    Printer { program }.expr(e, 0)
}

/// Binding strength, loosest first (as in docs/regeltaal.md).
const ALS: u8 = 0;
const OF: u8 = 1;
const EN: u8 = 2;
const NIET: u8 = 3;
const CMP: u8 = 4;
const ADD: u8 = 5;
const MUL: u8 = 6;
const NEG: u8 = 7;
const ATOM: u8 = 8;

struct Printer<'p> {
    program: &'p Program,
}

impl Printer<'_> {
    /// `e` written so that it binds at least as tightly as `min`.
    fn expr(&self, e: &TExpr, min: u8) -> String {
        let (text, prec) = self.bare(e);
        if prec < min {
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
            TExpr::Param(i) => (self.program.params.get(*i).map_or_else(|| "?".into(), |p| p.name.to_string()), ATOM),
            TExpr::Def(i) => (self.program.defs.get(*i).map_or_else(|| "?".into(), |d| d.name.to_string()), ATOM),
            TExpr::Peildatum => ("peildatum".into(), ATOM),
            TExpr::InAanmerking => ("in_aanmerking".into(), ATOM),
            TExpr::Not(x) => (format!("niet {}", self.expr(x, NIET)), NIET),
            TExpr::Neg(x) => (format!("-{}", self.expr(x, NEG)), NEG),
            TExpr::And(a, b) => (format!("{} en {}", self.expr(a, EN), self.expr(b, EN + 1)), EN),
            TExpr::Or(a, b) => (format!("{} of {}", self.expr(a, OF), self.expr(b, OF + 1)), OF),
            TExpr::Cmp(op, a, b) => (format!("{} {} {}", self.expr(a, CMP + 1), op.symbol(), self.expr(b, CMP + 1)), CMP),
            TExpr::In(a, b) => (format!("{} in {}", self.expr(a, CMP + 1), self.expr(b, CMP + 1)), CMP),
            TExpr::Arith(op, a, b) => {
                let (sym, prec) = match op {
                    Arith::Add | Arith::DatePlus | Arith::Concat => ("+", ADD),
                    Arith::Sub | Arith::DateMinus => ("-", ADD),
                    Arith::Mul | Arith::MulDuration => ("*", MUL),
                };
                (format!("{} {sym} {}", self.expr(a, prec), self.expr(b, prec + 1)), prec)
            }
            TExpr::If(c, a, b) => {
                (format!("als {} dan {} anders {}", self.expr(c, OF), self.expr(a, OF), self.expr(b, ALS)), ALS)
            }
            TExpr::List(items) => {
                let parts: Vec<String> = items.iter().map(|x| self.expr(x, 0)).collect();
                (format!("[{}]", parts.join(", ")), ATOM)
            }
            TExpr::Call(f, args) => {
                let parts: Vec<String> = args.iter().map(|x| self.expr(x, 0)).collect();
                (format!("{}({})", f.name(), parts.join(", ")), ATOM)
            }
        }
    }

    fn field(&self, id: usize) -> String {
        self.program.field_names.get(id).map_or_else(|| "?".into(), |n| n.to_string())
    }
}






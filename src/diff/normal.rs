//! Expressions written back as rule text, in two forms: `show` for people
//! (the operands in their written order, parentheses only where needed) and
//! `canon` for comparing (fully bracketed, `en`/`of` operands and list
//! literals sorted, `>` turned into `<`). Both name fields, parameters and
//! definities, never slots or indices, so two rule sets checked against
//! different vocabularies or with their blocks in another order compare
//! equal when they say the same. Layout and comments are gone after parsing.

use crate::check::model::{Cmp, FieldId, TExpr};
use crate::compile::Program;
use crate::value::{literal, Value};

/// Resolves slot and index numbers to names for one program.
pub struct Names<'a> {
    program: &'a Program,
}

impl<'a> Names<'a> {
    pub fn new(program: &'a Program) -> Self {
        Names { program }
    }

    fn field(&self, id: FieldId) -> String {
        self.program.field_name(id).map(|n| n.to_string()).unwrap_or_else(|| format!("veld#{}", id.index()))
    }

    fn param(&self, i: usize) -> String {
        self.program.params().get(i).map(|p| p.name.to_string()).unwrap_or_else(|| format!("parameter#{i}"))
    }

    fn def(&self, i: usize) -> String {
        self.program.defs().get(i).map(|d| d.name.to_string()).unwrap_or_else(|| format!("definitie#{i}"))
    }

    /// The expression as a person would write it (the one printer, `crate::print`).
    pub fn show(&self, e: &TExpr) -> String {
        crate::print::expr_text(self.program, e)
    }

    /// The comparison key of an expression.
    pub fn canon(&self, e: &TExpr) -> String {
        match e {
            TExpr::Const(v) => constant(v, true),
            TExpr::Field(id) => self.field(*id),
            TExpr::Known(id) => format!("bekend({})", self.field(*id)),
            TExpr::Param(i) => format!("parameter:{}", self.param(i.index())),
            TExpr::Def(i) => format!("definitie:{}", self.def(i.index())),
            TExpr::Peildatum => "peildatum".into(),
            TExpr::InAanmerking => "in_aanmerking".into(),
            TExpr::Not(a) => format!("niet({})", self.canon(a)),
            TExpr::Neg(a) => format!("-({})", self.canon(a)),
            TExpr::And(..) | TExpr::Or(..) => {
                let and = matches!(e, TExpr::And(..));
                let mut parts = Vec::new();
                self.flatten(e, and, &mut parts);
                parts.sort();
                format!("({})", parts.join(if and { " en " } else { " of " }))
            }
            TExpr::Cmp(op, a, b) => {
                let (a, b) = (self.canon(a), self.canon(b));
                match op {
                    Cmp::Gt => format!("({b} < {a})"),
                    Cmp::Ge => format!("({b} <= {a})"),
                    Cmp::Eq | Cmp::Ne => {
                        let (x, y) = if a <= b { (a, b) } else { (b, a) };
                        format!("({x} {} {y})", op.symbol())
                    }
                    Cmp::Lt | Cmp::Le => format!("({a} {} {b})", op.symbol()),
                }
            }
            TExpr::In(a, b) => format!("({} in {})", self.canon(a), self.canon(b)),
            TExpr::Arith(op, a, b) => format!("({} {} {})", self.canon(a), op.symbol(), self.canon(b)),
            TExpr::If(c, a, b) => format!("(als {} dan {} anders {})", self.canon(c), self.canon(a), self.canon(b)),
            TExpr::List(items) => {
                let mut parts: Vec<String> = items.iter().map(|x| self.canon(x)).collect();
                parts.sort();
                format!("[{}]", parts.join(", "))
            }
            TExpr::Call(f, args) => {
                format!("{}({})", f.name(), args.iter().map(|x| self.canon(x)).collect::<Vec<_>>().join(", "))
            }
        }
    }

    fn flatten(&self, e: &TExpr, and: bool, out: &mut Vec<String>) {
        match (e, and) {
            (TExpr::And(a, b), true) | (TExpr::Or(a, b), false) => {
                self.flatten(a, and, out);
                self.flatten(b, and, out);
            }
            _ => out.push(self.canon(e)),
        }
    }
}

/// A constant in rule syntax (`€ 750`, `2025-08-01`, `6 weken`, `"tekst"`);
/// `sorted` sorts list elements (for comparing).
pub fn constant(v: &Value, sorted: bool) -> String {
    match v {
        Value::List(items) if sorted => {
            let mut parts: Vec<String> = items.iter().map(|x| constant(x, true)).collect();
            parts.sort();
            format!("[{}]", parts.join(", "))
        }
        other => literal(other),
    }
}



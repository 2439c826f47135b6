//! Stage 4, evaluate: a compiled `Program` + a decoded `Dossier` -> a
//! `Decision`. Works on slots and indices only: no parsing, no name lookups.

mod decide;
mod expr;
mod schoolweken;
mod periode;

pub use decide::decide;
pub use expr::EvalError;

use crate::compile::Program;
use crate::dossier::Dossier;
use crate::value::{Value, V};

/// Per-dossier evaluation state: the dossier and a cache of definities.
pub struct Ctx<'a> {
    pub program: &'a Program,
    pub dossier: &'a Dossier,
    defs: Vec<Option<V>>,
    /// Set once the requirements are decided (for `in_aanmerking` in output rules).
    pub in_aanmerking: Option<V>,
}

impl<'a> Ctx<'a> {
    pub fn new(program: &'a Program, dossier: &'a Dossier) -> Self {
        Ctx { program, dossier, defs: vec![None; program.defs.len()], in_aanmerking: None }
    }

    /// The value of parameter `i` in force on the peildatum.
    fn param(&self, i: usize) -> Value {
        let Some(p) = self.program.params.get(i) else { return Value::Bool(false) };
        let peil = self.dossier.peildatum;
        let mut current = p.values.first().map(|(_, v)| v.clone());
        for (from, v) in &p.values {
            match from {
                Some(d) if *d > peil => break,
                _ => current = Some(v.clone()),
            }
        }
        current.unwrap_or(Value::Bool(false))
    }

    /// A definitie, computed once per dossier.
    fn def(&mut self, i: usize) -> Result<V, EvalError> {
        if let Some(Some(v)) = self.defs.get(i) {
            return Ok(v.clone());
        }
        let program = self.program;
        let Some(def) = program.defs.get(i) else {
            return Err(EvalError(format!("interne fout: definitie {i} ontbreekt")));
        };
        let v = self.eval(&def.expr)?;
        if let Some(slot) = self.defs.get_mut(i) {
            *slot = Some(v.clone());
        }
        Ok(v)
    }
}

//! Stage 4, evaluate: a compiled `Program` + a decoded `Dossier` -> a
//! `Decision`. Works on slots and indices only: no parsing, no name lookups.
//! On request (`decide_traced`) it also gives the `Trace`: what every rule
//! did and why, which every tool that explains a decision reads.

mod decide;
mod expr;
mod schoolweken;
mod periode;
pub mod trace;

pub use decide::{decide, decide_traced};
pub use expr::EvalError;
pub use trace::{Trace, Uitkomst};

use crate::check::model::{DefId, ParamId, TExpr};
use crate::compile::Program;
use crate::dossier::Dossier;
use crate::value::{Value, V};

/// Per-dossier evaluation state: the dossier and a cache of definities.
pub(crate) struct Ctx<'a> {
    program: &'a Program,
    dossier: &'a Dossier,
    /// Definitie values, computed once per dossier (an error is not cached:
    /// it is reported by each rule that reads the definitie).
    defs: Vec<Option<V>>,
    /// Set once the requirements are decided (for `in_aanmerking` in output rules).
    in_aanmerking: Option<V>,
}

impl<'a> Ctx<'a> {
    fn new(program: &'a Program, dossier: &'a Dossier) -> Self {
        Ctx { program, dossier, defs: vec![None; program.defs().len()], in_aanmerking: None }
    }

    /// The value of parameter `i` in force on the peildatum. The checker
    /// gives every parameter a value from the start of the version, so an
    /// error here is a bug in passend, never a silent `nee`.
    fn param(&self, i: ParamId) -> Result<Value, EvalError> {
        self.param_on(i, self.dossier.peildatum)
    }

    /// A definitie, computed once per dossier.
    fn def(&mut self, id: DefId) -> Result<V, EvalError> {
        let i = id.index();
        if let Some(Some(v)) = self.defs.get(i) {
            return Ok(v.clone());
        }
        let program = self.program;
        let Some(def) = program.def(id) else {
            return Err(EvalError::internal(format!("definitie {i} ontbreekt")));
        };
        let v = self.eval(&def.expr)?;
        if let Some(slot) = self.defs.get_mut(i) {
            *slot = Some(v.clone());
        }
        Ok(v)
    }
}

/// The value of an expression that no dossier can change, as the evaluator
/// computes it: it reads no fact (`bekend` included), no peildatum, no
/// `in_aanmerking`, and only parameters with a single value. `None` for any
/// other expression, or when evaluating it is an error. Lint folds
/// constants with this instead of a second evaluator.
pub fn constant(program: &Program, e: &TExpr) -> Option<Value> {
    let refs = trace::Refs::of(program, [e]);
    let fixed = |p: &ParamId| program.params().get(p.index()).is_some_and(|p| p.values.len() == 1);
    if !refs.fields.is_empty() || refs.peildatum || refs.in_aanmerking || !refs.params.iter().all(fixed) {
        return None;
    }
    let dossier = Dossier {
        regio: program.header().regio.clone(),
        peildatum: program.header().geldig_vanaf,
        peildatum_vandaag: false,
        soort: std::sync::Arc::from(""),
        soort_index: None,
        slots: Vec::new(),
        genegeerd: Vec::new(),
        genegeerd_meer: 0,
    };
    match Ctx::new(program, &dossier).eval(e) {
        Ok(V::Known(v)) => Some(v),
        _ => None,
    }
}

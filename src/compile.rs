//! Stage 3, compile: a checked `RuleSet` -> an immutable `Program` ready to
//! evaluate many dossiers: request kinds indexed by their keuze position,
//! the receipt hash computed once, field names kept only for reporting.

use crate::check::model::{Aanvraag, Def, Header, Param, RuleSet, Workflow};
use crate::source::SourceFile;
use crate::vocab::Vocabulary;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// One compiled rule set (one version of one region).
#[derive(Debug)]
pub struct Program {
    pub header: Header,
    /// `sha256:<hex>` over the names and texts of the rule files, in order.
    pub hash: Arc<str>,
    pub params: Vec<Param>,
    pub defs: Vec<Def>,
    pub aanvragen: Vec<Aanvraag>,
    /// Position in `aanvragen` for each value of the `aanvraagsoort` keuze list.
    pub by_soort: Vec<Option<usize>>,
    pub workflows: Vec<Workflow>,
    /// Dotted field names by slot, for `onbekend`.
    pub field_names: Arc<[Arc<str>]>,
    pub sources: Vec<SourceFile>,
}

/// Compiles a checked rule set against the vocabulary it was checked with.
pub fn compile(set: RuleSet, vocab: &Vocabulary) -> Program {
    let soorten = vocab
        .enum_by_name
        .get("aanvraagsoort")
        .and_then(|id| vocab.enums.get(*id))
        .map(|e| e.values.clone())
        .unwrap_or_default();
    let by_soort = soorten.iter().map(|s| set.aanvragen.iter().position(|a| a.soort == *s)).collect();
    let field_names: Arc<[Arc<str>]> = vocab.fields.iter().map(|f| f.path.clone()).collect();
    Program {
        hash: Arc::from(hash_sources(&set.sources)),
        header: set.header,
        params: set.params,
        defs: set.defs,
        aanvragen: set.aanvragen,
        by_soort,
        workflows: set.workflows,
        field_names,
        sources: set.sources,
    }
}

/// The receipt hash of a set of rule files.
pub fn hash_sources(sources: &[SourceFile]) -> String {
    let mut h = Sha256::new();
    for s in sources {
        h.update(s.name.as_bytes());
        h.update([0]);
        h.update(s.text.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

//! Stage 3, compile: a checked `RuleSet` -> an immutable `Program` ready to
//! evaluate many dossiers: request kinds indexed by their keuze position,
//! the receipt hash computed once, field names kept only for reporting.

use crate::check::model::{Aanvraag, Def, Header, Param, RuleKind, RuleSet, TExpr, Workflow};
use crate::value::Value;
use crate::source::SourceFile;
use crate::vocab::Vocabulary;
use sha2::{Digest, Sha256};
use std::sync::Arc;

mod static_json;

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
    /// The receipt's texts (`regelset`), escaped once for the decision writer.
    pub regelset_json: crate::decision::StaticTexts,
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
    let mut set = set;
    disciplines_in_vocabulary_order(&mut set.aanvragen, vocab);
    static_json::attach(&mut set.aanvragen, &mut set.workflows);
    let hash: Arc<str> = Arc::from(hash_sources(&set.sources));
    Program {
        regelset_json: static_json::regelset(&set.header, &hash),
        hash,
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

/// Canonical order in decisions: the disciplines a `deskundige` rule lists
/// come out in the order of the vocabulary's `discipline` list, whatever the
/// order the rule file writes them in (which `diff` rightly calls no change).
fn disciplines_in_vocabulary_order(aanvragen: &mut [Aanvraag], vocab: &Vocabulary) {
    let Some(id) = vocab.enum_by_name.get("discipline").copied() else { return };
    let rank = |v: &Value| match v {
        Value::Text(t) => vocab.enum_index(id, t).unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    fn sort(e: &mut TExpr, rank: &dyn Fn(&Value) -> usize) {
        match e {
            TExpr::List(items) => items.sort_by_key(|x| match x {
                TExpr::Const(v) => rank(v),
                _ => usize::MAX,
            }),
            TExpr::Const(Value::List(items)) => {
                let mut v = items.to_vec();
                v.sort_by_key(|x| rank(x));
                *items = v.into();
            }
            TExpr::If(_, a, b) => {
                sort(a, rank);
                sort(b, rank);
            }
            _ => {}
        }
    }
    for rule in aanvragen.iter_mut().flat_map(|a| a.rules.iter_mut()) {
        if let RuleKind::Deskundige { disciplines, .. } = &mut rule.kind {
            sort(disciplines, &rank);
        }
    }
}

/// The receipt hash of a set of rule files: sha256 over each file's name
/// relative to the rule set's folder and its text, sorted by that name. It
/// depends on the contents only, not on where the files were read (a folder,
/// the built-in rules, a git revision), so `eval` (`regelset.hash`),
/// `version` and `diff` give the same receipt for the same rules.
pub fn hash_sources(sources: &[SourceFile]) -> String {
    let folder = common_folder(sources);
    let mut files: Vec<(&str, &str)> = sources.iter().map(|s| (s.name.get(folder..).unwrap_or(&s.name), &*s.text)).collect();
    files.sort();
    let mut h = Sha256::new();
    for (name, text) in files {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The length of the longest folder prefix (up to and including a `/` or
/// the `:` of `REV:` / `ingebouwd:`) that all source names share.
fn common_folder(sources: &[SourceFile]) -> usize {
    let Some(first) = sources.first() else { return 0 };
    let mut len = first.name.rfind(['/', ':']).map(|i| i + 1).unwrap_or(0);
    for s in sources.iter().skip(1) {
        while len > 0 && !(s.name.len() >= len && s.name.as_bytes().get(..len) == first.name.as_bytes().get(..len)) {
            len = first.name.get(..len - 1).and_then(|p| p.rfind(['/', ':'])).map(|i| i + 1).unwrap_or(0);
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_hash_does_not_depend_on_where_the_files_were_read() {
        let set = |dir: &str| vec![SourceFile::new(format!("{dir}b.passend"), "b"), SourceFile::new(format!("{dir}a.passend"), "a")];
        let h = hash_sources(&set("regions/leiden/2020-2021/"));
        assert_eq!(h, hash_sources(&set("ingebouwd:leiden/2020-2021/")));
        assert_eq!(h, hash_sources(&set("/tmp/x/")));
        assert_eq!(h, hash_sources(&set("HEAD~1:regions/leiden/2020-2021/")));
        assert_ne!(h, hash_sources(&[SourceFile::new("x/a.passend", "a"), SourceFile::new("x/c.passend", "b")]));
        assert_ne!(h, hash_sources(&[SourceFile::new("x/a.passend", "a"), SourceFile::new("x/b.passend", "bb")]));
    }
}

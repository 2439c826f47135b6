//! Stage 3, compile: a checked `RuleSet` -> an immutable `Program` ready to
//! evaluate many dossiers: request kinds indexed by their keuze position,
//! the receipt hash computed once, field names kept only for reporting.

use crate::check::model::{
    Aanvraag, AanvraagId, Def, DefId, FieldId, Header, Param, ParamId, Rule, RuleId, RuleKind, RuleSet, SoortId, TExpr, Transition, TransitionId,
    Workflow, WorkflowId,
};
use crate::value::Value;
use crate::source::SourceFile;
use crate::vocab::Vocabulary;
use sha2::{Digest, Sha256};
use std::sync::Arc;

mod static_json;

/// One compiled rule set (one version of one region).
///
/// Made only by [`compile`] from a checked `RuleSet`, and immutable after.
/// Invariants:
/// - every id in it (`ParamId`, `DefId`, `FieldId`, `WorkflowId`, `StatusId`
///   in its expressions, workflows and transitions) names an entry of this
///   program (or of the vocabulary it was compiled against, for fields);
/// - `defs` are in dependency order: a definitie refers only to earlier ones;
/// - `by_soort` has one entry per value of the vocabulary's `aanvraagsoort`
///   keuze list, in its order, each the position of the `aanvraag` for that
///   kind (`None`: this region has no rules for it);
/// - `field_names` has one name per vocabulary slot;
/// - `hash` is the receipt hash of `sources` ([`hash_sources`]);
/// - rule ids and `file:line` places are fixed in the rules (never formatted per dossier).
#[derive(Debug)]
pub struct Program {
    header: Header,
    /// `sha256:<hex>` over the names and texts of the rule files, in order.
    hash: Arc<str>,
    params: Vec<Param>,
    defs: Vec<Def>,
    aanvragen: Vec<Aanvraag>,
    /// Position in `aanvragen` for each value of the `aanvraagsoort` keuze list.
    by_soort: Vec<Option<AanvraagId>>,
    workflows: Vec<Workflow>,
    /// Dotted field names by slot, for `onbekend`.
    field_names: Arc<[Arc<str>]>,
    sources: Vec<SourceFile>,
    /// The receipt's texts (`regelset`), escaped once for the decision writer.
    regelset_json: crate::decision::StaticTexts,
}

impl Program {
    /// The `regio` header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The receipt hash (`sha256:<hex>`) of the rule files.
    pub fn hash(&self) -> &Arc<str> {
        &self.hash
    }

    pub fn params(&self) -> &[Param] {
        &self.params
    }

    pub fn param(&self, id: ParamId) -> Option<&Param> {
        self.params.get(id.index())
    }

    /// The definities, in dependency order.
    pub fn defs(&self) -> &[Def] {
        &self.defs
    }

    pub fn def(&self, id: DefId) -> Option<&Def> {
        self.defs.get(id.index())
    }

    pub fn aanvragen(&self) -> &[Aanvraag] {
        &self.aanvragen
    }

    pub fn aanvraag(&self, id: AanvraagId) -> Option<&Aanvraag> {
        self.aanvragen.get(id.index())
    }

    /// The rules for the request kind a dossier names (`None`: the region has none for it).
    pub fn aanvraag_for(&self, soort: SoortId) -> Option<(AanvraagId, &Aanvraag)> {
        let id = self.by_soort.get(soort.index()).copied().flatten()?;
        Some((id, self.aanvraag(id)?))
    }

    /// Per value of the `aanvraagsoort` keuze list, in its order: the rules for that kind, if any.
    pub fn by_soort(&self) -> &[Option<AanvraagId>] {
        &self.by_soort
    }

    pub fn workflows(&self) -> &[Workflow] {
        &self.workflows
    }

    pub fn workflow(&self, id: WorkflowId) -> Option<&Workflow> {
        self.workflows.get(id.index())
    }

    /// The dotted name of the field in slot `id`.
    pub fn field_name(&self, id: FieldId) -> Option<&Arc<str>> {
        self.field_names.get(id.index())
    }

    /// Dotted field names by slot.
    pub fn field_names(&self) -> &Arc<[Arc<str>]> {
        &self.field_names
    }

    /// The receipt's texts (`regelset`), escaped once for the decision writer.
    pub fn regelset_json(&self) -> &crate::decision::StaticTexts {
        &self.regelset_json
    }

    /// The rule files, as read.
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }

    /// Every rule of every request kind, with its id, in program order.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, &Rule)> {
        self.aanvragen.iter().enumerate().flat_map(|(a, aanvraag)| {
            aanvraag.rules.iter().enumerate().map(move |(positie, rule)| (RuleId { aanvraag: AanvraagId::new(a), positie }, rule))
        })
    }

    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.aanvraag(id.aanvraag)?.rules.get(id.positie)
    }

    /// Every transition of every workflow, with its id, in program order.
    pub fn transitions(&self) -> impl Iterator<Item = (TransitionId, &Transition)> {
        self.workflows.iter().enumerate().flat_map(|(w, wf)| {
            wf.transitions.iter().enumerate().map(move |(positie, t)| (TransitionId { workflow: WorkflowId::new(w), positie }, t))
        })
    }

    pub fn transition(&self, id: TransitionId) -> Option<&Transition> {
        self.workflow(id.workflow)?.transitions.get(id.positie)
    }
}

/// Compiles a checked rule set against the vocabulary it was checked with.
pub fn compile(set: RuleSet, vocab: &Vocabulary) -> Program {
    let soorten = vocab
        .enum_by_name
        .get("aanvraagsoort")
        .and_then(|id| vocab.enums.get(*id))
        .map(|e| e.values.clone())
        .unwrap_or_default();
    let by_soort = soorten.iter().map(|s| set.aanvragen.iter().position(|a| a.soort == *s).map(AanvraagId::new)).collect();
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
/// An item that is not a listed value (the checker admits none) keeps its
/// place after the listed ones.
fn disciplines_in_vocabulary_order(aanvragen: &mut [Aanvraag], vocab: &Vocabulary) {
    let Some(id) = vocab.enum_by_name.get("discipline").copied() else { return };
    let rank = |v: &Value| match v {
        Value::Text(t) => vocab.enum_index(id, t),
        _ => None,
    };
    fn sort(e: &mut TExpr, rank: &dyn Fn(&Value) -> Option<usize>) {
        match e {
            TExpr::List(items) => items.sort_by_key(|x| listed_first(match x {
                TExpr::Const(v) => rank(v),
                _ => None,
            })),
            TExpr::Const(Value::List(items)) => {
                let mut v = items.to_vec();
                v.sort_by_key(|x| listed_first(rank(x)));
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

/// A sort key that puts the listed values (`Some(position)`) in list order,
/// before every unlisted one (`None`).
fn listed_first(rank: Option<usize>) -> (bool, Option<usize>) {
    (rank.is_none(), rank)
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
    fn listed_values_sort_in_list_order_before_unlisted_ones() {
        let mut ranks = vec![None, Some(2), Some(0), None, Some(1)];
        ranks.sort_by_key(|r| listed_first(*r));
        assert_eq!(ranks, vec![Some(0), Some(1), Some(2), None, None]);
    }

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

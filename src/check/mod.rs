//! Stage 2, check: syntax trees of one rule set + the vocabulary -> a
//! `model::RuleSet` in which every name is resolved and every expression
//! typed. Reports every problem it finds, not only the first.

mod blocks;
mod expr;
pub mod located;
pub mod model;
pub mod suggest;

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Block, File};
use crate::types::Type;
use crate::vocab::Vocabulary;
use model::*;
use std::collections::HashMap;

pub use expr::MAX_DEPTH;

/// Checks the files of one rule set. `regio` is the region folder the files
/// came from (the header must name the same region).
pub fn check_rule_set(vocab: &Vocabulary, files: &[(SourceFile, File)], regio: &str) -> Result<RuleSet, Vec<Problem>> {
    let mut c = Checker::new(vocab);
    let set = c.rule_set(files, regio);
    let problems = once_each(std::mem::take(&mut c.problems));
    match set {
        Ok(set) if problems.is_empty() => Ok(set),
        _ => Err(problems),
    }
}

/// Proof that a problem was reported. The checker leaves a part out of the
/// checked model only with a `Reported` in hand, so nothing is left out
/// silently. Made only by `Checker::report`, by `Checker::since` (which
/// reports an internal problem when a check gave nothing without saying why),
/// for a reference to a definitie whose problem was already reported, and
/// for a rule set of no files (nothing to locate a problem in, nothing left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reported(());

/// The result of checking one part of a rule set.
pub(crate) type Checked<T> = Result<T, Reported>;

/// Problems in order, each once: a rule of a shared `regels` group is
/// checked for every `aanvraag` that uses it, but its problems are reported once.
fn once_each(problems: Vec<Problem>) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    problems.into_iter().filter(|p| seen.insert((p.code, p.source.name.clone(), p.span, p.message.clone()))).collect()
}

/// The top-level blocks of a rule set, by kind (definities and groups are kept in the checker).
struct TopLevel {
    header: Option<(SourceFile, Block)>,
    params: Vec<(SourceFile, Block)>,
    aanvraag_blocks: Vec<(SourceFile, Block)>,
    workflow_blocks: Vec<(SourceFile, Block)>,
}

#[derive(Clone)]
enum DefState {
    Todo,
    Busy,
    /// Checked: index into `defs`, type, and how many levels deeper than a
    /// reference to it the expression reaches (definities included).
    Done(usize, Type, usize),
    Failed,
}

/// The checker's state for one rule set.
pub(crate) struct Checker<'v> {
    vocab: &'v Vocabulary,
    problems: Vec<Problem>,
    param_by_name: HashMap<String, (ParamId, Type)>,
    /// Parameters whose value is a bare number: (file, span of the value, number),
    /// to point at the value when the parameter is used as an amount.
    int_params: HashMap<String, (SourceFile, Span, i64)>,
    /// definitie name -> index into `def_blocks`
    def_index: HashMap<String, usize>,
    def_blocks: Vec<(SourceFile, Block)>,
    def_state: Vec<DefState>,
    defs: Vec<Def>,
    workflow_index: HashMap<String, WorkflowId>,
    /// `regels` groups by name, used by `aanvraag ... { gebruikt [...] }`.
    groups: HashMap<String, (SourceFile, Block)>,
    /// `in_aanmerking` may be read here (output rules and workflows, not eisen or definities).
    in_output: bool,
    /// The expression depth at which the definitie being checked starts: a
    /// definitie counts as deep as the place that first uses it plus its own
    /// depth, so nesting through definities is bounded by `MAX_DEPTH` too.
    pub(crate) def_base: usize,
    /// The deepest expression level reached so far (for a definitie's height).
    pub(crate) deepest: usize,
    /// References to a definitie whose problem was reported earlier.
    failed_refs: usize,
}

impl<'v> Checker<'v> {
    fn new(vocab: &'v Vocabulary) -> Self {
        Checker {
            vocab,
            problems: Vec::new(),
            param_by_name: HashMap::new(),
            int_params: HashMap::new(),
            def_index: HashMap::new(),
            def_blocks: Vec::new(),
            def_state: Vec::new(),
            defs: Vec::new(),
            workflow_index: HashMap::new(),
            groups: HashMap::new(),
            in_output: false,
            def_base: 0,
            deepest: 0,
            failed_refs: 0,
        }
    }

    /// Only a region id (`regio helmond-peelland`) may contain a hyphen; any
    /// other name is referred to in expressions, where `-` means minus.
    fn hyphenated_names(&mut self, src: &SourceFile, block: &Block) {
        if block.kind.name != "regio" && block.name.name.contains('-') {
            self.problems.push(
                Problem::new(Code::Naam, src, block.name.span, format!("`{}` bevat een streepje", block.name.name))
                    .label("streepje")
                    .help(format!("een naam bestaat uit letters, cijfers en `_`: schrijf `{}`", block.name.name.replace('-', "_"))),
            );
        }
        for item in &block.items {
            if let crate::syntax::ast::Item::Block(b) = item {
                self.hyphenated_names(src, b);
            }
        }
    }

    /// Reports a problem; the proof is what lets a caller leave a part out.
    pub(crate) fn report(&mut self, problem: Problem) -> Reported {
        self.problems.push(problem);
        Reported(())
    }

    /// How many problems stand behind the checks so far (reported ones and
    /// references to definities that failed earlier).
    pub(crate) fn reported(&self) -> usize {
        self.problems.len() + self.failed_refs
    }

    /// A check's `Option` as `Checked`: `None` is fine when a problem was
    /// reported since `before`; otherwise it becomes an internal problem at
    /// `span`, so a part is never left out without a word.
    pub(crate) fn since<T>(&mut self, before: usize, src: &SourceFile, span: Span, v: Option<T>) -> Checked<T> {
        match v {
            Some(v) => Ok(v),
            None if self.reported() > before => Err(Reported(())),
            None => Err(self.report(
                Problem::new(Code::Intern, src, span, "dit onderdeel is weggelaten zonder dat een fout gemeld werd (een fout in passend)")
                    .help("meld dit met het regelbestand erbij"),
            )),
        }
    }

    fn rule_set(&mut self, files: &[(SourceFile, File)], regio: &str) -> Checked<RuleSet> {
        let TopLevel { header, params, aanvraag_blocks, workflow_blocks } = self.top_level(files);
        let header = match (header, files.first()) {
            (Some((src, block)), _) => self.header(&src, &block, regio),
            (None, Some((src, _))) => Err(self.report(
                Problem::new(Code::GeenRegio, src, Span::new(0, 0), format!("de regelset van `{regio}` heeft geen `regio`-blok"))
                    .help("begin met `regio <naam> { naam \"...\" handboek \"...\" versie \"...\" bron \"...\" geldig_vanaf JJJJ-MM-DD }`"),
            )),
            // No files: nothing to check, and nothing left out.
            (None, None) => Err(Reported(())),
        };
        let params: Vec<Param> = params.iter().filter_map(|(src, b)| self.param(src, b).ok()).collect();
        for i in 0..self.def_blocks.len() {
            if let Some((src, b)) = self.def_blocks.get(i).cloned() {
                self.resolve_def(&b.name.name, &src, b.name.span, 0);
            }
        }
        let workflows: Vec<Workflow> = workflow_blocks.iter().filter_map(|(src, b)| self.workflow(src, b).ok()).collect();
        let aanvragen: Vec<Aanvraag> = aanvraag_blocks.iter().filter_map(|(src, b)| self.aanvraag(src, b).ok()).collect();
        let header = header?;
        Ok(RuleSet {
            header,
            params,
            defs: std::mem::take(&mut self.defs),
            aanvragen,
            workflows,
            sources: files.iter().map(|(s, _)| s.clone()).collect(),
        })
    }

    /// Sorts the top-level blocks of the files by kind; definities, groups and
    /// workflow names are registered for lookups, duplicates reported.
    fn top_level(&mut self, files: &[(SourceFile, File)]) -> TopLevel {
        let mut header: Option<(SourceFile, Block)> = None;
        let mut params = Vec::new();
        let mut aanvraag_blocks = Vec::new();
        let mut workflow_blocks = Vec::new();
        let mut seen: HashMap<(String, String), Span> = HashMap::new();
        for (src, file) in files {
            for block in &file.blocks {
                self.hyphenated_names(src, block);
                let key = (block.kind.name.clone(), block.name.name.clone());
                if blocks::TOP_LEVEL.contains(&block.kind.name.as_str()) {
                    if seen.contains_key(&key) {
                        self.problems.push(
                            Problem::new(Code::Dubbel, src, block.name.span, format!("`{} {}` staat hier voor de tweede keer", key.0, key.1))
                                .label("dubbele naam")
                                .help("geef elke regel een eigen naam, of voeg de twee samen"),
                        );
                        continue;
                    }
                    seen.insert(key, block.name.span);
                }
                match block.kind.name.as_str() {
                    "regio" => {
                        if header.is_some() {
                            self.problems.push(
                                Problem::new(Code::Dubbel, src, block.kind.span, "een regelset heeft één `regio`-blok")
                                    .help("haal het tweede `regio`-blok weg"),
                            );
                        } else {
                            header = Some((src.clone(), block.clone()));
                        }
                    }
                    "parameter" => params.push((src.clone(), block.clone())),
                    "definitie" => {
                        self.def_index.insert(block.name.name.clone(), self.def_blocks.len());
                        self.def_blocks.push((src.clone(), block.clone()));
                        self.def_state.push(DefState::Todo);
                    }
                    "aanvraag" => aanvraag_blocks.push((src.clone(), block.clone())),
                    "regels" => {
                        self.group(src, block);
                        self.groups.insert(block.name.name.clone(), (src.clone(), block.clone()));
                    }
                    "workflow" => {
                        self.workflow_index.insert(block.name.name.clone(), WorkflowId::new(workflow_blocks.len()));
                        workflow_blocks.push((src.clone(), block.clone()));
                    }
                    other => {
                        let help = suggest::did_you_mean(
                            other,
                            blocks::TOP_LEVEL.iter().copied(),
                            &format!("een regelbestand bestaat uit {}", blocks::TOP_LEVEL.join(", ")),
                        );
                        self.problems.push(
                            Problem::new(Code::OnbekendBlok, src, block.kind.span, format!("onbekende soort blok `{other}`"))
                                .label("onbekend")
                                .help(help),
                        );
                    }
                }
            }
        }
        TopLevel { header, params, aanvraag_blocks, workflow_blocks }
    }

    /// Checks a definitie on first use (depth first), so `defs` ends up in
    /// dependency order; a cycle is reported where it closes.
    /// `depth` is the expression depth of the reference.
    fn resolve_def(&mut self, name: &str, at_src: &SourceFile, at: Span, depth: usize) -> Option<(DefId, Type)> {
        let i = *self.def_index.get(name)?;
        match self.def_state.get(i).cloned()? {
            DefState::Done(idx, ty, height) => {
                if depth + height > MAX_DEPTH {
                    self.problems.push(
                        Problem::new(Code::TeDiep, at_src, at, format!("met definitie `{name}` is deze uitdrukking dieper genest dan {MAX_DEPTH} niveaus"))
                            .label("te diep via deze definitie")
                            .help("definities tellen mee in de diepte: splits de uitdrukking of de definitie op"),
                    );
                    return None;
                }
                self.deepest = self.deepest.max(depth + height);
                Some((DefId::new(idx), ty))
            }
            DefState::Failed => {
                self.failed_refs += 1;
                None
            }
            DefState::Busy => {
                self.problems.push(
                    Problem::new(Code::Kringverwijzing, at_src, at, format!("definitie `{name}` verwijst (via andere) naar zichzelf"))
                        .label("kringverwijzing")
                        .help("een definitie mag alleen verwijzen naar definities die niet (via via) naar haar terugverwijzen"),
                );
                None
            }
            DefState::Todo => {
                if let Some(s) = self.def_state.get_mut(i) {
                    *s = DefState::Busy;
                }
                let (src, block) = self.def_blocks.get(i).cloned()?;
                let (outer_base, outer_deepest) = (self.def_base, self.deepest);
                self.def_base = depth + 1;
                self.deepest = depth + 1;
                let result = self.def(&src, &block);
                let height = self.deepest - depth;
                self.def_base = outer_base;
                self.deepest = outer_deepest.max(self.deepest);
                let state = match &result {
                    Ok((def, ty)) => {
                        let idx = self.defs.len();
                        self.defs.push(Def { ..def.clone_shallow() });
                        DefState::Done(idx, ty.clone(), height)
                    }
                    Err(_) => DefState::Failed,
                };
                if let Some(s) = self.def_state.get_mut(i) {
                    *s = state.clone();
                }
                match state {
                    DefState::Done(idx, ty, _) => Some((DefId::new(idx), ty)),
                    _ => None,
                }
            }
        }
    }
}

impl Def {
    fn clone_shallow(&self) -> Def {
        Def { name: self.name.clone(), expr: self.expr.clone(), bron: self.bron.clone(), span: self.span }
    }
}

//! What one rule-set version declares, read from its parsed rule files: the
//! rules of every aanvraag (with the `regels` group each came from), the
//! groups, parameters, definities, workflows with their status and overgang
//! ids, and every `bron` text with its location. The ledger's rule
//! references are resolved against it.

use crate::check::suggest::did_you_mean;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Block, ExprKind, Item};
use crate::syntax::parse_file;
use std::collections::{BTreeMap, BTreeSet};

/// Rule kinds the ledger must account for (every rule kind of the language).
pub use crate::taal::RULE_KINDS;

/// One rule as declared: its kind (`eis`, ...), name and where its name stands.
#[derive(Clone, Debug)]
pub struct RuleDecl {
    pub kind: String,
    pub name: String,
    pub source: SourceFile,
    pub span: Span,
}

/// One aanvraag: the groups it uses and its own rules.
#[derive(Clone, Debug, Default)]
pub struct AanvraagDecl {
    pub gebruikt: Vec<String>,
    pub rules: Vec<RuleDecl>,
}

/// A `bron` attribute: where it is and what it belongs to.
#[derive(Clone, Debug)]
pub struct Bron {
    pub source: SourceFile,
    /// The text literal, quotes included.
    pub span: Span,
    pub tekst: String,
    /// `parameter x`, `regel tlv.x`, `regel (groep g).x`.
    pub wat: String,
    /// A rule's or parameter's bron (counted by `passend check`).
    pub counted: bool,
}

/// Everything one version declares.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    pub regio: String,
    pub versie: String,
    /// The handbook file name from the header's `bron`.
    pub handboek: String,
    /// `regions/<regio>/<folder>`, as the rule files are named.
    pub folder: String,
    pub params: BTreeSet<String>,
    pub defs: BTreeSet<String>,
    pub groups: BTreeMap<String, Vec<RuleDecl>>,
    pub aanvragen: BTreeMap<String, AanvraagDecl>,
    /// Workflow name -> ids of its statuses and overgangen.
    pub workflows: BTreeMap<String, BTreeSet<String>>,
    /// Where each workflow's name stands.
    pub workflow_at: BTreeMap<String, (SourceFile, Span)>,
    pub bronnen: Vec<Bron>,
}

fn text_attr<'a>(block: &'a Block, key: &str) -> Option<(&'a str, Span)> {
    block.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => match &a.value.kind {
            ExprKind::Text(t) => Some((t.as_str(), a.value.span)),
            _ => None,
        },
        _ => None,
    })
}

fn sub_blocks(block: &Block) -> impl Iterator<Item = &Block> {
    block.items.iter().filter_map(|i| match i {
        Item::Block(b) => Some(b),
        _ => None,
    })
}

fn rule_decls(src: &SourceFile, block: &Block) -> Vec<RuleDecl> {
    sub_blocks(block)
        .filter(|b| RULE_KINDS.contains(&b.kind.name.as_str()))
        .map(|b| RuleDecl { kind: b.kind.name.clone(), name: b.name.name.clone(), source: src.clone(), span: b.name.span })
        .collect()
}

impl Inventory {
    /// Reads the (already checked) rule files of one version. Files that do
    /// not parse are skipped: `passend check` reports them.
    pub fn from_sources(sources: &[SourceFile]) -> Inventory {
        let mut inv = Inventory::default();
        if let Some(first) = sources.first() {
            inv.folder = first.name.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
        }
        for src in sources {
            let Ok(file) = parse_file(src) else { continue };
            for block in &file.blocks {
                inv.add_block(src, block);
            }
        }
        inv
    }

    fn add_bron(&mut self, src: &SourceFile, block: &Block, wat: String, counted: bool) {
        if let Some((tekst, span)) = text_attr(block, "bron") {
            self.bronnen.push(Bron { source: src.clone(), span, tekst: tekst.to_string(), wat, counted });
        }
    }

    fn add_block(&mut self, src: &SourceFile, block: &Block) {
        let name = block.name.name.clone();
        match block.kind.name.as_str() {
            "regio" => {
                self.regio = name;
                self.versie = text_attr(block, "versie").map(|(t, _)| t.to_string()).unwrap_or_default();
                self.handboek = text_attr(block, "bron").map(|(t, _)| t.to_string()).unwrap_or_default();
            }
            "parameter" => {
                self.add_bron(src, block, format!("parameter `{name}`"), true);
                self.params.insert(name);
            }
            "definitie" => {
                self.add_bron(src, block, format!("definitie `{name}`"), false);
                self.defs.insert(name);
            }
            "regels" => {
                for r in sub_blocks(block).filter(|b| RULE_KINDS.contains(&b.kind.name.as_str())) {
                    self.add_bron(src, r, format!("regel `{name}.{}` (groep)", r.name.name), true);
                }
                self.groups.insert(name, rule_decls(src, block));
            }
            "aanvraag" => {
                self.add_bron(src, block, format!("aanvraag `{name}`"), false);
                for r in sub_blocks(block).filter(|b| RULE_KINDS.contains(&b.kind.name.as_str())) {
                    self.add_bron(src, r, format!("regel `{name}.{}`", r.name.name), true);
                }
                let gebruikt = block
                    .items
                    .iter()
                    .find_map(|i| match i {
                        Item::Attr(a) if a.key.name == "gebruikt" => Some(match &a.value.kind {
                            ExprKind::Path(p) => p.clone(),
                            ExprKind::List(l) => l
                                .iter()
                                .filter_map(|e| match &e.kind {
                                    ExprKind::Path(p) => Some(p.join(".")),
                                    _ => None,
                                })
                                .collect(),
                            _ => Vec::new(),
                        }),
                        _ => None,
                    })
                    .unwrap_or_default();
                self.aanvragen.insert(name, AanvraagDecl { gebruikt, rules: rule_decls(src, block) });
            }
            "workflow" => {
                self.add_bron(src, block, format!("workflow `{name}`"), false);
                let mut ids = BTreeSet::new();
                for b in sub_blocks(block) {
                    self.add_bron(src, b, format!("{} `{name}.{}`", b.kind.name, b.name.name), false);
                    ids.insert(b.name.name.clone());
                }
                self.workflow_at.insert(name.clone(), (src.clone(), block.name.span));
                self.workflows.insert(name, ids);
            }
            _ => {}
        }
    }

    /// Every rule of every aanvraag, groups expanded: `aanvraag.regel` -> its declaration.
    pub fn rule_decls(&self) -> BTreeMap<String, &RuleDecl> {
        let mut out = BTreeMap::new();
        for (a, decl) in &self.aanvragen {
            let from_groups = decl.gebruikt.iter().filter_map(|g| self.groups.get(g)).flatten();
            for r in from_groups.chain(&decl.rules) {
                out.insert(format!("{a}.{}", r.name), r);
            }
        }
        out
    }

    /// Every rule of every aanvraag, groups expanded: `aanvraag.regel` -> kind.
    pub fn rules(&self) -> BTreeMap<String, String> {
        self.rule_decls().into_iter().map(|(id, r)| (id, r.kind.clone())).collect()
    }

    /// What the ledger must mention: every rule and every workflow
    /// (`workflow.<naam>`), each with where it is declared.
    pub fn required(&self) -> BTreeMap<String, (SourceFile, Span)> {
        let mut out: BTreeMap<String, (SourceFile, Span)> =
            self.rule_decls().into_iter().map(|(id, r)| (id, (r.source.clone(), r.span))).collect();
        for (w, at) in &self.workflow_at {
            out.insert(format!("workflow.{w}"), at.clone());
        }
        out
    }

    /// Resolves one ledger reference to the required items it covers, with
    /// the kinds of the rules it names; a Dutch message with a suggestion
    /// when it names nothing.
    pub fn resolve(&self, reference: &str) -> Result<Resolved, String> {
        let (head, rest) = reference.split_once('.').unwrap_or((reference, ""));
        let mut out = Resolved::default();
        match head {
            "parameter" | "definitie" => {
                let names = if head == "parameter" { &self.params } else { &self.defs };
                if names.contains(rest) {
                    return Ok(out);
                }
                let help = did_you_mean(rest, names.iter().map(String::as_str), "");
                return Err(format!("onbekende {head} `{rest}`{}", suffix(&help)));
            }
            "workflow" => {
                let (w, id) = rest.split_once('.').map_or((rest, None), |(w, i)| (w, Some(i)));
                let Some(ids) = self.workflows.get(w) else {
                    let help = did_you_mean(w, self.workflows.keys().map(String::as_str), "");
                    return Err(format!("onbekende workflow `{w}`{}", suffix(&help)));
                };
                if let Some(id) = id {
                    if !ids.contains(id) {
                        let help = did_you_mean(id, ids.iter().map(String::as_str), "");
                        return Err(format!("workflow `{w}` heeft geen status of overgang `{id}`{}", suffix(&help)));
                    }
                }
                out.covers.insert(format!("workflow.{w}"));
                return Ok(out);
            }
            _ => {}
        }
        if self.aanvragen.contains_key(head) {
            let rules = self.rules();
            let id = format!("{head}.{rest}");
            if let Some(kind) = rules.get(&id) {
                out.covers.insert(id);
                out.kinds.insert(kind.clone());
                return Ok(out);
            }
            let own: Vec<String> = rules.keys().filter(|k| k.starts_with(&format!("{head}."))).map(|k| k[head.len() + 1..].to_string()).collect();
            let help = did_you_mean(rest, own.iter().map(String::as_str), "");
            return Err(format!("aanvraag `{head}` heeft geen regel `{rest}`{}", suffix(&help)));
        }
        if let Some(rules) = self.groups.get(head) {
            let Some(rule) = rules.iter().find(|r| r.name == rest) else {
                let help = did_you_mean(rest, rules.iter().map(|r| r.name.as_str()), "");
                return Err(format!("groep `{head}` heeft geen regel `{rest}`{}", suffix(&help)));
            };
            for (a, decl) in &self.aanvragen {
                if decl.gebruikt.iter().any(|g| g == head) {
                    out.covers.insert(format!("{a}.{rest}"));
                }
            }
            out.kinds.insert(rule.kind.clone());
            return Ok(out);
        }
        let heads = self
            .aanvragen
            .keys()
            .chain(self.groups.keys())
            .map(String::as_str)
            .chain(["parameter", "definitie", "workflow"]);
        let help = did_you_mean(head, heads, "");
        Err(format!("onbekende regel `{reference}`: `{head}` is geen aanvraag, groep, `parameter`, `definitie` of `workflow`{}", suffix(&help)))
    }
}

fn suffix(help: &str) -> String {
    if help.is_empty() {
        String::new()
    } else {
        format!(" ({help})")
    }
}

/// What one ledger reference stands for.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// Required items (`aanvraag.regel`, `workflow.w`) it covers.
    pub covers: BTreeSet<String>,
    /// The kinds of the rules it names (`waarschuwing`, ...).
    pub kinds: BTreeSet<String>,
}

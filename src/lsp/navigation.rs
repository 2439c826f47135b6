//! Go to definition and find references for parameters, definities,
//! `regels` groups, workflows, statuses and dossier fields (whose definition
//! is their line in `vocabulaire.toml`).

use super::hover::{nested, top_block, vocab_line};
use super::locate::{symbol_at, Symbol};
use super::workspace::Workspace;
use crate::engine::VOCABULARY;
use crate::source::Span;
use crate::syntax::ast::{Block, Item};

/// A place in a file of the workspace.
pub type Place = (String, Span);

/// Where the name under the cursor is declared.
pub fn definition(ws: &Workspace, key: &str, offset: usize) -> Vec<Place> {
    let Some((symbol, _)) = symbol_at(ws, key, offset) else { return Vec::new() };
    declaration(ws, key, &symbol).into_iter().collect()
}

fn declaration(ws: &Workspace, key: &str, symbol: &Symbol) -> Option<Place> {
    let top = |kind: &str, name: &str| -> Option<Place> {
        let (p, b) = top_block(ws, key, kind, name)?;
        Some((super::workspace::key_of_source(&p.source.name), b.name.span))
    };
    match symbol {
        Symbol::Param(n) => top("parameter", n),
        Symbol::Def(n) => top("definitie", n),
        Symbol::Group(n) => top("regels", n),
        Symbol::Workflow(n) => top("workflow", n),
        Symbol::Aanvraag(n) => top("aanvraag", n),
        Symbol::Status { workflow, id } => {
            let (p, w) = top_block(ws, key, "workflow", workflow)?;
            let s = nested(&w, "status", id)?;
            Some((super::workspace::key_of_source(&p.source.name), s.name.span))
        }
        Symbol::Rule { owner_kind, owner, kind, name } => {
            let (p, o) = top_block(ws, key, owner_kind, owner)?;
            let r = nested(&o, kind, name)?;
            Some((super::workspace::key_of_source(&p.source.name), r.name.span))
        }
        Symbol::Field(path) => {
            let text = ws.text(VOCABULARY)?;
            let (_, start, end) = vocab_line(text, path).or_else(|| {
                // An object (`leerling`): its first field.
                let vocab = ws.vocab()?;
                let mut below: Vec<&String> = vocab.by_path.keys().filter(|p| p.starts_with(&format!("{path}."))).collect();
                below.sort();
                below.first().and_then(|p| vocab_line(text, p))
            })?;
            Some((VOCABULARY.to_string(), Span::new(start, end)))
        }
        Symbol::Function(_) => None,
    }
}

/// Every place the name under the cursor is used (and declared, when asked).
pub fn references(ws: &Workspace, key: &str, offset: usize, with_declaration: bool) -> Vec<Place> {
    let Some((symbol, _)) = symbol_at(ws, key, offset) else { return Vec::new() };
    let mut out = Vec::new();
    if with_declaration {
        out.extend(declaration(ws, key, &symbol));
    }
    // Fields are shared by every region; other names live in one rule set.
    let files: Vec<String> = match &symbol {
        Symbol::Field(_) => ws.keys().filter(|k| k.ends_with(".passend")).map(str::to_string).collect(),
        _ => ws.set_parsed(key).into_iter().map(|(k, _)| k).collect(),
    };
    for file in files {
        let Some(p) = ws.parsed(&file) else { continue };
        for b in &p.recovered.file.blocks {
            let mut chain = Vec::new();
            uses_in_block(b, &mut chain, &symbol, &mut |span| out.push((file.clone(), span)));
        }
    }
    out
}

fn uses_in_block<'a>(b: &'a Block, chain: &mut Vec<&'a Block>, symbol: &Symbol, found: &mut impl FnMut(Span)) {
    chain.push(b);
    for item in &b.items {
        match item {
            Item::Block(inner) => uses_in_block(inner, chain, symbol, found),
            Item::Attr(a) => {
                let context = (a.key.name.as_str(), b.kind.name.as_str());
                let workflow = chain.iter().find(|c| c.kind.name == "workflow").map(|w| w.name.name.as_str());
                a.value.each_path(&mut |parts, span| {
                    let first = parts.first().map(String::as_str).unwrap_or("");
                    let hit = match (symbol, context) {
                        (Symbol::Status { workflow: w, id }, ("van" | "naar", "overgang")) => Some(w.as_str()) == workflow && first == id,
                        (Symbol::Group(g), ("gebruikt", "aanvraag")) => first == g,
                        (Symbol::Workflow(w), ("workflow", "aanvraag")) => first == w,
                        (_, ("van" | "naar", "overgang") | ("gebruikt", _) | ("workflow", "aanvraag") | ("uitkomst", "workflow")) => false,
                        (Symbol::Param(n) | Symbol::Def(n), _) => parts.len() == 1 && first == n,
                        (Symbol::Field(path), _) => {
                            let joined = parts.join(".");
                            joined == *path || joined.starts_with(&format!("{path}."))
                        }
                        _ => false,
                    };
                    if hit {
                        found(span);
                    }
                });
            }
        }
    }
    chain.pop();
}


//! Document symbols: the outline of a rule file (aanvraag → eis, bedrag, …;
//! workflow → status, overgang).

use super::workspace::Parsed;
use crate::syntax::ast::{Block, Item};
use lsp_types::{DocumentSymbol, SymbolKind};

/// The outline of a parsed file.
pub fn outline(p: &Parsed) -> Vec<DocumentSymbol> {
    p.recovered.file.blocks.iter().map(|b| symbol(p, b)).collect()
}

#[allow(deprecated)] // `deprecated` is a required field of the protocol type
fn symbol(p: &Parsed, b: &Block) -> DocumentSymbol {
    let text = &p.source.text;
    let children: Vec<DocumentSymbol> = b
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(inner) => Some(symbol(p, inner)),
            Item::Attr(_) => None,
        })
        .collect();
    let name = if b.name.name.is_empty() { b.kind.name.clone() } else { b.name.name.clone() };
    DocumentSymbol {
        name,
        detail: Some(b.kind.name.clone()),
        kind: kind(&b.kind.name),
        tags: None,
        deprecated: None,
        range: p.lines.range(text, b.span.start as usize, b.span.end as usize),
        selection_range: p.lines.range(text, b.name.span.start as usize, b.name.span.end as usize),
        children: if children.is_empty() { None } else { Some(children) },
    }
}

fn kind(block_kind: &str) -> SymbolKind {
    match block_kind {
        "regio" => SymbolKind::NAMESPACE,
        "parameter" => SymbolKind::CONSTANT,
        "definitie" => SymbolKind::VARIABLE,
        "regels" => SymbolKind::MODULE,
        "aanvraag" => SymbolKind::CLASS,
        "workflow" => SymbolKind::ENUM,
        "status" => SymbolKind::ENUM_MEMBER,
        "overgang" => SymbolKind::EVENT,
        _ => SymbolKind::METHOD,
    }
}

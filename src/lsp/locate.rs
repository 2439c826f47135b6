//! What stands at a cursor: the syntax node under it, and the named thing
//! (parameter, definitie, field, ...) it refers to. Shared by hover, go to
//! definition and find references.

use super::workspace::{Parsed, Workspace};
use crate::source::Span;
use crate::syntax::ast::{Attr, Block, Expr, ExprKind, File, Ident, Item};

/// A named thing of a rule set or the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Symbol {
    Param(String),
    Def(String),
    /// A `regels` group.
    Group(String),
    Workflow(String),
    Status { workflow: String, id: String },
    /// A dossier field, or (when it has fields below it) an object such as `leerling`.
    Field(String),
    /// A rule inside an `aanvraag` or a `regels` group: (block kind, block name, rule kind, rule name).
    Rule { owner_kind: String, owner: String, kind: String, name: String },
    Aanvraag(String),
    Function(String),
}

/// The syntax node under a cursor.
#[derive(Debug)]
pub enum Node<'a> {
    BlockKind(&'a Block),
    BlockName(&'a Block),
    AttrKey(&'a Attr),
    /// A dotted name; `segment` is the part under the cursor.
    Path { parts: &'a [String], segment: usize, span: Span },
    Call(&'a Ident),
}

/// The node under `offset` and the blocks around it (outermost first), with the attribute it is in.
pub struct Hit<'a> {
    pub chain: Vec<&'a Block>,
    pub attr: Option<&'a Attr>,
    pub node: Node<'a>,
}

fn contains(span: Span, offset: usize) -> bool {
    (span.start as usize) <= offset && offset <= span.end as usize
}

pub fn locate(file: &File, offset: usize) -> Option<Hit<'_>> {
    let block = file.blocks.iter().find(|b| contains(b.span, offset))?;
    let mut chain = Vec::new();
    in_block(block, offset, &mut chain)
}

fn in_block<'a>(block: &'a Block, offset: usize, chain: &mut Vec<&'a Block>) -> Option<Hit<'a>> {
    chain.push(block);
    if contains(block.kind.span, offset) {
        return Some(Hit { chain: chain.clone(), attr: None, node: Node::BlockKind(block) });
    }
    if contains(block.name.span, offset) {
        return Some(Hit { chain: chain.clone(), attr: None, node: Node::BlockName(block) });
    }
    for item in &block.items {
        match item {
            Item::Block(b) if contains(b.span, offset) => return in_block(b, offset, chain),
            Item::Attr(a) if contains(a.span, offset) => {
                if contains(a.key.span, offset) {
                    return Some(Hit { chain: chain.clone(), attr: Some(a), node: Node::AttrKey(a) });
                }
                let node = in_expr(&a.value, offset)?;
                return Some(Hit { chain: chain.clone(), attr: Some(a), node });
            }
            _ => {}
        }
    }
    None
}

fn in_expr(e: &Expr, offset: usize) -> Option<Node<'_>> {
    if !contains(e.span, offset) {
        return None;
    }
    match &e.kind {
        ExprKind::Path(parts) => {
            let mut at = e.span.start as usize;
            let mut segment = 0;
            for (i, p) in parts.iter().enumerate() {
                if offset <= at + p.len() {
                    segment = i;
                    break;
                }
                at += p.len() + 1;
                segment = i;
            }
            Some(Node::Path { parts, segment, span: e.span })
        }
        ExprKind::Call(name, args) => {
            if contains(name.span, offset) {
                return Some(Node::Call(name));
            }
            args.iter().find_map(|a| in_expr(a, offset))
        }
        ExprKind::List(items) => items.iter().find_map(|a| in_expr(a, offset)),
        ExprKind::Unary(_, x) => in_expr(x, offset),
        ExprKind::Binary(_, l, r) => in_expr(l, offset).or_else(|| in_expr(r, offset)),
        ExprKind::If(c, t, o) => in_expr(c, offset).or_else(|| in_expr(t, offset)).or_else(|| in_expr(o, offset)),
        _ => None,
    }
}

/// The top-level blocks of the rule set of `key`, with the file each is in.
pub fn set_blocks(ws: &Workspace, key: &str) -> Vec<(String, std::sync::Arc<Parsed>)> {
    ws.set_parsed(key)
}

/// Whether a top-level block `kind name` exists in the rule set of `key`.
pub fn declared(ws: &Workspace, key: &str, kind: &str, name: &str) -> bool {
    set_blocks(ws, key).iter().any(|(_, p)| p.recovered.file.blocks.iter().any(|b| b.kind.name == kind && b.name.name == name))
}

/// The named thing under `offset` in file `key`, with the span of its name there.
pub fn symbol_at(ws: &Workspace, key: &str, offset: usize) -> Option<(Symbol, Span)> {
    let parsed = ws.parsed(key)?;
    let hit = locate(&parsed.recovered.file, offset)?;
    let parent = hit.chain.len().checked_sub(2).and_then(|i| hit.chain.get(i)).copied();
    match hit.node {
        Node::BlockName(b) => {
            let name = b.name.name.clone();
            let sym = match (b.kind.name.as_str(), parent) {
                ("parameter", None) => Symbol::Param(name),
                ("definitie", None) => Symbol::Def(name),
                ("regels", None) => Symbol::Group(name),
                ("workflow", None) => Symbol::Workflow(name),
                ("aanvraag", None) => Symbol::Aanvraag(name),
                ("status", Some(w)) => Symbol::Status { workflow: w.name.name.clone(), id: name },
                (kind, Some(owner)) if owner.kind.name == "aanvraag" || owner.kind.name == "regels" => Symbol::Rule {
                    owner_kind: owner.kind.name.clone(),
                    owner: owner.name.name.clone(),
                    kind: kind.to_string(),
                    name,
                },
                _ => return None,
            };
            Some((sym, b.name.span))
        }
        Node::Call(ident) => Some((Symbol::Function(ident.name.clone()), ident.span)),
        Node::Path { parts, segment, span } => {
            let key_name = hit.attr.map(|a| a.key.name.as_str()).unwrap_or("");
            let block = hit.chain.last().copied();
            let workflow = hit.chain.iter().find(|b| b.kind.name == "workflow").copied();
            let first = parts.first()?.clone();
            let seg_span = segment_span(parts, segment, span);
            match (key_name, block.map(|b| b.kind.name.as_str())) {
                ("van" | "naar", Some("overgang")) => {
                    let w = workflow?;
                    return Some((Symbol::Status { workflow: w.name.name.clone(), id: first }, span));
                }
                ("gebruikt", _) => return Some((Symbol::Group(first), span)),
                ("workflow", Some("aanvraag")) => return Some((Symbol::Workflow(first), span)),
                _ => {}
            }
            if parts.len() == 1 {
                if declared(ws, key, "parameter", &first) {
                    return Some((Symbol::Param(first), span));
                }
                if declared(ws, key, "definitie", &first) {
                    return Some((Symbol::Def(first), span));
                }
            }
            let upto = parts.get(..=segment)?.join(".");
            let is_field = ws.vocab().is_some_and(|v| {
                v.by_path.contains_key(&upto) || v.by_path.keys().any(|p| p.starts_with(&upto) && p.as_bytes().get(upto.len()) == Some(&b'.'))
            });
            is_field.then_some((Symbol::Field(upto), seg_span))
        }
        Node::BlockKind(_) | Node::AttrKey(_) => None,
    }
}

/// The span of one segment of a dotted name.
fn segment_span(parts: &[String], segment: usize, span: Span) -> Span {
    let start = span.start as usize + parts.iter().take(segment).map(|p| p.len() + 1).sum::<usize>();
    let len = parts.get(segment).map(String::len).unwrap_or(0);
    Span::new(start, start + len)
}

//! Hover: what a name means, in Dutch, with the handbook sentence it cites.
//! A field shows its type, keuze values and the comment above it in
//! `vocabulaire.toml`; a parameter its values with their `vanaf` dates; a
//! definitie its expression; a rule its text, bron and how many voorbeelden
//! exercise it; a function its signature; a block kind, attribute or special
//! name its explanation from the language table (`crate::taal`).

use super::locate::{locate, symbol_at, Node, Symbol};
use super::workspace::{Parsed, Workspace};
use crate::engine::VOCABULARY;
use crate::syntax::ast::{Attr, Block, ExprKind, Item};
use crate::taal;
use std::sync::Arc;

/// The hover text (Markdown) for the cursor at `offset` in file `key`, with the span it is about.
pub fn hover(ws: &Workspace, key: &str, offset: usize) -> Option<(String, crate::source::Span)> {
    let Some((symbol, span)) = symbol_at(ws, key, offset) else { return language_word(ws, key, offset) };
    let text = match &symbol {
        Symbol::Field(path) => field(ws, path)?,
        Symbol::Param(name) => top_block(ws, key, "parameter", name).map(|(p, b)| parameter(&p, &b))?,
        Symbol::Def(name) => top_block(ws, key, "definitie", name).map(|(p, b)| definitie(&p, &b))?,
        Symbol::Group(name) => top_block(ws, key, "regels", name).map(|(_, b)| group(ws, key, &b))?,
        Symbol::Workflow(name) => top_block(ws, key, "workflow", name).map(|(_, b)| workflow(&b))?,
        Symbol::Aanvraag(name) => top_block(ws, key, "aanvraag", name).map(|(_, b)| aanvraag(ws, key, &b))?,
        Symbol::Status { workflow, id } => {
            let (_, w) = top_block(ws, key, "workflow", workflow)?;
            let status = nested(&w, "status", id)?;
            format!(
                "**status** `{id}` van workflow `{workflow}`\n\n{}\n\ndoor: {}\n\n{}",
                text_attr(status, "tekst").unwrap_or_default(),
                text_attr(status, "door").unwrap_or_default(),
                bron(status)
            )
        }
        Symbol::Rule { owner_kind, owner, kind, name } => {
            let (_, o) = top_block(ws, key, owner_kind, owner)?;
            let rule = nested(&o, kind, name)?;
            rule_hover(ws, key, owner_kind, owner, kind, rule)
        }
        Symbol::Function(name) => {
            let f = taal::function(name)?;
            format!("**functie** `{}`\n\n{}", f.signature, f.doc)
        }
    };
    Some((text, span))
}

/// A word of the language itself under the cursor: a block kind, an
/// attribute, or a special name (`peildatum`), documented from `crate::taal`.
fn language_word(ws: &Workspace, key: &str, offset: usize) -> Option<(String, crate::source::Span)> {
    let parsed = ws.parsed(key)?;
    let hit = locate(&parsed.recovered.file, offset)?;
    match hit.node {
        Node::BlockKind(b) => {
            let kind = taal::block(&b.kind.name)?;
            let attrs: Vec<String> =
                kind.attrs.iter().map(|a| if a.required { format!("`{}` (verplicht)", a.name) } else { format!("`{}`", a.name) }).collect();
            let mut text = format!("**blok** `{}`\n\n{}", kind.name, kind.doc);
            if !attrs.is_empty() {
                text.push_str(&format!("\n\nattributen: {}", attrs.join(", ")));
            }
            if !kind.children.is_empty() {
                text.push_str(&format!("\n\nbevat: {}", kind.children.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")));
            }
            Some((text, b.kind.span))
        }
        Node::AttrKey(a) => {
            let block = hit.chain.last()?;
            let spec = taal::attribute(&block.kind.name, &a.key.name)?;
            let required = if spec.required { "verplicht" } else { "niet verplicht" };
            let text = format!("**{}** in `{}` ({required})\n\n{}\n\nwaarde: {}", spec.name, block.kind.name, spec.doc, spec.value.describe());
            Some((text, a.key.span))
        }
        Node::Path { parts: [name], span, .. } => taal::keyword(name).map(|k| (format!("**{}**\n\n{}", k.word, k.doc), span)),
        _ => None,
    }
}

/// A top-level block of the rule set of `key`, with its file.
pub fn top_block(ws: &Workspace, key: &str, kind: &str, name: &str) -> Option<(Arc<Parsed>, Block)> {
    ws.set_parsed(key).into_iter().find_map(|(_, p)| {
        let b = p.recovered.file.blocks.iter().find(|b| b.kind.name == kind && b.name.name == name).cloned();
        b.map(|b| (p, b))
    })
}

pub fn nested<'b>(block: &'b Block, kind: &str, name: &str) -> Option<&'b Block> {
    block.items.iter().find_map(|i| match i {
        Item::Block(b) if b.kind.name == kind && b.name.name == name => Some(b),
        _ => None,
    })
}

pub fn attr<'b>(block: &'b Block, key: &str) -> Option<&'b Attr> {
    block.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => Some(a),
        _ => None,
    })
}

pub fn text_attr(block: &Block, key: &str) -> Option<String> {
    match &attr(block, key)?.value.kind {
        ExprKind::Text(t) => Some(t.clone()),
        _ => None,
    }
}

fn bron(block: &Block) -> String {
    match text_attr(block, "bron") {
        Some(b) => format!("**bron:** {b}"),
        None => "*(geen bron)*".to_string(),
    }
}

/// The source text of an attribute's value.
fn value_text(p: &Parsed, a: &Attr) -> String {
    p.source.text.get(a.value.span.start as usize..a.value.span.end as usize).unwrap_or("").trim().to_string()
}

fn parameter(p: &Parsed, b: &Block) -> String {
    let mut out = format!("**parameter** `{}`\n\n", b.name.name);
    for item in &b.items {
        if let Item::Attr(a) = item {
            if a.key.name == "waarde" {
                match a.vanaf {
                    Some((d, _)) => out.push_str(&format!("- `{}` vanaf {d}\n", value_text(p, a))),
                    None => out.push_str(&format!("- `{}`\n", value_text(p, a))),
                }
            }
        }
    }
    out.push('\n');
    out.push_str(&bron(b));
    out
}

fn definitie(p: &Parsed, b: &Block) -> String {
    let expr = attr(b, "waarde").map(|a| value_text(p, a)).unwrap_or_default();
    format!("**definitie** `{}`\n\n```passend\n{expr}\n```\n\n{}", b.name.name, bron(b))
}

fn group(ws: &Workspace, key: &str, b: &Block) -> String {
    let rules: Vec<String> = b
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(r) => Some(format!("`{} {}`", r.kind.name, r.name.name)),
            Item::Attr(_) => None,
        })
        .collect();
    let users = users_of_group(ws, key, &b.name.name);
    format!(
        "**regels** `{}`\n\n{} regel(s): {}\n\ngebruikt door: {}",
        b.name.name,
        rules.len(),
        rules.join(", "),
        if users.is_empty() { "geen aanvraag".to_string() } else { users.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", ") }
    )
}

/// The aanvragen whose `gebruikt` names group `name`.
pub fn users_of_group(ws: &Workspace, key: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, p) in ws.set_parsed(key) {
        for b in p.recovered.file.blocks.iter().filter(|b| b.kind.name == "aanvraag") {
            let Some(a) = attr(b, "gebruikt") else { continue };
            let names: Vec<&Vec<String>> = match &a.value.kind {
                ExprKind::Path(parts) => vec![parts],
                ExprKind::List(items) => items
                    .iter()
                    .filter_map(|e| match &e.kind {
                        ExprKind::Path(parts) => Some(parts),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if names.iter().any(|parts| parts.len() == 1 && parts.first().is_some_and(|n| n == name)) {
                out.push(b.name.name.clone());
            }
        }
    }
    out
}

fn workflow(b: &Block) -> String {
    let statuses: Vec<String> = b
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(s) if s.kind.name == "status" => Some(format!("`{}`", s.name.name)),
            _ => None,
        })
        .collect();
    format!("**workflow** `{}`\n\nstatussen: {}\n\n{}", b.name.name, statuses.join(", "), bron(b))
}

fn aanvraag(ws: &Workspace, key: &str, b: &Block) -> String {
    let lens = super::codelens::summary(ws, key, &b.name.name);
    format!("**aanvraag** `{}`\n\n{lens}\n\n{}", b.name.name, bron(b))
}

fn rule_hover(ws: &Workspace, key: &str, owner_kind: &str, owner: &str, kind: &str, rule: &Block) -> String {
    let mut out = format!("**{kind}** `{}`\n\n", rule.name.name);
    if let Some(t) = text_attr(rule, "tekst") {
        out.push_str(&format!("{t}\n\n"));
    }
    out.push_str(&bron(rule));
    let soorten = if owner_kind == "aanvraag" { vec![owner.to_string()] } else { users_of_group(ws, key, owner) };
    let ids: Vec<String> = soorten.iter().map(|s| format!("{s}.{}", rule.name.name)).collect();
    if let Some(line) = super::codelens::rule_exercised(ws, key, &ids) {
        out.push_str(&format!("\n\n{line}"));
    }
    out
}

/// A dossier field (or an object of fields) from the vocabulary.
fn field(ws: &Workspace, path: &str) -> Option<String> {
    let vocab = ws.vocab()?;
    let names = vocab.enum_names();
    if let Some(&id) = vocab.by_path.get(path) {
        let f = vocab.fields.get(id)?;
        let mut out = format!("**veld** `{path}`: {}", f.ty.describe(&names));
        let enum_id = match &f.ty {
            crate::types::Type::Enum(e) => Some(*e),
            crate::types::Type::List(inner) => match **inner {
                crate::types::Type::Enum(e) => Some(e),
                _ => None,
            },
            _ => None,
        };
        if let Some(e) = enum_id.and_then(|e| vocab.enums.get(e)) {
            let values: Vec<String> = e.values.iter().map(|v| format!("`\"{v}\"`")).collect();
            out.push_str(&format!("\n\nwaarden: {}", values.join(", ")));
        }
        if let Some(doc) = ws.text(VOCABULARY).and_then(|t| vocab_comment(t, path)) {
            out.push_str(&format!("\n\n{doc}"));
        }
        return Some(out);
    }
    let prefix = format!("{path}.");
    let mut below: Vec<&str> = vocab
        .by_path
        .keys()
        .filter_map(|p| p.strip_prefix(&prefix))
        .map(|rest| rest.split('.').next().unwrap_or(rest))
        .collect();
    below.sort();
    below.dedup();
    if below.is_empty() {
        return None;
    }
    Some(format!("**object** `{path}` met velden: {}", below.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")))
}

/// The line where a field is declared in vocabulaire.toml (0-based), and its byte range.
pub fn vocab_line(text: &str, path: &str) -> Option<(usize, usize, usize)> {
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('"') {
            if let Some(end) = rest.find('"') {
                let declared = rest.get(..end).unwrap_or("").replace("[]", "");
                if declared == path {
                    let start = offset + (line.len() - trimmed.len());
                    return Some((n, start, start + end + 2));
                }
            }
        }
        offset += line.len() + 1;
    }
    None
}

/// The comment lines right above a field's line in vocabulaire.toml (up to a blank line).
fn vocab_comment(text: &str, path: &str) -> Option<String> {
    let (line, _, _) = vocab_line(text, path)?;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut comment = Vec::new();
    for l in lines.get(..line)?.iter().rev() {
        let t = l.trim();
        if let Some(c) = t.strip_prefix('#') {
            comment.push(c.trim());
        } else if t.is_empty() {
            break;
        }
    }
    comment.reverse();
    (!comment.is_empty()).then(|| comment.join(" "))
}

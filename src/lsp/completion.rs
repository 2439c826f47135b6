//! Completion, worked out from the text before the cursor (which may not
//! parse while someone is typing): the blocks around it, the attribute it is
//! in, and the word being typed. Offers field paths segment by segment, keuze
//! values after `=` or `in` on a keuze field, parameters, definities,
//! functions, `regels` groups after `gebruikt`, status ids after `van` and
//! `naar`, keuze values after `rol`, `vorm`, `soort` and `disciplines`, block
//! kinds and attributes, keywords, units and months. What the language
//! itself offers (and what each attribute's value names) comes from `crate::taal`.

use super::hover::attr;
use super::workspace::Workspace;
use crate::syntax::ast::{ExprKind, Item};
use crate::taal::{self, NameOf, ValueKind};
use crate::types::Type;
use lsp_types::{CompletionItem, CompletionItemKind};
use std::collections::BTreeMap;

/// The completion items at byte `offset` of file `key`.
pub fn complete(ws: &Workspace, key: &str, offset: usize) -> Vec<CompletionItem> {
    let Some(text) = ws.text(key) else { return Vec::new() };
    let Some(before) = text.get(..offset.min(text.len())) else { return Vec::new() };
    let scan = scan(before);
    let line = before.rsplit('\n').next().unwrap_or("");
    if scan.in_comment {
        return Vec::new();
    }
    let parent = scan.blocks.last().map(|(k, _)| k.as_str());
    if scan.in_string.is_some() {
        // Only a keuze value can be completed inside a string.
        let head = scan.in_string.and_then(|q| before.get(..q)).unwrap_or("");
        return keuze_values(ws, head, false);
    }
    let word_len = line.chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').map(char::len_utf8).sum::<usize>();
    let word = line.get(line.len() - word_len..).unwrap_or("");
    let head = line.get(..line.len() - word_len).unwrap_or("");
    if head.trim().is_empty() {
        return key_position(parent);
    }
    let key_name = attribute_key(before, parent);
    let workflow = scan.blocks.iter().find(|(k, _)| k == "workflow").map(|(_, n)| n.clone());
    // What the attribute's value names, by the language table.
    let value = parent.zip(key_name.as_deref()).and_then(|(p, k)| taal::attribute(p, k)).map(|a| a.value);
    match value {
        Some(ValueKind::Name(NameOf::Groep) | ValueKind::Names(NameOf::Groep)) => {
            return names_of(ws, key, "regels", CompletionItemKind::MODULE, "groep regels")
        }
        Some(ValueKind::Name(NameOf::Workflow)) => return names_of(ws, key, "workflow", CompletionItemKind::ENUM, "workflow"),
        Some(ValueKind::Name(NameOf::Status)) => return statuses(ws, key, workflow.as_deref()),
        Some(ValueKind::Field) => return field_segments(ws, word),
        Some(ValueKind::Name(NameOf::Uitkomst)) => {
            let Some(v) = ws.vocab() else { return Vec::new() };
            let mut names: Vec<&String> = v.uitkomsten.keys().collect();
            names.sort();
            return names.into_iter().map(|n| item(n, CompletionItemKind::ENUM_MEMBER, "uitkomst")).collect();
        }
        _ => {}
    }
    if let Some(values) = attribute_values(ws, parent, key_name.as_deref()) {
        return values;
    }
    if word.contains('.') {
        return field_segments(ws, word);
    }
    let values = keuze_values(ws, head, true);
    if !values.is_empty() {
        return values;
    }
    if ends_with_number(head) {
        let units = taal::UNITS.iter().flat_map(|u| if u.one == u.many { vec![u.many] } else { vec![u.many, u.one] });
        return units
            .map(|u| item(u, CompletionItemKind::UNIT, "tijdseenheid"))
            .chain(taal::MONTHS.iter().map(|m| item(m, CompletionItemKind::UNIT, "maand")))
            .collect();
    }
    expression_items(ws, key)
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem { label: label.to_string(), kind: Some(kind), detail: Some(detail.to_string()), ..CompletionItem::default() }
}

/// Where the text before the cursor stands.
struct Scan {
    /// The blocks around the cursor, outermost first: (kind, name).
    blocks: Vec<(String, String)>,
    /// Byte offset of the opening quote when the cursor is inside a string.
    in_string: Option<usize>,
    in_comment: bool,
}

fn scan(before: &str) -> Scan {
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut in_string = None;
    let mut in_comment = false;
    let mut header_from = 0;
    for (i, c) in before.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            if !in_comment {
                header_from = i + 1;
            }
            continue;
        }
        if let Some(q) = in_string {
            if c == '"' && !escaped(before, q, i) {
                in_string = None;
            }
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => in_string = Some(i),
            '{' => {
                let header = before.get(header_from..i).unwrap_or("");
                let words: Vec<&str> = header.split_whitespace().collect();
                let (kind, name) = match words.as_slice() {
                    [.., k, n] => (k.to_string(), n.to_string()),
                    [k] => (k.to_string(), String::new()),
                    [] => (String::new(), String::new()),
                };
                blocks.push((kind, name));
                header_from = i + 1;
            }
            '}' => {
                blocks.pop();
                header_from = i + 1;
            }
            '\n' => header_from = i + 1,
            _ => {}
        }
    }
    Scan { blocks, in_string, in_comment }
}

/// Whether the quote at `i` is escaped by a backslash (inside the string opened at `from`).
fn escaped(text: &str, from: usize, i: usize) -> bool {
    let inner = text.get(from + 1..i).unwrap_or("");
    inner.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
}

/// At the start of a line: block kinds and attributes valid here.
fn key_position(parent: Option<&str>) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = taal::children(parent)
        .iter()
        .map(|k| CompletionItem {
            insert_text: Some(format!("{k} ")),
            ..item(k, CompletionItemKind::CLASS, taal::block(k).map_or("", |b| b.doc))
        })
        .collect();
    if let Some(p) = parent {
        out.extend(taal::attributes(p).iter().map(|a| {
            let detail = if a.required { format!("{} (verplicht)", a.doc) } else { a.doc.to_string() };
            CompletionItem {
                documentation: Some(lsp_types::Documentation::String(a.value.describe())),
                ..item(a.name, CompletionItemKind::PROPERTY, &detail)
            }
        }));
    }
    out
}

/// The attribute the cursor's line belongs to: the first word of this line,
/// or of the nearest line above it that starts with an attribute (a long
/// value continues on the next lines).
fn attribute_key(before: &str, parent: Option<&str>) -> Option<String> {
    let attrs = taal::attributes(parent?);
    for line in before.rsplit('\n') {
        let first = line.split_whitespace().next().unwrap_or("");
        if attrs.iter().any(|a| a.name == first) {
            return Some(first.to_string());
        }
        if line.contains('{') || line.contains('}') {
            break;
        }
    }
    None
}

fn ends_with_number(head: &str) -> bool {
    let t = head.trim_end();
    t.len() < head.len() && t.chars().last().is_some_and(|c| c.is_ascii_digit()) && !t.ends_with('.')
}

/// The names of top-level blocks of one kind in the rule set.
fn names_of(ws: &Workspace, key: &str, kind: &str, item_kind: CompletionItemKind, detail: &str) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for (_, p) in ws.set_parsed(key) {
        for b in p.recovered.file.blocks.iter().filter(|b| b.kind.name == kind) {
            let detail = match super::hover::text_attr(b, "bron") {
                Some(bron) => format!("{detail} · {bron}"),
                None => detail.to_string(),
            };
            out.push(item(&b.name.name, item_kind, &detail));
        }
    }
    out
}

/// The statuses of workflow `workflow` (in this file or the rule set).
fn statuses(ws: &Workspace, key: &str, workflow: Option<&str>) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for (_, p) in ws.set_parsed(key) {
        for w in p.recovered.file.blocks.iter().filter(|b| b.kind.name == "workflow" && Some(b.name.name.as_str()) == workflow) {
            for i in &w.items {
                if let Item::Block(s) = i {
                    if s.kind.name == "status" {
                        let detail = super::hover::text_attr(s, "tekst").unwrap_or_else(|| "status".to_string());
                        out.push(item(&s.name.name, CompletionItemKind::ENUM_MEMBER, &detail));
                    }
                }
            }
        }
    }
    out
}

/// The next segment of a dotted field path: `leerling.` → `geboortedatum`, `setting`, ...
fn field_segments(ws: &Workspace, word: &str) -> Vec<CompletionItem> {
    let Some(vocab) = ws.vocab() else { return Vec::new() };
    let prefix = match word.rfind('.') {
        Some(i) => word.get(..=i).unwrap_or(""),
        None => "",
    };
    let names = vocab.enum_names();
    let mut next: BTreeMap<String, String> = BTreeMap::new();
    for (path, &id) in &vocab.by_path {
        let Some(rest) = path.strip_prefix(prefix) else { continue };
        let segment = rest.split('.').next().unwrap_or(rest);
        let detail = if segment == rest {
            vocab.fields.get(id).map(|f| f.ty.describe(&names)).unwrap_or_default()
        } else {
            "object met velden".to_string()
        };
        next.entry(segment.to_string()).or_insert(detail);
    }
    next.into_iter().map(|(s, d)| item(&s, CompletionItemKind::FIELD, &d)).collect()
}

/// Keuze values when `head` ends with `<veld> =`, `<veld> !=` or `<veld> in [ ...,`.
fn keuze_values(ws: &Workspace, head: &str, quoted: bool) -> Vec<CompletionItem> {
    let Some(vocab) = ws.vocab() else { return Vec::new() };
    let t = head.trim_end();
    let operand = if let Some(rest) = t.strip_suffix("!=").or_else(|| t.strip_suffix('≠')).or_else(|| t.strip_suffix('=')) {
        last_path(rest)
    } else {
        // `veld in [` or `veld in ["a", ` (no `]` since the `[`)
        match t.rfind(" in ") {
            Some(i) => {
                let after = t.get(i + 4..).unwrap_or("").trim_start();
                let open_list = after.starts_with('[') && !after.contains(']');
                if after.is_empty() || (open_list && (after.ends_with('[') || after.ends_with(','))) {
                    last_path(t.get(..i).unwrap_or(""))
                } else {
                    None
                }
            }
            None => None,
        }
    };
    let Some(path) = operand else { return Vec::new() };
    let Some(field) = vocab.by_path.get(path).and_then(|id| vocab.fields.get(*id)) else { return Vec::new() };
    let enum_id = match &field.ty {
        Type::Enum(e) => *e,
        Type::List(inner) => match **inner {
            Type::Enum(e) => e,
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let Some(e) = vocab.enums.get(enum_id) else { return Vec::new() };
    e.values
        .iter()
        .map(|v| CompletionItem {
            insert_text: Some(if quoted { format!("\"{v}\"") } else { v.to_string() }),
            ..item(v, CompletionItemKind::ENUM_MEMBER, &format!("keuze uit `{}`", e.name))
        })
        .collect()
}

/// The values of the keuze list an attribute takes (`rol`, `vorm`, `soort`, `disciplines`), by the language table.
fn attribute_values(ws: &Workspace, parent: Option<&str>, key: Option<&str>) -> Option<Vec<CompletionItem>> {
    let list = match taal::attribute(parent?, key?)?.value {
        ValueKind::Keuze(list) | ValueKind::KeuzeList(list) => list,
        _ => return None,
    };
    let vocab = ws.vocab()?;
    let e = vocab.enum_by_name.get(list).and_then(|id| vocab.enums.get(*id))?;
    let detail = format!("keuze uit `{list}`");
    Some(e.values.iter().map(|v| CompletionItem { insert_text: Some(format!("\"{v}\"")), ..item(v, CompletionItemKind::ENUM_MEMBER, &detail) }).collect())
}

/// The dotted name at the end of `text`.
fn last_path(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let len = t.chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').map(char::len_utf8).sum::<usize>();
    let p = t.get(t.len() - len..)?;
    (!p.is_empty()).then_some(p)
}

/// In an expression: field roots, parameters, definities, functions, keywords.
fn expression_items(ws: &Workspace, key: &str) -> Vec<CompletionItem> {
    let mut out = field_segments(ws, "");
    for (_, p) in ws.set_parsed(key) {
        for b in &p.recovered.file.blocks {
            let (kind, detail) = match b.kind.name.as_str() {
                "parameter" => (CompletionItemKind::CONSTANT, value_summary(&p.source.text, b, "parameter")),
                "definitie" => (CompletionItemKind::VARIABLE, value_summary(&p.source.text, b, "definitie")),
                _ => continue,
            };
            out.push(item(&b.name.name, kind, &detail));
        }
    }
    out.extend(taal::FUNCTIONS.iter().map(|f| CompletionItem {
        insert_text: Some(format!("{}(", f.name)),
        documentation: Some(lsp_types::Documentation::String(f.doc.to_string())),
        ..item(f.name, CompletionItemKind::FUNCTION, f.signature)
    }));
    out.extend(taal::KEYWORDS.iter().map(|k| item(k.word, CompletionItemKind::KEYWORD, k.doc)));
    out
}

/// "parameter · € 750" : the kind and the first value as written.
fn value_summary(text: &str, b: &crate::syntax::ast::Block, kind: &str) -> String {
    let Some(a) = attr(b, "waarde") else { return kind.to_string() };
    let written = text.get(a.value.span.start as usize..a.value.span.end as usize).unwrap_or("");
    let first_line = written.lines().next().unwrap_or("");
    match &a.value.kind {
        ExprKind::Text(_) | ExprKind::Money(_) | ExprKind::Int(_) | ExprKind::Duration(..) | ExprKind::Date(_) | ExprKind::DayMonth(..) => {
            format!("{kind} · {first_line}")
        }
        _ => kind.to_string(),
    }
}

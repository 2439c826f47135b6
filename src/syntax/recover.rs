//! Error-tolerant parsing: a rule file with syntax errors still yields the
//! blocks that are intact, and one located problem per broken place.
//!
//! pest stops at the first error. Here the file text is first split into its
//! top-level blocks by brace matching that knows strings and comments (a
//! line that opens a new top-level block at column 0 also ends a block whose
//! `}` is missing). Each block is parsed on its own with the strict parser,
//! its spans moved to where the block stands in the file. Inside a broken
//! block the attribute (or nested block) holding the error is blanked out and
//! the block parsed again, so the block keeps its name and its other
//! attributes for the checker, hover and completion.
//!
//! A file without errors takes the strict parser's path once, at no extra cost.

use super::ast::{Attr, Block, Expr, ExprKind, File, Item};
use super::parser;
use crate::diagnostics::Problem;
use crate::source::{SourceFile, Span};

/// Block kinds that open a top-level block (a line starting with one of these
/// at column 0 starts a new block even when the previous one was not closed).
const TOP_LEVEL: &[&str] = &["regio", "parameter", "definitie", "regels", "aanvraag", "workflow"];

/// The result of a tolerant parse.
#[derive(Clone, Debug)]
pub struct Recovered {
    /// The blocks that could be read (a broken block without its broken parts).
    pub file: File,
    /// Syntax problems, at most one per broken attribute, in file order.
    pub problems: Vec<Problem>,
    /// The top-level blocks (as text ranges) that had a problem: a checker
    /// finding inside one of them may be a consequence of the blanked-out part.
    pub damaged: Vec<Span>,
}

/// Parses one rule file; on errors, every broken block is one problem (or a
/// few, when attributes in it are broken independently) and the rest of the
/// file still parses. `Err` holds all problems.
pub fn parse_file(source: &SourceFile) -> Result<File, Vec<Problem>> {
    let r = parse_recovering(source);
    if r.problems.is_empty() {
        Ok(r.file)
    } else {
        Err(r.problems)
    }
}

/// Parses one rule file, keeping whatever is intact.
pub fn parse_recovering(source: &SourceFile) -> Recovered {
    match parser::parse_file(source) {
        Ok(file) => return Recovered { file, problems: Vec::new(), damaged: Vec::new() },
        Err(problems) if source.text.len() > parser::MAX_FILE_SIZE => {
            return Recovered { file: File { blocks: Vec::new() }, problems, damaged: Vec::new() }
        }
        Err(_) => {}
    }
    let mut out = Recovered { file: File { blocks: Vec::new() }, problems: Vec::new(), damaged: Vec::new() };
    for chunk in top_level_chunks(&source.text) {
        recover_chunk(source, &chunk, &mut out);
    }
    out
}

/// A top-level block as a range of the file text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    /// `{` left open at the end of the range (the block's `}` is missing).
    pub open: usize,
}

/// Lexical state of the scanner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lex {
    Code,
    Text,
    Comment,
}

impl Lex {
    /// One byte `b` inside a comment or a string: back to `Code` at the end of
    /// either; the number of bytes to skip besides `b` (1 after a `\` in a string).
    fn step_inside(&mut self, b: u8) -> usize {
        match (*self, b) {
            (Lex::Comment, b'\n') | (Lex::Text, b'"') => {
                *self = Lex::Code;
                0
            }
            (Lex::Text, b'\\') => 1,
            _ => 0,
        }
    }
}

/// Splits a file into its top-level blocks. Text between blocks that is
/// neither white space nor a comment becomes part of the next range.
pub fn top_level_chunks(text: &str) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut lex = Lex::Code;
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let line_start = i == 0 || bytes.get(i - 1) == Some(&b'\n');
        // A new top-level block at column 0 ends an unclosed block, an open
        // string, or stray text before it.
        if line_start && (depth > 0 || lex == Lex::Text || start.is_some()) && opens_top_level_block(text.get(i..).unwrap_or("")) {
            if let Some(s) = start.take() {
                chunks.push(Chunk { start: s, end: trim_end(text, s, i), open: depth });
            }
            depth = 0;
            lex = Lex::Code;
        }
        match lex {
            Lex::Comment | Lex::Text => i += lex.step_inside(b),
            Lex::Code => match b {
                b'#' => lex = Lex::Comment,
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => {
                    if start.is_none() {
                        start = Some(i);
                    }
                    match b {
                        b'"' => lex = Lex::Text,
                        b'{' => depth += 1,
                        b'}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                if let Some(s) = start.take() {
                                    chunks.push(Chunk { start: s, end: i + 1, open: 0 });
                                }
                            }
                        }
                        _ => {}
                    }
                }
            },
        }
        i += 1;
    }
    if let Some(s) = start {
        chunks.push(Chunk { start: s, end: trim_end(text, s, text.len()), open: depth });
    }
    chunks
}

/// End of `text[start..end]` without trailing white space and comments-only lines.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let slice = text.get(start..end).unwrap_or("");
    let mut keep = slice.len();
    // Drop trailing lines that are empty or only a comment.
    loop {
        let body = slice.get(..keep).unwrap_or("");
        let trimmed = body.trim_end();
        let last_line_start = trimmed.rfind('\n').map(|p| p + 1).unwrap_or(0);
        let last_line = trimmed.get(last_line_start..).unwrap_or("");
        if last_line.trim_start().starts_with('#') && last_line_start > 0 {
            keep = last_line_start;
        } else {
            keep = trimmed.len();
            break;
        }
    }
    start + keep
}

/// Whether a line starts with `soort naam {` for a top-level block kind.
fn opens_top_level_block(line: &str) -> bool {
    let line = line.split('\n').next().unwrap_or("");
    let mut words = line.split_whitespace();
    let (Some(kind), Some(name)) = (words.next(), words.next()) else { return false };
    let name_ok = |n: &str| n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    TOP_LEVEL.contains(&kind) && (name.ends_with('{') || words.next().is_some_and(|w| w.starts_with('{'))) && name_ok(name)
}

/// Parses one top-level range, blanking out broken attributes until the rest parses.
fn recover_chunk(source: &SourceFile, chunk: &Chunk, out: &mut Recovered) {
    let Some(raw) = source.text.get(chunk.start..chunk.end) else { return };
    let local = SourceFile::new(source.name.clone(), raw);
    let problems = match parser::parse_file(&local) {
        Ok(file) => {
            out.file.blocks.extend(file.blocks.into_iter().map(|b| shifted_block(b, chunk.start)));
            return;
        }
        Err(problems) => problems,
    };
    // The parser's problems (with its hints: a block left open, a text left open, ...) are the report.
    out.damaged.push(Span::new(chunk.start, chunk.end));
    out.problems.extend(problems.iter().map(|q| q.relocated(source, shift(q.span, chunk.start))));
    if parser::syntax_error_at(&local).is_none() {
        // It parses, but a value is wrong (a date, an amount, too deep): the block is unusable.
        return;
    }
    let mut text = raw.to_string();
    if chunk.open > 0 {
        // The `}` is missing (reported above): close the block for the retries.
        text.push('\n');
        text.push_str(&"}".repeat(chunk.open));
    }
    let original = text.clone();
    // Blanked items, as ranges, in the order they were blanked.
    let mut masked: Vec<(usize, usize)> = Vec::new();
    for _ in 0..64 {
        let attempt = SourceFile::new(source.name.clone(), text.as_str());
        let Some(pos) = parser::syntax_error_at(&attempt) else {
            // What is left parses; a value problem in it drops the block (it was reported).
            if let Ok(file) = parser::parse_file(&attempt) {
                out.file.blocks.extend(file.blocks.into_iter().map(|b| shifted_block(b, chunk.start)));
            }
            return;
        };
        let Some(found) = find_item(&original, 0, pos, &masked) else { return };
        let mut item = found.item;
        if let Some(&last) = masked.last() {
            let next_sibling = found.siblings.iter().position(|s| *s == item).and_then(|k| found.siblings.get(k + 1));
            if !found.holding && next_sibling == Some(&last) {
                // Blanking the item after it did not help: the error began in
                // this one (`waarde 1 +` followed by `bron "x"`). Put that one back.
                if let Some(orig) = original.get(last.0..last.1) {
                    text.replace_range(last.0..last.1, orig);
                }
                masked.pop();
            }
        }
        // A second, independent error in the same block is a problem of its own.
        let adjacent = masked.iter().any(|m| m.1 == item.0 || item.1 == m.0 || (m.0 <= item.0 && item.1 <= m.1));
        if !masked.is_empty() && !adjacent && pos < raw.len() {
            if let Err(more) = parser::parse_file(&attempt) {
                out.problems.extend(more.first().map(|q| q.relocated(source, shift(q.span, chunk.start))));
            }
        }
        if masked.contains(&item) {
            return;
        }
        item = (item.0, item.1.max(item.0));
        masked.push(item);
        blank(&mut text, item.0, item.1);
    }
}

/// The item to blank for an error at `pos`, found in the block starting at `from`.
struct Found {
    item: (usize, usize),
    /// Its siblings (the items of the same block), itself included.
    siblings: Vec<(usize, usize)>,
    /// Whether the error lies inside the item (not at a `}` after it).
    holding: bool,
}

/// The innermost item holding `pos` (descending into nested blocks); else
/// (an error at a block's `}`, or one caused by an item already blanked) the
/// last item before it that is still there.
fn find_item(text: &str, from: usize, pos: usize, masked: &[(usize, usize)]) -> Option<Found> {
    let siblings = item_segments(text, from);
    let holding = siblings.iter().copied().find(|(s, e)| *s <= pos && pos < *e && !masked.contains(&(*s, *e)));
    if let Some(item) = holding {
        let opens_block = text.get(item.0..item.1).and_then(|t| t.split('\n').next()).is_some_and(|l| l.contains('{'));
        if opens_block {
            if let Some(inner) = find_item(text, item.0, pos, masked) {
                return Some(inner);
            }
        }
        return Some(Found { item, siblings, holding: true });
    }
    let before = siblings.iter().copied().rev().find(|(s, e)| *s <= pos && !masked.contains(&(*s, *e)))?;
    Some(Found { item: before, siblings, holding: false })
}

/// The items (attributes and nested blocks) directly inside the first block
/// of `text`, as byte ranges: each starts at a line whose indentation is that
/// of the block's first item, and runs to the next such line or the block's `}`.
fn item_segments(text: &str, from: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lex = Lex::Code;
    let mut depth = 0usize;
    let mut indent: Option<usize> = None;
    let mut starts: Vec<usize> = Vec::new();
    let mut close = text.len();
    let mut line_start = from;
    let mut at_line_head = true;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if lex == Lex::Code && depth == 1 && at_line_head && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'#' | b'}') {
            let col = i - line_start;
            match indent {
                None => {
                    indent = Some(col);
                    starts.push(i);
                }
                Some(ind) if col <= ind => starts.push(i),
                Some(_) => {}
            }
        }
        if !matches!(b, b' ' | b'\t' | b'\r') {
            at_line_head = false;
        }
        match lex {
            Lex::Comment | Lex::Text => i += lex.step_inside(b),
            Lex::Code => match b {
                b'#' => lex = Lex::Comment,
                b'"' => lex = Lex::Text,
                b'{' => {
                    depth += 1;
                    if depth == 1 {
                        // Items may follow on the header's own line.
                        at_line_head = true;
                        line_start = i + 1;
                    }
                }
                b'}' => {
                    if depth == 1 {
                        close = i;
                        break;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            },
        }
        if b == b'\n' {
            line_start = i + 1;
            at_line_head = true;
        }
        i += 1;
    }
    let mut segments = Vec::with_capacity(starts.len());
    for (k, s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(close);
        segments.push((*s, e.max(*s)));
    }
    segments
}

/// Replaces `text[start..end]` by spaces (new lines kept), byte for byte.
fn blank(text: &mut String, start: usize, end: usize) {
    let blanked: String = text
        .get(start..end)
        .unwrap_or("")
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    if text.is_char_boundary(start) && text.is_char_boundary(end) && end <= text.len() {
        text.replace_range(start..end, &blanked);
    }
}

fn shift(span: Span, by: usize) -> Span {
    Span::new(span.start as usize + by, span.end as usize + by)
}

fn shifted_block(mut b: Block, by: usize) -> Block {
    shift_block(&mut b, by);
    b
}

fn shift_block(b: &mut Block, by: usize) {
    b.span = shift(b.span, by);
    b.kind.span = shift(b.kind.span, by);
    b.name.span = shift(b.name.span, by);
    for item in &mut b.items {
        match item {
            Item::Attr(a) => shift_attr(a, by),
            Item::Block(inner) => shift_block(inner, by),
        }
    }
}

fn shift_attr(a: &mut Attr, by: usize) {
    a.span = shift(a.span, by);
    a.key.span = shift(a.key.span, by);
    if let Some((_, s)) = &mut a.vanaf {
        *s = shift(*s, by);
    }
    shift_expr(&mut a.value, by);
}

fn shift_expr(e: &mut Expr, by: usize) {
    e.span = shift(e.span, by);
    match &mut e.kind {
        ExprKind::List(items) => items.iter_mut().for_each(|x| shift_expr(x, by)),
        ExprKind::Call(name, args) => {
            name.span = shift(name.span, by);
            args.iter_mut().for_each(|x| shift_expr(x, by));
        }
        ExprKind::Unary(_, x) => shift_expr(x, by),
        ExprKind::Binary(_, l, r) => {
            shift_expr(l, by);
            shift_expr(r, by);
        }
        ExprKind::If(c, t, o) => {
            shift_expr(c, by);
            shift_expr(t, by);
            shift_expr(o, by);
        }
        ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Money(_)
        | ExprKind::Duration(..)
        | ExprKind::DayMonth(..)
        | ExprKind::Date(_)
        | ExprKind::Text(_)
        | ExprKind::Path(_) => {}
    }
}

#[cfg(test)]
#[path = "recover_tests.rs"]
mod tests;

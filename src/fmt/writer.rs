//! Writes a parsed rule file in canonical layout: two spaces per level, one
//! attribute per line, one blank line between top-level blocks (blank lines
//! inside blocks kept, at most one), and every comment back in its place:
//! a comment on a line of its own stays on a line of its own before the code
//! that followed it, a comment after code stays after that code.

use super::comments::{next_code, scan, Comment};
use super::expr::{comment_gaps, end_of, Layout};
use crate::syntax::ast::{Attr, Block, File, Item};

/// The canonical text of `file`, parsed from `text`.
pub fn write(text: &str, file: &File) -> String {
    let comments = scan(text);
    let placed = vec![false; comments.len()];
    let mut w = Writer { text, comments, placed, out: String::new(), cursor: 0, at_start: true, force_blank: false };
    for block in &file.blocks {
        let start = block.span.start as usize;
        w.flush_before(start, 0);
        w.separate(start);
        w.block(block, 0);
        w.force_blank = true;
    }
    w.flush_before(usize::MAX, 0);
    w.out
}

struct Writer<'t> {
    text: &'t str,
    comments: Vec<Comment>,
    placed: Vec<bool>,
    out: String,
    /// Source offset of the end of what was written last (for blank lines).
    cursor: usize,
    /// Nothing written yet in this file or block body: no blank line.
    at_start: bool,
    /// A top-level block was just written: one blank line follows.
    force_blank: bool,
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

impl Writer<'_> {
    /// A blank line before the next element when the source had one (or a
    /// top-level block precedes it), never at the start of a body.
    fn separate(&mut self, start: usize) {
        let blank = self.text.get(self.cursor..start).is_some_and(|between| between.matches('\n').count() >= 2);
        if !self.at_start && (self.force_blank || blank) {
            self.out.push('\n');
        }
        self.at_start = false;
        self.force_blank = false;
    }

    /// Writes, each on its own line, the comments not yet written that start before `limit`.
    fn flush_before(&mut self, limit: usize, depth: usize) {
        for i in 0..self.comments.len() {
            let (start, end) = match self.comments.get(i) {
                Some(c) if c.start < limit && !self.placed.get(i).copied().unwrap_or(true) => (c.start, c.end),
                _ => continue,
            };
            self.separate(start);
            self.own_line(i, depth);
            self.cursor = end;
        }
    }

    fn own_line(&mut self, i: usize, depth: usize) {
        if let Some(c) = self.comments.get(i) {
            self.out.push_str(&indent(depth));
            self.out.push_str(&c.text);
            self.out.push('\n');
        }
        if let Some(p) = self.placed.get_mut(i) {
            *p = true;
        }
    }

    /// Adds the comment that follows source offset `at` on the same line (only
    /// white space or closing parentheses between) to the end of the line.
    fn trailing(&mut self, at: usize) {
        let next = self.comments.iter().enumerate().find(|(i, c)| c.start >= at && !self.placed.get(*i).copied().unwrap_or(true));
        let Some((i, c)) = next else { return };
        let between = self.text.get(at..c.start).unwrap_or("x");
        if between.chars().all(|ch| ch == ' ' || ch == '\t' || ch == ')') {
            self.out.push_str("  ");
            self.out.push_str(&c.text);
            self.cursor = c.end;
            if let Some(p) = self.placed.get_mut(i) {
                *p = true;
            }
        }
    }

    fn has_comment(&self, from: usize, to: usize) -> bool {
        self.comments.iter().zip(&self.placed).any(|(c, done)| !done && c.start >= from && c.start < to)
    }

    fn block(&mut self, b: &Block, depth: usize) {
        let pad = indent(depth);
        let brace = next_code(self.text, b.name.span.end as usize);
        let close = (b.span.end as usize).saturating_sub(1);
        if b.items.is_empty() && !self.has_comment(brace, close) {
            self.out.push_str(&format!("{pad}{} {} {{}}", b.kind.name, b.name.name));
        } else {
            self.out.push_str(&format!("{pad}{} {} {{", b.kind.name, b.name.name));
            self.cursor = brace + 1;
            self.trailing(brace + 1);
            self.out.push('\n');
            self.at_start = true;
            for item in &b.items {
                let start = match item {
                    Item::Attr(a) => a.span.start as usize,
                    Item::Block(inner) => inner.span.start as usize,
                };
                self.flush_before(start, depth + 1);
                self.separate(start);
                match item {
                    Item::Attr(a) => self.attr(a, depth + 1),
                    Item::Block(inner) => self.block(inner, depth + 1),
                }
            }
            self.flush_before(close, depth + 1);
            self.out.push_str(&pad);
            self.out.push('}');
        }
        self.cursor = b.span.end as usize;
        self.trailing(b.span.end as usize);
        self.out.push('\n');
        self.at_start = false;
    }

    fn attr(&mut self, a: &Attr, depth: usize) {
        let pad = indent(depth);
        let key_start = a.key.span.start as usize;
        let end = match a.vanaf {
            Some((_, span)) => span.end as usize,
            None => end_of(&a.value),
        };
        // Comments inside the attribute that cannot stay where they are go
        // on their own lines before it.
        let mut gaps = Vec::new();
        comment_gaps(&a.value, &mut gaps);
        for i in 0..self.comments.len() {
            let hoist = match self.comments.get(i) {
                Some(c) => {
                    !self.placed.get(i).copied().unwrap_or(true)
                        && c.start > key_start
                        && c.start < end
                        && !gaps.iter().any(|(from, to)| c.start >= *from && c.start < *to)
                }
                None => false,
            };
            if hoist {
                self.own_line(i, depth);
            }
        }
        let col = pad.len() + super::expr::width(&a.key.name) + 1;
        let mut layout = Layout { text: self.text, comments: &self.comments, placed: &mut self.placed };
        let mut lines = layout.lay(&a.value, col);
        if let Some((date, _)) = a.vanaf {
            if let Some(last) = lines.last_mut() {
                last.push_str(&format!(" vanaf {}", date.format("%Y-%m-%d")));
            }
        }
        self.out.push_str(&pad);
        self.out.push_str(&a.key.name);
        self.out.push(' ');
        self.out.push_str(&lines.join("\n"));
        self.cursor = end;
        self.trailing(end);
        self.out.push('\n');
    }
}

//! Expressions in canonical form. `flat` writes one on one line (canonical
//! money, operators, units; string literals exactly as written; parentheses
//! only where the precedence needs them, plus around an `als` inside an
//! operator or inside the condition or `dan` branch of another `als`).
//! `Layout` wraps an expression that does not fit in `WIDTH` columns, and
//! only at two places: an `of`/`en` chain gets one operand per line, an
//! `als ... dan ... anders` chain one branch per line. Comments written
//! between such operands or branches stay there.

use super::comments::Comment;
use crate::print::prec;
use crate::syntax::ast::{BinOp, Expr, ExprKind, UnOp, Unit};
use crate::value::MONTHS;

/// Longest line the formatter aims for (in characters).
pub const WIDTH: usize = 100;

/// Binding strength (the one table, `crate::print::prec`): an `als` binds loosest, literals tightest.
fn strength(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::If(..) => prec::ALS,
        ExprKind::Binary(op, ..) => prec::of(*op),
        ExprKind::Unary(UnOp::Niet, _) => prec::NIET,
        ExprKind::Unary(UnOp::Neg, _) => prec::NEG,
        _ => prec::ATOM,
    }
}

/// An operand needs parentheses when it binds looser than its place needs;
/// an `en` inside an `of` gets them too, for the reader.
fn needs_parens(parent: Option<BinOp>, x: &Expr, min: u8) -> bool {
    strength(x) < min || (parent == Some(BinOp::Of) && matches!(x.kind, ExprKind::Binary(BinOp::En, ..)))
}

/// Where an expression's first token starts.
pub fn start_of(e: &Expr) -> usize {
    match &e.kind {
        ExprKind::Binary(_, l, _) => start_of(l),
        _ => e.span.start as usize,
    }
}

/// Where an expression's last token ends (pest counts trailing white space
/// into some rules; this does not).
pub fn end_of(e: &Expr) -> usize {
    match &e.kind {
        ExprKind::Binary(_, _, r) => end_of(r),
        ExprKind::Unary(_, x) => end_of(x),
        ExprKind::If(_, _, otherwise) => end_of(otherwise),
        _ => e.span.end as usize,
    }
}

/// The operands of a left-leaning chain of one operator: `a of b of c`.
fn operands(e: &Expr, op: BinOp) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Binary(o, l, r) if *o == op => {
            let mut v = operands(l, op);
            v.push(r);
            v
        }
        _ => vec![e],
    }
}

/// The branches of `als c1 dan t1 anders als c2 dan t2 anders e`.
fn if_arms(e: &Expr) -> (Vec<(&Expr, &Expr)>, &Expr) {
    let mut arms = Vec::new();
    let mut cur = e;
    while let ExprKind::If(c, t, otherwise) = &cur.kind {
        arms.push((&**c, &**t));
        cur = otherwise;
    }
    (arms, cur)
}

/// The places inside `e` where a comment can stay when `e` is wrapped:
/// between the operands of an `of`/`en` chain and between the parts of an
/// `als` chain (after its first condition has started).
pub fn comment_gaps(e: &Expr, out: &mut Vec<(usize, usize)>) {
    match &e.kind {
        ExprKind::Binary(op @ (BinOp::Of | BinOp::En), ..) => {
            let ops = operands(e, *op);
            for pair in ops.windows(2) {
                if let [a, b] = pair {
                    out.push((end_of(a), start_of(b)));
                }
            }
            for o in ops {
                comment_gaps(o, out);
            }
        }
        ExprKind::Binary(_, l, r) => {
            comment_gaps(l, out);
            comment_gaps(r, out);
        }
        ExprKind::If(..) => {
            let (arms, otherwise) = if_arms(e);
            let mut prev: Option<usize> = None;
            for (c, t) in arms {
                if let Some(p) = prev {
                    out.push((p, start_of(c)));
                }
                out.push((end_of(c), start_of(t)));
                comment_gaps(c, out);
                comment_gaps(t, out);
                prev = Some(end_of(t));
            }
            if let Some(p) = prev {
                out.push((p, start_of(otherwise)));
            }
            comment_gaps(otherwise, out);
        }
        ExprKind::Unary(_, x) => comment_gaps(x, out),
        ExprKind::Call(_, items) | ExprKind::List(items) => {
            for x in items {
                comment_gaps(x, out);
            }
        }
        _ => {}
    }
}

/// `e` on one line, in canonical form. `text` is the source the spans index
/// (string literals are copied from it exactly).
pub fn flat(text: &str, e: &Expr) -> String {
    let mut out = String::new();
    write_flat(text, e, &mut out);
    out
}

fn write_flat(text: &str, e: &Expr, out: &mut String) {
    match &e.kind {
        ExprKind::Bool(b) => out.push_str(if *b { "ja" } else { "nee" }),
        ExprKind::Int(n) => out.push_str(&n.to_string()),
        ExprKind::Money(cents) => out.push_str(&money(*cents)),
        ExprKind::Duration(n, unit) => {
            out.push_str(&format!("{n} {}", unit_word(*n, *unit)));
        }
        ExprKind::DayMonth(day, month) => {
            let name = month.checked_sub(1).and_then(|m| MONTHS.get(m as usize)).copied().unwrap_or("januari");
            out.push_str(&format!("{day} {name}"));
        }
        ExprKind::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
        ExprKind::Text(t) => out.push_str(&string_literal(text, e, t)),
        ExprKind::List(items) => {
            out.push('[');
            write_joined(text, items, out);
            out.push(']');
        }
        ExprKind::Path(parts) => out.push_str(&parts.join(".")),
        ExprKind::Call(name, args) => {
            out.push_str(&name.name);
            out.push('(');
            write_joined(text, args, out);
            out.push(')');
        }
        ExprKind::Unary(op, x) => {
            let (prefix, min) = match op {
                UnOp::Niet => ("niet ", prec::NIET),
                UnOp::Neg => ("-", prec::NEG),
            };
            out.push_str(prefix);
            write_child(text, None, x, min, out);
        }
        ExprKind::Binary(op, l, r) => {
            let p = prec::of(*op);
            write_child(text, Some(*op), l, p, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            write_child(text, Some(*op), r, p + 1, out);
        }
        ExprKind::If(..) => {
            let (arms, otherwise) = if_arms(e);
            for (i, (c, t)) in arms.into_iter().enumerate() {
                out.push_str(if i == 0 { "als " } else { " anders als " });
                write_if_part(text, c, out);
                out.push_str(" dan ");
                write_if_part(text, t, out);
            }
            out.push_str(" anders ");
            write_flat(text, otherwise, out);
        }
    }
}

fn write_joined(text: &str, items: &[Expr], out: &mut String) {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_flat(text, x, out);
    }
}

fn write_child(text: &str, parent: Option<BinOp>, x: &Expr, min: u8, out: &mut String) {
    if needs_parens(parent, x, min) {
        out.push('(');
        write_flat(text, x, out);
        out.push(')');
    } else {
        write_flat(text, x, out);
    }
}

fn write_if_part(text: &str, x: &Expr, out: &mut String) {
    write_child(text, None, x, prec::OF, out);
}

/// `€ 50.000`, `€ 12,50`.
pub fn money(cents: i64) -> String {
    crate::value::money_literal(cents)
}

fn unit_word(n: i64, unit: Unit) -> &'static str {
    crate::value::unit_name(n, unit)
}

/// A string literal exactly as written; re-escaped only when the span does
/// not point at one (a tree that was not parsed from `text`).
fn string_literal(text: &str, e: &Expr, value: &str) -> String {
    match text.get(e.span.start as usize..e.span.end as usize) {
        Some(raw) if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') => raw.to_string(),
        _ => crate::value::quote(value),
    }
}

/// Width of a line in characters.
pub fn width(s: &str) -> usize {
    s.chars().count()
}

fn spaces(n: usize) -> String {
    " ".repeat(n)
}

/// Lays out expressions over lines, placing the comments found in gaps.
/// Line 0 of a result continues the current line; later lines carry their
/// own indentation. The last line never ends in a comment.
pub struct Layout<'a> {
    pub text: &'a str,
    pub comments: &'a [Comment],
    /// Shared with the writer: comments already written.
    pub placed: &'a mut [bool],
}

impl Layout<'_> {
    fn has_comment(&self, from: usize, to: usize) -> bool {
        self.comments.iter().zip(self.placed.iter()).any(|(c, done)| !done && c.start >= from && c.start < to)
    }

    /// `e` starting at column `col`.
    pub fn lay(&mut self, e: &Expr, col: usize) -> Vec<String> {
        if !self.has_comment(start_of(e), end_of(e)) {
            let one = flat(self.text, e);
            if col + width(&one) <= WIDTH {
                return vec![one];
            }
        }
        match &e.kind {
            ExprKind::Binary(op @ (BinOp::Of | BinOp::En), ..) => self.chain(e, *op, col),
            ExprKind::If(..) => self.if_chain(e, col),
            ExprKind::Binary(op, l, r) => {
                let p = prec::of(*op);
                let mut lines = self.child(Some(*op), l, p, col);
                append(&mut lines, &format!(" {} ", op.symbol()));
                let rhs = self.child(Some(*op), r, p + 1, column(&lines, col));
                join(&mut lines, rhs);
                lines
            }
            ExprKind::Unary(op, x) => {
                let (prefix, min) = match op {
                    UnOp::Niet => ("niet ", 3),
                    UnOp::Neg => ("-", 7),
                };
                let mut lines = vec![prefix.to_string()];
                let inner = self.child(None, x, min, col + prefix.len());
                join(&mut lines, inner);
                lines
            }
            ExprKind::Call(name, args) => self.sequence(&format!("{}(", name.name), args, ")", col),
            ExprKind::List(items) => self.sequence("[", items, "]", col),
            _ => vec![flat(self.text, e)],
        }
    }

    fn child(&mut self, parent: Option<BinOp>, x: &Expr, min: u8, col: usize) -> Vec<String> {
        if needs_parens(parent, x, min) {
            let mut lines = vec!["(".to_string()];
            let inner = self.lay(x, col + 1);
            join(&mut lines, inner);
            append(&mut lines, ")");
            lines
        } else {
            self.lay(x, col)
        }
    }

    fn sequence(&mut self, open: &str, items: &[Expr], close: &str, col: usize) -> Vec<String> {
        let mut lines = vec![open.to_string()];
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                append(&mut lines, ", ");
            }
            let next = self.lay(x, column(&lines, col));
            join(&mut lines, next);
        }
        append(&mut lines, close);
        lines
    }

    /// One operand per line: `a` / `of b` / `of c`, the operators under the first operand.
    fn chain(&mut self, e: &Expr, op: BinOp, col: usize) -> Vec<String> {
        let ops = operands(e, op);
        let p = prec::of(op);
        let word = op.symbol();
        let mut lines = Vec::new();
        for (i, x) in ops.iter().enumerate() {
            if i == 0 {
                lines = self.child(Some(op), x, p, col);
                continue;
            }
            if let Some(prev) = ops.get(i - 1) {
                self.place_between(&mut lines, end_of(prev), start_of(x), col);
            }
            let sub = self.child(Some(op), x, p + 1, col + word.len() + 1);
            push_continued(&mut lines, col, &format!("{word} "), sub);
        }
        lines
    }

    /// `als c dan t` / `anders als c dan t` / `anders e`, each branch on one
    /// line when it fits, else `dan t` on its own line, two columns in.
    fn if_chain(&mut self, e: &Expr, col: usize) -> Vec<String> {
        let (arms, otherwise) = if_arms(e);
        let forced = self.has_comment(start_of(e), end_of(e));
        let mut lines: Vec<String> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for (i, (c, t)) in arms.into_iter().enumerate() {
            let word = if i == 0 { "als " } else { "anders als " };
            if let Some(p) = prev_end {
                self.place_between(&mut lines, p, start_of(c), col);
            }
            let mut one = String::from(word);
            write_if_part(self.text, c, &mut one);
            one.push_str(" dan ");
            write_if_part(self.text, t, &mut one);
            if !forced && col + width(&one) <= WIDTH {
                push_continued(&mut lines, col, "", vec![one]);
            } else {
                let cond = self.if_part(c, col + word.len());
                push_continued(&mut lines, col, word, cond);
                self.place_between(&mut lines, end_of(c), start_of(t), col + 2);
                let then = self.if_part(t, col + 6);
                push_continued(&mut lines, col + 2, "dan ", then);
            }
            prev_end = Some(end_of(t));
        }
        if let Some(p) = prev_end {
            self.place_between(&mut lines, p, start_of(otherwise), col);
        }
        let rest = self.lay(otherwise, col + 7);
        push_continued(&mut lines, col, "anders ", rest);
        lines
    }

    fn if_part(&mut self, x: &Expr, col: usize) -> Vec<String> {
        self.child(None, x, 1, col)
    }

    /// Writes the comments that lie between `from` and `to`: one on the same
    /// source line as `from` goes at the end of the last line, others on lines of their own.
    fn place_between(&mut self, lines: &mut Vec<String>, from: usize, to: usize, col: usize) {
        for (i, c) in self.comments.iter().enumerate() {
            if c.start < from || c.start >= to || self.placed.get(i).copied().unwrap_or(true) {
                continue;
            }
            let same_line = !self.text.get(from..c.start).unwrap_or("\n").contains('\n');
            match lines.last_mut() {
                Some(last) if same_line => {
                    last.push_str("  ");
                    last.push_str(&c.text);
                }
                _ => lines.push(format!("{}{}", spaces(col), c.text)),
            }
            if let Some(p) = self.placed.get_mut(i) {
                *p = true;
            }
        }
    }
}

/// The column after the last line of `lines`, whose first line starts at `col`.
fn column(lines: &[String], col: usize) -> usize {
    match lines {
        [only] => col + width(only),
        [.., last] => width(last),
        [] => col,
    }
}

fn append(lines: &mut Vec<String>, s: &str) {
    match lines.last_mut() {
        Some(last) => last.push_str(s),
        None => lines.push(s.to_string()),
    }
}

/// Continues the last line with the first of `more`, then adds the rest.
fn join(lines: &mut Vec<String>, more: Vec<String>) {
    let mut it = more.into_iter();
    if let Some(first) = it.next() {
        append(lines, &first);
    }
    lines.extend(it);
}

/// Starts a new line at `col` with `word` and `sub` (or, for the very first
/// line of a layout, continues the current one).
fn push_continued(lines: &mut Vec<String>, col: usize, word: &str, sub: Vec<String>) {
    let mut it = sub.into_iter();
    let first = it.next().unwrap_or_default();
    if lines.is_empty() {
        lines.push(format!("{word}{first}"));
    } else {
        lines.push(format!("{}{word}{first}", spaces(col)));
    }
    lines.extend(it);
}

//! Equality of syntax trees modulo spans: what the formatter must preserve.
//! `format_source` refuses to hand back a text whose tree differs.

use crate::syntax::ast::{Attr, Block, Expr, ExprKind, File, Item};

/// The two files have the same blocks, attributes and expressions.
pub fn same_file(a: &File, b: &File) -> bool {
    a.blocks.len() == b.blocks.len() && a.blocks.iter().zip(&b.blocks).all(|(x, y)| same_block(x, y))
}

fn same_block(a: &Block, b: &Block) -> bool {
    a.kind.name == b.kind.name
        && a.name.name == b.name.name
        && a.items.len() == b.items.len()
        && a.items.iter().zip(&b.items).all(|(x, y)| match (x, y) {
            (Item::Attr(x), Item::Attr(y)) => same_attr(x, y),
            (Item::Block(x), Item::Block(y)) => same_block(x, y),
            _ => false,
        })
}

fn same_attr(a: &Attr, b: &Attr) -> bool {
    a.key.name == b.key.name && a.vanaf.map(|(d, _)| d) == b.vanaf.map(|(d, _)| d) && same_expr(&a.value, &b.value)
}

/// Same expression, ignoring where it was written.
pub fn same_expr(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Bool(x), K::Bool(y)) => x == y,
        (K::Int(x), K::Int(y)) | (K::Money(x), K::Money(y)) => x == y,
        (K::Duration(n, u), K::Duration(m, v)) => n == m && u == v,
        (K::DayMonth(d, m), K::DayMonth(e, n)) => d == e && m == n,
        (K::Date(x), K::Date(y)) => x == y,
        (K::Text(x), K::Text(y)) => x == y,
        (K::Path(x), K::Path(y)) => x == y,
        (K::List(x), K::List(y)) => same_list(x, y),
        (K::Call(f, x), K::Call(g, y)) => f.name == g.name && same_list(x, y),
        (K::Unary(o, x), K::Unary(p, y)) => o == p && same_expr(x, y),
        (K::Binary(o, l, r), K::Binary(p, m, s)) => o == p && same_expr(l, m) && same_expr(r, s),
        (K::If(c, t, e), K::If(d, u, f)) => same_expr(c, d) && same_expr(t, u) && same_expr(e, f),
        _ => false,
    }
}

fn same_list(a: &[Expr], b: &[Expr]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_expr(x, y))
}

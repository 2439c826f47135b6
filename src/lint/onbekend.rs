//! An `eis` that turns a missing fact into a known answer: its `voorwaarde`
//! or `alleen_als` (also through the definities it reads) calls `bekend(x)`.
//! `bekend` is never unknown, so when `x` is absent the requirement is met,
//! not met or dropped instead of open: "absent is unknown" no longer holds
//! and removing a fact can turn `in_aanmerking` from true into false (or
//! back). `bekend` belongs in output rules (`waarschuwing`, `bedrag`,
//! `termijn`, `uitkomst`, `deskundige`), workflow transitions and their
//! `alleen_als`; an eis is written on a fact that can itself be false.

use super::{finding, Finding, Severity, Version};
use crate::diagnostics::{Code, Problem};
use crate::source::SourceFile;
use crate::syntax::ast::{Block, Expr, ExprKind, Item};
use std::collections::{HashMap, HashSet};

/// Where a `bekend(...)` call sits: file, the call, and the definitie it was
/// reached through (if any).
struct Hit<'a> {
    src: &'a SourceFile,
    call: &'a Expr,
    via: Option<&'a str>,
}

/// The top-level definities of a version: name -> (file, `waarde` expression).
type Defs<'a> = HashMap<&'a str, (&'a SourceFile, &'a Expr)>;

pub(super) fn check(v: &Version, out: &mut Vec<Finding>) {
    let defs: Defs = v
        .blocks()
        .filter(|(_, b)| b.kind.name == "definitie")
        .filter_map(|(s, b)| attr(b, "waarde").map(|e| (b.name.name.as_str(), (s, e))))
        .collect();
    for (src, block) in v.blocks().filter(|(_, b)| b.kind.name == "aanvraag" || b.kind.name == "regels") {
        for rule in block.items.iter().filter_map(|i| match i {
            Item::Block(r) if r.kind.name == "eis" => Some(r),
            _ => None,
        }) {
            for key in ["voorwaarde", "alleen_als"] {
                let Some(e) = attr(rule, key) else { continue };
                let mut hits = Vec::new();
                let mut seen = HashSet::new();
                collect(src, e, None, &defs, &mut seen, &mut hits);
                for hit in hits {
                    out.push(report(src, rule, key, e, &hit));
                }
            }
        }
    }
}

fn attr<'b>(b: &'b Block, key: &str) -> Option<&'b Expr> {
    b.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => Some(&a.value),
        _ => None,
    })
}

/// Every `bekend(...)` in `e`, following definities once each.
fn collect<'a>(src: &'a SourceFile, e: &'a Expr, via: Option<&'a str>, defs: &Defs<'a>, seen: &mut HashSet<&'a str>, hits: &mut Vec<Hit<'a>>) {
    match &e.kind {
        ExprKind::Call(name, args) => {
            if name.name == "bekend" {
                hits.push(Hit { src, call: e, via });
            }
            args.iter().for_each(|a| collect(src, a, via, defs, seen, hits));
        }
        ExprKind::Path(p) if p.len() == 1 => {
            if let Some((name, (dsrc, dexpr))) = p.first().and_then(|n| defs.get_key_value(n.as_str())) {
                if seen.insert(name) {
                    collect(dsrc, dexpr, Some(name), defs, seen, hits);
                }
            }
        }
        ExprKind::List(items) => items.iter().for_each(|x| collect(src, x, via, defs, seen, hits)),
        ExprKind::Unary(_, x) => collect(src, x, via, defs, seen, hits),
        ExprKind::Binary(_, l, r) => {
            collect(src, l, via, defs, seen, hits);
            collect(src, r, via, defs, seen, hits);
        }
        ExprKind::If(c, t, o) => {
            for x in [c, t, o] {
                collect(src, x, via, defs, seen, hits);
            }
        }
        _ => {}
    }
}

fn field_of(call: &Expr) -> String {
    match &call.kind {
        ExprKind::Call(_, args) => match args.first().map(|a| &a.kind) {
            Some(ExprKind::Path(p)) => p.join("."),
            _ => String::from("?"),
        },
        _ => String::from("?"),
    }
}

/// Underlines the `bekend(...)` call itself, or the eis's condition when the
/// call sits in a definitie (one definitie can hide it from several eisen).
fn report(src: &SourceFile, rule: &Block, key: &str, cond: &Expr, hit: &Hit) -> Finding {
    let (at, span) = if hit.via.is_some() { (src, cond.span) } else { (hit.src, hit.call.span) };
    let field = field_of(hit.call);
    let via = hit.via.map(|d| format!(" (via definitie `{d}`)")).unwrap_or_default();
    let effect = if key == "alleen_als" { "geldt de eis niet" } else { "is de eis ja of nee" };
    finding(
        Severity::Error,
        Problem::new(
            Code::LintOnbekendWordtBekend,
            at,
            span,
            format!(
                "eis `{}` leest `bekend({field})` in haar `{key}`{via}: als `{field}` ontbreekt, {effect} in plaats van onbekend",
                rule.name.name
            ),
        )
        .label(if hit.via.is_some() { "leest een definitie die van onbekend ja of nee maakt" } else { "maakt van onbekend ja of nee" })
        .help(
            "een ontbrekend feit is onbekend, niet nee: schrijf de eis op het feit zelf, zodat zij onbekend blijft als het ontbreekt (bijvoorbeeld `tlv.afgegeven_op <= aanvraag.ingediend_op` in plaats van `bekend(tlv.afgegeven_op)`); `bekend(...)` hoort in een waarschuwing, uitkomst, bedrag of termijn; zie docs/regeltaal.md, ‘Onbekend is niet nee’",
        ),
    )
}

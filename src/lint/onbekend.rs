//! An `eis` that turns a missing fact into a known answer: its `voorwaarde`
//! or `alleen_als` (also through the definities it reads) calls `bekend(x)`.
//! `bekend` is never unknown, so when `x` is absent the requirement is met,
//! not met or dropped instead of open: "absent is unknown" no longer holds
//! and removing a fact can turn `in_aanmerking` from true into false (or
//! back). `bekend` belongs in output rules (`waarschuwing`, `bedrag`,
//! `termijn`, `uitkomst`, `deskundige`), workflow transitions and their
//! `alleen_als`; an eis is written on a fact that can itself be false.

use super::{finding, operands, rules_once, Finding, Loc, Severity};
use crate::check::model::{DefId, Rule, RuleKind, TExpr};
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};
use crate::source::Span;
use crate::vocab::FieldId;
use std::collections::HashSet;

/// Where a `bekend(...)` call sits: the call (inside a definitie, the place
/// that used the definitie), the field it asks about, and the definitie it
/// was reached through (if any).
struct Hit<'p> {
    span: Span,
    field: FieldId,
    via: Option<&'p str>,
}

pub(super) fn check(program: &Program, out: &mut Vec<Finding>) {
    for (_, rule) in rules_once(program) {
        let RuleKind::Eis { voorwaarde, .. } = &rule.kind else { continue };
        for (key, e) in [("voorwaarde", Some(voorwaarde)), ("alleen_als", rule.alleen_als.as_ref())] {
            let Some(e) = e else { continue };
            let mut hits = Vec::new();
            let mut seen = HashSet::new();
            collect(program, e, Loc::attr(rule, key), None, &mut seen, &mut hits);
            for hit in hits {
                out.push(report(program, rule, key, &hit));
            }
        }
    }
}

/// Every `bekend(...)` in `e`, following definities once each.
fn collect<'p>(program: &'p Program, e: &'p TExpr, at: Loc, via: Option<&'p str>, seen: &mut HashSet<DefId>, hits: &mut Vec<Hit<'p>>) {
    match e {
        TExpr::Known(field) => hits.push(Hit { span: at.span, field: *field, via }),
        TExpr::Def(id) => {
            if let Some(def) = program.defs().get(id.index()).filter(|_| seen.insert(*id)) {
                collect(program, &def.expr, Loc::at(at.span), Some(&def.name), seen, hits);
            }
        }
        _ => {
            let parts = operands(e);
            for (i, x) in parts.iter().enumerate() {
                collect(program, x, at.part(i, parts.len()), via, seen, hits);
            }
        }
    }
}

/// Underlines the `bekend(...)` call itself, or the eis's condition when the
/// call sits in a definitie (one definitie can hide it from several eisen).
fn report(program: &Program, rule: &Rule, key: &str, hit: &Hit) -> Finding {
    let span = if hit.via.is_some() { Loc::attr(rule, key).span } else { hit.span };
    let field = program.field_name(hit.field).map(|f| &**f).unwrap_or("?");
    let via = hit.via.map(|d| format!(" (via definitie `{d}`)")).unwrap_or_default();
    let effect = if key == "alleen_als" { "geldt de eis niet" } else { "is de eis ja of nee" };
    finding(
        Severity::Error,
        Problem::new(
            Code::LintOnbekendWordtBekend,
            &rule.at.source,
            span,
            format!(
                "eis `{}` leest `bekend({field})` in haar `{key}`{via}: als `{field}` ontbreekt, {effect} in plaats van onbekend",
                rule.at.name
            ),
        )
        .label(if hit.via.is_some() { "leest een definitie die van onbekend ja of nee maakt" } else { "maakt van onbekend ja of nee" })
        .help(
            "een ontbrekend feit is onbekend, niet nee: schrijf de eis op het feit zelf, zodat zij onbekend blijft als het ontbreekt (bijvoorbeeld `tlv.afgegeven_op <= aanvraag.ingediend_op` in plaats van `bekend(tlv.afgegeven_op)`); `bekend(...)` hoort in een waarschuwing, uitkomst, bedrag of termijn; zie docs/regeltaal.md, ‘Onbekend is niet nee’",
        ),
    )
}

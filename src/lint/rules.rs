//! Rules inside an `aanvraag`: conditions that never hold, requirements that
//! can never be met, and two rules that give a different amount or a
//! different deskundige for the same regeling or rol while both can apply.

use super::conditions::{contradiction, exclusive, Conjunct, Env};
use super::{finding, place, Finding, Severity, Version};
use crate::diagnostics::{Code, Problem};
use crate::fmt::expr::flat;
use crate::fmt::shape::same_expr as shape_eq;
use crate::source::SourceFile;
use crate::syntax::ast::{Attr, Block, Expr, ExprKind, Item};
use std::collections::HashMap;

fn attr<'b>(b: &'b Block, key: &str) -> Option<&'b Attr> {
    b.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => Some(a),
        _ => None,
    })
}

fn rule_blocks(b: &Block) -> impl Iterator<Item = &Block> {
    b.items.iter().filter_map(|i| match i {
        Item::Block(r) => Some(r),
        _ => None,
    })
}

pub(super) fn check(v: &Version, out: &mut Vec<Finding>) {
    let env = Env::from_blocks(v.blocks().map(|(_, b)| b));
    let groups: HashMap<&str, (&SourceFile, &Block)> =
        v.blocks().filter(|(_, b)| b.kind.name == "regels").map(|(s, b)| (b.name.name.as_str(), (s, b))).collect();
    for (src, block) in v.blocks().filter(|(_, b)| b.kind.name == "aanvraag" || b.kind.name == "regels") {
        for rule in rule_blocks(block) {
            never_true(&env, src, rule, out);
        }
    }
    for (src, aanvraag) in v.blocks().filter(|(_, b)| b.kind.name == "aanvraag") {
        let mut rules: Vec<(&SourceFile, &Block)> = Vec::new();
        for name in used_groups(aanvraag) {
            if let Some((gsrc, group)) = groups.get(name.as_str()) {
                rules.extend(rule_blocks(group).map(|r| (*gsrc, r)));
            }
        }
        rules.extend(rule_blocks(aanvraag).map(|r| (src, r)));
        overlaps(&env, &aanvraag.name.name, &rules, out);
    }
}

/// `gebruikt groep` or `gebruikt [a, b]`.
fn used_groups(aanvraag: &Block) -> Vec<String> {
    let Some(a) = attr(aanvraag, "gebruikt") else { return Vec::new() };
    let items: Vec<&Expr> = match &a.value.kind {
        ExprKind::List(items) => items.iter().collect(),
        _ => vec![&a.value],
    };
    items
        .into_iter()
        .filter_map(|e| match &e.kind {
            ExprKind::Path(p) => Some(p.join(".")),
            _ => None,
        })
        .collect()
}

fn conjuncts_of(env: &Env, a: Option<&Attr>) -> Vec<Conjunct> {
    let mut cs = Vec::new();
    if let Some(a) = a {
        env.conjuncts(&a.value, true, &mut cs);
    }
    cs
}

/// What makes a conjunction impossible, in words, and the conjunct to underline.
fn why(cs: &[Conjunct], (i, j): (usize, Option<usize>)) -> Option<(String, &Conjunct)> {
    let first = cs.get(i)?;
    match j.and_then(|j| cs.get(j)) {
        Some(second) => Some((format!("`{}` en `{}` sluiten elkaar uit", first.text, second.text), second)),
        None => Some((format!("`{}` is nooit waar", first.text), first)),
    }
}

fn never_true(env: &Env, src: &SourceFile, rule: &Block, out: &mut Vec<Finding>) {
    let name = format!("{} {}", rule.kind.name, rule.name.name);
    let when = conjuncts_of(env, attr(rule, "alleen_als"));
    if let Some((reason, at)) = contradiction(&when).and_then(|c| why(&when, c)) {
        out.push(finding(
            Severity::Error,
            Problem::new(Code::LintRegelGeldtNooit, src, at.span, format!("`{name}` geldt nooit: {reason}"))
                .label("hierdoor is `alleen_als` nooit waar")
                .help("een regel waarvan `alleen_als` nooit waar is, doet niets; maak de voorwaarde kloppend met het handboek of haal de regel weg"),
        ));
        return;
    }
    if rule.kind.name != "eis" {
        return;
    }
    let must = conjuncts_of(env, attr(rule, "voorwaarde"));
    if let Some((reason, at)) = contradiction(&must).and_then(|c| why(&must, c)) {
        out.push(finding(
            Severity::Error,
            Problem::new(Code::LintOnvervulbareEis, src, at.span, format!("eis `{}` kan nooit vervuld worden: {reason}", rule.name.name))
                .label("hierdoor is de voorwaarde nooit waar")
                .help("een eis die nooit vervuld wordt, maakt elke aanvraag van deze soort `in_aanmerking: false`; vergelijk de voorwaarde met het handboek"),
        ));
        return;
    }
    let mut both = when.clone();
    both.extend(must.iter().cloned());
    if let Some((reason, at)) = contradiction(&both).and_then(|c| why(&both, c)) {
        out.push(finding(
            Severity::Error,
            Problem::new(
                Code::LintOnvervulbareEis,
                src,
                at.span,
                format!("eis `{}` kan nooit vervuld worden wanneer zij geldt: {reason}", rule.name.name),
            )
            .label("tegenstrijdig met `alleen_als`")
            .help("de eis geldt alleen als `alleen_als` waar is, en dan is de voorwaarde nooit waar; vergelijk beide met het handboek"),
        ));
    }
}

/// What a rule gives, for the two kinds that must not contradict each other.
struct Gives<'b> {
    src: &'b SourceFile,
    rule: &'b Block,
    /// The regeling or rol, as written.
    key: String,
    /// What it gives, as written.
    value: Vec<&'b Expr>,
}

fn gives<'b>(src: &'b SourceFile, rule: &'b Block) -> Option<Gives<'b>> {
    let (key, values): (&str, &[&str]) = match rule.kind.name.as_str() {
        "bedrag" => ("regeling", &["bedrag"]),
        "deskundige" => ("rol", &["disciplines", "onafhankelijk", "organisatie", "vorm"]),
        _ => return None,
    };
    let key = attr(rule, key).map(|a| flat("", &a.value))?;
    let value = values.iter().filter_map(|k| attr(rule, k).map(|a| &a.value)).collect();
    Some(Gives { src, rule, key, value })
}

fn overlaps(env: &Env, soort: &str, rules: &[(&SourceFile, &Block)], out: &mut Vec<Finding>) {
    let given: Vec<Gives> = rules.iter().filter_map(|(s, r)| gives(s, r)).collect();
    for (j, b) in given.iter().enumerate() {
        for a in given.iter().take(j) {
            if a.rule.kind.name != b.rule.kind.name || a.key != b.key {
                continue;
            }
            let same_value = a.value.len() == b.value.len() && a.value.iter().zip(&b.value).all(|(x, y)| shape_eq(x, y));
            if same_value {
                continue;
            }
            let (ca, cb) = (attr(a.rule, "alleen_als"), attr(b.rule, "alleen_als"));
            let (ka, kb) = (conjuncts_of(env, ca), conjuncts_of(env, cb));
            if exclusive(&ka, &kb) || contradiction(&ka).is_some() || contradiction(&kb).is_some() {
                continue;
            }
            let surely = match (ca, cb) {
                (None, _) | (_, None) => true,
                (Some(x), Some(y)) => shape_eq(&x.value, &y.value),
            };
            let (code, what, label) = if b.rule.kind.name == "bedrag" {
                (Code::LintTegenstrijdigeBedragen, format!("een ander bedrag voor regeling {}", b.key), "ander bedrag")
            } else {
                (Code::LintTegenstrijdigeDeskundigen, format!("een andere deskundige met rol {}", b.key), "andere deskundige")
            };
            let (severity, how) = if surely {
                (Severity::Error, "en gelden samen")
            } else {
                (Severity::Warning, "en hun `alleen_als` sluiten elkaar niet aantoonbaar uit")
            };
            let first = format!("{} {}", a.rule.kind.name, a.rule.name.name);
            out.push(finding(
                severity,
                Problem::new(
                    code,
                    b.src,
                    b.rule.name.span,
                    format!("`{} {}` en `{first}` in aanvraag {soort} geven elk {what}, {how}", b.rule.kind.name, b.rule.name.name),
                )
                .label(label)
                .help(format!(
                    "`{first}` staat in {}. Maak de voorwaarden uitsluitend (bijvoorbeeld `alleen_als x = \"a\"` tegenover `alleen_als x = \"b\"`), of voeg de twee regels samen met `als ... dan ... anders ...`",
                    place(a.src, a.rule.name.span)
                )),
            ));
        }
    }
}

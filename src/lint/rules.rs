//! Rules inside an `aanvraag`: conditions that never hold, requirements that
//! can never be met, and two rules that give a different amount or a
//! different deskundige for the same regeling or rol while both can apply.
//! A rule of a shared `regels` group, and a pair of such rules, is reported
//! once, however many aanvragen use the group.

use super::conditions::{contradiction, exclusive, Conjunct, Env};
use super::{finding, place, rules_once, Finding, Loc, Severity};
use crate::check::model::{Aanvraag, Rule, RuleKind, TExpr};
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};
use crate::print::expr_text;
use crate::source::Span;
use std::collections::HashSet;
use std::sync::Arc;

pub(super) fn check(program: &Program, out: &mut Vec<Finding>) {
    let env = Env::new(program);
    for (_, rule) in rules_once(program) {
        never_true(&env, rule, out);
    }
    let mut pairs = HashSet::new();
    for aanvraag in program.aanvragen() {
        overlaps(&env, program, aanvraag, &mut pairs, out);
    }
}

fn conjuncts_of(env: &Env, rule: &Rule, key: &str, e: Option<&TExpr>) -> Vec<Conjunct> {
    let mut cs = Vec::new();
    if let Some(e) = e {
        env.conjuncts(e, Loc::attr(rule, key), true, &mut cs);
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

/// One way a rule can never do anything: a conjunction that must hold, and how to report it.
struct Impossible {
    conjuncts: Vec<Conjunct>,
    code: Code,
    what: String,
    label: &'static str,
    help: &'static str,
}

fn never_true(env: &Env, rule: &Rule, out: &mut Vec<Finding>) {
    let (src, name) = (&rule.at.source, &rule.at.name);
    let when = conjuncts_of(env, rule, "alleen_als", rule.alleen_als.as_ref());
    let mut checks = vec![Impossible {
        conjuncts: when.clone(),
        code: Code::LintRegelGeldtNooit,
        what: format!("`{} {name}` geldt nooit", rule.kind.word()),
        label: "hierdoor is `alleen_als` nooit waar",
        help: "een regel waarvan `alleen_als` nooit waar is, doet niets; maak de voorwaarde kloppend met het handboek of haal de regel weg",
    }];
    if let RuleKind::Eis { voorwaarde, .. } = &rule.kind {
        let must = conjuncts_of(env, rule, "voorwaarde", Some(voorwaarde));
        let mut both = when;
        both.extend(must.iter().cloned());
        checks.push(Impossible {
            conjuncts: must,
            code: Code::LintOnvervulbareEis,
            what: format!("eis `{name}` kan nooit vervuld worden"),
            label: "hierdoor is de voorwaarde nooit waar",
            help: "een eis die nooit vervuld wordt, maakt elke aanvraag van deze soort `in_aanmerking: false`; vergelijk de voorwaarde met het handboek",
        });
        checks.push(Impossible {
            conjuncts: both,
            code: Code::LintOnvervulbareEis,
            what: format!("eis `{name}` kan nooit vervuld worden wanneer zij geldt"),
            label: "tegenstrijdig met `alleen_als`",
            help: "de eis geldt alleen als `alleen_als` waar is, en dan is de voorwaarde nooit waar; vergelijk beide met het handboek",
        });
    }
    // Only the first impossibility found is reported: the later ones follow from it.
    for check in &checks {
        let cs = &check.conjuncts;
        if let Some((reason, at)) = contradiction(cs).and_then(|c| why(cs, c)) {
            let problem = Problem::new(check.code, src, at.span, format!("{}: {reason}", check.what));
            out.push(finding(Severity::Error, problem.label(check.label).help(check.help)));
            return;
        }
    }
}

/// What a rule gives, for the two kinds that must not contradict each other.
struct Gives<'p> {
    rule: &'p Rule,
    /// The regeling or rol, in canonical text.
    key: String,
    /// What it gives, in canonical text.
    value: Vec<String>,
}

fn gives<'p>(program: &Program, rule: &'p Rule) -> Option<Gives<'p>> {
    let (key, values) = match &rule.kind {
        RuleKind::Bedrag { regeling, bedrag, .. } => (regeling, vec![bedrag]),
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => (rol, vec![disciplines, onafhankelijk, organisatie, vorm]),
        _ => return None,
    };
    let value = values.into_iter().map(|e| expr_text(program, e)).collect();
    Some(Gives { rule, key: expr_text(program, key), value })
}

/// Where a rule was written, to know a pair of rules again in another aanvraag.
fn written(rule: &Rule) -> (Arc<str>, Span) {
    (rule.at.source.name.clone(), rule.span)
}

type Pairs = HashSet<((Arc<str>, Span), (Arc<str>, Span))>;

fn overlaps(env: &Env, program: &Program, aanvraag: &Aanvraag, pairs: &mut Pairs, out: &mut Vec<Finding>) {
    let given: Vec<Gives> = aanvraag.rules.iter().filter_map(|r| gives(program, r)).collect();
    for (j, b) in given.iter().enumerate() {
        for a in given.iter().take(j) {
            if a.rule.kind.word() != b.rule.kind.word() || a.key != b.key || a.value == b.value {
                continue;
            }
            let (ka, kb) = (conjuncts_of(env, a.rule, "alleen_als", a.rule.alleen_als.as_ref()), conjuncts_of(env, b.rule, "alleen_als", b.rule.alleen_als.as_ref()));
            if exclusive(&ka, &kb) || contradiction(&ka).is_some() || contradiction(&kb).is_some() {
                continue;
            }
            if !pairs.insert((written(a.rule), written(b.rule))) {
                continue;
            }
            let surely = match (&a.rule.alleen_als, &b.rule.alleen_als) {
                (None, _) | (_, None) => true,
                (Some(x), Some(y)) => expr_text(program, x) == expr_text(program, y),
            };
            out.push(overlap(aanvraag, a, b, surely));
        }
    }
}

fn overlap(aanvraag: &Aanvraag, a: &Gives, b: &Gives, surely: bool) -> Finding {
    let (code, what, label) = if matches!(b.rule.kind, RuleKind::Bedrag { .. }) {
        (Code::LintTegenstrijdigeBedragen, format!("een ander bedrag voor regeling {}", b.key), "ander bedrag")
    } else {
        (Code::LintTegenstrijdigeDeskundigen, format!("een andere deskundige met rol {}", b.key), "andere deskundige")
    };
    let (severity, how) = if surely {
        (Severity::Error, "en gelden samen")
    } else {
        (Severity::Warning, "en hun `alleen_als` sluiten elkaar niet aantoonbaar uit")
    };
    // Two rules of one group contradict each other wherever the group is used.
    let owner = match (&a.rule.at.group, &b.rule.at.group) {
        (Some(x), Some(y)) if x == y => format!("regels {x}"),
        _ => format!("aanvraag {}", aanvraag.soort),
    };
    let first = format!("{} {}", a.rule.kind.word(), a.rule.at.name);
    finding(
        severity,
        Problem::new(
            code,
            &b.rule.at.source,
            b.rule.span,
            format!("`{} {}` en `{first}` in {owner} geven elk {what}, {how}", b.rule.kind.word(), b.rule.at.name),
        )
        .label(label)
        .help(format!(
            "`{first}` staat in {}. Maak de voorwaarden uitsluitend (bijvoorbeeld `alleen_als x = \"a\"` tegenover `alleen_als x = \"b\"`), of voeg de twee regels samen met `als ... dan ... anders ...`",
            place(&a.rule.at.source, a.rule.span)
        )),
    )
}

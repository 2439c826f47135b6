//! Part of compiling: the texts each rule, transition and rule set writes
//! into decisions (ids, `bron`, a requirement's `tekst`, status texts and
//! constant attribute values), escaped as JSON once, so that writing a
//! decision copies them (`decision::json`).

use crate::check::model::{Aanvraag, Header, RuleKind, TExpr, Workflow};
use crate::decision::StaticTexts;
use crate::value::Value;
use std::sync::Arc;

/// Fills `json` of every rule and transition.
pub(super) fn attach(aanvragen: &mut [Aanvraag], workflows: &mut [Workflow]) {
    for rule in aanvragen.iter_mut().flat_map(|a| a.rules.iter_mut()) {
        let mut texts = vec![&rule.id, &rule.bron];
        for e in attributes(&rule.kind) {
            constant_texts(e, &mut texts);
        }
        if let RuleKind::Eis { tekst, .. } = &rule.kind {
            texts.push(tekst);
        }
        rule.json = StaticTexts::new(texts);
    }
    for wf in workflows {
        let Workflow { statuses, transitions, .. } = wf;
        for t in transitions.iter_mut() {
            let mut texts = vec![&t.regel, &t.bron];
            texts.extend(t.door.iter().chain(t.toelichting.iter()));
            if let Some(naar) = statuses.get(t.naar) {
                texts.extend([&naar.tekst, &naar.door, &naar.id]);
                if let Some(e) = &naar.omschrijving {
                    constant_texts(e, &mut texts);
                }
            }
            t.json = StaticTexts::new(texts);
        }
    }
}

/// The receipt's texts of one rule set.
pub(super) fn regelset(h: &Header, hash: &Arc<str>) -> StaticTexts {
    StaticTexts::new([&h.regio, &h.naam, &h.versie, &h.bron, &h.handboek, hash])
}

/// The attributes of a rule whose values become texts in a decision.
fn attributes(kind: &RuleKind) -> Vec<&TExpr> {
    match kind {
        RuleKind::Eis { .. } | RuleKind::Uitkomst { .. } => Vec::new(),
        RuleKind::Deskundige { rol, disciplines, organisatie, vorm, .. } => vec![rol, disciplines, organisatie, vorm],
        RuleKind::Bedrag { regeling, ontvanger, berekening, .. } => vec![regeling, ontvanger, berekening],
        RuleKind::Termijn { wat, grondslag, soort, .. } => vec![wat, grondslag, soort],
        RuleKind::Waarschuwing { tekst } => vec![tekst],
    }
}

/// The constant texts an expression can evaluate to (the very `Arc`s the
/// evaluator hands out): a text, a list of texts, either branch of an `als`.
fn constant_texts<'a>(e: &'a TExpr, out: &mut Vec<&'a Arc<str>>) {
    match e {
        TExpr::Const(Value::Text(t)) => out.push(t),
        TExpr::Const(Value::List(items)) => out.extend(items.iter().filter_map(|v| match v {
            Value::Text(t) => Some(t),
            _ => None,
        })),
        TExpr::List(items) => items.iter().for_each(|x| constant_texts(x, out)),
        TExpr::If(_, a, b) => {
            constant_texts(a, out);
            constant_texts(b, out);
        }
        _ => {}
    }
}

//! Which rules decide a dossier differently under the two versions, read
//! from the evaluator's trace (`eval::decide_traced`): no rule is classified
//! a second time here. Only a dossier whose two decisions differ is traced,
//! so an unchanged dossier costs what `decide` costs.
//!
//! A rule differs when its outcome (voldaan, niet voldaan, toegepast, ...)
//! or what it put into the decision differs; a rule one version lacks counts
//! only when the other's has an effect. A rule whose result differs while
//! everything it reads apart from the eligibility is the same (an amount
//! that is no longer computed because an eis now fails) is a consequence
//! (`gevolg`) of the eligibility change, not a cause.

use super::getuigen::{differing_items, Voetafdruk};
use crate::check::model::RuleKind;
use crate::compile::Program;
use crate::decision::Decision;
use crate::dossier::Dossier;
use crate::eval::decide_traced;
use crate::eval::trace::{Bron, Onderwerp, Stap, Trace, Uitkomst};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A rule whose result for one dossier differs between the versions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegelVerschil {
    /// The rule id (`aanvraag.regel`, or `workflow.w.overgang` for a transition).
    pub regel: String,
    /// Its result under the old version: the outcome, or what it put into
    /// the decision (`overbrugging: € 750,00 (...)`); `(geen regel)` when that version lacks it.
    pub oud: String,
    pub nieuw: String,
    /// How it differs, for counting: `voldaan -> niet voldaan`, `andere waarde`, `andere tekst of bron`.
    pub wat: String,
    /// It differs only because the eligibility did: a consequence, not a cause.
    pub gevolg: bool,
}

/// The rules whose result differs for one dossier, decided with a trace
/// under each version: the old version's rules in evaluation order, then
/// those only the new version has.
pub(super) fn differing_rules(old: &Program, a: &Dossier, new: &Program, b: &Dossier) -> Vec<RegelVerschil> {
    let (da, ta) = decide_traced(old, a);
    let (db, tb) = decide_traced(new, b);
    compare_traces(Side { d: &da, t: &ta }, Side { d: &db, t: &tb })
}

/// One version's decision of a dossier and its trace.
#[derive(Clone, Copy)]
struct Side<'a, 'p> {
    d: &'a Decision,
    t: &'a Trace<'p>,
}

fn compare_traces(a: Side, b: Side) -> Vec<RegelVerschil> {
    let eligibility_changed = a.d.in_aanmerking != b.d.in_aanmerking;
    let mut seen: BTreeSet<&Arc<str>> = BTreeSet::new();
    a.t.stappen
        .iter()
        .chain(b.t.stappen.iter())
        .map(|s| s.onderwerp.regel())
        .filter(|id| seen.insert(id))
        .filter_map(|id| rule_difference(id, a, b, eligibility_changed))
        .collect()
}

fn rule_difference(id: &str, a: Side, b: Side, eligibility_changed: bool) -> Option<RegelVerschil> {
    let (sa, sb) = (a.t.stap(id), b.t.stap(id));
    let (ia, ib) = (rule_items(id, sa, a.d), rule_items(id, sb, b.d));
    if no_effect(sa, &ia) && no_effect(sb, &ib) {
        return None;
    }
    let (ua, ub) = (sa.map(|s| s.uitkomst), sb.map(|s| s.uitkomst));
    if ua == ub && ia == ib {
        return None;
    }
    let (ma, mb) = (result(sa, a), result(sb, b));
    let wat = if ua != ub {
        format!("{} -> {}", word(ua), word(ub))
    } else if ma != mb {
        "andere waarde".to_string()
    } else {
        "andere tekst of bron".to_string()
    };
    let (oud, nieuw) = if ma != mb { (ma, mb) } else { differing_items(&ia, &ib) };
    let gevolg = eligibility_changed && matches!((sa, sb), (Some(x), Some(y)) if follows_eligibility(x, y));
    Some(RegelVerschil { regel: id.to_string(), oud, nieuw, wat, gevolg })
}

/// The decision items a rule produced: (full JSON, short text).
fn rule_items(id: &str, stap: Option<&Stap>, d: &Decision) -> Vec<(String, String)> {
    let mut fp = Voetafdruk { regels: BTreeSet::from([id.to_string()]), ..Voetafdruk::default() };
    if let Some(Onderwerp::Regel(r)) = stap.map(|s| s.onderwerp) {
        if let RuleKind::Uitkomst { naam, .. } = &r.kind {
            fp.uitkomsten.insert(naam.to_string());
        }
    }
    fp.items(d)
}

/// A rule that is absent, or present and did nothing for this dossier.
fn no_effect(stap: Option<&Stap>, items: &[(String, String)]) -> bool {
    items.is_empty() && stap.is_none_or(|s| matches!(s.uitkomst, Uitkomst::NietVanToepassing | Uitkomst::NietBerekend | Uitkomst::NietAangeboden))
}

/// An outcome as a person reads it (`niet voldaan`); an absent rule is `geen regel`.
fn word(u: Option<Uitkomst>) -> String {
    u.map_or_else(|| "geen regel".to_string(), |u| u.as_str().replace('_', " "))
}

/// A rule's result: what it put into the decision, or its outcome with the missing facts or the error.
fn result(stap: Option<&Stap>, side: Side) -> String {
    let Some(s) = stap else { return "(geen regel)".to_string() };
    let id = s.onderwerp.regel();
    let given = match s.uitkomst {
        Uitkomst::Toegepast => side.d.redenen.iter().find(|r| r.regel == *id).map(|r| r.tekst.to_string()),
        Uitkomst::Aangeboden => side.d.volgende_statussen.iter().find(|x| x.regel == *id).map(|x| format!("aangeboden: {} [{}]", x.status, x.door)),
        Uitkomst::NietBepaald | Uitkomst::Onbekend => {
            let names: Vec<&str> = s.onbekend.iter().filter_map(|f| side.t.program.field_names.get(f)).map(|n| &**n).collect();
            Some(format!("{} (ontbrekend: {})", word(Some(s.uitkomst)), names.join(", ")))
        }
        Uitkomst::Fout => s.fout.as_ref().map(|f| format!("fout: {f}")),
        _ => None,
    };
    given.unwrap_or_else(|| word(Some(s.uitkomst)))
}

/// The rule depends on the eligibility (it reads `in_aanmerking`, or it is a
/// `bedrag`, computed only for an eligible request) and everything else it
/// reads has the same value under both versions.
fn follows_eligibility(x: &Stap, y: &Stap) -> bool {
    let depends = |s: &Stap| {
        s.gelezen.iter().any(|g| g.soort == Bron::InAanmerking) || matches!(s.onderwerp, Onderwerp::Regel(r) if matches!(r.kind, RuleKind::Bedrag { .. }))
    };
    let others = |s: &Stap| s.gelezen.iter().filter(|g| g.soort != Bron::InAanmerking).cloned().collect::<Vec<_>>();
    (depends(x) || depends(y)) && others(x) == others(y)
}

//! The footprint of a change: which decision items it can alter (the rules
//! it touches, and for a parameter or definitie the rules that read it, also
//! through definities), and how to tell that two decisions differ there.

use super::super::attribuut::{label, Attribuut};
use super::super::impact;
use super::super::model::{ModelDiff, Wijziging};
use crate::check::model::{DefId, ParamId, RuleKind, TExpr};
use crate::eval::trace::{rule_exprs, transition_exprs, Refs};
use crate::compile::Program;
use crate::decision::Decision;
use std::collections::BTreeSet;

/// What a change produces in a decision.
#[derive(Debug, Clone, Default)]
pub struct Voetafdruk {
    /// How the report names the change.
    pub wijziging: String,
    /// The request kinds it applies to (empty: all).
    pub soorten: BTreeSet<String>,
    /// Rule ids whose decision items it changes (`aanvraag.regel`, `workflow.w.overgang`).
    pub regels: BTreeSet<String>,
    /// Outcome names it changes.
    pub uitkomsten: BTreeSet<String>,
    /// Status ids it changes (in `volgende_statussen`).
    pub stappen: BTreeSet<String>,
    /// Any difference in the decision counts (a request kind added or removed).
    pub hele_beslissing: bool,
    /// The order of the items both decisions hold differs (rules reordered).
    pub volgorde: bool,
    /// Why no dossier can show it, when that is certain.
    pub onzichtbaar: Option<String>,
}

impl Voetafdruk {
    /// Whether the two decisions of one dossier differ in what this change produces.
    pub fn observes(&self, a: &Decision, b: &Decision) -> bool {
        if self.onzichtbaar.is_some() || (!self.soorten.is_empty() && !self.soorten.contains(&*b.aanvraag)) {
            return false;
        }
        if self.hele_beslissing {
            return !impact::same_json(a, b);
        }
        if self.volgorde {
            return order_differs(a, b);
        }
        self.projection(a) != self.projection(b)
    }

    /// The decision items this change can touch, in decision order.
    fn projection(&self, d: &Decision) -> Vec<String> {
        self.items(d).into_iter().map(|(full, _)| full).collect()
    }

    /// Whether the difference shows in what the decision says, not only in
    /// which facts it lacks (`niet_bepaald`): a better witness.
    pub fn observes_substance(&self, a: &Decision, b: &Decision) -> bool {
        if self.hele_beslissing || self.volgorde {
            return self.observes(a, b);
        }
        let said = |d: &Decision| self.items(d).into_iter().filter(|(_, short)| !short.starts_with("niet te bepalen ")).map(|(full, _)| full).collect::<Vec<_>>();
        self.observes(a, b) && said(a) != said(b)
    }

    /// Each item as (full JSON, short text for a person).
    pub(in crate::diff) fn items(&self, d: &Decision) -> Vec<(String, String)> {
        let mine = |r: &str| self.regels.contains(r);
        let mut out = Vec::new();
        let mut add = |x: serde_json::Result<String>, short: String| out.push((x.unwrap_or_default(), short));
        for x in d.redenen.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("reden {}: {}", x.regel, x.tekst));
        }
        for x in d.ontbreekt.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("niet voldaan {}: {}", x.regel, x.eis));
        }
        for x in d.deskundigen.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("deskundige {}: {} [{}]", x.regel, x.rol, x.disciplines.join(", ")));
        }
        for x in d.bedragen.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("bedrag {}: {} aan {}", x.regel, crate::value::money_literal(x.bedrag_cent), x.ontvanger));
        }
        for x in d.volgende_statussen.iter().filter(|x| mine(&x.regel) || self.stappen.contains(&*x.stap)) {
            add(serde_json::to_string(x), format!("volgende status {}: {} [{}]", x.stap, x.status, x.door));
        }
        for x in d.termijnen.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("termijn {}: {} {} (grondslag: {})", x.regel, x.soort, x.uiterlijk, x.grondslag));
        }
        for x in d.waarschuwingen.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("waarschuwing {}: {}", x.regel, x.tekst));
        }
        for (k, v) in d.uitkomsten.0.iter().filter(|(k, _)| self.uitkomsten.contains(&**k)) {
            add(Ok(format!("{k}={v}")), format!("uitkomst {k} = {v}"));
        }
        for x in d.niet_bepaald.iter().filter(|x| mine(&x.regel)) {
            add(serde_json::to_string(x), format!("niet te bepalen {} (ontbrekend: {})", x.regel, x.onbekend.join(", ")));
        }
        out
    }
}

/// Two lists of decision items (full JSON, short text), each side showing
/// only its items the other lacks: as short text, or by JSON where the other
/// side has the same short text; `volgorde: ...` when only the order differs.
pub fn differing_items(x: &[(String, String)], y: &[(String, String)]) -> (String, String) {
    let only = |x: &[(String, String)], y: &[(String, String)]| {
        let v: Vec<&(String, String)> = x.iter().filter(|s| !y.iter().any(|t| t.0 == s.0)).collect();
        let same_items = x.len() == y.len() && v.is_empty();
        if !v.is_empty() {
            let ambiguous = |it: &&(String, String)| y.iter().any(|t| t.1 == it.1);
            v.iter().map(|it| if ambiguous(it) { it.0.clone() } else { it.1.clone() }).collect::<Vec<_>>().join("; ")
        } else if same_items && x != y {
            format!("volgorde: {}", x.iter().map(|it| it.1.as_str()).collect::<Vec<_>>().join("; "))
        } else {
            "(geen)".into()
        }
    };
    (only(x, y), only(y, x))
}

/// Whether the items both decisions hold (by rule) stand in another order.
fn order_differs(a: &Decision, b: &Decision) -> bool {
    fn ids(d: &Decision) -> [Vec<&str>; 6] {
        [
            d.redenen.iter().map(|x| &*x.regel).collect(),
            d.ontbreekt.iter().map(|x| &*x.regel).collect(),
            d.deskundigen.iter().map(|x| &*x.regel).collect(),
            d.bedragen.iter().map(|x| &*x.regel).collect(),
            d.termijnen.iter().map(|x| &*x.regel).collect(),
            d.waarschuwingen.iter().map(|x| &*x.regel).chain(d.uitkomsten.0.iter().map(|(k, _)| &**k)).collect(),
        ]
    }
    ids(a).iter().zip(ids(b).iter()).any(|(x, y)| {
        let common_x: Vec<&&str> = x.iter().filter(|i| y.contains(i)).collect();
        let common_y: Vec<&&str> = y.iter().filter(|i| x.contains(i)).collect();
        common_x != common_y
    })
}

/// Every semantic change of a comparison with its footprint.
pub fn footprints(d: &ModelDiff, old: &Program, new: &Program) -> Vec<Voetafdruk> {
    let mut out = Vec::new();
    for (what, items) in [(Benoemd::Parameter, &d.parameters), (Benoemd::Definitie, &d.definities)] {
        for item in items {
            let mut fp = Voetafdruk { wijziging: format!("{} {}", what.word(), item.naam), ..Voetafdruk::default() };
            for p in [old, new] {
                users(p, what, &item.naam, &mut fp);
            }
            if fp.regels.is_empty() && fp.stappen.is_empty() {
                fp.onzichtbaar = Some(format!("geen regel gebruikt {} `{}`", what.word(), item.naam));
            }
            out.push(fp);
        }
    }
    for a in &d.aanvragen {
        let soort = BTreeSet::from([a.soort.clone()]);
        if a.wijziging != Wijziging::Gewijzigd {
            out.push(Voetafdruk { wijziging: format!("aanvraag {} ({:?})", a.soort, a.wijziging).to_lowercase(), soorten: soort, hele_beslissing: true, ..Voetafdruk::default() });
            continue;
        }
        for v in &a.velden {
            let mut fp = Voetafdruk { wijziging: format!("aanvraag {}: {}", a.soort, v.veld), soorten: soort.clone(), ..Voetafdruk::default() };
            if v.veld == label(Attribuut::Bron) {
                fp.onzichtbaar = Some("de bron van een aanvraagsoort staat in geen beslissing".into());
            } else if v.veld == label(Attribuut::Volgorde) {
                fp.volgorde = true;
            } else {
                fp.hele_beslissing = true;
            }
            out.push(fp);
        }
        for r in &a.regels {
            let soorten: BTreeSet<String> = if r.aanvragen.is_empty() { soort.clone() } else { r.aanvragen.iter().cloned().collect() };
            let name = r.regel.split_once('.').map(|(_, n)| n).unwrap_or(&r.regel);
            let regels = soorten.iter().map(|s| format!("{s}.{name}")).collect();
            let mut fp = Voetafdruk { wijziging: format!("{} {}", r.soort, r.regel), soorten, regels, ..Voetafdruk::default() };
            for p in [old, new] {
                for rule in p.aanvragen.iter().flat_map(|a| a.rules.iter()).filter(|x| fp.regels.contains(&*x.id)) {
                    if let RuleKind::Uitkomst { naam, .. } = &rule.kind {
                        fp.uitkomsten.insert(naam.to_string());
                    }
                }
            }
            out.push(fp);
        }
    }
    for w in &d.workflows {
        let soorten: BTreeSet<String> = [old, new]
            .iter()
            .flat_map(|p| p.aanvragen.iter().filter(|a| a.workflow.and_then(|i| p.workflows.get(i)).is_some_and(|x| *x.name == *w.naam)).map(|a| a.soort.to_string()))
            .collect();
        let base = Voetafdruk { soorten, ..Voetafdruk::default() };
        if w.wijziging != Wijziging::Gewijzigd || !w.velden.is_empty() {
            out.push(Voetafdruk { wijziging: format!("workflow {}", w.naam), hele_beslissing: true, ..base.clone() });
        }
        for s in &w.statussen {
            let mut fp = Voetafdruk { wijziging: format!("workflow {} status {}", w.naam, s.naam), ..base.clone() };
            fp.stappen.insert(s.naam.clone());
            out.push(fp);
        }
        for t in &w.overgangen {
            let mut fp = Voetafdruk { wijziging: format!("workflow {} overgang {}", w.naam, t.naam), ..base.clone() };
            fp.regels.insert(format!("workflow.{}.{}", w.naam, t.naam));
            out.push(fp);
        }
    }
    out
}

/// A parameter or definitie, as a change names it.
#[derive(Clone, Copy)]
enum Benoemd {
    Parameter,
    Definitie,
}

impl Benoemd {
    fn word(self) -> &'static str {
        match self {
            Benoemd::Parameter => "parameter",
            Benoemd::Definitie => "definitie",
        }
    }

    /// Whether what `refs` reads (definities followed) includes the one named `name` in `p`.
    fn read_by(self, p: &Program, name: &str, refs: &Refs) -> bool {
        match self {
            Benoemd::Parameter => p.params.iter().position(|q| &*q.name == name).is_some_and(|i| refs.params.contains(&ParamId::new(i))),
            Benoemd::Definitie => p.defs.iter().position(|d| &*d.name == name).is_some_and(|i| refs.defs.contains(&DefId::new(i))),
        }
    }
}

/// Adds to `fp` the rules and transitions of `p` that read parameter or
/// definitie `name`, directly or through definities (the trace's `Refs`).
fn users(p: &Program, what: Benoemd, name: &str, fp: &mut Voetafdruk) {
    for a in &p.aanvragen {
        for r in a.rules.iter().filter(|r| what.read_by(p, name, &Refs::of(p, rule_exprs(r)))) {
            fp.regels.insert(r.id.to_string());
            fp.soorten.insert(a.soort.to_string());
            if let RuleKind::Uitkomst { naam, .. } = &r.kind {
                fp.uitkomsten.insert(naam.to_string());
            }
        }
    }
    for (wi, w) in p.workflows.iter().enumerate() {
        for t in w.transitions.iter().filter(|t| what.read_by(p, name, &Refs::of(p, transition_exprs(p, wi, t)))) {
            fp.regels.insert(format!("workflow.{}.{}", w.name, t.id));
            for a in p.aanvragen.iter().filter(|a| a.workflow.and_then(|i| p.workflows.get(i)).is_some_and(|x| x.name == w.name)) {
                fp.soorten.insert(a.soort.to_string());
            }
        }
    }
}

/// Calls `f` on every sub-expression.
pub(super) fn walk(e: &TExpr, f: &mut impl FnMut(&TExpr)) {
    f(e);
    match e {
        TExpr::Not(a) | TExpr::Neg(a) => walk(a, f),
        TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::Cmp(_, a, b) | TExpr::In(a, b) | TExpr::Arith(_, a, b) => {
            walk(a, f);
            walk(b, f);
        }
        TExpr::If(c, a, b) => {
            walk(c, f);
            walk(a, f);
            walk(b, f);
        }
        TExpr::List(items) | TExpr::Call(_, items) => items.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

//! The footprint of a change: which decision items it can alter (the rules
//! it touches, and for a parameter or definitie the rules that read it, also
//! through definities), and how to tell that two decisions differ there.

use super::super::impact;
use super::super::model::{ModelDiff, Wijziging};
use crate::check::model::{Rule, RuleKind, TExpr};
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
    pub(super) fn items(&self, d: &Decision) -> Vec<(String, String)> {
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
    for (what, items) in [("parameter", &d.parameters), ("definitie", &d.definities)] {
        for item in items {
            let mut fp = Voetafdruk { wijziging: format!("{what} {}", item.naam), ..Voetafdruk::default() };
            for p in [old, new] {
                users(p, what, &item.naam, &mut fp);
            }
            if fp.regels.is_empty() && fp.stappen.is_empty() {
                fp.onzichtbaar = Some(format!("geen regel gebruikt {what} `{}`", item.naam));
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
            match v.veld.as_str() {
                "bron" => fp.onzichtbaar = Some("de bron van een aanvraagsoort staat in geen beslissing".into()),
                "volgorde" => fp.volgorde = true,
                _ => fp.hele_beslissing = true,
            }
            out.push(fp);
        }
        for r in &a.regels {
            let soorten: BTreeSet<String> = if r.aanvragen.is_empty() { soort.clone() } else { r.aanvragen.iter().cloned().collect() };
            let name = r.regel.split_once('.').map(|(_, n)| n).unwrap_or(&r.regel);
            let regels = soorten.iter().map(|s| format!("{s}.{name}")).collect();
            let mut fp = Voetafdruk { wijziging: format!("{} {}", r.soort, r.regel), soorten, regels, ..Voetafdruk::default() };
            for p in [old, new] {
                for rule in p.aanvragen().iter().flat_map(|a| a.rules.iter()).filter(|x| fp.regels.contains(&*x.id)) {
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
            .flat_map(|p| p.aanvragen().iter().filter(|a| a.workflow.and_then(|i| p.workflow(i)).is_some_and(|x| *x.name == *w.naam)).map(|a| a.soort.to_string()))
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

/// Adds to `fp` the rules and steps of `p` that read parameter or definitie `name`.
fn users(p: &Program, what: &str, name: &str, fp: &mut Voetafdruk) {
    let reads = |e: &TExpr| reads(p, e, what, name, 0);
    for a in p.aanvragen() {
        for r in &a.rules {
            if rule_exprs(r).into_iter().any(reads) {
                fp.regels.insert(r.id.to_string());
                fp.soorten.insert(a.soort.to_string());
                if let RuleKind::Uitkomst { naam, .. } = &r.kind {
                    fp.uitkomsten.insert(naam.to_string());
                }
            }
        }
    }
    for w in p.workflows() {
        for t in &w.transitions {
            let omschrijving = w.status(t.naar).and_then(|s| s.omschrijving.as_ref());
            if t.voorwaarde.iter().chain(omschrijving).any(reads) {
                fp.regels.insert(format!("workflow.{}.{}", w.name, t.id));
                for a in p.aanvragen().iter().filter(|a| a.workflow.and_then(|i| p.workflow(i)).is_some_and(|x| x.name == w.name)) {
                    fp.soorten.insert(a.soort.to_string());
                }
            }
        }
    }
}

/// Whether `e` reads parameter/definitie `name`, directly or through definities.
fn reads(p: &Program, e: &TExpr, what: &str, name: &str, depth: usize) -> bool {
    let mut hit = false;
    walk(e, &mut |x| match x {
        TExpr::Param(i) if what == "parameter" => hit |= p.param(*i).is_some_and(|q| &*q.name == name),
        TExpr::Def(i) => {
            let def = p.def(*i);
            hit |= what == "definitie" && def.is_some_and(|d| &*d.name == name);
            hit |= depth < 64 && def.is_some_and(|d| reads(p, &d.expr, what, name, depth + 1));
        }
        _ => {}
    });
    hit
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

pub(super) fn rule_exprs(r: &Rule) -> Vec<&TExpr> {
    let mut v: Vec<&TExpr> = r.alleen_als.iter().collect();
    match &r.kind {
        RuleKind::Eis { voorwaarde, .. } => v.push(voorwaarde),
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => v.extend([rol, disciplines, onafhankelijk, organisatie, vorm]),
        RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } => v.extend([regeling, bedrag, ontvanger, berekening]),
        RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } => {
            v.extend([wat, uiterlijk, grondslag, soort, indicatief]);
            v.extend(voldaan.iter());
        }
        RuleKind::Waarschuwing { tekst } => v.push(tekst),
        RuleKind::Uitkomst { waarde, .. } => v.push(waarde),
    }
    v
}


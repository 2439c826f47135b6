//! A witness for every change: for each semantic change the diff reports,
//! one dossier whose decision differs between the two versions in what that
//! change produces (its footprint: the decision items of the rules it
//! touches). Taken from `--dossiers` when one there shows it; otherwise
//! constructed: an example dossier of the request kind
//! (`regions/<regio>/voorbeelden/*.json`, eligible ones first) with the
//! fields the changed rules read set to values around the thresholds,
//! dates and durations they name, tried one field and then two fields at a
//! time, and kept only when deciding it under both versions shows the
//! difference. When no dossier can show a change (an unused parameter, the
//! citation of a request kind) the report says so; when the search finds
//! none it says that instead: never a witness that was not verified.

use super::impact::{self, Geldigheid, Gevonden};
use super::model::{ModelDiff, Wijziging};
use super::source::Loaded;
use crate::check::model::{Rule, RuleKind, TExpr};
use crate::compile::Program;
use crate::decision::Decision;
use crate::dossier::decode;
use crate::eval::decide;
use crate::types::Type;
use crate::syntax::ast::Unit;
use crate::value::Value;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;

/// Candidate dossiers tried per change (one-field and two-field variations).
const BUDGET: usize = 6000;

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
    fn items(&self, d: &Decision) -> Vec<(String, String)> {
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

/// The witness of one change, as reported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Getuige {
    pub wijziging: String,
    /// `uit_dossiers`, `geconstrueerd`, `niet_waarneembaar` or `niet_gevonden`.
    pub status: &'static str,
    /// Where the dossier came from, or why there is none.
    pub toelichting: String,
    /// Line in the `--getuigen` file (from 1), when there is a dossier.
    pub getuigen_regel: Option<usize>,
    /// The decision under each version, only what differs.
    pub oud: Option<String>,
    pub nieuw: Option<String>,
    #[serde(skip)]
    pub dossier: Option<Json>,
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

/// Adds to `fp` the rules and steps of `p` that read parameter or definitie `name`.
fn users(p: &Program, what: &str, name: &str, fp: &mut Voetafdruk) {
    let reads = |e: &TExpr| reads(p, e, what, name, 0);
    for a in &p.aanvragen {
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
    for w in &p.workflows {
        for t in &w.transitions {
            let omschrijving = w.statuses.get(t.naar).and_then(|s| s.omschrijving.as_ref());
            if t.voorwaarde.iter().chain(omschrijving).any(reads) {
                fp.regels.insert(format!("workflow.{}.{}", w.name, t.id));
                for a in p.aanvragen.iter().filter(|a| a.workflow.and_then(|i| p.workflows.get(i)).is_some_and(|x| x.name == w.name)) {
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
        TExpr::Param(i) if what == "parameter" => hit |= p.params.get(*i).is_some_and(|q| &*q.name == name),
        TExpr::Def(i) => {
            let def = p.defs.get(*i);
            hit |= what == "definitie" && def.is_some_and(|d| &*d.name == name);
            hit |= depth < 64 && def.is_some_and(|d| reads(p, &d.expr, what, name, depth + 1));
        }
        _ => {}
    });
    hit
}

/// Calls `f` on every sub-expression.
fn walk(e: &TExpr, f: &mut impl FnMut(&TExpr)) {
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

fn rule_exprs(r: &Rule) -> Vec<&TExpr> {
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

/// What a search may vary: the fields the change reads and the constants it names.
#[derive(Default)]
struct Ingredients {
    fields: BTreeSet<usize>,
    consts: Vec<Value>,
    peildatum: bool,
}

impl Ingredients {
    fn add(&mut self, p: &Program, e: &TExpr, depth: usize) {
        walk(e, &mut |x| match x {
            TExpr::Field(id) | TExpr::Known(id) => {
                self.fields.insert(*id);
            }
            TExpr::Const(v) => self.consts.push(v.clone()),
            TExpr::Param(i) => {
                if let Some(q) = p.params.get(*i) {
                    for (from, v) in &q.values {
                        self.consts.push(v.clone());
                        if let Some(d) = from {
                            self.consts.push(Value::Date(*d));
                            self.peildatum = true;
                        }
                    }
                }
            }
            TExpr::Peildatum => self.peildatum = true,
            TExpr::Def(i) if depth < 64 => {
                if let Some(d) = p.defs.get(*i) {
                    self.add(p, &d.expr, depth + 1);
                }
            }
            _ => {}
        });
    }

    /// From the rules of the footprint (and the workflow transitions it names), in both programs.
    fn of(fp: &Voetafdruk, programs: [&Program; 2]) -> Ingredients {
        let mut ing = Ingredients::default();
        for p in programs {
            for r in p.aanvragen.iter().filter(|a| fp.soorten.is_empty() || fp.soorten.contains(&*a.soort)).flat_map(|a| a.rules.iter()) {
                if fp.hele_beslissing || fp.volgorde || fp.regels.contains(&*r.id) {
                    for e in rule_exprs(r) {
                        ing.add(p, e, 0);
                    }
                }
            }
            for w in &p.workflows {
                for t in &w.transitions {
                    let id = format!("workflow.{}.{}", w.name, t.id);
                    let to = w.statuses.get(t.naar).map(|s| s.id.to_string()).unwrap_or_default();
                    if fp.hele_beslissing || fp.regels.contains(&id) || fp.stappen.contains(&to) {
                        ing.fields.insert(w.volgt);
                        for s in &w.statuses {
                            ing.consts.push(Value::Text(s.id.clone()));
                        }
                        if let Some(e) = &t.voorwaarde {
                            ing.add(p, e, 0);
                        }
                    }
                }
            }
        }
        ing
    }
}

/// Finds a witness for every change: from the dossiers when `found` has one,
/// otherwise constructed from `examples` (file name, dossier JSON), those
/// whose peildatum lies in both `periods` (where each version is in force) first.
pub fn witnesses(
    fps: &[Voetafdruk],
    found: &[Option<Gevonden>],
    old: &Loaded,
    new: &Loaded,
    examples: &[(String, Json)],
    today: NaiveDate,
    periods: Option<(Geldigheid, Geldigheid)>,
) -> Vec<Getuige> {
    use rayon::prelude::*;
    let mut next_line = 0;
    let results: Vec<Getuige> =
        fps.par_iter().enumerate().map(|(i, fp)| witness(fp, found.get(i).cloned().flatten(), old, new, examples, today, periods)).collect();
    results
        .into_iter()
        .map(|mut g| {
            if g.dossier.is_some() {
                next_line += 1;
                g.getuigen_regel = Some(next_line);
            }
            g
        })
        .collect()
}

fn witness(
    fp: &Voetafdruk,
    found: Option<Gevonden>,
    old: &Loaded,
    new: &Loaded,
    examples: &[(String, Json)],
    today: NaiveDate,
    periods: Option<(Geldigheid, Geldigheid)>,
) -> Getuige {
    let mut g = Getuige { wijziging: fp.wijziging.clone(), status: "niet_gevonden", toelichting: String::new(), getuigen_regel: None, oud: None, nieuw: None, dossier: None };
    if let Some(why) = &fp.onzichtbaar {
        g.status = "niet_waarneembaar";
        g.toelichting = format!("geen dossier kan dit zien: {why}");
        return g;
    }
    let from_input = found.and_then(|f| {
        let json = serde_json::from_str::<Json>(&f.dossier).ok()?;
        let (a, b) = both(old, new, &json, today).filter(|(a, b)| fp.observes(a, b))?;
        Some((f, json, a, b))
    });
    let use_input = |mut g: Getuige, (f, json, a, b): (Gevonden, Json, Decision, Decision)| {
        g.status = "uit_dossiers";
        g.toelichting = format!("--dossiers, invoerregel {}", f.regelnummer);
        (g.oud, g.nieuw) = shown(fp, &a, &b);
        g.dossier = Some(json);
        g
    };
    // A dossier from the input that shows the change in what the decision says is taken as is;
    // one that shows it only in missing facts is used when no example can do better.
    let weak_input = match from_input {
        Some(x) if !x.0.zwak => return use_input(g, x),
        other => other,
    };
    let ing = Ingredients::of(fp, [&old.program, &new.program]);
    let regio = &*new.program.header.regio;
    // Examples whose peildatum lies where both versions are in force come first, then eligible ones.
    let in_force = |j: &Json| {
        let peil = j.pointer("/peildatum").and_then(Json::as_str).and_then(|s| s.parse::<NaiveDate>().ok());
        match (peil, periods) {
            (Some(p), Some((a, b))) => a.contains(p) && b.contains(p),
            _ => false,
        }
    };
    let mut bases: Vec<(&String, &Json, bool)> = examples
        .iter()
        .filter(|(_, j)| j.pointer("/regio").and_then(Json::as_str) == Some(regio))
        .filter(|(_, j)| fp.soorten.is_empty() || j.pointer("/aanvraag/soort").and_then(Json::as_str).is_some_and(|s| fp.soorten.contains(s)))
        .map(|(n, j)| (n, j, both(old, new, j, today).is_some_and(|(a, _)| a.in_aanmerking == Some(true))))
        .collect();
    bases.sort_by_key(|(n, j, eligible)| (!in_force(j), !eligible, (*n).clone()));
    let mut tried = 0usize;
    // A dossier that shows the change only in its missing facts is kept in reserve.
    let mut reserve: Option<(String, Json, Decision, Decision)> = None;
    for (name, base, _) in &bases {
        let variations = variations(base, &ing, &old.vocab);
        let mut candidates: Vec<(String, Json)> = vec![("ongewijzigd".into(), (*base).clone())];
        for (label, v) in &variations {
            candidates.push((label.clone(), v.clone()));
        }
        // Two fields at a time, after all single ones.
        let singles = variations.len();
        'pairs: for i in 0..singles {
            for j in (i + 1)..singles {
                if candidates.len() > BUDGET {
                    break 'pairs;
                }
                let (Some((la, _)), Some((lb, vb))) = (variations.get(i), variations.get(j)) else { continue };
                if la.split(" = ").next() == lb.split(" = ").next() {
                    continue;
                }
                let (path, value) = split_label(la);
                let mut two = vb.clone();
                set(&mut two, &path, value.clone());
                candidates.push((format!("{la}, {lb}"), two));
            }
        }
        for (label, c) in candidates {
            tried += 1;
            if tried > BUDGET * 4 {
                break;
            }
            if let Some((a, b)) = both(old, new, &c, today).filter(|(a, b)| fp.observes(a, b)) {
                if fp.observes_substance(&a, &b) {
                    g.status = "geconstrueerd";
                    g.toelichting = format!("voorbeeld {name}, {label}; beslist onder beide versies");
                    (g.oud, g.nieuw) = shown(fp, &a, &b);
                    g.dossier = Some(c);
                    return g;
                }
                if reserve.is_none() {
                    reserve = Some((format!("voorbeeld {name}, {label}"), c, a, b));
                }
            }
        }
    }
    if let Some(x) = weak_input {
        return use_input(g, x);
    }
    if let Some((label, c, a, b)) = reserve {
        g.status = "geconstrueerd";
        g.toelichting = format!("{label}; beslist onder beide versies (het verschil zit in de ontbrekende feiten)");
        (g.oud, g.nieuw) = shown(fp, &a, &b);
        g.dossier = Some(c);
        return g;
    }
    g.toelichting = if bases.is_empty() {
        "geen voorbeelddossier van deze aanvraagsoort gevonden om van uit te gaan".into()
    } else {
        format!("geen dossier gevonden na {tried} pogingen vanuit {} voorbeeld(en)", bases.len())
    };
    g
}

/// Both decisions of one dossier; `None` when it is not decidable under either.
fn both(old: &Loaded, new: &Loaded, json: &Json, today: NaiveDate) -> Option<(Decision, Decision)> {
    let d = |s: &Loaded| decode(&s.vocab, json, today).ok().and_then(|x| decide(&s.program, &x).ok());
    Some((d(old)?, d(new)?))
}

/// The footprint's part of the two decisions: only the items that differ,
/// as short text (as JSON where the short texts would look the same).
fn shown(fp: &Voetafdruk, a: &Decision, b: &Decision) -> (Option<String>, Option<String>) {
    let (pa, pb) = if fp.hele_beslissing || fp.volgorde { (whole(a), whole(b)) } else { (fp.items(a), fp.items(b)) };
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
    (Some(only(&pa, &pb)), Some(only(&pb, &pa)))
}

/// A whole decision (without receipt) as items: each list entry, outcome and the eligibility.
fn whole(d: &Decision) -> Vec<(String, String)> {
    let all = Voetafdruk {
        regels: d
            .redenen
            .iter()
            .map(|x| x.regel.to_string())
            .chain(d.ontbreekt.iter().map(|x| x.regel.to_string()))
            .chain(d.deskundigen.iter().map(|x| x.regel.to_string()))
            .chain(d.bedragen.iter().map(|x| x.regel.to_string()))
            .chain(d.volgende_statussen.iter().map(|x| x.regel.to_string()))
            .chain(d.termijnen.iter().map(|x| x.regel.to_string()))
            .chain(d.waarschuwingen.iter().map(|x| x.regel.to_string()))
            .chain(d.niet_bepaald.iter().map(|x| x.regel.to_string()))
            .collect(),
        uitkomsten: d.uitkomsten.0.iter().map(|(k, _)| k.to_string()).collect(),
        ..Voetafdruk::default()
    };
    let eligible = super::show::yes_no(d.in_aanmerking);
    let mut v = vec![(format!("in_aanmerking={eligible}"), format!("in aanmerking: {eligible}"))];
    v.extend(all.items(d));
    v
}

fn split_label(label: &str) -> (String, Json) {
    let (p, v) = label.split_once(" = ").unwrap_or((label, "null"));
    (p.to_string(), serde_json::from_str(v).unwrap_or(Json::Null))
}

/// Sets `path` (dotted) in a dossier; `null` removes it.
fn set(doc: &mut Json, path: &str, value: Json) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut at = doc;
    for p in parts {
        if !at.is_object() {
            return;
        }
        let Some(o) = at.as_object_mut() else { return };
        at = o.entry(p).or_insert_with(|| json!({}));
        if !at.is_object() {
            *at = json!({});
        }
    }
    if let Some(o) = at.as_object_mut() {
        if value.is_null() {
            o.remove(last);
        } else {
            o.insert(last.to_string(), value);
        }
    }
}

fn get<'j>(doc: &'j Json, path: &str) -> Option<&'j Json> {
    doc.pointer(&format!("/{}", path.replace('.', "/")))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Dagen => add_days(d, n),
        Unit::Weken => add_days(d, n.checked_mul(7)?),
        Unit::Maanden | Unit::Jaar => {
            let months = if unit == Unit::Jaar { n.checked_mul(12)? } else { n };
            let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
            if months >= 0 {
                d.checked_add_months(m)
            } else {
                d.checked_sub_months(m)
            }
        }
    }
}

/// One-field variations of a base dossier: `(label "veld = waarde", dossier)`.
fn variations(base: &Json, ing: &Ingredients, vocab: &crate::vocab::Vocabulary) -> Vec<(String, Json)> {
    let mut ints: BTreeSet<i64> = BTreeSet::new();
    let mut moneys: BTreeSet<i64> = BTreeSet::new();
    let mut texts: BTreeSet<String> = BTreeSet::new();
    let mut durations: Vec<(i64, Unit)> = Vec::new();
    let mut dates: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut daymonths: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut add_const = |v: &Value| match v {
        Value::Int(n) => ints.extend([n - 1, *n, n + 1]),
        Value::Money(c) => moneys.extend([c - 1, *c, c + 1]),
        Value::Text(t) => {
            texts.insert(t.to_string());
        }
        Value::Duration(n, u) => durations.push((*n, *u)),
        Value::Date(d) => dates.extend([add_days(*d, -1), Some(*d), add_days(*d, 1)].into_iter().flatten()),
        Value::DayMonth(d, m) => {
            daymonths.insert((*d, *m));
        }
        _ => {}
    };
    for v in &ing.consts {
        match v {
            Value::List(items) => items.iter().for_each(&mut add_const),
            other => add_const(other),
        }
    }
    // Dates around every date the dossier holds, moved by each duration the rules name.
    let mut anchors: Vec<NaiveDate> = Vec::new();
    let peil: Option<NaiveDate> = get(base, "peildatum").and_then(Json::as_str).and_then(|s| s.parse().ok());
    anchors.extend(peil);
    for f in &vocab.fields {
        if f.ty == Type::Date {
            anchors.extend(get(base, &f.path).and_then(Json::as_str).and_then(|s| s.parse::<NaiveDate>().ok()));
        }
    }
    let mut moved: BTreeSet<NaiveDate> = dates.clone();
    for a in &anchors {
        moved.extend([add_days(*a, -1), Some(*a), add_days(*a, 1)].into_iter().flatten());
        for (n, u) in &durations {
            for sign in [1, -1] {
                if let Some(d) = shift(*a, sign * n, *u) {
                    moved.extend([add_days(d, -1), Some(d), add_days(d, 1)].into_iter().flatten());
                }
            }
        }
        for (day, month) in &daymonths {
            for year in [a.year() - 1, a.year(), a.year() + 1] {
                if let Some(d) = NaiveDate::from_ymd_opt(year, *month, *day) {
                    moved.extend([add_days(d, -1), Some(d), add_days(d, 1)].into_iter().flatten());
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut push = |path: &str, v: Json| {
        if get(base, path) == Some(&v) || (v.is_null() && get(base, path).is_none()) {
            return;
        }
        let mut doc = base.clone();
        set(&mut doc, path, v.clone());
        out.push((format!("{path} = {v}"), doc));
    };
    let mut paths: Vec<(String, Type)> = ing.fields.iter().filter_map(|id| vocab.fields.get(*id)).filter(|f| !f.path.contains("[]")).map(|f| (f.path.to_string(), f.ty.clone())).collect();
    if ing.peildatum {
        paths.push(("peildatum".into(), Type::Date));
    }
    for (path, ty) in paths {
        if path == "regio" || path == "aanvraag.soort" {
            continue;
        }
        match &ty {
            Type::Bool => [json!(true), json!(false)].into_iter().for_each(|v| push(&path, v)),
            Type::Int => ints.iter().chain([0, 1].iter()).for_each(|n| push(&path, json!(n))),
            Type::Money => moneys.iter().for_each(|c| push(&path, json!(c))),
            Type::Date => moved.iter().for_each(|d| push(&path, json!(d.to_string()))),
            Type::Text => texts.iter().for_each(|t| push(&path, json!(t))),
            Type::Enum(id) => {
                let values = vocab.enums.get(*id).map(|e| e.values.clone()).unwrap_or_default();
                values.iter().for_each(|v| push(&path, json!(&**v)));
            }
            Type::List(inner) => {
                push(&path, json!([]));
                if let Type::Enum(id) = &**inner {
                    let values = vocab.enums.get(*id).map(|e| e.values.clone()).unwrap_or_default();
                    values.iter().for_each(|v| push(&path, json!([&**v])));
                } else {
                    texts.iter().for_each(|t| push(&path, json!([t])));
                }
            }
            _ => {}
        }
        if path != "peildatum" {
            push(&path, Json::Null);
        }
    }
    out
}

/// The witnesses as NDJSON: one dossier per line, in the report's order.
pub fn ndjson(getuigen: &[Getuige]) -> String {
    let mut s = String::new();
    for d in getuigen.iter().filter_map(|g| g.dossier.as_ref()) {
        s.push_str(&d.to_string());
        s.push('\n');
    }
    s
}

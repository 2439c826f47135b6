//! The semantic comparison of two checked rule sets: parameters, definities,
//! the rules of every request kind, and workflows, each matched by name and
//! compared attribute by attribute on the normalized form of its
//! expressions (`normal::Names::canon`). Order and layout are no change.

use super::getuigen::Getuige;
use super::impact::Impact;
use super::normal::{constant, Names};
use crate::value::quote;
use super::attribuut::{aspect, label, Attribuut, Attribuut as A};
use crate::check::model::{Aanvraag, Def, Param, Rule, RuleKind, Status, StatusId, TExpr, Transition, Workflow};
use crate::compile::Program;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which rule set, for the report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SetInfo {
    /// Where it was read (a folder, `REV:path`, or `ingebouwd:regio/versie`).
    pub bron_locatie: String,
    pub regio: String,
    pub versie: String,
    pub handboek: String,
    pub bron: String,
    pub geldig_vanaf: String,
    pub hash: String,
}

impl SetInfo {
    pub fn of(program: &Program, location: &str) -> SetInfo {
        let h = &program.header();
        SetInfo {
            bron_locatie: location.to_string(),
            regio: h.regio.to_string(),
            versie: h.versie.to_string(),
            handboek: h.handboek.to_string(),
            bron: h.bron.to_string(),
            geldig_vanaf: h.geldig_vanaf.to_string(),
            hash: program.hash().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Wijziging {
    Toegevoegd,
    Verwijderd,
    Gewijzigd,
}

impl Wijziging {
    pub fn sign(self) -> &'static str {
        match self {
            Wijziging::Toegevoegd => "+",
            Wijziging::Verwijderd => "-",
            Wijziging::Gewijzigd => "~",
        }
    }
}

/// One attribute: its value before and after (`None`: absent on that side).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Veld {
    pub veld: String,
    pub oud: Option<String>,
    pub nieuw: Option<String>,
}

/// A parameter, definitie, status or overgang that was added, removed or changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Item {
    pub naam: String,
    pub wijziging: Wijziging,
    /// For a change: the attributes that differ; otherwise all of them.
    pub velden: Vec<Veld>,
    pub bron_oud: Option<String>,
    pub bron_nieuw: Option<String>,
}

/// A rule of a request kind that was added, removed or changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegelWijziging {
    /// `aanvraag.naam`
    pub regel: String,
    /// eis, deskundige, bedrag, termijn, waarschuwing, uitkomst
    pub soort: String,
    pub wijziging: Wijziging,
    /// What the change touches: voorwaarde, bedrag, deskundige, termijn, tekst, uitkomst, bron.
    pub aspecten: Vec<&'static str>,
    pub velden: Vec<Veld>,
    pub bron_oud: Option<String>,
    pub bron_nieuw: Option<String>,
    /// The request kinds this same change applies to (a rule of a shared
    /// `regels` group): listed once, under the first of them.
    pub aanvragen: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AanvraagWijziging {
    pub soort: String,
    pub wijziging: Wijziging,
    /// The request's own attributes (bron, workflow, the order of its rules) that differ.
    pub velden: Vec<Veld>,
    pub regels: Vec<RegelWijziging>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WorkflowWijziging {
    pub naam: String,
    pub wijziging: Wijziging,
    pub velden: Vec<Veld>,
    pub statussen: Vec<Item>,
    pub overgangen: Vec<Item>,
}

/// Everything that differs between two rule sets.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModelDiff {
    pub oud: SetInfo,
    pub nieuw: SetInfo,
    /// The `regio` header: which version this is (not a rule).
    pub kop: Vec<Veld>,
    pub parameters: Vec<Item>,
    pub definities: Vec<Item>,
    pub aanvragen: Vec<AanvraagWijziging>,
    pub workflows: Vec<WorkflowWijziging>,
    /// The decisions that change, when dossiers were given (`--dossiers`).
    pub impact: Option<Impact>,
    /// For each change: a dossier that shows it, or why there is none.
    pub getuigen: Vec<Getuige>,
}

impl ModelDiff {
    /// No parameter, definitie, rule or workflow differs (the header may).
    pub fn is_empty(&self) -> bool {
        self.parameters.is_empty() && self.definities.is_empty() && self.aanvragen.is_empty() && self.workflows.is_empty()
    }

    /// Number of changed rules, by kind of change.
    pub fn rule_counts(&self) -> BTreeMap<Wijziging, usize> {
        let mut m = BTreeMap::new();
        for a in &self.aanvragen {
            for r in &a.regels {
                *m.entry(r.wijziging).or_insert(0) += 1;
            }
        }
        m
    }
}

/// An attribute in both forms: shown, and compared.
struct Attr {
    name: Attribuut,
    show: String,
    canon: String,
}

fn attr(name: Attribuut, show: String, canon: String) -> Attr {
    Attr { name, show, canon }
}

fn text_attr(name: Attribuut, t: &str) -> Attr {
    attr(name, quote(t), quote(t))
}

/// An attribute whose shown form is the compared one.
fn plain_attr(name: Attribuut, v: String) -> Attr {
    attr(name, v.clone(), v)
}

fn expr_attr(name: Attribuut, n: &Names, x: &TExpr) -> Attr {
    attr(name, n.show(x), n.canon(x))
}

/// Compares two rule sets.
pub fn compare(old: &Program, old_location: &str, new: &Program, new_location: &str) -> ModelDiff {
    let (no, nn) = (Names::new(old), Names::new(new));
    let (ho, hn) = (&old.header(), &new.header());
    let header = |h: &crate::check::model::Header| {
        vec![
            text_attr(A::Regio, &h.regio),
            text_attr(A::Naam, &h.naam),
            text_attr(A::Handboek, &h.handboek),
            text_attr(A::Versie, &h.versie),
            text_attr(A::Bron, &h.bron),
            plain_attr(A::GeldigVanaf, h.geldig_vanaf.to_string()),
        ]
    };
    let kop = changed_fields(&header(ho), &header(hn));
    ModelDiff {
        oud: SetInfo::of(old, old_location),
        nieuw: SetInfo::of(new, new_location),
        kop,
        parameters: items(old.params(), new.params(), |p| &p.name, |p| &p.bron, param_attrs, param_attrs),
        definities: items(old.defs(), new.defs(), |d| &d.name, |d| &d.bron, |d| def_attrs(d, &no), |d| def_attrs(d, &nn)),
        aanvragen: aanvragen(old, new, &no, &nn),
        workflows: workflows(old, new, &no, &nn),
        impact: None,
        getuigen: Vec::new(),
    }
}

fn def_attrs(d: &Def, n: &Names) -> Vec<Attr> {
    vec![expr_attr(A::Waarde, n, &d.expr)]
}

fn param_attrs(p: &Param) -> Vec<Attr> {
    let show: Vec<String> = p
        .values
        .iter()
        .map(|(from, v)| match from {
            Some(d) => format!("{} vanaf {d}", constant(v, false)),
            None => constant(v, false),
        })
        .collect();
    let canon: Vec<String> = p.values.iter().map(|(from, v)| format!("{from:?}:{}", constant(v, true))).collect();
    vec![attr(A::Waarde, show.join(", "), canon.join("|"))]
}

/// The attributes that differ, with their names, in the order of `old` then new-only ones.
fn changed(old: &[Attr], new: &[Attr]) -> Vec<(Attribuut, Veld)> {
    let veld = |a: Attribuut, oud: Option<&Attr>, nieuw: Option<&Attr>| {
        (a, Veld { veld: label(a).into(), oud: oud.map(|x| x.show.clone()), nieuw: nieuw.map(|x| x.show.clone()) })
    };
    let mut out = Vec::new();
    for o in old {
        match new.iter().find(|n| n.name == o.name) {
            Some(n) if n.canon == o.canon => {}
            n => out.push(veld(o.name, Some(o), n)),
        }
    }
    out.extend(new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)).map(|n| veld(n.name, None, Some(n))));
    out
}

/// The attributes that differ, in the order of `old` then new-only ones.
fn changed_fields(old: &[Attr], new: &[Attr]) -> Vec<Veld> {
    changed(old, new).into_iter().map(|(_, v)| v).collect()
}

fn all_fields(attrs: &[Attr], new_side: bool) -> Vec<Veld> {
    attrs.iter().map(|a| Veld { veld: label(a.name).into(), oud: (!new_side).then(|| a.show.clone()), nieuw: new_side.then(|| a.show.clone()) }).collect()
}

/// Matches two lists by name; added and removed items list all attributes.
fn items<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &std::sync::Arc<str>,
    bron: impl Fn(&T) -> &std::sync::Arc<str>,
    attrs_old: impl Fn(&T) -> Vec<Attr>,
    attrs_new: impl Fn(&T) -> Vec<Attr>,
) -> Vec<Item> {
    let mut out = Vec::new();
    for (n, o, m) in by_name(old, new, |x| &**name(x)) {
        let item = match (o, m) {
            (Some(o), Some(m)) => {
                let velden = changed_fields(&attrs_old(o), &attrs_new(m));
                if velden.is_empty() && bron(o) == bron(m) {
                    continue;
                }
                Item { naam: n.into(), wijziging: Wijziging::Gewijzigd, velden, bron_oud: Some(bron(o).to_string()), bron_nieuw: Some(bron(m).to_string()) }
            }
            (Some(x), None) | (None, Some(x)) => {
                let new_side = m.is_some();
                let attrs = if new_side { attrs_new(x) } else { attrs_old(x) };
                let bron = bron(x).to_string();
                Item {
                    naam: n.into(),
                    wijziging: if new_side { Wijziging::Toegevoegd } else { Wijziging::Verwijderd },
                    velden: all_fields(&attrs, new_side),
                    bron_oud: (!new_side).then(|| bron.clone()),
                    bron_nieuw: new_side.then_some(bron),
                }
            }
            (None, None) => continue,
        };
        out.push(item);
    }
    out
}

/// Every name either list holds, in name order, with the element of that
/// name on each side (`None`: absent there).
fn by_name<'a, T>(old: &'a [T], new: &'a [T], name: impl Fn(&T) -> &str) -> Vec<(&'a str, Option<&'a T>, Option<&'a T>)> {
    let mut names: Vec<&str> = old.iter().chain(new.iter()).map(&name).collect();
    names.sort();
    names.dedup();
    names.into_iter().map(|n| (n, old.iter().find(|x| name(x) == n), new.iter().find(|x| name(x) == n))).collect()
}

/// Every attribute of a rule that reaches a decision.
fn rule_attrs(rule: &Rule, n: &Names) -> Vec<Attr> {
    let e = |(a, x): (Attribuut, &TExpr)| expr_attr(a, n, x);
    let mut v: Vec<Attr> = rule.alleen_als.iter().map(|x| e((A::AlleenAls, x))).collect();
    match &rule.kind {
        RuleKind::Eis { tekst, voorwaarde } => v.extend([text_attr(A::Tekst, tekst), e((A::Voorwaarde, voorwaarde))]),
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => {
            v.extend([(A::Rol, rol), (A::Disciplines, disciplines), (A::Onafhankelijk, onafhankelijk), (A::Organisatie, organisatie), (A::Vorm, vorm)].map(e));
        }
        RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } => {
            v.extend([(A::Regeling, regeling), (A::Bedrag, bedrag), (A::Ontvanger, ontvanger), (A::Berekening, berekening)].map(e));
        }
        RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } => {
            v.extend([(A::Wat, wat), (A::Uiterlijk, uiterlijk)].map(e));
            // Without its own `grondslag` a termijn cites its `bron`: that change is reported once, as bron.
            if !matches!(grondslag, TExpr::Const(crate::value::Value::Text(t)) if **t == *rule.bron) {
                v.push(e((A::Grondslag, grondslag)));
            }
            v.push(e((A::Soort, soort)));
            v.extend(voldaan.iter().map(|x| e((A::Voldaan, x))));
            v.push(e((A::Indicatief, indicatief)));
        }
        RuleKind::Waarschuwing { tekst } => v.push(e((A::Tekst, tekst))),
        RuleKind::Uitkomst { naam: _, waarde } => v.push(e((A::Waarde, waarde))),
    }
    v
}

fn aanvragen(old: &Program, new: &Program, no: &Names, nn: &Names) -> Vec<AanvraagWijziging> {
    let mut out = Vec::new();
    for (soort, o, n) in by_name(old.aanvragen(), new.aanvragen(), |a| &*a.soort) {
        let (o, n) = (with_workflow(old, o), with_workflow(new, n));
        let own = |x: Option<(&Aanvraag, String)>| -> Vec<Attr> {
            x.map(|(a, wf)| vec![text_attr(A::Bron, &a.bron), plain_attr(A::Workflow, wf)]).unwrap_or_default()
        };
        let wijziging = match (&o, &n) {
            (Some(_), Some(_)) => Wijziging::Gewijzigd,
            (Some(_), None) => Wijziging::Verwijderd,
            _ => Wijziging::Toegevoegd,
        };
        let velden = match wijziging {
            Wijziging::Gewijzigd => {
                let mut v = changed_fields(&own(o.clone()), &own(n.clone()));
                v.extend(order_change(o.as_ref().map(|x| x.0), n.as_ref().map(|x| x.0)));
                v
            }
            Wijziging::Verwijderd => all_fields(&own(o.clone()), false),
            Wijziging::Toegevoegd => all_fields(&own(n.clone()), true),
        };
        let regels = rules(o.map(|x| x.0), n.map(|x| x.0), no, nn);
        if wijziging == Wijziging::Gewijzigd && velden.is_empty() && regels.is_empty() {
            continue;
        }
        out.push(AanvraagWijziging { soort: soort.into(), wijziging, velden, regels });
    }
    list_shared_once(&mut out);
    out
}

/// Decisions list their items in rule order; when the rules both versions
/// have stand in another order, the decisions' lists do too: a change.
fn order_change(old: Option<&Aanvraag>, new: Option<&Aanvraag>) -> Option<Veld> {
    let (old, new) = (old?, new?);
    let name = |r: &Rule| r.id.split_once('.').map(|(_, n)| n.to_string()).unwrap_or_else(|| r.id.to_string());
    let common = |a: &Aanvraag, b: &Aanvraag| -> Vec<String> { a.rules.iter().filter(|r| b.rules.iter().any(|x| x.id == r.id)).map(name).collect() };
    let (o, n) = (common(old, new), common(new, old));
    (o != n).then(|| Veld { veld: label(A::Volgorde).into(), oud: Some(o.join(", ")), nieuw: Some(n.join(", ")) })
}

/// The same change to a rule of the same name in several request kinds (a
/// shared `regels` group) is listed once, under the first kind, with all
/// the kinds it applies to; a request kind left without changes is dropped.
fn list_shared_once(aanvragen: &mut Vec<AanvraagWijziging>) {
    let short = |r: &RegelWijziging| r.regel.split_once('.').map(|(_, n)| n.to_string()).unwrap_or_else(|| r.regel.clone());
    let same = |a: &RegelWijziging, b: &RegelWijziging| {
        short(a) == short(b) && a.soort == b.soort && a.wijziging == b.wijziging && a.velden == b.velden && a.bron_oud == b.bron_oud && a.bron_nieuw == b.bron_nieuw
    };
    for i in 0..aanvragen.len() {
        let Some(first) = aanvragen.get(i) else { continue };
        let soort = first.soort.clone();
        let count = first.regels.len();
        for k in 0..count {
            let Some(rule) = aanvragen.get(i).and_then(|a| a.regels.get(k)).cloned() else { continue };
            if !rule.aanvragen.is_empty() {
                continue;
            }
            let mut kinds = vec![soort.clone()];
            for other in aanvragen.iter_mut().skip(i + 1) {
                let before = other.regels.len();
                other.regels.retain(|r| !same(r, &rule));
                if other.regels.len() < before {
                    kinds.push(other.soort.clone());
                }
            }
            if let Some(r) = aanvragen.get_mut(i).and_then(|a| a.regels.get_mut(k)) {
                r.aanvragen = kinds;
            }
        }
    }
    aanvragen.retain(|a| a.wijziging != Wijziging::Gewijzigd || !a.velden.is_empty() || !a.regels.is_empty());
}

/// A request kind with the name of its workflow.
fn with_workflow<'p>(p: &Program, a: Option<&'p Aanvraag>) -> Option<(&'p Aanvraag, String)> {
    a.map(|a| (a, workflow_name(p, a)))
}

fn workflow_name(p: &Program, a: &Aanvraag) -> String {
    a.workflow.and_then(|i| p.workflow(i)).map(|w| w.name.to_string()).unwrap_or_else(|| "(geen)".into())
}

fn rules(old: Option<&Aanvraag>, new: Option<&Aanvraag>, no: &Names, nn: &Names) -> Vec<RegelWijziging> {
    let empty = Vec::new();
    let (ro, rn) = (old.map(|a| &a.rules).unwrap_or(&empty), new.map(|a| &a.rules).unwrap_or(&empty));
    let mut out = Vec::new();
    for (id, o, n) in by_name(ro, rn, |r| &*r.id) {
        let change = match (o, n) {
            (Some(o), Some(n)) => {
                let (ao, an) = (rule_attrs(o, no), rule_attrs(n, nn));
                let changes = changed(&ao, &an);
                // An attribute the old rule has takes its aspect from the old kind.
                let kind_of = |a: Attribuut| if ao.iter().any(|x| x.name == a) { &o.kind } else { &n.kind };
                let mut aspecten: Vec<&'static str> = changes.iter().map(|(a, _)| aspect(kind_of(*a), *a)).collect();
                let mut velden: Vec<Veld> = changes.into_iter().map(|(_, v)| v).collect();
                let (ko, kn) = (o.kind.word(), n.kind.word());
                if ko != kn {
                    velden.insert(0, Veld { veld: label(A::Soort).into(), oud: Some(ko.into()), nieuw: Some(kn.into()) });
                }
                if o.bron != n.bron {
                    aspecten.push(label(A::Bron));
                }
                aspecten.sort();
                aspecten.dedup();
                if velden.is_empty() && o.bron == n.bron {
                    continue;
                }
                RegelWijziging {
                    regel: id.into(),
                    soort: kn.into(),
                    wijziging: Wijziging::Gewijzigd,
                    aspecten,
                    velden,
                    bron_oud: Some(o.bron.to_string()),
                    bron_nieuw: Some(n.bron.to_string()),
                    aanvragen: Vec::new(),
                }
            }
            (Some(o), None) => whole_rule(o, no, Wijziging::Verwijderd),
            (None, Some(n)) => whole_rule(n, nn, Wijziging::Toegevoegd),
            (None, None) => continue,
        };
        out.push(change);
    }
    out
}

/// A rule only one version has, with all its attributes.
fn whole_rule(r: &Rule, names: &Names, w: Wijziging) -> RegelWijziging {
    let attrs = rule_attrs(r, names);
    let mut aspecten: Vec<&'static str> = attrs.iter().map(|a| aspect(&r.kind, a.name)).collect();
    aspecten.sort();
    aspecten.dedup();
    let new_side = w == Wijziging::Toegevoegd;
    RegelWijziging {
        regel: r.id.to_string(),
        soort: r.kind.word().into(),
        wijziging: w,
        aspecten,
        velden: all_fields(&attrs, new_side),
        bron_oud: (!new_side).then(|| r.bron.to_string()),
        bron_nieuw: new_side.then(|| r.bron.to_string()),
        aanvragen: Vec::new(),
    }
}

fn status_attrs(s: &Status, n: &Names) -> Vec<Attr> {
    let mut v = vec![text_attr(A::Tekst, &s.tekst), text_attr(A::Door, &s.door)];
    v.extend(s.omschrijving.iter().map(|o| expr_attr(A::Omschrijving, n, o)));
    v
}

fn transition_attrs(t: &Transition, wf: &Workflow, n: &Names) -> Vec<Attr> {
    let status = |i: Option<StatusId>| i.and_then(|i| wf.status(i)).map(|s| s.id.to_string()).unwrap_or_else(|| "(start)".into());
    let mut v = vec![plain_attr(A::Van, status(t.van)), plain_attr(A::Naar, status(Some(t.naar)))];
    v.extend(t.door.iter().map(|d| text_attr(A::Door, d)));
    v.extend(t.voorwaarde.iter().map(|x| expr_attr(A::Voorwaarde, n, x)));
    v.extend(t.toelichting.iter().map(|x| text_attr(A::Toelichting, x)));
    v
}

fn workflows(old: &Program, new: &Program, no: &Names, nn: &Names) -> Vec<WorkflowWijziging> {
    let own = |p: &Program, w: &Workflow| {
        let volgt = p.field_name(w.volgt).map(|f| f.to_string()).unwrap_or_default();
        let uitkomst = w.uitkomst.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "(geen)".into());
        vec![plain_attr(A::Volgt, volgt), plain_attr(A::Uitkomst, uitkomst)]
    };
    let mut out = Vec::new();
    for (name, o, n) in by_name(old.workflows(), new.workflows(), |w| &*w.name) {
        let (wijziging, velden) = match (o, n) {
            (Some(a), Some(b)) => {
                let mut v = changed_fields(&own(old, a), &own(new, b));
                if a.bron != b.bron {
                    v.push(Veld { veld: label(A::Bron).into(), oud: Some(quote(&a.bron)), nieuw: Some(quote(&b.bron)) });
                }
                (Wijziging::Gewijzigd, v)
            }
            (Some(a), None) => (Wijziging::Verwijderd, all_fields(&own(old, a), false)),
            (None, Some(b)) => (Wijziging::Toegevoegd, all_fields(&own(new, b), true)),
            (None, None) => continue,
        };
        let no_statuses = Vec::new();
        let no_transitions = Vec::new();
        let statussen = items(
            o.map(|w| &w.statuses).unwrap_or(&no_statuses),
            n.map(|w| &w.statuses).unwrap_or(&no_statuses),
            |s| &s.id,
            |s| &s.bron,
            |s| status_attrs(s, no),
            |s| status_attrs(s, nn),
        );
        let overgangen = items(
            o.map(|w| &w.transitions).unwrap_or(&no_transitions),
            n.map(|w| &w.transitions).unwrap_or(&no_transitions),
            |t| &t.id,
            |t| &t.bron,
            |t| o.map(|w| transition_attrs(t, w, no)).unwrap_or_default(),
            |t| n.map(|w| transition_attrs(t, w, nn)).unwrap_or_default(),
        );
        if wijziging == Wijziging::Gewijzigd && velden.is_empty() && statussen.is_empty() && overgangen.is_empty() {
            continue;
        }
        out.push(WorkflowWijziging { naam: name.into(), wijziging, velden, statussen, overgangen });
    }
    out
}

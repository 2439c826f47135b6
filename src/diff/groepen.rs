//! What differs between the two decisions of one dossier, by group (the
//! `GROUPS` of `impact`): only the items that changed, old and new, for the
//! examples; and whether two decisions are equal apart from their receipt.

use super::impact::{Change, Money, Voorbeeld};
use super::show::{money, yes_no};
use crate::decision::Decision;
use std::collections::{BTreeMap, BTreeSet};

/// Rule ids present on one side only: `+ id` (new only), `- id` (old only).
fn added_removed(old: &BTreeSet<String>, new: &BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = new.difference(old).map(|r| format!("+ {r}")).collect();
    v.extend(old.difference(new).map(|r| format!("- {r}")));
    v
}

/// The items of one list, keyed by rule id, shown as text.
type Shown = BTreeMap<String, String>;

/// Only the entries that differ, on each side (`(geen)` when none).
fn changed_only(a: &Shown, b: &Shown) -> (String, String) {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let side = |m: &Shown| {
        let v: Vec<String> = keys.iter().filter(|k| a.get(**k) != b.get(**k)).filter_map(|k| m.get(*k).map(|t| format!("{k}: {t}"))).collect();
        if v.is_empty() {
            "(geen)".to_string()
        } else {
            v.join("; ")
        }
    };
    (side(a), side(b))
}

/// Detail for a keyed list: added/removed ids, or `what` when the same ids changed.
fn keyed_details(a: &Shown, b: &Shown, what: &str) -> Vec<String> {
    let ids = |m: &Shown| m.keys().cloned().collect::<BTreeSet<_>>();
    let mut details = added_removed(&ids(a), &ids(b));
    if a.iter().any(|(k, v)| b.get(k).is_some_and(|w| w != v)) {
        details.push(what.to_string());
    }
    details
}

fn eligibility(d: &Decision) -> String {
    match d.in_aanmerking {
        None if !d.onbekend.is_empty() => format!("onbekend (ontbrekend: {})", d.onbekend.join(", ")),
        v => {
            let missing: Vec<&str> = d.ontbreekt.iter().map(|o| &*o.regel).collect();
            if missing.is_empty() {
                yes_no(v).to_string()
            } else {
                format!("{} (niet voldaan: {})", yes_no(v), missing.join(", "))
            }
        }
    }
}

/// The changes of one dossier's two decisions, group by group.
struct Changes<'d> {
    a: &'d Decision,
    b: &'d Decision,
    n: usize,
    out: Vec<Change>,
}

/// What differs between the two decisions of input line `n`, by group
/// (an empty list: the decisions are equal apart from the receipt).
pub(super) fn compare(a: &Decision, b: &Decision, n: usize, m: &Money) -> Vec<Change> {
    let mut c = Changes { a, b, n, out: Vec::new() };
    if a.in_aanmerking != b.in_aanmerking {
        c.push(0, vec![format!("{} -> {}", yes_no(a.in_aanmerking), yes_no(b.in_aanmerking))], (eligibility(a), eligibility(b)));
    }
    c.amounts(m);
    c.experts();
    c.keyed(3, "andere status", statuses);
    c.keyed(4, "andere datum of grondslag", deadlines);
    c.keyed(5, "andere tekst", warnings);
    c.keyed(6, "andere waarde", outcomes);
    if c.out.iter().all(|x| x.group != 0) {
        c.reasons();
        c.missing_facts();
    }
    if c.out.is_empty() && !same_json(a, b) {
        c.push(9, vec!["andere volgorde of toelichting".into()], order_or_citation(a, b));
    }
    c.out
}

impl Changes<'_> {
    fn push(&mut self, group: usize, details: Vec<String>, (oud, nieuw): (String, String)) {
        let example = Voorbeeld { regelnummer: self.n, aanvraag: self.b.aanvraag.to_string(), peildatum: self.b.peildatum, oud, nieuw, regelverschillen: Vec::new() };
        self.out.push(Change { group, details, example });
    }

    /// A group of items keyed by rule id: added/removed ids, or `what` when the same ids changed.
    fn keyed(&mut self, group: usize, what: &str, shown: fn(&Decision) -> Shown) {
        let (x, y) = (shown(self.a), shown(self.b));
        if x != y {
            self.push(group, keyed_details(&x, &y, what), changed_only(&x, &y));
        }
    }

    fn amounts(&mut self, m: &Money) {
        let (a, b) = (self.a, self.b);
        if a.bedragen == b.bedragen && m.0 == m.1 {
            return;
        }
        let (ba, bb) = (amounts(a), amounts(b));
        let detail = match (m.0, m.1) {
            (Some(_), None) => "niet meer te bepalen",
            (None, Some(_)) => "nu te bepalen",
            (Some(x), Some(y)) if y > x => "hoger",
            (Some(x), Some(y)) if y < x => "lager",
            _ if ba != bb => "zelfde totaal, andere bedragen",
            _ => return,
        };
        let total = |t: Option<i128>| t.map(money).unwrap_or_else(|| "niet te bepalen".into());
        let (oa, ob) = changed_only(&ba, &bb);
        self.push(1, vec![detail.into()], (format!("totaal {}; {oa}", total(m.0)), format!("totaal {}; {ob}", total(m.1))));
    }

    fn experts(&mut self) {
        let (a, b) = (self.a, self.b);
        let (ea, eb) = (experts(a), experts(b));
        let how = |d: &'_ Decision| d.deskundigen.iter().map(|x| (x.vorm.clone(), x.onafhankelijk)).collect::<Vec<_>>();
        if ea != eb || how(a) != how(b) {
            let mut details = keyed_details(&ea, &eb, "andere invulling");
            if details.is_empty() {
                details.push("andere invulling".into());
            }
            self.push(2, details, changed_only(&ea, &eb));
        }
    }

    /// The eisen's reasons, when the eligibility stayed the same (reasons of
    /// output rules change with their output, reported in its own group).
    fn reasons(&mut self) {
        let (ra, rb) = (eisen_reasons(self.a), eisen_reasons(self.b));
        if ra != rb {
            self.push(7, keyed_details(&ra, &rb, "andere reden"), changed_only(&ra, &rb));
        }
    }

    /// Other missing facts, when the eligibility stayed the same.
    fn missing_facts(&mut self) {
        let (ma, mb) = (missing_by_rule(self.a), missing_by_rule(self.b));
        if ma == mb {
            return;
        }
        let mut details = added_removed(&missing(self.a), &missing(self.b));
        if details.is_empty() {
            details.push("andere regels".into());
        }
        self.push(8, details, changed_only(&ma, &mb));
    }
}

fn amounts(d: &Decision) -> Shown {
    d.bedragen.iter().map(|x| (x.regel.to_string(), format!("{} aan {} ({})", money(i128::from(x.bedrag_cent)), x.ontvanger, x.regeling))).collect()
}

fn experts(d: &Decision) -> Shown {
    d.deskundigen
        .iter()
        .map(|x| {
            let org = x.organisatie.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
            (x.regel.to_string(), format!("{} [{}]{org}", x.rol, x.disciplines.join(", ")))
        })
        .collect()
}

fn statuses(d: &Decision) -> Shown {
    d.volgende_statussen.iter().map(|s| (s.regel.to_string(), format!("{} [{}]", s.status, s.door))).collect()
}

fn deadlines(d: &Decision) -> Shown {
    d.termijnen.iter().map(|t| (t.regel.to_string(), format!("{} {} (voldaan: {}; grondslag: {})", t.soort, t.uiterlijk, yes_no(t.voldaan), t.grondslag))).collect()
}

fn warnings(d: &Decision) -> Shown {
    let mut m = Shown::new();
    for w in &d.waarschuwingen {
        m.entry(w.regel.to_string()).and_modify(|t| *t = format!("{t} | {}", w.tekst)).or_insert_with(|| w.tekst.to_string());
    }
    m
}

fn outcomes(d: &Decision) -> Shown {
    d.uitkomsten.0.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The reasons and failures of the eisen (not of the output rules), by rule.
fn eisen_reasons(d: &Decision) -> Shown {
    let outputs: BTreeSet<&str> = d
        .bedragen
        .iter()
        .map(|x| &*x.regel)
        .chain(d.deskundigen.iter().map(|x| &*x.regel))
        .chain(d.termijnen.iter().map(|x| &*x.regel))
        .chain(d.waarschuwingen.iter().map(|x| &*x.regel))
        .collect();
    let mut m: Shown = d.redenen.iter().map(|r| (r.regel.to_string(), format!("voldaan: {} ({})", r.tekst, r.bron))).collect();
    m.extend(d.ontbreekt.iter().map(|o| (o.regel.to_string(), format!("niet voldaan: {} ({})", o.eis, o.bron))));
    m.retain(|k, _| !outputs.contains(k.as_str()));
    m
}

/// Every missing fact of a decision.
fn missing(d: &Decision) -> BTreeSet<String> {
    d.onbekend.iter().map(|f| f.to_string()).chain(d.niet_bepaald.iter().flat_map(|n| n.onbekend.iter().map(|f| f.to_string()))).collect()
}

/// The missing facts by rule (`in_aanmerking` for the eligibility's).
fn missing_by_rule(d: &Decision) -> Shown {
    let mut m: Shown = d.niet_bepaald.iter().map(|n| (n.regel.to_string(), n.onbekend.join(", "))).collect();
    if !d.onbekend.is_empty() {
        m.insert("in_aanmerking".into(), d.onbekend.join(", "));
    }
    m
}

/// For a decision that differs only in order or in a citation: the first
/// list that differs, as its rule ids in order (or its JSON when the ids are
/// the same: a citation or another text).
fn order_or_citation(a: &Decision, b: &Decision) -> (String, String) {
    let lists = |d: &Decision| -> Vec<(&'static str, Vec<String>, String)> {
        let ids = |v: Vec<&str>| v.into_iter().map(str::to_string).collect::<Vec<_>>();
        let json = |x: serde_json::Result<String>| x.unwrap_or_default();
        vec![
            ("redenen", ids(d.redenen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.redenen))),
            ("ontbreekt", ids(d.ontbreekt.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.ontbreekt))),
            ("deskundigen", ids(d.deskundigen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.deskundigen))),
            ("bedragen", ids(d.bedragen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.bedragen))),
            ("volgende_statussen", ids(d.volgende_statussen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.volgende_statussen))),
            ("termijnen", ids(d.termijnen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.termijnen))),
            ("waarschuwingen", ids(d.waarschuwingen.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.waarschuwingen))),
            ("uitkomsten", ids(d.uitkomsten.0.iter().map(|(k, _)| &**k).collect()), json(serde_json::to_string(&d.uitkomsten))),
            ("niet_bepaald", ids(d.niet_bepaald.iter().map(|x| &*x.regel).collect()), json(serde_json::to_string(&d.niet_bepaald))),
            ("onbekend", ids(d.onbekend.iter().map(|x| &**x).collect()), json(serde_json::to_string(&d.onbekend))),
        ]
    };
    for ((name, ia, ja), (_, ib, jb)) in lists(a).into_iter().zip(lists(b)) {
        if ja == jb {
            continue;
        }
        return if ia == ib { (format!("{name}: {ja}"), format!("{name}: {jb}")) } else { (format!("{name}: {}", ia.join(", ")), format!("{name}: {}", ib.join(", "))) };
    }
    ("(geen)".into(), "(geen)".into())
}

/// The decisions are equal apart from the receipt (which names the version),
/// field by field: the same as comparing their JSON without `regelset`.
pub fn same_json(a: &Decision, b: &Decision) -> bool {
    // Destructured so that a new field of `Decision` cannot be forgotten here.
    let Decision { regio, regelset: _, peildatum, aanvraag, in_aanmerking, redenen, ontbreekt, onbekend, deskundigen, bedragen, volgende_statussen, termijnen, waarschuwingen, uitkomsten, niet_bepaald, fouten } = a;
    (regio, peildatum, aanvraag, in_aanmerking, redenen, ontbreekt, onbekend) == (&b.regio, &b.peildatum, &b.aanvraag, &b.in_aanmerking, &b.redenen, &b.ontbreekt, &b.onbekend)
        && (deskundigen, bedragen, volgende_statussen, termijnen, waarschuwingen, uitkomsten, niet_bepaald) == (&b.deskundigen, &b.bedragen, &b.volgende_statussen, &b.termijnen, &b.waarschuwingen, &b.uitkomsten, &b.niet_bepaald)
        // A rule's error names the version's file in `plaats`: compare what failed, not where.
        && fouten.len() == b.fouten.len()
        && fouten.iter().zip(&b.fouten).all(|(x, y)| x.regel == y.regel && x.code == y.code && x.bericht == y.bericht)
}

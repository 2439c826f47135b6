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

pub(super) fn compare(a: &Decision, b: &Decision, n: usize, m: &Money) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let push = |out: &mut Vec<Change>, group: usize, details: Vec<String>, (oud, nieuw): (String, String)| {
        out.push(Change { group, details, example: Voorbeeld { regelnummer: n, aanvraag: b.aanvraag.to_string(), peildatum: b.peildatum, oud, nieuw } });
    };
    if a.in_aanmerking != b.in_aanmerking {
        push(&mut out, 0, vec![format!("{} -> {}", yes_no(a.in_aanmerking), yes_no(b.in_aanmerking))], (eligibility(a), eligibility(b)));
    }
    let amounts = |d: &Decision| -> Shown {
        d.bedragen.iter().map(|x| (x.regel.to_string(), format!("{} aan {} ({})", money(i128::from(x.bedrag_cent)), x.ontvanger, x.regeling))).collect()
    };
    let total = |t: Option<i128>| t.map(money).unwrap_or_else(|| "niet te bepalen".into());
    if a.bedragen != b.bedragen || m.0 != m.1 {
        let (ba, bb) = (amounts(a), amounts(b));
        let detail = match (m.0, m.1) {
            (Some(_), None) => Some("niet meer te bepalen"),
            (None, Some(_)) => Some("nu te bepalen"),
            (Some(x), Some(y)) if y > x => Some("hoger"),
            (Some(x), Some(y)) if y < x => Some("lager"),
            _ if ba != bb => Some("zelfde totaal, andere bedragen"),
            _ => None,
        };
        if let Some(detail) = detail {
            let (oa, ob) = changed_only(&ba, &bb);
            push(&mut out, 1, vec![detail.into()], (format!("totaal {}; {oa}", total(m.0)), format!("totaal {}; {ob}", total(m.1))));
        }
    }
    let experts = |d: &Decision| -> Shown {
        d.deskundigen
            .iter()
            .map(|x| {
                let org = x.organisatie.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
                (x.regel.to_string(), format!("{} [{}]{org}", x.rol, x.disciplines.join(", ")))
            })
            .collect()
    };
    let (ea, eb) = (experts(a), experts(b));
    if ea != eb || a.deskundigen.iter().map(|x| (&x.vorm, x.onafhankelijk)).ne(b.deskundigen.iter().map(|x| (&x.vorm, x.onafhankelijk))) {
        let mut details = keyed_details(&ea, &eb, "andere invulling");
        if details.is_empty() {
            details.push("andere invulling".into());
        }
        push(&mut out, 2, details, changed_only(&ea, &eb));
    }
    let statuses = |d: &Decision| -> Shown {
        d.volgende_statussen.iter().map(|s| (s.regel.to_string(), format!("{} [{}]", s.status, s.door))).collect()
    };
    let (sa, sb) = (statuses(a), statuses(b));
    if sa != sb {
        push(&mut out, 3, keyed_details(&sa, &sb, "andere status"), changed_only(&sa, &sb));
    }
    let deadlines = |d: &Decision| -> Shown {
        d.termijnen
            .iter()
            .map(|t| (t.regel.to_string(), format!("{} {} (voldaan: {}; grondslag: {})", t.soort, t.uiterlijk, yes_no(t.voldaan), t.grondslag)))
            .collect()
    };
    let (ta, tb) = (deadlines(a), deadlines(b));
    if ta != tb {
        push(&mut out, 4, keyed_details(&ta, &tb, "andere datum of grondslag"), changed_only(&ta, &tb));
    }
    let warnings = |d: &Decision| -> Shown {
        let mut m = Shown::new();
        for w in &d.waarschuwingen {
            m.entry(w.regel.to_string()).and_modify(|t| *t = format!("{t} | {}", w.tekst)).or_insert_with(|| w.tekst.to_string());
        }
        m
    };
    let (wa, wb) = (warnings(a), warnings(b));
    if wa != wb {
        push(&mut out, 5, keyed_details(&wa, &wb, "andere tekst"), changed_only(&wa, &wb));
    }
    let outcomes = |d: &Decision| -> Shown { d.uitkomsten.0.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() };
    let (ua, ub) = (outcomes(a), outcomes(b));
    if ua != ub {
        push(&mut out, 6, keyed_details(&ua, &ub, "andere waarde"), changed_only(&ua, &ub));
    }
    let same_outcome = out.iter().all(|c| c.group != 0);
    let reasons = |d: &Decision| -> Shown {
        let mut m: Shown = d.redenen.iter().map(|r| (r.regel.to_string(), format!("voldaan: {} ({})", r.tekst, r.bron))).collect();
        m.extend(d.ontbreekt.iter().map(|o| (o.regel.to_string(), format!("niet voldaan: {} ({})", o.eis, o.bron))));
        m
    };
    let (ra, rb) = (reasons(a), reasons(b));
    // Reasons of output rules change with their output (reported above); these are the eisen's.
    let eisen_only = |m: &Shown, d: &Decision| -> Shown {
        let outputs: BTreeSet<&str> = d
            .bedragen
            .iter()
            .map(|x| &*x.regel)
            .chain(d.deskundigen.iter().map(|x| &*x.regel))
            .chain(d.termijnen.iter().map(|x| &*x.regel))
            .chain(d.waarschuwingen.iter().map(|x| &*x.regel))
            .collect();
        m.iter().filter(|(k, _)| !outputs.contains(k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let (ra, rb) = (eisen_only(&ra, a), eisen_only(&rb, b));
    if same_outcome && ra != rb {
        push(&mut out, 7, keyed_details(&ra, &rb, "andere reden"), changed_only(&ra, &rb));
    }
    let missing = |d: &Decision| -> BTreeSet<String> {
        d.onbekend.iter().map(|f| f.to_string()).chain(d.niet_bepaald.iter().flat_map(|n| n.onbekend.iter().map(|f| f.to_string()))).collect()
    };
    let missing_by_rule = |d: &Decision| -> Shown {
        let mut m: Shown = d.niet_bepaald.iter().map(|n| (n.regel.to_string(), n.onbekend.join(", "))).collect();
        if !d.onbekend.is_empty() {
            m.insert("in_aanmerking".into(), d.onbekend.join(", "));
        }
        m
    };
    if same_outcome && (missing_by_rule(a) != missing_by_rule(b)) {
        let (fa, fb) = (missing(a), missing(b));
        let mut details = added_removed(&fa, &fb);
        if details.is_empty() {
            details.push("andere regels".into());
        }
        push(&mut out, 8, details, changed_only(&missing_by_rule(a), &missing_by_rule(b)));
    }
    if out.is_empty() && !same_json(a, b) {
        push(&mut out, 9, vec!["andere volgorde of toelichting".into()], order_or_citation(a, b));
    }
    out
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
    let Decision {
        regio,
        regelset: _,
        peildatum,
        aanvraag,
        in_aanmerking,
        redenen,
        ontbreekt,
        onbekend,
        deskundigen,
        bedragen,
        volgende_statussen,
        termijnen,
        waarschuwingen,
        uitkomsten,
        niet_bepaald,
    } = a;
    *regio == b.regio
        && *peildatum == b.peildatum
        && *aanvraag == b.aanvraag
        && *in_aanmerking == b.in_aanmerking
        && *redenen == b.redenen
        && *ontbreekt == b.ontbreekt
        && *onbekend == b.onbekend
        && *deskundigen == b.deskundigen
        && *bedragen == b.bedragen
        && *volgende_statussen == b.volgende_statussen
        && *termijnen == b.termijnen
        && *waarschuwingen == b.waarschuwingen
        && *uitkomsten == b.uitkomsten
        && *niet_bepaald == b.niet_bepaald
}

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

mod varianten;
mod voetafdruk;

pub use voetafdruk::{footprints, Voetafdruk};

use super::impact::{Geldigheid, Gevonden};
use super::source::Loaded;
use crate::decision::Decision;
use crate::dossier::decode;
use crate::eval::decide;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value as Json;
use varianten::{set, split_label, variations, Ingredients};

/// Candidate dossiers tried per change (one-field and two-field variations).
const BUDGET: usize = 6000;

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
    let regio = &*new.program.header().regio;
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
    let d = |s: &Loaded| decode(&s.vocab, json, today).ok().map(|x| decide(&s.program, &x));
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

/// The witnesses as NDJSON: one dossier per line, in the report's order.
pub fn ndjson(getuigen: &[Getuige]) -> String {
    let mut s = String::new();
    for d in getuigen.iter().filter_map(|g| g.dossier.as_ref()) {
        s.push_str(&d.to_string());
        s.push('\n');
    }
    s
}

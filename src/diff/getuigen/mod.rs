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

pub use voetafdruk::{differing_items, footprints, Voetafdruk};

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
    let versions = Versions { old, new, today };
    let results: Vec<Getuige> =
        fps.par_iter().enumerate().map(|(i, fp)| witness(fp, found.get(i).cloned().flatten(), versions, examples, periods)).collect();
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

/// The two versions a witness is decided under, and the date for a dossier without peildatum.
#[derive(Clone, Copy)]
struct Versions<'a> {
    old: &'a Loaded,
    new: &'a Loaded,
    today: NaiveDate,
}

impl Versions<'_> {
    /// Both decisions of one dossier; `None` when it is not decidable under either.
    fn both(&self, json: &Json) -> Option<(Decision, Decision)> {
        let d = |s: &Loaded| decode(&s.vocab, json, self.today).ok().map(|x| decide(&s.program, &x));
        Some((d(self.old)?, d(self.new)?))
    }
}

/// A dossier that shows a change, with where it came from and its two decisions.
struct Shows {
    label: String,
    dossier: Json,
    a: Decision,
    b: Decision,
}

/// What the search over the example dossiers found.
#[derive(Default)]
struct Search {
    /// A dossier that shows the change in what the decision says.
    strong: Option<Shows>,
    /// One that shows it only in its missing facts, kept in reserve.
    reserve: Option<Shows>,
    tried: usize,
    bases: usize,
}

fn witness(fp: &Voetafdruk, found: Option<Gevonden>, versions: Versions, examples: &[(String, Json)], periods: Option<(Geldigheid, Geldigheid)>) -> Getuige {
    let mut g = Getuige { wijziging: fp.wijziging.clone(), status: "niet_gevonden", toelichting: String::new(), getuigen_regel: None, oud: None, nieuw: None, dossier: None };
    if let Some(why) = &fp.onzichtbaar {
        g.status = "niet_waarneembaar";
        g.toelichting = format!("geen dossier kan dit zien: {why}");
        return g;
    }
    // A dossier from the input that shows the change in what the decision says is taken as is;
    // one that shows it only in missing facts is used when no example can do better.
    let input = found.and_then(|f| from_input(fp, f, versions));
    let weak_input = match input {
        Some((s, false)) => return shown_by(g, fp, "uit_dossiers", s, ""),
        other => other.map(|(s, _)| s),
    };
    let bases = bases(fp, examples, versions, periods);
    let search = search(fp, &bases, versions);
    if let Some(s) = search.strong {
        return shown_by(g, fp, "geconstrueerd", s, "; beslist onder beide versies");
    }
    if let Some(s) = weak_input {
        return shown_by(g, fp, "uit_dossiers", s, "");
    }
    if let Some(s) = search.reserve {
        return shown_by(g, fp, "geconstrueerd", s, "; beslist onder beide versies (het verschil zit in de ontbrekende feiten)");
    }
    g.toelichting = if search.bases == 0 {
        "geen voorbeelddossier van deze aanvraagsoort gevonden om van uit te gaan".into()
    } else {
        format!("geen dossier gevonden na {} pogingen vanuit {} voorbeeld(en)", search.tried, search.bases)
    };
    g
}

/// The witness from a dossier that shows the change.
fn shown_by(mut g: Getuige, fp: &Voetafdruk, status: &'static str, s: Shows, after: &str) -> Getuige {
    g.status = status;
    g.toelichting = format!("{}{after}", s.label);
    (g.oud, g.nieuw) = shown(fp, &s.a, &s.b);
    g.dossier = Some(s.dossier);
    g
}

/// The input dossier found for this change, if it shows it; `true`: only in its missing facts.
fn from_input(fp: &Voetafdruk, f: Gevonden, versions: Versions) -> Option<(Shows, bool)> {
    let dossier = serde_json::from_str::<Json>(&f.dossier).ok()?;
    let (a, b) = versions.both(&dossier).filter(|(a, b)| fp.observes(a, b))?;
    Some((Shows { label: format!("--dossiers, invoerregel {}", f.regelnummer), dossier, a, b }, f.zwak))
}

/// The example dossiers of the region and request kind to start from: those
/// whose peildatum lies where both versions are in force first, then eligible ones.
fn bases<'e>(fp: &Voetafdruk, examples: &'e [(String, Json)], versions: Versions, periods: Option<(Geldigheid, Geldigheid)>) -> Vec<(&'e String, &'e Json)> {
    let regio = &*versions.new.program.header().regio;
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
        .map(|(n, j)| (n, j, versions.both(j).is_some_and(|(a, _)| a.in_aanmerking == Some(true))))
        .collect();
    bases.sort_by_key(|(n, j, eligible)| (!in_force(j), !eligible, (*n).clone()));
    bases.into_iter().map(|(n, j, _)| (n, j)).collect()
}

/// Tries the variations of each base until one shows the change in what the decision says.
fn search(fp: &Voetafdruk, bases: &[(&String, &Json)], versions: Versions) -> Search {
    let ing = Ingredients::of(fp, [&versions.old.program, &versions.new.program]);
    let mut search = Search { bases: bases.len(), ..Search::default() };
    for (name, base) in bases {
        for (label, c) in candidates(base, &ing, &versions.old.vocab) {
            search.tried += 1;
            if search.tried > BUDGET * 4 {
                break;
            }
            let Some((a, b)) = versions.both(&c).filter(|(a, b)| fp.observes(a, b)) else { continue };
            let shows = Shows { label: format!("voorbeeld {name}, {label}"), dossier: c, a, b };
            if fp.observes_substance(&shows.a, &shows.b) {
                search.strong = Some(shows);
                return search;
            }
            search.reserve.get_or_insert(shows);
        }
    }
    search
}

/// A base dossier as is, then its one-field variations, then two fields at a time (within the budget).
fn candidates(base: &Json, ing: &Ingredients, vocab: &crate::vocab::Vocabulary) -> Vec<(String, Json)> {
    let variations = variations(base, ing, vocab);
    let mut candidates: Vec<(String, Json)> = vec![("ongewijzigd".into(), base.clone())];
    candidates.extend(variations.iter().cloned());
    for (i, (la, _)) in variations.iter().enumerate() {
        for (lb, vb) in variations.iter().skip(i + 1) {
            if candidates.len() > BUDGET {
                return candidates;
            }
            if la.split(" = ").next() == lb.split(" = ").next() {
                continue;
            }
            let (path, value) = split_label(la);
            let mut two = vb.clone();
            set(&mut two, &path, value);
            candidates.push((format!("{la}, {lb}"), two));
        }
    }
    candidates
}

/// The footprint's part of the two decisions: only the items that differ,
/// as short text (as JSON where the short texts would look the same).
fn shown(fp: &Voetafdruk, a: &Decision, b: &Decision) -> (Option<String>, Option<String>) {
    let (pa, pb) = if fp.hele_beslissing || fp.volgorde { (whole(a), whole(b)) } else { (fp.items(a), fp.items(b)) };
    let (oud, nieuw) = differing_items(&pa, &pb);
    (Some(oud), Some(nieuw))
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

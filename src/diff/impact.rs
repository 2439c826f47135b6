//! The impact of a new rule set on real (or generated) dossiers: every
//! dossier is decided under both versions, and the decisions that differ are
//! counted by what differs (eligibility, amounts, deskundigen, statuses,
//! deadlines, warnings, outcomes), with the money difference in cents and a
//! few example dossiers per group. Dossiers are decided in parallel in
//! chunks; the report does not depend on the number of threads.

use crate::value::money_literal as money;
use super::source::Loaded;
use crate::decision::Decision;
use crate::dossier::decode;
use crate::eval::decide;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;

/// Example dossiers kept per group.
pub const EXAMPLES: usize = 3;
/// Lines decided per parallel chunk.
const CHUNK: usize = 8192;

/// The groups, in report order: (key, what a person reads).
pub const GROUPS: &[(&str, &str)] = &[
    ("in_aanmerking", "in aanmerking"),
    ("bedragen", "bedragen"),
    ("deskundigen", "deskundigen"),
    ("volgende_statussen", "volgende statussen"),
    ("termijnen", "termijnen"),
    ("waarschuwingen", "waarschuwingen"),
    ("uitkomsten", "uitkomsten"),
];

/// One dossier whose decision changed in a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Voorbeeld {
    /// Line number in the NDJSON input (from 1).
    pub regelnummer: usize,
    pub aanvraag: String,
    pub peildatum: NaiveDate,
    pub oud: String,
    pub nieuw: String,
}

/// The decisions that changed in one respect.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Groep {
    pub groep: &'static str,
    pub aantal: usize,
    /// What changed, with how many decisions: `ja -> nee`, `+ regel`, `- regel`, ...
    pub details: Vec<(String, usize)>,
    pub voorbeelden: Vec<Voorbeeld>,
}

/// Money under both versions, over all decided dossiers.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Geld {
    pub oud_cent: i64,
    pub nieuw_cent: i64,
    pub verschil_cent: i64,
    /// Dossiers that get more / less money under the new version.
    pub meer: usize,
    pub minder: usize,
}

/// The impact report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Impact {
    /// Non-empty lines read.
    pub dossiers: usize,
    /// Decided under both versions.
    pub beslist: usize,
    /// Of another region than the rule sets (not decided).
    pub andere_regio: usize,
    /// Not a valid dossier, or not decidable, under either version.
    pub fouten: usize,
    /// Decisions that differ in at least one group.
    pub gewijzigd: usize,
    pub groepen: Vec<Groep>,
    pub geld: Geld,
}

/// What one dossier contributes.
enum Outcome {
    Empty,
    OtherRegion,
    Error,
    Decided { money: (i64, i64), changes: Vec<Change> },
}

struct Change {
    group: usize,
    details: Vec<String>,
    example: Voorbeeld,
}

/// Decides every dossier of an NDJSON stream under both rule sets.
pub fn impact(old: &Loaded, new: &Loaded, input: impl BufRead, today: NaiveDate) -> std::io::Result<Impact> {
    let mut report = Impact::default();
    let mut tallies: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); GROUPS.len()];
    let mut counts = vec![0usize; GROUPS.len()];
    let mut examples: Vec<Vec<Voorbeeld>> = vec![Vec::new(); GROUPS.len()];
    let mut lines = input.lines();
    let mut line_no = 0usize;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for line in lines.by_ref().take(CHUNK) {
            line_no += 1;
            chunk.push((line_no, line?));
        }
        if chunk.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = chunk.par_iter().map(|(n, line)| one(old, new, *n, line, today)).collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Empty => continue,
                Outcome::OtherRegion => report.andere_regio += 1,
                Outcome::Error => report.fouten += 1,
                Outcome::Decided { money: (o, n), changes } => {
                    report.beslist += 1;
                    report.geld.oud_cent += o;
                    report.geld.nieuw_cent += n;
                    if n > o {
                        report.geld.meer += 1;
                    } else if n < o {
                        report.geld.minder += 1;
                    }
                    if !changes.is_empty() {
                        report.gewijzigd += 1;
                    }
                    for c in changes {
                        if let Some(count) = counts.get_mut(c.group) {
                            *count += 1;
                        }
                        if let Some(t) = tallies.get_mut(c.group) {
                            for d in c.details {
                                *t.entry(d).or_insert(0) += 1;
                            }
                        }
                        if let Some(ex) = examples.get_mut(c.group).filter(|e| e.len() < EXAMPLES) {
                            ex.push(c.example);
                        }
                    }
                }
            }
            report.dossiers += 1;
        }
    }
    report.geld.verschil_cent = report.geld.nieuw_cent - report.geld.oud_cent;
    for (i, (key, _)) in GROUPS.iter().enumerate() {
        let aantal = counts.get(i).copied().unwrap_or(0);
        if aantal == 0 {
            continue;
        }
        let mut details: Vec<(String, usize)> = tallies.get(i).cloned().unwrap_or_default().into_iter().collect();
        details.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        report.groepen.push(Groep { groep: key, aantal, details, voorbeelden: examples.get(i).cloned().unwrap_or_default() });
    }
    Ok(report)
}

fn one(old: &Loaded, new: &Loaded, n: usize, line: &str, today: NaiveDate) -> Outcome {
    if line.trim().is_empty() {
        return Outcome::Empty;
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(line) else { return Outcome::Error };
    let decide_under = |side: &Loaded| -> Result<Option<Decision>, ()> {
        let dossier = decode(&side.vocab, &json, today).map_err(|_| ())?;
        if dossier.regio != side.program.header.regio {
            return Ok(None);
        }
        Ok(Some(decide(&side.program, &dossier)))
    };
    match (decide_under(old), decide_under(new)) {
        (Ok(Some(a)), Ok(Some(b))) => {
            let money = (total(&a), total(&b));
            Outcome::Decided { money, changes: compare(&a, &b, n) }
        }
        (Ok(None), _) | (_, Ok(None)) => Outcome::OtherRegion,
        _ => Outcome::Error,
    }
}

fn total(d: &Decision) -> i64 {
    d.bedragen.iter().map(|b| b.bedrag_cent).sum()
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "ja",
        Some(false) => "nee",
        None => "onbekend",
    }
}

/// Rule ids present on one side only: `+ id` (new only), `- id` (old only).
fn added_removed(old: &BTreeSet<String>, new: &BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = new.difference(old).map(|r| format!("+ {r}")).collect();
    v.extend(old.difference(new).map(|r| format!("- {r}")));
    v
}

fn compare(a: &Decision, b: &Decision, n: usize) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |group: usize, details: Vec<String>, oud: String, nieuw: String| {
        let none = |s: String| if s.is_empty() { "(geen)".to_string() } else { s };
        let (oud, nieuw) = (none(oud), none(nieuw));
        out.push(Change { group, details, example: Voorbeeld { regelnummer: n, aanvraag: b.aanvraag.to_string(), peildatum: b.peildatum, oud, nieuw } });
    };
    let ontbreekt = |d: &Decision| d.ontbreekt.iter().map(|o| o.regel.to_string()).collect::<Vec<_>>();
    if a.in_aanmerking != b.in_aanmerking {
        let show = |d: &Decision| {
            let missing = ontbreekt(d);
            if missing.is_empty() {
                yes_no(d.in_aanmerking).to_string()
            } else {
                format!("{} (ontbreekt: {})", yes_no(d.in_aanmerking), missing.join(", "))
            }
        };
        push(0, vec![format!("{} -> {}", yes_no(a.in_aanmerking), yes_no(b.in_aanmerking))], show(a), show(b));
    }
    let amounts = |d: &Decision| d.bedragen.iter().map(|x| format!("{} {} {}", x.regel, x.bedrag_cent, x.ontvanger)).collect::<BTreeSet<_>>();
    if a.bedragen != b.bedragen && amounts(a) != amounts(b) {
        let (ta, tb) = (total(a), total(b));
        let detail = match tb.cmp(&ta) {
            std::cmp::Ordering::Greater => "hoger",
            std::cmp::Ordering::Less => "lager",
            std::cmp::Ordering::Equal => "zelfde totaal, andere bedragen",
        };
        push(1, vec![detail.into()], money(ta), money(tb));
    }
    let experts = |d: &Decision| {
        d.deskundigen
            .iter()
            .map(|x| {
                let mut disc: Vec<&str> = x.disciplines.iter().map(|s| &**s).collect();
                disc.sort();
                format!("{} {} {:?} {:?} {:?}", x.rol, disc.join("/"), x.onafhankelijk, x.organisatie, x.vorm)
            })
            .collect::<BTreeSet<_>>()
    };
    if a.deskundigen != b.deskundigen && experts(a) != experts(b) {
        let ids = |d: &Decision| d.deskundigen.iter().map(|x| x.regel.to_string()).collect::<BTreeSet<_>>();
        let mut details = added_removed(&ids(a), &ids(b));
        if details.is_empty() {
            details.push("andere invulling".into());
        }
        let show = |d: &Decision| d.deskundigen.iter().map(|x| format!("{} ({})", x.rol, x.regel)).collect::<Vec<_>>().join(", ");
        push(2, details, show(a), show(b));
    }
    let statuses = |d: &Decision| d.volgende_statussen.iter().map(|s| format!("{} [{}]", s.status, s.door)).collect::<BTreeSet<_>>();
    if a.volgende_statussen != b.volgende_statussen && statuses(a) != statuses(b) {
        let (sa, sb) = (statuses(a), statuses(b));
        let show = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join("; ");
        push(3, added_removed(&sa, &sb), show(&sa), show(&sb));
    }
    let deadlines = |d: &Decision| d.termijnen.iter().map(|t| format!("{} {} {} {:?}", t.regel, t.uiterlijk, t.soort, t.voldaan)).collect::<BTreeSet<_>>();
    if a.termijnen != b.termijnen && deadlines(a) != deadlines(b) {
        let ids = |d: &Decision| d.termijnen.iter().map(|t| t.regel.to_string()).collect::<BTreeSet<_>>();
        let mut details = added_removed(&ids(a), &ids(b));
        if details.is_empty() {
            details.push("andere datum".into());
        }
        let show = |d: &Decision| {
            d.termijnen.iter().map(|t| format!("{} {} {} (voldaan: {})", t.regel, t.soort, t.uiterlijk, yes_no(t.voldaan))).collect::<Vec<_>>().join(", ")
        };
        push(4, details, show(a), show(b));
    }
    let warnings = |d: &Decision| d.waarschuwingen.iter().map(|w| format!("{}: {}", w.regel, w.tekst)).collect::<BTreeSet<_>>();
    if a.waarschuwingen != b.waarschuwingen && warnings(a) != warnings(b) {
        let ids = |d: &Decision| d.waarschuwingen.iter().map(|w| w.regel.to_string()).collect::<BTreeSet<_>>();
        let mut details = added_removed(&ids(a), &ids(b));
        if details.is_empty() {
            details.push("andere tekst".into());
        }
        let show = |d: &Decision| ids(d).into_iter().collect::<Vec<_>>().join(", ");
        push(5, details, show(a), show(b));
    }
    if a.uitkomsten != b.uitkomsten {
        let names = |d: &Decision| d.uitkomsten.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<BTreeSet<_>>();
        let (na, nb) = (names(a), names(b));
        let keys = |s: &Decision| s.uitkomsten.0.iter().map(|(k, _)| k.to_string()).collect::<BTreeSet<_>>();
        let mut details = added_removed(&keys(a), &keys(b));
        if details.is_empty() {
            details.push("andere waarde".into());
        }
        push(6, details, na.into_iter().collect::<Vec<_>>().join(", "), nb.into_iter().collect::<Vec<_>>().join(", "));
    }
    out
}

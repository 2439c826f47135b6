//! The impact of a new rule set on real (or generated) dossiers: every
//! dossier is decided under both versions, and the decisions that differ are
//! counted by what differs (eligibility, amounts, deskundigen, statuses,
//! deadlines, warnings, outcomes, reasons, missing facts, order), with the
//! money difference in cents and a few example dossiers per group.
//!
//! The input is framed exactly as `eval --ndjson` frames it
//! (`engine::ndjson::Frames`): a blank line is `leeg`, an over-long one a
//! `fout`, and every line is counted. Which dossiers count is explicit
//! (`Modus`): by default only those whose peildatum falls where both
//! compared versions are the ones in force (the others are `andere_versie`);
//! with `--alle-peildata` every dossier is decided under both. Batches are
//! decided in parallel; the report does not depend on the number of threads.

use super::getuigen::Voetafdruk;
use super::source::Loaded;
use super::show::{money, yes_no};
use crate::decision::Decision;
use crate::dossier::{decode_slice, DecodePlan};
use crate::engine::ndjson::{frame_error, Frames};
use crate::eval::decide;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// Example dossiers kept per group.
pub const EXAMPLES: usize = 3;

/// The groups, in report order: (key, what a person reads).
pub const GROUPS: &[(&str, &str)] = &[
    ("in_aanmerking", "in aanmerking"),
    ("bedragen", "bedragen"),
    ("deskundigen", "deskundigen"),
    ("volgende_statussen", "volgende statussen"),
    ("termijnen", "termijnen"),
    ("waarschuwingen", "waarschuwingen"),
    ("uitkomsten", "uitkomsten"),
    ("redenen", "andere redenen, zelfde uitkomst"),
    ("ontbrekende_feiten", "andere ontbrekende feiten"),
    ("volgorde", "andere volgorde of toelichting"),
];

/// The period in which one compared version is the one in force (the
/// engine's rule: the latest version whose `geldig_vanaf` is on or before
/// the peildatum; the oldest also before its first day).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Geldigheid {
    /// First day; `None`: the oldest version, also used before its first day.
    pub vanaf: Option<NaiveDate>,
    /// The first day of the next version; `None`: no later version.
    pub tot: Option<NaiveDate>,
}

impl Geldigheid {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.vanaf.is_none_or(|v| v <= d) && self.tot.is_none_or(|t| d < t)
    }
}

/// Which dossiers are decided under both versions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Modus {
    /// Only dossiers whose peildatum lies in both periods (the default).
    Peildatum { oud: Geldigheid, nieuw: Geldigheid },
    /// Every dossier under both versions (`--alle-peildata`).
    AllePeildata,
}

/// One dossier whose decision changed in a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Voorbeeld {
    /// Line number in the NDJSON input (from 1).
    pub regelnummer: usize,
    pub aanvraag: String,
    pub peildatum: NaiveDate,
    /// What changed, old side: only the items that differ.
    pub oud: String,
    /// What changed, new side.
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

/// Money under both versions (cents, summed without overflow in 128 bits),
/// over the dossiers whose amounts are known under both.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Geld {
    pub oud_cent: i128,
    pub nieuw_cent: i128,
    pub verschil_cent: i128,
    /// Dossiers that get more / less money under the new version.
    pub meer: usize,
    pub minder: usize,
    /// Amount known under the old version, not under the new (facts missing).
    pub niet_meer_te_bepalen: usize,
    /// Amount unknown under the old version, known under the new.
    pub nu_te_bepalen: usize,
}

/// The impact report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Impact {
    /// `peildatum` (a dossier counts where both versions are in force) or `alle_peildata`.
    pub modus: &'static str,
    /// In `peildatum` mode: where each compared version is in force.
    pub geldig_oud: Option<Geldigheid>,
    pub geldig_nieuw: Option<Geldigheid>,
    /// Lines read (as `eval --ndjson` answers them: one per line).
    pub regels: usize,
    /// Blank lines (`eval --ndjson`: fout `leeg`).
    pub leeg: usize,
    /// Non-blank lines.
    pub dossiers: usize,
    /// Decided under both versions.
    pub beslist: usize,
    /// Of another region than the rule sets (not decided).
    pub andere_regio: usize,
    /// Decided in production by another version on their peildatum (not compared).
    pub andere_versie: usize,
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
    OtherVersion,
    Error,
    /// `witnessed`: (footprint, only in missing facts).
    Decided { money: Money, changes: Vec<Change>, witnessed: Vec<(usize, bool)> },
}

/// A dossier's total under both versions; `None`: not determinable.
struct Money(Option<i128>, Option<i128>);

struct Change {
    group: usize,
    details: Vec<String>,
    example: Voorbeeld,
}

/// A dossier from the input that shows a change.
#[derive(Debug, Clone)]
pub struct Gevonden {
    pub regelnummer: usize,
    pub dossier: String,
    /// The difference shows only in which facts are missing (`niet_bepaald`).
    pub zwak: bool,
}

/// One side, ready to decide JSON text.
struct Side<'a> {
    loaded: &'a Loaded,
    plan: DecodePlan,
    bedrag_rules: BTreeSet<&'a str>,
}

impl<'a> Side<'a> {
    fn new(loaded: &'a Loaded) -> Self {
        Side { loaded, plan: DecodePlan::new(&loaded.vocab), bedrag_rules: bedrag_rules(&loaded.program) }
    }
}

/// The ids of the `bedrag` rules of a program (`aanvraag.regel`).
pub fn bedrag_rules(p: &crate::compile::Program) -> BTreeSet<&str> {
    p.aanvragen
        .iter()
        .flat_map(|a| a.rules.iter())
        .filter(|r| matches!(r.kind, crate::check::model::RuleKind::Bedrag { .. }))
        .map(|r| &*r.id)
        .collect()
}

/// The total amount of a decision, or `None` when it cannot be determined:
/// its request kind has `bedrag` rules and eligibility is unknown (amounts
/// are only computed for an eligible dossier), or a `bedrag` rule could not
/// be computed for lack of facts. A kind without `bedrag` rules has € 0.
pub fn amount(d: &Decision, bedrag_rules: &BTreeSet<&str>) -> Option<i128> {
    let has_amounts = bedrag_rules.iter().any(|r| r.split_once('.').is_some_and(|(soort, _)| soort == &*d.aanvraag));
    if (has_amounts && d.in_aanmerking.is_none()) || d.niet_bepaald.iter().any(|n| bedrag_rules.contains(&*n.regel)) {
        return None;
    }
    Some(d.bedragen.iter().map(|b| i128::from(b.bedrag_cent)).sum())
}

/// Decides every dossier of an NDJSON stream under both rule sets; also
/// returns, per footprint, the first dossier that shows it.
pub fn impact(
    old: &Loaded,
    new: &Loaded,
    input: impl Read,
    today: NaiveDate,
    modus: Modus,
    footprints: &[Voetafdruk],
) -> std::io::Result<(Impact, Vec<Option<Gevonden>>)> {
    let (so, sn) = (Side::new(old), Side::new(new));
    let mut report = Impact::default();
    match modus {
        Modus::AllePeildata => report.modus = "alle_peildata",
        Modus::Peildatum { oud, nieuw } => {
            report.modus = "peildatum";
            report.geldig_oud = Some(oud);
            report.geldig_nieuw = Some(nieuw);
        }
    }
    let mut tallies: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); GROUPS.len()];
    let mut counts = vec![0usize; GROUPS.len()];
    let mut examples: Vec<Vec<Voorbeeld>> = vec![Vec::new(); GROUPS.len()];
    let mut found: Vec<Option<Gevonden>> = vec![None; footprints.len()];
    let mut frames = Frames::new(input);
    while let Some((data, lines)) = frames.next_batch()? {
        let outcomes: Vec<Outcome> = lines
            .par_iter()
            .map(|line| {
                let text = data.get(line.range.clone()).unwrap_or_default();
                match frame_error(line, text) {
                    Some(e) if e.code == "leeg" => Outcome::Empty,
                    Some(_) => Outcome::Error,
                    None => one(&so, &sn, line.regelnummer, text, today, modus, footprints),
                }
            })
            .collect();
        for (line, outcome) in lines.iter().zip(outcomes) {
            report.regels += 1;
            match outcome {
                Outcome::Empty => report.leeg += 1,
                Outcome::OtherRegion => report.andere_regio += 1,
                Outcome::OtherVersion => report.andere_versie += 1,
                Outcome::Error => report.fouten += 1,
                Outcome::Decided { money, changes, witnessed } => {
                    report.beslist += 1;
                    add_money(&mut report.geld, &money);
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
                    for (w, zwak) in witnessed {
                        // The first line that shows it; a later one that shows it in substance replaces a weak one.
                        if let Some(slot) = found.get_mut(w).filter(|s| s.as_ref().is_none_or(|g| g.zwak && !zwak)) {
                            let text = data.get(line.range.clone()).unwrap_or_default();
                            *slot = Some(Gevonden { regelnummer: line.regelnummer, dossier: String::from_utf8_lossy(text).trim().to_string(), zwak });
                        }
                    }
                }
            }
        }
    }
    report.dossiers = report.regels - report.leeg;
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
    Ok((report, found))
}

fn add_money(g: &mut Geld, m: &Money) {
    match (m.0, m.1) {
        (Some(o), Some(n)) => {
            // 128 bits: a sum of i64 amounts over any number of lines a machine can read cannot overflow.
            g.oud_cent += o;
            g.nieuw_cent += n;
            if n > o {
                g.meer += 1;
            } else if n < o {
                g.minder += 1;
            }
        }
        (Some(_), None) => g.niet_meer_te_bepalen += 1,
        (None, Some(_)) => g.nu_te_bepalen += 1,
        (None, None) => {}
    }
}

/// Decides one dossier text under one side (`Ok(None)`: another region).
fn decide_under(side: &Side, text: &[u8], today: NaiveDate) -> Result<Option<Decision>, ()> {
    let dossier = decode_slice(&side.loaded.vocab, &side.plan, text, today).map_err(|_| ())?;
    if dossier.regio != side.loaded.program.header.regio {
        return Ok(None);
    }
    decide(&side.loaded.program, &dossier).map(Some).map_err(|_| ())
}

fn one(old: &Side, new: &Side, n: usize, text: &[u8], today: NaiveDate, modus: Modus, footprints: &[Voetafdruk]) -> Outcome {
    match (decide_under(old, text, today), decide_under(new, text, today)) {
        (Ok(Some(a)), Ok(Some(b))) => {
            if let Modus::Peildatum { oud, nieuw } = modus {
                if !oud.contains(a.peildatum) || !nieuw.contains(b.peildatum) {
                    return Outcome::OtherVersion;
                }
            }
            let money = Money(amount(&a, &old.bedrag_rules), amount(&b, &new.bedrag_rules));
            let changes = compare(&a, &b, n, &money);
            let witnessed = if changes.is_empty() {
                Vec::new()
            } else {
                footprints.iter().enumerate().filter(|(_, f)| f.observes(&a, &b)).map(|(i, f)| (i, !f.observes_substance(&a, &b))).collect()
            };
            Outcome::Decided { money, changes, witnessed }
        }
        (Ok(None), _) | (_, Ok(None)) => Outcome::OtherRegion,
        _ => Outcome::Error,
    }
}

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

fn compare(a: &Decision, b: &Decision, n: usize, m: &Money) -> Vec<Change> {
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

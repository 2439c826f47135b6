//! The impact of a new rule set on real (or generated) dossiers: every
//! dossier is decided under both versions, and the decisions that differ are
//! counted by what differs (eligibility, amounts, deskundigen, statuses,
//! deadlines, warnings, outcomes, reasons, missing facts, order), with the
//! money difference in cents and a few example dossiers per group; and,
//! read from the evaluator's trace (`oorzaken`), which rules decide each
//! changed dossier differently, counted per rule.
//!
//! The input is framed exactly as `eval --ndjson` frames it
//! (`engine::ndjson::Frames`): a blank line is `leeg`, an over-long one a
//! `fout`, and every line is counted. Which dossiers count is explicit
//! (`Modus`): by default only those whose peildatum falls where both
//! compared versions are the ones in force (the others are `andere_versie`);
//! with `--alle-peildata` every dossier is decided under both. Batches are
//! decided in parallel; the report does not depend on the number of threads.

use super::getuigen::Voetafdruk;
use super::groepen::compare;
pub use super::groepen::same_json;
use super::oorzaken::{differing_rules, RegelVerschil};
use super::source::Loaded;
use crate::decision::Decision;
use crate::dossier::{decode_slice, DecodePlan, Dossier, DossierError};
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
    /// The rules whose result differs for this dossier (from the trace;
    /// empty in the examples of `per_regel`, which are about one rule).
    pub regelverschillen: Vec<RegelVerschil>,
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
    /// Per rule whose result differs in a changed decision: in how many, as
    /// cause and as consequence of an eligibility change (most first).
    pub per_regel: Vec<RegelImpact>,
    /// Changed decisions in which no rule's result differs (a header text, the order of items).
    pub zonder_regelverschil: usize,
}

/// The changed decisions one rule accounts for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegelImpact {
    /// The rule id (`aanvraag.regel`, `workflow.w.overgang`).
    pub regel: String,
    /// Decisions in which this rule's result differs, not only because the eligibility did.
    pub oorzaak: usize,
    /// Decisions in which its result differs only because the eligibility did.
    pub gevolg: usize,
    /// How it differs, with counts: `voldaan -> niet voldaan`, `andere waarde`, ...
    pub details: Vec<(String, usize)>,
    /// The first dossiers, with this rule's result under each version.
    pub voorbeelden: Vec<Voorbeeld>,
}

/// What one dossier contributes.
enum Outcome {
    Empty,
    OtherRegion,
    OtherVersion,
    Error,
    /// `witnessed`: (footprint, only in missing facts); `rules`: the rules whose result differs.
    Decided { money: Money, changes: Vec<Change>, witnessed: Vec<(usize, bool)>, rules: Vec<RegelVerschil> },
}

/// A dossier's total under both versions; `None`: not determinable.
pub(super) struct Money(pub Option<i128>, pub Option<i128>);

pub(super) struct Change {
    pub group: usize,
    pub details: Vec<String>,
    pub example: Voorbeeld,
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
    let mut tally = Tally::new(modus, footprints.len());
    let mut frames = Frames::new(input);
    while let Some((data, lines)) = frames.next_batch()? {
        let outcomes: Vec<Outcome> = lines
            .par_iter()
            .map(|line| {
                let text = data.get(line.range.clone()).unwrap_or_default();
                match frame_error(line, text) {
                    Some(DossierError::Leeg(_)) => Outcome::Empty,
                    Some(_) => Outcome::Error,
                    None => one(&so, &sn, line.regelnummer, text, today, modus, footprints),
                }
            })
            .collect();
        for (line, outcome) in lines.iter().zip(outcomes) {
            tally.add(outcome, || (line.regelnummer, String::from_utf8_lossy(data.get(line.range.clone()).unwrap_or_default()).trim().to_string()));
        }
    }
    Ok(tally.finish())
}

/// The report being counted, line by line.
struct Tally {
    report: Impact,
    counts: Vec<usize>,
    details: Vec<BTreeMap<String, usize>>,
    examples: Vec<Vec<Voorbeeld>>,
    rules: BTreeMap<String, RegelImpact>,
    found: Vec<Option<Gevonden>>,
}

impl Tally {
    fn new(modus: Modus, footprints: usize) -> Self {
        let mut report = Impact::default();
        match modus {
            Modus::AllePeildata => report.modus = "alle_peildata",
            Modus::Peildatum { oud, nieuw } => {
                report.modus = "peildatum";
                report.geldig_oud = Some(oud);
                report.geldig_nieuw = Some(nieuw);
            }
        }
        Tally {
            report,
            counts: vec![0; GROUPS.len()],
            details: vec![BTreeMap::new(); GROUPS.len()],
            examples: vec![Vec::new(); GROUPS.len()],
            rules: BTreeMap::new(),
            found: vec![None; footprints],
        }
    }

    /// Counts one line; `line` gives its number and text when a witness needs them.
    fn add(&mut self, outcome: Outcome, line: impl Fn() -> (usize, String)) {
        let r = &mut self.report;
        r.regels += 1;
        match outcome {
            Outcome::Empty => r.leeg += 1,
            Outcome::OtherRegion => r.andere_regio += 1,
            Outcome::OtherVersion => r.andere_versie += 1,
            Outcome::Error => r.fouten += 1,
            Outcome::Decided { money, changes, witnessed, rules } => {
                r.beslist += 1;
                add_money(&mut r.geld, &money);
                if !changes.is_empty() {
                    r.gewijzigd += 1;
                    r.zonder_regelverschil += usize::from(rules.is_empty());
                }
                if let Some(first) = changes.first() {
                    self.add_rules(&first.example, &rules);
                }
                self.add_changes(changes, &rules);
                self.add_witnesses(&witnessed, line);
            }
        }
    }

    fn add_changes(&mut self, changes: Vec<Change>, rules: &[RegelVerschil]) {
        for c in changes {
            if let Some(count) = self.counts.get_mut(c.group) {
                *count += 1;
            }
            if let Some(t) = self.details.get_mut(c.group) {
                for d in c.details {
                    *t.entry(d).or_insert(0) += 1;
                }
            }
            if let Some(ex) = self.examples.get_mut(c.group).filter(|e| e.len() < EXAMPLES) {
                ex.push(Voorbeeld { regelverschillen: rules.to_vec(), ..c.example });
            }
        }
    }

    /// Counts each differing rule of one changed decision (`example` names the dossier).
    fn add_rules(&mut self, example: &Voorbeeld, rules: &[RegelVerschil]) {
        for v in rules {
            let entry = self.rules.entry(v.regel.clone()).or_insert_with(|| RegelImpact {
                regel: v.regel.clone(),
                oorzaak: 0,
                gevolg: 0,
                details: Vec::new(),
                voorbeelden: Vec::new(),
            });
            if v.gevolg {
                entry.gevolg += 1;
            } else {
                entry.oorzaak += 1;
            }
            match entry.details.iter_mut().find(|(d, _)| *d == v.wat) {
                Some((_, n)) => *n += 1,
                None => entry.details.push((v.wat.clone(), 1)),
            }
            if entry.voorbeelden.len() < EXAMPLES {
                let (oud, nieuw) = (v.oud.clone(), v.nieuw.clone());
                entry.voorbeelden.push(Voorbeeld { oud, nieuw, regelverschillen: Vec::new(), ..example.clone() });
            }
        }
    }

    fn add_witnesses(&mut self, witnessed: &[(usize, bool)], line: impl Fn() -> (usize, String)) {
        for &(w, zwak) in witnessed {
            // The first line that shows it; a later one that shows it in substance replaces a weak one.
            if let Some(slot) = self.found.get_mut(w).filter(|s| s.as_ref().is_none_or(|g| g.zwak && !zwak)) {
                let (regelnummer, dossier) = line();
                *slot = Some(Gevonden { regelnummer, dossier, zwak });
            }
        }
    }

    fn finish(self) -> (Impact, Vec<Option<Gevonden>>) {
        let mut report = self.report;
        report.dossiers = report.regels - report.leeg;
        report.geld.verschil_cent = report.geld.nieuw_cent - report.geld.oud_cent;
        for (i, (key, _)) in GROUPS.iter().enumerate() {
            let aantal = self.counts.get(i).copied().unwrap_or(0);
            if aantal == 0 {
                continue;
            }
            let details = most_first(self.details.get(i).cloned().unwrap_or_default().into_iter().collect());
            report.groepen.push(Groep { groep: key, aantal, details, voorbeelden: self.examples.get(i).cloned().unwrap_or_default() });
        }
        report.per_regel = self.rules.into_values().map(|r| RegelImpact { details: most_first(r.details.clone()), ..r }).collect();
        report.per_regel.sort_by(|a, b| (b.oorzaak, b.gevolg).cmp(&(a.oorzaak, a.gevolg)).then_with(|| a.regel.cmp(&b.regel)));
        (report, self.found)
    }
}

/// Details with the largest count first, then by name.
fn most_first(mut details: Vec<(String, usize)>) -> Vec<(String, usize)> {
    details.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    details
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

/// Reads one dossier text under one side (`Ok(None)`: another region).
fn decode_under(side: &Side, text: &[u8], today: NaiveDate) -> Result<Option<Dossier>, ()> {
    let dossier = decode_slice(&side.loaded.vocab, &side.plan, text, today).map_err(|_| ())?;
    Ok((dossier.regio == side.loaded.program.header.regio).then_some(dossier))
}

fn one(old: &Side, new: &Side, n: usize, text: &[u8], today: NaiveDate, modus: Modus, footprints: &[Voetafdruk]) -> Outcome {
    let (da, db) = match (decode_under(old, text, today), decode_under(new, text, today)) {
        (Ok(Some(a)), Ok(Some(b))) => (a, b),
        (Ok(None), _) | (_, Ok(None)) => return Outcome::OtherRegion,
        _ => return Outcome::Error,
    };
    let (a, b) = (decide(&old.loaded.program, &da), decide(&new.loaded.program, &db));
    if let Modus::Peildatum { oud, nieuw } = modus {
        if !oud.contains(a.peildatum) || !nieuw.contains(b.peildatum) {
            return Outcome::OtherVersion;
        }
    }
    let money = Money(amount(&a, &old.bedrag_rules), amount(&b, &new.bedrag_rules));
    let changes = compare(&a, &b, n, &money);
    if changes.is_empty() {
        return Outcome::Decided { money, changes, witnessed: Vec::new(), rules: Vec::new() };
    }
    let witnessed = footprints.iter().enumerate().filter(|(_, f)| f.observes(&a, &b)).map(|(i, f)| (i, !f.observes_substance(&a, &b))).collect();
    // Only a changed decision is decided again with a trace.
    let rules = differing_rules(&old.loaded.program, &da, &new.loaded.program, &db);
    Outcome::Decided { money, changes, witnessed, rules }
}


#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn a_version_is_in_force_from_its_first_day_to_the_next_version() {
        let g = Geldigheid { vanaf: Some(d("2020-08-01")), tot: Some(d("2021-08-01")) };
        assert!(!g.contains(d("2020-07-31")));
        assert!(g.contains(d("2020-08-01")));
        assert!(g.contains(d("2021-07-31")));
        assert!(!g.contains(d("2021-08-01")));
        // The oldest version also decides peildata before its first day.
        let oldest = Geldigheid { vanaf: None, tot: Some(d("2020-08-01")) };
        assert!(oldest.contains(d("1999-01-01")));
    }
}

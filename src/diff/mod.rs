//! `passend diff OLD NEW`: the semantic difference between two versions of
//! a rule set, and optionally its impact on a set of dossiers.
//!
//! The stages: `source` reads each side (a folder, a file, `REV:path` from
//! git, or a built-in `regio/versie`) into checked, compiled rule sets;
//! `model` compares two of them on their checked form (`check::model`), with
//! expressions normalized by `normal` so that layout, comments and order are
//! no change; `impact` decides an NDJSON stream of dossiers under both,
//! `groepen` says what differs per dossier and `oorzaken` which rules,
//! from the evaluator's trace;
//! `getuigen` finds, for every change, a dossier that shows it;
//! `text`, `markdown` and serde (JSON) write the report.
//!
//! ```
//! let old = passend::diff::source::load("leiden/2019-2020").map_err(|e| e.to_string())?;
//! let new = passend::diff::source::load("leiden/2020-2021").map_err(|e| e.to_string())?;
//! let report = passend::diff::diff(&old, &new);
//! let leiden = &report.vergelijkingen[0];
//! assert!(leiden.parameters.iter().any(|p| p.naam == "arrangement_min_maanden"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod attribuut;
pub mod getuigen;
mod groepen;
pub mod impact;
mod markdown;
pub mod model;
pub mod normal;
pub mod oorzaken;
mod show;
pub mod source;
mod text;

pub use getuigen::Getuige;
pub use impact::{Geldigheid, Impact, Modus, RegelImpact};
pub use oorzaken::RegelVerschil;
pub use markdown::markdown;
pub use model::{ModelDiff, SetInfo};
pub use source::{LoadFailure, Loaded};
pub use text::text;

use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The whole report of one `passend diff`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// One comparison per pair of rule sets (one, when each side is one rule set).
    pub vergelijkingen: Vec<ModelDiff>,
    /// Rule sets only on the old side (matched by region and version).
    pub alleen_oud: Vec<SetInfo>,
    /// Rule sets only on the new side.
    pub alleen_nieuw: Vec<SetInfo>,
}

impl Report {
    /// Nothing differs: no rule set added or removed, no rule changed.
    pub fn is_empty(&self) -> bool {
        self.alleen_oud.is_empty() && self.alleen_nieuw.is_empty() && self.vergelijkingen.iter().all(ModelDiff::is_empty)
    }
}

/// The pairs to compare: a side of one rule set is compared with the other
/// side's one rule set whatever their names; otherwise rule sets are matched
/// by region and version. Returns (pairs, only old, only new) as indices.
pub fn pairs(old: &[Loaded], new: &[Loaded]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    if old.len() == 1 && new.len() == 1 {
        return (vec![(0, 0)], Vec::new(), Vec::new());
    }
    let key = |l: &Loaded| (l.program.header.regio.clone(), l.program.header.versie.clone());
    let mut matched = Vec::new();
    let mut only_old = Vec::new();
    for (i, o) in old.iter().enumerate() {
        match new.iter().position(|n| key(n) == key(o)) {
            Some(j) => matched.push((i, j)),
            None => only_old.push(i),
        }
    }
    let only_new = (0..new.len()).filter(|j| !matched.iter().any(|(_, m)| m == j)).collect();
    (matched, only_old, only_new)
}

/// Compares two sides (without impact).
pub fn diff(old: &[Loaded], new: &[Loaded]) -> Report {
    let (matched, only_old, only_new) = pairs(old, new);
    Report {
        vergelijkingen: matched
            .iter()
            .filter_map(|(i, j)| {
                let (o, n) = (old.get(*i)?, new.get(*j)?);
                Some(model::compare(&o.program, &o.location, &n.program, &n.location))
            })
            .collect(),
        alleen_oud: only_old.iter().filter_map(|i| old.get(*i)).map(|l| SetInfo::of(&l.program, &l.location)).collect(),
        alleen_nieuw: only_new.iter().filter_map(|i| new.get(*i)).map(|l| SetInfo::of(&l.program, &l.location)).collect(),
    }
}

/// What `analyse` adds to the comparison.
#[derive(Debug, Clone, Default)]
pub struct Analyse {
    /// Decide the dossiers of this NDJSON file under both versions.
    pub dossiers: Option<PathBuf>,
    /// Decide every dossier under both versions, whatever its peildatum.
    pub alle_peildata: bool,
    /// Example dossiers to build witnesses from: (name, dossier JSON).
    pub voorbeelden: Vec<(String, serde_json::Value)>,
    /// The date for a dossier without peildatum.
    pub today: Option<NaiveDate>,
}

/// Why `analyse` stopped.
#[derive(Debug)]
pub enum AnalyseError {
    /// The dossier file could not be opened or read.
    Dossiers(PathBuf, std::io::Error),
}

impl std::fmt::Display for AnalyseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnalyseError::Dossiers(p, e) => write!(f, "kan {} niet lezen: {e}", p.display()),
        }
    }
}

/// Compares two sides, with a witness for every change and, when dossiers
/// are given, the impact on them.
pub fn analyse(old: &[Loaded], new: &[Loaded], options: &Analyse) -> Result<Report, AnalyseError> {
    let mut report = diff(old, new);
    let (matched, _, _) = pairs(old, new);
    let today = options.today.unwrap_or_else(crate::engine::ndjson::local_today);
    // Witness numbers run on over all comparisons: they are the lines of one `--getuigen` file.
    let mut witnesses_before = 0;
    for ((i, j), comparison) in matched.iter().zip(report.vergelijkingen.iter_mut()) {
        let (Some(o), Some(n)) = (old.get(*i), new.get(*j)) else { continue };
        let footprints = getuigen::footprints(comparison, &o.program, &n.program);
        let mut found = vec![None; footprints.len()];
        if let Some(path) = &options.dossiers {
            let modus = if options.alle_peildata {
                Modus::AllePeildata
            } else {
                Modus::Peildatum { oud: geldigheid(old, *i), nieuw: geldigheid(new, *j) }
            };
            let file = std::fs::File::open(path).map(crate::loader::LineLimit::new).map_err(|e| AnalyseError::Dossiers(path.clone(), e))?;
            let (impact, seen) = impact::impact(o, n, file, today, modus, &footprints).map_err(|e| AnalyseError::Dossiers(path.clone(), e))?;
            comparison.impact = Some(impact);
            found = seen;
        }
        let periods = Some((geldigheid(old, *i), geldigheid(new, *j)));
        comparison.getuigen = getuigen::witnesses(&footprints, &found, o, n, &options.voorbeelden, today, periods);
        for g in comparison.getuigen.iter_mut() {
            g.getuigen_regel = g.getuigen_regel.map(|k| k + witnesses_before);
        }
        witnesses_before += comparison.getuigen.iter().filter(|g| g.dossier.is_some()).count();
    }
    Ok(report)
}

/// Where rule set `i` of a side is the version in force: from its
/// `geldig_vanaf` to the next version of its region, the versions being
/// those on the same side and the built-in ones of that region (a side that
/// holds one edited version is placed among the built-in others).
pub fn geldigheid(side: &[Loaded], i: usize) -> Geldigheid {
    let Some(me) = side.get(i) else { return Geldigheid::default() };
    let h = &me.program.header;
    let mut dates: Vec<NaiveDate> = side.iter().filter(|l| l.program.header.regio == h.regio).map(|l| l.program.header.geldig_vanaf).collect();
    let on_side: Vec<&str> = side.iter().filter(|l| l.program.header.regio == h.regio).map(|l| &*l.program.header.versie).collect();
    if let Ok(builtin) = source::load(&h.regio) {
        dates.extend(builtin.iter().filter(|l| !on_side.contains(&&*l.program.header.versie)).map(|l| l.program.header.geldig_vanaf));
    }
    let own = h.geldig_vanaf;
    Geldigheid {
        vanaf: dates.iter().any(|d| *d < own).then_some(own),
        tot: dates.iter().filter(|d| **d > own).min().copied(),
    }
}

/// The example dossiers of a region (`<folder>/*.json` with a `dossier`
/// member), for building witnesses; unreadable files are skipped.
pub fn voorbeelden(folder: &Path) -> Vec<(String, serde_json::Value)> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let mut json: serde_json::Value = serde_json::from_str(&text).ok()?;
            let dossier = json.get_mut("dossier")?.take();
            Some((p.file_name()?.to_string_lossy().into_owned(), dossier))
        })
        .collect()
}

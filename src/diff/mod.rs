//! `passend diff OLD NEW`: the semantic difference between two versions of
//! a rule set, and optionally its impact on a set of dossiers.
//!
//! The stages: `source` reads each side (a folder, a file, `REV:path` from
//! git, or a built-in `regio/versie`) into checked, compiled rule sets;
//! `model` compares two of them on their checked form (`check::model`), with
//! expressions normalized by `normal` so that layout, comments and order are
//! no change; `impact` decides an NDJSON stream of dossiers under both;
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

pub mod impact;
mod markdown;
pub mod model;
pub mod normal;
pub mod source;
mod text;

pub use impact::Impact;
pub use markdown::markdown;
pub use model::{ModelDiff, SetInfo};
pub use source::{LoadFailure, Loaded};
pub use text::text;

use serde::Serialize;

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

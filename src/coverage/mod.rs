//! `passend test`: the example dossiers beside the rule files
//! (`regions/<regio>/voorbeelden/*.json`, each `{"naam", "bron", "dossier",
//! "verwacht"}`) run against the rules, each failure shown as expected
//! against actual; and rule coverage: which rules and parameter values no
//! example exercises (see `dekking`).
//!
//! A folder may also hold the contract's pairs `<slug>.dossier.json` +
//! `<slug>.verwacht.json` (../shared/contract/examples).

pub mod check;
pub mod dekking;
pub mod report;

pub use check::{check, Afwijking};
pub use dekking::{coverage, Dekking, Onderdeel, Spoor};

use crate::decision::Decision;
use crate::engine::Engine;
use chrono::NaiveDate;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One example: a dossier and what the handbook says the decision must hold.
#[derive(Debug, Clone)]
pub struct Voorbeeld {
    /// The file it came from.
    pub bestand: PathBuf,
    pub naam: String,
    /// The handbook sentence it checks (empty for a contract pair).
    pub bron: String,
    pub dossier: Value,
    pub verwacht: Value,
}

/// What happened to one example.
#[derive(Debug, Clone)]
pub struct Uitslag {
    /// The example it is the result of.
    pub voorbeeld: Voorbeeld,
    /// The region the dossier names, when it names one.
    pub regio: Option<String>,
    /// The decision, when the dossier was accepted.
    pub beslissing: Option<Decision>,
    /// What the decision exercised, from its evaluation trace (for coverage).
    pub spoor: Option<Spoor>,
    /// Differences from `verwacht`; a refused dossier or a bad case file is one entry.
    pub afwijkingen: Vec<Afwijking>,
}

impl Uitslag {
    pub fn geslaagd(&self) -> bool {
        self.afwijkingen.is_empty()
    }
}

/// A case file that could not be read as an example.
#[derive(Debug, Clone)]
pub struct Onleesbaar {
    pub bestand: PathBuf,
    pub fout: String,
}

/// The example files in a folder (sorted): single case files, and
/// `.dossier.json` + `.verwacht.json` pairs.
pub fn read_folder(dir: &Path) -> (Vec<Voorbeeld>, Vec<Onleesbaar>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    let mut cases = Vec::new();
    let mut bad = Vec::new();
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if name.ends_with(".verwacht.json") {
            continue;
        }
        match read_case(&path) {
            Ok(c) => cases.push(c),
            Err(fout) => bad.push(Onleesbaar { bestand: path, fout }),
        }
    }
    (cases, bad)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("kan {} niet lezen: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| crate::diagnostics::json_error(&e))
}

/// One example file (or the dossier half of a pair).
pub fn read_case(path: &Path) -> Result<Voorbeeld, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if let Some(slug) = name.strip_suffix(".dossier.json") {
        let partner = path.with_file_name(format!("{slug}.verwacht.json"));
        let dossier = read_json(path)?;
        let verwacht = read_json(&partner).map_err(|e| format!("{}: {e}", partner.display()))?;
        return Ok(Voorbeeld { bestand: path.to_path_buf(), naam: slug.to_string(), bron: String::new(), dossier, verwacht });
    }
    let case = read_json(path)?;
    let text = |k: &str| case.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let (Some(dossier), Some(verwacht)) = (case.get("dossier"), case.get("verwacht")) else {
        return Err("een voorbeeld heeft `dossier` en `verwacht`".into());
    };
    if !dossier.is_object() {
        return Err("`dossier` is geen object".into());
    }
    if text("bron").is_empty() {
        return Err("het voorbeeld noemt geen `bron` (de zin uit het handboek die het toetst)".into());
    }
    Ok(Voorbeeld { bestand: path.to_path_buf(), naam: text("naam"), bron: text("bron"), dossier: dossier.clone(), verwacht: verwacht.clone() })
}

/// Decides one example and compares. `today` stands in for a missing peildatum.
pub fn run_case(engine: &Engine, case: &Voorbeeld, today: NaiveDate) -> Uitslag {
    let regio = case.dossier.get("regio").and_then(Value::as_str).map(str::to_string);
    let mut uitslag = Uitslag { voorbeeld: case.clone(), regio, beslissing: None, spoor: None, afwijkingen: Vec::new() };
    if let Some(p) = check::case_problem(&case.verwacht) {
        uitslag.afwijkingen.push(Afwijking { sleutel: "verwacht".into(), verwacht: "een geldig voorbeeld".into(), gekregen: p });
        return uitslag;
    }
    let traced = engine.decode(&case.dossier, today).and_then(|dossier| {
        let (d, trace) = engine.evaluate_traced(&dossier, None)?;
        let spoor = Spoor::of(&trace, &d);
        Ok((d, spoor))
    });
    match traced {
        Ok((d, spoor)) => {
            let json = serde_json::to_value(&d).unwrap_or(Value::Null);
            uitslag.afwijkingen = check(&case.verwacht, &json);
            uitslag.beslissing = Some(d);
            uitslag.spoor = Some(spoor);
        }
        Err(e) => uitslag.afwijkingen.push(Afwijking {
            sleutel: "dossier".into(),
            verwacht: "een beslissing".into(),
            gekregen: format!("geweigerd: {e}"),
        }),
    }
    uitslag
}

/// Runs every example.
pub fn run(engine: &Engine, cases: &[Voorbeeld], today: NaiveDate) -> Vec<Uitslag> {
    cases.iter().map(|c| run_case(engine, c, today)).collect()
}

//! Shared inputs of the benchmarks: the bundled rule files, one
//! representative dossier per region and request kind, and a generated NDJSON
//! stream over all regions and kinds (deterministic seed).

#![allow(dead_code)]

use passend::Engine;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The peildatum stand-in for dossiers without one (fixed, so runs repeat).
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `regions/`'s rule files and vocabulary, read once.
pub fn rule_files() -> Vec<(String, String)> {
    match passend::read_dir_files(&root().join("regions")) {
        Ok(files) => files,
        Err(e) => panic!("cannot read regions/: {e}"),
    }
}

/// All bundled regions, loaded eagerly and strictly.
pub fn engine() -> Engine {
    match Engine::from_files_strict(rule_files()) {
        Ok(e) => e,
        Err(e) => panic!("bundled rules do not load: {e}"),
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Every example dossier: `regions/*/voorbeelden/*.json` (their `dossier`) and `examples/*.json`.
pub fn example_dossiers() -> Vec<Value> {
    let mut out = Vec::new();
    let mut regions: Vec<PathBuf> = std::fs::read_dir(root().join("regions"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    regions.sort();
    for region in regions {
        for file in json_files(&region.join("voorbeelden")) {
            let case: Option<Value> = std::fs::read_to_string(&file).ok().and_then(|t| serde_json::from_str(&t).ok());
            if let Some(d) = case.and_then(|c| c.get("dossier").cloned()) {
                out.push(d);
            }
        }
    }
    for file in json_files(&root().join("examples")) {
        if let Some(d) = std::fs::read_to_string(&file).ok().and_then(|t| serde_json::from_str(&t).ok()) {
            out.push(d);
        }
    }
    out
}

fn text<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for p in path {
        cur = &cur[*p];
    }
    cur.as_str().unwrap_or("")
}

/// One dossier per (region, request kind the region's rules define): the
/// example with the most facts, or a dossier naming only region and kind.
pub fn representative(engine: &Engine) -> Vec<(String, String, Value)> {
    let examples = example_dossiers();
    let mut out = Vec::new();
    for regio in engine.region_ids() {
        let Some(Ok(region)) = engine.region(&regio) else { continue };
        let Some(program) = region.versions().last() else { continue };
        for aanvraag in program.aanvragen() {
            let soort = aanvraag.soort.to_string();
            let best = examples
                .iter()
                .filter(|d| text(d, &["regio"]) == &*regio && text(d, &["aanvraag", "soort"]) == soort)
                .max_by_key(|d| d.to_string().len())
                .cloned()
                .unwrap_or_else(|| {
                    json!({"regio": &*regio, "peildatum": program.header().geldig_vanaf.to_string(), "aanvraag": {"soort": &soort}})
                });
            out.push((regio.to_string(), soort, best));
        }
    }
    out
}

/// `n` dossiers from the project's generator (`passend::generate`), one
/// compact JSON object per line.
pub fn ndjson(seed: u64, n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n * 800);
    for d in passend::tools::generate::dossiers(seed, n) {
        if serde_json::to_writer(&mut out, &d).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

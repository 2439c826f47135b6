//! Shared test helpers: loading the bundled rules and checking a decision
//! against a case's `verwacht` (the same assertions as
//! ../shared/contract/check-examples).

#![allow(dead_code)]

use passend::Engine;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rules in `regions/`, strictly (any rule-file problem fails).
pub fn engine() -> Engine {
    let files = passend::engine::read_dir_files(&root().join("regions")).unwrap_or_default();
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("rule files do not check:\n{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("cannot load rules: {e}"),
    }
}

/// A date for tests.
pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

/// All `*.json` case files in a folder, sorted.
pub fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn norm_status(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.strip_suffix('.').unwrap_or(&folded).to_string()
}

/// Reasons the decision fails `verwacht`; empty when it passes.
pub fn check(verwacht: &Value, decision: &Value) -> Vec<String> {
    let mut r = Vec::new();
    let Some(w) = verwacht.as_object() else { return vec!["verwacht is not an object".into()] };
    let list = |name: &str| decision.get(name).and_then(Value::as_array).cloned().unwrap_or_default();
    for key in w.keys() {
        if !matches!(
            key.as_str(),
            "in_aanmerking" | "onbekend_bevat" | "bedrag_totaal_cent" | "bedragen_leeg" | "deskundigen" | "statussen_bevat"
                | "termijnen_bevat" | "waarschuwing" | "uitkomsten"
        ) {
            r.push(format!("unknown assertion key {key}"));
        }
    }
    if let Some(want) = w.get("in_aanmerking") {
        let got = decision.get("in_aanmerking").cloned().unwrap_or(Value::Null);
        if &got != want {
            r.push(format!("in_aanmerking: expected {want}, got {got}"));
        }
    }
    if let Some(want) = w.get("onbekend_bevat").and_then(Value::as_array) {
        let got = list("onbekend");
        for f in want {
            if !got.contains(f) {
                r.push(format!("onbekend lacks {f} (got {got:?})"));
            }
        }
    }
    let bedragen = list("bedragen");
    if let Some(want) = w.get("bedragen_leeg").and_then(Value::as_bool) {
        if want != bedragen.is_empty() {
            r.push(format!("bedragen_leeg: expected {want}, got {} item(s)", bedragen.len()));
        }
    }
    if let Some(want) = w.get("bedrag_totaal_cent").and_then(Value::as_i64) {
        let total: i64 = bedragen.iter().filter_map(|b| b.get("bedrag_cent").and_then(Value::as_i64)).sum();
        if total != want {
            r.push(format!("bedrag_totaal_cent: expected {want}, got {total}"));
        }
    }
    if let Some(want) = w.get("deskundigen").and_then(Value::as_array) {
        let got = list("deskundigen");
        if got.len() != want.len() {
            r.push(format!("deskundigen: expected {} role(s), got {}", want.len(), got.len()));
        } else {
            for (i, (wd, gd)) in want.iter().zip(&got).enumerate() {
                for k in ["rol", "onafhankelijk", "vorm"] {
                    if let Some(v) = wd.get(k) {
                        if gd.get(k) != Some(v) {
                            r.push(format!("deskundigen[{i}].{k}: expected {v}, got {:?}", gd.get(k)));
                        }
                    }
                }
                if let Some(ds) = wd.get("disciplines_bevat").and_then(Value::as_array) {
                    let have = gd.get("disciplines").and_then(Value::as_array).cloned().unwrap_or_default();
                    for d in ds {
                        if !have.contains(d) {
                            r.push(format!("deskundigen[{i}].disciplines lacks {d}"));
                        }
                    }
                }
            }
        }
    }
    if let Some(want) = w.get("statussen_bevat").and_then(Value::as_array) {
        let have: Vec<String> =
            list("volgende_statussen").iter().filter_map(|s| s.get("status").and_then(Value::as_str).map(norm_status)).collect();
        for s in want.iter().filter_map(Value::as_str) {
            if !have.contains(&norm_status(s)) {
                r.push(format!("volgende_statussen lacks {s:?} (got {have:?})"));
            }
        }
    }
    if let Some(want) = w.get("termijnen_bevat").and_then(Value::as_array) {
        let have: Vec<Value> = list("termijnen").iter().filter_map(|t| t.get("uiterlijk").cloned()).collect();
        for t in want {
            if !have.contains(t) {
                r.push(format!("termijnen lacks {t} (got {have:?})"));
            }
        }
    }
    if let Some(want) = w.get("waarschuwing").and_then(Value::as_bool) {
        if want == list("waarschuwingen").is_empty() {
            r.push(format!("waarschuwing: expected {want}"));
        }
    }
    if let Some(want) = w.get("uitkomsten").and_then(Value::as_object) {
        for (k, v) in want {
            let got = decision.get("uitkomsten").and_then(|u| u.get(k));
            if got != Some(v) {
                r.push(format!("uitkomsten.{k}: expected {v}, got {got:?}"));
            }
        }
    }
    r
}

/// Runs every case in a folder; returns (count, failures).
pub fn run_cases(engine: &Engine, dir: &Path) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let files = case_files(dir);
    for path in &files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let case: Value = match std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()) {
            Some(c) => c,
            None => {
                failures.push(format!("{name}: not a JSON case file"));
                continue;
            }
        };
        if case.get("bron").and_then(Value::as_str).map_or(true, str::is_empty) {
            failures.push(format!("{name}: the case cites no handbook sentence (bron)"));
        }
        let dossier = case.get("dossier").cloned().unwrap_or(Value::Null);
        let decision = match engine.evaluate_json(&dossier, date("2026-11-23")) {
            Ok(d) => serde_json::to_value(&d).unwrap_or(Value::Null),
            Err(e) => {
                failures.push(format!("{name}: dossier refused: {e}"));
                continue;
            }
        };
        let reasons = check(case.get("verwacht").unwrap_or(&Value::Null), &decision);
        if !reasons.is_empty() {
            failures.push(format!("{name}: {}", reasons.join("; ")));
        }
    }
    (files.len(), failures)
}

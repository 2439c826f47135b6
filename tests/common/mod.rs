//! Shared test helpers: loading the bundled rules and checking a decision
//! against a case's `verwacht` (the same assertions as
//! ../shared/contract/check-examples).

#![allow(dead_code)]

use passend::Engine;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// Reasons the decision fails `verwacht` (the library's check, the same
/// assertions as ../shared/contract/check-examples); empty when it passes.
pub fn check(verwacht: &Value, decision: &Value) -> Vec<String> {
    let mut reasons: Vec<String> = passend::coverage::check::case_problem(verwacht).into_iter().collect();
    reasons.extend(passend::coverage::check(verwacht, decision).iter().map(ToString::to_string));
    reasons
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
        if case.get("bron").and_then(Value::as_str).is_none_or(str::is_empty) {
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

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn passend_cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(args)
        .env_remove("PASSEND_REGIONS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start passend: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("passend did not finish: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

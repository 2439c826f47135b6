//! Shared test helpers: loading the bundled rules, checking a decision
//! against a case's `verwacht` (the same assertions as
//! ../shared/contract/check-examples), running the `passend` binary and
//! copying rule folders.

#![allow(dead_code)]

use passend::Engine;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `passend ARGS` as a command, without `PASSEND_REGIONS` from the environment
/// (add working folder or environment before `run`).
pub fn passend_command(args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_passend"));
    cmd.args(args).env_remove("PASSEND_REGIONS");
    cmd
}

/// Starts `cmd` with standard input, output and error piped.
pub fn spawn(mut cmd: std::process::Command) -> std::process::Child {
    use std::process::Stdio;
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("cannot start passend: {e}"))
}

/// Runs `cmd` with `stdin` written from another thread (a long stream fills
/// the output pipe while input is still being written): (exit code, stdout, stderr).
pub fn run_status(cmd: std::process::Command, stdin: &[u8]) -> (Option<i32>, String, String) {
    use std::io::Write;
    let mut child = spawn(cmd);
    let data = stdin.to_vec();
    let writer = child.stdin.take().map(|mut input| {
        std::thread::spawn(move || {
            let _ = input.write_all(&data);
        })
    });
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("passend did not finish: {e}"));
    if let Some(w) = writer {
        let _ = w.join();
    }
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// As `run_status`, with -1 for a process ended by a signal.
pub fn run(cmd: std::process::Command, stdin: &[u8]) -> (i32, String, String) {
    let (code, out, err) = run_status(cmd, stdin);
    (code.unwrap_or(-1), out, err)
}

/// Copies the folder `from` to `to`, with everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rules in `regions/`, strictly (any rule-file problem fails).
pub fn engine() -> Engine {
    let files = passend::read_dir_files(&root().join("regions")).unwrap_or_default();
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
    let mut reasons: Vec<String> = passend::tools::coverage::check::case_problem(verwacht).into_iter().collect();
    reasons.extend(passend::tools::coverage::check(verwacht, decision).iter().map(ToString::to_string));
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

/// Runs the binary (no colors); returns (exit code, stdout, stderr).
pub fn passend_cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut cmd = passend_command(args);
    cmd.env("NO_COLOR", "1");
    run(cmd, stdin)
}

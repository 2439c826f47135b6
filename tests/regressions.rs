//! Regression tests for crashes found by fuzzing and by probing the limits
//! (issue 7). Each test names its finding (R1, R2, ...; the list with the
//! reproducers is in the README's reliability section). Crashes that abort
//! the process (stack overflow) are run through the binary, so a failure is a
//! failed assertion here and not a dead test runner.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A regions folder with the real vocabulary and one test region
/// (`stromenland`, version folder `1`): its real header plus `extra` as a file.
fn region_with(name: &str, extra: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("passend-regressie-{name}-{}", std::process::id()));
    let version = dir.join("stromenland").join("1");
    std::fs::create_dir_all(&version).unwrap_or_else(|e| panic!("cannot create {}: {e}", version.display()));
    let copy = |from: &Path, to: &Path| {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
    };
    copy(&root().join("regions/vocabulaire.toml"), &dir.join("vocabulaire.toml"));
    copy(&root().join("regions/stromenland/2023-2024/00-regio.passend"), &version.join("00-regio.passend"));
    std::fs::write(version.join("test.passend"), extra).unwrap_or_else(|e| panic!("cannot write the test file: {e}"));
    dir
}

fn check(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["check", "--message-format", "json"])
        .arg(dir)
        .env_remove("PASSEND_REGIONS")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run passend: {e}"))
}

/// The problem codes `passend check --message-format json` printed.
fn codes(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|p| p["code"].as_str().map(str::to_string))
        .collect()
}

/// The rule file is refused with located problems (exit 1), not a crash.
fn assert_refused_with(name: &str, waarde: &str, expected: &str) {
    let file = format!("definitie diep {{\n  waarde {waarde}\n  bron \"test\"\n}}\n");
    let dir = region_with(name, &file);
    let out = check(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: expected exit 1 with a located problem, got {:?}; stderr ends with: {}",
        out.status,
        &stderr[stderr.len().saturating_sub(300)..]
    );
    let codes = codes(&out);
    assert!(codes.iter().any(|c| c == expected), "{name}: expected {expected}, got {codes:?}");
}

/// R1: `1 + 1 + ... + 1` with 100 000 terms nested the syntax tree 100 000 deep.
#[test]
fn r1_a_long_chain_of_operators_is_too_deep_not_a_crash() {
    assert_refused_with("r1-som", &vec!["1"; 100_000].join(" + "), "passend::te_diep");
}

/// R1: pest's Pratt parser recursed once per prefix operator.
#[test]
fn r1_a_long_chain_of_prefix_operators_is_too_deep_not_a_crash() {
    assert_refused_with("r1-min", &format!("{}1", "- ".repeat(100_000)), "passend::te_diep");
    assert_refused_with("r1-niet", &format!("{}ja", "niet ".repeat(100_000)), "passend::te_diep");
}

/// R1: nested `als ... dan ... anders` and parentheses, 3000 deep (6 KB).
#[test]
fn r1_deeply_nested_expressions_are_too_deep_not_a_crash() {
    let als = format!("{}1{}", "als ja dan ".repeat(3000), " anders 2".repeat(3000));
    assert_refused_with("r1-als", &als, "passend::te_diep");
    let haakjes = format!("{}1{}", "(".repeat(3000), ")".repeat(3000));
    assert_refused_with("r1-haakjes", &haakjes, "passend::te_diep");
}

/// R2: a chain of 1000 definities, each using the next, recursed through the checker.
#[test]
fn r2_a_long_chain_of_definities_is_too_deep_not_a_crash() {
    let mut file = String::new();
    for i in 0..1000 {
        file.push_str(&format!("definitie d{i} {{\n  waarde d{} + 1\n  bron \"test\"\n}}\n", i + 1));
    }
    file.push_str("definitie d1000 {\n  waarde 1\n  bron \"test\"\n}\n");
    let dir = region_with("r2-keten", &file);
    let out = check(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "expected exit 1, got {:?}", out.status);
    assert!(codes(&out).iter().any(|c| c == "passend::te_diep"), "{:?}", codes(&out));
}

/// Moderate nesting that the limits allow still checks (the fixes must not
/// refuse ordinary rule files): 60 terms, 60 parentheses, 20 chained definities.
#[test]
fn moderate_nesting_still_checks() {
    let mut file = format!(
        "definitie som {{\n  waarde {}\n  bron \"test\"\n}}\ndefinitie haakjes {{\n  waarde {}1{}\n  bron \"test\"\n}}\n",
        vec!["1"; 60].join(" + "),
        "(".repeat(60),
        ")".repeat(60)
    );
    for i in 0..20 {
        file.push_str(&format!("definitie d{i} {{\n  waarde d{} + 1\n  bron \"test\"\n}}\n", i + 1));
    }
    file.push_str("definitie d20 {\n  waarde 1\n  bron \"test\"\n}\n");
    let dir = region_with("gematigd", &file);
    let out = check(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}

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

// ---- F1: found by the `ndjson` fuzz target ----------------------------------

/// The fuzzer's input (267 bytes, fuzz/artifacts crash-3c8083667b17c94aa772f19817475a338f43fb97):
/// a line ending in many `\r` before its `\n`, then empty lines.
const F1_ARTIFACT: &str = "7b225600726567696f223a202276616e676e65742222670d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d7b225600726567696f223a202276616e676e65742222670d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0a0a0a0a726567656c7365740a0a0a0a0a0a0a0a0a0a0a650a0a0a0a0a6b0a0a5f0a646f7274616e64222c20220200fcff6c6422";

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect()
}

/// Runs `passend eval --ndjson` on `input`: (exit code, output lines as JSON, stderr).
fn eval_ndjson(input: Vec<u8>) -> (Option<i32>, Vec<Value>, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["eval", "--ndjson"])
        .env_remove("PASSEND_REGIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start passend: {e}"));
    let writer = child.stdin.take().map(|mut stdin| std::thread::spawn(move || stdin.write_all(&input)));
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("passend did not finish: {e}"));
    if let Some(w) = writer {
        let _ = w.join();
    }
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}")))
        .collect();
    (out.status.code(), lines, String::from_utf8_lossy(&out.stderr).into())
}

/// F1: an empty line after a line that ends in `\r\r\n` took the `\r` of the
/// line before it as its own, so its range in the batch ran backwards and
/// slicing panicked outside the per-line `catch_unwind`: the whole stream died
/// (exit 101, no output, no message). Five bytes were enough.
#[test]
fn f1_an_empty_line_after_a_line_ending_in_cr_cr_lf_is_a_leeg_line() {
    let (code, lines, err) = eval_ndjson(b"x\r\r\n\n".to_vec());
    assert_eq!(code, Some(0), "stderr: {err}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!((&lines[0]["regelnummer"], &lines[0]["fout"]["code"]), (&Value::from(1), &Value::from("json")));
    assert_eq!((&lines[1]["regelnummer"], &lines[1]["fout"]["code"]), (&Value::from(2), &Value::from("leeg")));
    // With real dossiers around it: the dossier keeps its `\r` as white space and is decided.
    let dossier = r#"{"regio":"ijmond","peildatum":"2023-02-20","aanvraag":{"soort":"terugplaatsing"}}"#;
    let (code, lines, err) = eval_ndjson(format!("{dossier}\r\r\n\n{dossier}\n").into_bytes());
    assert_eq!(code, Some(0), "stderr: {err}");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["regio"], "ijmond");
    assert_eq!(lines[1]["fout"]["code"], "leeg");
    assert_eq!(lines[2]["regio"], "ijmond");
}

/// F1, the fuzzer's own input, through the library function behind `--ndjson`.
#[test]
fn f1_the_fuzz_artifact_gives_one_line_per_input_line() {
    let input = unhex(F1_ARTIFACT);
    assert_eq!(input.len(), 267);
    let engine = passend::Engine::embedded().unwrap_or_else(|e| panic!("{e}"));
    let options =
        passend::tools::ndjson::Options { today: chrono::NaiveDate::from_ymd_opt(2025, 1, 15), ..Default::default() };
    let mut out = Vec::new();
    let result = passend::tools::ndjson::run(&engine, input.as_slice(), &mut out, &options);
    assert!(result.is_ok(), "{result:?}");
    let lines: Vec<&[u8]> = out.split_inclusive(|b| *b == b'\n').collect();
    assert_eq!(lines.len(), input.split_inclusive(|b| *b == b'\n').count());
    for line in lines {
        assert!(serde_json::from_slice::<Value>(line).is_ok(), "{}", String::from_utf8_lossy(line));
    }
}

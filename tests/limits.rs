//! The limits of issue 7, each tested at its edge, and what happens past it:
//! a clear error for that input, and the stream (or the other regions) go on.
//!
//! | limit | value | past it |
//! |---|---|---|
//! | NDJSON line length | 16 MiB (`MAX_LINE`) | `fout` line, code `te_lang` |
//! | JSON nesting of a dossier | 127 levels (serde_json's recursion limit 128) | `fout` line, code `json` |
//! | rule-file size | 1 MiB | located problem `passend::te_groot` |
//! | expression depth, counted through definities | 64 (`check::MAX_DEPTH`) | located problem `passend::te_diep` |
//! | syntax nesting (parsing) | 256 (`syntax::MAX_NESTING`) | located problem `passend::te_diep` |
//!
//! Also here: a closed output pipe (`| head -n 5`) ends the stream quietly,
//! and a stream stopped by SIGTERM / SIGINT leaves only complete lines.

use passend::Engine;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const MIB: usize = 1024 * 1024;
/// src/engine/ndjson.rs `MAX_LINE`.
const MAX_LINE: usize = 16 * MIB;
use passend::syntax::{MAX_FILE_SIZE, MAX_NESTING};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(args)
        .env_remove("PASSEND_REGIONS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start passend: {e}"))
}

/// Runs passend with `stdin` written from another thread (a long stream
/// fills the output pipe while input is still being written).
fn passend(args: &[&str], stdin: Vec<u8>) -> (Option<i32>, String, String) {
    let mut child = spawn(args);
    let writer = child.stdin.take().map(|mut input| {
        std::thread::spawn(move || {
            let _ = input.write_all(&stdin);
        })
    });
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("passend did not finish: {e}"));
    if let Some(w) = writer {
        let _ = w.join();
    }
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}")))
        .collect()
}

fn ijmond() -> Value {
    json!({"regio": "ijmond", "peildatum": "2023-02-20", "aanvraag": {"soort": "terugplaatsing"}})
}

fn is_decision(v: &Value, regio: &str) -> bool {
    v["regio"] == regio && v.get("fout").is_none() && v.get("regelset").is_some()
}

// ---- NDJSON line length -------------------------------------------------

#[test]
fn an_ndjson_line_over_16_mib_is_te_lang_and_the_stream_goes_on() {
    let ok = ijmond().to_string();
    // Exactly MAX_LINE bytes is still read (and is valid JSON: an unknown field with padding).
    let prefix = r#"{"regio":"ijmond","peildatum":"2023-02-20","aanvraag":{"soort":"terugplaatsing"},"opvulling":""#;
    let exact = format!("{prefix}{}\"}}", "a".repeat(MAX_LINE - prefix.len() - 2));
    assert_eq!(exact.len(), MAX_LINE);
    let mut input = Vec::new();
    for line in [ok.as_str(), &exact, &format!("{exact} "), ok.as_str()] {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    // The last line (no newline at the end) is too long too.
    input.extend_from_slice("x".repeat(MAX_LINE + 1).as_bytes());
    let (code, out, err) = passend(&["eval", "--ndjson"], input);
    assert_eq!(code, Some(0), "{err}");
    let out = lines(&out);
    assert_eq!(out.len(), 5, "one output line per input line");
    assert!(is_decision(&out[0], "ijmond"), "{}", out[0]);
    assert!(
        is_decision(&out[1], "ijmond"),
        "a line of exactly 16 MiB is decided: {}",
        &out[1].to_string()[..200.min(out[1].to_string().len())]
    );
    assert_eq!(out[2]["regelnummer"], 3);
    assert_eq!(out[2]["fout"]["code"], "te_lang");
    assert!(out[2]["fout"]["bericht"].as_str().unwrap_or("").contains(&MAX_LINE.to_string()), "{}", out[2]);
    assert!(is_decision(&out[3], "ijmond"), "the stream goes on after a long line: {}", out[3]);
    assert_eq!(out[4]["regelnummer"], 5);
    assert_eq!(out[4]["fout"]["code"], "te_lang");
}

// ---- JSON nesting -------------------------------------------------------

/// A dossier whose nesting (the dossier object counted) is `levels` deep.
fn nested_dossier(levels: usize) -> String {
    let arrays = levels - 1;
    format!(
        r#"{{"regio":"ijmond","peildatum":"2023-02-20","aanvraag":{{"soort":"terugplaatsing"}},"diep":{}{}}}"#,
        "[".repeat(arrays),
        "]".repeat(arrays)
    )
}

#[test]
fn json_nested_deeper_than_127_levels_is_a_json_fout_and_the_stream_goes_on() {
    let input = format!("{}\n{}\n{}\n{}\n", nested_dossier(127), nested_dossier(128), "[".repeat(100_000), ijmond());
    let (code, out, err) = passend(&["eval", "--ndjson"], input.into_bytes());
    assert_eq!(code, Some(0), "{err}");
    let out = lines(&out);
    assert_eq!(out.len(), 4);
    assert!(is_decision(&out[0], "ijmond"), "127 levels are read: {}", out[0]);
    for (i, line) in out.iter().enumerate().skip(1).take(2) {
        assert_eq!(line["regelnummer"], i + 1);
        assert_eq!(line["fout"]["code"], "json");
        assert!(line["fout"]["bericht"].as_str().unwrap_or("").contains("te diep genest"), "{line}");
    }
    assert!(is_decision(&out[3], "ijmond"), "{}", out[3]);
}

#[test]
fn a_single_dossier_nested_too_deep_exits_1_with_a_json_error() {
    let (code, out, err) = passend(&["eval"], nested_dossier(128).into_bytes());
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(err.contains("json") && err.contains("te diep genest"), "{err}");
}

// ---- rule-file size -----------------------------------------------------

fn vocabulary() -> String {
    std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_else(|e| panic!("vocabulary: {e}"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The real stromenland header followed by a comment that pads the file to `size` bytes.
fn stromenland_header_of_size(size: usize) -> String {
    let mut text = read("regions/stromenland/2023-2024/00-regio.passend");
    text.push_str("# ");
    let pad = size - text.len() - 1;
    text.push_str(&"x".repeat(pad));
    text.push('\n');
    assert_eq!(text.len(), size);
    text
}

#[test]
fn a_rule_file_over_1_mib_is_te_groot_located_and_other_regions_still_load() {
    for (size, too_big) in [(MAX_FILE_SIZE, false), (MAX_FILE_SIZE + 1, true)] {
        let files = vec![
            ("vocabulaire.toml".to_string(), vocabulary()),
            ("stromenland/1/00-regio.passend".to_string(), stromenland_header_of_size(size)),
            ("ijmond/2022-2023/00-regio.passend".to_string(), read("regions/ijmond/2022-2023/00-regio.passend")),
            (
                "ijmond/2022-2023/10-route-terugplaatsing.passend".to_string(),
                read("regions/ijmond/2022-2023/10-route-terugplaatsing.passend"),
            ),
        ];
        let engine = Engine::from_files(files).unwrap_or_else(|e| panic!("from_files: {e}"));
        let codes: Vec<&str> = engine.problems().iter().map(|p| p.code.as_str()).collect();
        if too_big {
            assert_eq!(codes, ["passend::te_groot"]);
            let problems = engine.problems();
            let p = &problems[0];
            assert_eq!(&*p.source.name, "regions/stromenland/1/00-regio.passend");
            assert!(
                p.message.contains(&(MAX_FILE_SIZE + 1).to_string()) && p.message.contains("1 MiB"),
                "{}",
                p.message
            );
            assert_eq!(p.span.start, 0, "the problem points at the start of the file");
            assert!(p.help.is_some());
            assert_eq!(engine.broken().iter().map(|b| &**b).collect::<Vec<_>>(), ["stromenland"]);
        } else {
            assert!(codes.is_empty(), "a file of exactly 1 MiB is read: {codes:?}");
        }
        assert!(engine.regions().into_iter().any(|r| &*r.id == "ijmond"), "the other region still loads");
    }
}

/// A regions folder on disk: the vocabulary, ijmond as bundled, and
/// stromenland with one file of `stromenland_file` text.
fn regions_dir(name: &str, stromenland_file: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("passend-limits-{name}-{}", std::process::id()));
    let write = |path: &Path, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    };
    write(&dir.join("vocabulaire.toml"), &vocabulary());
    for f in ["00-regio.passend", "10-route-terugplaatsing.passend"] {
        write(&dir.join("ijmond/2022-2023").join(f), &read(&format!("regions/ijmond/2022-2023/{f}")));
    }
    write(&dir.join("stromenland/1/00-regio.passend"), stromenland_file);
    dir
}

#[test]
fn past_the_rule_file_size_check_reports_it_and_eval_goes_on_for_other_regions() {
    let dir = regions_dir("te-groot", &stromenland_header_of_size(MAX_FILE_SIZE + 1));
    let dir_arg = dir.to_str().unwrap_or_default().to_string();
    let (code, _, err) = passend(&["check", "--message-format", "json", &dir_arg], Vec::new());
    assert_eq!(code, Some(1), "{err}");
    let problem: Value = err.lines().find_map(|l| serde_json::from_str(l).ok()).unwrap_or_default();
    assert_eq!(problem["code"], "passend::te_groot");
    assert_eq!(problem["line"], 1);
    let stromenland =
        json!({"regio": "stromenland", "peildatum": "2024-01-01", "aanvraag": {"soort": "terugplaatsing"}});
    let input = format!("{stromenland}\n{}\n", ijmond());
    let (code, out, err) = passend(&["eval", "--ndjson", "--regions", &dir_arg], input.into_bytes());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, Some(0), "{err}");
    let out = lines(&out);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["fout"]["code"], "regelfout", "{}", out[0]);
    assert!(is_decision(&out[1], "ijmond"), "{}", out[1]);
}

// ---- expression depth ---------------------------------------------------

fn check_definitie(waarde: &str) -> Vec<&'static str> {
    let files = vec![
        ("vocabulaire.toml".to_string(), vocabulary()),
        ("stromenland/1/00-regio.passend".to_string(), read("regions/stromenland/2023-2024/00-regio.passend")),
        (
            "stromenland/1/diep.passend".to_string(),
            format!("definitie diep {{\n  waarde {waarde}\n  bron \"test\"\n}}\n"),
        ),
    ];
    let engine = Engine::from_files(files).unwrap_or_else(|e| panic!("from_files: {e}"));
    engine.problems().iter().map(|p| p.code.as_str()).collect()
}

#[test]
fn an_expression_deeper_than_64_levels_is_te_diep() {
    assert_eq!(passend::check::MAX_DEPTH, 64);
    // A left-nested sum of n terms is n - 1 levels deep; `niet` and `-` nest one level each.
    assert!(check_definitie(&vec!["1"; 60].join(" + ")).is_empty());
    assert_eq!(check_definitie(&vec!["1"; 70].join(" + ")), ["passend::te_diep"]);
    assert!(check_definitie(&format!("{}ja", "niet ".repeat(60))).is_empty());
    assert_eq!(check_definitie(&format!("{}ja", "niet ".repeat(70))), ["passend::te_diep"]);
    assert_eq!(check_definitie(&format!("{}1", "- ".repeat(70))), ["passend::te_diep"]);
    let als = format!("{}1{}", "als ja dan ".repeat(70), " anders 2".repeat(70));
    // The condition and the branches each count (issue 16), so each may be reported.
    let codes = check_definitie(&als);
    assert!(!codes.is_empty() && codes.iter().all(|c| *c == "passend::te_diep"), "{codes:?}");
    let lijst = format!("{}1{}", "[".repeat(70), "]".repeat(70));
    assert_eq!(check_definitie(&lijst), ["passend::te_diep"]);
}

#[test]
fn nesting_through_definities_counts_toward_the_64_levels() {
    // d0 uses d1 uses d2 ...: each link is two levels deeper (the `+`, then the name).
    let chain = |links: usize| {
        let mut file = String::new();
        for i in 0..links {
            file.push_str(&format!("definitie d{i} {{\n  waarde d{} + 1\n  bron \"test\"\n}}\n", i + 1));
        }
        file.push_str(&format!("definitie d{links} {{\n  waarde 1\n  bron \"test\"\n}}\n"));
        let files = vec![
            ("vocabulaire.toml".to_string(), vocabulary()),
            ("stromenland/1/00-regio.passend".to_string(), read("regions/stromenland/2023-2024/00-regio.passend")),
            ("stromenland/1/keten.passend".to_string(), file),
        ];
        let engine = Engine::from_files(files).unwrap_or_else(|e| panic!("from_files: {e}"));
        engine.problems().iter().map(|p| p.code.as_str()).collect::<Vec<_>>()
    };
    assert!(chain(25).is_empty(), "{:?}", chain(25));
    let codes = chain(40);
    assert!(!codes.is_empty() && codes.iter().all(|c| *c == "passend::te_diep"), "{codes:?}");
}

#[test]
fn the_parser_stops_at_256_levels_of_nesting() {
    assert_eq!(MAX_NESTING, 256);
    // Parentheses cost no depth in the checked expression, only in the syntax tree.
    assert!(check_definitie(&format!("{}1{}", "(".repeat(250), ")".repeat(250))).is_empty());
    assert_eq!(check_definitie(&format!("{}1{}", "(".repeat(260), ")".repeat(260))), ["passend::te_diep"]);
}

#[test]
fn te_diep_through_the_binary_is_a_located_problem() {
    let mut file = read("regions/stromenland/2023-2024/00-regio.passend");
    file.push_str(&format!("definitie diep {{\n  waarde {}\n  bron \"test\"\n}}\n", vec!["1"; 70].join(" + ")));
    let dir = regions_dir("te-diep", &file);
    let (code, _, err) = passend(&["check", "--message-format", "json", dir.to_str().unwrap_or_default()], Vec::new());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, Some(1), "{err}");
    let problem: Value = err.lines().find_map(|l| serde_json::from_str(l).ok()).unwrap_or_default();
    assert_eq!(problem["code"], "passend::te_diep");
    assert!(problem["message"].as_str().unwrap_or("").contains("64"), "{problem}");
    assert!(problem["line"].as_u64().unwrap_or(0) > 1, "{problem}");
}

// ---- broken pipes and signals -------------------------------------------

/// `n` NDJSON dossiers, about 150 bytes each, whose decisions are ~2 KB.
fn big_stream(n: usize) -> Vec<u8> {
    let line = format!("{}\n", ijmond());
    line.repeat(n).into_bytes()
}

#[test]
fn a_reader_that_goes_away_ends_the_stream_quietly_with_status_0() {
    // `passend eval --ndjson big.ndjson | head -n 5`
    let dir = std::env::temp_dir().join(format!("passend-limits-pipe-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("big.ndjson");
    std::fs::write(&file, big_stream(50_000)).unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["eval", "--ndjson"])
        .arg(&file)
        .env_remove("PASSEND_REGIONS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start passend: {e}"));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    let mut newlines = 0;
    while newlines < 5 && stdout.read(&mut byte).unwrap_or(0) == 1 {
        first.push(byte[0]);
        newlines += usize::from(byte[0] == b'\n');
    }
    drop(stdout); // what `head` does after five lines
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(newlines, 5);
    assert_eq!(lines(&String::from_utf8_lossy(&first)).len(), 5);
    assert_eq!(out.status.code(), Some(0), "exit 0, not killed by SIGPIPE: {:?}", out.status);
    assert!(out.stderr.is_empty(), "no error message: {}", String::from_utf8_lossy(&out.stderr));
}

/// Sends `signal` to the child, which is blocked writing a full output pipe
/// mid-stream; then reads what it wrote: every line must be whole.
fn interrupted_stream_leaves_complete_lines(signal: &str, args: &[&str]) {
    let mut child = spawn(args);
    let writer = child.stdin.take().map(|mut input| {
        std::thread::spawn(move || {
            let _ = input.write_all(&big_stream(20_000));
        })
    });
    // Do not read yet: the output pipe fills and passend blocks in a write.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let status = Command::new("kill").args([signal, &child.id().to_string()]).status();
    assert!(status.is_ok_and(|s| s.success()), "kill {signal} failed");
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    if let Some(w) = writer {
        let _ = w.join();
    }
    assert!(!out.status.success(), "the stream was interrupted, not finished: {:?}", out.status);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.is_empty(), "passend wrote something before the signal");
    assert!(
        text.ends_with('\n'),
        "the last line written is complete (ends in a newline): ...{}",
        &text[text.len().saturating_sub(80)..]
    );
    for line in lines(&text) {
        assert!(is_decision(&line, "ijmond"), "{line}");
    }
}

#[test]
fn sigterm_mid_stream_leaves_every_written_line_complete() {
    interrupted_stream_leaves_complete_lines("-TERM", &["eval", "--ndjson"]);
}

#[test]
fn sigint_mid_stream_leaves_every_written_line_complete() {
    interrupted_stream_leaves_complete_lines("-INT", &["eval", "--ndjson"]);
}

#[test]
fn sigterm_mid_stream_with_jobs_leaves_every_written_line_complete() {
    interrupted_stream_leaves_complete_lines("-TERM", &["eval", "--ndjson", "--jobs", "2"]);
}

/// A co-process waiting for its next line stops at once on SIGTERM.
#[test]
fn sigterm_while_waiting_for_input_ends_the_stream_at_once() {
    let mut child = spawn(&["eval", "--ndjson"]);
    let mut input = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let _ = writeln!(input, "{}", ijmond());
    let _ = input.flush();
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut answer = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        answer.push(byte[0]);
    }
    assert!(
        is_decision(&serde_json::from_slice(&answer).unwrap_or_default(), "ijmond"),
        "the first answer came before more input"
    );
    // Now passend waits for the next line; stdin stays open.
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(status.is_ok_and(|s| s.success()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                assert!(!status.success(), "{status:?}");
                break;
            }
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            _ => {
                let _ = child.kill();
                panic!("passend did not stop within 10 s of SIGTERM while waiting for input");
            }
        }
    }
    drop(input);
}

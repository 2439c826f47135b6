//! Issue 11: decisions are written by a hand-written writer that copies the
//! rules' texts escaped at compile time (`passend::decision::json`). Its
//! output must be byte for byte what `serde_json` writes for the same
//! `Decision` (serde's `Serialize` is the reference definition of the
//! contract's JSON): on every bundled example, the contract's examples,
//! thousands of generated dossiers through the NDJSON stream, and rules and
//! dossiers whose texts hold quotes, backslashes, control characters and
//! non-ASCII.

mod common;

use common::{date, engine, root};
use passend::tools::ndjson::{self, write_decision, Options};
use passend::{Decision, Engine};
use serde_json::{json, Value};
use std::sync::Arc;

/// Fails, showing where, unless the writer gives serde_json's bytes for `d`.
fn same_bytes(what: &str, d: &Decision) {
    let reference = serde_json::to_vec(d).unwrap_or_else(|e| panic!("{what}: serde_json: {e}"));
    let mut fast = Vec::new();
    write_decision(d, &mut fast).unwrap_or_else(|e| panic!("{what}: writer: {e}"));
    if fast != reference {
        let at = fast.iter().zip(&reference).position(|(a, b)| a != b).unwrap_or(fast.len().min(reference.len()));
        let around = |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())]).into_owned();
        panic!("{what}: the writer differs from serde_json at byte {at}:\nserde:  {}\nwriter: {}", around(&reference), around(&fast));
    }
}

/// The JSON files in `dir` whose name ends in `suffix`, sorted.
fn json_files(dir: &std::path::Path, suffix: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(suffix)).collect();
    files.sort();
    files
}

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_bundled_example_is_written_as_serde_json_writes_it() {
    let engine = engine();
    let mut decided = 0;
    for regio in std::fs::read_dir(root().join("regions")).into_iter().flatten().flatten() {
        for file in json_files(&regio.path().join("voorbeelden"), ".json") {
            let Some(dossier) = read_json(&file).get("dossier").cloned() else { continue };
            if let Ok(d) = engine.evaluate_json(&dossier, date("2024-06-01")) {
                same_bytes(&file.display().to_string(), &d);
                decided += 1;
            }
        }
    }
    assert!(decided > 100, "only {decided} bundled examples were decided");
}

#[test]
fn the_contract_examples_are_written_as_serde_json_writes_them_needs_shared_contract() {
    let dir = root().join("../shared/contract/examples");
    assert!(dir.is_dir(), "{} is missing: this test needs ../shared beside the worktree", dir.display());
    let engine = engine();
    let files = json_files(&dir, ".dossier.json");
    assert!(files.len() >= 5, "{} contract examples", files.len());
    for file in files {
        let d = engine.evaluate_json(&read_json(&file), date("2024-06-01")).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        same_bytes(&file.display().to_string(), &d);
    }
}

/// 3,000 generated dossiers (all regions and kinds) through the stream that
/// `passend eval --ndjson` runs: each decision line is serde_json's bytes.
#[test]
fn the_stream_writes_generated_decisions_as_serde_json_writes_them() {
    let engine = Engine::embedded().unwrap_or_else(|e| panic!("{e}"));
    let today = date("2024-06-01");
    let dossiers = passend::tools::generate::dossiers(2026, 3000);
    let input: String = dossiers.iter().map(|d| format!("{d}\n")).collect();
    let mut output = Vec::new();
    ndjson::run(&engine, input.as_bytes(), &mut output, &Options { today: Some(today), ..Options::default() }).unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&[u8]> = output.split(|b| *b == b'\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), dossiers.len());
    let mut seen = [0usize; 6];
    for (i, (dossier, line)) in dossiers.iter().zip(lines).enumerate() {
        let Ok(d) = engine.evaluate_json(dossier, today) else { continue };
        let reference = serde_json::to_vec(&d).unwrap_or_default();
        assert!(line == reference.as_slice(), "dossier {i}: the stream's line is not serde_json's:\n{}\n{}", String::from_utf8_lossy(line), String::from_utf8_lossy(&reference));
        same_bytes(&format!("dossier {i}"), &d);
        let parts = [d.niet_bepaald.len(), d.uitkomsten.0.len(), d.volgende_statussen.len(), d.deskundigen.len(), d.bedragen.len(), d.termijnen.len()];
        for (n, p) in seen.iter_mut().zip(parts) {
            *n += usize::from(p > 0);
        }
    }
    // The generated dossiers exercise every kind of item (niet_bepaald, uitkomsten, statuses, ...).
    assert!(seen.iter().all(|n| *n > 10), "decisions with niet_bepaald, uitkomsten, statussen, deskundigen, bedragen, termijnen: {seen:?}");
}

/// A region `stromenland` (real vocabulary and header) with `rules` as its only other file.
fn engine_with(rules: &str) -> Engine {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let files = vec![
        ("vocabulaire.toml".to_string(), read("regions/vocabulaire.toml")),
        ("stromenland/1/00-regio.passend".to_string(), read("regions/stromenland/2023-2024/00-regio.passend")),
        ("stromenland/1/test.passend".to_string(), rules.to_string()),
    ];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("test rules do not check:\n{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    }
}

/// Texts a JSON writer can get wrong: quotes, backslashes, every kind of
/// control character (short and `\u00XX` escapes), DEL, non-ASCII.
const AWKWARD: &str = "\\\"aanhalingstekens\\\" \\\\ schuin \\n\t tab \u{1} \u{8} \u{c} \r \u{1f} \u{7f} é “citaat” 😀";

fn awkward_rules() -> String {
    let rules = r#"parameter groot { waarde € 92233720368547758,07 bron "test" }
aanvraag terugplaatsing {
  bron "A"
  eis compleet { tekst "Eis A" voorwaarde aanvraag.compleet bron "A" }
  eis opp { tekst "A" voorwaarde terugplaatsing.opp_bijgevoegd bron "A" }
  deskundige eerste { rol "eerste" disciplines ["psycholoog", "orthopedagoog"] onafhankelijk ja organisatie "A" vorm "advies" bron "A" }
  bedrag gewoon { regeling "A" bedrag € 10,00 ontvanger "A" berekening "A" bron "A" }
  bedrag te_veel { regeling "A" bedrag groot + € 0,01 ontvanger "A" berekening "A" bron "A" }
  termijn t { wat "A" uiterlijk peildatum - 1 week grondslag "A" bron "A" }
  waarschuwing vast { tekst "A" bron "A" }
  waarschuwing school { tekst "A: " + terugplaatsing.nieuwe_school bron "A" }
  waarschuwing open { tekst "A" alleen_als terugplaatsing.bespreekdatum > peildatum bron "A" }
  uitkomst lijst { waarde ["A", terugplaatsing.nieuwe_school] bron "A" }
  uitkomst getal { waarde 3 bron "A" }
}
"#;
    rules.replace("\"A", &format!("\"{AWKWARD}"))
}

#[test]
fn awkward_texts_in_rules_and_dossiers_are_escaped_as_serde_json_escapes_them() {
    let engine = engine_with(&awkward_rules());
    let weird = "dossier \" \\ \n \u{0} \u{1b} ü 漢字";
    let dossier = json!({
        "regio": "stromenland", "peildatum": "2024-01-01",
        "aanvraag": {"soort": "terugplaatsing", "compleet": true},
        "terugplaatsing": {"nieuwe_school": weird, "opp_bijgevoegd": true},
        "onbekend \"veld\"\t": 1,
    });
    let mut d = engine.evaluate_json(&dossier, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    // Every kind of item is there, with the awkward texts.
    assert!(!d.fouten.is_empty() && !d.niet_bepaald.is_empty() && !d.deskundigen.is_empty() && !d.bedragen.is_empty(), "{d:#?}");
    assert!(!d.termijnen.is_empty() && d.uitkomsten.0.len() == 2 && d.in_aanmerking == Some(true), "{d:#?}");
    assert!(d.redenen.iter().any(|r| r.bron.contains('\u{1}')) && d.waarschuwingen.iter().any(|w| w.tekst.contains('\u{1b}')), "{d:#?}");
    same_bytes("awkward rules", &d);

    // Fields changed after evaluation (a library user may) are written as they are now.
    d.redenen[0].regel = Arc::from("vervangen \"id\"\u{2}");
    d.redenen[0].bron = Arc::from(AWKWARD.replace('A', "B"));
    d.regelset.naam = Arc::from("naam\n");
    d.deskundigen[0].disciplines.reverse();
    d.uitkomsten.0.push((Arc::from("genest\u{3}"), json!({"a": [1, 2.5, null, {"b": "\"x\"\u{1}"}], "c": -7})));
    same_bytes("changed after evaluation", &d);
}

#[test]
fn dates_outside_four_digit_years_are_written_as_chrono_serializes_them() {
    let engine = engine_with(&awkward_rules());
    for peildatum in ["0001-01-01", "9999-12-31", "0000-03-01"] {
        let dossier = json!({"regio": "stromenland", "peildatum": peildatum, "aanvraag": {"soort": "terugplaatsing"}});
        if let Ok(d) = engine.evaluate_json(&dossier, date("2024-01-01")) {
            same_bytes(peildatum, &d);
        }
    }
    let dossier = json!({"regio": "stromenland", "peildatum": "2024-01-01", "aanvraag": {"soort": "terugplaatsing"}});
    let mut d = engine.evaluate_json(&dossier, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    for (y, m, day) in [(-1, 12, 31), (10000, 1, 1), (-262000, 2, 3), (5, 6, 7)] {
        d.peildatum = chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| panic!("test date {y}"));
        same_bytes(&format!("year {y}"), &d);
    }
}

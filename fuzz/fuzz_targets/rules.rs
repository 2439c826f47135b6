//! Fuzz target 1: arbitrary text as the one rule file of a test region
//! (folder `stromenland/fuzz/`), loaded with the real vocabulary through
//! `passend::Engine::from_files` (parse -> check -> compile). When the text
//! happens to check, a few fixed dossiers are decided against it, so
//! arithmetic and dates in generated rules are exercised too.
//!
//! Must never panic, abort or overflow the stack: a bad rule file is a list
//! of located problems. Runs on libFuzzer's own thread (8 MiB stack), so a
//! nesting that overflows the stack is found (regressions R1, R2).

#![no_main]

use libfuzzer_sys::fuzz_target;

const VOCABULARY: &str = include_str!("../../regions/vocabulaire.toml");

fn dossiers() -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for peil in ["2023-09-01", "2024-05-13", "1900-01-01", "2262-04-11"] {
        for soort in ["terugplaatsing", "terugplaatsingsarrangement", "tlv_verlenging"] {
            out.push(serde_json::json!({
                "regio": "stromenland",
                "peildatum": peil,
                "aanvraag": {"soort": soort, "ingediend_op": "2024-05-13", "status": "Terugplaatsing aanmelding"},
                "leerling": {"geboortedatum": "2014-02-20", "setting": "sbo"},
                "ouders": {"geinformeerd": true},
                "overstap": {"van": "so", "naar": "regulier", "datum": "2024-05-06", "inzet": "geld"},
                "terugplaatsing": {"bespreekdatum": "2024-03-01", "uitkomst": "wel", "nieuwe_school": "De Brug"}
            }));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| load_and_decide(data));

fn load_and_decide(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let files = vec![
        ("vocabulaire.toml".to_string(), VOCABULARY.to_string()),
        ("stromenland/fuzz/regels.passend".to_string(), text),
    ];
    let Ok(engine) = passend::Engine::from_files(files) else {
        return;
    };
    // Rendering the problems exercises every span the checker produced.
    let problems = engine.problems();
    let _ = passend::diagnostics::render(&problems, false);
    for p in &problems {
        let _ = serde_json::to_string(&p.to_json());
    }
    if !problems.is_empty() {
        return;
    }
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2024, 5, 13) else {
        return;
    };
    for dossier in dossiers() {
        if let Ok(decision) = engine.evaluate_json(&dossier, today) {
            let _ = serde_json::to_string(&decision);
        }
    }
}

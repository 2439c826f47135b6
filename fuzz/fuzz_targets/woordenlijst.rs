//! Fuzz target 4: a vocabulary and a rule file together, both arbitrary.
//! The input is `VOCABULARY \n%%%%\n RULES \n%%%%\n DOSSIER` (missing parts
//! are the real vocabulary / an empty rule file / a fixed dossier), loaded
//! through `passend::Engine::from_files` (vocabulary load with its contract
//! and `[grenzen]`, parse, check, compile), and when it loads, the dossier
//! (and a few fixed ones) are decoded by both decoders and decided.
//!
//! Must never panic, abort or overflow the stack: a bad vocabulary or rule
//! file is a list of located problems, a bad dossier an error, and the two
//! decoders agree.

#![no_main]

use libfuzzer_sys::fuzz_target;

const VOCABULARY: &str = include_str!("../../regions/vocabulaire.toml");
const SEPARATOR: &str = "\n%%%%\n";

fuzz_target!(|data: &[u8]| run(data));

fn fixed_dossiers() -> Vec<String> {
    vec![
        r#"{"regio":"stromenland","peildatum":"2024-05-13","aanvraag":{"soort":"terugplaatsing","ingediend_op":"2024-05-13"},"leerling":{"geboortedatum":"2014-02-20"}}"#.into(),
        r#"{"regio":"stromenland","aanvraag":{"soort":"tlv_verlenging"},"vangnet":{"tarief_cent":-1,"jaar":2024},"deskundigen":{"advies_maanden":3}}"#.into(),
    ]
}

fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, SEPARATOR);
    let vocabulary = parts.next().unwrap_or_default().to_string();
    let rules = parts.next().unwrap_or_default().to_string();
    let dossier = parts.next().map(str::to_string);
    let vocabulary = if vocabulary.trim().is_empty() { VOCABULARY.to_string() } else { vocabulary };
    let files = vec![
        ("vocabulaire.toml".to_string(), vocabulary),
        ("stromenland/fuzz/00-regio.passend".to_string(), include_str!("../../regions/stromenland/2023-2024/00-regio.passend").to_string()),
        ("stromenland/fuzz/regels.passend".to_string(), rules),
    ];
    let engine = match passend::Engine::from_files(files) {
        Ok(engine) => engine,
        Err(passend::LoadError::Problems(problems)) => {
            let _ = passend::diagnostics::render(&problems, false);
            for p in &problems {
                let _ = serde_json::to_string(&p.to_json());
            }
            return;
        }
        Err(passend::LoadError::Io(_)) => return,
    };
    let _ = passend::diagnostics::render(&engine.problems(), false);
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2024, 5, 13) else { return };
    let mut dossiers = fixed_dossiers();
    dossiers.extend(dossier);
    for text in dossiers {
        let direct = engine.decode_slice(text.as_bytes(), today);
        // Without duplicate keys (refused only by the text decoder) both decoders agree.
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
            let reference = engine.decode(&json, today);
            if let (Ok(a), Ok(b)) = (&direct, &reference) {
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "the decoders disagree");
            }
        }
        if let Ok(d) = direct {
            if let Ok(decision) = engine.evaluate(&d) {
                let _ = serde_json::to_string(&decision);
            }
        }
    }
}

//! Each file in tests/diagnostics/ is a broken rule file. Its first line
//! names the diagnostic codes it must produce (`# verwacht: passend::x ...`);
//! the rendered report (no colour) is a reviewed insta snapshot.

mod common;

use common::root;
use passend::{Engine, LoadError};

fn problems_of(file: &std::path::Path) -> (Vec<passend::diagnostics::Problem>, String) {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    // The test region must be a region of the vocabulary (`check` refuses any other header).
    let vocab = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default().replacen("regio = [", "regio = [\"testregio\", ", 1);
    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let files = vec![("vocabulaire.toml".to_string(), vocab), (format!("testregio/v1/{name}"), text.clone())];
    let problems = match Engine::from_files(files) {
        Ok(e) => e.problems(),
        Err(LoadError::Problems(p)) => p,
        Err(e) => panic!("{e}"),
    };
    (problems, text)
}

#[test]
fn every_broken_file_gives_its_diagnostics() {
    let mut files = common::case_files(&root().join("tests/diagnostics"));
    files = std::fs::read_dir(root().join("tests/diagnostics"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "passend")).collect())
        .unwrap_or(files);
    files.sort();
    assert!(files.len() >= 12, "at least 12 broken rule files, found {}", files.len());
    for file in files {
        let (problems, text) = problems_of(&file);
        let expected: Vec<&str> = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# verwacht:"))
            .map(|l| l.split_whitespace().collect())
            .unwrap_or_default();
        let mut got: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        got.dedup();
        let name = file.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        assert_eq!(got, expected, "{name}: diagnostic codes");
        for p in &problems {
            assert!(p.help.is_some(), "{name}: `{}` has no help text", p.message);
            assert!(!p.span.is_empty() || p.code.as_str() == "passend::geen_regio", "{name}: `{}` points nowhere", p.message);
        }
        let rendered = passend::diagnostics::render(&problems, false);
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn json_message_format_has_location_and_help() {
    let (problems, _) = problems_of(&root().join("tests/diagnostics/02-onbekend-veld.passend"));
    let j = serde_json::to_value(problems.first().map(|p| p.to_json())).unwrap_or_default();
    assert_eq!(j["code"], "passend::onbekende_naam");
    assert_eq!(j["line"], 14);
    assert_eq!(j["help"], "bedoel je `leerling.geboortedatum`?");
    assert_eq!(j["file"], "regions/testregio/v1/02-onbekend-veld.passend");
}

//! Issue 11: the checker never leaves a part out without a reported problem,
//! and a shared `regels` group is reported once.

mod common;

use common::root;
use passend::Engine;

fn read(p: &str) -> String {
    std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// The bundled rule files with `vocabulary` instead of the real one.
fn bundled_with(vocabulary: String) -> Vec<(String, String)> {
    let mut files = passend::read_dir_files(&root().join("regions")).unwrap_or_else(|e| panic!("{e}"));
    for (path, text) in &mut files {
        if path == "vocabulaire.toml" {
            *text = vocabulary.clone();
        }
    }
    files
}

/// Finding: with a vocabulary without the `deskundige_rol` list, `passend
/// check` said "in orde … 548 regels" (611 with the real one): every
/// `deskundige` rule was dropped without a word. The keuze lists the rule
/// language depends on (`crate::taal`) are now part of the vocabulary's
/// contract: a vocabulary without one is refused when it loads, with one
/// problem that names the list, before any rule is read.
#[test]
fn a_vocabulary_without_deskundige_rol_is_refused_when_it_loads() {
    let vocabulary: String = read("regions/vocabulaire.toml").lines().filter(|l| !l.starts_with("deskundige_rol")).map(|l| format!("{l}\n")).collect();
    assert_ne!(vocabulary, read("regions/vocabulaire.toml"), "the test must remove the list");
    let problems = match Engine::from_files(bundled_with(vocabulary)) {
        Err(passend::LoadError::Problems(p)) => p,
        Err(e) => panic!("not a located problem: {e}"),
        Ok(_) => panic!("a vocabulary without deskundige_rol loaded: rules could be left out"),
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code.as_str(), "passend::woordenlijst");
    assert!(problems[0].message.contains("`deskundige_rol`"), "{}", problems[0].message);
    assert!(problems[0].source.name.ends_with("vocabulaire.toml"), "{}", problems[0].source.name);
}

/// The same through the command: not "in orde", exit 1.
#[test]
fn check_refuses_a_vocabulary_without_deskundige_rol() {
    let dir = std::env::temp_dir().join(format!("passend-i11-vocab-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in bundled_with(String::new()) {
        let to = dir.join(&path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        let text = if path == "vocabulaire.toml" {
            read("regions/vocabulaire.toml").lines().filter(|l| !l.starts_with("deskundige_rol")).map(|l| format!("{l}\n")).collect()
        } else {
            text
        };
        std::fs::write(&to, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passend"))
        .arg("check")
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains("in orde") && !stderr.contains("in orde"), "{stdout}{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("deskundige_rol"), "{stderr}");
}

/// Finding: a bad field in a shared `regels` group was reported once per
/// `aanvraag` that uses the group.
#[test]
fn a_bad_field_in_a_shared_group_is_reported_once() {
    let rules = r#"regels gedeeld {
  eis fout_veld {
    tekst "Een veld dat niet bestaat"
    voorwaarde aanvraag.bestaat_niet
    bron "test"
  }
}
aanvraag terugplaatsing {
  bron "test"
  gebruikt gedeeld
}
aanvraag tlv {
  bron "test"
  gebruikt gedeeld
}
"#;
    let files = vec![
        ("vocabulaire.toml".to_string(), read("regions/vocabulaire.toml")),
        ("stromenland/1/00-regio.passend".to_string(), read("regions/stromenland/2023-2024/00-regio.passend")),
        ("stromenland/1/test.passend".to_string(), rules.to_string()),
    ];
    let engine = Engine::from_files(files).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = engine.problems().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["passend::onbekende_naam"], "{}", passend::diagnostics::render(&engine.problems(), false));
}

/// Finding: `Engine` was two types in one; a lazy engine's public
/// `regions`/`problems`/`broken` were empty. Now one engine: they load what
/// they need and agree with an eager engine.
#[test]
fn a_lazy_engine_reports_the_same_regions_and_problems_as_an_eager_one() {
    let mut files = vec![
        ("vocabulaire.toml".to_string(), read("regions/vocabulaire.toml")),
        ("leiden/1/a.passend".to_string(), "regio leiden {".to_string()),
    ];
    files.extend(
        passend::read_dir_files(&root().join("regions"))
            .unwrap_or_default()
            .into_iter()
            .filter(|(p, _)| p.starts_with("rijnstreek/")),
    );
    let lazy = Engine::from_files_lazy(files.clone()).unwrap_or_else(|e| panic!("{e}"));
    let eager = Engine::from_files(files).unwrap_or_else(|e| panic!("{e}"));
    for engine in [&lazy, &eager] {
        assert_eq!(engine.broken().iter().map(|b| &**b).collect::<Vec<_>>(), ["leiden"]);
        assert_eq!(engine.regions().iter().map(|r| &**r.id()).collect::<Vec<_>>(), ["rijnstreek"]);
        assert_eq!(engine.problems().iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["passend::blok_open"]);
    }
}

//! Issue 11: the documented public API (`src/lib.rs`) is enough to load the
//! rules, decide a dossier, trace the decision, explain it, lint, format and
//! stream. This file names nothing but `passend::{Engine, Decision, Dossier,
//! trace, diagnostics, limits, tools, ...}`; it fails to compile when an item
//! it needs is made internal, and it fails when explain and the trace stop
//! agreeing with the decision.

use passend::tools::explain::{explain, Niveau};
use passend::trace::Uitkomst;
use passend::{Decision, Dossier, DossierError, Engine, LoadError, SourceFile};
use serde_json::json;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_else(|| panic!("date"))
}

fn engine() -> Engine {
    Engine::embedded().unwrap_or_else(|e| panic!("bundled rules: {e}"))
}

/// A Rijnstreek TLV request the school's director did not sign: the handbook
/// ("Als de directeur van school ook akkoord heeft gegeven gaat de aanvraag
/// naar het loket") makes that a requirement not met; the other facts are
/// left out, so other requirements are open.
fn dossier(engine: &Engine) -> Dossier {
    let json = json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"}, "school": {"directeur_akkoord": false}});
    engine.decode(&json, today()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn load_decide_trace_and_explain_through_the_public_api() {
    let engine = engine();
    let dossier = dossier(&engine);
    let decision: Decision = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("{e}"));
    let (traced, trace) = engine.evaluate_traced(&dossier, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(traced, decision, "the traced decision is the decision");
    assert!(!trace.stappen.is_empty());
    // Every requirement the decision names as not met is a step that is not met.
    assert_eq!(decision.in_aanmerking, Some(false));
    assert!(decision.ontbreekt.iter().any(|o| &*o.regel == "tlv.directeur_akkoord"), "{:?}", decision.ontbreekt);
    for o in &decision.ontbreekt {
        let stap = trace.stap(&o.regel).unwrap_or_else(|| panic!("{} not in the trace", o.regel));
        assert_eq!(stap.uitkomst, Uitkomst::NietVoldaan, "{}", o.regel);
    }
    // Requirements left open by the missing facts are `onbekend` in the trace.
    assert!(trace.stappen.iter().any(|s| s.uitkomst == Uitkomst::Onbekend));
    // explain reads the same trace: its conclusion is the decision's.
    let (explained, uitleg) = explain(&engine, &dossier, Niveau::Volledig).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(explained, decision);
    assert_eq!(uitleg.in_aanmerking, decision.in_aanmerking);
    for r in uitleg.eisen.iter().chain(&uitleg.gevolgen) {
        if let Some(stap) = trace.stap(&r.regel) {
            assert_eq!(r.uitkomst, stap.uitkomst.as_str(), "{}", r.regel);
        }
    }
    assert!(!passend::tools::explain::text(&uitleg).is_empty());
}

#[test]
fn a_bad_dossier_is_a_typed_error_with_the_contract_code() {
    let engine = engine();
    let err: DossierError = engine.evaluate_json(&json!({"regio": "nergens", "aanvraag": {"soort": "tlv"}}), today()).err().unwrap_or_else(|| panic!("decided"));
    // The contract's code for a value outside the vocabulary's list, naming the field.
    assert!(matches!(err, DossierError::Waarde(_)), "{err:?}");
    assert_eq!((err.code(), err.veld()), ("waarde", Some("regio")));
}

#[test]
fn bad_rules_are_problems_rendered_by_diagnostics() {
    let vocab = passend::embedded_files().iter().find(|(p, _)| p.ends_with("vocabulaire.toml")).map(|(_, t)| t.to_string());
    let vocab = vocab.unwrap_or_else(|| panic!("no embedded vocabulary"));
    let files = vec![("vocabulaire.toml".to_string(), vocab), ("rijnstreek/2026/x.passend".to_string(), "regio rijnstreek {".to_string())];
    match Engine::from_files_strict(files) {
        Err(LoadError::Problems(p)) => {
            assert!(!p.is_empty());
            assert!(passend::diagnostics::render(&p, false).contains("x.passend"));
        }
        other => panic!("bad rules loaded: {:?}", other.map(|_| ())),
    }
}

#[test]
fn the_tools_entry_points_are_public() {
    let engine = engine();
    // fmt: a formatted file is its own format.
    let text = "definitie d {\n  waarde ja\n  bron \"b\"\n}\n";
    assert_eq!(passend::tools::fmt::format_source(&SourceFile::new("d.passend", text)).ok().as_deref(), Some(text));
    // ndjson: one line in, one decision out, like `evaluate`.
    let line = json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"}, "school": {"directeur_akkoord": false}}).to_string() + "\n";
    let mut out = Vec::new();
    let options = passend::tools::ndjson::Options { today: Some(today()), ..Default::default() };
    passend::tools::ndjson::run(&engine, line.as_bytes(), &mut out, &options).unwrap_or_else(|e| panic!("{e}"));
    let streamed: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let decided = serde_json::to_value(engine.evaluate(&dossier(&engine)).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default();
    assert_eq!(streamed, decided);
    // generate, schema: the generated dossiers are dossiers the engine decides.
    let generated = passend::tools::generate::dossiers(1, 5);
    assert_eq!(generated.len(), 5);
    assert!(passend::tools::schema::beslissing(&engine).is_object());
}

/// Issue 11: `lib.rs` exposed ~25 modules (`pub mod check`, `pub mod eval`,
/// `pub mod syntax`, ...), so every internal was API. Now only these four
/// modules are public; the rest is `pub(crate)` or private. A new `pub mod`
/// must be added here on purpose (and to the list in `lib.rs`'s doc).
#[test]
fn lib_rs_makes_only_the_api_modules_public() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap_or_else(|e| panic!("{e}"));
    let public: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches([';', '{', ' ']))
        .collect();
    assert_eq!(public, ["diagnostics", "limits", "tools", "trace"]);
    for name in public {
        assert!(lib.contains(&format!("[`{name}`]")), "{name} is not in lib.rs's list of the public API");
    }
}

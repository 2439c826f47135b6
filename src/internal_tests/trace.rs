//! Trace and evaluator findings of issue 11 that need a hand-built
//! program (moved from `tests/trace.rs` when `lib.rs` was narrowed).

use passend::Engine;
use std::sync::Arc;

/// The bundled rule files, read from `regions/` and checked strictly.
fn engine() -> Engine {
    let files = passend::read_dir_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regions")).unwrap_or_default();
    Engine::from_files_strict(files).unwrap_or_else(|e| panic!("bundled rules: {e}"))
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Finding: a parameter without a value evaluated to `nee` (`eval/mod.rs`).
/// The checker rules it out; should it ever happen, it is the rule's error,
/// never a silent `nee` that fails (or, negated, passes) a requirement.
#[test]
fn a_missing_parameter_is_an_error_of_the_rule_not_nee() {
    use passend::check::model::{Aanvraag, Header, ParamId, Rule, RuleKind, TExpr};
    let engine = engine();
    let json = serde_json::json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"}});
    let dossier = engine.decode(&json, date("2026-01-26")).unwrap_or_else(|e| panic!("{e}"));
    let real = engine.program_for("rijnstreek", dossier.peildatum, None).map(|(p, _)| p).unwrap_or_else(|| panic!("no program"));
    let header: Header = real.header.clone();
    let rule = Rule {
        id: Arc::from("tlv.geen_waarde"),
        plaats: Arc::from("test.passend:1"),
        bron: Arc::from("test"),
        alleen_als: None,
        kind: RuleKind::Eis { tekst: Arc::from("t"), voorwaarde: TExpr::Not(Box::new(TExpr::Param(ParamId::new(0)))) },
        span: passend::Span::default(),
        json: Default::default(),
    };
    let program = passend::compile::Program {
        header,
        hash: real.hash.clone(),
        params: Vec::new(),
        defs: Vec::new(),
        aanvragen: vec![Aanvraag { soort: Arc::from("tlv"), bron: Arc::from("test"), rules: vec![rule], workflow: None }],
        by_soort: real.by_soort.iter().map(|_| Some(0)).collect(),
        workflows: Vec::new(),
        field_names: real.field_names.clone(),
        sources: Vec::new(),
        regelset_json: Default::default(),
    };
    let d = passend::eval::decide(&program, &dossier);
    assert_eq!(d.in_aanmerking, None, "a missing parameter decided the requirement: {d:?}");
    assert_eq!(d.fouten.iter().map(|f| (&*f.regel, f.code.as_str())).collect::<Vec<_>>(), [("tlv.geen_waarde", "intern")]);
}

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
    use passend::check::model::{Aanvraag, Header, ParamId, Rule, RuleKind, RuleSet, TExpr};
    let engine = engine();
    let json = serde_json::json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"}});
    let dossier = engine.decode(&json, date("2026-01-26")).unwrap_or_else(|e| panic!("{e}"));
    let real = engine.program_for("rijnstreek", dossier.peildatum, None).map(|(p, _)| p).unwrap_or_else(|| panic!("no program"));
    let header: Header = real.header().clone();
    let rule = Rule {
        id: Arc::from("tlv.geen_waarde"),
        plaats: Arc::from("test.passend:1"),
        bron: Arc::from("test"),
        alleen_als: None,
        kind: RuleKind::Eis { tekst: Arc::from("t"), voorwaarde: TExpr::Not(Box::new(TExpr::Param(ParamId::new(0)))) },
        span: passend::Span::default(),
        json: Default::default(),
        at: real.rules().next().map(|(_, r)| r.at.clone()).unwrap_or_else(|| panic!("no rule")),
    };
    // A rule set the checker would refuse (the parameter does not exist), compiled as is.
    let set = RuleSet {
        header,
        params: Vec::new(),
        defs: Vec::new(),
        aanvragen: vec![Aanvraag { soort: Arc::from("tlv"), bron: Arc::from("test"), rules: vec![rule], workflow: None }],
        workflows: Vec::new(),
        sources: Vec::new(),
    };
    let program = passend::compile::compile(set, engine.vocab());
    let d = passend::eval::decide(&program, &dossier);
    assert_eq!(d.in_aanmerking, None, "a missing parameter decided the requirement: {d:?}");
    assert_eq!(d.fouten.iter().map(|f| (&*f.regel, f.code.as_str())).collect::<Vec<_>>(), [("tlv.geen_waarde", "intern")]);
}

/// Typed ids: every step of a trace names its rule or transition by id, and
/// that id leads back, in the program, to the rule the step is about.
#[test]
fn trace_steps_are_keyed_by_ids_that_lead_back_to_their_rule() {
    use passend::check::model::RegelId;
    let engine = engine();
    let json = serde_json::json!({"regio": "stromenland", "peildatum": "2024-01-15", "aanvraag": {"soort": "terugplaatsing"}});
    let dossier = engine.decode(&json, date("2024-01-15")).unwrap_or_else(|e| panic!("{e}"));
    let (_, trace) = engine.evaluate_traced(&dossier, None).unwrap_or_else(|e| panic!("{e}"));
    let program = trace.program;
    assert!(trace.stappen.iter().any(|s| matches!(s.onderwerp.id(), RegelId::Overgang(_))), "the example must reach a transition");
    for stap in &trace.stappen {
        let id = stap.onderwerp.id();
        let regel = match id {
            RegelId::Regel(r) => program.rule(r).map(|r| &r.id),
            RegelId::Overgang(t) => program.transition(t).map(|t| &t.regel),
        };
        assert_eq!(regel, Some(stap.onderwerp.regel()), "{id:?}");
        assert!(std::ptr::eq(trace.stap_van(id).map_or(std::ptr::null(), |s| s as *const _), stap), "{id:?} names another step");
    }
}

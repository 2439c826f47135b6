//! `passend schema`: the generated JSON Schemas (2020-12), checked with the
//! `jsonschema` crate: every example dossier (bundled and contract) is
//! valid, every decision they produce is valid, and wrong input is not.

use super::common::{case_files, date, engine, root};
use jsonschema::Validator;
use passend::tools::schema::{beslissing, dossier, fout};
use serde_json::{json, Value};

fn validator(schema: &Value) -> Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"))
}

fn errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path)).collect()
}

/// Every dossier in regions/*/voorbeelden and ../shared/contract/examples.
fn all_dossiers() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let read = |p: &std::path::Path| std::fs::read_to_string(p).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok());
    for regio in ["helmond-peelland", "ijmond", "leiden", "rijnstreek", "stromenland"] {
        for path in case_files(&root().join("regions").join(regio).join("voorbeelden")) {
            if let Some(d) = read(&path).and_then(|c| c.get("dossier").cloned()) {
                out.push((path.display().to_string(), d));
            }
        }
    }
    for path in case_files(&root().join("../shared/contract/examples")) {
        if path.to_string_lossy().ends_with(".dossier.json") {
            if let Some(d) = read(&path) {
                out.push((path.display().to_string(), d));
            }
        }
    }
    out
}

#[test]
fn every_example_dossier_and_every_decision_is_valid() {
    let engine = engine();
    let dossiers = validator(&dossier(engine.vocab()));
    let decisions = validator(&beslissing(&engine));
    let all = all_dossiers();
    assert!(all.len() >= 150, "only {} example dossiers found", all.len());
    let mut problems = Vec::new();
    for (name, d) in &all {
        let e = errors(&dossiers, d);
        if !e.is_empty() {
            problems.push(format!("{name} (dossier): {}", e.join("; ")));
        }
        match engine.evaluate_json(d, date("2026-11-23")) {
            Ok(decision) => {
                let json = serde_json::to_value(&decision).unwrap_or(Value::Null);
                let e = errors(&decisions, &json);
                if !e.is_empty() {
                    problems.push(format!("{name} (beslissing): {}", e.join("; ")));
                }
            }
            Err(e) => problems.push(format!("{name}: refused: {e}")),
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_dossier_schema_rejects_what_the_engine_refuses_and_a_misspelt_field() {
    let engine = engine();
    let v = validator(&dossier(engine.vocab()));
    let ok = json!({"regio": "leiden", "aanvraag": {"soort": "tlv", "ingediend_op": "2021-02-22"}, "ouders": {"ondertekening": [{"ouder": "1", "wijze": "digitaal"}]}});
    assert_eq!(errors(&v, &ok), Vec::<String>::new());
    // null is "unknown", as the engine reads it
    assert!(v.is_valid(&json!({"regio": "leiden", "aanvraag": {"soort": "tlv", "compleet": null}, "opp": null})));
    let bad = [
        json!({"aanvraag": {"soort": "tlv"}}),                                            // no regio
        json!({"regio": "utrecht", "aanvraag": {"soort": "tlv"}}),                        // not a region
        json!({"regio": "leiden"}),                                                       // no aanvraag
        json!({"regio": "leiden", "aanvraag": {}}),                                       // no soort
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv", "ingediend_op": "22-02-2021"}}),
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv", "ingediend_op": "2021-02-30"}}),
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv"}, "leerling": {"cluster": "drie"}}),
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv"}, "leerling": {"setting": "middelbaar"}}),
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv"}, "ouders": {"zienwijze": true}}), // misspelt
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv"}, "ouders": {"ondertekening": [{"wijze": "fax"}]}}),
        json!({"regio": "leiden", "aanvraag": {"soort": "tlv"}, "vangnet": {"tarief_cent": "750"}}),
    ];
    for d in &bad {
        assert!(!v.is_valid(d), "accepted: {d}");
        let engine_refuses = engine.evaluate_json(d, date("2026-01-01")).is_err();
        let misspelt = d.get("ouders").and_then(|o| o.get("zienwijze")).is_some();
        assert!(engine_refuses || misspelt, "the engine accepts what the schema refuses: {d}");
    }
}

#[test]
fn the_decision_schema_is_strict_and_the_error_line_has_one_too() {
    let engine = engine();
    let v = validator(&beslissing(&engine));
    let d = engine
        .evaluate_json(&json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}}), date("2026-03-02"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut json = serde_json::to_value(&d).unwrap_or(Value::Null);
    assert_eq!(errors(&v, &json), Vec::<String>::new());
    json["extra"] = json!(1);
    assert!(!v.is_valid(&json), "a field the schema does not name is a drift between decision.rs and the schema");
    let f = validator(&fout());
    assert!(f.is_valid(&json!({"regelnummer": 3, "fout": {"code": "json", "bericht": "geen geldige JSON", "veld": null}})));
    assert!(!f.is_valid(&json!({"regelnummer": 0, "fout": {}})));
}

#[test]
fn the_command_prints_each_schema() {
    for (which, title) in [("dossier", "passend dossier"), ("beslissing", "passend beslissing"), ("fout", "passend fout")] {
        let (code, out, err) = super::fixture::passend(&["schema", which], b"");
        assert_eq!(code, 0, "{err}");
        let s: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["title"], title);
    }
    let (_, out, _) = super::fixture::passend(&["schema"], b"");
    assert!(out.contains("\"title\": \"passend dossier\""));
}

//! Information monotonicity (Kleene): a dossier with one fact fewer knows
//! less, so its `in_aanmerking` may only become `null` or stay as it was:
//! never true -> false, false -> true, or null -> a value. Checked for every
//! bundled example dossier and for random dossiers from `passend::generate`,
//! removing each fact in turn.
//!
//! What counts as one fact: a leaf field, or a whole list (a list of
//! ondertekeningen is one fact; dropping one element changes it, it does not
//! remove it). Exempt, and why:
//! - `regio`, `aanvraag.soort`: required; without them there is no decision.
//! - `peildatum`: absent means today, another day rather than less knowledge.
//! - fields with a `[standaard]` in vocabulaire.toml (fields passend added,
//!   which a contract-v1 dossier never sends): absent means the declared
//!   value, so removing one states that value.
//! - rule kinds other than `eis` (waarschuwing, uitkomst, bedrag, termijn,
//!   deskundige, workflow) do not decide `in_aanmerking`; they may use
//!   `bekend()` to say that something is missing, and an amount is only paid
//!   when `in_aanmerking` is true. This test checks `in_aanmerking` only.
//!   Lint `onbekend_wordt_bekend` keeps `bekend()` out of every eis.

mod common;

use common::*;
use passend::tools::generate::Generator;
use passend::Engine;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

const EXEMPT: [&str; 3] = ["regio", "aanvraag.soort", "peildatum"];

fn shared_engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(engine)
}

/// Fields with a declared standaard in the vocabulary.
fn defaulted() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default();
    let v: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("vocabulaire.toml: {e}"));
    v.get("standaard").and_then(|s| s.as_table()).map(|t| t.keys().cloned().collect()).unwrap_or_default()
}

/// Dotted paths of every removable fact: leaves and whole arrays.
fn facts(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                facts(x, &p, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

fn without(v: &Value, path: &str) -> Value {
    let mut out = v.clone();
    let parts: Vec<&str> = path.split('.').collect();
    if let Some((last, parents)) = parts.split_last() {
        let mut node = &mut out;
        for p in parents {
            node = match node.get_mut(*p) {
                Some(n) => n,
                None => return out,
            };
        }
        if let Value::Object(m) = node {
            m.remove(*last);
        }
    }
    out
}

fn verdict(e: &Engine, d: &Value) -> Option<Option<bool>> {
    e.evaluate_json(d, date("2026-01-15")).ok().map(|decision| decision.in_aanmerking)
}

fn allowed(before: Option<bool>, after: Option<bool>) -> bool {
    after == before || after.is_none()
}

/// Every violation for one dossier, as readable lines.
fn violations(e: &Engine, d: &Value, exempt: &[String]) -> Vec<String> {
    let Some(before) = verdict(e, d) else { return Vec::new() };
    let mut paths = Vec::new();
    facts(d, "", &mut paths);
    let mut out = Vec::new();
    for p in paths {
        if EXEMPT.contains(&p.as_str()) || exempt.contains(&p) {
            continue;
        }
        let smaller = without(d, &p);
        if let Some(after) = verdict(e, &smaller) {
            if !allowed(before, after) {
                out.push(format!("{} {}: zonder `{p}`: {before:?} -> {after:?}", d["regio"], d["aanvraag"]["soort"]));
            }
        }
    }
    out
}

#[test]
fn the_rule_is_what_the_test_checks() {
    assert!(allowed(Some(true), None) && allowed(Some(false), None) && allowed(None, None) && allowed(Some(true), Some(true)));
    assert!(!allowed(Some(true), Some(false)) && !allowed(Some(false), Some(true)) && !allowed(None, Some(true)) && !allowed(None, Some(false)));
    let d = serde_json::json!({"regio": "rijnstreek", "aanvraag": {"soort": "tlv", "periode": {"van": "2026-01-01"}}, "ouders": {"ondertekening": [{"ouder": "1"}]}});
    let mut p = Vec::new();
    facts(&d, "", &mut p);
    p.sort();
    assert_eq!(p, vec!["aanvraag.periode.van", "aanvraag.soort", "ouders.ondertekening", "regio"]);
    assert_eq!(without(&d, "aanvraag.periode.van")["aanvraag"]["periode"], serde_json::json!({}));
}

#[test]
fn removing_a_fact_from_a_bundled_example_never_decides_otherwise() {
    let e = shared_engine();
    let exempt = defaulted();
    let mut checked = 0;
    let mut bad = Vec::new();
    for regio in ["stromenland", "ijmond", "rijnstreek", "leiden", "helmond-peelland"] {
        for file in case_files(&root().join("regions").join(regio).join("voorbeelden")) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let case: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
            let v = violations(e, &case["dossier"], &exempt);
            bad.extend(v.into_iter().map(|l| format!("{}: {l}", file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default())));
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} examples found");
    assert!(bad.is_empty(), "{} violation(s):\n{}", bad.len(), bad.join("\n"));
}

/// The bundled example dossiers, once.
fn examples() -> &'static Vec<Value> {
    static X: OnceLock<Vec<Value>> = OnceLock::new();
    X.get_or_init(|| {
        let mut out = Vec::new();
        for regio in ["stromenland", "ijmond", "rijnstreek", "leiden", "helmond-peelland"] {
            for file in case_files(&root().join("regions").join(regio).join("voorbeelden")) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if let Ok(case) = serde_json::from_str::<Value>(&text) {
                    out.push(case["dossier"].clone());
                }
            }
        }
        out
    })
}

/// `base` with the facts of `extra` laid over it (not its regio, soort or peildatum):
/// a random variation of a dossier that is often decided, where a random dossier
/// alone is mostly open.
fn overlay(base: &Value, extra: &Value, prefix: &str) -> Value {
    let mut out = base.clone();
    if let (Value::Object(o), Value::Object(x)) = (&mut out, extra) {
        for (k, v) in x {
            let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
            if EXEMPT.contains(&p.as_str()) {
                continue;
            }
            let merged = match (o.get(k), v) {
                (Some(b @ Value::Object(_)), Value::Object(_)) => overlay(b, v, &p),
                _ => v.clone(),
            };
            o.insert(k.clone(), merged);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn removing_a_fact_from_a_varied_example_never_decides_otherwise(pick in any::<prop::sample::Index>(), seed in any::<u64>(), keep in 1usize..4) {
        let e = shared_engine();
        let exempt = defaulted();
        let base = pick.get(examples());
        let regio = base["regio"].as_str().unwrap_or("");
        let extra = Generator::new(e, seed).only_region(regio).dossier(0);
        // Lay over only a few of the generated facts, so the dossier stays close to the example.
        let mut few = serde_json::Map::new();
        if let Value::Object(m) = &extra {
            for (k, v) in m.iter().filter(|(k, _)| !EXEMPT.contains(&k.as_str())).take(keep) {
                few.insert(k.clone(), v.clone());
            }
        }
        let d = overlay(base, &Value::Object(few), "");
        let v = violations(e, &d, &exempt);
        prop_assert!(v.is_empty(), "{}\n{d}", v.join("\n"));
    }

    #[test]
    fn removing_a_fact_from_a_generated_dossier_never_decides_otherwise(seed in any::<u64>()) {
        let e = shared_engine();
        let exempt = defaulted();
        let g = Generator::new(e, seed);
        for d in g.iter().take(8) {
            let v = violations(e, &d, &exempt);
            prop_assert!(v.is_empty(), "{}\n{d}", v.join("\n"));
        }
    }
}

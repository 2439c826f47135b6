//! The library API for Rust services (issue 8): one loaded `Engine` is
//! `Send + Sync` and serves many threads; eager and lazy loading decide alike.

use passend::{Decision, Engine};
use serde_json::{json, Value};
use std::sync::Arc;
use std::thread;

/// Compile-time: an `Engine` (and a `Decision`) may be shared across and sent to threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
    shareable::<Decision>();
};

fn regions() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/regions"))
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s}"))
}

/// Dossiers over all bundled regions.
fn dossiers() -> Vec<Value> {
    vec![
        json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "overbruggingsarrangement", "ingediend_op": "2026-01-19"}}),
        json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}}),
        json!({"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv"}}),
        json!({"regio": "helmond-peelland", "peildatum": "2024-02-01", "aanvraag": {"soort": "kansoverleg"}}),
        json!({"regio": "stromenland", "peildatum": "2024-02-01", "aanvraag": {"soort": "tlv_verlenging"}}),
        json!({"regio": "ijmond", "peildatum": "2023-02-01", "aanvraag": {"soort": "terugplaatsing"}}),
    ]
}

fn decide(engine: &Engine, json: &Value) -> Value {
    let decision = engine.evaluate_json(json, date("2026-03-02")).unwrap_or_else(|e| panic!("{json}: refused: {e}"));
    serde_json::to_value(&decision).unwrap_or_else(|e| panic!("cannot serialize: {e}"))
}

#[test]
fn one_engine_serves_many_threads() {
    let engine = Arc::new(Engine::load(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}")));
    assert!(engine.problems.is_empty(), "bundled rules have problems");
    let expected: Vec<Value> = dossiers().iter().map(|d| decide(&engine, d)).collect();
    let workers: Vec<_> = (0..4)
        .map(|t| {
            let engine = Arc::clone(&engine);
            let expected = expected.clone();
            thread::spawn(move || {
                let dossiers = dossiers();
                for round in 0..50 {
                    let i = (round + t) % dossiers.len();
                    assert_eq!(decide(&engine, &dossiers[i]), expected[i], "thread {t}, round {round}");
                }
            })
        })
        .collect();
    for w in workers {
        if w.join().is_err() {
            panic!("a thread failed");
        }
    }
}

#[test]
fn a_lazy_engine_loads_regions_on_first_use_from_many_threads_and_decides_alike() {
    let eager = Engine::load(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    let lazy = Engine::load_lazy(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    assert!(lazy.regions.is_empty(), "a lazy engine loads no region at start");
    let ids: Vec<String> = eager.regions.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(lazy.region_ids().iter().map(|r| r.to_string()).collect::<Vec<_>>(), ids);
    // Several threads ask for the same regions at once: each is loaded once, and all agree.
    thread::scope(|s| {
        for t in 0..4 {
            let (lazy, eager) = (&lazy, &eager);
            s.spawn(move || {
                for d in dossiers().iter().cycle().skip(t).take(12) {
                    assert_eq!(decide(lazy, d), decide(eager, d), "thread {t}: {d}");
                }
            });
        }
    });
}

#[test]
fn a_lazy_engine_reports_a_broken_region_on_use_and_serves_the_others() {
    let vocab = std::fs::read_to_string(regions().join("vocabulaire.toml")).unwrap_or_default();
    let good = passend::engine::read_dir_files(&regions())
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| p.starts_with("rijnstreek/"))
        .collect::<Vec<_>>();
    let mut files = vec![("vocabulaire.toml".to_string(), vocab), ("leiden/1/a.passend".to_string(), "regio leiden {".to_string())];
    files.extend(good);
    let lazy = Engine::from_files_lazy(files.clone()).unwrap_or_else(|e| panic!("the vocabulary loads: {e}"));
    let broken = json!({"regio": "leiden", "peildatum": "2026-01-01", "aanvraag": {"soort": "tlv"}});
    let err = lazy.evaluate_json(&broken, date("2026-01-01")).err().unwrap_or_else(|| panic!("a broken region decided"));
    assert_eq!(err.code, "regelfout");
    assert!(lazy.region_problems("leiden").iter().any(|p| p.code == "passend::syntax"), "the syntax error is reported");
    assert_eq!(decide(&lazy, &dossiers()[0])["regio"], "rijnstreek");
    // The strict loader refuses the same files at once.
    assert!(Engine::from_files_strict(files).is_err());
}

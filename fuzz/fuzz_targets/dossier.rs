//! Fuzz target 2: arbitrary bytes as a dossier, decided against the bundled
//! rules: bytes -> serde_json -> `Engine::evaluate_json` -> decision JSON.
//! Must never panic: a bad dossier is a `DossierError` naming the field.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> Option<&'static passend::Engine> {
    static ENGINE: OnceLock<Option<passend::Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| passend::Engine::embedded().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(engine) = engine() else { return };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2025, 1, 15) else {
        return;
    };
    if let Ok(decision) = engine.evaluate_json(&json, today) {
        let _ = serde_json::to_string(&decision);
    }
});

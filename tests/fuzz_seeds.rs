//! The committed seeds of the `dossier` fuzz target (`fuzz/seeds/dossier/`),
//! replayed on every `cargo test` with the target's own checks, so that a
//! crash found once stays fixed without a fuzzer: both decoders agree (the
//! direct one `passend eval` uses and the reference through
//! `serde_json::Value`), and deciding never panics.

use chrono::NaiveDate;
use std::path::Path;

/// What `fuzz/fuzz_targets/dossier.rs` does with one input; panics where the target would.
fn replay(engine: &passend::Engine, name: &str, data: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or_default();
    let direct = engine.decode_slice(data, today);
    let reference = serde_json::from_slice::<serde_json::Value>(data)
        .map_err(|e| passend::DossierError { code: "json", bericht: format!("geen geldige JSON: {e}"), veld: None })
        .and_then(|json| engine.decode(&json, today));
    // As in the target: a key given twice and a leading BOM are for the text decoder alone.
    let duplicate = matches!(&direct, Err(e) if e.bericht.contains("komt twee keer voor"));
    if duplicate || data.starts_with(b"\xEF\xBB\xBF") {
        return;
    }
    match (&direct, &reference) {
        (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}: the decoders read different dossiers"),
        (Err(a), Err(b)) => assert_eq!((a.code, &a.veld), (b.code, &b.veld), "{name}: the decoders give different errors"),
        _ => panic!("{name}: one decoder accepts what the other refuses: {direct:?} / {reference:?}"),
    }
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if let Ok(decision) = engine.evaluate_json(&json, today) {
        assert!(serde_json::to_string(&decision).is_ok(), "{name}: the decision does not serialize");
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/dossier");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("kan {} niet lezen: {e}", dir.display()))
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_else(|err| panic!("{err}"))))
        .collect();
    seeds.sort();
    seeds
}

#[test]
fn every_dossier_seed_passes_the_fuzz_targets_checks() {
    let engine = passend::Engine::embedded().unwrap_or_else(|e| panic!("ingebouwde regels laden niet: {e:?}"));
    let seeds = seeds();
    assert!(seeds.len() > 20, "te weinig seeds: {}", seeds.len());
    for (name, data) in &seeds {
        replay(&engine, name, data);
    }
}

/// The crash libFuzzer found (committed by accident as `crash-db228c1b…` in the repository root):
/// a dossier that names `leerling`, `ouders` and `school` twice. The reference decoder keeps the
/// last of each; `passend eval`'s decoder refuses it, naming the key (issue 16), which the target
/// took for a disagreement until it learnt that refusal.
#[test]
fn the_duplicate_key_crash_is_refused_by_the_text_decoder() {
    let engine = passend::Engine::embedded().unwrap_or_else(|e| panic!("ingebouwde regels laden niet: {e:?}"));
    let (name, data) = seeds().into_iter().find(|(n, _)| n.starts_with("dubbele-sleutels-crash-db228c1b")).unwrap_or_else(|| panic!("seed ontbreekt"));
    let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or_default();
    let refused = engine.decode_slice(&data, today).err().unwrap_or_else(|| panic!("{name}: een dubbele sleutel wordt aanvaard"));
    assert!(refused.bericht.contains("komt twee keer voor"), "{refused:?}");
    replay(&engine, &name, &data);
}

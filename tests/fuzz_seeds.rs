//! The committed seeds of the `dossier` fuzz target (`fuzz/seeds/dossier/`),
//! replayed on every `cargo test` with the target's own property
//! (`fuzz/checks/dossier.rs`, the same file the target compiles), so that a
//! crash found once stays fixed without a fuzzer: both decoders agree (the
//! direct one `passend eval` uses and the reference through
//! `serde_json::Value`), and deciding never panics.

use chrono::NaiveDate;
use std::path::Path;

/// The fuzz target's own property (`fuzz/checks/dossier.rs`), compiled here as well.
#[path = "../fuzz/checks/dossier.rs"]
mod dossier_check;

/// What the `dossier` target does with one input, naming the seed when it panics.
fn replay(engine: &passend::Engine, name: &str, data: &[u8]) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dossier_check::check(engine, data)));
    assert!(outcome.is_ok(), "seed {name} faalt in het fuzz-doel `dossier`");
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
    assert!(refused.bericht().contains("komt twee keer voor"), "{refused:?}");
    replay(&engine, &name, &data);
}

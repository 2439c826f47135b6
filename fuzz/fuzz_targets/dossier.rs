//! Fuzz target 2: arbitrary bytes as a dossier, decided against the bundled
//! rules. The property (two decoders agree; deciding never panics) is in
//! `fuzz/checks/dossier.rs`, which `tests/fuzz_seeds.rs` also runs on the
//! committed seeds. Must never panic: a bad dossier is a `DossierError` naming the field.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "../checks/dossier.rs"]
mod check;

fn engine() -> Option<&'static passend::Engine> {
    static ENGINE: OnceLock<Option<passend::Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| passend::Engine::embedded().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(engine) = engine() else { return };
    check::check(engine, data);
});

//! Unit tests per feature, on the bundled rule files (`regions/`) and on
//! small rule sets written here.

mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod other;
mod recovery;
mod taal;

use super::workspace::Workspace;
use std::path::PathBuf;

pub fn regions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regions")
}

/// The bundled rule files.
pub fn bundled() -> Workspace {
    Workspace::open(Some(regions()))
}

/// The byte offset of the `nth` occurrence of `needle` in file `key`, plus `plus`.
pub fn at(ws: &Workspace, key: &str, needle: &str, nth: usize, plus: usize) -> usize {
    let text = ws.text(key).map(|t| t.to_string()).unwrap_or_default();
    let found = text.match_indices(needle).nth(nth).map(|(i, _)| i);
    assert!(found.is_some(), "`{needle}` not found in {key}");
    found.unwrap_or(0) + plus
}

/// A workspace with the bundled vocabulary and one small rule set `testregio/v1`.
pub fn small(files: &[(&str, &str)]) -> Workspace {
    // `testregio` joins the vocabulary's regions, as tests/diagnostics.rs does.
    let vocab = std::fs::read_to_string(regions().join("vocabulaire.toml")).unwrap_or_default().replacen("regio = [", "regio = [\"testregio\", ", 1);
    let mut all = vec![("vocabulaire.toml".to_string(), vocab)];
    all.extend(files.iter().map(|(k, t)| (format!("testregio/v1/{k}"), t.to_string())));
    Workspace::from_files(Some(regions()), all)
}

pub const HEADER: &str = "regio testregio {\n  naam \"T\"\n  handboek \"H\"\n  versie \"1\"\n  bron \"b\"\n  geldig_vanaf 2025-08-01\n}\n";

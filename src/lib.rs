//! # passend
//!
//! A declarative rules engine for the handbooks of Dutch samenwerkingsverbanden
//! passend onderwijs. Rule files (`regions/<regio>/<versie>/*.passend`) go
//! through one pipeline:
//!
//! parse (`syntax`) -> check (`check`) -> compile (`compile`) -> evaluate (`eval`) -> report (`decision`).
//!
//! ```
//! let engine = passend::Engine::embedded().map_err(|e| e.to_string())?;
//! let dossier = serde_json::json!({
//!     "regio": "rijnstreek",
//!     "peildatum": "2026-03-02",
//!     "aanvraag": {"soort": "kansoverleg"}
//! });
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("datum")?;
//! let decision = engine.evaluate_json(&dossier, today).map_err(|e| e.to_string())?;
//! // Rijnstreek's handbook has no Kans!overleg: not eligible, with a reason.
//! assert_eq!(decision.in_aanmerking, Some(false));
//! assert!(!decision.ontbreekt.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod check;
pub mod compile;
pub mod coverage;
pub mod decision;
pub mod diagnostics;
pub mod diff;
pub mod dossier;
mod embedded;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod generate;
pub mod graph;
pub mod ledger;
pub mod lint;
pub mod loader;
pub mod lsp;
pub mod print;
pub mod schema;
pub mod source;
pub mod syntax;
pub mod taal;
pub mod types;
pub mod value;
pub mod vocab;

pub use decision::Decision;
pub use dossier::{Dossier, DossierError, Melding};
pub use engine::{Engine, LoadError};

/// Embedded rule files, for tools that show or diff them.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

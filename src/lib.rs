//! # passend
//!
//! A declarative rules engine for the handbooks of Dutch samenwerkingsverbanden
//! passend onderwijs. Rule files (`regions/<regio>/<versie>/*.passend`) go
//! through one pipeline (see `docs/architectuur.md`):
//!
//! parse -> check -> compile -> evaluate -> report.
//!
//! After `check`, the checked and compiled program is the only input of every
//! stage and tool; the evaluator is the only code that decides, and on request
//! it writes a [`trace`] that the tools read instead of working the rules out
//! again.
//!
//! ## The public API
//!
//! Everything else is internal to the crate (`pub(crate)`).
//!
//! - [`Engine`]: loads the rules (embedded, a folder, or in-memory files) and
//!   evaluates dossiers; [`LoadError`] when the rules cannot be loaded.
//!   `Engine::load`/`Engine::from_files_strict` are `passend check`.
//! - [`Dossier`] (a decoded dossier) and [`DossierError`] (a dossier the
//!   engine cannot decide on: a typed error with its contract code and
//!   [`Melding`]).
//! - [`Decision`] and its parts ([`Reden`], [`Ontbreekt`], [`Bedrag`], ...):
//!   the contract's output, serialized with serde; a rule's error is a
//!   [`RegelFout`] with a [`RegelFoutCode`].
//! - [`trace`]: what every rule did for one dossier
//!   ([`Engine::evaluate_traced`]).
//! - [`diagnostics`]: problems in rule files ([`diagnostics::Problem`]) and
//!   how they are shown ([`diagnostics::render`]); [`SourceFile`] is a named
//!   rule text.
//! - [`tools`]: one module per tool of the command line, with its entry
//!   points: [`tools::ndjson`] (`eval --ndjson`), [`tools::lint`],
//!   [`tools::fmt`], [`tools::diff`], [`tools::explain`],
//!   [`tools::coverage`] (`test`), [`tools::generate`] (`genereer`),
//!   [`tools::graph`], [`tools::schema`], [`tools::ledger`] (`dekking`) and
//!   [`tools::lsp`].
//! - [`limits`]: the bounds on bad input (file size, nesting, line length).
//! - [`embedded_files`] (the rule files built into the binary) and
//!   [`read_dir_files`] (a regions folder as the loader reads it), for
//!   [`Engine::from_files`].
//! - [`main_entry`]: the `passend` command line itself (`src/main.rs` calls
//!   only this).
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

// The command line lives in this crate (`src/cli`) and names the library's
// items `passend::…`, as it did when it was a separate binary crate.
extern crate self as passend;

pub(crate) mod check;
mod cli;
pub(crate) mod compile;
pub(crate) mod coverage;
mod decision;
pub mod diagnostics;
pub(crate) mod diff;
pub(crate) mod dossier;
mod embedded;
pub(crate) mod engine;
pub(crate) mod eval;
pub(crate) mod explain;
pub(crate) mod fmt;
pub(crate) mod generate;
pub(crate) mod graph;
pub(crate) mod ids;
pub(crate) mod ledger;
pub(crate) mod lint;
pub mod limits {
    //! The bounds on bad input (see `tests/limits.rs` and the README's limits table):
    //! beyond them passend reports a located problem or error, never a panic or a hang.
    pub use crate::check::MAX_DEPTH;
    pub use crate::engine::ndjson::{MAX_JOBS, MAX_LINE};
    pub use crate::syntax::{MAX_FILE_SIZE, MAX_NESTING};
}
pub(crate) mod loader;
pub(crate) mod lsp;
pub(crate) mod print;
pub(crate) mod schema;
pub(crate) mod source;
pub(crate) mod syntax;
pub(crate) mod taal;
pub mod tools;
pub mod trace;
pub(crate) mod types;
pub(crate) mod value;
pub(crate) mod vocab;

#[cfg(test)]
mod internal_tests;

pub use decision::{
    Bedrag, Decision, Deskundige, NietBepaald, Ontbreekt, Reden, RegelFout, RegelFoutCode, Regelset, Termijn, Uitkomsten, VolgendeStatus,
    Waarschuwing,
};
pub use dossier::{Dossier, DossierError, Melding};
pub use engine::{read_dir_files, Engine, LoadError};
pub use source::{SourceFile, Span};

/// Embedded rule files (path, text), for tools that show or diff them.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// Runs the `passend` command line on the process's arguments and returns
/// its exit code (0 in order, 1 a finding or a bad dossier, 2 the rules
/// cannot be loaded; see `docs/handleiding.md`).
pub fn main_entry() -> i32 {
    cli::run()
}

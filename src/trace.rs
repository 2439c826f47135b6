//! The evaluation trace (public view of `eval::trace`): for every rule of
//! the request kind, and every transition out of the current status, what it
//! did for one dossier ([`Uitkomst`]), what it read ([`Gelezen`]) and why it
//! failed ([`Deel`]). Asked for with [`crate::Engine::evaluate_traced`]; the
//! NDJSON stream never builds one.
//!
//! Who reads it: `explain` (every conclusion and its reasons), `passend test`
//! (rule coverage), `diff --dossiers` (which rules a change touches) and
//! `lint`'s property checks.
//!
//! ```
//! use passend::trace::Uitkomst;
//! let engine = passend::Engine::embedded().map_err(|e| e.to_string())?;
//! let json = serde_json::json!({
//!     "regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}
//! });
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("datum")?;
//! let dossier = engine.decode(&json, today).map_err(|e| e.to_string())?;
//! let (decision, trace) = engine.evaluate_traced(&dossier, None).map_err(|e| e.to_string())?;
//! // Every requirement the decision names as missing is a step that is not met.
//! for ontbreekt in &decision.ontbreekt {
//!     let stap = trace.stap(&ontbreekt.regel).ok_or("stap")?;
//!     assert_eq!(stap.uitkomst, Uitkomst::NietVoldaan);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::eval::trace::{Bron, Deel, Gelezen, Onderwerp, Stap, Trace, Uitkomst};

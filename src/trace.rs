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
//!     "regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"},
//!     "school": {"directeur_akkoord": false}
//! });
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("datum")?;
//! let dossier = engine.decode(&json, today).map_err(|e| e.to_string())?;
//! let (decision, trace) = engine.evaluate_traced(&dossier, None).map_err(|e| e.to_string())?;
//! // The school's director did not agree: that requirement is not met, in the
//! // decision and in the trace, which also says what the rule read.
//! assert_eq!(decision.in_aanmerking, Some(false));
//! assert!(decision.ontbreekt.iter().any(|o| &*o.regel == "tlv.directeur_akkoord"));
//! let stap = trace.stap("tlv.directeur_akkoord").ok_or("stap")?;
//! assert_eq!(stap.uitkomst, Uitkomst::NietVoldaan);
//! assert!(stap.gelezen.iter().any(|g| &*g.naam == "school.directeur_akkoord"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::eval::trace::{Bron, Deel, Gelezen, Onderwerp, Stap, Trace, Uitkomst};

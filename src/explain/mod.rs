//! `passend explain`: a decision as an explanation a parent or IB-er can
//! follow. For each conclusion: the rule, the facts it used with their values
//! and the handbook section; why-not as well as why (the part of a requirement
//! that failed, with the values that failed it); for an open decision, the
//! questions still to answer. Two levels: the deciding rules, or every rule of
//! the request kind (`Niveau::Volledig`). Rendered as text, HTML or JSON.
//!
//! It reads the evaluator's trace (`Engine::evaluate_traced`): every outcome
//! it shows is the one the evaluator reached; nothing here evaluates.

pub mod facts;
pub mod kandidaten;
pub mod publiek;
mod publiek_html;
pub mod vragen;
pub mod wat_als;
mod html;
pub mod print;
pub mod questions;
mod rules;
mod text;

pub use facts::Feit;
pub use html::html;
pub use questions::Vraag;
pub use text::text;

use crate::decision::{Decision, Regelset};
use crate::dossier::{Dossier, DossierError};
use crate::engine::Engine;
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

type Text = Arc<str>;

/// How much to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Niveau {
    /// The rules that decided: the requirements behind `in_aanmerking` and every conclusion.
    Beslissend,
    /// Every rule of the request kind, with its facts, also those that did not apply.
    Volledig,
}

/// The explanation of one decision.
#[derive(Debug, Clone, Serialize)]
pub struct Uitleg {
    pub regio: Text,
    /// Which rules decided: the decision's receipt.
    pub regelset: Regelset,
    pub peildatum: NaiveDate,
    pub aanvraag: Text,
    pub in_aanmerking: Option<bool>,
    /// One Dutch sentence: the answer and why.
    pub conclusie: String,
    /// `true` for the full trace (`--volledig`).
    pub volledig: bool,
    /// The requirements (eisen) shown at this level.
    pub eisen: Vec<RegelUitleg>,
    /// What follows from the rules: deskundigen, bedragen, termijnen,
    /// waarschuwingen, uitkomsten and next statuses.
    pub gevolgen: Vec<RegelUitleg>,
    /// Questions to answer before the rules can decide (from `onbekend`,
    /// then fields that kept a conclusion open).
    pub vragen: Vec<Vraag>,
    /// Warnings that no rule gave: a deadline passed, no peildatum, unknown fields.
    pub let_op: Vec<Text>,
    /// Rules of the request kind not shown at this level.
    pub weggelaten: usize,
}

impl Uitleg {
    /// The rules shown, in sections with their titles, in the order every rendering shows them
    /// (empty sections included; a renderer leaves them out).
    pub fn sections(&self) -> Vec<(&'static str, Vec<&RegelUitleg>)> {
        let eisen = |what: &[&str]| -> Vec<&RegelUitleg> { self.eisen.iter().filter(|r| what.contains(&r.uitkomst)).collect() };
        let gevolgen = |what: &[&str]| -> Vec<&RegelUitleg> { self.gevolgen.iter().filter(|r| what.contains(&r.uitkomst)).collect() };
        vec![
            ("Waarom niet", eisen(&["niet_voldaan"])),
            ("Nog open", eisen(&["onbekend"])),
            ("Waarom wel", eisen(&["voldaan"])),
            ("Eisen die hier niet gelden", eisen(&["niet_van_toepassing"])),
            ("Wat eruit volgt", gevolgen(&["toegepast", "aangeboden"])),
            ("Nog niet te bepalen", gevolgen(&["niet_bepaald"])),
            ("Fouten bij het rekenen", self.eisen.iter().chain(&self.gevolgen).filter(|r| r.uitkomst == "fout").collect()),
            ("Regels die hier niets opleveren", gevolgen(&["niet_van_toepassing", "niet_berekend", "niet_aangeboden"])),
        ]
    }
}

/// One rule and what it did for this dossier.
#[derive(Debug, Clone, Serialize)]
pub struct RegelUitleg {
    /// The rule id as in the decision (`aanvraag.regel`, `workflow.<wf>.<overgang>`).
    pub regel: Text,
    /// `eis`, `deskundige`, `bedrag`, `termijn`, `waarschuwing`, `uitkomst` or `overgang`.
    pub soort: &'static str,
    /// `voldaan`, `niet_voldaan`, `onbekend`, `niet_van_toepassing` (eisen);
    /// `toegepast`, `niet_bepaald`, `niet_berekend`, `niet_van_toepassing` (other rules);
    /// `aangeboden`, `niet_aangeboden` (overgangen); `fout` (its evaluation failed).
    pub uitkomst: &'static str,
    /// The requirement's text, or what the rule concluded.
    pub tekst: String,
    /// The handbook section.
    pub bron: Text,
    /// `file:line` of the rule.
    pub plaats: Option<String>,
    /// Every fact the rule reads, with its value.
    pub feiten: Vec<Feit>,
    /// For a requirement not met, or a rule that did not apply: the parts
    /// of its condition that were false, each with the facts they read.
    pub waarom_niet: Vec<Tekort>,
    /// Fields whose absence leaves this rule open.
    pub onbekend: Vec<Text>,
    /// For `uitkomst: fout`: what went wrong (the same message as the decision's `fouten`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fout: Option<Text>,
}

/// A part of a condition that did not hold.
#[derive(Debug, Clone, Serialize)]
pub struct Tekort {
    /// The part, as the rule file writes it.
    pub voorwaarde: String,
    pub feiten: Vec<Feit>,
}

/// Decides `dossier` and explains the decision, from the evaluator's trace.
pub fn explain(engine: &Engine, dossier: &Dossier, niveau: Niveau) -> Result<(Decision, Uitleg), DossierError> {
    explain_version(engine, dossier, niveau, None)
}

/// Like `explain`, under the version named `versie` instead of the one in force.
pub fn explain_version(engine: &Engine, dossier: &Dossier, niveau: Niveau, versie: Option<&str>) -> Result<(Decision, Uitleg), DossierError> {
    let (decision, trace) = engine.evaluate_traced(dossier, versie)?;
    let traced = rules::from_trace(&trace, &decision);
    let vragen = rules::questions(engine, &decision, &traced);
    let shown = |r: &RegelUitleg| niveau == Niveau::Volledig || rules::deciding(r, decision.in_aanmerking);
    let total = traced.eisen.len() + traced.gevolgen.len();
    let eisen: Vec<RegelUitleg> = traced.eisen.iter().filter(|r| shown(r)).cloned().collect();
    let gevolgen: Vec<RegelUitleg> = traced.gevolgen.iter().filter(|r| shown(r)).cloned().collect();
    let uitleg = Uitleg {
        regio: decision.regio.clone(),
        regelset: decision.regelset.clone(),
        peildatum: decision.peildatum,
        aanvraag: decision.aanvraag.clone(),
        in_aanmerking: decision.in_aanmerking,
        conclusie: rules::conclusion(&decision, &traced),
        volledig: niveau == Niveau::Volledig,
        weggelaten: total - eisen.len() - gevolgen.len(),
        eisen,
        gevolgen,
        vragen,
        let_op: rules::engine_warnings(&decision, &traced),
    };
    Ok((decision, uitleg))
}

/// Reads, decides and explains a dossier JSON (`today` stands in for a missing peildatum).
pub fn explain_json(engine: &Engine, json: &serde_json::Value, today: NaiveDate, niveau: Niveau) -> Result<Uitleg, DossierError> {
    let dossier = engine.decode(json, today)?;
    explain(engine, &dossier, niveau).map(|(_, u)| u)
}

//! The decision (contract output), serialized with serde. Field names are the
//! contract's; fields beyond the contract (`regel`, `niet_bepaald`, the
//! receipt in `regelset`) are documented in the README.

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::sync::Arc;

type Text = Arc<str>;

/// What passend decided about one dossier.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    pub regio: Text,
    pub regelset: Regelset,
    pub peildatum: NaiveDate,
    pub aanvraag: Text,
    pub in_aanmerking: Option<bool>,
    pub redenen: Vec<Reden>,
    pub ontbreekt: Vec<Ontbreekt>,
    pub onbekend: Vec<Text>,
    pub deskundigen: Vec<Deskundige>,
    pub bedragen: Vec<Bedrag>,
    pub volgende_statussen: Vec<VolgendeStatus>,
    pub termijnen: Vec<Termijn>,
    pub waarschuwingen: Vec<Waarschuwing>,
    pub uitkomsten: Uitkomsten,
    /// Output rules that applied but could not be computed for lack of facts.
    pub niet_bepaald: Vec<NietBepaald>,
    /// Rules whose evaluation failed (an amount or date out of range): each
    /// stays that rule's error and the rest of the decision stands. Written
    /// only when not empty (issue 11, docs/contract-aanvullingen.md).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fouten: Vec<RegelFout>,
}

/// The receipt: which rules decided, so the decision can be reproduced.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Regelset {
    pub naam: Text,
    pub versie: Text,
    pub bron: Text,
    pub regio: Text,
    pub handboek: Text,
    pub geldig_vanaf: NaiveDate,
    pub hash: Text,
    pub engine: &'static str,
    /// Where the rules came from: `ingebouwd` or the regions folder (issue 12).
    pub bron_regels: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reden {
    pub regel: Text,
    pub tekst: Text,
    pub bron: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ontbreekt {
    pub eis: Text,
    pub bron: Text,
    pub regel: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Deskundige {
    pub rol: Text,
    pub disciplines: Vec<Text>,
    pub onafhankelijk: Option<bool>,
    pub organisatie: Option<Text>,
    pub vorm: Option<Text>,
    pub regel: Text,
    pub bron: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bedrag {
    pub regeling: Text,
    pub bedrag_cent: i64,
    pub ontvanger: Text,
    pub berekening: Text,
    pub regel: Text,
    pub bron: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VolgendeStatus {
    pub status: Text,
    pub door: Text,
    pub voorwaarde: Option<Text>,
    /// What the status description must mention (handbook), when the rules say.
    pub omschrijving: Option<Text>,
    /// The id of the status or route step.
    pub stap: Text,
    pub regel: Text,
    pub bron: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Termijn {
    pub wat: Text,
    pub uiterlijk: NaiveDate,
    pub grondslag: Text,
    /// `uiterlijk` (a last day), `vroegst` (a first day: a minimum period) or `vanaf` (a period starts).
    pub soort: Text,
    /// The dossier shows the termijn was met (`true`), missed (`false`); `null` when the rules cannot tell.
    pub voldaan: Option<bool>,
    /// The handbook gives the date as an approximation ("ongeveer").
    pub indicatief: bool,
    pub regel: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Waarschuwing {
    pub tekst: Text,
    pub regel: Text,
    pub bron: Text,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NietBepaald {
    pub regel: Text,
    pub onbekend: Vec<Text>,
}

/// One rule that could not be evaluated for this dossier.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegelFout {
    /// The rule id, as in `redenen`.
    pub regel: Text,
    /// `file:line` of the rule.
    pub plaats: Text,
    /// `rekenfout` (a number, amount or date out of range) or `intern` (a bug in passend).
    pub code: RegelFoutCode,
    /// What went wrong, in Dutch.
    pub bericht: Text,
}

/// The kind of a rule's error (`fouten[].code`); `as_str` is the one place
/// its contract text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegelFoutCode {
    /// A number, amount or date out of range, or a computation the values do not allow.
    Rekenfout,
    /// A value of a kind the checker rules out: a bug in passend.
    Intern,
}

impl RegelFoutCode {
    /// Every code, in the order docs/foutcodes.md lists them.
    pub const ALL: &'static [RegelFoutCode] = &[RegelFoutCode::Rekenfout, RegelFoutCode::Intern];

    /// The contract text: `rekenfout`, `intern`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RegelFoutCode::Rekenfout => "rekenfout",
            RegelFoutCode::Intern => "intern",
        }
    }
}

impl std::fmt::Display for RegelFoutCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RegelFoutCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Named outcomes, in the order the rules produced them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uitkomsten(pub Vec<(Text, serde_json::Value)>);

impl Uitkomsten {
    pub fn get(&self, name: &str) -> Option<&serde_json::Value> {
        self.0.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
    }
}

impl Serialize for Uitkomsten {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&**k, v)?;
        }
        map.end()
    }
}

//! Why a dossier was refused (contract: `fout`): one variant per contract
//! code, each code written once (`DossierError::code`), with a Dutch help
//! text for miette. Every variant carries a `Melding`: the message and the
//! field it names. The codes are listed in docs/foutcodes.md.

use crate::diagnostics::coded_error;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

coded_error! {
    /// Why a dossier was refused. `code()` is the contract's `fout.code`,
    /// `bericht()` and `veld()` its other fields.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum DossierError {
        /// The input is not (strict) JSON.
        #[code("json"), help("de invoer is geen geldige JSON; de melding noemt regel en kolom"), error("{0}")]
        Json(Melding),
        /// The JSON is not an object.
        #[code("geen_object"), help("een dossier is één JSON-object met ten minste `regio` en `aanvraag`"), error("{0}")]
        GeenObject(Melding),
        /// `regio`, `aanvraag` or `aanvraag.soort` is missing.
        #[code("veld_ontbreekt"), help("elk dossier noemt `regio` en `aanvraag.soort`"), error("{0}")]
        VeldOntbreekt(Melding),
        /// A field has the wrong kind of JSON value.
        #[code("type"), help("`passend schema dossier` toont per veld welk soort waarde het heeft"), error("{0}")]
        Type(Melding),
        /// A value outside its keuze list, date format or `[grenzen]`.
        #[code("waarde"), help("kies een waarde uit de keuzelijst, een datum als JJJJ-MM-DD, of een getal binnen de grenzen van het veld"), error("{0}")]
        Waarde(Melding),
        /// The input is longer than one dossier may be (16 MiB).
        #[code("te_lang"), help("een dossier is hoogstens 16 MiB; staat er meer dan één dossier op deze regel?"), error("{0}")]
        TeLang(Melding),
        /// A blank line in an NDJSON stream.
        #[code("leeg"), help("een lege regel is geen dossier; laat hem weg"), error("{0}")]
        Leeg(Melding),
        /// No rules for the region, or not the version asked for (`--versie`).
        #[code("geen_regelset"), help("de regio, of met `--versie` de gevraagde versie, heeft geen regels in deze map met regels"), error("{0}")]
        GeenRegelset(Melding),
        /// The region's rule files do not check.
        #[code("regelfout"), help("`passend check` toont de fouten in de regelbestanden van deze regio"), error("{0}")]
        Regelfout(Melding),
        /// A bug in passend (a panic on this line, a decision that could not be written).
        #[code("intern"), help("dit is een fout in passend zelf; meld het met de invoer erbij"), error("{0}")]
        Intern(Melding),
    }
}

/// The message of a refusal and the field it names (`veld`, dotted with list
/// positions: `ouders.ondertekening[1].wijze`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Melding {
    pub bericht: String,
    pub veld: Option<String>,
}

impl Melding {
    /// A message that names no field.
    pub fn new(bericht: impl Into<String>) -> Self {
        Melding { bericht: bericht.into(), veld: None }
    }
    /// A message about field `veld` (none when `veld` is empty).
    pub fn over(veld: &str, bericht: impl Into<String>) -> Self {
        Melding { bericht: bericht.into(), veld: (!veld.is_empty()).then(|| veld.to_string()) }
    }
}

impl fmt::Display for Melding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.veld {
            Some(v) => write!(f, "{} (veld `{v}`)", self.bericht),
            None => f.write_str(&self.bericht),
        }
    }
}

impl DossierError {
    /// The message and field of any refusal.
    pub fn melding(&self) -> &Melding {
        match self {
            DossierError::Json(m)
            | DossierError::GeenObject(m)
            | DossierError::VeldOntbreekt(m)
            | DossierError::Type(m)
            | DossierError::Waarde(m)
            | DossierError::TeLang(m)
            | DossierError::Leeg(m)
            | DossierError::GeenRegelset(m)
            | DossierError::Regelfout(m)
            | DossierError::Intern(m) => m,
        }
    }
    /// The contract's `fout.bericht`.
    pub fn bericht(&self) -> &str {
        &self.melding().bericht
    }
    /// The contract's `fout.veld`.
    pub fn veld(&self) -> Option<&str> {
        self.melding().veld.as_deref()
    }
}

/// The contract's `fout` object: `{"code", "bericht", "veld"}`.
impl Serialize for DossierError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut fout = s.serialize_struct("fout", 3)?;
        fout.serialize_field("code", self.code())?;
        fout.serialize_field("bericht", self.bericht())?;
        fout.serialize_field("veld", &self.veld())?;
        fout.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::Diagnostic;

    /// One variant of each code, with the help miette shows.
    fn every_variant() -> Vec<DossierError> {
        let m = || Melding::over("regio", "x");
        vec![
            DossierError::Json(m()),
            DossierError::GeenObject(m()),
            DossierError::VeldOntbreekt(m()),
            DossierError::Type(m()),
            DossierError::Waarde(m()),
            DossierError::TeLang(m()),
            DossierError::Leeg(m()),
            DossierError::GeenRegelset(m()),
            DossierError::Regelfout(m()),
            DossierError::Intern(m()),
        ]
    }

    #[test]
    fn each_code_belongs_to_one_variant_and_miette_shows_the_same_code_and_a_help() {
        let all = every_variant();
        let codes: Vec<&str> = all.iter().map(DossierError::code).collect();
        assert_eq!(codes, DossierError::CODES, "every variant is listed once, in order");
        for e in &all {
            assert_eq!(Diagnostic::code(e).map(|c| c.to_string()).as_deref(), Some(e.code()));
            assert!(Diagnostic::help(e).is_some_and(|h| !h.to_string().is_empty()), "{}", e.code());
        }
    }

    #[test]
    fn the_fout_object_and_the_message_keep_their_form() {
        let e = DossierError::Waarde(Melding::over("leerling.cluster", "te groot"));
        assert_eq!(serde_json::to_string(&e).unwrap_or_default(), r#"{"code":"waarde","bericht":"te groot","veld":"leerling.cluster"}"#);
        assert_eq!(e.to_string(), "te groot (veld `leerling.cluster`)");
        let e = DossierError::Leeg(Melding::new("lege regel"));
        assert_eq!(serde_json::to_string(&e).unwrap_or_default(), r#"{"code":"leeg","bericht":"lege regel","veld":null}"#);
    }
}

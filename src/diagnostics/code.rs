//! The stable codes of located problems (`passend::…`) and the one macro
//! that gives an error enum its contract codes.
//!
//! Every code a `Problem` can carry is one variant of `Code`, and its text is
//! written once, in the table below (`Code::as_str`); `--message-format json`,
//! the terminal and the editor all print that text. docs/foutcodes.md says what
//! each code means (a test holds the table and the document together).

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! problem_codes {
    ($($variant:ident = $code:literal,)*) => {
        /// What kind of problem a `Problem` is; `as_str` is its stable text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed: `passend::onbekende_naam`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }
        }
    };
}

problem_codes! {
    Aanhalingsteken = "passend::aanhalingsteken",
    Argumenten = "passend::argumenten",
    AttribuutOntbreekt = "passend::attribuut_ontbreekt",
    Bedrag = "passend::bedrag",
    BlokOpen = "passend::blok_open",
    BronOntbreekt = "passend::bron_ontbreekt",
    BronZonderCitaat = "passend::bron_zonder_citaat",
    CitaatNietGevonden = "passend::citaat_niet_gevonden",
    Datum = "passend::datum",
    Dubbel = "passend::dubbel",
    DubbeleRegel = "passend::dubbele_regel",
    GeenRegio = "passend::geen_regio",
    GeenVasteWaarde = "passend::geen_vaste_waarde",
    Getal = "passend::getal",
    InAanmerking = "passend::in_aanmerking",
    Intern = "passend::intern",
    Keuze = "passend::keuze",
    Kringverwijzing = "passend::kringverwijzing",
    Naam = "passend::naam",
    NaamVerwacht = "passend::naam_verwacht",
    OnbekendAttribuut = "passend::onbekend_attribuut",
    OnbekendBlok = "passend::onbekend_blok",
    OnbekendeAanvraag = "passend::onbekende_aanvraag",
    OnbekendeFunctie = "passend::onbekende_functie",
    OnbekendeGroep = "passend::onbekende_groep",
    OnbekendeNaam = "passend::onbekende_naam",
    OnbekendeStatus = "passend::onbekende_status",
    OnbekendeUitkomst = "passend::onbekende_uitkomst",
    OnbekendeWorkflow = "passend::onbekende_workflow",
    Onleesbaar = "passend::onleesbaar",
    Periode = "passend::periode",
    Regio = "passend::regio",
    Sleutelwoord = "passend::sleutelwoord",
    Syntax = "passend::syntax",
    TeDiep = "passend::te_diep",
    TeGroot = "passend::te_groot",
    TekstOpen = "passend::tekst_open",
    Type = "passend::type",
    Vanaf = "passend::vanaf",
    VersieDubbel = "passend::versie_dubbel",
    VersieMap = "passend::versie_map",
    Vocabulaire = "passend::vocabulaire",
    Woordenlijst = "passend::woordenlijst",
    DekkingGeenRegels = "passend::dekking::geen_regels",
    DekkingGeenWaarschuwing = "passend::dekking::geen_waarschuwing",
    DekkingLeegCitaat = "passend::dekking::leeg_citaat",
    DekkingOnbekendeRegel = "passend::dekking::onbekende_regel",
    DekkingOnbekendeStatus = "passend::dekking::onbekende_status",
    DekkingOnleesbaar = "passend::dekking::onleesbaar",
    DekkingRedenOntbreekt = "passend::dekking::reden_ontbreekt",
    DekkingRegelNietInOverzicht = "passend::dekking::regel_niet_in_overzicht",
    FmtIntern = "passend::fmt::intern",
    LintBronWijktAf = "passend::lint::bron_wijkt_af",
    LintEindstatus = "passend::lint::eindstatus",
    LintGeenStartovergang = "passend::lint::geen_startovergang",
    LintNietGebruiktMaarGelezen = "passend::lint::niet_gebruikt_maar_gelezen",
    LintNietGebruiktZonderReden = "passend::lint::niet_gebruikt_zonder_reden",
    LintOnbekendWordtBekend = "passend::lint::onbekend_wordt_bekend",
    LintOnbereikbareStatus = "passend::lint::onbereikbare_status",
    LintOngebruiktVeld = "passend::lint::ongebruikt_veld",
    LintOnvervulbareEis = "passend::lint::onvervulbare_eis",
    LintParameterDubbeleDatum = "passend::lint::parameter_dubbele_datum",
    LintParameterGat = "passend::lint::parameter_gat",
    LintParameterWaardeNooit = "passend::lint::parameter_waarde_nooit",
    LintRegelGeldtNooit = "passend::lint::regel_geldt_nooit",
    LintTegenstrijdigeBedragen = "passend::lint::tegenstrijdige_bedragen",
    LintTegenstrijdigeDeskundigen = "passend::lint::tegenstrijdige_deskundigen",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Declares an error enum whose variants each have one contract code, written
/// once: `code()` (the text a service reads, e.g. `fout.code`), `CODES` (all of
/// them, for tests and docs) and miette's `Diagnostic::code` come from it.
///
/// ```ignore
/// coded_error! {
///     pub enum DossierError {
///         /// Not JSON.
///         #[code("json"), help("…"), error("{0}")]
///         Json(Melding),
///     }
/// }
/// ```
macro_rules! coded_error {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                #[code($code:tt), help($help:tt), error($($error:tt)*)]
                $variant:ident($($field:tt)*),
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(thiserror::Error, miette::Diagnostic)]
        $vis enum $name {
            $(
                $(#[doc = $doc])*
                #[error($($error)*)]
                #[diagnostic(code($code), help($help))]
                $variant($($field)*),
            )*
        }

        impl $name {
            /// Every code of this error, in the order of its variants.
            pub const CODES: &'static [&'static str] = &[$($code,)*];

            /// The contract code of this error (the one place it is written).
            pub fn code(&self) -> &'static str {
                match self {
                    $(Self::$variant(..) => $code,)*
                }
            }
        }
    };
}
pub(crate) use coded_error;

#[cfg(test)]
mod tests {
    use super::Code;
    use crate::engine::LoadError;
    use miette::Diagnostic;
    use std::collections::HashSet;

    #[test]
    fn every_code_has_its_own_text_in_the_passend_namespace() {
        let texts: HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(texts.len(), Code::ALL.len(), "two codes share a text");
        assert!(Code::ALL.iter().all(|c| c.as_str().starts_with("passend::") && c.to_string() == c.as_str()));
        assert_eq!(serde_json::to_string(&Code::OnbekendeNaam).unwrap_or_default(), "\"passend::onbekende_naam\"");
    }

    #[test]
    fn a_load_error_shows_the_code_of_its_table_and_a_help() {
        for e in [LoadError::Problems(Vec::new()), LoadError::Io("weg".into())] {
            assert_eq!(Diagnostic::code(&e).map(|c| c.to_string()).as_deref(), Some(e.code()));
            assert!(Diagnostic::help(&e).is_some(), "{}", e.code());
        }
        assert_eq!(LoadError::CODES, ["regelfout", "lezen"]);
    }
}

//! The attribute names a diff reports (`velden[].veld`), as the rule
//! language spells them: the one place in `diff` they are written, so that
//! they can follow the crate's table of block kinds and attributes.

use crate::check::model::RuleKind;

/// An attribute of a header, parameter, definitie, rule, request kind, workflow, status or transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribuut {
    Regio,
    Naam,
    Handboek,
    Versie,
    Bron,
    GeldigVanaf,
    Waarde,
    AlleenAls,
    Tekst,
    Voorwaarde,
    Rol,
    Disciplines,
    Onafhankelijk,
    Organisatie,
    Vorm,
    Regeling,
    Bedrag,
    Ontvanger,
    Berekening,
    Wat,
    Uiterlijk,
    Grondslag,
    Soort,
    Voldaan,
    Indicatief,
    Workflow,
    Volgorde,
    Volgt,
    Uitkomst,
    Door,
    Omschrijving,
    Van,
    Naar,
    Toelichting,
}

/// The attribute's name in the rule language (and in the report).
pub fn label(a: Attribuut) -> &'static str {
    use Attribuut as A;
    match a {
        A::Regio => "regio",
        A::Naam => "naam",
        A::Handboek => "handboek",
        A::Versie => "versie",
        A::Bron => "bron",
        A::GeldigVanaf => "geldig_vanaf",
        A::Waarde => "waarde",
        A::AlleenAls => "alleen_als",
        A::Tekst => "tekst",
        A::Voorwaarde => "voorwaarde",
        A::Rol => "rol",
        A::Disciplines => "disciplines",
        A::Onafhankelijk => "onafhankelijk",
        A::Organisatie => "organisatie",
        A::Vorm => "vorm",
        A::Regeling => "regeling",
        A::Bedrag => "bedrag",
        A::Ontvanger => "ontvanger",
        A::Berekening => "berekening",
        A::Wat => "wat",
        A::Uiterlijk => "uiterlijk",
        A::Grondslag => "grondslag",
        A::Soort => "soort",
        A::Voldaan => "voldaan",
        A::Indicatief => "indicatief",
        A::Workflow => "workflow",
        A::Volgorde => "volgorde",
        A::Volgt => "volgt",
        A::Uitkomst => "uitkomst",
        A::Door => "door",
        A::Omschrijving => "omschrijving",
        A::Van => "van",
        A::Naar => "naar",
        A::Toelichting => "toelichting",
    }
}

/// What a change to attribute `a` of a rule of `kind` touches (`RegelWijziging::aspecten`):
/// its condition, its text, or else what the rule gives (`bedrag`, `deskundige`, ...).
pub fn aspect(kind: &RuleKind, a: Attribuut) -> &'static str {
    match a {
        Attribuut::AlleenAls | Attribuut::Voorwaarde => label(Attribuut::Voorwaarde),
        Attribuut::Tekst => label(Attribuut::Tekst),
        _ => kind.word(),
    }
}

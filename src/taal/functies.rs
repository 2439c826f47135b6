//! The built-in functions of the rule language.

use crate::check::model::Builtin as B;
use crate::types::Type;

/// The type of a fixed argument or result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgType {
    Int,
    Money,
    Date,
    DayMonth,
    /// A list of periods `[[begin, einde], ...]` (school holidays).
    Periods,
}

impl ArgType {
    pub fn to_type(self) -> Type {
        match self {
            ArgType::Int => Type::Int,
            ArgType::Money => Type::Money,
            ArgType::Date => Type::Date,
            ArgType::DayMonth => Type::DayMonth,
            ArgType::Periods => Type::List(Box::new(Type::List(Box::new(Type::Date)))),
        }
    }
}

/// How the checker types a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Params {
    /// Arguments of these types, a result of this type.
    Fixed(&'static [ArgType], ArgType),
    /// This many arguments, typed by the checker's own rule for the function
    /// (`bekend`, `aantal`, `min`, `uitleg`, ...).
    Special(usize),
}

impl Params {
    pub fn arity(self) -> usize {
        match self {
            Params::Fixed(args, _) => args.len(),
            Params::Special(n) => n,
        }
    }
}

/// A built-in function.
#[derive(Debug)]
pub struct Function {
    pub name: &'static str,
    /// What a call compiles to; `None` for `bekend` (a question about a field, not a function of values).
    pub builtin: Option<B>,
    pub params: Params,
    /// How the editor shows the call: `leeftijd(datum) → geheel`.
    pub signature: &'static str,
    /// What it does, in one Dutch line.
    pub doc: &'static str,
}

use ArgType::{Date as D, DayMonth as DM, Int as I, Money as M, Periods as P};
use Params::{Fixed, Special};

const fn f(name: &'static str, builtin: Option<B>, params: Params, signature: &'static str, doc: &'static str) -> Function {
    Function { name, builtin, params, signature, doc }
}

/// Every built-in function, in the order the checker's help lists them.
pub const FUNCTIONS: &[Function] = &[
    f("bekend", None, Special(1), "bekend(veld) → ja/nee", "ja als het dossier dit veld invult (nooit onbekend)"),
    f("leeftijd", Some(B::Leeftijd), Fixed(&[D], I), "leeftijd(datum) → geheel", "leeftijd in hele jaren op de peildatum"),
    f("leeftijd_op", Some(B::LeeftijdOp), Fixed(&[D, D], I), "leeftijd_op(datum, op) → geheel", "leeftijd in hele jaren op de datum `op`"),
    f("aantal", Some(B::Aantal), Special(1), "aantal(lijst) → geheel", "het aantal elementen van een lijst"),
    f("alle_gelijk", Some(B::AlleGelijk), Special(1), "alle_gelijk(lijst) → ja/nee", "ja als alle elementen gelijk zijn (ook bij een lege lijst)"),
    f("maanden", Some(B::Maanden), Fixed(&[D, D], I), "maanden(van, tot) → geheel", "kalendermaanden van de maand van `van` tot en met de maand van `tot`"),
    f("eerste_van_maand", Some(B::EersteVanMaand), Fixed(&[D], D), "eerste_van_maand(datum) → datum", "de eerste dag van die maand"),
    f("eerste_van_volgende_maand", Some(B::EersteVanVolgendeMaand), Fixed(&[D], D), "eerste_van_volgende_maand(datum) → datum", "de eerste dag van de maand erna"),
    f("volgende", Some(B::Volgende), Fixed(&[DM, D], D), "volgende(dagmaand, datum) → datum", "de eerste keer dat die dag valt op of na `datum`, bijvoorbeeld `volgende(31 juli, d)`"),
    f("vorige", Some(B::Vorige), Fixed(&[DM, D], D), "vorige(dagmaand, datum) → datum", "de laatste keer dat die dag viel op of vóór `datum`"),
    f("dagen_tussen", Some(B::DagenTussen), Fixed(&[D, D], I), "dagen_tussen(a, b) → geheel", "het aantal dagen van `a` tot `b`"),
    f("in_jaar", Some(B::InJaar), Fixed(&[DM, I], D), "in_jaar(dagmaand, jaar) → datum", "die dag in dat jaar, bijvoorbeeld `in_jaar(15 september, vangnet.jaar)`"),
    f("min", Some(B::Min), Special(2), "min(a, b) → zelfde soort", "de kleinste van twee getallen, bedragen of datums"),
    f("max", Some(B::Max), Special(2), "max(a, b) → zelfde soort", "de grootste van twee getallen, bedragen of datums"),
    f("tekst", Some(B::Tekst), Special(1), "tekst(x) → tekst", "een waarde uitgeschreven (datums als 1 april 2025, bedragen als € 750,00)"),
    f("per_maand", Some(B::PerMaand), Fixed(&[M, D, D], M), "per_maand(tarief, van, tot) → bedrag", "de periode maand voor maand opgeteld, elke maand tegen het tarief dat op de eerste dag ervan geldt"),
    f("per_week", Some(B::PerWeek), Fixed(&[M, D, D], M), "per_week(tarief, van, tot) → bedrag", "de periode week voor week opgeteld, zoals `per_maand`"),
    f("per_jaar", Some(B::PerJaar), Fixed(&[M, D, D], M), "per_jaar(tarief, van, tot) → bedrag", "de periode jaar voor jaar opgeteld, zoals `per_maand`"),
    f("uitleg", Some(B::Uitleg), Special(1), "uitleg(per_maand(…)) → tekst", "de som uitgeschreven, bijvoorbeeld `1 maand x € 750,00 + 2 maanden x € 800,00`"),
    f("waarde_op", Some(B::WaardeOp), Special(2), "waarde_op(parameter, datum) → waarde", "de waarde die de parameter op die datum heeft, in plaats van op de peildatum"),
    f("schoolweken_na", Some(B::SchoolwekenNa), Fixed(&[D, I, P], D), "schoolweken_na(datum, aantal, vakanties) → datum", "`aantal` schoolweken na `datum`; de weken in de vakanties (een lijst van periodes) tellen niet mee"),
    f("schoolweken_tussen", Some(B::SchoolwekenTussen), Fixed(&[D, D, P], I), "schoolweken_tussen(van, tot, vakanties) → geheel", "het aantal hele schoolweken van `van` tot `tot`, zonder de vakanties"),
];

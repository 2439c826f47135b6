//! The checked rule set: every name resolved (fields to slots, parameters and
//! definities to indices, statuses to positions) and every expression typed.
//! Invariant: a `RuleSet` evaluates without type errors or name lookups.

use super::located::{ParamAt, RuleAt, WorkflowAt};
use crate::source::{SourceFile, Span};
use crate::value::Value;
pub use crate::ids::{AanvraagId, DefId, FieldId, ParamId, RegelId, RuleId, SoortId, StatusId, TransitionId, WorkflowId};
use chrono::NaiveDate;
use std::sync::Arc;

/// The `regio` header of a rule set.
#[derive(Clone, Debug)]
pub struct Header {
    pub regio: Arc<str>,
    pub naam: Arc<str>,
    pub handboek: Arc<str>,
    pub versie: Arc<str>,
    pub bron: Arc<str>,
    pub geldig_vanaf: NaiveDate,
}

/// A checked rule set: one version of one region's handbook.
#[derive(Debug)]
pub struct RuleSet {
    pub header: Header,
    pub params: Vec<Param>,
    /// In dependency order: a definitie only refers to earlier ones.
    pub defs: Vec<Def>,
    pub aanvragen: Vec<Aanvraag>,
    pub workflows: Vec<Workflow>,
    pub sources: Vec<SourceFile>,
}


/// A named constant, possibly with values that start at later dates.
#[derive(Debug)]
pub struct Param {
    pub name: Arc<str>,
    /// (start date or none = from the start of the version, value), by date.
    pub values: Vec<(Option<NaiveDate>, Value)>,
    pub bron: Arc<str>,
    pub span: Span,
    /// Where it and each value were written (for lint).
    pub at: ParamAt,
}

/// A named value computed per dossier.
#[derive(Debug)]
pub struct Def {
    pub name: Arc<str>,
    pub expr: TExpr,
    pub bron: Arc<str>,
    pub span: Span,
}

/// The rules for one request kind.
#[derive(Debug)]
pub struct Aanvraag {
    pub soort: Arc<str>,
    pub bron: Arc<str>,
    pub rules: Vec<Rule>,
    pub workflow: Option<WorkflowId>,
}

/// One rule with its id (`aanvraag.naam`), citation and applicability.
/// Its id and location are fixed when it is checked, never formatted per dossier.
#[derive(Debug)]
pub struct Rule {
    pub id: Arc<str>,
    /// `file:line` of the rule's name, for errors and explanations.
    pub plaats: Arc<str>,
    pub bron: Arc<str>,
    pub alleen_als: Option<TExpr>,
    pub kind: RuleKind,
    pub span: Span,
    /// The texts this rule writes into decisions, escaped once; filled by `compile`.
    pub json: crate::decision::StaticTexts,
    /// Where it was written, and the group it came from (for lint).
    pub at: RuleAt,
}

#[derive(Debug)]
pub enum RuleKind {
    Eis { tekst: Arc<str>, voorwaarde: TExpr },
    Deskundige { rol: TExpr, disciplines: TExpr, onafhankelijk: TExpr, organisatie: TExpr, vorm: TExpr },
    Bedrag { regeling: TExpr, bedrag: TExpr, ontvanger: TExpr, berekening: TExpr },
    /// `soort`: uiterlijk | vroegst | vanaf; `voldaan`: the rule says the termijn was met.
    Termijn { wat: TExpr, uiterlijk: TExpr, grondslag: TExpr, soort: TExpr, voldaan: Option<TExpr>, indicatief: TExpr },
    Waarschuwing { tekst: TExpr },
    Uitkomst { naam: Arc<str>, waarde: TExpr },
}

impl RuleKind {
    /// The kind word, as a rule file writes it (`eis`, `bedrag`, ...).
    pub fn word(&self) -> &'static str {
        match self {
            RuleKind::Eis { .. } => "eis",
            RuleKind::Deskundige { .. } => "deskundige",
            RuleKind::Bedrag { .. } => "bedrag",
            RuleKind::Termijn { .. } => "termijn",
            RuleKind::Waarschuwing { .. } => "waarschuwing",
            RuleKind::Uitkomst { .. } => "uitkomst",
        }
    }
}

/// A status workflow or route of steps.
#[derive(Debug)]
pub struct Workflow {
    pub name: Arc<str>,
    /// `workflow.<name>`: the rule id of the workflow's own warnings.
    pub regel: Arc<str>,
    /// The dossier field holding the current status (its text or id).
    pub volgt: FieldId,
    pub uitkomst: Option<Arc<str>>,
    pub bron: Arc<str>,
    pub statuses: Vec<Status>,
    pub transitions: Vec<Transition>,
    /// Where it and its statuses were written (for lint).
    pub at: WorkflowAt,
}

impl Workflow {
    /// The status `id` names.
    pub fn status(&self, id: StatusId) -> Option<&Status> {
        self.statuses.get(id.index())
    }
}

#[derive(Debug)]
pub struct Status {
    pub id: Arc<str>,
    pub tekst: Arc<str>,
    pub door: Arc<str>,
    /// What the registration system's status description must say.
    pub omschrijving: Option<TExpr>,
    pub bron: Arc<str>,
}

#[derive(Debug)]
pub struct Transition {
    pub id: Arc<str>,
    /// `workflow.<wf>.<overgang>`: the rule id in the decision.
    pub regel: Arc<str>,
    /// `file:line` of the transition's name.
    pub plaats: Arc<str>,
    /// `None`: from the start, when the status field is absent.
    pub van: Option<StatusId>,
    pub naar: StatusId,
    pub door: Option<Arc<str>>,
    pub voorwaarde: Option<TExpr>,
    pub toelichting: Option<Arc<str>>,
    pub bron: Arc<str>,
    /// The texts this transition writes into decisions, escaped once; filled by `compile`.
    pub json: crate::decision::StaticTexts,
}

/// Comparison operators: the parser's own enum, so the two cannot drift apart.
pub use crate::syntax::ast::Cmp;

/// Arithmetic, resolved to the operand types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// geheel/bedrag + geheel/bedrag (same kind)
    Add,
    Sub,
    /// geheel * geheel, bedrag * geheel
    Mul,
    /// duur * geheel -> duur
    MulDuration,
    /// datum + duur
    DatePlus,
    /// datum - duur
    DateMinus,
    /// tekst + tekst
    Concat,
}

impl Arith {
    /// How a rule file writes the operator.
    pub fn symbol(self) -> &'static str {
        match self {
            Arith::Add | Arith::DatePlus | Arith::Concat => "+",
            Arith::Sub | Arith::DateMinus => "-",
            Arith::Mul | Arith::MulDuration => "*",
        }
    }
}

/// Built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Leeftijd,
    LeeftijdOp,
    Aantal,
    AlleGelijk,
    Maanden,
    EersteVanMaand,
    EersteVanVolgendeMaand,
    Volgende,
    Vorige,
    DagenTussen,
    InJaar,
    Min,
    Max,
    Tekst,
    SchoolwekenNa,
    SchoolwekenTussen,
    /// `per_maand(tarief, van, tot)`: the period month by month, each at the tarief in force then.
    PerMaand,
    PerWeek,
    PerJaar,
    /// `uitleg(per_maand(...))`: the sum written out.
    Uitleg,
    /// `waarde_op(parameter, datum)`: a parameter's value on a named date.
    WaardeOp,
}

impl Builtin {
    /// The name a rule file calls the function by (from the language table).
    pub fn name(self) -> &'static str {
        crate::taal::FUNCTIONS.iter().find(|f| f.builtin == Some(self)).map_or("?", |f| f.name)
    }
}

/// A typed, resolved expression.
#[derive(Clone, Debug)]
pub enum TExpr {
    Const(Value),
    Field(FieldId),
    /// `bekend(veld)`
    Known(FieldId),
    /// A parameter's name: its value in force on the peildatum.
    Param(ParamId),
    /// A definitie's name: computed once per dossier.
    Def(DefId),
    Peildatum,
    /// The decision's eligibility; only in output rules and workflows, which are
    /// evaluated after the requirements.
    InAanmerking,
    Not(Box<TExpr>),
    Neg(Box<TExpr>),
    And(Box<TExpr>, Box<TExpr>),
    Or(Box<TExpr>, Box<TExpr>),
    Cmp(Cmp, Box<TExpr>, Box<TExpr>),
    In(Box<TExpr>, Box<TExpr>),
    Arith(Arith, Box<TExpr>, Box<TExpr>),
    If(Box<TExpr>, Box<TExpr>, Box<TExpr>),
    List(Vec<TExpr>),
    Call(Builtin, Vec<TExpr>),
}

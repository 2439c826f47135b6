//! `passend lint`: logic checks that no parser or type checker can do, on
//! rule sets that already check. It reads the engine's checked, compiled
//! rule sets (`Program`) and never parses a file again; where it points at
//! rule text it uses the locations the checker kept (`check::located`).
//! Each finding is a located `Problem` with a
//! code `passend::lint::<naam>` and a help text, and a severity:
//!
//! - `tegenstrijdige_bedragen`, `tegenstrijdige_deskundigen`: two rules of
//!   one aanvraag give a different amount for the same regeling, or a
//!   different deskundige for the same rol, and their `alleen_als` conditions
//!   are not provably exclusive (error when both surely apply together,
//!   warning when the analysis merely cannot rule it out);
//! - `onvervulbare_eis`, `regel_geldt_nooit`: a condition that can never be
//!   true (error);
//! - `onbereikbare_status`, `geen_startovergang` (warning), `eindstatus`
//!   (info): workflow shape;
//! - `parameter_dubbele_datum`, `parameter_gat` (error),
//!   `parameter_waarde_nooit` (warning): dated parameter values;
//! - `onbekend_wordt_bekend` (error): an eis that reads `bekend(...)`, so a
//!   missing fact makes it met, not met or dropped instead of unknown;
//! - `ongebruikt_veld` (warning): a dossier field that no rule reads and
//!   that `[niet_gebruikt]` in the vocabulary does not explain;
//!   `niet_gebruikt_maar_gelezen`, `niet_gebruikt_zonder_reden` (warning):
//!   a stale or empty note there;
//! - `bron_wijkt_af` (warning): an amount, number of weeks/months/days or
//!   date in a parameter's or bedrag rule's `bron` that differs from its own
//!   `waarde`/`bedrag`.

mod bron;
mod conditions;
mod fields;
mod onbekend;
mod params;
mod rules;
mod workflows;

use crate::check::located::SpanTree;
use crate::check::model::{Rule, TExpr};
use crate::compile::Program;
use crate::diagnostics::Problem;
use crate::engine::{Engine, LoadError};
use crate::source::{SourceFile, Span};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

/// How serious a finding is. Only errors make `passend lint` fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One lint finding.
#[derive(Clone, Debug)]
pub struct Finding {
    pub severity: Severity,
    pub problem: Problem,
}

/// JSON shape of a finding (`--message-format json`): a problem plus its severity.
#[derive(Serialize)]
pub struct FindingJson {
    pub severity: Severity,
    #[serde(flatten)]
    pub problem: crate::diagnostics::ProblemJson,
}

impl Finding {
    pub fn to_json(&self) -> FindingJson {
        FindingJson { severity: self.severity, problem: self.problem.to_json() }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.problem, f)
    }
}

impl std::error::Error for Finding {}

impl miette::Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(&self.problem)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.problem.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.problem.labels()
    }
}

/// Renders findings for a terminal, like `diagnostics::render`.
pub fn render(findings: &[Finding], color: bool) -> String {
    let theme = if color { miette::GraphicalTheme::unicode() } else { miette::GraphicalTheme::unicode_nocolor() };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for f in findings {
        if handler.render_report(&mut out, f).is_err() {
            out.push_str(&f.problem.message);
        }
        out.push('\n');
    }
    out
}

pub(crate) fn finding(severity: Severity, problem: Problem) -> Finding {
    Finding { severity, problem }
}

/// `file:line` of a span, for help texts that point at a second place.
pub(crate) fn place(src: &SourceFile, span: Span) -> String {
    let (line, _) = src.line_col(span.start as usize);
    format!("{}:{line}", src.name)
}

/// Where an expression was written: its span, and the spans of its parts
/// when known (`None` inside a definitie, where the place that used it counts).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Loc<'t> {
    pub span: Span,
    pub tree: Option<&'t SpanTree>,
}

impl<'t> Loc<'t> {
    /// The whole attribute `key` of a rule, or the rule's name when it has none.
    pub(crate) fn attr(rule: &'t Rule, key: &str) -> Loc<'t> {
        match rule.at.attr(key) {
            Some(tree) => Loc { span: tree.span, tree: Some(tree) },
            None => Loc::at(rule.span),
        }
    }

    /// A place without parts.
    pub(crate) fn at(span: Span) -> Loc<'t> {
        Loc { span, tree: None }
    }

    /// Operand `i` of `n`: its own span when the written expression has the
    /// same shape as the checked one, else this whole place.
    pub(crate) fn part(self, i: usize, n: usize) -> Loc<'t> {
        match self.tree.filter(|t| t.parts.len() == n).and_then(|t| t.parts.get(i)) {
            Some(tree) => Loc { span: tree.span, tree: Some(tree) },
            None => Loc::at(self.span),
        }
    }
}

/// The operands of a checked expression, in the order `SpanTree` keeps the
/// written ones.
pub(crate) fn operands(e: &TExpr) -> Vec<&TExpr> {
    match e {
        TExpr::Not(x) | TExpr::Neg(x) => vec![x],
        TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::Cmp(_, a, b) | TExpr::In(a, b) | TExpr::Arith(_, a, b) => vec![a, b],
        TExpr::If(c, a, b) => vec![c, a, b],
        TExpr::List(items) | TExpr::Call(_, items) => items.iter().collect(),
        _ => Vec::new(),
    }
}

/// Each rule of a compiled rule set once, with the name of the aanvraag or
/// `regels` group it was written in: a rule of a shared group is in every
/// aanvraag that uses it, but is linted once (the first time).
pub(crate) fn rules_once(program: &Program) -> impl Iterator<Item = (&str, &Rule)> {
    let mut seen: HashSet<(Arc<str>, Span)> = HashSet::new();
    program
        .aanvragen()
        .iter()
        .flat_map(|a| a.rules.iter().map(move |r| (r.at.group.as_deref().unwrap_or(&a.soort), r)))
        .filter(move |(_, r)| r.at.group.is_none() || seen.insert((r.at.source.name.clone(), r.span)))
}

/// Lints every region and version of an engine: its checked, compiled rule
/// sets and its vocabulary; nothing is parsed or looked up by name again.
/// Findings are sorted by file and position.
pub fn lint(engine: &Engine) -> Vec<Finding> {
    let programs: Vec<&Program> = engine.regions().into_iter().flat_map(|r| r.versions().iter()).collect();
    let mut out = Vec::new();
    for program in &programs {
        rules::check(program, &mut out);
        workflows::check(program, &mut out);
        params::check(program, &mut out);
        bron::check(program, &mut out);
        onbekend::check(program, &mut out);
    }
    fields::check(engine.vocab(), &programs, &mut out);
    out.sort_by(|a, b| {
        (&a.problem.source.name, a.problem.span.start, a.problem.code).cmp(&(&b.problem.source.name, b.problem.span.start, b.problem.code))
    });
    out
}

/// Lints rule files given as (path below regions/, text), like
/// `Engine::from_files`. Rule sets must check first: their problems come
/// back as the error.
pub fn lint_files(files: Vec<(String, String)>) -> Result<Vec<Finding>, LoadError> {
    Ok(lint(&Engine::from_files_strict(files)?))
}

//! `passend lint`: logic checks that no parser or type checker can do, on
//! rule sets that already check. Each finding is a located `Problem` with a
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
//!   a stale or empty note there.

pub mod conditions;
mod fields;
mod onbekend;
mod params;
mod rules;
mod workflows;

use crate::diagnostics::Problem;
use crate::engine::{Engine, LoadError, VOCABULARY};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Block, File};
use crate::syntax::parse_file;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

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

/// One version of one region: its rule files, parsed.
pub(crate) struct Version {
    pub files: Vec<(SourceFile, File)>,
}

impl Version {
    /// Every top-level block with the file it is in.
    pub fn blocks(&self) -> impl Iterator<Item = (&SourceFile, &Block)> {
        self.files.iter().flat_map(|(s, f)| f.blocks.iter().map(move |b| (s, b)))
    }
}

pub(crate) fn finding(severity: Severity, problem: Problem) -> Finding {
    Finding { severity, problem }
}

/// `file:line` of a span, for help texts that point at a second place.
pub(crate) fn place(src: &SourceFile, span: Span) -> String {
    let (line, _) = src.line_col(span.start as usize);
    format!("{}:{line}", src.name)
}

/// Lints rule files given as (path below regions/, text), like
/// `Engine::from_files`. Rule sets must check first: their problems come
/// back as the error. Findings are sorted by file and position.
pub fn lint_files(files: Vec<(String, String)>) -> Result<Vec<Finding>, LoadError> {
    let engine = Engine::from_files_strict(files.clone())?;
    let mut versions: BTreeMap<(String, String), Vec<SourceFile>> = BTreeMap::new();
    for (path, text) in files {
        let parts: Vec<&str> = path.split('/').collect();
        if let [regio, versie, ..] = parts.as_slice() {
            if path.ends_with(".passend") && path != VOCABULARY {
                versions.entry((regio.to_string(), versie.to_string())).or_default().push(SourceFile::new(format!("regions/{path}"), text));
            }
        }
    }
    let mut parsed = Vec::new();
    for (_, mut sources) in versions {
        sources.sort_by(|a, b| a.name.cmp(&b.name));
        let files = sources.into_iter().filter_map(|s| parse_file(&s).ok().map(|f| (s, f))).collect();
        parsed.push(Version { files });
    }
    let mut out = Vec::new();
    for v in &parsed {
        rules::check(v, &mut out);
        workflows::check(v, &mut out);
        params::check(v, &mut out);
        onbekend::check(v, &mut out);
    }
    fields::check(&engine.vocab, &parsed, &mut out);
    out.sort_by(|a, b| {
        (&a.problem.source.name, a.problem.span.start, a.problem.code).cmp(&(&b.problem.source.name, b.problem.span.start, b.problem.code))
    });
    out.dedup_by(|a, b| a.problem.source.name == b.problem.source.name && a.problem.span == b.problem.span && a.problem.code == b.problem.code);
    Ok(out)
}

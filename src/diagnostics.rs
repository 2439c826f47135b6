//! Located problems in rule files and the vocabulary: one `Problem` type with
//! a stable code, a message, a label on the offending text and a help text.
//! It renders through miette (terminal) or serde (`--message-format json`).
//! The code is a `Code` (one table of every `passend::…` code, `code.rs`).

mod code;

pub use code::Code;
pub(crate) use code::coded_error;

use crate::source::{SourceFile, Span};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// One located problem in a rule file.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Stable code, e.g. `Code::OnbekendeNaam` (`passend::onbekende_naam`).
    pub code: Code,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub span: Span,
    pub source: SourceFile,
    named: Arc<miette::NamedSource<Arc<str>>>,
}

impl Problem {
    pub fn new(code: Code, source: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
            label: String::from("hier"),
            help: None,
            span,
            source: source.clone(),
            named: Arc::new(source.named()),
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// The same problem placed at `span` in `source` (for text parsed apart
    /// from the file it stands in).
    pub fn relocated(&self, source: &SourceFile, span: Span) -> Problem {
        let mut p = self.clone();
        p.source = source.clone();
        p.span = span;
        p.named = Arc::new(source.named());
        p
    }
    /// The same problem with its file shown under another name (a path as the user wrote it).
    pub fn renamed(mut self, name: impl Into<Arc<str>>) -> Self {
        self.source = self.source.renamed(name);
        self.named = Arc::new(self.source.named());
        self
    }

    /// Machine-readable form for editors and CI.
    pub fn to_json(&self) -> ProblemJson {
        let (line, column) = self.source.line_col(self.span.start as usize);
        ProblemJson {
            code: self.code.as_str(),
            message: self.message.clone(),
            file: self.source.name.to_string(),
            line,
            column,
            start: self.span.start,
            end: self.span.end,
            label: self.label.clone(),
            help: self.help.clone(),
        }
    }
}

/// JSON shape of a problem (`--message-format json`).
#[derive(Serialize, Debug)]
pub struct ProblemJson {
    pub code: &'static str,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: u32,
    pub end: u32,
    pub label: String,
    pub help: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl miette::Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&*self.named)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_with_span(
            Some(self.label.clone()),
            self.span.to_miette(),
        ))))
    }
}

/// Render problems for a terminal (no colour when `NO_COLOR` is set or not a tty).
pub fn render(problems: &[Problem], color: bool) -> String {
    let handler = if color {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode())
    } else {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
    }
    .with_width(100);
    let mut out = String::new();
    for p in problems.iter().take(MAX_RENDERED) {
        if too_wide(p) || handler.render_report(&mut out, p).is_err() {
            plain(&mut out, p);
        }
        out.push('\n');
    }
    if problems.len() > MAX_RENDERED {
        out.push_str(&format!(
            "… en nog {} problemen; `--message-format json` toont ze allemaal.\n",
            problems.len() - MAX_RENDERED
        ));
    }
    out
}

/// Most problems drawn with their source excerpt (each drawing reads the file
/// up to the problem, so thousands of them would take quadratic time).
pub const MAX_RENDERED: usize = 200;

/// Past this column (characters) a problem is shown without its source
/// line: miette cannot draw a label past column 65535 (it panics), and such
/// a line is no use on a screen anyway.
pub const MAX_SHOWN_COLUMN: usize = 10_000;

fn too_wide(p: &Problem) -> bool {
    let (_, start) = p.source.line_col(p.span.start as usize);
    let (_, end) = p.source.line_col(p.span.end as usize);
    start.max(end) > MAX_SHOWN_COLUMN
}

/// A problem as text without the source excerpt: code, message, place, help.
fn plain(out: &mut String, p: &Problem) {
    use std::fmt::Write;
    let (line, column) = p.source.line_col(p.span.start as usize);
    let _ = writeln!(out, "{}\n\n  × {}\n   ─[{}:{line}:{column}] ({}; de regel is te lang om te tonen)", p.code, p.message, p.source.name, p.label);
    if let Some(help) = &p.help {
        let _ = writeln!(out, "  help: {help}");
    }
}


/// A JSON syntax error in Dutch, with its line and column:
/// `geen geldige JSON: hier wordt een waarde verwacht (regel 1, kolom 2)`.
pub fn json_error(e: &serde_json::Error) -> String {
    let english = e.to_string();
    // passend's own (Dutch) message, e.g. a key given twice (issue 16).
    if let Some(own) = english.split(" at line ").next().filter(|m| m.starts_with("de sleutel")) {
        return format!("geen geldige JSON: {own} (regel {}, kolom {})", e.line(), e.column());
    }
    let what = [
        ("EOF while parsing", "de tekst houdt op voordat de JSON af is"),
        ("expected value", "hier wordt een waarde verwacht"),
        ("expected ident", "hier wordt true, false of null verwacht"),
        ("key must be a string", "een sleutel staat tussen aanhalingstekens"),
        ("trailing comma", "een komma te veel"),
        ("trailing characters", "na het einde van de JSON staat nog tekst"),
        ("expected `,` or `}`", "hier hoort een komma of `}`"),
        ("expected `,` or `]`", "hier hoort een komma of `]`"),
        ("expected `:`", "hier hoort een dubbele punt"),
        ("invalid escape", "een ongeldige `\\` in een tekst"),
        ("control character", "een regeleinde of tab binnen een tekst"),
        ("invalid unicode", "een ongeldig teken"),
        ("invalid number", "een ongeldig getal"),
        ("number out of range", "een getal dat te groot is"),
        ("recursion limit exceeded", "te diep genest (meer dan 127 niveaus)"),
    ]
    .iter()
    .find(|(en, _)| english.starts_with(en))
    .map(|(_, nl)| *nl)
    .unwrap_or("de JSON klopt hier niet");
    format!("geen geldige JSON: {what} (regel {}, kolom {})", e.line(), e.column())
}

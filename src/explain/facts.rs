//! The facts a rule read, as an explanation shows them: taken from the
//! evaluation trace (`eval::trace`), which has the values; nothing here
//! evaluates.

use crate::check::model::Rule;
use crate::compile::Program;
use crate::eval::trace::Gelezen;
use crate::source::Span;
use serde::Serialize;


/// The kind word of a rule, as a rule file writes it.
pub fn rule_kind(rule: &Rule) -> &'static str {
    rule.kind.word()
}

/// One fact a rule used, with its value for this dossier.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Feit {
    /// The dotted field, definitie or parameter name (or `peildatum`).
    pub naam: String,
    /// `veld`, `definitie`, `parameter`, `peildatum` or `in_aanmerking`.
    pub soort: &'static str,
    /// The value as JSON (contract conventions); `null` when unknown.
    pub waarde: serde_json::Value,
    /// The value written out for a person, or `onbekend`.
    pub tekst: String,
    /// False when the dossier does not give it (or it depends on a field the dossier does not give).
    pub bekend: bool,
}

/// The facts of a trace step, as an explanation shows them.
pub fn facts(gelezen: &[Gelezen]) -> Vec<Feit> {
    gelezen.iter().map(feit).collect()
}

fn feit(g: &Gelezen) -> Feit {
    let (naam, soort) = (g.naam.to_string(), g.soort.as_str());
    match &g.waarde {
        Some(v) => Feit { naam, soort, waarde: v.to_json(), tekst: v.display(), bekend: true },
        None => Feit { naam, soort, waarde: serde_json::Value::Null, tekst: "onbekend".into(), bekend: false },
    }
}

/// `file:line` of the rule whose name has `span`, when a rule file of the program holds that name there.
pub fn location(program: &Program, span: Span, name: &str) -> Option<String> {
    let (start, end) = (span.start as usize, span.end as usize);
    program.sources().iter().find(|s| s.text.get(start..end) == Some(name)).map(|s| format!("{}:{}", s.name, s.line_col(start).0))
}

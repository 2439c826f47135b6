//! Dossier fields declared in `vocabulaire.toml` that no rule of any region
//! reads. `regio`, `peildatum` and `aanvraag.soort` are read by the engine
//! itself and never reported; a field under `[niet_gebruikt]` with a reason
//! is a decision, not an accident, and is reported only when a rule does read
//! it after all (then the note is stale).

use super::{finding, Finding, Severity};
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};
use crate::eval::trace::{rule_exprs, Refs};
use crate::source::Span;
use crate::vocab::Vocabulary;
use std::collections::HashSet;

/// Fields the engine reads to pick the rule set and the aanvraag.
const READ_BY_ENGINE: &[&str] = &["regio", "peildatum", "aanvraag.soort"];

/// The dotted paths of the fields the rule sets read: in rules, definities,
/// the field each workflow follows, its statuses and transitions.
fn read_fields(programs: &[&Program]) -> HashSet<String> {
    let mut read = HashSet::new();
    for program in programs {
        let rules = program.aanvragen().iter().flat_map(|a| a.rules.iter()).flat_map(rule_exprs);
        let defs = program.defs().iter().map(|d| &d.expr);
        let statuses = program.workflows().iter().flat_map(|w| w.statuses.iter()).filter_map(|s| s.omschrijving.as_ref());
        let transitions = program.workflows().iter().flat_map(|w| w.transitions.iter()).filter_map(|t| t.voorwaarde.as_ref());
        let refs = Refs::of(program, rules.chain(defs).chain(statuses).chain(transitions));
        let followed = program.workflows().iter().map(|w| w.volgt);
        for id in refs.fields.into_iter().chain(followed) {
            if let Some(name) = program.field_name(id) {
                read.insert(name.to_string());
            }
        }
    }
    read
}

pub(super) fn check(vocab: &Vocabulary, programs: &[&Program], out: &mut Vec<Finding>) {
    let read = read_fields(programs);
    let src = &vocab.source;
    let is_declared = |name: &str| vocab.declared.iter().any(|(n, _)| n == name);
    for (name, text, span) in &vocab.niet_gebruikt {
        let dotted = name.replace("[]", "");
        let (code, message, help) = if read.contains(&dotted) {
            (
                Code::LintNietGebruiktMaarGelezen,
                format!("dossierveld `{dotted}` staat onder [niet_gebruikt], maar een regel leest het"),
                "haal de regel onder [niet_gebruikt] weg: het veld wordt nu gebruikt",
            )
        } else if text.trim().is_empty() || !is_declared(name) {
            (
                Code::LintNietGebruiktZonderReden,
                format!("[niet_gebruikt] `{dotted}` heeft geen reden of is geen veld uit [velden]"),
                "schrijf waarom geen regel dit veld leest, bijvoorbeeld \"niet gebruikt door leiden, omdat …\"",
            )
        } else {
            continue;
        };
        out.push(finding(Severity::Warning, Problem::new(code, src, *span, message).label("hier").help(help)));
    }
    for (name, ty) in &vocab.declared {
        let dotted = name.replace("[]", "");
        if READ_BY_ENGINE.contains(&dotted.as_str()) || read.contains(&dotted) || vocab.niet_gebruikt.iter().any(|(n, _, _)| n == name) {
            continue;
        }
        // Underline the whole `naam = "type"` line.
        let value = std::ops::Range { start: ty.start as usize, end: ty.end as usize };
        let line_start = src.text.get(..value.start).and_then(|t| t.rfind('\n')).map(|i| i + 1).unwrap_or(0);
        let key_start = line_start + src.text.get(line_start..value.start).map(|t| t.len() - t.trim_start().len()).unwrap_or(0);
        out.push(finding(
            Severity::Warning,
            Problem::new(
                Code::LintOngebruiktVeld,
                src,
                Span::new(key_start, value.end),
                format!("dossierveld `{dotted}` wordt door geen enkele regel gelezen"),
            )
            .label("niet gelezen")
            .help("gebruik het in de regel van het handboek die erom vraagt, of zet het onder [niet_gebruikt] met de reden (een veld uit contract v1 blijft in de woordenlijst); diensten die het meesturen, krijgen er geen ander besluit door"),
        ));
    }
}

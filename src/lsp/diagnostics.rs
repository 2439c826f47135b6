//! Diagnostics for the editor: `check` and `lint` on one rule set as it is
//! now, each problem with its code, its help text and the other places it
//! names as related locations.

use super::text::{path_to_uri, LineIndex};
use super::workspace::{key_of_source, SetId, Workspace};
use crate::check::check_rule_set;
use crate::diagnostics::{Code, Problem};
use crate::engine::VOCABULARY;
use crate::lint::{lint_files, Severity};
use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range};
use std::collections::BTreeMap;

/// Problems by file key.
pub type ByFile = BTreeMap<String, Vec<(Severity, Problem)>>;

/// Every problem of one rule set: syntax (with recovery), check, and (when
/// the set checks) lint. Every file of the set has an entry, empty or not.
pub fn diagnose_set(ws: &Workspace, set: &SetId) -> ByFile {
    let keys = ws.set_files(set);
    let mut out: ByFile = keys.iter().map(|k| (k.clone(), Vec::new())).collect();
    let parsed: Vec<_> = keys.iter().filter_map(|k| ws.parsed(k).map(|p| (k.clone(), p))).collect();
    let mut syntax_errors = false;
    for (key, p) in &parsed {
        for problem in &p.recovered.problems {
            syntax_errors = true;
            push(&mut out, key, Severity::Error, problem.clone());
        }
    }
    let Some(vocab) = ws.vocab() else { return out };
    let files: Vec<_> = parsed.iter().map(|(_, p)| (p.source.clone(), p.recovered.file.clone())).collect();
    match check_rule_set(vocab, &files, &set.regio) {
        Ok(_) if !syntax_errors => {
            let mut texts: Vec<(String, String)> = keys.iter().filter_map(|k| ws.text(k).map(|t| (k.clone(), t.to_string()))).collect();
            if let Some(v) = ws.text(VOCABULARY) {
                texts.push((VOCABULARY.to_string(), v.to_string()));
            }
            if let Ok(findings) = lint_files(texts) {
                for f in findings {
                    // Whether a field is read anywhere is a question for all regions, not this set.
                    if f.problem.code == Code::LintOngebruiktVeld {
                        continue;
                    }
                    let key = key_of_source(&f.problem.source.name);
                    push(&mut out, &key, f.severity, f.problem);
                }
            }
        }
        Ok(_) => {}
        Err(problems) => {
            for problem in problems {
                let key = key_of_source(&problem.source.name);
                // A finding inside a block with a syntax error may come from the part left out.
                let damaged = parsed.iter().any(|(k, p)| {
                    *k == key && p.recovered.damaged.iter().any(|d| d.start <= problem.span.start && problem.span.end <= d.end)
                });
                if !damaged {
                    push(&mut out, &key, Severity::Error, problem);
                }
            }
        }
    }
    out
}

/// Problems of a file outside any rule set (syntax only), or of the vocabulary.
pub fn diagnose_single(ws: &Workspace, key: &str) -> ByFile {
    let mut out: ByFile = BTreeMap::new();
    out.insert(key.to_string(), Vec::new());
    if key == VOCABULARY {
        for p in ws.vocab_problems() {
            push(&mut out, key, Severity::Error, p.clone());
        }
    } else if let Some(p) = ws.parsed(key) {
        for problem in &p.recovered.problems {
            push(&mut out, key, Severity::Error, problem.clone());
        }
    }
    out
}

fn push(out: &mut ByFile, key: &str, severity: Severity, problem: Problem) {
    out.entry(key.to_string()).or_default().push((severity, problem));
}

/// One problem as the protocol's diagnostic.
pub fn to_lsp(ws: &Workspace, severity: Severity, p: &Problem) -> Diagnostic {
    let lines = LineIndex::new(&p.source.text);
    let range = lines.range(&p.source.text, p.span.start as usize, p.span.end as usize);
    let mut message = p.message.clone();
    if let Some(help) = &p.help {
        message.push_str("\nhulp: ");
        message.push_str(help);
    }
    let related = related_locations(ws, p);
    Diagnostic {
        range,
        severity: Some(match severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(p.code.to_string())),
        source: Some("passend".to_string()),
        message,
        related_information: if related.is_empty() { None } else { Some(related) },
        ..Diagnostic::default()
    }
}

/// The other places a problem names in its help: `regions/<file>:<line>`, as
/// lint writes them, and the name a "bedoel je `x`?" suggests.
fn related_locations(ws: &Workspace, p: &Problem) -> Vec<DiagnosticRelatedInformation> {
    let Some(help) = &p.help else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(place) = suggested(ws, p, help) {
        out.push(place);
    }
    for word in help.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == ';') {
        let word = word.trim_end_matches(['.', ':']);
        let Some((name, line)) = word.rsplit_once(':') else { continue };
        let (Some(key), Ok(line)) = (name.strip_prefix("regions/"), line.parse::<u32>()) else { continue };
        if ws.doc(key).is_none() {
            continue;
        }
        let Some(uri) = path_to_uri(&ws.path_of(key)) else { continue };
        let at = Position::new(line.saturating_sub(1), 0);
        out.push(DiagnosticRelatedInformation {
            location: Location::new(uri, Range::new(at, at)),
            message: format!("zie ook {name}:{line}"),
        });
    }
    out
}

/// Where the name in "bedoel je `x`?" is declared: a block of the same rule
/// set, or a field in the vocabulary.
fn suggested(ws: &Workspace, p: &Problem, help: &str) -> Option<DiagnosticRelatedInformation> {
    let name = help.split("bedoel je `").nth(1)?.split('`').next()?;
    let key = key_of_source(&p.source.name);
    let declared = ws.set_parsed(&key).into_iter().find_map(|(k, parsed)| {
        let b = parsed.recovered.file.blocks.iter().find(|b| b.name.name == name)?;
        let range = parsed.lines.range(&parsed.source.text, b.name.span.start as usize, b.name.span.end as usize);
        Some((k, range))
    });
    let (file, range) = match declared {
        Some(found) => found,
        None => {
            let text = ws.text(VOCABULARY)?;
            let (_, start, end) = super::hover::vocab_line(text, name)?;
            (VOCABULARY.to_string(), LineIndex::new(text).range(text, start, end))
        }
    };
    Some(DiagnosticRelatedInformation {
        location: Location::new(path_to_uri(&ws.path_of(&file))?, range),
        message: format!("`{name}` staat hier"),
    })
}

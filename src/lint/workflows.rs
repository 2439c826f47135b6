//! Workflow shape: every status should be reachable from the start (an
//! `overgang` without `van`); a status that no overgang leaves is an end
//! status, reported as information so the author can confirm it.

use super::{finding, Finding, Severity};
use crate::check::model::{StatusId, Workflow};
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};

pub(super) fn check(program: &Program, out: &mut Vec<Finding>) {
    for wf in program.workflows() {
        check_workflow(wf, out);
    }
}

fn check_workflow(wf: &Workflow, out: &mut Vec<Finding>) {
    let src = &wf.at.source;
    let mut queue: Vec<StatusId> = wf.transitions.iter().filter(|t| t.van.is_none()).map(|t| t.naar).collect();
    if queue.is_empty() && !wf.statuses.is_empty() {
        out.push(finding(
            Severity::Warning,
            Problem::new(
                Code::LintGeenStartovergang,
                src,
                wf.at.name,
                format!("workflow `{}` heeft geen overgang zonder `van`: zonder status in het dossier biedt hij niets aan", wf.name),
            )
            .label("geen begin")
            .help("voeg de eerste stap toe als `overgang <naam> { naar <status> door \"...\" bron \"...\" }` (zonder `van`)"),
        ));
        return;
    }
    let mut reached = vec![false; wf.statuses.len()];
    while let Some(s) = queue.pop() {
        if let Some(r) = reached.get_mut(s.index()).filter(|r| !**r) {
            *r = true;
            queue.extend(wf.transitions.iter().filter(|t| t.van == Some(s)).map(|t| t.naar));
        }
    }
    for ((i, status), span) in wf.statuses.iter().enumerate().zip(&wf.at.statuses) {
        if !reached.get(i).copied().unwrap_or(false) {
            out.push(finding(
                Severity::Warning,
                Problem::new(
                    Code::LintOnbereikbareStatus,
                    src,
                    *span,
                    format!("status `{}` van workflow `{}` is vanaf het begin door geen overgang te bereiken", status.id, wf.name),
                )
                .label("onbereikbaar")
                .help("voeg een `overgang` toe met `naar` deze status (vanaf een bereikbare status), of haal de status weg; een status die het registratiesysteem zelf zet, kan zo blijven"),
            ));
        } else if !wf.transitions.iter().any(|t| t.van == Some(StatusId::new(i))) {
            out.push(finding(
                Severity::Info,
                Problem::new(
                    Code::LintEindstatus,
                    src,
                    *span,
                    format!("status `{}` van workflow `{}` is een eindstatus: geen overgang vertrekt hier", status.id, wf.name),
                )
                .label("eindstatus")
                .help("de taal kent geen apart teken voor een eindstatus; klopt het dat de procedure hier eindigt, dan is er niets te doen"),
            ));
        }
    }
}

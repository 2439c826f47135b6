//! Workflow shape: every status should be reachable from the start (an
//! `overgang` without `van`); a status that no overgang leaves is an end
//! status, reported as information so the author can confirm it.

use super::{finding, Finding, Severity, Version};
use crate::diagnostics::{Code, Problem};
use crate::source::Span;
use crate::syntax::ast::{Block, ExprKind, Item};
use std::collections::{HashSet, VecDeque};

/// The bare name of attribute `key` (`van aanmelding`).
fn name_of<'b>(b: &'b Block, key: &str) -> Option<&'b str> {
    b.items.iter().find_map(|i| match i {
        Item::Attr(a) if a.key.name == key => match &a.value.kind {
            ExprKind::Path(p) if p.len() == 1 => p.first().map(String::as_str),
            _ => None,
        },
        _ => None,
    })
}

pub(super) fn check(v: &Version, out: &mut Vec<Finding>) {
    for (src, wf) in v.blocks().filter(|(_, b)| b.kind.name == "workflow") {
        let inner = |kind: &'static str| {
            wf.items.iter().filter_map(move |i| match i {
                Item::Block(b) if b.kind.name == kind => Some(b),
                _ => None,
            })
        };
        let statuses: Vec<(&str, Span)> = inner("status").map(|s| (s.name.name.as_str(), s.name.span)).collect();
        let edges: Vec<(Option<&str>, &str)> =
            inner("overgang").filter_map(|t| name_of(t, "naar").map(|naar| (name_of(t, "van"), naar))).collect();
        let mut reached: HashSet<&str> = HashSet::new();
        let mut queue: VecDeque<&str> = edges.iter().filter(|(van, _)| van.is_none()).map(|(_, naar)| *naar).collect();
        if queue.is_empty() && !statuses.is_empty() {
            out.push(finding(
                Severity::Warning,
                Problem::new(
                    Code::LintGeenStartovergang,
                    src,
                    wf.name.span,
                    format!("workflow `{}` heeft geen overgang zonder `van`: zonder status in het dossier biedt hij niets aan", wf.name.name),
                )
                .label("geen begin")
                .help("voeg de eerste stap toe als `overgang <naam> { naar <status> door \"...\" bron \"...\" }` (zonder `van`)"),
            ));
            continue;
        }
        while let Some(s) = queue.pop_front() {
            if reached.insert(s) {
                queue.extend(edges.iter().filter(|(van, _)| *van == Some(s)).map(|(_, naar)| *naar));
            }
        }
        for (status, span) in &statuses {
            if !reached.contains(status) {
                out.push(finding(
                    Severity::Warning,
                    Problem::new(
                        Code::LintOnbereikbareStatus,
                        src,
                        *span,
                        format!("status `{status}` van workflow `{}` is vanaf het begin door geen overgang te bereiken", wf.name.name),
                    )
                    .label("onbereikbaar")
                    .help("voeg een `overgang` toe met `naar` deze status (vanaf een bereikbare status), of haal de status weg; een status die het registratiesysteem zelf zet, kan zo blijven"),
                ));
            } else if !edges.iter().any(|(van, _)| van == &Some(*status)) {
                out.push(finding(
                    Severity::Info,
                    Problem::new(
                        Code::LintEindstatus,
                        src,
                        *span,
                        format!("status `{status}` van workflow `{}` is een eindstatus: geen overgang vertrekt hier", wf.name.name),
                    )
                    .label("eindstatus")
                    .help("de taal kent geen apart teken voor een eindstatus; klopt het dat de procedure hier eindigt, dan is er niets te doen"),
                ));
            }
        }
    }
}

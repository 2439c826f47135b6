//! Code lenses: above each `aanvraag`, how its voorbeelden fare against the
//! rules as they are now ("voorbeelden: 12 geslaagd, 1 mislukt · dekking 84 %"),
//! using the library's example runner and coverage (`crate::coverage`).

use super::hover::text_attr;
use super::workspace::{RegionExamples, Workspace};
use crate::coverage::dekking::named;
use crate::coverage::Uitslag;
use crate::source::Span;
use std::sync::Arc;

/// The `versie` the `regio` header of the rule set of `key` names.
fn set_versie(ws: &Workspace, key: &str) -> Option<String> {
    ws.set_parsed(key)
        .iter()
        .find_map(|(_, p)| p.recovered.file.blocks.iter().find(|b| b.kind.name == "regio").and_then(|b| text_attr(b, "versie")))
}

/// The region's examples and this rule set's version, when both are known.
fn context(ws: &Workspace, key: &str) -> Option<(Arc<RegionExamples>, Option<String>)> {
    let set = ws.set_of(key)?;
    let examples = ws.examples(&set.regio)?;
    Some((examples, set_versie(ws, key)))
}

/// Whether an example was decided under this version (a refused one counts for every version).
fn in_version(u: &Uitslag, versie: Option<&str>) -> bool {
    match (&u.beslissing, versie) {
        (Some(d), Some(v)) => &*d.regelset.versie == v,
        _ => true,
    }
}

/// "voorbeelden: 12 geslaagd, 1 mislukt · dekking 84 %" for aanvraag `soort`.
pub fn summary(ws: &Workspace, key: &str, soort: &str) -> String {
    let Some((examples, versie)) = context(ws, key) else { return "voorbeelden: geen map met voorbeelden gevonden".to_string() };
    if let Some(fout) = &examples.fout {
        return format!("voorbeelden niet uitgevoerd: {fout}");
    }
    let mine: Vec<&Uitslag> = examples
        .uitslagen
        .iter()
        .zip(&examples.soorten)
        .filter(|(u, s)| in_version(u, versie.as_deref()) && s.as_deref() == Some(soort))
        .map(|(u, _)| u)
        .collect();
    let ok = mine.iter().filter(|u| u.geslaagd()).count();
    let failed = mine.len() - ok;
    let prefix = format!("{soort}.");
    let dekking = examples.dekking.iter().find(|d| versie.as_deref().is_none_or(|v| &*d.versie == v));
    let (hit, total) = dekking
        .map(|d| {
            let parts: Vec<_> = d.onderdelen.iter().filter(|o| o.id.starts_with(&prefix)).collect();
            (parts.iter().filter(|o| o.geraakt).count(), parts.len())
        })
        .unwrap_or((0, 0));
    let procent = if total == 0 { 100.0 } else { hit as f64 * 100.0 / total as f64 };
    format!("voorbeelden: {ok} geslaagd, {failed} mislukt · dekking {procent:.0} %")
}

/// "geraakt door 3 van de 12 voorbeelden" for a rule known by these ids.
pub fn rule_exercised(ws: &Workspace, key: &str, ids: &[String]) -> Option<String> {
    let (examples, versie) = context(ws, key)?;
    if examples.fout.is_some() {
        return None;
    }
    let decided: Vec<_> = examples
        .uitslagen
        .iter()
        .filter(|u| in_version(u, versie.as_deref()))
        .filter_map(|u| u.beslissing.as_ref())
        .collect();
    let hits = decided.iter().filter(|d| named(d).any(|n| ids.iter().any(|i| i == n))).count();
    Some(format!("geraakt door {hits} van de {} voorbeelden van deze versie", decided.len()))
}

/// One lens per `aanvraag` in file `key`: the span of its header and the text.
pub fn lenses(ws: &Workspace, key: &str) -> Vec<(Span, String)> {
    let Some(parsed) = ws.parsed(key) else { return Vec::new() };
    parsed
        .recovered
        .file
        .blocks
        .iter()
        .filter(|b| b.kind.name == "aanvraag")
        .map(|b| (Span::new(b.kind.span.start as usize, b.name.span.end as usize), summary(ws, key, &b.name.name)))
        .collect()
}

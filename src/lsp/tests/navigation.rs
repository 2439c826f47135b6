use super::*;
use crate::lsp::navigation::{definition, references};

const TLV: &str = "helmond-peelland/2023-2024/tlv.passend";

fn lines(ws: &Workspace, places: &[(String, crate::source::Span)]) -> Vec<(String, usize)> {
    places
        .iter()
        .map(|(k, s)| {
            let text = ws.text(k).map(|t| t.to_string()).unwrap_or_default();
            (k.clone(), text.get(..s.start as usize).unwrap_or("").matches('\n').count() + 1)
        })
        .collect()
}

/// The 1-based line where `needle` first stands in file `key`.
fn line_of(ws: &Workspace, key: &str, needle: &str) -> usize {
    let text = ws.text(key).map(|t| t.to_string()).unwrap_or_default();
    text.get(..at(ws, key, needle, 0, 0)).unwrap_or("").matches('\n').count() + 1
}

/// Go to definition from `offset` in `key` lands on the line where `needle` first stands in `target`.
fn assert_goes_to(ws: &Workspace, key: &str, offset: usize, target: &str, needle: &str) {
    let def = definition(ws, key, offset);
    assert_eq!(lines(ws, &def), [(target.to_string(), line_of(ws, target, needle))]);
}

#[test]
fn a_definitie_goes_to_its_block_and_finds_its_uses() {
    let ws = bundled();
    let use_at = at(&ws, TLV, "tlv_compleet_ingediend_op", 1, 3);
    assert_goes_to(&ws, TLV, use_at, TLV, "definitie tlv_compleet_ingediend_op");
    let refs = references(&ws, TLV, use_at, false);
    assert!(!refs.is_empty());
    for (k, s) in &refs {
        let text = ws.text(k).map(|t| t.to_string()).unwrap_or_default();
        assert_eq!(text.get(s.start as usize..s.end as usize), Some("tlv_compleet_ingediend_op"));
    }
    let with_decl = references(&ws, TLV, use_at, true);
    assert_eq!(with_decl.len(), refs.len() + 1);
}

#[test]
fn a_field_goes_to_its_line_in_the_vocabulary_and_is_found_in_every_region() {
    let ws = bundled();
    let offset = at(&ws, TLV, "aanvraag.route = \"thuiszitter\"", 0, 10);
    let def = definition(&ws, TLV, offset);
    let vocab = ws.text("vocabulaire.toml").map(|t| t.to_string()).unwrap_or_default();
    let (k, s) = def.first().cloned().unwrap_or_default();
    assert_eq!(k, "vocabulaire.toml");
    assert_eq!(vocab.get(s.start as usize..s.end as usize), Some("\"aanvraag.route\""));
    let refs = references(&ws, TLV, offset, false);
    assert!(refs.iter().all(|(k, _)| k.starts_with("helmond-peelland/")), "only Helmond-Peelland uses the route");
    assert!(refs.len() >= 5, "{refs:?}");
    // A field used by several regions is found in each of them.
    let offset = at(&ws, TLV, "voorwaarde aanvraag.compleet", 0, 22);
    let refs = references(&ws, TLV, offset, false);
    let regions: std::collections::BTreeSet<&str> = refs.iter().filter_map(|(k, _)| k.split('/').next()).collect();
    assert_eq!(regions.into_iter().collect::<Vec<_>>(), ["helmond-peelland", "leiden", "rijnstreek"]);
}

#[test]
fn a_group_in_gebruikt_goes_to_the_regels_block() {
    let ws = bundled();
    let key = "rijnstreek/2026/10-tlv.passend";
    let offset = at(&ws, key, "ondertekening_en_akkoord, deskundigen_tlv", 0, 2);
    let procedure = "rijnstreek/2026/05-procedure.passend";
    assert_goes_to(&ws, key, offset, procedure, "regels ondertekening_en_akkoord");
    // And from the group to the aanvragen that use it.
    let decl = at(&ws, "rijnstreek/2026/05-procedure.passend", "regels ondertekening_en_akkoord", 0, 8);
    let refs = references(&ws, "rijnstreek/2026/05-procedure.passend", decl, false);
    assert!(refs.len() >= 2, "{refs:?}");
    assert!(refs.iter().all(|(k, _)| k.starts_with("rijnstreek/2026/")));
}

#[test]
fn a_status_goes_to_its_block_and_finds_the_overgangen() {
    let ws = bundled();
    let offset = at(&ws, TLV, "van ingediend", 0, 5);
    assert_goes_to(&ws, TLV, offset, TLV, "status ingediend {");
    let refs = references(&ws, TLV, offset, false);
    assert!(refs.len() >= 2, "{refs:?}");
}

#[test]
fn a_parameter_is_found_across_the_files_of_its_rule_set() {
    let ws = bundled();
    let key = "rijnstreek/2026/00-regio.passend";
    let offset = at(&ws, key, "parameter besluittermijn", 0, 12);
    let refs = references(&ws, key, offset, false);
    assert!(!refs.is_empty());
    assert!(refs.iter().all(|(k, _)| k.starts_with("rijnstreek/2026/") && k != key), "{refs:?}");
}

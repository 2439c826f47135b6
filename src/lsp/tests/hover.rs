use super::*;
use crate::lsp::hover::hover;

const TLV: &str = "helmond-peelland/2023-2024/tlv.passend";

/// The hover text at the `nth` `needle` (plus `plus`) in `key`, asserted to contain each of `wants`.
fn hover_shows(ws: &Workspace, key: &str, needle: &str, nth: usize, plus: usize, wants: &[&str]) -> String {
    let h = text_at(ws, key, needle, nth, plus);
    for want in wants {
        assert!(h.contains(want), "{want:?} ontbreekt in:\n{h}");
    }
    h
}

fn text_at(ws: &Workspace, key: &str, needle: &str, nth: usize, plus: usize) -> String {
    let offset = at(ws, key, needle, nth, plus);
    hover(ws, key, offset).map(|(t, _)| t).unwrap_or_default()
}

#[test]
fn a_keuze_field_shows_its_type_and_values() {
    let ws = bundled();
    hover_shows(&ws, TLV, "aanvraag.route = \"thuiszitter\"", 0, 10, &["**veld** `aanvraag.route`: een keuze uit `route`", "`\"voorschools\"`, `\"thuiszitter\"`, `\"schoolgaand\"`"]);
}

#[test]
fn a_field_shows_the_comment_above_it_in_the_vocabulary() {
    let ws = bundled();
    let ws = {
        let mut ws = ws;
        ws.set_text(TLV, &format!("{}\ndefinitie x {{\n  waarde aanvraag.compleet_op\n  bron \"b\"\n}}\n", ws.text(TLV).map(|t| t.to_string()).unwrap_or_default()), true);
        ws
    };
    hover_shows(&ws, TLV, "waarde aanvraag.compleet_op", 0, 18, &["een datum", "toegevoegd door passend (niet in contract v1):"]);
}

#[test]
fn the_first_segment_of_a_path_is_the_object() {
    let ws = bundled();
    let h = text_at(&ws, TLV, "aanvraag.route = \"thuiszitter\"", 0, 2);
    assert!(h.starts_with("**object** `aanvraag` met velden:"), "{h}");
    assert!(h.contains("`route`"), "{h}");
}

#[test]
fn a_parameter_shows_each_value_with_its_date_and_bron() {
    let ws = small(&[(
        "a.passend",
        &format!("{HEADER}parameter tarief {{\n  waarde € 750\n  waarde € 800 vanaf 2026-01-01\n  bron \"Handboek 2.1: het tarief\"\n}}\ndefinitie dubbel {{\n  waarde tarief * 2\n  bron \"Handboek 2.2\"\n}}\n"),
    )]);
    let key = "testregio/v1/a.passend";
    hover_shows(&ws, key, "tarief * 2", 0, 1, &["**parameter** `tarief`", "- `€ 750`\n- `€ 800` vanaf 2026-01-01", "**bron:** Handboek 2.1: het tarief"]);
    hover_shows(&ws, key, "definitie dubbel", 0, 11, &["```passend\ntarief * 2\n```", "**bron:** Handboek 2.2"]);
}

#[test]
fn a_definitie_used_elsewhere_shows_its_expression() {
    let ws = bundled();
    hover_shows(&ws, TLV, "max(aanvraag.compleet_op", 0, 0, &["**functie** `max(a, b) → zelfde soort`"]);
    hover_shows(&ws, TLV, "definitie tlv_compleet_ingediend_op", 0, 12, &["als bekend(aanvraag.compleet_op) dan max"]);
}

#[test]
fn a_rule_shows_its_text_bron_and_how_many_voorbeelden_exercise_it() {
    let ws = bundled();
    let h = hover_shows(&ws, TLV, "eis voorwaarde_1_planmatig_gewerkt", 0, 6, &["De school heeft planmatig gewerkt", "**bron:** Kind schoolgaand, 03 Afgifte van de TLV-aanvraag, voorwaarde 1"]);
    let line = h.lines().last().unwrap_or("");
    assert!(line.starts_with("geraakt door "), "{h}");
    // Helmond-Peelland has examples of a schoolgaand TLV that decide voorwaarde 1.
    let n: usize = line.trim_start_matches("geraakt door ").split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(n >= 1, "{h}");
}

#[test]
fn a_status_in_an_overgang_shows_its_text() {
    let ws = bundled();
    hover_shows(&ws, TLV, "naar ingediend", 0, 6, &["**status** `ingediend` van workflow `tlv_procedure`", "TLV-aanvraag ingediend in het registratiesysteem van het SWV"]);
}

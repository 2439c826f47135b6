use super::*;
use crate::lsp::hover::hover;

const TLV: &str = "helmond-peelland/2023-2024/tlv.passend";

fn text_at(ws: &Workspace, key: &str, needle: &str, nth: usize, plus: usize) -> String {
    let offset = at(ws, key, needle, nth, plus);
    hover(ws, key, offset).map(|(t, _)| t).unwrap_or_default()
}

#[test]
fn a_keuze_field_shows_its_type_and_values() {
    let ws = bundled();
    let h = text_at(&ws, TLV, "aanvraag.route = \"thuiszitter\"", 0, 10);
    assert!(h.contains("**veld** `aanvraag.route`: een keuze uit `route`"), "{h}");
    assert!(h.contains("`\"voorschools\"`, `\"thuiszitter\"`, `\"schoolgaand\"`"), "{h}");
}

#[test]
fn a_field_shows_the_comment_above_it_in_the_vocabulary() {
    let ws = bundled();
    let ws = {
        let mut ws = ws;
        ws.set_text(TLV, &format!("{}\ndefinitie x {{\n  waarde aanvraag.compleet_op\n  bron \"b\"\n}}\n", ws.text(TLV).map(|t| t.to_string()).unwrap_or_default()), true);
        ws
    };
    let h = text_at(&ws, TLV, "waarde aanvraag.compleet_op", 0, 18);
    assert!(h.contains("een datum"), "{h}");
    assert!(h.contains("toegevoegd door passend (niet in contract v1):"), "{h}");
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
    let h = text_at(&ws, key, "tarief * 2", 0, 1);
    assert!(h.contains("**parameter** `tarief`"), "{h}");
    assert!(h.contains("- `€ 750`\n- `€ 800` vanaf 2026-01-01"), "{h}");
    assert!(h.contains("**bron:** Handboek 2.1: het tarief"), "{h}");
    let d = text_at(&ws, key, "definitie dubbel", 0, 11);
    assert!(d.contains("```passend\ntarief * 2\n```"), "{d}");
    assert!(d.contains("**bron:** Handboek 2.2"), "{d}");
}

#[test]
fn a_definitie_used_elsewhere_shows_its_expression() {
    let ws = bundled();
    let h = text_at(&ws, TLV, "max(aanvraag.compleet_op", 0, 0);
    assert!(h.contains("**functie** `max(a, b) → zelfde soort`"), "{h}");
    let h = text_at(&ws, TLV, "definitie tlv_compleet_ingediend_op", 0, 12);
    assert!(h.contains("als bekend(aanvraag.compleet_op) dan max"), "{h}");
}

#[test]
fn a_rule_shows_its_text_bron_and_how_many_voorbeelden_exercise_it() {
    let ws = bundled();
    let h = text_at(&ws, TLV, "eis voorwaarde_1_planmatig_gewerkt", 0, 6);
    assert!(h.contains("De school heeft planmatig gewerkt"), "{h}");
    assert!(h.contains("**bron:** Kind schoolgaand, 03 Afgifte van de TLV-aanvraag, voorwaarde 1"), "{h}");
    let line = h.lines().last().unwrap_or("");
    assert!(line.starts_with("geraakt door "), "{h}");
    // Helmond-Peelland has examples of a schoolgaand TLV that decide voorwaarde 1.
    let n: usize = line.trim_start_matches("geraakt door ").split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(n >= 1, "{h}");
}

#[test]
fn a_status_in_an_overgang_shows_its_text() {
    let ws = bundled();
    let h = text_at(&ws, TLV, "naar ingediend", 0, 6);
    assert!(h.contains("**status** `ingediend` van workflow `tlv_procedure`"), "{h}");
    assert!(h.contains("TLV-aanvraag ingediend in het registratiesysteem van het SWV"), "{h}");
}

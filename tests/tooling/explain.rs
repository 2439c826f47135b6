//! `passend explain`: why and why not, the facts with their values (also
//! through definities and parameters), the questions of an open decision,
//! the two levels, and the three formats.

use super::common::root;
use super::fixture::{self, eligible, no_tlv, passend, without_line_numbers};
use passend::tools::explain::{explain_json, html, text, Niveau, RegelUitleg, Uitleg};
use serde_json::{json, Value};

fn uitleg(dossier: &Value, niveau: Niveau) -> Uitleg {
    explain_json(&fixture::engine(), dossier, super::common::date("2024-06-01"), niveau).unwrap_or_else(|e| panic!("{e}"))
}

fn rule<'u>(u: &'u Uitleg, id: &str) -> &'u RegelUitleg {
    u.eisen.iter().chain(&u.gevolgen).find(|r| &*r.regel == id).unwrap_or_else(|| panic!("no {id} in {u:#?}"))
}

fn facts(r: &RegelUitleg) -> Vec<(String, Value)> {
    r.feiten.iter().map(|f| (f.naam.clone(), f.waarde.clone())).collect()
}

#[test]
fn why_lists_every_met_requirement_with_the_facts_it_read() {
    let u = uitleg(&eligible(), Niveau::Beslissend);
    assert_eq!(u.in_aanmerking, Some(true));
    assert_eq!(u.conclusie, "Ja, de aanvraag komt in aanmerking: aan alle eisen die gelden (2) is voldaan.");
    let ot = rule(&u, "overbruggingsarrangement.ot");
    assert_eq!(ot.uitkomst, "voldaan");
    assert_eq!(ot.bron.as_ref(), "§ 3b");
    // the field, the definitie it goes through, and that definitie's own field
    assert_eq!(
        facts(ot),
        [
            ("school.ot_overleggen".into(), json!(3)),
            ("leerling.geboortedatum".into(), json!("2010-01-15")),
            ("oud_genoeg".into(), json!(true)),
        ]
    );
    let bedrag = rule(&u, "overbruggingsarrangement.maandbedrag");
    assert_eq!(bedrag.uitkomst, "toegepast");
    assert_eq!(bedrag.tekst, "overbrugging: € 200,00 voor school (per maand)");
    // the parameter value in force on the peildatum (1 March 2024: € 100)
    assert!(facts(bedrag).contains(&("bedrag_per_maand".into(), json!(10000))), "{:?}", facts(bedrag));
    let indienen = rule(&u, "workflow.stappen.indienen");
    assert_eq!((indienen.soort, indienen.uitkomst), ("overgang", "aangeboden"));
    assert!(u.vragen.iter().all(|v| &*v.veld == "aanvraag.verlenging"), "{:?}", u.vragen);
}

#[test]
fn why_not_names_the_false_part_with_the_value_that_failed_it() {
    let mut dossier = no_tlv();
    dossier["school"]["ot_overleggen"] = json!(1);
    let u = uitleg(&dossier, Niveau::Beslissend);
    assert_eq!(u.in_aanmerking, Some(false));
    assert_eq!(u.conclusie, "Nee, de aanvraag komt niet in aanmerking: aan 2 eisen is niet voldaan.");
    let tlv = rule(&u, "overbruggingsarrangement.tlv");
    assert_eq!(tlv.uitkomst, "niet_voldaan");
    assert_eq!(tlv.waarom_niet.len(), 1);
    assert_eq!(tlv.waarom_niet[0].voorwaarde, "bekend(tlv.afgegeven_op)");
    assert_eq!(tlv.waarom_niet[0].feiten[0].tekst, "onbekend");
    // `school.ot_overleggen >= 2 en oud_genoeg`: only the first part failed
    let ot = rule(&u, "overbruggingsarrangement.ot");
    let parts: Vec<(&str, Vec<(String, Value)>)> =
        ot.waarom_niet.iter().map(|t| (t.voorwaarde.as_str(), t.feiten.iter().map(|f| (f.naam.clone(), f.waarde.clone())).collect())).collect();
    assert_eq!(parts, [("school.ot_overleggen >= 2", vec![("school.ot_overleggen".to_string(), json!(1))])]);
    let shown = text(&u);
    assert!(shown.contains("    niet voldaan aan: school.ot_overleggen >= 2 (school.ot_overleggen = 1)\n"), "{shown}");
    // the amount is not computed for a request that is not eligible, and not shown at this level
    assert!(u.gevolgen.iter().all(|r| &*r.regel != "overbruggingsarrangement.maandbedrag"));
}

#[test]
fn an_open_decision_asks_the_questions_from_onbekend() {
    let mut dossier = eligible();
    dossier.as_object_mut().map(|d| d.remove("leerling"));
    let u = uitleg(&dossier, Niveau::Beslissend);
    assert_eq!(u.in_aanmerking, None);
    assert_eq!(u.conclusie, "Dat is nog niet te zeggen: voor 1 eis ontbreken gegevens. Beantwoord eerst de vragen hieronder.");
    let vraag = &u.vragen[0];
    assert_eq!(&*vraag.veld, "leerling.geboortedatum");
    assert_eq!(vraag.vraag, "Leerling – geboortedatum: op welke datum? (JJJJ-MM-DD)");
    assert_eq!(vraag.nodig_voor.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["overbruggingsarrangement.ot"]);
    let ot = rule(&u, "overbruggingsarrangement.ot");
    assert_eq!(ot.uitkomst, "onbekend");
    assert_eq!(ot.onbekend.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["leerling.geboortedatum"]);
    // the met requirement is left out at the default level
    assert!(u.eisen.iter().all(|r| &*r.regel != "overbruggingsarrangement.tlv"));
    // hidden: eis tlv (met) and the amount (only for an eligible request)
    assert_eq!(u.weggelaten, 2, "{u:#?}");
}

#[test]
fn the_full_trace_shows_every_rule_and_why_a_rule_did_not_apply() {
    let mut dossier = no_tlv();
    dossier["aanvraag"]["verlenging"] = json!(false);
    dossier["aanvraag"]["compleet"] = json!(false);
    let u = uitleg(&dossier, Niveau::Volledig);
    assert!(u.volledig);
    assert_eq!(u.weggelaten, 0);
    let ids: Vec<(&str, &str)> = u.eisen.iter().chain(&u.gevolgen).map(|r| (&*r.regel, r.uitkomst)).collect();
    assert_eq!(
        ids,
        [
            ("overbruggingsarrangement.tlv", "niet_voldaan"),
            ("overbruggingsarrangement.ot", "voldaan"),
            ("overbruggingsarrangement.maandbedrag", "niet_berekend"),
            ("overbruggingsarrangement.let_op", "niet_van_toepassing"),
            ("workflow.stappen.bespreken", "niet_aangeboden"),
        ]
    );
    let let_op = rule(&u, "overbruggingsarrangement.let_op");
    assert_eq!(let_op.waarom_niet[0].voorwaarde, "aanvraag.verlenging");
    let bespreken = rule(&u, "workflow.stappen.bespreken");
    assert_eq!(bespreken.waarom_niet[0].voorwaarde, "aanvraag.compleet");
    assert!(text(&u).contains("    geldt niet: aanvraag.compleet is nee\n"), "{}", text(&u));
}

#[test]
fn html_is_one_page_with_every_text_escaped() {
    let mut dossier = eligible();
    dossier["aanvraag"]["verlenging"] = json!(true);
    let page = html(&uitleg(&dossier, Niveau::Beslissend));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;verlenging&quot;"), "{page}");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("http"), "a self-contained page loads nothing: {page}");
}

#[test]
fn the_command_reads_stdin_and_gives_json_and_exit_codes() {
    let regions = root().join("regions").to_string_lossy().to_string();
    let dossier = json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}});
    let (code, out, err) = passend(&["explain", "--format", "json", "--regions", &regions], dossier.to_string().as_bytes());
    assert_eq!(code, 0, "{err}");
    let u: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(u["in_aanmerking"], json!(false));
    assert!(u["conclusie"].as_str().unwrap_or("").starts_with("Nee, de aanvraag komt niet in aanmerking: "), "{u}");
    let (code, _, err) = passend(&["explain"], br#"{"regio":"leiden","aanvraag":{"soort":"tlv"},"leerling":{"cluster":"drie"}}"#);
    assert_eq!(code, 1);
    assert!(err.contains("leerling.cluster"), "{err}");
}

/// The contract example from Leiden: a TLV request that is complete and followed the procedure.
fn contract_example(slug: &str) -> Option<Value> {
    let path = root().join(format!("../shared/contract/examples/{slug}.dossier.json"));
    std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok())
}

fn bundled(dossier: &Value, args: &[&str]) -> String {
    let regions = root().join("regions").to_string_lossy().to_string();
    let mut all = vec!["explain", "--regions", &regions];
    all.extend(args);
    let (code, out, err) = passend(&all, dossier.to_string().as_bytes());
    assert_eq!(code, 0, "{err}");
    without_line_numbers(&out)
}

#[test]
fn snapshot_leiden_tlv_compleet_skipped_without_shared() {
    let Some(dossier) = contract_example("leiden-tlv-compleet") else {
        eprintln!("../shared/contract/examples not found; skipped");
        return;
    };
    insta::assert_snapshot!("explain_leiden_tlv_compleet_text", bundled(&dossier, &[]));
    insta::assert_snapshot!("explain_leiden_tlv_compleet_html", bundled(&dossier, &["--format", "html"]));
}

#[test]
fn snapshot_helmond_handelingsdeel_niet_ondertekend_skipped_without_shared() {
    let Some(dossier) = contract_example("helmond-peelland-tlv-handelingsdeel-niet-ondertekend") else {
        eprintln!("../shared/contract/examples not found; skipped");
        return;
    };
    insta::assert_snapshot!("explain_helmond_niet_ondertekend_text", bundled(&dossier, &[]));
}

//! `passend test`: the assertions of `verwacht` (as the contract's
//! check-examples script states them), rule coverage by its documented
//! definition, and the command on the bundled regions and on small folders.

use super::common::{date, root};
use super::fixture::{self, eligible, no_tlv, passend, regions_folder};
use passend::tools::coverage::{check, coverage, read_folder, run};
use serde_json::{json, Value};

fn decision() -> Value {
    json!({
        "in_aanmerking": false,
        "ontbreekt": [{"eis": "Er is een TLV afgegeven.", "bron": "§ 3a", "regel": "x.tlv"}],
        "onbekend": ["opp.aanwezig"],
        "bedragen": [{"regeling": "a", "bedrag_cent": 75000}, {"regeling": "b", "bedrag_cent": 25000}],
        "deskundigen": [{"rol": "eerste", "disciplines": ["orthopedagoog", "psycholoog"], "onafhankelijk": false, "vorm": "advies"}],
        "volgende_statussen": [{"status": "Terugplaatsing  in behandeling."}],
        "termijnen": [{"wat": "Besluit", "uiterlijk": "2024-04-05"}],
        "waarschuwingen": [],
        "uitkomsten": {"bekostigingscategorie": "laag"}
    })
}

#[test]
fn assertions_that_hold_give_no_differences() {
    let verwacht = json!({
        "in_aanmerking": false,
        "onbekend_bevat": ["opp.aanwezig"],
        "bedrag_totaal_cent": 100000,
        "deskundigen": [{"rol": "eerste", "disciplines_bevat": ["psycholoog"], "onafhankelijk": false, "vorm": "advies"}],
        // compared after folding white space and dropping one final '.'
        "statussen_bevat": ["Terugplaatsing in behandeling"],
        "termijnen_bevat": ["2024-04-05"],
        "waarschuwing": false,
        "uitkomsten": {"bekostigingscategorie": "laag"}
    });
    assert_eq!(check(&verwacht, &decision()), vec![]);
}

#[test]
fn each_failed_assertion_shows_expected_against_actual() {
    let verwacht = json!({
        "in_aanmerking": true,
        "onbekend_bevat": ["tlv.soort"],
        "bedragen_leeg": true,
        "bedrag_totaal_cent": 75000,
        "deskundigen": [{"rol": "eerste", "disciplines_bevat": ["arts"], "vorm": "addendum"}],
        "statussen_bevat": ["Afgerond"],
        "termijnen_bevat": ["2024-04-06"],
        "waarschuwing": true,
        "uitkomsten": {"bekostigingscategorie": "hoog"}
    });
    let got: Vec<String> = check(&verwacht, &decision()).iter().map(ToString::to_string).collect();
    let want = [
        "in_aanmerking: verwacht true, gekregen false (niet voldaan: Er is een TLV afgegeven.)",
        "onbekend_bevat: verwacht ook \"tlv.soort\", gekregen [\"opp.aanwezig\"]",
        "bedragen_leeg: verwacht geen bedragen, gekregen 2 bedrag(en): a 75000, b 25000",
        "bedrag_totaal_cent: verwacht 75000, gekregen 100000 (a 75000, b 25000)",
        "deskundigen[0].vorm: verwacht \"addendum\", gekregen \"advies\"",
        "deskundigen[0].disciplines: verwacht ook \"arts\", gekregen [\"orthopedagoog\",\"psycholoog\"]",
        "statussen_bevat: verwacht \"Afgerond\", gekregen \"Terugplaatsing in behandeling\"",
        "termijnen_bevat: verwacht \"2024-04-06\", gekregen 2024-04-05 (Besluit)",
        "waarschuwing: verwacht minstens één waarschuwing, gekregen geen waarschuwingen",
        "uitkomsten.bekostigingscategorie: verwacht \"hoog\", gekregen \"laag\"",
    ];
    assert_eq!(got, want);
}

#[test]
fn a_null_decision_names_its_unknown_fields_and_a_wrong_role_count_is_one_difference() {
    let d = json!({"in_aanmerking": null, "onbekend": ["opp.aanwezig", "tlv.soort"], "deskundigen": []});
    let got: Vec<String> = check(&json!({"in_aanmerking": false, "deskundigen": [{"rol": "eerste"}]}), &d).iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        ["in_aanmerking: verwacht false, gekregen null (onbekend: opp.aanwezig, tlv.soort)", "deskundigen: verwacht 1 rol(len) [eerste], gekregen 0 rol(len) []"]
    );
}

#[test]
fn an_unknown_assertion_key_is_a_bad_example_not_a_pass() {
    let got = check(&json!({"in_aanmerking": true, "bedrag": 5}), &json!({"in_aanmerking": true}));
    assert_eq!(got.len(), 1);
    assert!(got[0].gekregen.contains("onbekende sleutel(s) in `verwacht`: bedrag"), "{:?}", got);
}

/// The coverage definition (src/coverage/dekking.rs) on the test rules:
/// example 1 is eligible on 1 March 2024 (the first parameter value); example
/// 2 has no TLV on 1 September 2024 (eis `tlv` fails, so no amount and the
/// second parameter value is not used), status `a` and complete.
#[test]
fn coverage_counts_rules_exercised_in_traces_and_parameter_values_by_peildatum() {
    let engine = fixture::engine();
    let sporen = [fixture::spoor(&engine, &eligible()), fixture::spoor(&engine, &no_tlv())];
    let dekking = coverage(&engine, "leiden", sporen.iter());
    assert_eq!(dekking.len(), 1);
    let d = &dekking[0];
    let status: Vec<(&str, &str, bool)> = d.onderdelen.iter().map(|o| (o.soort, o.id.as_str(), o.geraakt)).collect();
    assert_eq!(
        status,
        [
            ("eis", "overbruggingsarrangement.tlv", true),
            ("eis", "overbruggingsarrangement.ot", true),
            ("bedrag", "overbruggingsarrangement.maandbedrag", true),
            // aanvraag.verlenging is absent: the waarschuwing is `niet_bepaald`, which does not count
            ("waarschuwing", "overbruggingsarrangement.let_op", false),
            ("overgang", "workflow.stappen.indienen", true),
            ("overgang", "workflow.stappen.bespreken", true),
            ("parameter", "bedrag_per_maand (eerste waarde)", true),
            ("parameter", "bedrag_per_maand (vanaf 2024-08-01)", false),
            ("parameter", "ongebruikt", false),
        ]
    );
    assert_eq!((d.geraakt(), d.totaal(), d.voorbeelden), (6, 9, 2));
    // `tlv` failed in example 2; `ot` held in both, so its "not met" side is untested.
    assert_eq!(d.nooit_niet_voldaan, ["overbruggingsarrangement.ot"]);
    // Rules carry their place in the rule file.
    assert_eq!(d.onderdelen[0].plaats.as_deref(), Some("regions/leiden/2024/regels.passend:29"));
}

fn case(naam: &str, dossier: Value, verwacht: Value) -> Value {
    json!({"naam": naam, "bron": "Proefhandboek § 3", "dossier": dossier, "verwacht": verwacht})
}

#[test]
fn the_command_passes_and_reports_coverage_then_fails_below_min_coverage() {
    let dir = regions_folder(
        "min",
        &[
            ("1-in-aanmerking.json", case("in aanmerking", eligible(), json!({"in_aanmerking": true, "bedrag_totaal_cent": 20000}))),
            ("2-geen-tlv.json", case("geen TLV", no_tlv(), json!({"in_aanmerking": false, "statussen_bevat": ["Besproken"]}))),
        ],
    );
    let path = dir.to_string_lossy().to_string();
    let (code, out, err) = passend(&["test", &path, "--min-coverage", "60"], b"");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("leiden: 2 voorbeeld(en), 2 geslaagd"), "{out}");
    assert!(out.contains("  leiden 2024: 6 van 9 (66,7%)"), "{out}");
    assert!(out.contains("      waarschuwing overbruggingsarrangement.let_op  (regions/leiden/2024/regels.passend:"), "{out}");
    assert!(out.contains("      parameter    bedrag_per_maand (vanaf 2024-08-01)"), "{out}");
    assert!(out.contains("2 geslaagd, 0 mislukt"), "{out}");
    // The verdict on coverage comes last (issue 12).
    assert!(out.trim_end().ends_with("dekking: elke versie haalt de grens van 60,0%"), "{out}");

    let (code, out, _) = passend(&["test", &path, "--min-coverage", "70"], b"");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("(66,7%)  ONDER DE GRENS van 70,0%"), "{out}");
    assert!(out.trim_end().ends_with("MISLUKT: dekking onder de grens van 70,0% bij leiden 2024 (66,7%)"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_failing_example_shows_the_assertion_expected_and_actual() {
    let dir = regions_folder("fail", &[("fout.json", case("verkeerd verwacht", no_tlv(), json!({"in_aanmerking": true})))]);
    let region = dir.join("leiden").to_string_lossy().to_string();
    let (code, out, _) = passend(&["test", &region], b"");
    assert_eq!(code, 1, "{out}");
    let want = "  MISLUKT fout.json: verkeerd verwacht
          handboek: Proefhandboek § 3
          in_aanmerking
            verwacht: true
            gekregen: false (niet voldaan: Er is een TLV afgegeven.)
";
    assert!(out.contains(want), "{out}");
    assert!(out.trim_end().ends_with("0 geslaagd, 1 mislukt"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_example_without_bron_or_with_bad_json_fails_with_the_reason() {
    let dir = regions_folder("bad", &[("zonder-bron.json", json!({"naam": "x", "dossier": eligible(), "verwacht": {}}))]);
    std::fs::write(dir.join("leiden/voorbeelden/kapot.json"), "{niet json").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = passend(&["test", &dir.join("leiden/voorbeelden").to_string_lossy()], b"");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("MISLUKT kapot.json: geen geldige JSON"), "{out}");
    assert!(out.contains("MISLUKT zonder-bron.json: het voorbeeld noemt geen `bron`"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The bundled examples all pass (tests/voorbeelden.rs checks them too);
/// the coverage of each region is printed for the record.
#[test]
fn every_bundled_region_passes_its_examples() {
    let regions = root().join("regions");
    let (code, out, err) = passend(&["test", &regions.to_string_lossy(), "--vandaag", "2026-11-23"], b"");
    eprintln!("{out}");
    assert_eq!(code, 0, "{out}{err}");
    for regio in ["helmond-peelland", "ijmond", "leiden", "rijnstreek", "stromenland"] {
        assert!(out.contains(&format!("\n  {regio} ")), "no coverage line for {regio}:\n{out}");
    }
    assert!(out.trim_end().ends_with(" 0 mislukt"), "{out}");
}

/// The library gives the same verdicts as the command, per region.
#[test]
fn the_library_runs_a_region_folder() {
    let engine = super::common::engine();
    let (cases, bad) = read_folder(&root().join("regions/stromenland/voorbeelden"));
    assert!(bad.is_empty(), "{bad:?}");
    assert!(cases.len() >= 20);
    let results = run(&engine, &cases, date("2026-11-23"));
    let failed: Vec<String> = results.iter().filter(|u| !u.geslaagd()).map(|u| format!("{}: {:?}", u.voorbeeld.naam, u.afwijkingen)).collect();
    assert!(failed.is_empty(), "{failed:?}");
    let dekking = coverage(&engine, "stromenland", results.iter().filter_map(|u| u.spoor.as_ref()));
    assert!(dekking.iter().all(|d| d.voorbeelden > 0 && d.geraakt() > 0));
}

/// The contract's pairs (`<slug>.dossier.json` + `<slug>.verwacht.json`) run as examples too.
#[test]
fn the_contract_examples_folder_runs_skipped_without_shared() {
    let dir = root().join("../shared/contract/examples");
    if !dir.is_dir() {
        eprintln!("../shared/contract/examples not found; skipped");
        return;
    }
    let (code, out, err) = passend(&["test", &dir.to_string_lossy(), "--regions", &root().join("regions").to_string_lossy()], b"");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 voorbeeld(en), 5 geslaagd"), "{out}");
}

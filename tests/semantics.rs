//! The rule language's meaning, on small rule sets written for the test:
//! three-valued logic, dates, money, dated parameters, groups of rules,
//! termijnen, workflows. Each expectation follows from docs-regeltaal.md.

mod common;

use common::{date, root};
use passend::Engine;
use serde_json::{json, Value};

const HEADER: &str = r#"regio leiden {
  naam "Testregio" handboek "Test" versie "1" bron "test.txt" geldig_vanaf 2025-08-01
}
"#;

fn engine(rules: &str) -> Engine {
    let vocab = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default();
    let files = vec![("vocabulaire.toml".to_string(), vocab), ("leiden/1/a.passend".to_string(), format!("{HEADER}{rules}"))];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    }
}

fn decide(engine: &Engine, dossier: Value) -> Value {
    let d = engine.evaluate_json(&dossier, date("2026-01-01")).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(d).unwrap_or_default()
}

fn dossier(soort: &str, extra: Value) -> Value {
    let mut d = json!({"regio": "leiden", "peildatum": "2026-03-02", "aanvraag": {"soort": soort}});
    if let (Some(obj), Some(more)) = (d.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            if k == "aanvraag" {
                if let (Some(a), Some(m)) = (obj.get_mut("aanvraag").and_then(Value::as_object_mut), v.as_object()) {
                    a.extend(m.clone());
                }
            } else {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
    d
}

const TWO_EISEN: &str = r#"
aanvraag tlv {
  bron "1"
  eis compleet { tekst "Compleet." voorwaarde aanvraag.compleet bron "1.1" }
  eis gevolgd { tekst "Gevolgd." voorwaarde aanvraag.procedure_gevolgd bron "1.2" }
}
"#;

#[test]
fn all_requirements_true_is_eligible() {
    let e = engine(TWO_EISEN);
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": true, "procedure_gevolgd": true}})));
    assert_eq!(d["in_aanmerking"], json!(true));
    assert_eq!(d["redenen"].as_array().map(Vec::len), Some(2));
}

#[test]
fn false_and_unknown_is_false_without_onbekend() {
    let e = engine(TWO_EISEN);
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": false}})));
    assert_eq!(d["in_aanmerking"], json!(false));
    assert_eq!(d["ontbreekt"][0]["eis"], "Compleet.");
    assert_eq!(d["ontbreekt"][0]["bron"], "1.1");
    assert_eq!(d["onbekend"], json!([]));
}

#[test]
fn true_and_unknown_is_null_naming_the_field() {
    let e = engine(TWO_EISEN);
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": true}})));
    assert_eq!(d["in_aanmerking"], Value::Null);
    assert_eq!(d["onbekend"], json!(["aanvraag.procedure_gevolgd"]));
}

#[test]
fn kleene_or_and_alleen_als() {
    let e = engine(
        r#"
aanvraag tlv {
  bron "1"
  eis een_van_beide { tekst "Een van beide." voorwaarde aanvraag.compleet of aanvraag.procedure_gevolgd bron "1" }
  eis alleen_voor_so { tekst "Alleen SO." alleen_als leerling.setting = "so" voorwaarde opp.aanwezig bron "2" }
}
"#,
    );
    // ja of onbekend = ja; the alleen_als is false, so the second eis does not apply.
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": true}, "leerling": {"setting": "sbo"}})));
    assert_eq!(d["in_aanmerking"], json!(true));
    // alleen_als unknown and voorwaarde unknown: both fields are named.
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": true}})));
    assert_eq!(d["in_aanmerking"], Value::Null);
    assert_eq!(d["onbekend"], json!(["leerling.setting", "opp.aanwezig"]));
    // alleen_als unknown but voorwaarde true: the eis holds either way.
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": true}, "opp": {"aanwezig": true}})));
    assert_eq!(d["in_aanmerking"], json!(true));
}

#[test]
fn money_months_and_dated_parameters() {
    let e = engine(
        r#"
parameter per_maand {
  waarde € 700
  waarde € 750 vanaf 2026-01-01
  bron "2.1"
}
aanvraag overbruggingsarrangement {
  bron "2.1"
  bedrag overbrugging {
    regeling "overbrugging"
    bedrag per_maand * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening tekst(maanden(aanvraag.periode.van, aanvraag.periode.tot)) + " x " + tekst(per_maand)
    bron "2.1"
  }
}
"#,
    );
    let periode = json!({"aanvraag": {"periode": {"van": "2026-02-01", "tot": "2026-05-31"}}});
    let d = decide(&e, dossier("overbruggingsarrangement", periode.clone()));
    assert_eq!(d["bedragen"][0]["bedrag_cent"], json!(300_000));
    assert_eq!(d["bedragen"][0]["berekening"], "4 x € 750,00");
    let mut old = dossier("overbruggingsarrangement", periode);
    old["peildatum"] = json!("2025-12-01");
    let d = decide(&e, old);
    assert_eq!(d["bedragen"][0]["bedrag_cent"], json!(280_000), "the value before 2026-01-01 applies");
}

#[test]
fn an_amount_that_cannot_be_computed_is_left_out_and_named() {
    let e = engine(
        r#"
aanvraag overbruggingsarrangement {
  bron "2.1"
  bedrag overbrugging {
    regeling "overbrugging" bedrag € 750 * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school" berekening "per maand" bron "2.1"
  }
}
"#,
    );
    let d = decide(&e, dossier("overbruggingsarrangement", json!({})));
    assert_eq!(d["in_aanmerking"], json!(true));
    assert_eq!(d["bedragen"], json!([]));
    assert_eq!(d["niet_bepaald"][0]["regel"], "overbruggingsarrangement.overbrugging");
    assert_eq!(d["niet_bepaald"][0]["onbekend"], json!(["aanvraag.periode.tot", "aanvraag.periode.van"]));
}

#[test]
fn date_functions() {
    let e = engine(
        r#"
aanvraag tlv {
  bron "1"
  termijn plus_weken { wat "a" uiterlijk aanvraag.ingediend_op + 6 weken bron "1" }
  termijn min_dagen { wat "b" uiterlijk aanvraag.ingediend_op - 21 dagen bron "1" }
  termijn einde_schooljaar { wat "c" uiterlijk volgende(31 juli, aanvraag.ingediend_op) bron "1" }
  termijn volgende_april { wat "d" uiterlijk volgende(1 april, aanvraag.ingediend_op) bron "1" }
  termijn eerste_volgende { wat "e" uiterlijk eerste_van_volgende_maand(aanvraag.ingediend_op) bron "1" }
  termijn maand_later { wat "f" uiterlijk 2026-01-31 + 1 maand bron "1" }
  termijn in_jaar { wat "g" uiterlijk in_jaar(15 september, 2026) bron "1" }
  uitkomst leeftijd { waarde leeftijd(leerling.geboortedatum) bron "1" }
}
"#,
    );
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"ingediend_op": "2026-08-15"}, "leerling": {"geboortedatum": "2018-03-02"}})));
    let dates: Vec<&str> = d["termijnen"].as_array().map(|a| a.iter().filter_map(|t| t["uiterlijk"].as_str()).collect()).unwrap_or_default();
    assert_eq!(dates, ["2026-09-26", "2026-07-25", "2027-07-31", "2027-04-01", "2026-09-01", "2026-02-28", "2026-09-15"]);
    // born 2 March 2018, peildatum 2 March 2026: exactly 8
    assert_eq!(d["uitkomsten"]["leeftijd"], json!(8));
}

#[test]
fn termijn_met_or_minimum_is_not_reported_as_passed() {
    let e = engine(
        r#"
aanvraag bezwaar {
  bron "4"
  termijn indienen { wat "Bezwaar indienen" uiterlijk besluit.datum + 6 weken voldaan besluit.bezwaar_op <= besluit.datum + 6 weken bron "4.1" }
  termijn zienswijze { wat "Zienswijze" uiterlijk besluit.datum + 2 weken soort "vroegst" bron "1.5" }
  termijn horen { wat "Hoorzitting" uiterlijk besluit.datum + 12 weken bron "4.2" }
}
"#,
    );
    let d = decide(&e, dossier("bezwaar", json!({"besluit": {"datum": "2025-09-01", "bezwaar_op": "2025-10-01"}})));
    assert_eq!(d["termijnen"][0]["voldaan"], json!(true));
    assert_eq!(d["termijnen"][1]["soort"], "vroegst");
    let warnings: Vec<&str> = d["waarschuwingen"].as_array().map(|a| a.iter().filter_map(|w| w["regel"].as_str()).collect()).unwrap_or_default();
    assert_eq!(warnings, ["bezwaar.horen"], "only the unmet uiterlijk-termijn is reported as passed");
}

#[test]
fn groups_of_rules_and_keuze_definities() {
    let e = engine(
        r#"
definitie categorie {
  waarde als ondersteuningsbehoeften.aanwezigheid_pct >= 50 dan "hoog" anders "laag"
  bron "3"
}
regels gedeeld {
  eis compleet { tekst "Compleet." voorwaarde aanvraag.compleet bron "1.1" }
}
aanvraag tlv {
  bron "1"
  gebruikt [gedeeld]
  uitkomst bekostigingscategorie { waarde categorie bron "3" }
}
aanvraag tlv_verlenging {
  bron "1"
  gebruikt gedeeld
}
"#,
    );
    let d = decide(&e, dossier("tlv", json!({"aanvraag": {"compleet": false}, "ondersteuningsbehoeften": {"aanwezigheid_pct": 60}})));
    assert_eq!(d["ontbreekt"][0]["regel"], "tlv.compleet");
    assert_eq!(d["uitkomsten"]["bekostigingscategorie"], "hoog");
    let d = decide(&e, dossier("tlv_verlenging", json!({"aanvraag": {"compleet": true}})));
    assert_eq!(d["redenen"][0]["regel"], "tlv_verlenging.compleet");
}

#[test]
fn workflow_next_statuses_follow_the_current_one() {
    let e = engine(
        r#"
workflow traject {
  volgt aanvraag.status
  bron "S"
  status aanmelding { tekst "Aanmelding" door "systeem" bron "S" }
  status behandeling { tekst "In behandeling" door "administratie" omschrijving "Bespreekdatum " + tekst(terugplaatsing.bespreekdatum) bron "S" }
  status wel { tekst "Afgerond: wel" door "school" bron "S" }
  status geen { tekst "Afgerond: geen" door "school" bron "S" }
  overgang start { naar aanmelding bron "S" }
  overgang behandelen { van aanmelding naar behandeling bron "S" }
  overgang wel { van behandeling naar wel voorwaarde terugplaatsing.uitkomst = "wel" toelichting "wel teruggeplaatst" bron "S" }
  overgang geen { van behandeling naar geen voorwaarde terugplaatsing.uitkomst = "geen" bron "S" }
}
aanvraag terugplaatsing { bron "S" workflow traject }
"#,
    );
    let statuses = |d: &Value| -> Vec<String> {
        d["volgende_statussen"].as_array().map(|a| a.iter().filter_map(|s| s["status"].as_str().map(String::from)).collect()).unwrap_or_default()
    };
    assert_eq!(statuses(&decide(&e, dossier("terugplaatsing", json!({})))), ["Aanmelding"]);
    let d = decide(&e, dossier("terugplaatsing", json!({"aanvraag": {"status": "Aanmelding"}, "terugplaatsing": {"bespreekdatum": "2026-04-01"}})));
    assert_eq!(statuses(&d), ["In behandeling"]);
    assert_eq!(d["volgende_statussen"][0]["omschrijving"], "Bespreekdatum 1 april 2026");
    // unknown outcome: both branches stay open; known: only the one that holds
    assert_eq!(statuses(&decide(&e, dossier("terugplaatsing", json!({"aanvraag": {"status": "In behandeling"}})))), ["Afgerond: wel", "Afgerond: geen"]);
    let d = decide(&e, dossier("terugplaatsing", json!({"aanvraag": {"status": "in behandeling."}, "terugplaatsing": {"uitkomst": "geen"}})));
    assert_eq!(statuses(&d), ["Afgerond: geen"]);
}

#[test]
fn a_peildatum_before_every_version_uses_the_oldest_with_a_warning() {
    let e = engine(TWO_EISEN);
    let mut d = dossier("tlv", json!({"aanvraag": {"compleet": true, "procedure_gevolgd": true}}));
    d["peildatum"] = json!("2020-01-01");
    let d = decide(&e, d);
    assert_eq!(d["regelset"]["versie"], "1");
    assert!(d["waarschuwingen"].as_array().is_some_and(|w| w.iter().any(|w| w["regel"] == "regelset.versie")));
}

// ---- schoolweken (issue 17): school holidays as data ------------------------------------

const SCHOOLWEKEN: &str = r#"
parameter vakanties {
  waarde [[2024-07-06, 2024-08-18], [2024-10-19, 2024-10-27]]
  bron "zes schoolweken"
}
aanvraag kansoverleg {
  bron "1"
  termijn ingepland {
    wat "Ingepland"
    uiterlijk schoolweken_na(aanvraag.ingediend_op, 6, vakanties)
    bron "1"
  }
  eis binnen_zes_schoolweken {
    tekst "Binnen zes schoolweken."
    voorwaarde schoolweken_tussen(aanvraag.ingediend_op, peildatum, vakanties) <= 6
    bron "1"
  }
}
"#;

#[test]
fn school_weeks_skip_the_holidays() {
    let e = engine(SCHOOLWEKEN);
    // Handbook HP 02 C: a request on the last school day before the summer holiday counts its
    // six school weeks from 19 August: 29 September, not 16 August.
    let mut d = dossier("kansoverleg", json!({"aanvraag": {"ingediend_op": "2024-07-05"}}));
    d["peildatum"] = json!("2024-09-29");
    let out = decide(&e, d.clone());
    assert_eq!(out["termijnen"][0]["uiterlijk"], "2024-09-29");
    assert_eq!(out["in_aanmerking"], json!(true));
    // A week later 7 whole school weeks have passed.
    d["peildatum"] = json!("2024-10-06");
    assert_eq!(decide(&e, d.clone())["in_aanmerking"], json!(false));
    // An unknown start date keeps both open, naming the field.
    let open = decide(&e, dossier("kansoverleg", json!({})));
    assert_eq!(open["in_aanmerking"], Value::Null);
    assert_eq!(open["onbekend"], json!(["aanvraag.ingediend_op"]));
}

#[test]
fn a_holiday_that_ends_before_it_starts_is_a_check_error() {
    let vocab = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default();
    let rules = SCHOOLWEKEN.replace("[2024-10-19, 2024-10-27]", "[2024-10-27, 2024-10-19]");
    let files = vec![("vocabulaire.toml".to_string(), vocab), ("leiden/1/a.passend".to_string(), format!("{HEADER}{rules}"))];
    match Engine::from_files_strict(files) {
        Err(passend::LoadError::Problems(p)) => assert!(p.iter().any(|x| x.code.as_str() == "passend::periode"), "{p:?}"),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("a reversed holiday period must be refused"),
    }
}

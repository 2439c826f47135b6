//! Handbook versions over time (issue 4): the peildatum picks the version in
//! force (Leiden 2019-2020 from 1 August 2019, 2020-2021 from 1 August 2020),
//! `--versie` forces one, the decision names it, and a parameter takes the
//! value in force on the peildatum.
//!
//! The expectations follow the Leiden handbook 2020-2021, "Wat is nieuw?":
//! "Nieuw: duur van arrangementen is beperkt: maximaal 1 schooljaar- minimaal
//! 2 maanden- alle arrangementen 2020-2021 lopen tot en met 31 juli 2021".

mod common;

use common::*;
use passend::Engine;
use serde_json::{json, Value};

/// An overbruggingsarrangement for June to October 2020 (5 months, over 31 July),
/// after a TLV of 15 May 2020, with cofinanciering and the plan van aanpak with begroting
/// (2.1 b); `peildatum` varies.
fn overbrugging(peildatum: &str) -> Value {
    json!({
        "regio": "leiden",
        "peildatum": peildatum,
        "aanvraag": {"soort": "overbruggingsarrangement", "ingediend_op": "2020-05-25",
                     "periode": {"van": "2020-06-01", "tot": "2020-10-31"}},
        "leerling": {"geboortedatum": "2012-05-14", "setting": "regulier"},
        "school": {"cofinanciering": true, "onderwijsspecialist_instemming": true, "plan": ["plan_van_aanpak", "begroting"]},
        "tlv": {"afgegeven_op": "2020-05-15", "soort": "sbo"},
        "plaatsing": {"aangemeld": true, "toegelaten": true, "gestart": false}
    })
}

fn decide(engine: &Engine, dossier: &Value, versie: Option<&str>) -> Value {
    let d = engine.decode(dossier, date("2026-01-01")).unwrap_or_else(|e| panic!("{e}"));
    let decision = engine.evaluate_version(&d, versie).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(decision).unwrap_or_default()
}

fn missing(decision: &Value) -> Vec<String> {
    decision["ontbreekt"].as_array().map(|a| a.iter().filter_map(|o| o["regel"].as_str().map(String::from)).collect()).unwrap_or_default()
}

fn total(decision: &Value) -> i64 {
    decision["bedragen"].as_array().map(|a| a.iter().filter_map(|b| b["bedrag_cent"].as_i64()).sum()).unwrap_or(0)
}

#[test]
fn leiden_has_two_versions_oldest_first() {
    let engine = engine();
    let leiden = engine.regions().into_iter().find(|r| &*r.id == "leiden").unwrap_or_else(|| panic!("no leiden"));
    let versions: Vec<(String, String)> = leiden.versions.iter().map(|p| (p.header.versie.to_string(), p.header.geldig_vanaf.to_string())).collect();
    assert_eq!(versions, vec![("2019-2020".into(), "2019-08-01".into()), ("2020-2021".into(), "2020-08-01".into())]);
}

#[test]
fn peildatum_in_2019_2020_is_decided_by_the_old_version() {
    let engine = engine();
    let d = decide(&engine, &overbrugging("2020-05-25"), None);
    assert_eq!(d["regelset"]["versie"], "2019-2020");
    assert_eq!(d["regelset"]["geldig_vanaf"], "2019-08-01");
    // No duration limit yet: eligible, 5 months x EUR 750 (2.1 a).
    assert_eq!(d["in_aanmerking"], true, "{d}");
    assert_eq!(total(&d), 5 * 75_000);
    let warnings: Vec<&str> = d["waarschuwingen"].as_array().map(|a| a.iter().filter_map(|w| w["regel"].as_str()).collect()).unwrap_or_default();
    assert!(warnings.contains(&"overbruggingsarrangement.duur_niet_beperkt"), "{warnings:?}");
}

#[test]
fn last_day_of_2019_2020_and_first_of_2020_2021() {
    let engine = engine();
    let old = decide(&engine, &overbrugging("2020-07-31"), None);
    let new = decide(&engine, &overbrugging("2020-08-01"), None);
    assert_eq!(old["regelset"]["versie"], "2019-2020");
    assert_eq!(new["regelset"]["versie"], "2020-2021");
    assert_eq!(old["in_aanmerking"], true);
    // From 2020-2021 an arrangement ends by 31 July of its school year.
    assert_eq!(new["in_aanmerking"], false, "{new}");
    assert!(missing(&new).contains(&"overbruggingsarrangement.binnen_een_schooljaar".to_string()), "{:?}", missing(&new));
    assert_eq!(total(&new), 0, "no amount when not eligible");
}

#[test]
fn peildatum_in_2020_2021_is_decided_by_the_new_version() {
    let engine = engine();
    // One month only, September 2020: too short from 2020-2021 ("minimaal 2 maanden").
    let mut dossier = overbrugging("2020-08-24");
    dossier["aanvraag"]["periode"] = json!({"van": "2020-09-01", "tot": "2020-09-30"});
    let d = decide(&engine, &dossier, None);
    assert_eq!(d["regelset"]["versie"], "2020-2021");
    assert_eq!(d["in_aanmerking"], false);
    assert!(missing(&d).contains(&"overbruggingsarrangement.minimaal_twee_maanden".to_string()), "{:?}", missing(&d));
    // The same request a year earlier, under 2019-2020: one month was allowed.
    let mut earlier = overbrugging("2019-08-26");
    earlier["aanvraag"]["periode"] = json!({"van": "2019-09-01", "tot": "2019-09-30"});
    earlier["tlv"]["afgegeven_op"] = json!("2019-08-15");
    let e = decide(&engine, &earlier, None);
    assert_eq!(e["regelset"]["versie"], "2019-2020");
    assert_eq!(e["in_aanmerking"], true, "{e}");
    assert_eq!(total(&e), 75_000);
}

#[test]
fn versie_forces_a_version() {
    let engine = engine();
    let dossier = overbrugging("2020-05-25");
    let forced = decide(&engine, &dossier, Some("2020-2021"));
    assert_eq!(forced["regelset"]["versie"], "2020-2021");
    assert_eq!(forced["in_aanmerking"], false);
    let d = engine.decode(&dossier, date("2026-01-01")).unwrap_or_else(|e| panic!("{e}"));
    match engine.evaluate_version(&d, Some("2018-2019")) {
        Err(e) => assert_eq!(e.code(), "geen_regelset"),
        Ok(d) => panic!("a version that does not exist decided: {}", d.regelset.versie),
    }
}

#[test]
fn before_the_first_version_the_oldest_is_used_with_a_warning() {
    let engine = engine();
    let d = decide(&engine, &overbrugging("2019-07-15"), None);
    assert_eq!(d["regelset"]["versie"], "2019-2020");
    assert!(d["waarschuwingen"].as_array().is_some_and(|w| w.iter().any(|w| w["regel"] == "regelset.versie")), "{d}");
}

#[test]
fn step_3_overlegpunt_only_in_2019_2020() {
    // "Aangepast: de aanpak stap 3: OS organiseert dit/ het overlegpunt dat door TLC
    // secretariaat werd georganiseerd verdwijnt"
    let engine = engine();
    let tlv = |peildatum: &str| {
        json!({"regio": "leiden", "peildatum": peildatum,
               "aanvraag": {"soort": "tlv", "ingediend_op": peildatum, "compleet": true, "procedure_gevolgd": true},
               "leerling": {"setting": "regulier"}})
    };
    let has = |d: &Value| d["waarschuwingen"].as_array().is_some_and(|w| w.iter().any(|w| w["regel"] == "tlv.stap_3_overlegpunt"));
    assert!(has(&decide(&engine, &tlv("2020-03-02"), None)));
    assert!(!has(&decide(&engine, &tlv("2021-03-01"), None)));
}

#[test]
fn cli_eval_versie() {
    let dir = std::env::temp_dir().join(format!("passend-versions-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("dossier.json");
    let _ = std::fs::write(&file, overbrugging("2020-05-25").to_string());
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_passend")).arg("eval").arg(&file).args(extra).output().unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(run(&[])["regelset"]["versie"], "2019-2020");
    assert_eq!(run(&["--versie", "2020-2021"])["regelset"]["versie"], "2020-2021");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- dated parameter values, across versions -------------------------------------------------

const VERSION_1: &str = r#"regio rijnstreek {
  naam "Test" handboek "Test 1" versie "1" bron "test.txt" geldig_vanaf 2024-08-01
}
parameter per_maand {
  waarde € 700
  bron "versie 1"
}
aanvraag overbruggingsarrangement {
  bron "test"
  bedrag overbrugging {
    regeling "overbruggingsarrangement"
    bedrag per_maand * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening tekst(per_maand) + " per maand"
    bron "test"
  }
}
"#;

/// Version 2 raises the amount per 1 January 2026, inside the version (like the
/// Rijnstreek guidelines that apply "per 1-1-2025").
const VERSION_2: &str = r#"regio rijnstreek {
  naam "Test" handboek "Test 2" versie "2" bron "test.txt" geldig_vanaf 2025-08-01
}
parameter per_maand {
  waarde € 750
  waarde € 800 vanaf 2026-01-01
  bron "versie 2"
}
aanvraag overbruggingsarrangement {
  bron "test"
  bedrag overbrugging {
    regeling "overbruggingsarrangement"
    bedrag per_maand * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening tekst(per_maand) + " per maand"
    bron "test"
  }
}
"#;

#[test]
fn dated_parameter_value_in_force_on_the_peildatum() {
    let vocab = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default();
    let files = vec![
        ("vocabulaire.toml".to_string(), vocab),
        ("rijnstreek/1/a.passend".to_string(), VERSION_1.to_string()),
        ("rijnstreek/2/a.passend".to_string(), VERSION_2.to_string()),
    ];
    let engine = Engine::from_files_strict(files).unwrap_or_else(|e| panic!("{e}"));
    let case = |peildatum: &str| {
        let d = json!({"regio": "rijnstreek", "peildatum": peildatum,
                       "aanvraag": {"soort": "overbruggingsarrangement", "periode": {"van": "2026-02-01", "tot": "2026-03-31"}}});
        let decision = decide(&engine, &d, None);
        (decision["regelset"]["versie"].as_str().unwrap_or("").to_string(), total(&decision))
    };
    // Two months each time; the version and then the date inside it decide the rate.
    assert_eq!(case("2025-07-31"), ("1".into(), 2 * 70_000));
    assert_eq!(case("2025-08-01"), ("2".into(), 2 * 75_000));
    assert_eq!(case("2025-12-31"), ("2".into(), 2 * 75_000));
    assert_eq!(case("2026-01-01"), ("2".into(), 2 * 80_000));
    assert_eq!(case("2027-06-30"), ("2".into(), 2 * 80_000));
}

//! Amounts over a period with dated parameters (issue 15, finding 3) and the
//! one month count of the language (issue 17, Leiden 2 "minimaal 2 maanden"):
//! `per_maand`/`per_week`/`per_jaar` pay each unit of the period at the tarief
//! in force on its first day, `uitleg` writes the parts out, `waarde_op`
//! names the date for any other parameter use, and `passend diff --dossiers`
//! sees a dated change.

mod common;

use common::*;
use passend::{diff, Engine};
use serde_json::{json, Value};

/// A handbook change "vanaf 1 augustus 2021: € 800 per maand".
const RULES: &str = r#"regio leiden {
  naam "Test" handboek "Test" versie "1" bron "test.txt" geldig_vanaf 2020-08-01
}
parameter per_maand_tarief {
  waarde € 750
  @LATER@
  bron "2.1 a"
}
parameter per_week_tarief {
  waarde € 100
  waarde € 120 vanaf 2021-08-02
  bron "t"
}
parameter per_jaar_tarief {
  waarde € 1.000
  waarde € 2.000 vanaf 2022-08-01
  bron "t"
}
aanvraag overbruggingsarrangement {
  bron "2.1"
  eis twee_maanden {
    tekst "Minimaal 2 maanden."
    voorwaarde maanden(aanvraag.periode.van, aanvraag.periode.tot) >= 2
    bron "2"
  }
  bedrag overbrugging {
    regeling "overbruggingsarrangement"
    bedrag per_maand(per_maand_tarief, aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening uitleg(per_maand(per_maand_tarief, aanvraag.periode.van, aanvraag.periode.tot))
    bron "2.1 a"
  }
  uitkomst tarief_bij_aanvraag {
    waarde tekst(waarde_op(per_maand_tarief, aanvraag.ingediend_op))
    bron "2.1 a"
  }
  uitkomst volgende_stap {
    waarde tekst(per_maand_tarief)
    bron "2.1 a"
  }
}
aanvraag stimuleringsbijdrage {
  bron "t"
  bedrag per_week {
    regeling "week"
    bedrag per_week(per_week_tarief, aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening uitleg(per_week(per_week_tarief, aanvraag.periode.van, aanvraag.periode.tot))
    bron "t"
  }
  bedrag per_jaar {
    regeling "jaar"
    bedrag per_jaar(per_jaar_tarief, aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening uitleg(per_jaar(per_jaar_tarief, aanvraag.periode.van, aanvraag.periode.tot))
    bron "t"
  }
}
"#;

const CHANGE: &str = "waarde € 800 vanaf 2021-08-01";

fn vocabulary() -> String {
    std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default()
}

fn rules(later: &str) -> String {
    RULES.replace("@LATER@", later)
}

fn test_engine(later: &str) -> Engine {
    let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("leiden/1/a.passend".to_string(), rules(later))];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    }
}

fn dossier(soort: &str, peildatum: &str, van: &str, tot: &str) -> Value {
    json!({
        "regio": "leiden", "peildatum": peildatum,
        "aanvraag": {"soort": soort, "ingediend_op": peildatum, "periode": {"van": van, "tot": tot}}
    })
}

fn decide(e: &Engine, d: &Value) -> Value {
    let decision = e.evaluate_json(d, date("2021-01-01")).unwrap_or_else(|err| panic!("{}", err.bericht()));
    serde_json::to_value(&decision).unwrap_or_default()
}

fn amount(decision: &Value, regeling: &str) -> (i64, String) {
    let b = decision["bedragen"].as_array().and_then(|l| l.iter().find(|b| b["regeling"] == regeling)).cloned().unwrap_or_default();
    (b["bedrag_cent"].as_i64().unwrap_or(-1), b["berekening"].as_str().unwrap_or("").to_string())
}

#[test]
fn months_are_paid_at_the_tarief_in_force_in_each_month() {
    let e = test_engine(CHANGE);
    // Requested in June for July to September: July at € 750, August and September at € 800.
    let d = decide(&e, &dossier("overbruggingsarrangement", "2021-06-15", "2021-07-01", "2021-09-30"));
    assert_eq!(d["in_aanmerking"], true);
    assert_eq!(amount(&d, "overbruggingsarrangement"), (75_000 + 2 * 80_000, "1 maand x € 750,00 + 2 maanden x € 800,00".to_string()));
    // August to October: all three months after the change, whatever the peildatum.
    let d = decide(&e, &dossier("overbruggingsarrangement", "2021-06-15", "2021-08-01", "2021-10-31"));
    assert_eq!(amount(&d, "overbruggingsarrangement"), (240_000, "3 maanden x € 800,00".to_string()));
    // A period starting mid-month: each month of the period takes the tarief on its first day.
    let d = decide(&e, &dossier("overbruggingsarrangement", "2021-06-15", "2021-07-15", "2021-10-14"));
    assert_eq!(amount(&d, "overbruggingsarrangement"), (75_000 + 2 * 80_000, "1 maand x € 750,00 + 2 maanden x € 800,00".to_string()));
    // Any other parameter use reads the peildatum; waarde_op names another date.
    assert_eq!(d["uitkomsten"]["volgende_stap"], "€ 750,00", "peildatum 15 June: the old tarief");
    assert_eq!(d["uitkomsten"]["tarief_bij_aanvraag"], "€ 750,00");
    let d = decide(&e, &dossier("overbruggingsarrangement", "2021-09-01", "2021-09-01", "2021-10-31"));
    assert_eq!(d["uitkomsten"]["volgende_stap"], "€ 800,00");
}

#[test]
fn one_month_count_for_minimum_duration_and_amount() {
    let e = test_engine("");
    let cases = [
        // (van, tot, eligible, months paid)
        ("2021-01-31", "2021-02-01", false, 0), // two days are not 2 months (nor 1)
        ("2021-02-01", "2021-03-20", false, 1), // seven weeks: one whole month
        ("2021-02-15", "2021-04-14", true, 2),  // exactly 2 months
        ("2021-02-01", "2021-03-31", true, 2),
        ("2021-08-01", "2021-10-31", true, 3),
        ("2021-03-01", "2021-07-31", true, 5),
        ("2021-01-31", "2021-03-30", true, 2), // 31 January + 2 months is 31 March: t/m 30 March
        // "tot before van" is refused when the dossier is decoded (issue 16, [grenzen]): tests/reliability.rs
    ];
    for (van, tot, eligible, months) in cases {
        let d = decide(&e, &dossier("overbruggingsarrangement", "2021-01-10", van, tot));
        assert_eq!(d["in_aanmerking"], eligible, "{van} t/m {tot}");
        if eligible {
            assert_eq!(amount(&d, "overbruggingsarrangement").0, months * 75_000, "{van} t/m {tot}");
        }
    }
}

#[test]
fn weeks_and_years_follow_their_tarief_too() {
    let e = test_engine("");
    // 26 July t/m 15 August 2021: 3 whole weeks (26 Jul, 2 Aug, 9 Aug), the last two at € 120.
    let d = decide(&e, &dossier("stimuleringsbijdrage", "2021-07-01", "2021-07-26", "2021-08-15"));
    assert_eq!(amount(&d, "week"), (10_000 + 2 * 12_000, "1 week x € 100,00 + 2 weken x € 120,00".to_string()));
    // 1 August 2021 t/m 31 July 2023: two school years, the second at € 2.000.
    assert_eq!(amount(&d, "jaar").0, 0, "under a year: no whole year");
    let d = decide(&e, &dossier("stimuleringsbijdrage", "2021-07-01", "2021-08-01", "2023-07-31"));
    assert_eq!(amount(&d, "jaar"), (300_000, "1 jaar x € 1.000,00 + 1 jaar x € 2.000,00".to_string()));
}

#[test]
fn waarde_op_and_uitleg_are_checked() {
    let bad = [
        ("waarde_op(€ 5, peildatum)", "`waarde_op` vraagt een parameter"),
        ("uitleg(€ 5)", "`uitleg` schrijft een bedrag over een periode uit"),
    ];
    for (expr, message) in bad {
        let text = format!(
            "regio leiden {{\n naam \"T\" handboek \"T\" versie \"1\" bron \"t\" geldig_vanaf 2020-08-01\n}}\naanvraag tlv {{\n bron \"b\"\n waarschuwing w {{\n  tekst tekst({expr})\n  bron \"b\"\n }}\n}}\n"
        );
        let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("leiden/1/a.passend".to_string(), text)];
        match Engine::from_files_strict(files) {
            Err(passend::LoadError::Problems(p)) => assert!(p.iter().any(|x| x.message.contains(message)), "{expr}: {:?}", p.iter().map(|x| &x.message).collect::<Vec<_>>()),
            _ => panic!("{expr} should not check"),
        }
    }
}

#[test]
fn genereer_draws_peildata_around_a_dated_change() {
    // The version starts 2020-08-01; the tarief changes 2023-08-01. A peildatum lies at most
    // 400 days after one of those dates, so one after 2021-09-05 comes from the change date.
    let count_late = |later: &str| {
        let text = format!(
            "regio leiden {{\n naam \"T\" handboek \"T\" versie \"1\" bron \"t\" geldig_vanaf 2020-08-01\n}}\nparameter tarief {{\n waarde € 750\n {later}\n bron \"t\"\n}}\naanvraag overbruggingsarrangement {{\n bron \"b\"\n bedrag b {{\n  regeling \"r\"\n  bedrag per_maand(tarief, aanvraag.periode.van, aanvraag.periode.tot)\n  ontvanger \"school\"\n  berekening \"b\"\n  bron \"b\"\n }}\n}}\n"
        );
        let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("leiden/1/a.passend".to_string(), text)];
        let e = Engine::from_files_strict(files).unwrap_or_else(|err| panic!("{err}"));
        let g = passend::generate::Generator::new(&e, 7).only_region("leiden");
        g.iter().take(300).filter(|d| d["peildatum"].as_str().is_some_and(|p| p > "2021-09-05")).count()
    };
    assert!(count_late("waarde € 800 vanaf 2023-08-01") > 0, "no generated peildatum near the change of 2023-08-01");
    assert_eq!(count_late(""), 0, "without the change every peildatum lies around 2020-08-01");
}

fn load(folder: &std::path::Path) -> Vec<diff::Loaded> {
    diff::source::load(&folder.to_string_lossy()).unwrap_or_else(|e| match e {
        diff::LoadFailure::Problems(p) => panic!("{}", passend::diagnostics::render(&p, false)),
        other => panic!("{other}"),
    })
}

#[test]
fn diff_dossiers_shows_the_impact_of_a_dated_change() {
    let dir = std::env::temp_dir().join(format!("passend-periode-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |versie: &str, later: &str| {
        let folder = dir.join("leiden").join(versie);
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(folder.join("a.passend"), rules(later).replace("versie \"1\"", &format!("versie \"{versie}\""))).unwrap_or_else(|e| panic!("{e}"));
        load(&folder)
    };
    let (old, new) = (write("1", ""), write("2", CHANGE));
    // Dossiers around the change date: before, across and after 1 August 2021.
    let ndjson: String = [
        ("2021-03-01", "2021-04-30"),
        ("2021-06-01", "2021-07-31"),
        ("2021-07-01", "2021-09-30"),
        ("2021-08-01", "2021-10-31"),
        ("2021-09-01", "2021-12-31"),
    ]
    .iter()
    .map(|(van, tot)| dossier("overbruggingsarrangement", "2021-05-01", van, tot).to_string() + "\n")
    .collect();
    let mut report = diff::diff(&old, &new);
    let (Some(o), Some(n), Some(c)) = (old.first(), new.first(), report.vergelijkingen.first_mut()) else { panic!("one comparison") };
    // Two differently named versions: decide every dossier under both (`--alle-peildata`).
    let (impact, _) = diff::impact::impact(o, n, std::io::Cursor::new(ndjson), date("2021-05-01"), diff::Modus::AllePeildata, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((impact.dossiers, impact.beslist), (5, 5));
    assert_eq!(impact.gewijzigd, 3, "the three periods from August on, all requested in May: {impact:?}");
    assert_eq!(impact.geld.meer, 3);
    assert_eq!(impact.geld.verschil_cent, 2 * 5_000 + 3 * 5_000 + 4 * 5_000);
    let groups: Vec<&str> = impact.groepen.iter().map(|g| g.groep).collect();
    assert!(groups.contains(&"bedragen"), "{groups:?}");
    c.impact = Some(impact);
    assert!(diff::text(&report, false).contains("Impact op"), "the report shows the impact");
    let _ = std::fs::remove_dir_all(&dir);
}

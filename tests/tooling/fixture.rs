//! A small rule set written for these tests (region folder `leiden`, since
//! the dossier's `regio` is a keuze), written out to a temporary regions
//! folder when a test runs the binary.

use super::common::{date, root};
use passend::Engine;
use serde_json::{json, Value};
use std::path::PathBuf;

/// One version; a parameter with a dated second value, an unused parameter,
/// a definitie, two eisen, a bedrag, a waarschuwing with HTML in its text,
/// and a two-step workflow.
pub const RULES: &str = r#"regio leiden {
  naam "Proefregio"
  handboek "Proefhandboek"
  versie "2024"
  bron "proef.txt"
  geldig_vanaf 2024-01-01
}

parameter bedrag_per_maand {
  waarde € 100
  waarde € 200 vanaf 2024-08-01
  bron "§ 1"
}

parameter ongebruikt {
  waarde 3
  bron "§ 9"
}

definitie oud_genoeg {
  waarde leeftijd(leerling.geboortedatum) >= 12
  bron "§ 2"
}

aanvraag overbruggingsarrangement {
  bron "§ 3"
  workflow stappen

  eis tlv {
    tekst "Er is een TLV afgegeven."
    voorwaarde bekend(tlv.afgegeven_op)
    bron "§ 3a"
  }
  eis ot {
    tekst "Er waren twee OT's en de leerling is oud genoeg."
    voorwaarde school.ot_overleggen >= 2 en oud_genoeg
    bron "§ 3b"
  }
  bedrag maandbedrag {
    regeling "overbrugging"
    bedrag bedrag_per_maand * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening "per maand"
    bron "§ 4"
  }
  waarschuwing let_op {
    tekst "<script>alert(1)</script> & \"verlenging\""
    alleen_als aanvraag.verlenging
    bron "§ 5"
  }
}

workflow stappen {
  volgt aanvraag.status
  bron "§ 6"
  status a { tekst "Status \"A\" <ingediend>" door "school" bron "§ 6a" }
  status b { tekst "Besproken" door "SWV" bron "§ 6b" }
  overgang indienen { naar a door "school" bron "§ 6" }
  overgang bespreken {
    van a naar b
    door "SWV"
    voorwaarde aanvraag.compleet
    toelichting "als het dossier compleet is"
    bron "§ 6"
  }
}
"#;

fn vocabulary() -> String {
    std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_else(|e| panic!("vocabulaire.toml: {e}"))
}

/// The engine with only the test rules.
pub fn engine() -> Engine {
    let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("leiden/2024/regels.passend".to_string(), RULES.to_string())];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    }
}

/// Eligible on 1 March 2024: TLV given, 3 OT's, 14 years old, March-April.
pub fn eligible() -> Value {
    json!({
        "regio": "leiden",
        "peildatum": "2024-03-01",
        "aanvraag": {"soort": "overbruggingsarrangement", "periode": {"van": "2024-03-01", "tot": "2024-04-30"}},
        "leerling": {"geboortedatum": "2010-01-15"},
        "school": {"ot_overleggen": 3},
        "tlv": {"afgegeven_op": "2024-02-01"}
    })
}

/// Not eligible on 1 September 2024: no TLV; status `a`, dossier complete.
pub fn no_tlv() -> Value {
    json!({
        "regio": "leiden",
        "peildatum": "2024-09-01",
        "aanvraag": {"soort": "overbruggingsarrangement", "status": "a", "compleet": true},
        "leerling": {"geboortedatum": "2010-01-15"},
        "school": {"ot_overleggen": 3}
    })
}

/// What deciding `dossier` exercised, from its evaluation trace.
pub fn spoor(engine: &Engine, dossier: &Value) -> passend::coverage::Spoor {
    let dossier = engine.decode(dossier, date("2024-06-01")).unwrap_or_else(|e| panic!("{e}"));
    let (d, trace) = engine.evaluate_traced(&dossier, None).unwrap_or_else(|e| panic!("{e}"));
    passend::coverage::Spoor::of(&trace, &d)
}

/// A fresh temporary folder (removed first if a previous run left it).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("passend-tooling-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// A regions folder with the test rules and these examples (file name, case JSON).
pub fn regions_folder(name: &str, examples: &[(&str, Value)]) -> PathBuf {
    let dir = temp_dir(name);
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    };
    write(dir.join("vocabulaire.toml"), &vocabulary());
    write(dir.join("leiden/2024/regels.passend"), RULES);
    for (file, case) in examples {
        write(dir.join("leiden/voorbeelden").join(file), &case.to_string());
    }
    dir
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub use super::common::passend_cli as passend;

/// Line numbers in `file.passend:12` made stable for snapshots.
pub fn without_line_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(".passend:") {
        let (head, tail) = rest.split_at(i + ".passend:".len());
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        out.push_str(if digits > 0 { "N" } else { "" });
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

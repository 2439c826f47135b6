//! `passend diff` and the dossier generator it uses for impact runs.

mod common;

use common::*;
use passend::{diff, generate};
use serde_json::Value;
use std::collections::BTreeMap;

// ---- the generator -------------------------------------------------------------------------

#[test]
fn generator_is_deterministic() {
    let a = generate::dossiers(7, 200);
    let b: Vec<_> = (0..200).map(|i| generate::dossier(7, i)).collect();
    assert_eq!(a, b, "dossiers(seed, n) must equal dossier(seed, i) for i < n");
    assert_ne!(generate::dossiers(8, 200), a, "another seed gives another stream");
}

#[test]
fn generated_dossiers_are_valid_and_varied() {
    let engine = engine();
    let mut regions: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut unknown_kind = 0;
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut with_unknown_facts = 0;
    for (i, json) in generate::dossiers(1, 5_000).into_iter().enumerate() {
        let dossier = engine.decode(&json, date("2026-01-01")).unwrap_or_else(|e| panic!("dossier {i} is not valid: {e}\n{json}"));
        assert!(dossier.genegeerd.is_empty(), "dossier {i} has fields the vocabulary does not know: {:?}", dossier.genegeerd);
        assert!(!dossier.peildatum_vandaag, "dossier {i} has no peildatum");
        let decision = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("dossier {i} not decided: {e}\n{json}"));
        *regions.entry(dossier.regio.to_string()).or_default() += 1;
        *kinds.entry((dossier.regio.to_string(), dossier.soort.to_string())).or_default() += 1;
        if decision.ontbreekt.iter().any(|o| &*o.regel == "aanvraag.onbekende_soort") {
            unknown_kind += 1;
        }
        let key = match decision.in_aanmerking {
            Some(true) => "ja",
            Some(false) => "nee",
            None => "onbekend",
        };
        *outcomes.entry(key.into()).or_default() += 1;
        if !decision.onbekend.is_empty() {
            with_unknown_facts += 1;
        }
    }
    assert_eq!(regions.len(), 5, "all five regions: {regions:?}");
    for region in engine.regions() {
        for program in &region.versions {
            for aanvraag in &program.aanvragen {
                let key = (region.id.to_string(), aanvraag.soort.to_string());
                assert!(kinds.contains_key(&key), "no generated dossier for {key:?}");
            }
        }
    }
    assert!(unknown_kind > 50, "some kinds the region does not know: {unknown_kind}");
    for o in ["ja", "nee", "onbekend"] {
        assert!(outcomes.get(o).copied().unwrap_or(0) > 200, "too few `{o}` decisions: {outcomes:?}");
    }
    assert!(with_unknown_facts > 500, "missing facts should keep some decisions open: {with_unknown_facts}");
}

#[test]
fn generated_peildata_lie_around_the_versions() {
    let engine = engine();
    let leiden = generate::Generator::new(&engine, 3).only_region("leiden");
    let mut versions: BTreeMap<String, usize> = BTreeMap::new();
    for json in leiden.iter().take(1_000) {
        assert_eq!(json["regio"], "leiden");
        let dossier = engine.decode(&json, date("2026-01-01")).unwrap_or_else(|e| panic!("{e}"));
        let decision = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("{e}"));
        *versions.entry(decision.regelset.versie.to_string()).or_default() += 1;
    }
    assert!(versions.get("2019-2020").copied().unwrap_or(0) > 200, "{versions:?}");
    assert!(versions.get("2020-2021").copied().unwrap_or(0) > 200, "{versions:?}");
}

// ---- the semantic diff of the two Leiden versions -----------------------------------------------

const OLD: &str = "regions/leiden/2019-2020";
const NEW: &str = "regions/leiden/2020-2021";

fn load(spec: &str) -> Vec<diff::Loaded> {
    diff::source::load(spec).unwrap_or_else(|e| match e {
        diff::LoadFailure::Problems(p) => panic!("{spec}:\n{}", passend::diagnostics::render(&p, false)),
        other => panic!("{spec}: {other}"),
    })
}

fn leiden_report() -> diff::Report {
    assert!(root().join(OLD).is_dir(), "run the tests from the package root");
    diff::diff(&load(OLD), &load(NEW))
}

/// Every change as `sign kind name` (rules as `sign soort aanvraag.regel`).
fn change_list(d: &diff::ModelDiff) -> Vec<String> {
    let mut v = Vec::new();
    for p in &d.parameters {
        v.push(format!("{} parameter {}", p.wijziging.sign(), p.naam));
    }
    for p in &d.definities {
        v.push(format!("{} definitie {}", p.wijziging.sign(), p.naam));
    }
    for a in &d.aanvragen {
        for r in &a.regels {
            v.push(format!("{} {} {}", r.wijziging.sign(), r.soort, r.regel));
        }
    }
    for w in &d.workflows {
        v.push(format!("{} workflow {}", w.wijziging.sign(), w.naam));
    }
    v.sort();
    v
}

/// "Done when": the diff shows exactly the decision-affecting items of "Wat is nieuw?"
/// (handbook 2020-2021): the duration of arrangements (chapter 2, "De duur van een
/// arrangement"), the overlegpunt of step 3, and the changed financial handling of
/// arrangements, whose old form the list does not give (a warning in 2019-2020).
#[test]
fn leiden_diff_is_exactly_the_wat_is_nieuw_list() {
    let report = leiden_report();
    assert!(report.alleen_oud.is_empty() && report.alleen_nieuw.is_empty());
    let [d] = report.vergelijkingen.as_slice() else { panic!("one comparison expected") };
    let mut expected: Vec<String> = vec![
        // Nieuw: duur van arrangementen is beperkt: maximaal 1 schooljaar- minimaal 2 maanden-
        // alle arrangementen 2020-2021 lopen tot en met 31 juli 2021
        "+ parameter arrangement_min_maanden".into(),
        "+ definitie einde_lopend_schooljaar".into(),
        "+ definitie vanaf_juni".into(),
        "~ eis extra_bekostiging_so.binnen_een_schooljaar".into(),
        "+ waarschuwing stimuleringsbijdrage.vanaf_juni_eenmalig".into(),
        // Aangepast: de aanpak stap 3: ... het overlegpunt dat door TLC secretariaat werd
        // georganiseerd verdwijnt
        "- waarschuwing tlv.stap_3_overlegpunt".into(),
        // Nieuwe info: ... veranderingen in financiele afhandeling
        "- waarschuwing stimuleringsbijdrage.financiele_afhandeling".into(),
    ];
    for soort in ["overbruggingsarrangement", "extra_bekostiging_so", "arrangement_bijzondere_situaties"] {
        if soort != "extra_bekostiging_so" {
            expected.push(format!("+ eis {soort}.binnen_een_schooljaar"));
        }
        expected.push(format!("+ eis {soort}.minimaal_twee_maanden"));
        expected.push(format!("+ eis {soort}.niet_vanaf_juni"));
        expected.push(format!("- waarschuwing {soort}.duur_niet_beperkt"));
        expected.push(format!("- waarschuwing {soort}.financiele_afhandeling"));
    }
    expected.sort();
    assert_eq!(change_list(d), expected);
    // Each change cites its source: what 2020-2021 adds cites chapter 2's duration rules, what
    // it drops cites "Wat is nieuw?".
    let citations = d
        .parameters
        .iter()
        .chain(&d.definities)
        .map(|i| (i.bron_oud.clone(), i.bron_nieuw.clone()))
        .chain(d.aanvragen.iter().flat_map(|a| a.regels.iter().map(|r| (r.bron_oud.clone(), r.bron_nieuw.clone()))));
    for (old, new) in citations {
        if let Some(new) = &new {
            assert!(new.starts_with("2 De duur van een arrangement"), "{new}");
        }
        if let (Some(old), None) = (&old, &new) {
            assert!(old.starts_with("Wat is nieuw?"), "{old}");
        }
    }
    // The header says which version it is; it is not a rule.
    let kop: Vec<&str> = d.kop.iter().map(|k| k.veld.as_str()).collect();
    assert!(kop.contains(&"versie") && kop.contains(&"geldig_vanaf"), "{kop:?}");
}

#[test]
fn leiden_diff_text_snapshot() {
    let text = diff::text(&leiden_report(), false);
    assert!(!text.contains('\x1b'), "no colour when not asked for");
    insta::assert_snapshot!("leiden_2019_2020_to_2020_2021_text", text);
}

#[test]
fn leiden_diff_json_snapshot() {
    let json = serde_json::to_value(leiden_report()).unwrap_or_else(|e| panic!("{e}"));
    // The receipt hashes change with every edit of a comment; they are checked apart.
    let mut redacted = json.clone();
    for c in redacted["vergelijkingen"].as_array_mut().into_iter().flatten() {
        for side in ["oud", "nieuw"] {
            assert!(c[side]["hash"].as_str().is_some_and(|h| h.starts_with("sha256:")));
            c[side]["hash"] = Value::from("[hash]");
        }
    }
    let pretty = serde_json::to_string_pretty(&redacted).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("leiden_2019_2020_to_2020_2021_json", pretty);
}

#[test]
fn leiden_diff_markdown() {
    let md = diff::markdown(&leiden_report());
    assert!(md.starts_with("## `leiden 2019-2020` → `leiden 2020-2021`"), "{md}");
    assert!(md.contains("### Parameters\n\n| | naam | oud | nieuw | bron |"));
    assert!(md.contains("### aanvraag `overbruggingsarrangement`"));
    assert!(md.contains("- **+ eis `minimaal_twee_maanden`** (toegevoegd)"));
}

#[test]
fn a_version_compared_with_itself_is_no_change() {
    let report = diff::diff(&load(NEW), &load(NEW));
    assert!(report.is_empty());
    assert!(report.vergelijkingen.iter().all(|c| c.kop.is_empty()));
}

#[test]
fn built_in_versions_compare_like_the_folders() {
    let folders = leiden_report();
    let built_in = diff::diff(&load("leiden/2019-2020"), &load("leiden/2020-2021"));
    let strip = |r: &diff::Report| r.vergelijkingen.iter().map(change_list).collect::<Vec<_>>();
    assert_eq!(strip(&folders), strip(&built_in));
}

// ---- layout and order are no change; values are -------------------------------------------

/// Splits a rule file into its top-level blocks (comments dropped), by brace depth.
fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    let mut in_text = false;
    for line in text.lines() {
        let mut code = String::new();
        for c in line.chars() {
            if c == '"' {
                in_text = !in_text;
            }
            if c == '#' && !in_text {
                break;
            }
            code.push(c);
        }
        for c in code.chars() {
            match c {
                '"' => {}
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        current.push_str(&code);
        current.push('\n');
        if depth == 0 && !current.trim().is_empty() {
            out.push(std::mem::take(&mut current));
        } else if depth == 0 {
            current.clear();
        }
    }
    out
}

#[test]
fn reordered_and_reformatted_rules_are_no_change() {
    let dir = std::env::temp_dir().join(format!("passend-diff-reorder-{}", std::process::id()));
    let target = dir.join("leiden").join("2020-2021");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
    // All blocks of all files in one file, in reverse order, with other layout.
    let mut all = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join(NEW)).unwrap_or_else(|e| panic!("{e}")).flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        all.extend(blocks(&std::fs::read_to_string(f).unwrap_or_default()));
    }
    all.reverse();
    let text: String = all.iter().map(|b| b.replace("\n  ", "\n\t\t").replace(" {\n", "\n{\n")).collect::<Vec<_>>().join("\n\n\n");
    std::fs::write(target.join("alles.passend"), text).unwrap_or_else(|e| panic!("{e}"));
    let moved = load(&target.to_string_lossy());
    let report = diff::diff(&load(NEW), &moved);
    assert!(report.is_empty(), "{}", diff::text(&report, false));
    let _ = std::fs::remove_dir_all(&dir);
}

const SMALL: &str = r#"regio leiden {
  naam "Test" handboek "Test" versie "@VERSIE@" bron "test.txt" geldig_vanaf 2025-08-01
}
parameter per_maand {
  @WAARDE@
  bron "2.1 a"
}
aanvraag overbruggingsarrangement {
  bron "2.1"
  eis leeftijd {
    tekst "De leerling is tussen 4 en 12."
    voorwaarde @VOORWAARDE@
    bron "2.1 b"
  }
  deskundige eerste {
    rol "eerste"
    disciplines @DISCIPLINES@
    onafhankelijk nee
    organisatie "SWV"
    vorm "advies"
    bron "2.1 c"
  }
  bedrag overbrugging {
    regeling "overbruggingsarrangement"
    bedrag per_maand * maanden(aanvraag.periode.van, aanvraag.periode.tot)
    ontvanger "school"
    berekening "per maand"
    bron "2.1 a"
  }
}
"#;

fn small(dir: &std::path::Path, versie: &str, waarde: &str, voorwaarde: &str, disciplines: &str) -> Vec<diff::Loaded> {
    let folder = dir.join("leiden").join(versie);
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let text = SMALL.replace("@VERSIE@", versie).replace("@WAARDE@", waarde).replace("@VOORWAARDE@", voorwaarde).replace("@DISCIPLINES@", disciplines);
    std::fs::write(folder.join("a.passend"), text).unwrap_or_else(|e| panic!("{e}"));
    load(&folder.to_string_lossy())
}

#[test]
fn operand_order_and_list_order_are_no_change_but_values_are() {
    let dir = std::env::temp_dir().join(format!("passend-diff-small-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let a = small(
        &dir,
        "1",
        "waarde € 750",
        "leeftijd(leerling.geboortedatum) >= 4 en leeftijd(leerling.geboortedatum) <= 12",
        "[\"orthopedagoog\", \"psycholoog\"]",
    );
    let b = small(
        &dir,
        "2",
        "waarde € 750",
        "12 >= leeftijd(leerling.geboortedatum) en (4 <= leeftijd(leerling.geboortedatum))",
        "[\"psycholoog\", \"orthopedagoog\"]",
    );
    let same = diff::diff(&a, &b);
    assert!(same.is_empty(), "{}", diff::text(&same, false));
    // Another amount, a dated value, another condition and another discipline are changes.
    let c = small(
        &dir,
        "3",
        "waarde € 750\n  waarde € 800 vanaf 2026-01-01",
        "leeftijd(leerling.geboortedatum) >= 5 en leeftijd(leerling.geboortedatum) <= 12",
        "[\"orthopedagoog\"]",
    );
    let report = diff::diff(&a, &c);
    let [d] = report.vergelijkingen.as_slice() else { panic!("one comparison") };
    let [p] = d.parameters.as_slice() else { panic!("one parameter change: {:?}", d.parameters) };
    assert_eq!(p.naam, "per_maand");
    assert_eq!(p.velden.first().and_then(|v| v.oud.clone()).as_deref(), Some("€ 750"));
    assert_eq!(p.velden.first().and_then(|v| v.nieuw.clone()).as_deref(), Some("€ 750, € 800 vanaf 2026-01-01"));
    assert_eq!((p.bron_oud.as_deref(), p.bron_nieuw.as_deref()), (Some("2.1 a"), Some("2.1 a")), "citations on both sides");
    let rules: Vec<(String, Vec<&str>)> = d.aanvragen.iter().flat_map(|a| a.regels.iter().map(|r| (r.regel.clone(), r.aspecten.clone()))).collect();
    assert_eq!(rules, vec![("overbruggingsarrangement.eerste".into(), vec!["deskundige"]), ("overbruggingsarrangement.leeftijd".into(), vec!["voorwaarde"])]);
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- impact on generated dossiers ---------------------------------------------------------------

const IMPACT_SEED: u64 = 2020;
const IMPACT_DOSSIERS: usize = 1_000;

fn generated_leiden_ndjson(n: usize) -> String {
    let engine = engine();
    let g = generate::Generator::new(&engine, IMPACT_SEED).only_region("leiden");
    g.iter().take(n).map(|d| d.to_string() + "\n").collect()
}

fn leiden_impact() -> diff::Report {
    let (old, new) = (load(OLD), load(NEW));
    let mut report = diff::diff(&old, &new);
    let (Some(o), Some(n), Some(c)) = (old.first(), new.first(), report.vergelijkingen.first_mut()) else { panic!("one comparison") };
    let input = std::io::Cursor::new(generated_leiden_ndjson(IMPACT_DOSSIERS));
    c.impact = Some(diff::impact::impact(o, n, input, date("2026-01-01")).unwrap_or_else(|e| panic!("{e}")));
    report
}

/// The 2020-2021 changes only add limits to arrangements and drop warnings, so no
/// decision may become more favourable, and nothing but eligibility, amounts and
/// warnings may change.
#[test]
fn impact_follows_from_the_wat_is_nieuw_list() {
    let report = leiden_impact();
    let Some(impact) = report.vergelijkingen.first().and_then(|c| c.impact.clone()) else { panic!("no impact") };
    assert_eq!(impact.dossiers, IMPACT_DOSSIERS);
    assert_eq!(impact.beslist, IMPACT_DOSSIERS, "every generated Leiden dossier is decided under both: {impact:?}");
    let groups: Vec<&str> = impact.groepen.iter().map(|g| g.groep).collect();
    assert_eq!(groups, vec!["in_aanmerking", "bedragen", "waarschuwingen"]);
    for g in &impact.groepen {
        for (detail, _) in &g.details {
            match g.groep {
                "in_aanmerking" => assert!(["ja -> nee", "ja -> onbekend", "onbekend -> nee"].contains(&detail.as_str()), "{detail}"),
                // A period shorter than one whole month pays € 0 under 2019-2020 (no minimum
                // duration) and nothing under 2020-2021: the same total, another list.
                "bedragen" => assert!(["lager", "zelfde totaal, andere bedragen"].contains(&detail.as_str()), "{detail}"),
                _ => assert!(
                    ["duur_niet_beperkt", "financiele_afhandeling", "stap_3_overlegpunt", "vanaf_juni_eenmalig"].iter().any(|w| detail.ends_with(w)),
                    "{detail}"
                ),
            }
        }
        assert!(!g.voorbeelden.is_empty() && g.voorbeelden.len() <= diff::impact::EXAMPLES);
    }
    assert_eq!(impact.geld.meer, 0);
    assert!(impact.geld.verschil_cent < 0);
    assert_eq!(impact.geld.verschil_cent, impact.geld.nieuw_cent - impact.geld.oud_cent);
}

#[test]
fn impact_text_snapshot() {
    let text = diff::text(&leiden_impact(), false);
    let from = text.find("\nImpact op").unwrap_or_else(|| panic!("no impact section:\n{text}"));
    insta::assert_snapshot!("leiden_impact_1000_generated", &text[from + 1..]);
}

// ---- the command ------------------------------------------------------------------------------

fn passend(args: &[&str], dir: Option<&std::path::Path>) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_passend"));
    cmd.args(args).env_remove("NO_COLOR");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.output().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn cli_formats_and_exit_codes() {
    let text = passend(&["diff", OLD, NEW], None);
    assert_eq!(text.status.code(), Some(0));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("passend diff: leiden 2019-2020 -> leiden 2020-2021"));
    assert!(!out.contains('\x1b'), "no colour when stdout is not a terminal");
    let json = passend(&["diff", OLD, NEW, "--format", "json"], None);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["vergelijkingen"][0]["nieuw"]["versie"], "2020-2021");
    let md = passend(&["diff", OLD, NEW, "--format", "markdown"], None);
    assert!(String::from_utf8_lossy(&md.stdout).starts_with("## `leiden 2019-2020`"));
    assert_eq!(passend(&["diff", OLD, NEW, "--exit-code"], None).status.code(), Some(1));
    assert_eq!(passend(&["diff", NEW, NEW, "--exit-code"], None).status.code(), Some(0));
    let missing = passend(&["diff", "regions/leiden/1999", NEW], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("regions/leiden/1999"));
}

#[test]
fn cli_impact_from_a_file() {
    let dir = std::env::temp_dir().join(format!("passend-diff-cli-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("dossiers.ndjson");
    // Generated dossiers, a blank line, a broken line and a dossier of another region.
    let mut input = generated_leiden_ndjson(50);
    input.push_str("\n{ niet json\n");
    input.push_str(&serde_json::json!({"regio": "ijmond", "peildatum": "2023-01-01", "aanvraag": {"soort": "terugplaatsing"}}).to_string());
    std::fs::write(&file, input).unwrap_or_else(|e| panic!("{e}"));
    let out = passend(&["diff", OLD, NEW, "--dossiers", &file.to_string_lossy(), "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let impact = &v["vergelijkingen"][0]["impact"];
    assert_eq!(impact["dossiers"], 52);
    assert_eq!(impact["beslist"], 50);
    assert_eq!(impact["fouten"], 1);
    assert_eq!(impact["andere_regio"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `passend diff HEAD~1:regions/leiden regions/leiden`, in a scratch repository.
#[test]
fn cli_git_revision() {
    let dir = std::env::temp_dir().join(format!("passend-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("regions").join("leiden").join("2020-2021");
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?} failed");
    };
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("git not found; skipped");
        return;
    }
    let vocab = std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default();
    std::fs::write(dir.join("regions/vocabulaire.toml"), vocab).unwrap_or_else(|e| panic!("{e}"));
    let write = |waarde: &str| {
        let text =
            SMALL.replace("@VERSIE@", "2020-2021").replace("@WAARDE@", waarde).replace("@VOORWAARDE@", "ja").replace("@DISCIPLINES@", "[\"psycholoog\"]");
        std::fs::write(folder.join("a.passend"), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("waarde € 700");
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "een"]);
    write("waarde € 750");
    git(&["commit", "-q", "-am", "twee"]);
    let out = passend(&["diff", "HEAD~1:regions/leiden", "regions/leiden"], Some(&dir));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("  oud:   HEAD~1:regions/leiden/2020-2021"), "{text}");
    assert!(text.contains("~ per_maand: € 700 -> € 750"), "{text}");
    // From a subfolder, paths are relative to it, as git does.
    let sub = passend(&["diff", "HEAD~1:leiden", "HEAD:leiden"], Some(&dir.join("regions")));
    assert!(String::from_utf8_lossy(&sub.stdout).contains("~ per_maand: € 700 -> € 750"));
    let bad = passend(&["diff", "geen-revisie:regions/leiden", "regions/leiden"], Some(&dir));
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

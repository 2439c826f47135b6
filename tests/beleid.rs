//! Issue 12, "Policy staff's first day": each finding of a policy officer
//! trying passend on a fresh clone, as a command-line test. The rule files
//! are copied to a temporary folder and edited there, as a policy officer
//! would edit them.

mod common;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// `passend ARGS` in `dir`, with `stdin`; PASSEND_REGIONS only when given.
fn passend_in(dir: &Path, args: &[&str], stdin: &[u8], env: Option<&Path>) -> (i32, String, String) {
    let mut cmd = common::passend_command(args);
    cmd.current_dir(dir).env("NO_COLOR", "1");
    if let Some(e) = env {
        cmd.env("PASSEND_REGIONS", e);
    }
    common::run(cmd, stdin)
}

/// A fresh, empty temporary folder for one test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("passend-beleid-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// A temporary folder holding a copy of `regions/`.
fn with_regions(name: &str) -> PathBuf {
    let dir = temp(name);
    common::copy_dir(&common::root().join("regions"), &dir.join("regions"));
    dir
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(text.contains(from), "{} does not contain {from}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

const LEIDEN_REGIO: &str = "regions/leiden/2020-2021/00-regio.passend";

/// Leiden handbook 2020-2021, 2.1 a: an overbruggingsarrangement of € 750,- per
/// month; this dossier asks for four months (February to May 2021).
fn overbrugging() -> Value {
    let case = std::fs::read_to_string(common::root().join("regions/leiden/voorbeelden/overbrugging-vier-maanden.json")).unwrap_or_default();
    let case: Value = serde_json::from_str(&case).unwrap_or_default();
    case["dossier"].clone()
}

fn total(decision: &Value) -> i64 {
    decision["bedragen"].as_array().map(|b| b.iter().filter_map(|x| x["bedrag_cent"].as_i64()).sum()).unwrap_or(0)
}

// ---- 1. one rule source for every command ------------------------------------------------------

#[test]
fn finding_1_eval_and_explain_use_the_edited_rules_in_regions() {
    let dir = with_regions("bron");
    edit(&dir.join(LEIDEN_REGIO), "waarde € 750", "waarde € 900");
    let dossier = overbrugging().to_string();
    let (code, out, err) = passend_in(&dir, &["eval"], dossier.as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    let d: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(total(&d), 4 * 90_000, "four months of the edited € 900: {out}");
    assert_eq!(d["regelset"]["bron_regels"], "regions");
    let (code, out, _) = passend_in(&dir, &["explain"], dossier.as_bytes(), None);
    assert_eq!(code, 0);
    assert!(out.contains("900"), "{out}");
    assert!(!out.contains("750,00"), "{out}");
    // Outside a folder with regions/: the built-in rules, and the receipt says so.
    let elsewhere = temp("bron-elders");
    let (code, out, _) = passend_in(&elsewhere, &["eval", "-"], dossier.as_bytes(), None);
    assert_eq!(code, 0);
    let d: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(total(&d), 4 * 75_000);
    assert_eq!(d["regelset"]["bron_regels"], "ingebouwd");
    // PASSEND_REGIONS comes before ./regions, --regels before both.
    let (_, out, _) = passend_in(&elsewhere, &["eval"], dossier.as_bytes(), Some(&dir.join("regions")));
    let d: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(total(&d), 4 * 90_000, "{out}");
    let builtin_copy = with_regions("bron-tweede");
    let (_, out, _) = passend_in(&dir, &["eval", "--regels", builtin_copy.join("regions").to_str().unwrap_or("")], dossier.as_bytes(), None);
    let d: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(total(&d), 4 * 75_000, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&elsewhere);
    let _ = std::fs::remove_dir_all(&builtin_copy);
}

#[test]
fn finding_1_check_test_and_lint_name_the_rules_on_their_first_line() {
    let dir = with_regions("eerste-regel");
    for args in [&["check"][..], &["test"], &["lint"]] {
        let (_, out, err) = passend_in(&dir, args, b"", None);
        assert_eq!(out.lines().next(), Some("regels uit regions"), "{args:?}: {out}{err}");
    }
    let elsewhere = temp("eerste-regel-elders");
    let (code, out, _) = passend_in(&elsewhere, &["check"], b"", None);
    assert_eq!(code, 0);
    assert!(out.lines().next().is_some_and(|l| l.starts_with("regels: ingebouwd")), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

// ---- 2. versions are unique --------------------------------------------------------------------

#[test]
fn finding_2_a_copied_version_folder_is_an_error_with_both_locations() {
    let dir = with_regions("kopie");
    common::copy_dir(&dir.join("regions/leiden/2020-2021"), &dir.join("regions/leiden/2021-2022"));
    let (code, out, err) = passend_in(&dir, &["check", "--berichtvorm", "json"], b"", None);
    assert_eq!(code, 1, "{out}");
    let problems: Vec<Value> = err.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    let copy = "regions/leiden/2021-2022/00-regio.passend";
    let original = "regions/leiden/2020-2021/00-regio.passend:24";
    let named = |code: &str| problems.iter().find(|p| p["code"] == code).cloned().unwrap_or_default();
    let map = named("passend::versie_map");
    assert_eq!(map["file"], copy, "{err}");
    assert_eq!(map["message"], "de map heet `2021-2022`, maar de kop noemt versie `2020-2021`");
    // Both places: the copy is underlined, the original named.
    let twice = named("passend::versie_dubbel");
    assert_eq!(twice["file"], copy, "{err}");
    assert_eq!(twice["line"], 24);
    assert!(twice["message"].as_str().is_some_and(|m| m.contains(original)), "{twice}");
    // eval refuses the region instead of deciding with one of the two.
    let (code, _, err) = passend_in(&dir, &["eval"], overbrugging().to_string().as_bytes(), None);
    assert_eq!(code, 2, "{err}");
    // Renaming the header's versie only: still the same geldig_vanaf.
    edit(&dir.join("regions/leiden/2021-2022/00-regio.passend"), "versie \"2020-2021\"", "versie \"2021-2022\"");
    let (code, _, err) = passend_in(&dir, &["check", "--berichtvorm", "json"], b"", None);
    assert_eq!(code, 1);
    assert!(err.contains("twee versies van deze regio hebben geldig_vanaf 2020-08-01: hier en in regions/leiden/2020-2021/00-regio.passend:26"), "{err}");
    assert!(!err.contains("passend::versie_map"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- 6. dossier errors suggest -----------------------------------------------------------------

#[test]
fn finding_6_a_misspelt_dossier_field_or_value_gets_a_suggestion() {
    let here = common::root();
    let mut d = overbrugging();
    d["leerlign"] = d["leerling"].take();
    let (code, out, _) = passend_in(&here, &["eval"], d.to_string().as_bytes(), None);
    assert_eq!(code, 0);
    assert!(out.contains("Het veld 'leerlign' is onbekend en is niet gebruikt. Bedoel je 'leerling'?"), "{out}");
    let mut d = overbrugging();
    d["leerling"]["setting"] = json!("reguliere");
    let (code, _, err) = passend_in(&here, &["eval"], d.to_string().as_bytes(), None);
    assert_eq!(code, 1);
    assert!(err.contains("bedoel je `regulier`?"), "{err}");
}

// ---- 8. command-line rough edges ---------------------------------------------------------------

#[test]
fn finding_8_dash_is_standard_input_everywhere() {
    let here = common::root();
    let dossier = overbrugging().to_string();
    let (code, out, err) = passend_in(&here, &["eval", "-"], dossier.as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(total(&serde_json::from_str(&out).unwrap_or_default()), 4 * 75_000);
    let (code, out, err) = passend_in(&here, &["eval", "--ndjson", "-"], format!("{dossier}\n{dossier}\n").as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    let (code, out, err) = passend_in(&here, &["explain", "-"], dossier.as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
}

#[test]
fn finding_8_file_errors_name_the_file_and_exit_2() {
    let here = common::root();
    let folder = temp("map-als-dossier");
    let folder_arg = folder.to_str().unwrap_or("");
    for args in [
        vec!["eval", "/bestaat/niet.json"],
        vec!["eval", folder_arg],
        vec!["eval", "--ndjson", "/bestaat/niet.json"],
        vec!["eval", "--ndjson", folder_arg],
        vec!["explain", "/bestaat/niet.json"],
        vec!["explain", folder_arg],
    ] {
        let (code, _, err) = passend_in(&here, &args, b"", None);
        assert_eq!(code, 2, "{args:?}: {err}");
        let named = args.last().copied().unwrap_or("");
        assert!(err.contains(named), "{args:?} does not name the file: {err}");
        assert!(!err.contains("No such file") && !err.contains("Is a directory"), "{args:?}: English: {err}");
    }
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn finding_8_paths_are_printed_as_given_and_every_folder_form_is_accepted() {
    let dir = with_regions("paden");
    edit(&dir.join(LEIDEN_REGIO), "waarde € 750", "waarde 750,");
    let regions = dir.join("regions");
    let given = regions.to_str().unwrap_or("");
    let (code, _, err) = passend_in(&common::root(), &["check", given], b"", None);
    assert_eq!(code, 1);
    let expected = format!("{given}/leiden/2020-2021/00-regio.passend");
    assert!(err.contains(&expected), "{err}");
    let (_, _, err) = passend_in(&common::root(), &["check", "--berichtvorm", "json", given], b"", None);
    let first: Value = serde_json::from_str(err.lines().next().unwrap_or("")).unwrap_or_default();
    assert_eq!(first["file"], json!(expected), "{err}");
    // eval names the broken file under the folder given with --regels too.
    let (code, _, err) = passend_in(&common::root(), &["eval", "--regels", given], overbrugging().to_string().as_bytes(), None);
    assert_eq!(code, 2);
    assert!(err.contains(&expected), "{err}");
    // Relative, from inside the copy: as typed.
    let (_, _, err) = passend_in(&dir, &["check", "regions/leiden"], b"", None);
    assert!(err.contains("regions/leiden/2020-2021/00-regio.passend"), "{err}");
    edit(&dir.join(LEIDEN_REGIO), "waarde 750,", "waarde € 750");
    // Every command takes a regions folder, one region, one version and one file.
    for form in ["regions", "regions/leiden", "regions/leiden/2020-2021", LEIDEN_REGIO] {
        for command in ["check", "lint", "fmt --controleer", "test"] {
            let mut args: Vec<&str> = command.split(' ').collect();
            args.push(form);
            let (code, out, err) = passend_in(&dir, &args, b"", None);
            assert!(code == 0 || (command == "test" && form == LEIDEN_REGIO), "{args:?}: {code}\n{out}\n{err}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn finding_8_without_rules_test_fmt_and_lint_say_the_same() {
    let elsewhere = temp("zonder-regels");
    let mut messages = Vec::new();
    for args in [&["test"][..], &["fmt", "--controleer"], &["lint"]] {
        let (code, _, err) = passend_in(&elsewhere, args, b"", None);
        assert_eq!(code, 2, "{args:?}");
        messages.push(err.replace(args[0], "OPDRACHT"));
    }
    assert!(messages.iter().all(|m| *m == messages[0]), "{messages:#?}");
    assert!(messages[0].starts_with("fout: geen map met regels gevonden"), "{}", messages[0]);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

#[test]
fn finding_8_min_coverage_verdict_is_last_and_at_most_100() {
    let here = common::root();
    let (code, out, _) = passend_in(&here, &["test", "--min-dekking", "99", "regions"], b"", None);
    assert_eq!(code, 1);
    let last = out.lines().last().unwrap_or("");
    assert!(last.starts_with("MISLUKT: dekking onder de grens van 99,0% bij "), "{last}");
    let (code, out, _) = passend_in(&here, &["test", "--min-coverage", "0", "regions"], b"", None);
    assert_eq!(code, 0);
    assert_eq!(out.lines().last(), Some("dekking: elke versie haalt de grens van 0,0%"));
    let (code, _, err) = passend_in(&here, &["test", "--min-dekking", "150", "regions"], b"", None);
    assert_eq!(code, 2);
    assert!(err.contains("150 ligt niet tussen 0 en 100"), "{err}");
}

#[test]
fn finding_8_explain_takes_versie() {
    // Leiden 2019-2020 had no minimum duration; the 2020-2021 handbook requires 2 months.
    let case = std::fs::read_to_string(common::root().join("regions/leiden/voorbeelden/overbrugging-een-maand.json")).unwrap_or_default();
    let case: Value = serde_json::from_str(&case).unwrap_or_default();
    let dossier = case["dossier"].to_string();
    let here = common::root();
    let (code, new, err) = passend_in(&here, &["explain", "--formaat", "json"], dossier.as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    let (code, old, err) = passend_in(&here, &["explain", "--format", "json", "--versie", "2019-2020"], dossier.as_bytes(), None);
    assert_eq!(code, 0, "{err}");
    let new: Value = serde_json::from_str(&new).unwrap_or_default();
    let old: Value = serde_json::from_str(&old).unwrap_or_default();
    assert_eq!(new["regelset"]["versie"], "2020-2021");
    assert_eq!(old["regelset"]["versie"], "2019-2020");
    let (code, _, err) = passend_in(&here, &["explain", "--versie", "1999"], dossier.as_bytes(), None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("geen versie `1999`"), "{err}");
}

// ---- 9. Dutch for the people who read it -------------------------------------------------------

#[test]
fn finding_9_help_and_usage_errors_are_dutch() {
    let here = common::root();
    let (code, out, _) = passend_in(&here, &["--help"], b"", None);
    assert_eq!(code, 0);
    for english in ["Usage", "Commands", "Options", "Print help", "Print version"] {
        assert!(!out.contains(english), "{english} in:\n{out}");
    }
    assert!(out.contains("Gebruik:") && out.contains("Opdrachten:") && out.contains("Toon deze hulp"), "{out}");
    for command in ["eval", "check", "version", "test", "fmt", "lint", "explain", "graph", "schema", "diff", "genereer"] {
        let (code, out, _) = passend_in(&here, &[command, "--help"], b"", None);
        assert_eq!(code, 0, "{command}");
        for english in ["Usage", "Options", "Arguments", "[default", "Possible values", "Print help", " the ", " of the "] {
            assert!(!out.contains(english), "{command} --help has `{english}`:\n{out}");
        }
    }
    let (code, _, err) = passend_in(&here, &["evl"], b"", None);
    assert_eq!(code, 2);
    assert!(err.starts_with("fout: onbekende opdracht `evl`") && err.contains("bedoel je `eval`?"), "{err}");
    let (code, _, err) = passend_in(&here, &["eval", "--taken", "nul"], b"", None);
    assert_eq!(code, 2);
    assert!(err.contains("`nul` is geen geldige waarde voor `--taken"), "{err}");
    let (code, _, err) = passend_in(&here, &["eval", "--onbekend"], b"", None);
    assert_eq!(code, 2);
    assert!(err.contains("onbekende optie") && !err.contains("error:"), "{err}");
    // A JSON mistake in a dossier is explained in Dutch, with its place.
    for command in ["eval", "explain"] {
        let (code, _, err) = passend_in(&here, &[command], b"{x", None);
        assert_eq!(code, 1, "{command}");
        assert!(err.contains("geen geldige JSON: een sleutel staat tussen aanhalingstekens (regel 1, kolom 2)"), "{command}: {err}");
    }
}

#[test]
fn finding_9_option_names_are_dutch_with_english_aliases() {
    let here = common::root();
    let dossier = overbrugging().to_string();
    for (dutch, english) in [("--taken", "--jobs"), ("--regels", "--regions")] {
        let value = if dutch == "--taken" { "2" } else { "regions" };
        for flag in [dutch, english] {
            let (code, _, err) = passend_in(&here, &["eval", "--ndjson", flag, value], dossier.as_bytes(), None);
            assert_eq!(code, 0, "{flag}: {err}");
        }
    }
    let (code, _, err) = passend_in(&here, &["check", "--message-format", "json"], b"", None);
    assert_eq!(code, 0, "{err}");
}

// ---- 10. README --------------------------------------------------------------------------------

#[test]
fn finding_10_the_readme_is_short_and_says_how_to_install() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap_or_default();
    assert!(readme.lines().count() <= 250, "README has {} lines", readme.lines().count());
    assert!(readme.contains("cargo install --path . --locked"));
    assert!(readme.contains("docs/handleiding.md"));
}

// ---- 11. genereer aimed at a change ------------------------------------------------------------

#[test]
fn finding_11_genereer_targets_region_kind_and_peildatum() {
    let here = common::root();
    let (code, out, err) = passend_in(
        &here,
        &["genereer", "--aantal", "50", "--regio", "leiden", "--aanvraag", "overbruggingsarrangement", "--peildatum", "2021-07-01..2021-09-30"],
        b"",
        None,
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines.len(), 50);
    for d in &lines {
        assert_eq!(d["regio"], "leiden", "{d}");
        assert_eq!(d["aanvraag"]["soort"], "overbruggingsarrangement", "{d}");
        let p = d["peildatum"].as_str().unwrap_or("");
        assert!(("2021-07-01"..="2021-09-30").contains(&p), "{p}");
    }
    // Both sides of 2021-08-01 are drawn.
    assert!(lines.iter().any(|d| d["peildatum"].as_str() < Some("2021-08-01")));
    assert!(lines.iter().any(|d| d["peildatum"].as_str() >= Some("2021-08-01")));
    let (code, _, err) = passend_in(&here, &["genereer", "--regio", "leidn"], b"", None);
    assert_eq!(code, 2);
    assert!(err.contains("bedoel je `leiden`?"), "{err}");
    let (code, _, err) = passend_in(&here, &["genereer", "--peildatum", "1-8-2021"], b"", None);
    assert_eq!(code, 2);
    assert!(err.contains("JJJJ-MM-DD"), "{err}");
}

//! Issue 11, "error codes are strings that steer control flow": every code is
//! one variant of a typed error, written once, and docs/foutcodes.md lists
//! exactly the codes the tables have. The codes a service reads (`fout.code`
//! on a refused line) come from real inputs, and `explain` reads a dossier
//! as `eval` does.

mod common;

use common::{passend_cli as passend, root};
use passend::decision::RegelFoutCode;
use passend::diagnostics::Code;
use passend::{DossierError, LoadError};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The codes in the first column of the tables under the `## ` heading that starts with `heading`.
fn documented(heading: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("docs/foutcodes.md")).unwrap_or_default();
    let section = text.split("\n## ").find(|s| s.starts_with(heading)).unwrap_or_else(|| panic!("docs/foutcodes.md has no section `{heading}`"));
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(code, _)| code.to_string()))
        .collect()
}

/// The documented codes equal the table's, each once on both sides.
fn same(heading: &str, table: &[&str]) {
    let docs = documented(heading);
    let unique_docs: BTreeSet<&str> = docs.iter().map(String::as_str).collect();
    let unique_table: BTreeSet<&str> = table.iter().copied().collect();
    assert_eq!(unique_docs.len(), docs.len(), "{heading}: a code is listed twice in docs/foutcodes.md");
    assert_eq!(unique_table.len(), table.len(), "{heading}: two variants share a code");
    let undocumented: Vec<_> = unique_table.difference(&unique_docs).collect();
    let unknown: Vec<_> = unique_docs.difference(&unique_table).collect();
    assert!(undocumented.is_empty() && unknown.is_empty(), "{heading}: undocumented {undocumented:?}, documented but never given {unknown:?}");
}

#[test]
fn docs_list_every_code_of_each_table_once_and_nothing_else() {
    let problems: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    same("Problemen in regelbestanden", &problems);
    same("Dossierfouten", DossierError::CODES);
    same("Laadfouten", LoadError::CODES);
    let regel: Vec<&str> = RegelFoutCode::ALL.iter().map(|c| c.as_str()).collect();
    same("Fouten per regel", &regel);
}

/// A problem code without a call site would be documented but never given.
#[test]
fn every_problem_code_is_given_somewhere_in_src() {
    let mut text = String::new();
    let mut dirs = vec![root().join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let is_test = path.ends_with("tests") || path.to_string_lossy().ends_with("_tests.rs");
            if path.is_dir() && !is_test {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("diagnostics/code.rs") && !is_test {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let unused: Vec<String> = Code::ALL.iter().map(|c| format!("Code::{c:?}")).filter(|v| !text.contains(&format!("{v},")) && !text.contains(&format!("{v})")) && !text.contains(&format!("{v} "))).collect();
    assert!(unused.is_empty(), "codes no code gives: {unused:?}");
}

/// The problems' JSON carries the code text (`--message-format json`).
#[test]
fn a_problem_prints_its_code_text() {
    let files = vec![
        ("vocabulaire.toml".to_string(), std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default()),
        ("leiden/1/a.passend".to_string(), "regio leiden {".to_string()),
    ];
    let engine = passend::Engine::from_files(files).unwrap_or_else(|e| panic!("{e}"));
    let p = engine.problems().first().cloned().unwrap_or_else(|| panic!("an open block is a problem"));
    assert_eq!(p.code, Code::BlokOpen);
    assert_eq!(serde_json::to_value(p.to_json()).unwrap_or_default()["code"], "passend::blok_open");
}

/// The contract's `fout` lines: one bad line of each kind a stream can meet,
/// each with its code and field; the good line between them is decided.
#[test]
fn each_kind_of_bad_line_gets_its_own_code() {
    let good = json!({"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv"}});
    let lines = [
        ("{\"regio\": ", "json", None),
        ("[1, 2]", "geen_object", None),
        (r#"{"aanvraag": {"soort": "tlv"}}"#, "veld_ontbreekt", Some("regio")),
        (r#"{"regio": "leiden", "aanvraag": {"soort": "tlv", "ingediend_op": 3}}"#, "type", Some("aanvraag.ingediend_op")),
        (r#"{"regio": "leiden", "aanvraag": {"soort": "tlv"}, "leerling": {"setting": "elders"}}"#, "waarde", Some("leerling.setting")),
        ("   ", "leeg", None),
    ];
    let mut input = format!("{good}\n");
    for (line, _, _) in &lines {
        input.push_str(line);
        input.push('\n');
    }
    let (code, out, err) = passend(&["eval", "--ndjson"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let out: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(out.len(), lines.len() + 1);
    assert!(out[0].get("in_aanmerking").is_some(), "{}", out[0]);
    for (i, (line, want, veld)) in lines.iter().enumerate() {
        let fout = &out[i + 1];
        assert_eq!(fout["regelnummer"], i + 2, "{line}: {fout}");
        assert_eq!(fout["fout"]["code"], *want, "{line}: {fout}");
        assert_eq!(fout["fout"]["veld"].as_str(), *veld, "{line}: {fout}");
        assert!(fout["fout"]["bericht"].as_str().is_some_and(|b| !b.is_empty()), "{line}: {fout}");
    }
    // A version the region does not have: `geen_regelset` on the line; exit 2 for one dossier (a usage error).
    let (code, out, err) = passend(&["eval", "--ndjson", "--versie", "1999"], format!("{good}\n").as_bytes());
    assert_eq!(code, 0, "{err}");
    let fout: Value = serde_json::from_str(out.trim()).unwrap_or_default();
    assert_eq!((&fout["fout"]["code"], &fout["fout"]["veld"]), (&json!("geen_regelset"), &json!("regio")), "{fout}");
    let (code, _, err) = passend(&["eval", "--versie", "1999"], good.to_string().as_bytes());
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("fout [geen_regelset]: regio `leiden` heeft geen versie `1999`"), "{err}");
}

/// Finding (issue 11): `explain` read the dossier with plain serde_json while
/// `eval` reads it strictly, so a key given twice was refused by `eval`
/// (`fout [json]`, exit 1) but explained by `explain` (the last value won, exit
/// 0), and a dossier with a byte order mark was decided by `eval` but refused
/// by `explain`. Both now read a dossier the one way (`dossier::parse_json`).
#[test]
fn explain_reads_a_dossier_as_eval_does() {
    let twice = br#"{"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv", "soort": "bezwaar"}}"#;
    let (eval_code, _, eval_err) = passend(&["eval"], twice);
    let (explain_code, explain_out, explain_err) = passend(&["explain"], twice);
    assert_eq!(eval_code, 1, "{eval_err}");
    assert!(eval_err.starts_with("fout [json]: ") && eval_err.contains("`soort` komt twee keer voor"), "{eval_err}");
    assert_eq!(explain_code, 1, "explain explained a dossier eval refuses:\n{explain_out}");
    assert_eq!(explain_err, eval_err);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(br#"{"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv"}}"#);
    let (eval_code, _, eval_err) = passend(&["eval"], &bom);
    let (explain_code, _, explain_err) = passend(&["explain"], &bom);
    assert_eq!((eval_code, explain_code), (0, 0), "eval: {eval_err}\nexplain: {explain_err}");
}

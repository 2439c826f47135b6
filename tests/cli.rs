//! The command line as the contract describes it: exit codes of `eval`,
//! NDJSON streams where every line gets an answer in order, `check`.

mod common;

use serde_json::{json, Value};

fn passend(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    common::run(common::passend_command(args), stdin)
}

fn rijnstreek_kansoverleg() -> Value {
    json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}})
}

#[test]
fn a_kind_the_region_does_not_know_is_false_with_a_reason() {
    let (code, out, _) = passend(&["eval"], rijnstreek_kansoverleg().to_string().as_bytes());
    assert_eq!(code, 0);
    let d: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(d["in_aanmerking"], json!(false));
    assert_eq!(d["aanvraag"], "kansoverleg");
    let reden = d["ontbreekt"][0]["eis"].as_str().unwrap_or("");
    assert!(reden.contains("kent geen aanvraag van de soort 'kansoverleg'"), "{reden}");
    assert_eq!(d["regelset"]["regio"], "rijnstreek");
    assert!(d["regelset"]["hash"].as_str().unwrap_or("").starts_with("sha256:"));
}

#[test]
fn a_malformed_dossier_exits_1_naming_the_field() {
    let (code, out, err) = passend(&["eval"], br#"{"regio":"leiden","aanvraag":{"soort":"tlv"},"leerling":{"cluster":"drie"}}"#);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("leerling.cluster"), "{err}");
    let (code, _, err) = passend(&["eval"], br#"{"aanvraag":{"soort":"tlv"}}"#);
    assert_eq!(code, 1);
    assert!(err.contains("regio"), "{err}");
    let (code, _, err) = passend(&["eval"], b"{not json");
    assert_eq!(code, 1);
    assert!(err.contains("JSON"), "{err}");
}

#[test]
fn usage_and_rule_errors_exit_2() {
    let (code, _, _) = passend(&["eval", "--onbekende-vlag"], b"");
    assert_eq!(code, 2);
    let (code, _, err) = passend(&["eval", "/bestaat/niet.json"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("/bestaat/niet.json"));
    let dir = std::env::temp_dir().join(format!("passend-broken-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join("leiden/1"));
    let _ = std::fs::copy(common::root().join("regions/vocabulaire.toml"), dir.join("vocabulaire.toml"));
    let _ = std::fs::write(dir.join("leiden/1/a.passend"), "regio leiden {");
    let dossier = json!({"regio": "leiden", "peildatum": "2021-01-01", "aanvraag": {"soort": "tlv"}}).to_string();
    let (code, _, err) = passend(&["eval", "--regions", dir.to_str().unwrap_or("")], dossier.as_bytes());
    assert_eq!(code, 2);
    assert!(err.contains("passend::blok_open"), "{err}");
    let (code, _, _) = passend(&["check", dir.to_str().unwrap_or("")], b"");
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_passes_on_the_bundled_regions() {
    let (code, out, err) = passend(&["check", common::root().join("regions").to_str().unwrap_or("")], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("in orde: 5 regio's")), "{out}");
}

/// 10,000 lines, some not JSON, some without `regio`, some with a wrong type:
/// every line gets an output line, in order, and the process exits 0.
#[test]
fn ten_thousand_ndjson_lines_all_answered_in_order() {
    let mut input = String::new();
    for i in 0..10_000 {
        let line = match i % 5 {
            0 => "dit is geen json".to_string(),
            1 => json!({"peildatum": "2026-03-02", "aanvraag": {"soort": "tlv"}}).to_string(),
            2 => json!({"regio": "rijnstreek", "aanvraag": {"soort": "tlv"}, "school": {"bot_overleggen": "twee"}}).to_string(),
            3 => String::new(),
            _ => rijnstreek_kansoverleg().to_string(),
        };
        input.push_str(&line);
        input.push('\n');
    }
    let (code, out, _) = passend(&["eval", "--ndjson"], input.as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {} is not JSON: {e}", i + 1));
        match i % 5 {
            4 => assert_eq!(v["in_aanmerking"], json!(false), "line {}", i + 1),
            k => {
                assert_eq!(v["regelnummer"], json!(i + 1));
                let (code, veld) = match k {
                    0 => ("json", Value::Null),
                    1 => ("veld_ontbreekt", json!("regio")),
                    2 => ("type", json!("school.bot_overleggen")),
                    _ => ("leeg", Value::Null),
                };
                assert_eq!(v["fout"]["code"], code, "line {}", i + 1);
                assert_eq!(v["fout"]["veld"], veld, "line {}", i + 1);
            }
        }
    }
}

#[test]
fn version_json_lists_every_region() {
    let (code, out, _) = passend(&["version", "--format", "json"], b"");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    assert_eq!(v["contract"], "1");
    let regions = v["regio's"].as_array().cloned().unwrap_or_default();
    assert_eq!(regions.len(), 5);
    for r in regions {
        assert!(r["versies"][0]["hash"].as_str().unwrap_or("").starts_with("sha256:"));
    }
}

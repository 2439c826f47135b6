use super::*;
use crate::diagnostics::Code;
use crate::lsp::diagnostics::{diagnose_set, to_lsp};
use crate::lsp::workspace::SetId;

fn set() -> SetId {
    SetId { regio: "testregio".into(), versie: "v1".into() }
}

#[test]
fn a_bundled_rule_set_has_no_errors() {
    let ws = bundled();
    for set in ws.sets() {
        let all = diagnose_set(&ws, &set);
        let errors: Vec<_> = all.values().flatten().filter(|(s, _)| *s == crate::lint::Severity::Error).map(|(_, p)| p.message.clone()).collect();
        assert!(errors.is_empty(), "{set:?}: {errors:?}");
    }
}

#[test]
fn a_typo_is_a_located_problem_with_code_and_help() {
    let mut ws = bundled();
    let key = "rijnstreek/2026/10-tlv.passend";
    let text = ws.text(key).map(|t| t.to_string()).unwrap_or_default().replacen("leerling.emb", "leerling.emd", 1);
    ws.set_text(key, &text, true);
    let set = SetId { regio: "rijnstreek".into(), versie: "2026".into() };
    let all = diagnose_set(&ws, &set);
    // Every file of the rule set gets an entry (so stale problems are cleared).
    let files = std::fs::read_dir(regions().join("rijnstreek/2026")).map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "passend")).count()).unwrap_or(0);
    assert_eq!(all.len(), files);
    let problems = all.get(key).cloned().unwrap_or_default();
    assert_eq!(problems.len(), 1, "{:?}", problems.iter().map(|(_, p)| &p.message).collect::<Vec<_>>());
    let (severity, p) = &problems[0];
    let d = to_lsp(&ws, *severity, p);
    assert_eq!(d.code, Some(lsp_types::NumberOrString::String("passend::onbekende_naam".into())));
    assert!(d.message.contains("hulp: bedoel je `leerling.emb`?"), "{}", d.message);
    let line = text.get(..text.find("leerling.emd").unwrap_or(0)).unwrap_or("").matches('\n').count();
    assert_eq!(d.range.start.line as usize, line);
    // The suggested field, where the vocabulary declares it.
    let related = d.related_information.unwrap_or_default();
    assert_eq!(related.len(), 1);
    assert!(related[0].location.uri.as_str().ends_with("/regions/vocabulaire.toml"));
    assert_eq!(related[0].message, "`leerling.emb` staat hier");
    let vocab = ws.text("vocabulaire.toml").map(|t| t.to_string()).unwrap_or_default();
    let vocab_line = vocab.lines().position(|l| l.starts_with("\"leerling.emb\"")).unwrap_or(0);
    assert_eq!(related[0].location.range.start.line as usize, vocab_line);
}

#[test]
fn a_lint_finding_names_the_other_place_as_related_location() {
    let text = format!(
        "{HEADER}aanvraag tlv {{\n  bron \"b\"\n  bedrag een {{\n    regeling \"r\"\n    bedrag € 1\n    ontvanger \"school\"\n    berekening \"x\"\n    bron \"b\"\n  }}\n  bedrag twee {{\n    regeling \"r\"\n    bedrag € 2\n    ontvanger \"school\"\n    berekening \"x\"\n    bron \"b\"\n  }}\n}}\n"
    );
    let ws = small(&[("a.passend", &text)]);
    let all = diagnose_set(&ws, &set());
    let problems = all.get("testregio/v1/a.passend").cloned().unwrap_or_default();
    let found = problems.iter().find(|(_, p)| p.code == Code::LintTegenstrijdigeBedragen);
    assert!(found.is_some(), "{:?}", problems.iter().map(|(_, p)| p.code).collect::<Vec<_>>());
    if let Some((s, p)) = found {
        let d = to_lsp(&ws, *s, p);
        let related = d.related_information.unwrap_or_default();
        assert!(!related.is_empty(), "{}", d.message);
        assert!(related[0].location.uri.as_str().ends_with("testregio/v1/a.passend"));
    }
}

#[test]
fn a_problem_in_one_file_shows_where_it_is_and_other_files_stay_clean() {
    let ws = small(&[("a.passend", HEADER), ("b.passend", "definitie d {\n  waarde onbekend_ding\n  bron \"b\"\n}\n")]);
    let all = diagnose_set(&ws, &set());
    assert!(all.get("testregio/v1/a.passend").is_some_and(Vec::is_empty));
    let b = all.get("testregio/v1/b.passend").cloned().unwrap_or_default();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].1.code, Code::OnbekendeNaam);
}

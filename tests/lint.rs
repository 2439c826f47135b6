//! `passend lint`: each file in tests/lint/ is a rule set that checks but is
//! wrong in its logic. Its first line names the lint codes it must produce
//! (`# verwacht: passend::tools::lint::x ...`); the rendered findings (no colour)
//! are reviewed insta snapshots. The bundled regions give no lint errors.

mod common;

use common::root;
use passend::tools::lint::{lint_files, Finding, Severity};
use std::process::Command;

/// The bundled vocabulary, with the test region `testregio` in its `regio` list
/// (`check` refuses a header region the vocabulary does not name).
fn vocabulary() -> String {
    std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default().replacen("regio = [", "regio = [\"testregio\", ", 1)
}

/// Findings for one test file, without the vocabulary's (unused fields).
fn findings_of(file: &std::path::Path) -> (Vec<Finding>, String) {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let files = vec![("vocabulaire.toml".to_string(), vocabulary()), (format!("testregio/v1/{name}"), text.clone())];
    let findings = match lint_files(files) {
        Ok(f) => f,
        Err(passend::LoadError::Problems(p)) => panic!("{name} does not check:\n{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{name}: {e}"),
    };
    (findings.into_iter().filter(|f| f.problem.code.as_str() != "passend::lint::ongebruikt_veld").collect(), text)
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    let mut c: Vec<&str> = findings.iter().map(|f| f.problem.code.as_str()).collect();
    c.sort();
    c.dedup();
    c
}

fn find<'a>(findings: &'a [Finding], code: &str, message_part: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.problem.code.as_str() == code && f.problem.message.contains(message_part))
        .unwrap_or_else(|| panic!("no {code} with `{message_part}` in {:?}", findings.iter().map(|f| &f.problem.message).collect::<Vec<_>>()))
}

fn underlined(f: &Finding) -> &str {
    f.problem.source.text.get(f.problem.span.start as usize..f.problem.span.end as usize).unwrap_or("")
}

#[test]
fn every_logic_error_file_gives_its_findings() {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/lint"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "passend")).collect())
        .unwrap_or_default();
    files.sort();
    assert!(files.len() >= 7, "expected the lint cases, found {}", files.len());
    for file in files {
        let (findings, text) = findings_of(&file);
        let mut expected: Vec<&str> =
            text.lines().next().and_then(|l| l.strip_prefix("# verwacht:")).map(|l| l.split_whitespace().collect()).unwrap_or_default();
        expected.sort();
        let name = file.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        assert_eq!(codes(&findings), expected, "{name}: lint codes");
        for f in &findings {
            assert!(f.problem.help.is_some(), "{name}: `{}` has no help text", f.problem.message);
            assert!(!f.problem.span.is_empty(), "{name}: `{}` points nowhere", f.problem.message);
        }
        insta::assert_snapshot!(name, passend::tools::lint::render(&findings, false));
    }
}

#[test]
fn amounts_and_deskundigen_that_can_apply_together() {
    let (f, _) = findings_of(&root().join("tests/lint/01-bedragen-zonder-voorwaarde.passend"));
    assert_eq!(f.len(), 1);
    let only = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag vast` en `bedrag per_maand`");
    assert_eq!(only.severity, Severity::Error, "no alleen_als on either: they always apply together");
    assert_eq!(underlined(only), "vast");

    let (f, _) = findings_of(&root().join("tests/lint/02-bedragen-voorwaarden.passend"));
    assert_eq!(f.len(), 1, "light/medium and jong/oud exclude each other");
    let only = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag so_leerling` en `bedrag intensief`");
    assert_eq!(only.severity, Severity::Warning, "different fields: only possibly overlapping");

    let (f, _) = findings_of(&root().join("tests/lint/03-deskundigen.passend"));
    assert_eq!(f.len(), 1, "tweede_swv / tweede_onafhankelijk exclude each other through the definities");
    let only = find(&f, "passend::lint::tegenstrijdige_deskundigen", "`deskundige eerste_psycholoog` en `deskundige eerste_orthopedagoog`");
    assert_eq!(only.severity, Severity::Error, "the same alleen_als");

    let (f, _) = findings_of(&root().join("tests/lint/07-groep-regels.passend"));
    let only = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag verhoogd` en `bedrag basis`");
    assert_eq!(only.severity, Severity::Error, "basis (from the group) always applies");
    assert!(only.problem.help.as_deref().unwrap_or("").contains("07-groep-regels.passend:14"), "names where the group's rule is");
}

#[test]
fn requirements_that_can_never_be_met() {
    let (f, _) = findings_of(&root().join("tests/lint/04-onvervulbare-eisen.passend"));
    assert_eq!(f.len(), 4, "kan_wel is fine: {:?}", f.iter().map(|x| &x.problem.message).collect::<Vec<_>>());
    assert!(f.iter().all(|x| x.severity == Severity::Error));
    let typen = find(&f, "passend::lint::onvervulbare_eis", "eis `twee_typen`");
    assert_eq!(underlined(typen), "aanvraag.type = \"medium\"");
    assert!(typen.problem.message.contains("`aanvraag.type = \"light\"` en `aanvraag.type = \"medium\"` sluiten elkaar uit"));
    let overleggen = find(&f, "passend::lint::onvervulbare_eis", "eis `overleggen`");
    assert_eq!(underlined(overleggen), "school.bot_overleggen < 2", "minimum (2) is filled in");
    let so = find(&f, "passend::lint::onvervulbare_eis", "eis `alleen_voor_so` kan nooit vervuld worden wanneer zij geldt");
    assert_eq!(underlined(so), "leerling.setting in [\"regulier\", \"sbo\"]");
    let nooit = find(&f, "passend::lint::regel_geldt_nooit", "`waarschuwing nooit` geldt nooit");
    assert_eq!(underlined(nooit), "minimum > 3");
}

#[test]
fn workflows_and_dated_parameters() {
    let (f, _) = findings_of(&root().join("tests/lint/05-workflow.passend"));
    let bezwaar = find(&f, "passend::lint::onbereikbare_status", "status `bezwaar`");
    assert_eq!(bezwaar.severity, Severity::Warning);
    assert_eq!(find(&f, "passend::lint::eindstatus", "status `besluit`").severity, Severity::Info);
    assert_eq!(find(&f, "passend::lint::geen_startovergang", "workflow `zonder_begin`").severity, Severity::Warning);
    assert_eq!(f.len(), 3, "ingediend is reached and left; zonder_begin is reported once");

    let (f, _) = findings_of(&root().join("tests/lint/06-parameter-data.passend"));
    assert_eq!(f.len(), 3, "in_orde is fine");
    let dubbel = find(&f, "passend::lint::parameter_dubbele_datum", "`plafond`");
    assert_eq!((dubbel.severity, underlined(dubbel)), (Severity::Error, "2026-01-01"));
    let gat = find(&f, "passend::lint::parameter_gat", "`tarief` heeft geen waarde van 2025-08-01 (begin van de versie) tot 2025-09-01");
    assert_eq!((gat.severity, underlined(gat)), (Severity::Error, "2025-09-01"));
    let nooit = find(&f, "passend::lint::parameter_waarde_nooit", "`bijdrage`");
    assert_eq!((nooit.severity, underlined(nooit)), (Severity::Warning, "€ 100"));
}

#[test]
fn an_eis_that_makes_a_missing_fact_known() {
    let (f, _) = findings_of(&root().join("tests/lint/08-onbekend-wordt-bekend.passend"));
    let messages: Vec<&str> = f.iter().map(|x| x.problem.message.as_str()).collect();
    assert_eq!(f.len(), 3, "tlv_voor_aanvraag and the waarschuwing are fine: {messages:?}");
    assert!(f.iter().all(|x| x.severity == Severity::Error));
    let direct = find(&f, "passend::lint::onbekend_wordt_bekend", "eis `tlv_aanwezig` leest `bekend(tlv.afgegeven_op)` in haar `voorwaarde`");
    assert_eq!(underlined(direct), "bekend(tlv.afgegeven_op)");
    assert!(direct.problem.message.contains("ja of nee in plaats van onbekend"));
    let alleen_als = find(&f, "passend::lint::onbekend_wordt_bekend", "eis `alleen_met_betreft`");
    assert!(alleen_als.problem.message.contains("geldt de eis niet in plaats van onbekend"), "an alleen_als that drops the eis");
    let via = find(&f, "passend::lint::onbekend_wordt_bekend", "(via definitie `heeft_tlv`)");
    assert_eq!(underlined(via), "heeft_tlv of plaatsing.orion_indicatie", "underlines the eis's condition, not the shared definitie");
}

#[test]
fn no_bundled_eis_makes_a_missing_fact_known() {
    let files = passend::read_dir_files(&root().join("regions")).unwrap_or_else(|e| panic!("{e}"));
    let findings = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let hits: Vec<String> = findings
        .iter()
        .filter(|f| f.problem.code.as_str() == "passend::lint::onbekend_wordt_bekend")
        .map(|f| format!("{}: {}", f.problem.source.name, f.problem.message))
        .collect();
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

#[test]
fn a_declared_field_that_no_rule_reads() {
    let vocab = "[keuzes]\naanvraagsoort = [\"tlv\"]\ndeskundige_rol = [\"eerste\"]\ndeskundige_vorm = [\"advies\"]\ndiscipline = [\"orthopedagoog\"]\ntermijnsoort = [\"uiterlijk\"]\n\n[velden]\n\"regio\" = \"tekst\"\n\"peildatum\" = \"datum\"\n\"aanvraag.soort\" = \"keuze:aanvraagsoort\"\n\"school.gelezen\" = \"bool\"\n\"school.vergeten\" = \"bool\"\n\"ouders.lijst[].naam\" = \"tekst\"\n";
    let rules = "regio testregio {\n  naam \"T\"\n  handboek \"H\"\n  versie \"1\"\n  bron \"t\"\n  geldig_vanaf 2025-08-01\n}\n\naanvraag tlv {\n  bron \"b\"\n  eis e {\n    tekst \"t\"\n    voorwaarde school.gelezen en aantal(ouders.lijst) > 0\n    bron \"b\"\n  }\n}\n";
    let files = vec![("vocabulaire.toml".to_string(), vocab.to_string()), ("testregio/v1/r.passend".to_string(), rules.to_string())];
    let f = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<&str> = f.iter().map(|x| x.problem.message.as_str()).collect();
    assert_eq!(
        messages,
        vec!["dossierveld `school.vergeten` wordt door geen enkele regel gelezen", "dossierveld `ouders.lijst.naam` wordt door geen enkele regel gelezen"],
        "regio, peildatum and aanvraag.soort are read by the engine; counting the list does not read its member"
    );
    assert_eq!(f.first().map(underlined), Some("\"school.vergeten\" = \"bool\""));
    insta::assert_snapshot!("ongebruikt-veld", passend::tools::lint::render(&f, false));
}

#[test]
fn an_unread_field_with_a_reason_is_a_decision() {
    let vocab = "[keuzes]\naanvraagsoort = [\"tlv\"]\ndeskundige_rol = [\"eerste\"]\ndeskundige_vorm = [\"advies\"]\ndiscipline = [\"orthopedagoog\"]\ntermijnsoort = [\"uiterlijk\"]\n\n[velden]\n\"regio\" = \"tekst\"\n\"peildatum\" = \"datum\"\n\"aanvraag.soort\" = \"keuze:aanvraagsoort\"\n\"school.gelezen\" = \"bool\"\n\"school.besloten\" = \"bool\"\n\"school.vergeten\" = \"bool\"\n\"school.leeg\" = \"bool\"\n\n[niet_gebruikt]\n\"school.besloten\" = \"niet gebruikt door testregio, omdat het handboek het niet noemt\"\n\"school.gelezen\" = \"verouderd\"\n\"school.leeg\" = \" \"\n";
    let rules = "regio testregio {\n  naam \"T\"\n  handboek \"H\"\n  versie \"1\"\n  bron \"t\"\n  geldig_vanaf 2025-08-01\n}\n\naanvraag tlv {\n  bron \"b\"\n  eis e {\n    tekst \"t\"\n    voorwaarde school.gelezen\n    bron \"b\"\n  }\n}\n";
    let files = vec![("vocabulaire.toml".to_string(), vocab.to_string()), ("testregio/v1/r.passend".to_string(), rules.to_string())];
    let f = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let mut got: Vec<(&str, &str)> = f.iter().map(|x| (x.problem.code.as_str(), x.problem.message.as_str())).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("passend::lint::niet_gebruikt_maar_gelezen", "dossierveld `school.gelezen` staat onder [niet_gebruikt], maar een regel leest het"),
            ("passend::lint::niet_gebruikt_zonder_reden", "[niet_gebruikt] `school.leeg` heeft geen reden of is geen veld uit [velden]"),
            ("passend::lint::ongebruikt_veld", "dossierveld `school.vergeten` wordt door geen enkele regel gelezen"),
        ],
        "school.besloten is unread with a reason: no finding"
    );
    assert!(f.iter().all(|x| x.severity == Severity::Warning));
}

#[test]
fn every_bundled_field_is_read_or_marked_with_a_reason() {
    let files = passend::read_dir_files(&root().join("regions")).unwrap_or_else(|e| panic!("{e}"));
    let findings = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let unread: Vec<&str> = findings.iter().filter(|f| f.problem.code.as_str().starts_with("passend::lint::ongebruikt_veld") || f.problem.code.as_str().starts_with("passend::lint::niet_gebruikt")).map(|f| f.problem.message.as_str()).collect();
    assert!(unread.is_empty(), "{unread:?}");
}

/// The contract-v1 fields of the vocabulary: every `[velden]` line not in a
/// block headed "toegevoegd door passend".
fn contract_fields() -> Vec<String> {
    let text = vocabulary();
    let velden = text.split("[velden]").nth(1).and_then(|t| t.split("\n[").next()).unwrap_or("");
    let mut added = false;
    let mut out = Vec::new();
    for line in velden.lines() {
        if line.starts_with('#') {
            added = line.contains("toegevoegd door passend");
        } else if line.trim().is_empty() {
            added = false;
        } else if let Some(name) = line.split('"').nth(1) {
            if !added {
                out.push(name.replace("[]", ""));
            }
        }
    }
    out
}

#[test]
fn no_contract_field_has_a_standaard() {
    // For a contract-v1 field absent is unknown; only fields passend added may declare
    // what their absence means.
    let text = vocabulary();
    let v: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let standaard: Vec<String> = v.get("standaard").and_then(|s| s.as_table()).map(|t| t.keys().cloned().collect()).unwrap_or_default();
    assert!(!standaard.is_empty());
    let contract = contract_fields();
    let wrong: Vec<&String> = standaard.iter().filter(|f| contract.contains(f)).collect();
    assert!(wrong.is_empty(), "contract fields with a standaard: {wrong:?}");
}

#[test]
fn a_standaard_is_a_bool_with_a_reason_and_fills_an_absent_field() {
    let vocab = |standaard: &str| {
        format!("[keuzes]\naanvraagsoort = [\"tlv\"]\ndeskundige_rol = [\"eerste\"]\ndeskundige_vorm = [\"advies\"]\ndiscipline = [\"orthopedagoog\"]\ntermijnsoort = [\"uiterlijk\"]\nregio = [\"leiden\"]\n\n[velden]\n\"regio\" = \"keuze:regio\"\n\"peildatum\" = \"datum\"\n\"aanvraag.soort\" = \"keuze:aanvraagsoort\"\n\"school.akkoord\" = \"bool\"\n\"school.datum\" = \"datum\"\n\n[standaard]\n{standaard}\n")
    };
    let rules = "regio leiden {\n naam \"T\" handboek \"H\" versie \"1\" bron \"t\" geldig_vanaf 2025-08-01\n}\naanvraag tlv {\n bron \"b\"\n eis e {\n  tekst \"t\"\n  voorwaarde school.akkoord en school.datum <= peildatum\n  bron \"b\"\n }\n}\n";
    let load = |standaard: &str| passend::Engine::from_files_strict(vec![("vocabulaire.toml".into(), vocab(standaard)), ("leiden/1/r.passend".into(), rules.into())]);
    for bad in ["\"school.datum\" = { waarde = true, reden = \"r\" }", "\"school.akkoord\" = { waarde = true, reden = \" \" }", "\"school.nergens\" = { waarde = true, reden = \"r\" }"] {
        match load(bad) {
            Err(passend::LoadError::Problems(p)) => assert!(p.iter().any(|x| x.message.starts_with("standaard voor")), "{bad}"),
            _ => panic!("{bad} should not load"),
        }
    }
    let engine = match load("\"school.akkoord\" = { waarde = false, reden = \"r\" }") {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or_default();
    let d = serde_json::json!({"regio": "leiden", "peildatum": "2025-09-01", "aanvraag": {"soort": "tlv"}});
    let decision = engine.evaluate_json(&d, today).unwrap_or_else(|e| panic!("{}", e.bericht()));
    assert_eq!(decision.in_aanmerking, Some(false), "school.akkoord absent is the standaard nee; school.datum absent stays unknown, but nee decides");
    let d = serde_json::json!({"regio": "leiden", "peildatum": "2025-09-01", "aanvraag": {"soort": "tlv"}, "school": {"akkoord": true}});
    let decision = engine.evaluate_json(&d, today).unwrap_or_else(|e| panic!("{}", e.bericht()));
    assert_eq!(decision.in_aanmerking, None, "a sent value wins; the datum is unknown");
}

#[test]
fn every_contract_field_is_accounted_for_in_the_manual() {
    let doc = std::fs::read_to_string(root().join("docs/contract-velden.md")).unwrap_or_default();
    let fields = contract_fields();
    assert!(fields.len() > 100, "{fields:?}");
    let missing: Vec<&String> = fields
        .iter()
        .filter(|f| !["regio", "peildatum", "aanvraag.soort"].contains(&f.as_str()))
        .filter(|f| !doc.contains(&format!("### `{f}`")))
        .collect();
    assert!(missing.is_empty(), "docs/contract-velden.md mist {missing:?}");
}

#[test]
fn the_bundled_regions_have_no_lint_errors() {
    let files = passend::read_dir_files(&root().join("regions")).unwrap_or_else(|e| panic!("{e}"));
    let findings = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<&str> = findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.problem.message.as_str()).collect();
    assert!(errors.is_empty(), "lint errors in the bundled regions:\n{}", errors.join("\n"));
    for f in &findings {
        eprintln!("{:?} {} {}", f.severity, f.problem.source.name, f.problem.message);
    }
}

fn passend(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run passend: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn the_command_exits_1_on_errors_and_speaks_json() {
    let (code, stdout, _) = passend(&["lint"]);
    assert_eq!(code, 0, "warnings only: {stdout}");
    assert!(stdout.contains("0 fout(en)"), "{stdout}");

    let dir = std::env::temp_dir().join(format!("passend-lint-test-{}", std::process::id()));
    let version = dir.join("testregio/v1");
    std::fs::create_dir_all(&version).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("vocabulaire.toml"), vocabulary()).unwrap_or_else(|e| panic!("{e}"));
    let case = std::fs::read_to_string(root().join("tests/lint/01-bedragen-zonder-voorwaarde.passend")).unwrap_or_default();
    std::fs::write(version.join("r.passend"), case).unwrap_or_else(|e| panic!("{e}"));
    let dir_arg = dir.to_string_lossy().to_string();

    let (code, stdout, _) = passend(&["lint", &dir_arg]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("passend::lint::tegenstrijdige_bedragen"), "{stdout}");

    let (code, stdout, _) = passend(&["lint", "--message-format", "json", &version.to_string_lossy()]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert_eq!(lines.len(), 1, "only the findings below the version folder: {stdout}");
    let j = lines.first().cloned().unwrap_or_default();
    assert_eq!(j["severity"], "error");
    assert_eq!(j["code"], "passend::lint::tegenstrijdige_bedragen");
    // The file as the user wrote the folder (issue 12).
    assert_eq!(j["file"], format!("{dir_arg}/testregio/v1/r.passend"));
    assert_eq!(j["line"], 23);
    assert!(j["help"].as_str().is_some_and(|h| h.contains("r.passend:15")));
    let _ = std::fs::remove_dir_all(&dir);
}

mod soundness {
    //! The lint's reasoning checked against the real evaluator: for random
    //! conditions over three fields, every claim the lint makes ("this eis
    //! can never be met", "these two amounts never apply together") must hold
    //! for every dossier in a grid that covers each field's values and its
    //! absence. What applied is read from the evaluator's trace.

    use super::vocabulary;
    use passend::tools::lint::lint_files;
    use passend::trace::Uitkomst;
    use passend::Engine;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn atom() -> impl Strategy<Value = String> {
        let route = prop::sample::select(vec!["voorschools", "thuiszitter", "schoolgaand"]);
        let cmp = prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="]);
        let n = prop::sample::select(vec!["0", "2", "3", "5", "grens", "grens + 1"]);
        prop_oneof![
            (route.clone(), any::<bool>()).prop_map(|(r, eq)| format!("aanvraag.route {} \"{r}\"", if eq { "=" } else { "!=" })),
            (route.clone(), route).prop_map(|(a, b)| format!("aanvraag.route in [\"{a}\", \"{b}\"]")),
            (cmp.clone(), n.clone()).prop_map(|(c, n)| format!("school.bot_overleggen {c} {n}")),
            (n, cmp).prop_map(|(n, c)| format!("{n} {c} school.bot_overleggen")),
            prop::sample::select(vec![
                "aanvraag.compleet", "aanvraag.compleet = nee", "bekend(aanvraag.compleet)", "bekend(school.bot_overleggen)",
                "nog_niet_compleet", "ja", "grens > 4",
            ])
            .prop_map(str::to_string),
        ]
    }

    fn condition() -> impl Strategy<Value = String> {
        atom().prop_recursive(3, 8, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} en {b}")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} of {b})")),
                inner.prop_map(|a| format!("niet ({a})")),
            ]
        })
    }

    const HEADER: &str = "regio rijnstreek {\n naam \"T\"\n handboek \"H\"\n versie \"1\"\n bron \"t\"\n geldig_vanaf 2025-08-01\n}\nparameter grens {\n waarde 3\n bron \"b\"\n}\ndefinitie nog_niet_compleet {\n waarde niet aanvraag.compleet\n bron \"b\"\n}\n";

    /// Every combination of route, bot_overleggen and compleet, each also absent.
    fn dossiers() -> Vec<Value> {
        let mut out = Vec::new();
        for route in [None, Some("voorschools"), Some("thuiszitter"), Some("schoolgaand")] {
            for n in [None, Some(0), Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)] {
                for compleet in [None, Some(true), Some(false)] {
                    let mut aanvraag = json!({"soort": "tlv"});
                    if let Some(r) = route {
                        aanvraag["route"] = json!(r);
                    }
                    if let Some(c) = compleet {
                        aanvraag["compleet"] = json!(c);
                    }
                    let mut d = json!({"regio": "rijnstreek", "peildatum": "2025-09-01", "aanvraag": aanvraag});
                    if let Some(n) = n {
                        d["school"] = json!({"bot_overleggen": n});
                    }
                    out.push(d);
                }
            }
        }
        out
    }

    fn load(rules: &str) -> Option<(Engine, Vec<&'static str>)> {
        let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("rijnstreek/v1/r.passend".to_string(), rules.to_string())];
        let findings = lint_files(files.clone()).ok()?;
        let engine = Engine::from_files_strict(files).ok()?;
        Some((engine, findings.into_iter().filter(|f| f.problem.code.as_str() != "passend::lint::ongebruikt_veld").map(|f| f.problem.code.as_str()).collect()))
    }

    /// What the evaluator concluded for each rule id, read from its trace.
    fn outcomes(engine: &Engine, d: &Value) -> Result<Vec<(String, Uitkomst)>, TestCaseError> {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap_or_default();
        let dossier = engine.decode(d, today).map_err(|e| TestCaseError::fail(e.bericht().to_string()))?;
        let (_, trace) = engine.evaluate_traced(&dossier, None).map_err(|e| TestCaseError::fail(e.bericht().to_string()))?;
        Ok(trace.stappen.iter().map(|s| (s.onderwerp.regel().to_string(), s.uitkomst)).collect())
    }

    fn outcome(of: &[(String, Uitkomst)], regel: &str) -> Option<Uitkomst> {
        of.iter().find(|(r, _)| r == regel).map(|(_, u)| *u)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn an_eis_the_lint_calls_unmeetable_is_never_met(when in condition(), must in condition()) {
            // `w` fires exactly when `alleen_als` is true (an eis with an unknown
            // `alleen_als` whose voorwaarde holds counts as met either way).
            let rules = format!("{HEADER}aanvraag tlv {{\n bron \"b\"\n eis e {{\n  tekst \"t\"\n  alleen_als {when}\n  voorwaarde {must}\n  bron \"b\"\n }}\n waarschuwing w {{\n  tekst \"w\"\n  alleen_als {when}\n  bron \"b\"\n }}\n}}\n");
            let Some((engine, codes)) = load(&rules) else { return Err(TestCaseError::reject("does not check")) };
            let never_applies = codes.contains(&"passend::lint::regel_geldt_nooit");
            let never_met = codes.contains(&"passend::lint::onvervulbare_eis");
            for d in dossiers() {
                let of = outcomes(&engine, &d)?;
                let met = outcome(&of, "tlv.e") == Some(Uitkomst::Voldaan);
                let applies = outcome(&of, "tlv.w") == Some(Uitkomst::Toegepast);
                prop_assert!(applies || when != "ja", "the trace names the waarschuwing that applied");
                if never_applies {
                    prop_assert!(!applies, "lint: alleen_als never holds, but it held for {d}");
                }
                if never_met {
                    prop_assert!(!(applies && met), "lint: never met when it applies, but met for {d}");
                }
            }
        }

        #[test]
        fn amounts_the_lint_lets_pass_never_apply_together(a in condition(), b in condition()) {
            let bedrag = |name: &str, amount: &str, cond: &str| {
                format!(" bedrag {name} {{\n  regeling \"r\"\n  bedrag {amount}\n  ontvanger \"school\"\n  berekening \"b\"\n  alleen_als {cond}\n  bron \"b\"\n }}\n")
            };
            let rules = format!("{HEADER}aanvraag tlv {{\n bron \"b\"\n{}{}}}\n", bedrag("x", "€ 1", &a), bedrag("y", "€ 2", &b));
            let Some((engine, codes)) = load(&rules) else { return Err(TestCaseError::reject("does not check")) };
            if codes.contains(&"passend::lint::tegenstrijdige_bedragen") {
                return Ok(());
            }
            for d in dossiers() {
                let of = outcomes(&engine, &d)?;
                let paid = ["tlv.x", "tlv.y"].iter().filter(|r| outcome(&of, r) == Some(Uitkomst::Toegepast)).count();
                prop_assert!(paid <= 1, "lint: `{a}` and `{b}` exclude each other, but both applied for {d}");
            }
        }
    }
}

/// Issue 16 item 9 (and issue 11): lint looked into a definitie again at every
/// use, so nine levels of `e(K-1) en e(K-1) en e(K-1) en e(K-1)` took minutes.
/// Now each definitie is looked into once per condition, and a
/// contradiction through the levels (`e9` holds `e7`) is still found.
#[test]
fn shared_definities_are_linted_in_linear_time() {
    let mut rules = String::from(
        "regio testregio {\n  naam \"Test\"\n  handboek \"Testhandboek\"\n  versie \"1\"\n  bron \"test.txt\"\n  geldig_vanaf 2025-08-01\n}\n\
         definitie e0 {\n  waarde aanvraag.compleet\n  bron \"test\"\n}\n",
    );
    for i in 1..=9 {
        let p = i - 1;
        rules.push_str(&format!("definitie e{i} {{\n  waarde e{p} en e{p} en e{p} en e{p}\n  bron \"test\"\n}}\n"));
    }
    rules.push_str("aanvraag terugplaatsing {\n  bron \"test\"\n  eis ook {\n    tekst \"ook\"\n    voorwaarde e9 en niet e7\n    bron \"test\"\n  }\n}\n");
    let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("testregio/v1/diep.passend".to_string(), rules)];
    let start = std::time::Instant::now();
    let findings = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    let took = start.elapsed();
    assert!(took < std::time::Duration::from_secs(5), "lint took {took:?}");
    let found: Vec<&Finding> = findings.iter().filter(|f| f.problem.code.as_str() == "passend::lint::onvervulbare_eis").collect();
    assert_eq!(found.len(), 1, "{:?}", findings.iter().map(|f| &f.problem.message).collect::<Vec<_>>());
}

#[test]
fn a_bron_naming_another_amount_term_or_date_than_its_value() {
    let (f, _) = findings_of(&root().join("tests/lint/08-bron-wijkt-af.passend"));
    let messages: Vec<&str> = f.iter().map(|x| x.problem.message.as_str()).collect();
    assert_eq!(f.len(), 4, "klopt and zonder_getal are fine: {messages:?}");
    assert!(f.iter().all(|x| x.severity == Severity::Warning));
    let bedrag = find(&f, "passend::lint::bron_wijkt_af", "bron noemt € 750, de regel € 900");
    assert_eq!(underlined(bedrag), "€ 900");
    find(&f, "passend::lint::bron_wijkt_af", "bron noemt 6 weken, de regel 8 weken");
    find(&f, "passend::lint::bron_wijkt_af", "bron noemt 1 augustus, de regel 31 juli");
    find(&f, "passend::lint::bron_wijkt_af", "bron noemt € 2.250, de regel € 2.500 (regel `overbruggingsarrangement.vast`)");
}

/// The header of a test rule set in `testregio`.
const HEADER: &str = "regio testregio {\n  naam \"T\"\n  handboek \"H\"\n  versie \"1\"\n  bron \"t\"\n  geldig_vanaf 2025-08-01\n}\n\n";

fn bedrag(name: &str, amount: &str, bron: &str) -> String {
    format!("  bedrag {name} {{\n    regeling \"stimulering\"\n    bedrag {amount}\n    ontvanger \"school\"\n    berekening \"b\"\n    bron \"{bron}\"\n  }}\n")
}

fn lint_rules(rules: &str) -> Vec<Finding> {
    let files = vec![("vocabulaire.toml".to_string(), vocabulary()), ("testregio/v1/r.passend".to_string(), rules.to_string())];
    let findings = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    findings.into_iter().filter(|f| !f.problem.code.as_str().starts_with("passend::lint::ongebruikt_veld")).collect()
}

#[test]
fn lint_reads_the_checked_engine_and_parses_nothing_again() {
    // The entry point takes the engine's checked, compiled rule sets: lint
    // has no text to parse. It gives what linting the files gives.
    let files = passend::read_dir_files(&root().join("regions")).unwrap_or_else(|e| panic!("{e}"));
    let engine = passend::Engine::from_files_strict(files.clone()).unwrap_or_else(|e| panic!("{e}"));
    let shown = |f: &[Finding]| f.iter().map(|x| format!("{}:{:?} {} {}", x.problem.source.name, x.problem.span, x.problem.code.as_str(), x.problem.message)).collect::<Vec<_>>();
    let from_engine = passend::tools::lint::lint(&engine);
    let from_files = lint_files(files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown(&from_engine), shown(&from_files));
    assert!(from_engine.iter().all(|f| f.severity != Severity::Error), "the bundled regions lint clean");
}

#[test]
fn a_finding_in_a_shared_group_is_reported_once() {
    // Handbook-independent: a group used by two aanvragen holds a rule that
    // never applies, a bedrag whose bron names another amount, and two
    // bedragen that always apply together. Each is one mistake in one place.
    let group = format!(
        "regels gedeeld {{\n  waarschuwing nooit {{\n    tekst \"t\"\n    alleen_als leerling.setting = \"so\" en leerling.setting = \"sbo\"\n    bron \"b\"\n  }}\n{}{}}}\n\n",
        bedrag("basis", "€ 1.500", "Een bijdrage van € 1.000"),
        bedrag("ook", "€ 2.000", "b")
    );
    let rules = format!(
        "{HEADER}{group}aanvraag stimuleringsbijdrage {{\n  bron \"b\"\n  gebruikt gedeeld\n}}\n\naanvraag overbruggingsarrangement {{\n  bron \"b\"\n  gebruikt gedeeld\n}}\n"
    );
    let f = lint_rules(&rules);
    let count = |code: &str| f.iter().filter(|x| x.problem.code.as_str() == code).count();
    assert_eq!(count("passend::lint::regel_geldt_nooit"), 1);
    assert_eq!(count("passend::lint::bron_wijkt_af"), 1);
    assert_eq!(count("passend::lint::tegenstrijdige_bedragen"), 1);
    assert_eq!(f.len(), 3, "{:?}", f.iter().map(|x| &x.problem.message).collect::<Vec<_>>());
    let pair = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag ook` en `bedrag basis`");
    assert!(pair.problem.message.contains("in regels gedeeld"), "names the group, not one of the aanvragen: {}", pair.problem.message);
    assert_eq!(underlined(pair), "ook");
    let bron = find(&f, "passend::lint::bron_wijkt_af", "bron noemt € 1.000, de regel € 1.500");
    assert!(bron.problem.message.contains("regel `gedeeld.basis`"), "{}", bron.problem.message);
}

#[test]
fn two_different_findings_at_one_place_are_both_reported() {
    // `vast` (group `tweede`) contradicts `eerste` in one aanvraag and `derde`
    // in another: two mistakes, both pointing at `vast`, neither hides the other.
    let rules = format!(
        "{HEADER}regels een {{\n{}}}\n\nregels drie {{\n{}}}\n\nregels tweede {{\n{}}}\n\naanvraag stimuleringsbijdrage {{\n  bron \"b\"\n  gebruikt [een, tweede]\n}}\n\naanvraag overbruggingsarrangement {{\n  bron \"b\"\n  gebruikt [drie, tweede]\n}}\n",
        bedrag("eerste", "€ 100", "b"),
        bedrag("derde", "€ 300", "b"),
        bedrag("vast", "€ 200", "b"),
    );
    let f = lint_rules(&rules);
    let messages: Vec<&str> = f.iter().map(|x| x.problem.message.as_str()).collect();
    assert_eq!(f.len(), 2, "{messages:?}");
    let first = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag vast` en `bedrag eerste` in aanvraag stimuleringsbijdrage");
    let second = find(&f, "passend::lint::tegenstrijdige_bedragen", "`bedrag vast` en `bedrag derde` in aanvraag overbruggingsarrangement");
    assert_eq!((underlined(first), underlined(second)), ("vast", "vast"));
}

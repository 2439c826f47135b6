//! Issue 11: one evaluation trace. `explain` reads the evaluator's trace, so
//! its conclusions are the decision's; the trace is linear on shared
//! definities; an error in one rule stays that rule's error.

mod common;

use common::{date, engine, root};
use passend::eval::Uitkomst;
use passend::explain::{explain, Niveau, RegelUitleg, Uitleg};
use passend::{Decision, Engine};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every bundled example dossier: (file, dossier).
fn examples() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for regio in std::fs::read_dir(root().join("regions")).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(regio.path().join("voorbeelden")).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            if let Some(d) = serde_json::from_str::<Value>(&text).ok().and_then(|c| c.get("dossier").cloned()) {
                out.push((file.path().display().to_string(), d));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn has(ids: impl IntoIterator<Item = impl AsRef<str>>, id: &str) -> bool {
    ids.into_iter().any(|x| x.as_ref() == id)
}

/// Each rule's outcome in the explanation agrees with what the decision holds for its id.
fn agrees(file: &str, r: &RegelUitleg, d: &Decision) {
    let id = &*r.regel;
    let redenen = has(d.redenen.iter().map(|x| x.regel.clone()), id);
    let ontbreekt = has(d.ontbreekt.iter().map(|x| x.regel.clone()), id);
    let niet_bepaald = has(d.niet_bepaald.iter().map(|x| x.regel.clone()), id);
    let volgt = has(d.volgende_statussen.iter().map(|x| x.regel.clone()), id);
    let fout = has(d.fouten.iter().map(|x| x.regel.clone()), id);
    let ok = match r.uitkomst {
        "voldaan" => redenen && !ontbreekt,
        "niet_voldaan" => ontbreekt && !redenen && !r.waarom_niet.is_empty(),
        "onbekend" => {
            let named = d.in_aanmerking.is_some() || r.onbekend.iter().all(|f| d.onbekend.contains(f));
            !redenen && !ontbreekt && !r.onbekend.is_empty() && d.in_aanmerking != Some(true) && named
        }
        "toegepast" => redenen,
        "niet_bepaald" => niet_bepaald && !redenen,
        "niet_berekend" => !redenen && d.in_aanmerking != Some(true),
        "niet_van_toepassing" => !redenen && !ontbreekt && !niet_bepaald,
        "aangeboden" => volgt,
        "niet_aangeboden" => !volgt && !r.waarom_niet.is_empty(),
        "fout" => fout,
        other => panic!("{file}: unknown uitkomst {other}"),
    };
    assert!(ok, "{file}: rule {id} is `{}` in explain, but the decision says otherwise:\n{r:#?}\n{d:#?}", r.uitkomst);
}

#[test]
fn explain_agrees_with_eval_on_every_bundled_example() {
    let engine = engine();
    let examples = examples();
    assert!(examples.len() > 200, "only {} examples found", examples.len());
    for (file, json) in &examples {
        let dossier = engine.decode(json, date("2025-01-15")).unwrap_or_else(|e| panic!("{file}: {e}"));
        let decision = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("{file}: {e}"));
        let (explained, uitleg) = explain(&engine, &dossier, Niveau::Volledig).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(explained, decision, "{file}: explain decided differently from eval");
        assert_eq!(uitleg.in_aanmerking, decision.in_aanmerking, "{file}");
        let rules: Vec<&RegelUitleg> = uitleg.eisen.iter().chain(&uitleg.gevolgen).collect();
        for r in &rules {
            agrees(file, r, &decision);
        }
        // Every rule id the decision names has its step in the explanation.
        let ids = decision.redenen.iter().map(|x| &x.regel).chain(decision.ontbreekt.iter().map(|x| &x.regel));
        for id in ids.filter(|id| id.contains('.') && !id.starts_with("aanvraag.onbekende_soort")) {
            assert!(rules.iter().any(|r| r.regel == *id), "{file}: {id} is in the decision but not explained");
        }
    }
}

fn rule<'u>(u: &'u Uitleg, id: &str) -> &'u RegelUitleg {
    u.eisen.iter().chain(&u.gevolgen).find(|r| &*r.regel == id).unwrap_or_else(|| panic!("no {id} in {u:#?}"))
}

/// Issue 11 finding: `explain` built its own context without `in_aanmerking`,
/// so these two came out `niet_van_toepassing` with no reason at all.
#[test]
fn helmond_tlv_niet_compleet_says_why_the_tlv_dates_do_not_apply() {
    let path = root().join("regions/helmond-peelland/voorbeelden/tlv-niet-compleet.json");
    let example: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default()).unwrap_or_default();
    let engine = engine();
    let dossier = engine.decode(&example["dossier"], date("2025-01-15")).unwrap_or_else(|e| panic!("{e}"));
    let (d, u) = explain(&engine, &dossier, Niveau::Volledig).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.in_aanmerking, Some(false));
    for id in ["tlv.tlv_ingangsdatum", "tlv.tlv_einddatum"] {
        let r = rule(&u, id);
        assert_eq!(r.uitkomst, "niet_van_toepassing");
        assert_eq!(r.waarom_niet.len(), 1, "{r:#?}");
        assert_eq!(r.waarom_niet[0].voorwaarde, "in_aanmerking");
        assert_eq!((r.waarom_niet[0].feiten[0].naam.as_str(), &r.waarom_niet[0].feiten[0].waarde), ("in_aanmerking", &json!(false)));
    }
}

/// A region `stromenland` (real vocabulary and header) with `rules` as its only other file.
fn engine_with(rules: String) -> Engine {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let files = vec![
        ("vocabulaire.toml".to_string(), read("regions/vocabulaire.toml")),
        ("stromenland/1/00-regio.passend".to_string(), read("regions/stromenland/2023-2024/00-regio.passend")),
        ("stromenland/1/test.passend".to_string(), rules),
    ];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => panic!("test rules do not check:\n{}", passend::diagnostics::render(&p, false)),
        Err(e) => panic!("{e}"),
    }
}

/// Issue 16 item 9: `eK = e(K-1) en e(K-1)` made explain exponential
/// (K=22: 7.9 s and 4.3 GB in a release build). The trace visits each definitie once.
#[test]
fn explain_is_linear_in_shared_definities() {
    let k = 22;
    let mut rules = String::from("definitie e0 {\n  waarde aanvraag.compleet\n  bron \"test\"\n}\n");
    for i in 1..=k {
        rules.push_str(&format!("definitie e{i} {{\n  waarde e{} en e{}\n  bron \"test\"\n}}\n", i - 1, i - 1));
    }
    rules.push_str(&format!("aanvraag terugplaatsing {{\n  bron \"test\"\n  eis diep {{ tekst \"diep\" voorwaarde e{k} bron \"test\" }}\n}}\n"));
    let engine = engine_with(rules);
    let json = json!({"regio": "stromenland", "peildatum": "2024-01-01", "aanvraag": {"soort": "terugplaatsing", "compleet": false}});
    let dossier = engine.decode(&json, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let (d, u) = explain(&engine, &dossier, Niveau::Volledig).unwrap_or_else(|e| panic!("{e}"));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "explain took {took:?} for {k} shared definities");
    assert_eq!(d.in_aanmerking, Some(false));
    let diep = rule(&u, "terugplaatsing.diep");
    assert_eq!(diep.uitkomst, "niet_voldaan");
    // The one false part, found once (not 2^22 times).
    assert_eq!(diep.waarom_niet.len(), 1, "{:?}", diep.waarom_niet.iter().map(|w| &w.voorwaarde).collect::<Vec<_>>());
    assert_eq!(diep.waarom_niet[0].voorwaarde, "aanvraag.compleet");
    assert_eq!(diep.feiten.len(), k + 2, "the field and every definitie, each once");
}

/// Issue 11 finding: one arithmetic error threw away the whole decision,
/// naming no rule. Now it is that rule's error; the eligibility and the
/// other rules stand, and explain shows the error at the rule.
#[test]
fn an_arithmetic_error_stays_in_its_rule() {
    let rules = r#"parameter groot { waarde € 92233720368547758,07 bron "test" }
aanvraag terugplaatsing {
  bron "test"
  eis compleet { tekst "Compleet" voorwaarde aanvraag.compleet bron "test" }
  bedrag te_veel { regeling "te veel" bedrag groot + € 0,01 ontvanger "school" berekening "groot + 1 cent" bron "test" }
  bedrag gewoon { regeling "gewoon" bedrag € 10,00 ontvanger "school" berekening "vast" bron "test" }
  waarschuwing let_op { tekst "let op" bron "test" }
}
"#;
    let engine = engine_with(rules.to_string());
    let json = json!({"regio": "stromenland", "peildatum": "2024-01-01", "aanvraag": {"soort": "terugplaatsing", "compleet": true}});
    let dossier = engine.decode(&json, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    let d = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("the dossier was refused as a whole: {e}"));
    assert_eq!(d.in_aanmerking, Some(true));
    assert_eq!(d.bedragen.iter().map(|b| &*b.regel).collect::<Vec<_>>(), ["terugplaatsing.gewoon"]);
    assert!(d.waarschuwingen.iter().any(|w| &*w.regel == "terugplaatsing.let_op"));
    assert_eq!(d.fouten.len(), 1, "{:?}", d.fouten);
    let f = &d.fouten[0];
    assert_eq!((&*f.regel, &*f.plaats, f.code.as_str()), ("terugplaatsing.te_veel", "regions/stromenland/1/test.passend:5", "rekenfout"));
    assert_eq!(&*f.bericht, "een getal of bedrag valt buiten het bereik");
    let line = serde_json::to_value(&d).unwrap_or_default();
    assert_eq!(line["fouten"][0]["regel"], "terugplaatsing.te_veel");

    let (_, trace) = engine.evaluate_traced(&dossier, None).unwrap_or_else(|e| panic!("{e}"));
    let step = trace.stap("terugplaatsing.te_veel").unwrap_or_else(|| panic!("no step"));
    assert_eq!(step.uitkomst, Uitkomst::Fout);
    let (_, u) = explain(&engine, &dossier, Niveau::Beslissend).unwrap_or_else(|e| panic!("{e}"));
    let r = rule(&u, "terugplaatsing.te_veel");
    assert_eq!((r.uitkomst, r.fout.as_deref()), ("fout", Some("een getal of bedrag valt buiten het bereik")));
    assert!(passend::explain::text(&u).contains("    fout: een getal of bedrag valt buiten het bereik\n"));
}

/// A requirement in error leaves the eligibility open (not `ja`), naming the rule.
#[test]
fn a_requirement_in_error_leaves_eligibility_open() {
    let rules = r#"parameter groot { waarde € 92233720368547758,07 bron "test" }
aanvraag terugplaatsing {
  bron "test"
  eis som { tekst "Som" voorwaarde groot + € 0,01 > € 0,00 bron "test" }
}
"#;
    let engine = engine_with(rules.to_string());
    let json = json!({"regio": "stromenland", "peildatum": "2024-01-01", "aanvraag": {"soort": "terugplaatsing"}});
    let d = engine.evaluate_json(&json, date("2024-01-01")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.in_aanmerking, None);
    assert_eq!(d.fouten.iter().map(|f| &*f.regel).collect::<Vec<_>>(), ["terugplaatsing.som"]);
}

/// Issue 11 finding: `explain` and `eval` steered on `e.code == "regelfout"`
/// and `eval` parsed the dossier again to find the region. Now both ask the
/// engine for the region's problems: exit 2, the located problems shown.
#[test]
fn eval_and_explain_of_a_broken_region_show_its_problems() {
    let dir = std::env::temp_dir().join(format!("passend-i11-broken-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join("leiden/1"));
    let _ = std::fs::copy(root().join("regions/vocabulaire.toml"), dir.join("vocabulaire.toml"));
    let _ = std::fs::write(dir.join("leiden/1/a.passend"), "regio leiden {");
    let dossier = json!({"regio": "leiden", "peildatum": "2021-01-01", "aanvraag": {"soort": "tlv"}}).to_string();
    for command in ["eval", "explain"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_passend"))
            .args([command, "--regions"])
            .arg(&dir)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(dossier.as_bytes());
        }
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("passend::blok_open"), "{command}: {err}");
        assert!(err.contains("fout [regelfout]"), "{command}: {err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Finding: a parameter without a value evaluated to `nee` (`eval/mod.rs`).
/// The checker rules it out; should it ever happen, it is the rule's error,
/// never a silent `nee` that fails (or, negated, passes) a requirement.
#[test]
fn a_missing_parameter_is_an_error_of_the_rule_not_nee() {
    use passend::check::model::{Aanvraag, Header, ParamId, Rule, RuleKind, TExpr};
    let engine = engine();
    let json = json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "tlv"}});
    let dossier = engine.decode(&json, date("2026-01-26")).unwrap_or_else(|e| panic!("{e}"));
    let real = engine.program_for("rijnstreek", dossier.peildatum, None).map(|(p, _)| p).unwrap_or_else(|| panic!("no program"));
    let header: Header = real.header.clone();
    let rule = Rule {
        id: Arc::from("tlv.geen_waarde"),
        plaats: Arc::from("test.passend:1"),
        bron: Arc::from("test"),
        alleen_als: None,
        kind: RuleKind::Eis { tekst: Arc::from("t"), voorwaarde: TExpr::Not(Box::new(TExpr::Param(ParamId::new(0)))) },
        span: passend::source::Span::default(),
        at: real.aanvragen.iter().flat_map(|a| a.rules.iter()).next().map(|r| r.at.clone()).unwrap_or_else(|| panic!("no rule")),
    };
    let program = passend::compile::Program {
        header,
        hash: real.hash.clone(),
        params: Vec::new(),
        defs: Vec::new(),
        aanvragen: vec![Aanvraag { soort: Arc::from("tlv"), bron: Arc::from("test"), rules: vec![rule], workflow: None }],
        by_soort: real.by_soort.iter().map(|_| Some(0)).collect(),
        workflows: Vec::new(),
        field_names: real.field_names.clone(),
        sources: Vec::new(),
    };
    let d = passend::eval::decide(&program, &dossier);
    assert_eq!(d.in_aanmerking, None, "a missing parameter decided the requirement: {d:?}");
    assert_eq!(d.fouten.iter().map(|f| (&*f.regel, f.code.as_str())).collect::<Vec<_>>(), [("tlv.geen_waarde", "intern")]);
}

/// Finding: rule ids were formatted per dossier (`workflow.<wf>.<overgang>`
/// in the evaluator, again in explain and coverage). Now they are fixed when
/// the rules are checked: the decision shares the program's text.
#[test]
fn transition_ids_are_fixed_at_check_time_not_formatted_per_dossier() {
    let engine = engine();
    let json = json!({"regio": "stromenland", "peildatum": "2024-01-15", "aanvraag": {"soort": "terugplaatsing"}});
    let dossier = engine.decode(&json, date("2024-01-15")).unwrap_or_else(|e| panic!("{e}"));
    let d = engine.evaluate(&dossier).unwrap_or_else(|e| panic!("{e}"));
    let (program, _) = engine.program_for("stromenland", dossier.peildatum, None).unwrap_or_else(|| panic!("no program"));
    assert!(!d.volgende_statussen.is_empty(), "the example must offer a next status");
    for s in &d.volgende_statussen {
        let t = program
            .workflows
            .iter()
            .flat_map(|w| &w.transitions)
            .find(|t| t.regel == s.regel)
            .unwrap_or_else(|| panic!("{} is no transition", s.regel));
        assert!(Arc::ptr_eq(&t.regel, &s.regel), "{} was formatted again for this dossier", s.regel);
    }
}

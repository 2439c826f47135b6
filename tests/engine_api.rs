//! The library API for Rust services (issue 8): one loaded `Engine` is
//! `Send + Sync` and serves many threads; eager and lazy loading decide alike.

use passend::{Decision, Engine};
use serde_json::{json, Value};
use std::sync::Arc;
use std::thread;

/// Compile-time: an `Engine` (and a `Decision`) may be shared across and sent to threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
    shareable::<Decision>();
};

fn regions() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/regions"))
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s}"))
}

/// Dossiers over all bundled regions.
fn dossiers() -> Vec<Value> {
    vec![
        json!({"regio": "rijnstreek", "peildatum": "2026-01-26", "aanvraag": {"soort": "overbruggingsarrangement", "ingediend_op": "2026-01-19"}}),
        json!({"regio": "rijnstreek", "peildatum": "2026-03-02", "aanvraag": {"soort": "kansoverleg"}}),
        json!({"regio": "leiden", "peildatum": "2021-03-01", "aanvraag": {"soort": "tlv"}}),
        json!({"regio": "helmond-peelland", "peildatum": "2024-02-01", "aanvraag": {"soort": "kansoverleg"}}),
        json!({"regio": "stromenland", "peildatum": "2024-02-01", "aanvraag": {"soort": "tlv_verlenging"}}),
        json!({"regio": "ijmond", "peildatum": "2023-02-01", "aanvraag": {"soort": "terugplaatsing"}}),
    ]
}

fn decide(engine: &Engine, json: &Value) -> Value {
    let decision = engine.evaluate_json(json, date("2026-03-02")).unwrap_or_else(|e| panic!("{json}: refused: {e}"));
    serde_json::to_value(&decision).unwrap_or_else(|e| panic!("cannot serialize: {e}"))
}

#[test]
fn one_engine_serves_many_threads() {
    let engine = Arc::new(Engine::load(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}")));
    assert!(engine.problems().is_empty(), "bundled rules have problems");
    let expected: Vec<Value> = dossiers().iter().map(|d| decide(&engine, d)).collect();
    let workers: Vec<_> = (0..4)
        .map(|t| {
            let engine = Arc::clone(&engine);
            let expected = expected.clone();
            thread::spawn(move || {
                let dossiers = dossiers();
                for round in 0..50 {
                    let i = (round + t) % dossiers.len();
                    assert_eq!(decide(&engine, &dossiers[i]), expected[i], "thread {t}, round {round}");
                }
            })
        })
        .collect();
    for w in workers {
        if w.join().is_err() {
            panic!("a thread failed");
        }
    }
}

#[test]
fn a_lazy_engine_loads_regions_on_first_use_from_many_threads_and_decides_alike() {
    let eager = Engine::load(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    let lazy = Engine::load_lazy(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    assert!(lazy.region_ids().iter().all(|r| !lazy.is_loaded(r)), "a lazy engine loads no region at start");
    assert!(eager.region_ids().iter().all(|r| eager.is_loaded(r)), "an eager engine is the same engine with every region touched");
    let ids: Vec<String> = eager.regions().into_iter().map(|r| r.id.to_string()).collect();
    assert_eq!(lazy.region_ids().iter().map(|r| r.to_string()).collect::<Vec<_>>(), ids);
    // Several threads ask for the same regions at once: each is loaded once, and all agree.
    thread::scope(|s| {
        for t in 0..4 {
            let (lazy, eager) = (&lazy, &eager);
            s.spawn(move || {
                for d in dossiers().iter().cycle().skip(t).take(12) {
                    assert_eq!(decide(lazy, d), decide(eager, d), "thread {t}: {d}");
                }
            });
        }
    });
}

#[test]
fn a_lazy_engine_reports_a_broken_region_on_use_and_serves_the_others() {
    let vocab = std::fs::read_to_string(regions().join("vocabulaire.toml")).unwrap_or_default();
    let good = passend::engine::read_dir_files(&regions())
        .unwrap_or_default()
        .into_iter()
        .filter(|(p, _)| p.starts_with("rijnstreek/"))
        .collect::<Vec<_>>();
    let mut files = vec![("vocabulaire.toml".to_string(), vocab), ("leiden/1/a.passend".to_string(), "regio leiden {".to_string())];
    files.extend(good);
    let lazy = Engine::from_files_lazy(files.clone()).unwrap_or_else(|e| panic!("the vocabulary loads: {e}"));
    let broken = json!({"regio": "leiden", "peildatum": "2026-01-01", "aanvraag": {"soort": "tlv"}});
    let err = lazy.evaluate_json(&broken, date("2026-01-01")).err().unwrap_or_else(|| panic!("a broken region decided"));
    assert_eq!(err.code(), "regelfout");
    assert!(lazy.region_problems("leiden").iter().any(|p| p.code.as_str() == "passend::blok_open"), "the syntax error (a block left open) is reported");
    assert_eq!(decide(&lazy, &dossiers()[0])["regio"], "rijnstreek");
    assert!(lazy.is_loaded("leiden") && lazy.is_loaded("rijnstreek"));
    // The strict loader refuses the same files at once.
    assert!(Engine::from_files_strict(files).is_err());
}

/// Every example dossier of every region (`dossier` of `regions/*/voorbeelden/*.json`).
fn example_dossiers() -> Vec<Value> {
    let mut out = Vec::new();
    for region in std::fs::read_dir(regions()).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(region.path().join("voorbeelden")).into_iter().flatten().flatten() {
            let case: Option<Value> = std::fs::read_to_string(file.path()).ok().and_then(|t| serde_json::from_str(&t).ok());
            if let Some(d) = case.and_then(|c| c.get("dossier").cloned()) {
                out.push(d);
            }
        }
    }
    out
}

/// Variants of a dossier's text that a decoder might get wrong: wrong types
/// at every field, nulls, duplicate and unknown keys, escapes, cut-off text.
fn variants(dossier: &Value) -> Vec<Vec<u8>> {
    let text = dossier.to_string();
    let mut out = vec![text.clone().into_bytes(), serde_json::to_vec_pretty(dossier).unwrap_or_default()];
    // Each leaf in turn replaced by values of other JSON kinds.
    fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    path.push(k.clone());
                    leaves(c, path, out);
                    path.pop();
                }
            }
            _ => out.push(path.clone()),
        }
    }
    let mut paths = Vec::new();
    leaves(dossier, &mut Vec::new(), &mut paths);
    let replacements = [json!(null), json!(true), json!(7), json!(-3), json!(2.5), json!("x"), json!("2026-02-30"), json!([]), json!([{"a": 1}]), json!({})];
    for path in &paths {
        for r in &replacements {
            let mut d = dossier.clone();
            let mut cur = &mut d;
            for k in path {
                cur = &mut cur[k.as_str()];
            }
            *cur = r.clone();
            out.push(d.to_string().into_bytes());
        }
    }
    let body = text.trim_end_matches('}');
    for extra in [
        r#","regio":"leiden""#,
        r#","regio":null"#,
        r#","aanvraag":null"#,
        r#","onbekend":{"a":[1,"\u00e9"]},"onbekend":2"#,
        r#","onbekend":"\ud800""#,
        r#","leerling":{"geboortedatum":"2018-06-11"},"leerling":null"#,
        r#","peildatum":"2026-1-5""#,
        r#","peildatum":"+2026-01-05""#,
    ] {
        out.push(format!("{body}{extra}}}").into_bytes());
    }
    let mut bad_utf8 = text.clone().into_bytes();
    bad_utf8.splice(text.len() - 1..text.len() - 1, b",\"x\":\"\xff\"".iter().copied());
    out.push(bad_utf8);
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
        out.push(text.as_bytes()[..cut].to_vec());
    }
    out.push(b"[1,2]".to_vec());
    out.push(b"null".to_vec());
    out.push(format!("{text} {text}").into_bytes());
    out
}

#[test]
fn decoding_text_directly_agrees_with_decoding_a_parsed_value() {
    let engine = Engine::load_lazy(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    let today = date("2026-03-02");
    let mut dossiers = example_dossiers();
    assert!(dossiers.len() > 100, "example dossiers found: {}", dossiers.len());
    dossiers.extend(passend::generate::dossiers(7, 300));
    let (mut checked, mut accepted) = (0, 0);
    for dossier in &dossiers {
        for text in variants(dossier) {
            let reference = serde_json::from_slice::<Value>(&text)
                .map_err(|e| passend::DossierError::Json(passend::Melding::new(passend::diagnostics::json_error(&e))))
                .and_then(|json| engine.decode(&json, today));
            let direct = engine.decode_slice(&text, today);
            // Issue 16: a key given twice is refused by `decode_slice` (the
            // parsed `Value` of the reference has already dropped one of them).
            if let Err(e) = &direct {
                if e.bericht().contains("komt twee keer voor") {
                    assert_eq!(e.code(), "json");
                    checked += 1;
                    continue;
                }
            }
            match (&reference, &direct) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", String::from_utf8_lossy(&text));
                    accepted += 1;
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "{}", String::from_utf8_lossy(&text)),
                _ => panic!("decoders disagree on {}:\n{reference:?}\n{direct:?}", String::from_utf8_lossy(&text)),
            }
            checked += 1;
        }
    }
    assert!(accepted > 1000 && checked > accepted, "{accepted} of {checked} variants decoded");
}

#[test]
fn a_stream_gives_the_same_lines_in_the_same_order_with_any_number_of_jobs() {
    use passend::engine::ndjson::{run, Options};
    let engine = Engine::load_lazy(&regions()).unwrap_or_else(|e| panic!("cannot load rules: {e}"));
    let mut input = Vec::new();
    for (i, d) in passend::generate::dossiers(11, 3000).iter().enumerate() {
        match i % 500 {
            7 => input.extend_from_slice(b"{niet json\n"),
            8 => input.extend_from_slice(b"   \n"),
            9 => input.extend_from_slice(format!("{d}\r\n").as_bytes()),
            _ => input.extend_from_slice(format!("{d}\n").as_bytes()),
        }
    }
    input.extend_from_slice(br#"{"regio":"leiden","aanvraag":{"soort":"tlv"}}"#); // last line without a newline
    let lines = input.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
    let stream = |jobs: usize| {
        let mut out = Vec::new();
        let options = Options { versie: None, jobs, today: Some(date("2026-03-02")) };
        run(&engine, input.as_slice(), &mut out, &options).unwrap_or_else(|e| panic!("stream failed: {e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("output is not UTF-8: {e}"))
    };
    let one = stream(1);
    assert_eq!(one.lines().count(), lines, "one output line per input line");
    for (n, line) in one.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: not JSON ({e}): {line}", n + 1));
        if let Some(fout) = v.get("fout") {
            assert_eq!(v["regelnummer"], n + 1, "{line}");
            assert!(matches!(fout["code"].as_str(), Some("json" | "leeg")), "line {}: {line}", n + 1);
        } else {
            assert!(v.get("in_aanmerking").is_some(), "line {}: {line}", n + 1);
        }
    }
    assert_eq!(stream(3), one, "--jobs 3 gives the very same output");
}

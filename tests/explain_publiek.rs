//! `explain --voor ouder|school` and "wat is er nodig?" on the bundled examples
//! (issue 14): reviewed snapshots per audience (text and HTML), the order of
//! the questions, and for every `nee`/`onbekend` example that each proposed
//! change set gives `ja` when applied and has no strict subset that does.

mod common;

use passend::Dossier;
use passend::tools::explain::{publiek, publiek_html, publiek_text, Voor};
use passend::tools::explain::vragen;
use passend::tools::explain::{gives_ja, wat_is_nodig, Wijziging, MAX_ALTERNATIEVEN};
use passend::Engine;

/// The dossier of an example file (its `dossier`, or the file itself).
fn dossier_json(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(common::root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    json.get("dossier").cloned().unwrap_or(json)
}

/// Sets the fact at a dotted path (`ouders.eens_met_aanvraag`), making the
/// objects on the way.
fn set_path(json: &mut serde_json::Value, path: &str, value: serde_json::Value) {
    let mut at = json;
    for part in path.split('.') {
        if !at.is_object() {
            *at = serde_json::json!({});
        }
        at = at.as_object_mut().map(|o| o.entry(part).or_insert(serde_json::Value::Null)).unwrap_or_else(|| panic!("{path}"));
    }
    *at = value;
}

fn dossier(engine: &Engine, rel: &str) -> Dossier {
    engine.decode(&dossier_json(rel), common::date("2026-01-01")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const JA: &str = "regions/rijnstreek/voorbeelden/overbrugging-advies-drie-maanden.json";
const NEE: &str = "regions/rijnstreek/voorbeelden/tlv-directeur-niet-akkoord.json";
const ONBEKEND: &str = "regions/leiden/voorbeelden/overbrugging-tlv-en-orion-onbekend.json";

/// No rule id, file name or field path in what a parent or school reads.
fn no_internal_names(engine: &Engine, d: &Dossier, text: &str) {
    let (_, trace) = engine.evaluate_traced(d, None).unwrap_or_else(|e| panic!("{e}"));
    for s in &trace.stappen {
        assert!(!text.contains(&**s.onderwerp.regel()), "rule id {} shown", s.onderwerp.regel());
        assert!(!text.contains(&**s.onderwerp.plaats()), "place {} shown", s.onderwerp.plaats());
    }
    for f in &engine.vocab().fields {
        if f.path.contains('.') {
            assert!(!text.contains(&*f.path), "field path {} shown", f.path);
        }
    }
    assert!(!text.contains(".passend"), "a file name is shown");
}

#[test]
fn audiences_text_and_html_snapshots() {
    let engine = common::engine();
    for (name, rel) in [("ja", JA), ("nee", NEE), ("onbekend", ONBEKEND)] {
        let d = dossier(&engine, rel);
        for voor in [Voor::Ouder, Voor::School] {
            let (_, p) = publiek(&engine, &d, voor).unwrap_or_else(|e| panic!("{e}"));
            let text = publiek_text(&p);
            no_internal_names(&engine, &d, &text);
            let who = if voor == Voor::Ouder { "ouder" } else { "school" };
            insta::assert_snapshot!(format!("{name}_{who}_text"), text);
            let html = publiek_html(&p, "dossier.json");
            assert!(!html.contains("http://") && !html.contains("https://"), "the page must not load anything");
            insta::assert_snapshot!(format!("{name}_{who}_html"), html);
        }
    }
}

#[test]
fn conclusion_comes_first_with_the_amount() {
    let engine = common::engine();
    let d = dossier(&engine, JA);
    let (decision, p) = publiek(&engine, &d, Voor::Ouder).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(decision.in_aanmerking, Some(true));
    let text = publiek_text(&p);
    let mut lines = text.lines();
    assert!(lines.next().is_some_and(|l| l.starts_with("Ja: ")), "{text}");
    assert!(lines.next().is_some_and(|l| l.starts_with("Bedrag: € ")), "{text}");
}

/// Leiden 2.1 a: an overbrugging needs a TLV (or an Orion indicatie) and starts
/// at the earliest in the month after the TLV. With both unknown, the TLV date
/// settles more (it decides both requirements), so it is asked first; Orion
/// only matters once the TLV date is known and is asked after it.
#[test]
fn questions_tlv_date_before_orion() {
    let engine = common::engine();
    let d = dossier(&engine, ONBEKEND);
    let v = vragen(&engine, &d).unwrap_or_else(|e| panic!("{e}"));
    let velden: Vec<&str> = v.iter().map(|q| &*q.veld).collect();
    assert_eq!(velden.first(), Some(&"tlv.afgegeven_op"), "{velden:?}");
    let first = v.iter().position(|q| &*q.veld == "tlv.afgegeven_op");
    let orion = v.iter().position(|q| &*q.veld == "plaatsing.orion_indicatie");
    assert!(orion.is_none() || orion > first, "{velden:?}");
}

/// No question for a decided dossier. For an open one, every question asked
/// first-hand is about a fact the decision names in `onbekend`, and its
/// answers do not all lead to the same decision (else it could not matter);
/// the questions are sorted by the share of answers that decide at once.
#[test]
fn questions_only_for_open_decisions_and_facts_that_matter() {
    let engine = common::engine();
    assert!(vragen(&engine, &dossier(&engine, NEE)).unwrap_or_default().is_empty());
    assert!(vragen(&engine, &dossier(&engine, JA)).unwrap_or_default().is_empty());
    let mut checked = 0;
    for rel in examples() {
        let d = dossier(&engine, &rel);
        let Ok(decision) = engine.evaluate(&d) else { continue };
        if decision.in_aanmerking.is_some() {
            continue;
        }
        let v = vragen(&engine, &d).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!v.is_empty(), "{rel}: open decision without questions");
        for q in v.iter().filter(|q| !q.vervolg) {
            assert!(decision.onbekend.iter().any(|o| **o == *q.veld), "{rel}: {} is not unknown", q.veld);
            if q.antwoorden.len() < 2 {
                continue;
            }
            let outcomes: Vec<_> = q
                .antwoorden
                .iter()
                .map(|a| {
                    let mut json = dossier_json(&rel);
                    set_path(&mut json, &q.veld, a.clone());
                    let changed = engine.decode(&json, common::date("2026-01-01")).unwrap_or_else(|e| panic!("{rel}: {e}"));
                    let dd = engine.evaluate(&changed).unwrap_or_else(|e| panic!("{e}"));
                    (dd.in_aanmerking, dd.onbekend, dd.bedragen)
                })
                .collect();
            assert!(outcomes.iter().any(|o| *o != outcomes[0]), "{rel}: every answer to {} gives the same decision", q.veld);
            checked += 1;
        }
        let direct: Vec<&passend::tools::explain::OpenVraag> = v.iter().filter(|q| !q.vervolg && !q.antwoorden.is_empty()).collect();
        let share = |q: &passend::tools::explain::OpenVraag| q.beslist as f64 / q.antwoorden.len() as f64;
        for pair in direct.windows(2) {
            if let [a, b] = pair {
                assert!(share(a) + 1e-9 >= share(b), "{rel}: {} ({}) asked before {} ({})", a.veld, share(a), b.veld, share(b));
            }
        }
    }
    assert!(checked > 10, "only {checked} questions checked");
}

fn examples() -> Vec<String> {
    let mut out = Vec::new();
    for region in ["helmond-peelland", "ijmond", "leiden", "rijnstreek", "stromenland"] {
        let dir = common::root().join("regions").join(region).join("voorbeelden");
        for f in common::case_files(&dir) {
            out.push(f.strip_prefix(common::root()).map(|p| p.display().to_string()).unwrap_or_default());
        }
    }
    out
}

/// For every bundled example that is not `ja`: each proposed change set, applied
/// to the dossier, gives `ja`; no strict subset of it does; no fact marked
/// `vast` is changed; at most three alternatives.
#[test]
fn wat_is_nodig_is_verified_and_minimal_on_all_examples() {
    let engine = common::engine();
    let (mut open, mut with_proposal, mut sets) = (0, 0, 0);
    for rel in examples() {
        let d = dossier(&engine, &rel);
        let Ok(decision) = engine.evaluate(&d) else { continue };
        if decision.in_aanmerking == Some(true) {
            continue;
        }
        open += 1;
        let alts = wat_is_nodig(&engine, &d).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(alts.len() <= MAX_ALTERNATIEVEN, "{rel}");
        with_proposal += usize::from(!alts.is_empty());
        for a in &alts {
            sets += 1;
            assert!(gives_ja(&engine, &d, &a.wijzigingen), "{rel}: {:?} does not give ja", a.wijzigingen);
            for w in &a.wijzigingen {
                assert!(!engine.vocab().veld_uitleg(w.slot).is_some_and(|u| u.vast), "{rel}: vast field {} changed", w.veld);
            }
            let n = a.wijzigingen.len();
            for mask in 0..(1u32 << n) - 1 {
                let subset: Vec<Wijziging> = a.wijzigingen.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, w)| w.clone()).collect();
                assert!(!gives_ja(&engine, &d, &subset), "{rel}: strict subset {subset:?} of {:?} gives ja too", a.wijzigingen);
            }
        }
    }
    eprintln!("wat is nodig: {open} examples not ja, {with_proposal} with a proposal, {sets} change sets verified");
    assert!(open > 100 && with_proposal * 2 > open, "{with_proposal} of {open}");
}

/// `check` requires words for parents for every field a rule reads: the
/// bundled rules with one `[uitleg]` entry removed do not load.
#[test]
fn check_requires_uitleg_for_a_field_a_rule_reads() {
    let mut files = passend::read_dir_files(&common::root().join("regions")).unwrap_or_default();
    let vocab = files.iter_mut().find(|(name, _)| name.ends_with("vocabulaire.toml")).unwrap_or_else(|| panic!("no vocabulary"));
    let before = vocab.1.len();
    vocab.1 = vocab.1.lines().filter(|l| !l.starts_with("\"school.cofinanciering\" = {")).collect::<Vec<_>>().join("\n");
    assert!(vocab.1.len() < before, "the [uitleg] entry was not found");
    match Engine::from_files_strict(files) {
        Err(passend::LoadError::Problems(p)) => {
            assert!(p.iter().any(|x| x.message == "veld `school.cofinanciering` heeft geen uitleg voor ouders en scholen"));
        }
        _ => panic!("rules load without uitleg for school.cofinanciering"),
    }
}

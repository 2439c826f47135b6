//! Property tests (proptest) of issue 7:
//! - generated dossiers (any subset of the vocabulary's fields, values of the
//!   right and of the wrong type) never panic, and evaluation is
//!   deterministic: the same dossier twice gives the same decision, also
//!   from a second engine that loads its regions lazily, and the direct
//!   decoder of `passend eval` reads every dossier as the reference does;
//! - a decision never holds a field the contract does not list (plus the
//!   additions src/decision.rs documents);
//! - money sums never overflow silently: huge amounts give that rule the
//!   error code `rekenfout` in `fouten`, never a wrapped number;
//! - `passend fmt` is idempotent, does not depend on the indentation it is
//!   given, and keeps the meaning (same decisions on every example dossier).

use passend::types::Type;
use passend::vocab::{Node, Vocabulary};
use passend::Engine;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().unwrap_or_else(|e| panic!("bundled rules: {e}")))
}

/// A second engine, loading each region on first use: it must decide alike.
fn lazy_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded_lazy().unwrap_or_else(|e| panic!("bundled rules: {e}")))
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad date {y}-{m}-{d}"))
}

// ---- generated dossiers -------------------------------------------------

/// Turns a list of random choices into a dossier. Shrinking the choices
/// toward 0 shrinks the dossier toward "field absent" / the simplest value.
struct Gen<'a> {
    choices: &'a [u32],
    at: usize,
    vocab: &'a Vocabulary,
}

impl Gen<'_> {
    /// The next choice, below `n` (0 when the choices run out).
    fn next(&mut self, n: u32) -> u32 {
        self.at += 1;
        self.choices.get(self.at - 1).and_then(|c| c.checked_rem(n)).unwrap_or(0)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next(items.len() as u32) as usize]
    }

    fn object(&mut self, fields: &std::collections::HashMap<String, Node>) -> Value {
        let mut keys: Vec<&String> = fields.keys().collect();
        keys.sort();
        let mut out = Map::new();
        for key in keys {
            // Most fields absent (choice 0), so dossiers stay small.
            if self.next(4) != 3 {
                continue;
            }
            let value = match &fields[key] {
                Node::Object(inner) => {
                    if self.next(16) == 15 {
                        self.wrong()
                    } else {
                        self.object(inner)
                    }
                }
                Node::Leaf(id) => {
                    let ty = self.vocab.fields.get(*id).map(|f| f.ty.clone()).unwrap_or(Type::Text);
                    self.value(&ty)
                }
                Node::ObjectList(_, members) => {
                    // A member field is a list as rules see it; one object holds one element.
                    let mut names: Vec<&String> = members.keys().collect();
                    names.sort();
                    let n = self.next(4);
                    Value::Array((0..n).map(|_| Value::Object(self.list_item(&names, members))).collect())
                }
            };
            out.insert(key.clone(), value);
        }
        Value::Object(out)
    }

    fn list_item(
        &mut self,
        names: &[&String],
        members: &std::collections::HashMap<String, usize>,
    ) -> Map<String, Value> {
        let mut item = Map::new();
        for name in names {
            if self.next(2) == 0 {
                continue;
            }
            let ty = match self.vocab.fields.get(members[name.as_str()]).map(|f| &f.ty) {
                Some(Type::List(inner)) => (**inner).clone(),
                Some(t) => t.clone(),
                None => Type::Text,
            };
            item.insert(name.to_string(), self.value(&ty));
        }
        item
    }

    /// A value of type `ty`, or (one time in forty) of a wrong type. A dossier
    /// has some 150 fields, so most dossiers still carry a bad value somewhere.
    fn value(&mut self, ty: &Type) -> Value {
        if self.next(40) == 39 {
            return self.wrong();
        }
        match ty {
            Type::Bool => json!(self.next(2) == 1),
            // Edge and huge values one time in four each: since issue 16 the
            // vocabulary's [grenzen] refuse implausible numbers, so most values are ordinary.
            Type::Int | Type::Money => match self.next(8) {
                0 => json!(self.pick(&[0, 1, -1, 7, 100, 300_000, i64::MAX, i64::MIN, i64::MAX / 100, 1 << 40])),
                1 => json!((i64::from(self.next(u32::MAX)) << 31) - i64::from(self.next(u32::MAX))),
                _ => json!(i64::from(self.next(1000))),
            },
            Type::Date => {
                let edge = "2024-02-29 2023-02-29 0001-01-01 9999-12-31 +262142-12-31 -0001-01-01 2024-13-01";
                if self.next(10) == 0 {
                    json!(self.pick(&edge.split(' ').collect::<Vec<_>>()))
                } else {
                    let d = date(1990, 1, 1) + chrono::Days::new(u64::from(self.next(20_000)));
                    json!(d.to_string())
                }
            }
            Type::Enum(id) => {
                let values = self.vocab.enums.get(*id).map(|e| e.values.clone()).unwrap_or_default();
                if self.next(20) == 0 {
                    return json!("geen_bestaande_waarde");
                }
                match values.get(self.next(values.len() as u32) as usize) {
                    Some(v) => json!(&**v),
                    None => json!("geen_bestaande_waarde"),
                }
            }
            Type::List(inner) => {
                let n = self.next(4);
                Value::Array((0..n).map(|_| self.value(inner)).collect())
            }
            _ => {
                json!(self.pick(&["", "tekst", "Terugplaatsing aanmelding", "\u{0}\u{FEFF}é€", "a\"b\\c\nd"]))
            }
        }
    }

    fn wrong(&mut self) -> Value {
        let wrong = ["null", r#""ja""#, "1.5", "-1e308", r#"[1,"twee",null]"#, r#"{"genest":{"dieper":true}}"#, "true"];
        serde_json::from_str(self.pick(&wrong)).unwrap_or(Value::Null)
    }
}

fn regios() -> [&'static str; 6] {
    ["stromenland", "ijmond", "rijnstreek", "leiden", "helmond-peelland", "nergens"]
}

/// A dossier from random choices: mostly a known region and kind, then any fields.
fn generated_dossier(choices: &[u32]) -> Value {
    let vocab = engine().vocab();
    let mut g = Gen { choices, at: 0, vocab };
    let regio = regios()[g.next(6) as usize];
    let soorten = vocab
        .enum_by_name
        .get("aanvraagsoort")
        .and_then(|id| vocab.enums.get(*id))
        .map(|e| e.values.clone())
        .unwrap_or_default();
    let soort = soorten.get(g.next(soorten.len() as u32) as usize).map(|s| s.to_string()).unwrap_or_default();
    let mut dossier = g.object(&vocab.root);
    if let Value::Object(map) = &mut dossier {
        if g.next(10) != 9 {
            map.insert("regio".into(), json!(regio));
        }
        let peildatum = date(2019, 8, 1) + chrono::Days::new(u64::from(g.next(7 * 365)));
        if g.next(10) != 9 {
            map.insert("peildatum".into(), json!(peildatum.to_string()));
        }
        let aanvraag = map.entry("aanvraag").or_insert_with(|| json!({}));
        if let Value::Object(a) = aanvraag {
            if g.next(10) != 9 {
                a.insert("soort".into(), json!(soort));
            }
        }
    }
    dossier
}

// ---- the contract's fields ----------------------------------------------

/// Top-level fields of a decision: the contract's, plus `niet_bepaald`
/// (documented in src/decision.rs).
const TOP: &str = "regio regelset peildatum aanvraag in_aanmerking redenen ontbreekt onbekend deskundigen bedragen \
                   volgende_statussen termijnen waarschuwingen uitkomsten niet_bepaald fouten";

/// Fields of the objects inside a decision: the contract's, then (after the
/// `|`) the additions src/decision.rs documents (`regel` everywhere, the
/// receipt in `regelset`, `omschrijving`/`stap` of a status, `soort`/
/// `voldaan`/`indicatief` of a termijn).
fn nested(field: &str) -> Option<Vec<&'static str>> {
    Some(match field {
        "regelset" => vec!["naam", "versie", "bron", "|", "regio", "handboek", "geldig_vanaf", "hash", "engine", "bron_regels"],
        "redenen" => vec!["regel", "tekst", "bron"],
        "ontbreekt" => vec!["eis", "bron", "|", "regel"],
        "deskundigen" => vec!["rol", "disciplines", "onafhankelijk", "organisatie", "vorm", "|", "regel", "bron"],
        "bedragen" => vec!["regeling", "bedrag_cent", "ontvanger", "berekening", "|", "regel", "bron"],
        "volgende_statussen" => vec!["status", "door", "voorwaarde", "|", "omschrijving", "stap", "regel", "bron"],
        "termijnen" => vec!["wat", "uiterlijk", "grondslag", "|", "soort", "voldaan", "indicatief", "regel"],
        // The contract gives no shape; src/decision.rs `Waarschuwing`.
        "waarschuwingen" => vec!["|", "tekst", "regel", "bron"],
        "niet_bepaald" => vec!["|", "regel", "onbekend"],
        // Issue 11: a rule whose evaluation failed (docs/contract-aanvullingen.md).
        "fouten" => vec!["|", "regel", "plaats", "code", "bericht"],
        _ => return None,
    })
}

/// Every field of the decision JSON is one the contract lists (or a documented addition).
fn assert_only_contract_fields(decision: &Value) -> Result<(), TestCaseError> {
    let Value::Object(top) = decision else {
        return Err(TestCaseError::fail(format!("not an object: {decision}")));
    };
    for (key, value) in top {
        prop_assert!(TOP.split_whitespace().any(|k| k == key), "top-level field `{}` is not in the contract", key);
        let Some(allowed) = nested(key) else { continue };
        let objects: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for object in objects {
            let Value::Object(fields) = object else {
                return Err(TestCaseError::fail(format!("`{key}` holds a non-object: {object}")));
            };
            for field in fields.keys() {
                prop_assert!(
                    allowed.contains(&field.as_str()) && field != "|",
                    "`{}.{}` is not in the contract",
                    key,
                    field
                );
            }
        }
    }
    // `uitkomsten` holds named values: names are identifiers.
    if let Some(Value::Object(u)) = top.get("uitkomsten") {
        for name in u.keys() {
            prop_assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "uitkomst `{}`",
                name
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Never a panic; the same dossier twice gives the same decision (or the
    /// same error); a decision holds only the contract's fields.
    #[test]
    fn generated_dossiers_are_decided_deterministically_within_the_contract(
        choices in prop::collection::vec(any::<u32>(), 0..400)
    ) {
        let dossier = generated_dossier(&choices);
        let today = date(2025, 1, 15);
        let first = engine().evaluate_json(&dossier, today);
        // The direct decoder of `passend eval` reads what the reference decoder reads.
        let text = serde_json::to_vec(&dossier).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let direct = engine().decode_slice(&text, today).map(|d| format!("{d:?}"));
        prop_assert_eq!(direct, engine().decode(&dossier, today).map(|d| format!("{d:?}")), "decoders differ on {}", dossier);
        let second = engine().evaluate_json(&dossier, today);
        let lazy = lazy_engine().evaluate_json(&dossier, today);
        prop_assert_eq!(
            first.as_ref().map_err(|e| (e.code(), e.bericht())),
            lazy.as_ref().map_err(|e| (e.code(), e.bericht())),
            "the lazy engine decides differently: {}", dossier
        );
        match (&first, &second) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b, "two evaluations differ for {}", dossier);
                let a = serde_json::to_value(a).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let b = serde_json::to_value(b).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&a, &b);
                assert_only_contract_fields(&a)?;
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!((a.code(), a.bericht(), a.veld()), (b.code(), b.bericht(), b.veld()));
                prop_assert!(!a.bericht().is_empty());
            }
            _ => prop_assert!(false, "one evaluation failed, the other did not: {}", dossier),
        }
    }
}

/// The generator is not wasted on errors only: a good share of generated
/// dossiers is decided, in every region, and the errors are the decoder's.
#[test]
fn generated_dossiers_reach_evaluation_in_every_region() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut decided = BTreeSet::new();
    let mut errors = BTreeSet::new();
    let mut ok = 0;
    for _ in 0..600 {
        let choices: Vec<u32> = (0..300)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u32
            })
            .collect();
        let dossier = generated_dossier(&choices);
        match engine().evaluate_json(&dossier, date(2025, 1, 15)) {
            Ok(d) => {
                ok += 1;
                decided.insert(d.regio.to_string());
            }
            Err(e) => {
                errors.insert(e.code());
            }
        }
    }
    eprintln!("{ok} of 600 generated dossiers decided; errors: {errors:?}");
    assert!(ok > 100, "only {ok} of 600 generated dossiers were decided; errors: {errors:?}");
    assert_eq!(decided.len(), 5, "decided in {decided:?}");
    assert!(!errors.contains("rekenfout"), "a rekenfout is a rule's, never the dossier's: {errors:?}");
}

/// Every bundled example dossier: (region folder, file name, dossier).
fn example_dossiers() -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for regio in std::fs::read_dir(root().join("regions")).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(regio.path().join("voorbeelden")).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            if let Some(dossier) = serde_json::from_str::<Value>(&text).ok().and_then(|c| c.get("dossier").cloned()) {
                let name =
                    |p: std::path::PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.push((name(regio.path()), name(file.path()), dossier));
            }
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

/// The contract's fields, also on every bundled example dossier (these reach
/// far more rules than random ones).
#[test]
fn example_decisions_hold_only_contract_fields_and_are_deterministic() {
    let mut seen = 0;
    for (regio, file, dossier) in example_dossiers() {
        let today = date(2025, 1, 15);
        let (Ok(a), Ok(b)) = (engine().evaluate_json(&dossier, today), engine().evaluate_json(&dossier, today)) else {
            continue;
        };
        assert_eq!(a, b, "{regio}/{file}");
        if let Err(e) = assert_only_contract_fields(&serde_json::to_value(&a).unwrap_or_default()) {
            panic!("{regio}/{file}: {e}");
        }
        seen += 1;
    }
    assert!(seen > 100, "only {seen} example dossiers were decided");
}

// ---- money never overflows silently ---------------------------------------

/// `€ 1.234,56` for a number of cents (the rule language has no negative literal).
fn money_literal(cents: u64) -> String {
    format!("€ {},{:02}", cents / 100, cents % 100)
}

/// A test region whose `terugplaatsing` has two amounts: `a + b` and `a * vangnet.jaar`.
fn money_engine(a: u64, b: u64) -> Engine {
    let header =
        std::fs::read_to_string(root().join("regions/stromenland/2023-2024/00-regio.passend")).unwrap_or_default();
    let rules = format!(
        r#"parameter bedrag_a {{ waarde {} bron "test" }}
parameter bedrag_b {{ waarde {} bron "test" }}
aanvraag terugplaatsing {{
  bron "test"
  bedrag som {{ regeling "som" bedrag bedrag_a + bedrag_b ontvanger "school" berekening "a + b" bron "test" }}
  bedrag product {{ regeling "product" bedrag bedrag_a * vangnet.jaar ontvanger "school" berekening "a * jaar" bron "test" }}
}}
"#,
        money_literal(a),
        money_literal(b)
    );
    let files = vec![
        (
            "vocabulaire.toml".to_string(),
            std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default(),
        ),
        ("stromenland/1/00-regio.passend".to_string(), header),
        ("stromenland/1/geld.passend".to_string(), rules),
    ];
    match Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(passend::LoadError::Problems(p)) => {
            panic!("test rules do not check:\n{}", passend::diagnostics::render(&p, false))
        }
        Err(e) => panic!("{e}"),
    }
}

/// Each amount rule's result: its amount in cents, or its error code from `fouten`.
fn amounts(a: u64, b: u64, jaar: i64) -> Vec<(String, Result<i64, String>)> {
    let engine = money_engine(a, b);
    let dossier = json!({
        "regio": "stromenland", "peildatum": "2024-01-01",
        "aanvraag": {"soort": "terugplaatsing"}, "vangnet": {"jaar": jaar}
    });
    let d = engine.evaluate_json(&dossier, date(2024, 1, 1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.in_aanmerking, Some(true), "an error in an amount does not touch eligibility");
    ["som", "product"]
        .iter()
        .map(|r| {
            let id = format!("terugplaatsing.{r}");
            let amount = d.bedragen.iter().find(|b| *b.regel == id).map(|b| b.bedrag_cent);
            let fout = d.fouten.iter().find(|f| *f.regel == id);
            match (amount, fout) {
                (Some(c), None) => (r.to_string(), Ok(c)),
                (None, Some(f)) => {
                    assert!(f.bericht.contains("buiten het bereik"), "{f:?}");
                    assert!(f.plaats.starts_with("regions/stromenland/1/geld.passend:"), "{f:?}");
                    (r.to_string(), Err(f.code.to_string()))
                }
                other => panic!("rule {id}: amount and error {other:?}"),
            }
        })
        .collect()
}

/// Issue 11: one overflowing amount is that rule's `rekenfout` in `fouten`;
/// the other amount and the eligibility stand (it used to discard the decision).
#[test]
fn a_sum_past_i64_is_a_rekenfout_of_that_rule_only() {
    let max = i64::MAX as u64;
    assert_eq!(amounts(max, 1, 1), vec![("som".into(), Err("rekenfout".into())), ("product".into(), Ok(i64::MAX))]);
    assert_eq!(amounts(max - 1, 1, 1), vec![("som".into(), Ok(i64::MAX)), ("product".into(), Ok(i64::MAX - 1))]);
}

#[test]
fn a_literal_past_i64_is_a_located_problem() {
    let files = vec![
        (
            "vocabulaire.toml".to_string(),
            std::fs::read_to_string(root().join("regions/vocabulaire.toml")).unwrap_or_default(),
        ),
        (
            "stromenland/1/00-regio.passend".to_string(),
            std::fs::read_to_string(root().join("regions/stromenland/2023-2024/00-regio.passend")).unwrap_or_default(),
        ),
        (
            "stromenland/1/geld.passend".to_string(),
            "parameter te_veel {\n  waarde € 92233720368547758,08\n  bron \"test\"\n}\n".to_string(),
        ),
    ];
    let engine = Engine::from_files(files).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = engine.problems().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["passend::bedrag"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any two amounts and any multiplier: per rule the exact result, or that rule's `rekenfout`.
    #[test]
    fn money_arithmetic_is_exact_or_that_rules_rekenfout(
        a in prop_oneof![0..=i64::MAX as u64, (i64::MAX as u64 - 1000)..=i64::MAX as u64, 0u64..100_000],
        b in prop_oneof![0..=i64::MAX as u64, 0u64..1000],
        jaar in prop_oneof![any::<i64>(), -3i64..3, Just(i64::MIN)],
    ) {
        let (a_i, b_i) = (a as i64, b as i64);
        let code = |r: Option<i64>| r.ok_or_else(|| "rekenfout".to_string());
        prop_assert_eq!(amounts(a, b, jaar), vec![
            ("som".to_string(), code(a_i.checked_add(b_i))),
            ("product".to_string(), code(a_i.checked_mul(jaar))),
        ]);
    }
}

// ---- passend fmt ----------------------------------------------------------

fn bundled_rule_files() -> Vec<(String, String)> {
    passend::engine::read_dir_files(&root().join("regions"))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".passend"))
        .collect()
}

fn format(name: &str, text: &str) -> Result<String, String> {
    passend::fmt::format_source(&passend::source::SourceFile::new(name, text))
        .map_err(|p| p.iter().map(|p| format!("{}: {}", p.code, p.message)).collect::<Vec<_>>().join("; "))
}

/// `text` with each line's indentation replaced by a random one (spaces and
/// tabs), from `choices`; lines inside a multi-line string are left alone.
fn reindent(text: &str, choices: &[u8]) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for (i, line) in text.lines().enumerate() {
        if !in_string {
            let c = choices.get(i % choices.len().max(1)).copied().unwrap_or(0);
            let indent = match c % 4 {
                0 => String::new(),
                1 => " ".repeat(usize::from(c % 9)),
                2 => "\t".repeat(usize::from(c % 3)),
                _ => " \t ".into(),
            };
            out.push_str(&indent);
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        // Count unescaped quotes outside comments to know whether a string continues.
        let mut escaped = false;
        for ch in line.chars() {
            match ch {
                '\\' if in_string => escaped = !escaped,
                '"' if !escaped => in_string = !in_string,
                '#' if !in_string => break,
                _ => escaped = false,
            }
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Formatting is idempotent and its result does not depend on the
    /// indentation of the input.
    #[test]
    fn fmt_is_idempotent_and_ignores_indentation(file in 0usize..64, choices in prop::collection::vec(any::<u8>(), 1..32)) {
        let files = bundled_rule_files();
        let (name, text) = &files[file % files.len()];
        let canonical = format(name, text).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&format(name, &canonical).map_err(TestCaseError::fail)?, &canonical, "format(format(x)) != format(x) for {}", name);
        let messy = reindent(text, &choices);
        prop_assert_eq!(&format(name, &messy).map_err(TestCaseError::fail)?, &canonical, "re-indented {} formats differently", name);
    }

    /// An amount written any way formats to a literal with the same value.
    #[test]
    fn fmt_keeps_every_amount(cents in 0..=i64::MAX as u64) {
        let text = format!("parameter p {{\n  waarde {}\n  bron \"test\"\n}}\n", money_literal(cents));
        let formatted = format("p.passend", &text).map_err(TestCaseError::fail)?;
        let again = format("p.passend", &formatted).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&again, &formatted);
        let digits: String = formatted.lines().nth(1).unwrap_or("").chars().filter(|c| c.is_ascii_digit()).collect();
        let value: u64 = digits.parse().unwrap_or(u64::MAX);
        // `€ 50.000` has no cents; `€ 12,50` has two digits of cents.
        let value = if formatted.contains(',') { value } else { value.saturating_mul(100) };
        prop_assert_eq!(value, cents, "{}", formatted);
    }
}

/// A compiled program as text, without what formatting may change: the
/// positions of things in the rule files (`Span { start: .., end: .. }`).
fn compiled_meaning(p: &passend::compile::Program) -> String {
    let text = format!("{:?}", (&p.header, &p.params, &p.defs, &p.aanvragen, &p.by_soort, &p.workflows));
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        rest = &rest[i..];
        rest = rest.find('}').map(|j| &rest[j + 1..]).unwrap_or("");
    }
    out.push_str(rest);
    assert!(out.len() > 10_000, "the program's debug text is too short to compare: {}", out.len());
    out
}

/// Formatting keeps the meaning: every region formatted file by file compiles
/// to the same rules and decides
/// every example dossier exactly as the original (the receipt hash aside,
/// which covers the text).
#[test]
fn fmt_keeps_the_decisions_of_every_example() {
    // The bundled files are already canonical: start from a messy layout of them.
    let original: Vec<(String, String)> = passend::engine::read_dir_files(&root().join("regions"))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(p, t)| if p.ends_with(".passend") { (p, reindent(&t, &[3, 5, 2, 9, 0, 6])) } else { (p, t) })
        .collect();
    let formatted: Vec<(String, String)> = original
        .iter()
        .map(|(p, t)| {
            if p.ends_with(".passend") {
                (p.clone(), format(p, t).unwrap_or_else(|e| panic!("fmt {p}: {e}")))
            } else {
                (p.clone(), t.clone())
            }
        })
        .collect();
    let changed = original.iter().zip(&formatted).filter(|(a, b)| a.1 != b.1).count();
    assert!(changed > 20, "only {changed} files changed by fmt");
    let before = Engine::from_files_strict(original).unwrap_or_else(|e| panic!("{e}"));
    let after = Engine::from_files_strict(formatted).unwrap_or_else(|e| panic!("formatted rules do not check: {e}"));
    // Same compiled rules: every program equal but for positions in the text and the hash.
    assert_eq!(before.regions().len(), 5);
    for (a, b) in before.regions().into_iter().zip(after.regions()) {
        assert_eq!(a.versions.len(), b.versions.len());
        for (pa, pb) in a.versions.iter().zip(&b.versions) {
            assert_eq!(
                compiled_meaning(pa),
                compiled_meaning(pb),
                "{} {} compiles differently after fmt",
                a.id,
                pa.header.versie
            );
        }
    }
    let mut compared = 0;
    let mut names = BTreeSet::new();
    let strip = |r: Result<passend::Decision, passend::DossierError>| {
        r.map(|mut d| {
            d.regelset.hash = "".into();
            serde_json::to_value(d).unwrap_or_default()
        })
        .map_err(|e| (e.code(), e.bericht().to_string()))
    };
    for (regio, file, dossier) in example_dossiers() {
        let today = date(2025, 1, 15);
        let (a, b) = (strip(before.evaluate_json(&dossier, today)), strip(after.evaluate_json(&dossier, today)));
        assert_eq!(a, b, "{regio}/{file} decides differently after fmt");
        names.insert(regio);
        compared += 1;
    }
    assert!(
        compared > 100 && names.len() == 5,
        "compared {compared} dossiers in {names:?}; {changed} files changed by fmt"
    );
}


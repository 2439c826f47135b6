//! `passend fmt`: a round trip on every bundled rule file (the re-parsed tree
//! is the same modulo spans, formatting twice changes nothing, every comment
//! and string literal survives), a reviewed snapshot of a deliberately messy
//! file, and the `--check` / write behaviour of the command.

mod common;

use common::root;
use passend::tools::fmt::{format_source, syntax_tree};
use passend::SourceFile;
use std::path::Path;
use std::process::Command;

fn format(name: &str, text: &str) -> String {
    match format_source(&SourceFile::new(name, text)) {
        Ok(t) => t,
        Err(p) => panic!("{name} does not format:\n{}", passend::diagnostics::render(&p, false)),
    }
}

/// The syntax tree as Debug text with every span removed: equal strings
/// mean the same tree modulo where things were written.
fn tree(name: &str, text: &str) -> String {
    let debug = match syntax_tree(&SourceFile::new(name, text)) {
        Ok(t) => t,
        Err(p) => panic!("{name} does not parse:\n{}", passend::diagnostics::render(&p, false)),
    };
    let mut out = String::new();
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span {") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let close = after.find('}').unwrap_or(after.len() - 1);
        out.push_str("Span");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Comments (outside string literals) and string literals, as written, in order.
fn comments_and_strings(text: &str) -> (Vec<String>, Vec<String>) {
    let (mut comments, mut strings) = (Vec::new(), Vec::new());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            let mut end = text.len();
            while let Some((j, s)) = chars.next() {
                if s == '\\' {
                    chars.next();
                } else if s == '"' {
                    end = j + 1;
                    break;
                }
            }
            strings.push(text[i..end].to_string());
        } else if c == '#' {
            let end = text[i..].find('\n').map(|n| i + n).unwrap_or(text.len());
            comments.push(text[i..end].trim_end().to_string());
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
        }
    }
    (comments, strings)
}

fn bundled_rule_files() -> Vec<std::path::PathBuf> {
    passend::tools::fmt::rule_files(&root().join("regions"))
        .unwrap_or_else(|e| panic!("cannot list regions/: {e}"))
        .into_iter()
        .map(|f| f.path)
        .collect()
}

#[test]
fn every_bundled_rule_file_round_trips() {
    let files = bundled_rule_files();
    assert!(files.len() >= 20, "expected the bundled rule files, found {}", files.len());
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let once = format(&name, &text);
        assert_eq!(tree(&name, &once), tree(&name, &text), "{name}: formatting changed the syntax tree");
        assert_eq!(format(&name, &once), once, "{name}: formatting twice is not the same as once");
        let (c0, s0) = comments_and_strings(&text);
        let (c1, s1) = comments_and_strings(&once);
        assert_eq!(c1, c0, "{name}: comments lost, changed or reordered");
        assert_eq!(s1, s0, "{name}: string literals changed");
        assert!(once.ends_with("}\n") || once.ends_with('\n'), "{name}: ends with one newline");
        assert!(!once.contains("\n\n\n"), "{name}: at most one blank line in a row");
        for line in once.lines() {
            let indent = line.len() - line.trim_start().len();
            assert!(!line.ends_with(' '), "{name}: trailing space in `{line}`");
            assert!(!line.starts_with('\t'), "{name}: tab indentation in `{line}`");
            if line.trim_start().starts_with('}') {
                assert_eq!(indent % 2, 0, "{name}: closing brace off the 2-space grid: `{line}`");
            }
        }
    }
}

const MESSY: &str = r#"# Kop van het bestand
regio   testregio{naam "Test"   handboek "H" versie "1"
bron "h.txt" geldig_vanaf 2025-08-01}
parameter plafond { waarde EUR 50000 vanaf 2025-08-01   # eerste bedrag
  waarde €12,50 vanaf 2026-01-01
      waarde € 1.250,00 vanaf 2026-08-01
bron "Vangnet, \"citaat\" # geen opmerking"}


# twee lege regels hierboven worden er één
definitie   oud   {
        waarde leeftijd(leerling.geboortedatum)>=12 en(leerling.setting="so"of leerling.setting ≠ "sbo")
   bron "x"   }
parameter termijn{waarde 1 weken bron "t"}
aanvraag tlv { bron "y"
  eis a { tekst "t" voorwaarde niet (a en b) bron "z" } # na het blok
  termijn besluit {   # achter de accolade
    wat "w"
    uiterlijk aanvraag.ingediend_op+8 weken
    alleen_als aanvraag.compleet  en bekend(aanvraag.ingediend_op) en school.bot_overleggen ≥ 2 # na de derde
      en ondersteuningsbehoeften.aanwezigheid_pct ≤ 50
      # eigen regel tussen operanden
      en  x × 2 = -4
    bron "b"

  }


  uitkomst categorie { waarde als a dan "hoog" anders als (b of c) en d dan "midden" anders "laag" bron "c" }
  deskundige d { disciplines ["orthopedagoog",   # de eerste
      "psycholoog"] bron "d" }
}
# slot
"#;

#[test]
fn a_messy_file_gets_the_canonical_layout() {
    let once = format("messy.passend", MESSY);
    assert_eq!(tree("messy", &once), tree("messy", MESSY));
    assert_eq!(format("messy.passend", &once), once, "idempotent");
    let (c0, s0) = comments_and_strings(MESSY);
    let (c1, s1) = comments_and_strings(&once);
    assert_eq!(c1.len(), c0.len(), "every comment kept");
    let mut sorted0 = c0.clone();
    let mut sorted1 = c1.clone();
    sorted0.sort();
    sorted1.sort();
    assert_eq!(sorted1, sorted0, "the same comments");
    assert_eq!(s1, s0, "string literals exactly as written");
    // Canonical literals and operators.
    assert!(once.contains("waarde € 50.000 vanaf 2025-08-01  # eerste bedrag"));
    assert!(once.contains("waarde € 12,50 vanaf 2026-01-01"));
    assert!(once.contains("waarde € 1.250 vanaf 2026-08-01"));
    assert!(once.contains("waarde 1 week"));
    assert!(once.contains("leerling.setting != \"sbo\""));
    assert!(once.contains("school.bot_overleggen >= 2  # na de derde"));
    assert!(once.contains("en x * 2 = -4"));
    // A comment inside a list cannot stay there: it moves above its attribute.
    assert!(once.contains("    # de eerste\n    disciplines [\"orthopedagoog\", \"psycholoog\"]"));
    insta::assert_snapshot!("messy", once);
}

#[test]
fn long_conditions_wrap_one_operand_per_line() {
    let text = "definitie d {\n  waarde bekend(aanvraag.cpo_advies) en aanvraag.cpo_advies = \"D\" en bekend(ouders.eens_met_aanvraag) en niet ouders.eens_met_aanvraag\n  bron \"b\"\n}\n";
    let once = format("wrap.passend", text);
    assert_eq!(
        once,
        "definitie d {\n  waarde bekend(aanvraag.cpo_advies)\n         en aanvraag.cpo_advies = \"D\"\n         en bekend(ouders.eens_met_aanvraag)\n         en niet ouders.eens_met_aanvraag\n  bron \"b\"\n}\n"
    );
    assert!(once.lines().all(|l| l.chars().count() <= passend::tools::fmt::WIDTH));
}

/// Issue 12, finding 4: amounts as the handbooks write them (`€ 750,-`,
/// `€750`, `€ 1.000,50`, `750,00`) are amounts, and `fmt` writes them as
/// `€ 750`, `€ 1.000,50`.
#[test]
fn handbook_money_notations_are_amounts_in_canonical_form() {
    let cases = [
        ("€ 750,-", "€ 750"),
        ("€750,-", "€ 750"),
        ("€ 750,00", "€ 750"),
        ("€750", "€ 750"),
        ("€ 1.000,50", "€ 1.000,50"),
        ("750,00", "€ 750"),
        ("750,-", "€ 750"),
        ("EUR 50.000,00", "€ 50.000"),
    ];
    for (written, canonical) in cases {
        let text = format!("parameter p {{\n  waarde {written}\n  bron \"2.1\"\n}}\n");
        let expected = format!("parameter p {{\n  waarde {canonical}\n  bron \"2.1\"\n}}\n");
        assert_eq!(format("p.passend", &text), expected, "{written}");
    }
}

fn passend(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run passend: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn check_lists_unformatted_files_and_fmt_rewrites_them() {
    let dir = std::env::temp_dir().join(format!("passend-fmt-test-{}", std::process::id()));
    let version = dir.join("regions/testregio/v1");
    std::fs::create_dir_all(&version).unwrap_or_else(|e| panic!("{e}"));
    let messy = version.join("10-messy.passend");
    let tidy = version.join("00-tidy.passend");
    std::fs::write(&messy, MESSY).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&tidy, "parameter p {\n  waarde 1\n  bron \"b\"\n}\n").unwrap_or_else(|e| panic!("{e}"));

    let (code, stdout, _) = passend(&["fmt", "--check"], &dir);
    assert_eq!(code, 1, "--check fails on an unformatted file");
    assert!(stdout.contains("niet opgemaakt: regions/testregio/v1/10-messy.passend"), "{stdout}");
    assert!(!stdout.contains("00-tidy"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&messy).unwrap_or_default(), MESSY, "--check writes nothing");

    let (code, stdout, _) = passend(&["fmt"], &dir);
    assert_eq!(code, 0);
    assert!(stdout.contains("1 bestand(en) herschreven, 1 al in orde"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&messy).unwrap_or_default(), format("m", MESSY));

    let (code, stdout, _) = passend(&["fmt", "--check", "regions/testregio/v1/10-messy.passend"], &dir);
    assert_eq!(code, 0, "{stdout}");

    std::fs::write(&messy, "parameter p {\n  waarde\n}\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = passend(&["fmt", "--check"], &dir);
    assert_eq!(code, 2, "a file that does not parse is a rule-file error");
    assert!(stderr.contains("passend::syntax"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

mod generated {
    //! Random expressions (with random parentheses, operator spellings, line
    //! breaks and comments between tokens): whatever parses must format to the
    //! same tree, keep its comments and be idempotent.

    use super::{comments_and_strings, format, syntax_tree, tree};
    use proptest::prelude::*;

    fn leaf() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "b.c", "12", "€ 5", "EUR 1.250,50", "\"x # y\"", "ja", "nee", "2 weken", "1 dag", "31 juli",
            "2025-08-01", "bekend(a)", "[1, 2]", "max(a, 3)", "een_heel_lange_naam_van_een_definitie_die_regels_breekt",
        ])
        .prop_map(str::to_string)
    }

    fn sep() -> impl Strategy<Value = String> {
        prop::sample::select(vec![" ", " ", " ", "  ", "\n    ", " # opmerking\n  "]).prop_map(str::to_string)
    }

    fn expr() -> impl Strategy<Value = String> {
        leaf().prop_recursive(5, 40, 3, |inner| {
            let op = prop::sample::select(vec![
                "of", "en", "=", "!=", "≠", "<", "<=", "≤", ">", ">=", "in", "+", "-", "*", "×",
            ]);
            prop_oneof![
                (inner.clone(), sep(), op, sep(), inner.clone()).prop_map(|(l, s1, o, s2, r)| format!("{l}{s1}{o}{s2}{r}")),
                inner.clone().prop_map(|x| format!("({x})")),
                inner.clone().prop_map(|x| format!("niet {x}")),
                inner.clone().prop_map(|x| format!("-{x}")),
                (inner.clone(), sep(), inner.clone(), sep(), inner)
                    .prop_map(|(c, s1, t, s2, e)| format!("als {c}{s1}dan {t}{s2}anders {e}")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
        #[test]
        fn formatting_keeps_the_tree_and_the_comments(e in expr(), depth in 0usize..3) {
            let mut text = String::from("aanvraag tlv {\n");
            let inner = format!("eis e {{\n voorwaarde {e}\n bron \"b\" }}\n");
            text.push_str(&if depth == 0 { inner } else { format!("uitkomst u {{ waarde {e} bron \"b\" }}\n{inner}") });
            text.push_str("}\n");
            let parsed = syntax_tree(&passend::SourceFile::new("g", text.as_str()));
            prop_assume!(parsed.is_ok());
            let once = format("g.passend", &text);
            prop_assert_eq!(tree("g", &once), tree("g", &text));
            prop_assert_eq!(format("g.passend", &once), once.clone());
            let (c0, s0) = comments_and_strings(&text);
            let (c1, s1) = comments_and_strings(&once);
            prop_assert_eq!(c1.len(), c0.len());
            prop_assert_eq!(s1, s0);
        }
    }
}

mod editor_grammar {
    //! editors/: the TextMate grammar is valid JSON with the keys editors
    //! need, every `#include` resolves, and it knows every keyword, block
    //! kind, time unit and month of grammar/passend.pest. (Its tokens on every
    //! bundled rule file were checked with vscode-textmate; see editors/README.md.)

    use super::root;
    use serde_json::Value;

    fn json(path: &str) -> Value {
        let text = std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"))
    }

    fn collect(v: &Value, key: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k == key, x) {
                        (true, Value::String(s)) => out.push(s.clone()),
                        _ => collect(x, key, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, key, out)),
            _ => {}
        }
    }

    /// The words of a pest rule like `keyword = @{ ("en" | "of" | ...) ~ ... }`.
    fn pest_words(rule: &str) -> Vec<String> {
        let pest = std::fs::read_to_string(root().join("grammar/passend.pest")).unwrap_or_default();
        let line = pest.lines().find(|l| l.starts_with(&format!("{rule} ="))).unwrap_or_else(|| panic!("no rule {rule}"));
        let words: Vec<String> = line.split('"').skip(1).step_by(2).map(str::to_string).collect();
        assert!(words.len() >= 4, "rule {rule}: {words:?}");
        words
    }

    #[test]
    fn the_textmate_grammar_is_complete() {
        let g = json("editors/passend.tmLanguage.json");
        assert_eq!(g["scopeName"], "source.passend");
        assert_eq!(g["name"], "passend");
        assert!(g["fileTypes"].as_array().is_some_and(|a| a.iter().any(|x| x == "passend")));
        assert!(g["patterns"].as_array().is_some_and(|a| !a.is_empty()));
        let repo = g["repository"].as_object().unwrap_or_else(|| panic!("no repository"));
        let mut includes = Vec::new();
        collect(&g, "include", &mut includes);
        for inc in &includes {
            let key = inc.strip_prefix('#').unwrap_or_else(|| panic!("include {inc} is not local"));
            assert!(repo.contains_key(key), "include {inc} has no repository entry");
        }
        let mut names = Vec::new();
        collect(&g, "name", &mut names);
        for n in names.iter().filter(|n| n.contains('.')) {
            assert!(n.ends_with(".passend"), "scope {n} does not end in .passend");
        }
        let mut regexes = Vec::new();
        for key in ["match", "begin", "end"] {
            collect(&g, key, &mut regexes);
        }
        assert!(regexes.iter().all(|r| !r.is_empty()));
        let all = regexes.join("\n");
        for word in pest_words("keyword").iter().chain(&pest_words("time_unit")).chain(&pest_words("month_name")) {
            assert!(all.contains(word.as_str()), "the grammar does not know `{word}`");
        }
        let header = repo["block-header"]["match"].as_str().unwrap_or("");
        for kind in [
            "regio", "parameter", "definitie", "regels", "aanvraag", "workflow", "eis", "deskundige", "bedrag", "termijn",
            "waarschuwing", "uitkomst", "status", "overgang",
        ] {
            assert!(header.contains(&format!("|{kind}|")) || header.contains(&format!("({kind}|")) || header.contains(&format!("|{kind})")), "block kind {kind}");
        }
        for scope in ["comment.line", "string.quoted", "constant.numeric.money", "constant.numeric.date", "constant.numeric.duration", "constant.numeric.daymonth", "constant.numeric.integer", "keyword.operator.comparison", "variable.other.property"] {
            assert!(names.iter().any(|n| n.starts_with(scope)), "no {scope} scope");
        }
    }

    #[test]
    fn the_vscode_extension_points_at_the_grammar() {
        let p = json("editors/package.json");
        let grammar = &p["contributes"]["grammars"][0];
        assert_eq!(grammar["scopeName"], "source.passend");
        assert_eq!(grammar["language"], "passend");
        let path = grammar["path"].as_str().unwrap_or("");
        assert!(root().join("editors").join(path).is_file(), "grammar path {path}");
        let lang = &p["contributes"]["languages"][0];
        assert!(lang["extensions"].as_array().is_some_and(|a| a.iter().any(|x| x == ".passend")));
        let conf = lang["configuration"].as_str().unwrap_or("");
        let c = json(&format!("editors/{}", conf.trim_start_matches("./")));
        assert_eq!(c["comments"]["lineComment"], "#");
    }
}

use super::*;
use crate::diagnostics::Code;
use crate::syntax::ast::Item;

fn recovered(text: &str) -> Recovered {
    parse_recovering(&SourceFile::new("t.passend", text))
}

fn names(r: &Recovered) -> Vec<String> {
    r.file.blocks.iter().map(|b| format!("{} {}", b.kind.name, b.name.name)).collect()
}

fn attr_keys(b: &Block) -> Vec<&str> {
    b.items
        .iter()
        .filter_map(|i| match i {
            Item::Attr(a) => Some(a.key.name.as_str()),
            Item::Block(_) => None,
        })
        .collect()
}

const THREE_BROKEN: &str = r#"parameter goed_een {
  waarde € 750
  bron "a"
}

parameter kapot_een {
  waarde € 750 +
  bron "b"
}

definitie goed_twee {
  waarde goed_een * 2
  bron "c"
}

definitie kapot_twee {
  waarde (1 + 2
  bron "d"
}

# een opmerking met { en " erin
aanvraag tlv {
  bron "e"
  eis kapot_drie {
    tekst "ok"
    voorwaarde leerling.emb = = ja
    bron "f"
  }
  eis goed_drie {
    tekst "ok"
    voorwaarde leerling.emb
    bron "g"
  }
}
"#;

#[test]
fn three_broken_blocks_are_three_located_problems() {
    let r = recovered(THREE_BROKEN);
    assert_eq!(r.problems.len(), 3, "{:#?}", r.problems.iter().map(|p| (&p.message, p.span)).collect::<Vec<_>>());
    let src = SourceFile::new("t.passend", THREE_BROKEN);
    let lines: Vec<usize> = r.problems.iter().map(|p| src.line_col(p.span.start as usize).0).collect();
    // Each problem sits in its own broken block: lines 6-9, 16-19 and 24-28.
    assert!((7..=8).contains(&lines[0]), "{lines:?}");
    assert!((17..=18).contains(&lines[1]), "{lines:?}");
    assert_eq!(lines[2], 26, "{lines:?}");
    assert!(r.problems.iter().all(|p| p.code == Code::Syntax));
    assert_eq!(r.damaged.len(), 3);
}

#[test]
fn intact_blocks_survive_and_broken_blocks_keep_their_names() {
    let r = recovered(THREE_BROKEN);
    assert_eq!(
        names(&r),
        ["parameter goed_een", "parameter kapot_een", "definitie goed_twee", "definitie kapot_twee", "aanvraag tlv"]
    );
    // The broken attribute is left out, the others stay.
    assert_eq!(attr_keys(&r.file.blocks[1]), ["bron"]);
    // Spans point into the whole file.
    let goed_twee = &r.file.blocks[2];
    assert_eq!(&THREE_BROKEN[goed_twee.name.span.start as usize..goed_twee.name.span.end as usize], "goed_twee");
    let tlv = &r.file.blocks[4];
    let nested: Vec<&str> = tlv
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(b.name.name.as_str()),
            Item::Attr(_) => None,
        })
        .collect();
    assert_eq!(nested, ["kapot_drie", "goed_drie"]);
    let Some(Item::Block(kapot)) = tlv.items.get(1) else { panic!("eis kapot_drie ontbreekt") };
    assert_eq!(attr_keys(kapot), ["tekst", "bron"]);
}

#[test]
fn a_missing_brace_is_reported_at_the_block_and_the_next_block_still_parses() {
    let text = "parameter a {\n  waarde 1\n  bron \"x\"\n\nparameter b {\n  waarde 2\n  bron \"y\"\n}\n";
    let r = recovered(text);
    assert_eq!(r.problems.len(), 1);
    // The parser's own hint names the block left open, at its `{`.
    assert_eq!(r.problems[0].code, Code::BlokOpen);
    assert_eq!(r.problems[0].message, "`parameter a` is niet afgesloten");
    assert_eq!(r.problems[0].span.start, 12);
    assert_eq!(names(&r), ["parameter a", "parameter b"]);
    assert_eq!(attr_keys(&r.file.blocks[0]), ["waarde", "bron"]);
}

#[test]
fn a_valid_file_has_no_problems_and_the_same_tree() {
    let text = "parameter a {\n  waarde 1 # één\n  bron \"x { y\"\n}\n";
    let r = recovered(text);
    assert!(r.problems.is_empty());
    assert_eq!(names(&r), ["parameter a"]);
}

#[test]
fn chunks_know_strings_and_comments() {
    let text = "a b { c \"}\" # }\n}\n# x {\nd e {\n}\n";
    let chunks = top_level_chunks(text);
    assert_eq!(chunks.len(), 2);
    assert_eq!(&text[chunks[0].start..chunks[0].end], "a b { c \"}\" # }\n}");
    assert_eq!(&text[chunks[1].start..chunks[1].end], "d e {\n}");
}

#[test]
fn a_value_problem_stays_one_problem_per_value() {
    let text = "parameter a {\n  waarde 2025-02-30\n  bron \"x\"\n}\nparameter b {\n  waarde 1\n  bron \"y\"\n}\n";
    let r = recovered(text);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].code, Code::Datum);
    assert_eq!(names(&r), ["parameter b"]);
}

#[test]
fn garbage_never_panics() {
    for text in ["{", "}", "}}}{{{", "\"", "a", "a b {", "a b { \"", "é ü {", "parameter x {\n\"", "#"] {
        let r = recovered(text);
        assert!(!r.problems.is_empty() || r.file.blocks.is_empty() || text == "#", "{text:?}");
    }
}

#[test]
fn stray_text_before_a_block_does_not_swallow_it() {
    let text = "onzin hier\nparameter a {\n  waarde 1\n  bron \"x\"\n}\n";
    let r = recovered(text);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(names(&r), ["parameter a"]);
}

#[test]
fn damaged_bundled_files_never_panic_and_problems_point_into_the_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regions/leiden/2019-2020");
    let text = std::fs::read_to_string(dir.join("1-tlv.passend")).unwrap_or_default();
    assert!(!text.is_empty());
    // Deterministic damage: delete or duplicate one character at 60 places.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let chars: Vec<char> = text.chars().collect();
    let blocks = recovered(&text).file.blocks.len();
    assert!(blocks >= 8, "{blocks}");
    for round in 0..60 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let at = (seed >> 33) as usize % chars.len();
        let mut damaged: String = chars.iter().take(at).collect();
        if round % 2 == 1 {
            damaged.push(chars[at]);
        }
        damaged.extend(chars.iter().skip(at + 1));
        let r = recovered(&damaged);
        for p in &r.problems {
            assert!(p.span.end as usize <= damaged.len() && p.span.start <= p.span.end, "{round}: {:?}", p.span);
        }
        // A single damaged character breaks at most a few places, never the whole file.
        assert!(r.problems.len() <= 3, "{round}: {:?}", r.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
        // ... and costs at most the one block it is in.
        assert!(r.file.blocks.len() + 1 >= blocks, "{round}: {} of {blocks} blocks", r.file.blocks.len());
    }
}

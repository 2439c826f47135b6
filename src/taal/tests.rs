//! The table is consistent with itself and with the grammar.

use super::*;

#[test]
fn every_nested_kind_is_a_block_kind_and_every_block_kind_has_a_place() {
    for name in TOP_LEVEL.iter().chain(BLOCKS.iter().flat_map(|b| b.children)) {
        assert!(block(name).is_some(), "`{name}` is not in BLOCKS");
    }
    for b in BLOCKS {
        let placed = TOP_LEVEL.contains(&b.name) || BLOCKS.iter().any(|p| p.children.contains(&b.name));
        assert!(placed, "`{}` can stand nowhere", b.name);
        assert!(!b.doc.is_empty(), "`{}` has no explanation", b.name);
        for a in b.attrs {
            assert!(!a.doc.is_empty(), "`{}` in `{}` has no explanation", a.name, b.name);
            assert_eq!(b.attrs.iter().filter(|x| x.name == a.name).count(), 1, "`{}` twice in `{}`", a.name, b.name);
        }
    }
}

#[test]
fn every_builtin_has_one_function_and_a_signature_with_its_arity() {
    for f in FUNCTIONS {
        assert_eq!(FUNCTIONS.iter().filter(|g| g.name == f.name).count(), 1, "{}", f.name);
        if let Some(b) = f.builtin {
            assert_eq!(b.name(), f.name);
        }
        let inner = f.signature.strip_prefix(f.name).and_then(|s| s.strip_prefix('(')).and_then(|s| s.split(") →").next());
        let inner = inner.unwrap_or_else(|| panic!("signature of {}: {}", f.name, f.signature));
        assert_eq!(inner.split(", ").count(), f.params.arity(), "{}: {}", f.name, f.signature);
    }
}

#[test]
fn the_grammar_reserves_exactly_the_reserved_keywords_and_knows_every_unit_and_month() {
    let grammar = include_str!("../../grammar/passend.pest");
    let line = |rule: &str| grammar.lines().find(|l| l.starts_with(rule)).unwrap_or_default().to_string();
    let quoted = |l: String| l.split('"').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>();
    let reserved: Vec<&str> = KEYWORDS.iter().filter(|k| k.reserved).map(|k| k.word).collect();
    assert_eq!(quoted(line("keyword ")), reserved);
    let mut units: Vec<String> = quoted(line("time_unit "));
    units.sort();
    let mut ours: Vec<String> = UNITS.iter().flat_map(|u| [u.one, u.many]).map(str::to_string).collect();
    ours.sort();
    ours.dedup();
    assert_eq!(units, ours);
    assert_eq!(quoted(line("month_name ")), MONTHS.iter().map(|m| m.to_string()).collect::<Vec<_>>());
    for u in UNITS {
        assert_eq!(unit(u.one), Some(u.unit));
        assert_eq!(crate::value::unit_name(2, u.unit), u.many);
        assert_eq!(crate::value::unit_name(1, u.unit), u.one);
    }
}

#[test]
fn the_keuze_lists_the_table_names_are_those_of_deskundige_and_termijn() {
    assert_eq!(keuze_lists().collect::<Vec<_>>(), ["deskundige_rol", "deskundige_vorm", "discipline", "termijnsoort"]);
}

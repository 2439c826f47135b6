//! The checker holds every rule file to the language table (`crate::taal`).

use crate::taal::{self, sample, ValueKind};

#[test]
fn a_rule_set_using_every_block_kind_and_attribute_of_the_table_checks() {
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab);
    let problems = sample::check(&vocab, &text);
    assert!(problems.is_empty(), "{text}\n{:#?}", problems.iter().map(|p| (&p.message, &p.help)).collect::<Vec<_>>());
}

#[test]
fn an_attribute_not_in_the_table_is_refused_with_a_did_you_mean() {
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab);
    for kind in taal::BLOCKS {
        for a in kind.attrs {
            let found = sample::attr_at(&text, kind.name, a.name);
            let (at, _) = found.unwrap_or_else(|| panic!("no `{}` in `{}`", a.name, kind.name));
            let typo = format!("{}{}x{}", &text[..at], a.name, &text[at + a.name.len()..]);
            let problems = sample::check(&vocab, &typo);
            let refused = problems.iter().find(|p| p.code == "passend::onbekend_attribuut" && p.message.contains(&format!("`{}x`", a.name)));
            let refused = refused.unwrap_or_else(|| panic!("`{}x` in `{}` was not refused: {problems:?}", a.name, kind.name));
            assert_eq!(refused.help.as_deref(), Some(format!("bedoel je `{}`?", a.name).as_str()), "{}", kind.name);
            let missing = problems.iter().any(|p| p.code.ends_with("_ontbreekt") && p.message.ends_with(&format!("`{}`", a.name)));
            assert_eq!(missing || (a.name == "bron" && problems.iter().any(|p| p.code == "passend::bron_ontbreekt")), a.required, "{} {}", kind.name, a.name);
        }
    }
}

#[test]
fn a_value_of_the_wrong_kind_is_refused_for_every_typed_attribute() {
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab);
    for kind in taal::BLOCKS {
        for a in kind.attrs {
            let wrong = match a.value {
                ValueKind::TextLiteral | ValueKind::Text | ValueKind::Keuze(_) | ValueKind::KeuzeList(_) => "2025-08-01",
                ValueKind::DateLiteral | ValueKind::Date | ValueKind::Bool | ValueKind::Money => "\"t\"",
                _ => continue,
            };
            let found = sample::attr_at(&text, kind.name, a.name);
            let (at, end) = found.unwrap_or_else(|| panic!("no `{}` in `{}`", a.name, kind.name));
            let bad = format!("{}{} {wrong}\n{}", &text[..at], a.name, &text[end..]);
            let problems = sample::check(&vocab, &bad);
            assert!(problems.iter().any(|p| p.code == "passend::type"), "`{} {wrong}` in `{}` was accepted: {problems:?}", a.name, kind.name);
        }
    }
}

#[test]
fn an_attribute_in_a_regels_group_says_the_group_holds_only_rules() {
    // On main the help was "een `regels` heeft: " with nothing after it.
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab).replacen("regels g {\n", "regels g {\n  zzz 1\n", 1);
    let problems = sample::check(&vocab, &text);
    let p = problems.iter().find(|p| p.code == "passend::onbekend_attribuut").map(|p| p.help.clone());
    assert_eq!(p.flatten().as_deref(), Some("een `regels` heeft geen attributen, alleen blokken: eis, deskundige, bedrag, termijn, waarschuwing, uitkomst"));
}

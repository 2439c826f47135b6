//! The checker holds every rule file to the language table (`crate::taal`).

use crate::diagnostics::Code;
use crate::taal::{self, sample, ValueKind};

/// Calls `test` with the sample rule set for every block kind and attribute of the table.
fn each_attribute(mut test: impl FnMut(&crate::vocab::Vocabulary, &str, &taal::BlockKind, &taal::AttrSpec)) {
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab);
    for kind in taal::BLOCKS {
        kind.attrs.iter().for_each(|a| test(&vocab, &text, kind, a));
    }
}

/// `text` with the line of attribute `attr` in the first `kind` block written as `line`.
fn with_line(text: &str, kind: &str, attr: &str, line: &str) -> String {
    let (at, end) = sample::attr_at(text, kind, attr).unwrap_or_else(|| panic!("no `{attr}` in `{kind}`"));
    format!("{}{line}\n{}", &text[..at], &text[end..])
}

#[test]
fn a_rule_set_using_every_block_kind_and_attribute_of_the_table_checks() {
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab);
    let problems = sample::check(&vocab, &text);
    assert!(problems.is_empty(), "{text}\n{:#?}", problems.iter().map(|p| (&p.message, &p.help)).collect::<Vec<_>>());
}

#[test]
fn an_attribute_not_in_the_table_is_refused_with_a_did_you_mean() {
    each_attribute(|vocab, text, kind, a| {
        let typo = with_line(text, kind.name, a.name, &format!("{}x {}", a.name, sample::value_for(vocab, a.value)));
        let problems = sample::check(vocab, &typo);
        let refused = problems.iter().find(|p| p.code == Code::OnbekendAttribuut && p.message.contains(&format!("`{}x`", a.name)));
        let refused = refused.unwrap_or_else(|| panic!("`{}x` in `{}` was not refused: {problems:?}", a.name, kind.name));
        assert_eq!(refused.help.as_deref(), Some(format!("bedoel je `{}`?", a.name).as_str()), "{}", kind.name);
        let missing = problems.iter().any(|p| matches!(p.code, Code::AttribuutOntbreekt | Code::BronOntbreekt) && p.message.ends_with(&format!("`{}`", a.name)));
        assert_eq!(missing || (a.name == "bron" && problems.iter().any(|p| p.code == Code::BronOntbreekt)), a.required, "{} {}", kind.name, a.name);
    });
}

#[test]
fn a_value_of_the_wrong_kind_is_refused_for_every_typed_attribute() {
    each_attribute(|vocab, text, kind, a| {
        let wrong = match a.value {
            ValueKind::TextLiteral | ValueKind::Text | ValueKind::Keuze(_) | ValueKind::KeuzeList(_) => "2025-08-01",
            ValueKind::DateLiteral | ValueKind::Date | ValueKind::Bool | ValueKind::Money => "\"t\"",
            _ => return,
        };
        let bad = with_line(text, kind.name, a.name, &format!("{} {wrong}", a.name));
        let problems = sample::check(vocab, &bad);
        assert!(problems.iter().any(|p| p.code == Code::Type), "`{} {wrong}` in `{}` was accepted: {problems:?}", a.name, kind.name);
    });
}

#[test]
fn an_attribute_in_a_regels_group_says_the_group_holds_only_rules() {
    // On main the help was "een `regels` heeft: " with nothing after it.
    let vocab = sample::vocabulary();
    let text = sample::rule_set(&vocab).replacen("regels g {\n", "regels g {\n  zzz 1\n", 1);
    let problems = sample::check(&vocab, &text);
    let p = problems.iter().find(|p| p.code == Code::OnbekendAttribuut).map(|p| p.help.clone());
    assert_eq!(p.flatten().as_deref(), Some("een `regels` heeft geen attributen, alleen blokken: eis, deskundige, bedrag, termijn, waarschuwing, uitkomst"));
}

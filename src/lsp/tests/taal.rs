//! The editor offers and documents exactly the language table (`crate::taal`):
//! every block kind and attribute is completed where it belongs, hovering over
//! it explains it, and every function is offered with its signature.

use super::{small, HEADER};
use crate::lsp::completion::complete;
use crate::lsp::hover::hover;
use crate::taal::{self, sample};

const KEY: &str = "testregio/v1/b.passend";

fn sample_workspace() -> (crate::lsp::workspace::Workspace, String) {
    let vocab = sample::vocabulary();
    // The sample's own header stands in a.passend, as HEADER does.
    let text = sample::rule_set(&vocab);
    let body = text.split_once("\n\n").map(|(_, rest)| rest.to_string()).unwrap_or_default();
    (small(&[("a.passend", HEADER), ("b.passend", &body)]), body)
}

/// Byte offsets of each block's header line (`  kind name {`) in the sample.
fn headers(text: &str) -> Vec<(usize, &'static taal::BlockKind)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let first = line.split_whitespace().next().unwrap_or("");
        if line.trim_end().ends_with('{') {
            if let Some(kind) = taal::block(first) {
                out.push((offset + line.len() - line.trim_start().len(), kind));
            }
        }
        offset += line.len();
    }
    out
}

#[test]
fn every_block_kind_and_attribute_is_completed_where_it_belongs_and_hover_explains_it() {
    let (ws, text) = sample_workspace();
    let found = headers(&text);
    assert_eq!(found.len() + 1, taal::BLOCKS.len() + taal::RULE_KINDS.len(), "every kind once, rule kinds twice, regio in a.passend");
    for (at, kind) in found {
        // Completion at the start of the block's first line: its attributes and nested kinds.
        let body = at + text[at..].find("{\n").unwrap_or(0) + 2;
        let labels: Vec<String> = complete(&ws, KEY, body).into_iter().map(|i| i.label).collect();
        for name in kind.attrs.iter().map(|a| a.name).chain(kind.children.iter().copied()) {
            assert!(labels.iter().any(|l| l == name), "`{name}` not offered in `{}`: {labels:?}", kind.name);
        }
        let (about_kind, _) = hover(&ws, KEY, at + 1).unwrap_or_else(|| panic!("no hover on `{}`", kind.name));
        assert!(about_kind.contains(kind.doc), "{about_kind}");
        for a in kind.attrs {
            let key_at = body + text[body..].find(&format!(" {} ", a.name)).unwrap_or(0) + 1;
            let (about, _) = hover(&ws, KEY, key_at + 1).unwrap_or_else(|| panic!("no hover on `{}` in `{}`", a.name, kind.name));
            assert!(about.contains(a.doc) && about.contains(&a.value.describe()), "{about}");
        }
    }
}

#[test]
fn formatting_keeps_every_block_and_attribute_of_the_table() {
    let text = sample::rule_set(&sample::vocabulary());
    let formatted = crate::fmt::format_source(&crate::source::SourceFile::new("t.passend", text.as_str()));
    let formatted = formatted.unwrap_or_else(|p| panic!("{p:?}"));
    for kind in taal::BLOCKS {
        assert!(formatted.contains(&format!("{} ", kind.name)), "{}", kind.name);
        for a in kind.attrs {
            assert!(formatted.contains(&format!("  {} ", a.name)), "{} in {}", a.name, kind.name);
        }
    }
}

#[test]
fn every_function_is_offered_with_its_signature_and_hover_explains_it() {
    let text = "definitie x {\n  waarde \n  bron \"b\"\n}\n";
    let ws = small(&[("a.passend", HEADER), ("b.passend", text)]);
    let items = complete(&ws, KEY, text.find("waarde ").unwrap_or(0) + 7);
    for f in taal::FUNCTIONS {
        let item = items.iter().find(|i| i.label == f.name).unwrap_or_else(|| panic!("`{}` not offered", f.name));
        assert_eq!(item.detail.as_deref(), Some(f.signature));
        let call = format!("definitie x {{\n  waarde {}()\n  bron \"b\"\n}}\n", f.name);
        let ws = small(&[("a.passend", HEADER), ("b.passend", &call)]);
        let (about, _) = hover(&ws, KEY, call.find(f.name).unwrap_or(0) + 1).unwrap_or_else(|| panic!("no hover on {}", f.name));
        assert!(about.contains(f.signature) && about.contains(f.doc), "{about}");
    }
}

#[test]
fn a_keuze_attribute_is_completed_with_the_values_of_its_list() {
    let text = "aanvraag tlv {\n  deskundige d {\n    rol \n  }\n}\n";
    let ws = small(&[("a.passend", HEADER), ("b.passend", text)]);
    let labels: Vec<String> = complete(&ws, KEY, text.find("rol ").unwrap_or(0) + 4).into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["eerste", "tweede"]);
}

#[test]
fn a_special_name_is_explained_on_hover() {
    let text = "aanvraag tlv {\n  uitkomst u {\n    waarde in_aanmerking\n    bron \"b\"\n  }\n}\n";
    let ws = small(&[("a.passend", HEADER), ("b.passend", text)]);
    let (about, _) = hover(&ws, KEY, text.find("in_aanmerking").unwrap_or(0) + 2).unwrap_or_default();
    assert!(about.contains("of de aanvraag in aanmerking komt"), "{about}");
}

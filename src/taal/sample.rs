//! Test support: one rule set that uses every block kind and every attribute
//! of the table, each with a value of the kind the table gives it.

use super::{BlockKind, NameOf, ValueKind, BLOCKS, RULE_KINDS};
use crate::vocab::Vocabulary;

/// The region the sample names (tests add it to the vocabulary's `regio` list).
pub const REGIO: &str = "testregio";

/// A value of `kind` that the checker accepts in the sample rule set.
pub fn value_for(vocab: &Vocabulary, kind: ValueKind) -> String {
    let first = |list: &str| {
        let values = vocab.enum_by_name.get(list).and_then(|id| vocab.enums.get(*id)).map(|e| e.values.clone());
        values.and_then(|v| v.first().map(|x| format!("\"{x}\""))).unwrap_or_else(|| panic!("keuzelijst `{list}`"))
    };
    match kind {
        ValueKind::TextLiteral | ValueKind::Text => "\"t\"".into(),
        ValueKind::DateLiteral | ValueKind::Date => "2025-08-01".into(),
        ValueKind::Bool => "ja".into(),
        ValueKind::Money | ValueKind::Constant => "€ 10".into(),
        ValueKind::Keuze(list) => first(list),
        ValueKind::KeuzeList(list) => format!("[{}]", first(list)),
        ValueKind::Any => "1".into(),
        ValueKind::Field => "aanvraag.status".into(),
        ValueKind::Name(NameOf::Status) => "s".into(),
        ValueKind::Name(NameOf::Workflow) => "w".into(),
        ValueKind::Name(NameOf::Uitkomst) => "melden_bij".into(),
        ValueKind::Name(NameOf::Groep) | ValueKind::Names(NameOf::Groep) => "[g]".into(),
        ValueKind::Names(_) => panic!("no sample for {kind:?}"),
    }
}

/// `kind name { every attribute }` at `depth`, with `inner` blocks inside.
pub fn block(vocab: &Vocabulary, kind: &BlockKind, name: &str, depth: usize, inner: &str) -> String {
    let pad = "  ".repeat(depth);
    let mut out = format!("{pad}{} {name} {{\n", kind.name);
    for a in kind.attrs {
        out.push_str(&format!("{pad}  {} {}\n", a.name, value_for(vocab, a.value)));
    }
    out.push_str(inner);
    out.push_str(&format!("{pad}}}\n"));
    out
}

fn kind(name: &str) -> &'static BlockKind {
    super::block(name).unwrap_or_else(|| panic!("block kind `{name}`"))
}

/// One rule file using every block kind and every attribute of the table.
pub fn rule_set(vocab: &Vocabulary) -> String {
    let rules = |prefix: &str| RULE_KINDS.iter().map(|k| block(vocab, kind(k), &format!("{prefix}_{k}"), 1, "")).collect::<String>();
    let workflow_inner = block(vocab, kind("status"), "s", 1, "") + &block(vocab, kind("overgang"), "o", 1, "");
    let mut out = String::new();
    for b in BLOCKS.iter().filter(|b| super::TOP_LEVEL.contains(&b.name)) {
        let (name, inner) = match b.name {
            "regio" => (REGIO, String::new()),
            "regels" => ("g", rules("g")),
            "aanvraag" => ("tlv", rules("a")),
            "workflow" => ("w", workflow_inner.clone()),
            _ => ("x", String::new()),
        };
        out.push_str(&block(vocab, b, name, 0, &inner));
        out.push('\n');
    }
    out
}

/// The bundled vocabulary with `testregio` among its regions.
pub fn vocabulary() -> Vocabulary {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regions/vocabulaire.toml");
    let text = std::fs::read_to_string(path).unwrap_or_default().replacen("regio = [", &format!("regio = [\"{REGIO}\", "), 1);
    Vocabulary::load(&crate::source::SourceFile::new("vocabulaire.toml", text.as_str())).unwrap_or_else(|p| panic!("{p:?}"))
}

/// The problems `check` finds in one rule file of the test region.
pub fn check(vocab: &Vocabulary, text: &str) -> Vec<crate::diagnostics::Problem> {
    let src = crate::source::SourceFile::new("t.passend", text);
    let file = crate::syntax::parse_file(&src).unwrap_or_else(|p| panic!("{text}\n{p:?}"));
    crate::check::check_rule_set(vocab, &[(src, file)], REGIO).err().unwrap_or_default()
}

/// Where the first block of `kind` writes attribute `attr` in `text`: the
/// offset of the attribute's name and of the end of its line.
pub fn attr_at(text: &str, kind: &str, attr: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut inside: Option<String> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        match &inside {
            None if line.trim_start().starts_with(&format!("{kind} ")) && line.trim_end().ends_with('{') => {
                inside = Some(" ".repeat(indent + 2));
            }
            Some(pad) if line.starts_with(&format!("{pad}{attr} ")) => return Some((offset + pad.len(), offset + line.len())),
            _ => {}
        }
        offset += line.len();
    }
    None
}

//! The vocabulary's own contract: the fields the dossier contract requires,
//! with their types, and the keuze lists the checker, compiler and
//! evaluator depend on by name. A vocabulary without them would break every
//! dossier (or silently drop rules), so it is refused when it loads, with a
//! located problem, by `check` and every other command.

use super::Vocabulary;
use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::types::Type;

/// Fields every dossier is read by: (path, type as written, keuze list if any).
const REQUIRED_FIELDS: &[(&str, &str, Option<&str>)] = &[
    ("regio", "keuze:regio", Some("regio")),
    ("peildatum", "datum", None),
    ("aanvraag.soort", "keuze:aanvraagsoort", Some("aanvraagsoort")),
];

/// Keuze lists named in code, with the values named in code. Besides these, every
/// keuze list an attribute of the rule language takes (`crate::taal::keuze_lists`:
/// `deskundige_rol`, `discipline`, `termijnsoort`, ...) must be there.
const REQUIRED_LISTS: &[(&str, &[&str])] = &[
    ("aanvraagsoort", &[]),
];

/// Every keuze list the vocabulary must have, with the values it must hold.
fn required_lists() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    let language = crate::taal::keuze_lists().filter(|l| !REQUIRED_LISTS.iter().any(|(n, _)| n == l)).map(|l| (l, &[][..]));
    REQUIRED_LISTS.iter().copied().chain(language)
}

fn problem(source: &SourceFile, message: String) -> Problem {
    Problem::new(Code::Woordenlijst, source, Span::default(), message)
        .label("woordenlijst")
        .help("het contract van passend vraagt deze velden en keuzelijsten; zonder hen werkt geen enkel dossier (zie ../shared/contract/README.md)")
}

/// The problems with the vocabulary's contract; empty when it holds.
pub(super) fn check(vocab: &Vocabulary, source: &SourceFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, values) in required_lists() {
        match vocab.enum_by_name.get(name).and_then(|id| vocab.enums.get(*id)) {
            None => problems.push(problem(source, format!("de keuzelijst `{name}` ontbreekt in [keuzes]"))),
            Some(list) if list.values.is_empty() => problems.push(problem(source, format!("de keuzelijst `{name}` is leeg"))),
            Some(list) => {
                for v in values {
                    if !list.values.iter().any(|x| &**x == *v) {
                        problems.push(problem(source, format!("de keuzelijst `{name}` mist de waarde `{v}`")));
                    }
                }
            }
        }
    }
    for (path, written, list) in REQUIRED_FIELDS {
        let expected = match list {
            Some(l) => vocab.enum_by_name.get(*l).map(|id| Type::Enum(*id)).or((*l == "regio").then_some(Type::Text)),
            None => Some(Type::Date),
        };
        let Some(expected) = expected else { continue }; // the missing list is reported above
        match vocab.by_path.get(*path).and_then(|id| vocab.field(*id)) {
            None => problems.push(problem(source, format!("het veld `{path}` ontbreekt in [velden]; het hoort `\"{written}\"` te zijn"))),
            // `regio` may also be free text (a test vocabulary without the list): decoding reads text.
            Some(f) if *path == "regio" && f.ty == Type::Text => {}
            Some(f) if f.ty != expected => {
                problems.push(problem(source, format!("het veld `{path}` hoort van type `{written}` te zijn")))
            }
            Some(_) => {}
        }
    }
    problems
}

//! Plausibility in the vocabulary: the `[grenzen]` table declares, per
//! field, the range of a number (`min`, `max` for `geheel` and `bedrag`,
//! also per element of a list) and the order of dates (`voor`: not after
//! that other date field; `na`: not before it). A dossier is checked against
//! them when it is decoded (`crate::dossier`), by both decoders; a violation
//! is an error of code `waarde` that names the field.

use super::{FieldId, Vocabulary};
use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::types::Type;
use serde::Deserialize;
use std::collections::BTreeMap;

/// How a date field relates to another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `voor`: not after the other date.
    NotAfter,
    /// `na`: not before the other date.
    NotBefore,
}

/// One plausibility bound.
#[derive(Clone, Debug)]
pub enum Bound {
    /// A number (or every number of a list) lies in `min..=max`.
    Range { field: FieldId, min: Option<i64>, max: Option<i64> },
    /// A date lies not after / not before another date field.
    Order { field: FieldId, order: Order, other: FieldId },
}

/// One entry of `[grenzen]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BoundSpec {
    min: Option<i64>,
    max: Option<i64>,
    voor: Option<String>,
    na: Option<String>,
}

fn problem(source: &SourceFile, span: Span, message: String) -> Problem {
    Problem::new(Code::Woordenlijst, source, span, message)
        .help("[grenzen]: `min`/`max` voor velden van type geheel of bedrag, `voor`/`na` met een ander datumveld, bv. { voor = \"peildatum\" }")
}

fn is_number(ty: &Type) -> bool {
    match ty {
        Type::Int | Type::Money => true,
        Type::List(inner) => is_number(inner),
        _ => false,
    }
}

/// Reads `[grenzen]` against the fields already loaded.
pub(super) fn load(
    vocab: &Vocabulary,
    specs: &BTreeMap<String, toml::Spanned<BoundSpec>>,
    source: &SourceFile,
    problems: &mut Vec<Problem>,
) -> Vec<Bound> {
    let mut bounds = Vec::new();
    for (path, spec) in specs {
        let span = Span::new(spec.span().start, spec.span().end);
        let spec = spec.get_ref();
        let Some(&field) = vocab.by_path.get(path.replace("[]", "").as_str()) else {
            problems.push(problem(source, span, format!("[grenzen] noemt `{path}`, maar [velden] heeft dat veld niet")));
            continue;
        };
        let ty = vocab.fields.get(field).map(|f| &f.ty);
        if spec.min.is_some() || spec.max.is_some() {
            if !ty.is_some_and(is_number) {
                problems.push(problem(source, span, format!("`{path}` is geen geheel getal of bedrag: `min`/`max` passen er niet bij")));
            } else if let (Some(min), Some(max)) = (spec.min, spec.max) {
                if min > max {
                    problems.push(problem(source, span, format!("`{path}`: min {min} is groter dan max {max}")));
                }
            }
            bounds.push(Bound::Range { field, min: spec.min, max: spec.max });
        }
        for (other, order) in [(&spec.voor, Order::NotAfter), (&spec.na, Order::NotBefore)] {
            let Some(other) = other else { continue };
            let other_id = vocab.by_path.get(other.as_str()).copied();
            let is_date = |id: FieldId| vocab.fields.get(id).is_some_and(|f| f.ty == Type::Date);
            match other_id {
                Some(o) if is_date(field) && is_date(o) && o != field => bounds.push(Bound::Order { field, order, other: o }),
                _ => problems.push(problem(
                    source,
                    span,
                    format!("`{path}` en `{other}` moeten twee verschillende datumvelden (geen lijsten) uit [velden] zijn"),
                )),
            }
        }
    }
    bounds
}

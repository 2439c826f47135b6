//! The plausibility of a decoded dossier: the vocabulary's `[grenzen]`
//! (`crate::vocab::Bound`) checked on the filled slots, and the year range
//! of every date. One check for both decoders (it runs in `finish`).

use super::{DossierError, Melding};
use crate::value::Value;
use crate::vocab::{Bound, FieldId, Order, Vocabulary};
use chrono::NaiveDate;

/// Earliest year a dossier date may have.
pub const MIN_YEAR: i32 = 1900;
/// Latest year a dossier date may have (so every computed termijn stays a four-digit year).
pub const MAX_YEAR: i32 = 2200;

fn path(vocab: &Vocabulary, id: FieldId) -> String {
    vocab.fields.get(id).map(|f| f.path.to_string()).unwrap_or_default()
}

fn refuse(vocab: &Vocabulary, id: FieldId, bericht: String) -> DossierError {
    DossierError::Waarde(Melding { bericht, veld: Some(path(vocab, id)) })
}

/// The numbers of a slot: the value itself, or each element of a list.
fn numbers(v: &Value) -> Vec<i64> {
    match v {
        Value::Int(n) | Value::Money(n) => vec![*n],
        Value::List(items) => items.iter().flat_map(numbers).collect(),
        _ => Vec::new(),
    }
}

/// Checks every bound; the first violation is the error. `peildatum` is the
/// date the dossier is decided on (today when the dossier has none), used
/// for a bound against the `peildatum` field.
pub(super) fn check(vocab: &Vocabulary, slots: &[Option<Value>], peildatum_field: Option<FieldId>, peildatum: NaiveDate) -> Result<(), DossierError> {
    let date = |id: FieldId| match slots.get(id) {
        Some(Some(Value::Date(d))) => Some(*d),
        _ if Some(id) == peildatum_field => Some(peildatum),
        _ => None,
    };
    for bound in &vocab.bounds {
        match *bound {
            Bound::Range { field, min, max } => {
                let Some(Some(v)) = slots.get(field) else { continue };
                for n in numbers(v) {
                    if let Some(min) = min.filter(|m| n < *m) {
                        return Err(refuse(vocab, field, format!("`{n}` is te klein: de woordenlijst staat hier ten minste {min} toe")));
                    }
                    if let Some(max) = max.filter(|m| n > *m) {
                        return Err(refuse(vocab, field, format!("`{n}` is te groot: de woordenlijst staat hier hoogstens {max} toe")));
                    }
                }
            }
            Bound::Order { field, order, other } => {
                let (Some(d), Some(o)) = (date(field), date(other)) else { continue };
                let (wrong, word) = match order {
                    Order::NotAfter => (d > o, "na"),
                    Order::NotBefore => (d < o, "voor"),
                };
                if wrong {
                    let other_path = path(vocab, other);
                    return Err(refuse(
                        vocab,
                        field,
                        format!("{d} ligt {word} `{other_path}` ({o}); dat kan niet volgens de woordenlijst ([grenzen])"),
                    ));
                }
            }
        }
    }
    Ok(())
}

//! Parameters whose dated values (`waarde ... vanaf datum`) overlap or leave
//! a gap at the start of the version (`geldig_vanaf` of the `regio` block).

use super::{finding, Finding, Severity, Version};
use crate::diagnostics::{Code, Problem};
use crate::syntax::ast::{ExprKind, Item};

pub(super) fn check(v: &Version, out: &mut Vec<Finding>) {
    let start = v.blocks().filter(|(_, b)| b.kind.name == "regio").find_map(|(_, b)| {
        b.items.iter().find_map(|i| match i {
            Item::Attr(a) if a.key.name == "geldig_vanaf" => match a.value.kind {
                ExprKind::Date(d) => Some(d),
                _ => None,
            },
            _ => None,
        })
    });
    for (src, p) in v.blocks().filter(|(_, b)| b.kind.name == "parameter") {
        let values: Vec<_> = p
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Attr(a) if a.key.name == "waarde" => Some(a),
                _ => None,
            })
            .collect();
        let dated: Vec<_> = values.iter().filter_map(|a| a.vanaf).collect();
        for (j, (date, span)) in dated.iter().enumerate() {
            if dated.iter().take(j).any(|(d, _)| d == date) {
                out.push(finding(
                    Severity::Error,
                    Problem::new(
                        Code::LintParameterDubbeleDatum,
                        src,
                        *span,
                        format!("parameter `{}` heeft twee waarden vanaf {date}", p.name.name),
                    )
                    .label("tweede waarde vanaf deze datum")
                    .help("op één datum kan één waarde ingaan; haal een van de twee weg of corrigeer de datum"),
                ));
            }
        }
        let undated = values.iter().find(|a| a.vanaf.is_none());
        let Some(first) = dated.iter().min_by_key(|(d, _)| *d) else { continue };
        let Some(start) = start else { continue };
        match undated {
            None if first.0 > start => out.push(finding(
                Severity::Error,
                Problem::new(
                    Code::LintParameterGat,
                    src,
                    first.1,
                    format!("parameter `{}` heeft geen waarde van {start} (begin van de versie) tot {}", p.name.name, first.0),
                )
                .label("eerste waarde begint pas hier")
                .help("geef een waarde zonder `vanaf` (die geldt vanaf het begin van de versie), of een waarde vanaf het begin; nu rekent de engine in het gat met deze eerste waarde"),
            )),
            Some(a) if dated.iter().any(|(d, _)| *d <= start) => out.push(finding(
                Severity::Warning,
                Problem::new(
                    Code::LintParameterWaardeNooit,
                    src,
                    a.value.span,
                    format!("de waarde zonder `vanaf` van parameter `{}` geldt nooit: een datumwaarde gaat al in op of voor {start}", p.name.name),
                )
                .label("geldt nooit")
                .help("haal deze waarde weg, of geef haar de datum waarop zij gold"),
            )),
            _ => {}
        }
    }
}

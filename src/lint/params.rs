//! Parameters whose dated values (`waarde ... vanaf datum`) overlap or leave
//! a gap at the start of the version (`geldig_vanaf` of the `regio` block).

use super::{finding, Finding, Severity};
use crate::check::model::Param;
use crate::compile::Program;
use crate::diagnostics::{Code, Problem};
use crate::source::Span;
use chrono::NaiveDate;

pub(super) fn check(program: &Program, out: &mut Vec<Finding>) {
    let start = program.header().geldig_vanaf;
    for p in program.params() {
        check_param(p, start, out);
    }
}

fn check_param(p: &Param, start: NaiveDate, out: &mut Vec<Finding>) {
    let src = &p.at.source;
    // (date, span of `vanaf`) in date order; values of one date in written order.
    let dated: Vec<(NaiveDate, Span)> =
        p.values.iter().zip(&p.at.values).filter_map(|((from, _), (vanaf, _))| Some(((*from)?, (*vanaf)?))).collect();
    for (j, (date, span)) in dated.iter().enumerate() {
        if dated.iter().take(j).any(|(d, _)| d == date) {
            out.push(finding(
                Severity::Error,
                Problem::new(Code::LintParameterDubbeleDatum, src, *span, format!("parameter `{}` heeft twee waarden vanaf {date}", p.name))
                    .label("tweede waarde vanaf deze datum")
                    .help("op één datum kan één waarde ingaan; haal een van de twee weg of corrigeer de datum"),
            ));
        }
    }
    let undated = p.values.iter().zip(&p.at.values).find(|((from, _), _)| from.is_none()).map(|(_, (_, value))| *value);
    let Some(first) = dated.first() else { return };
    match undated {
        None if first.0 > start => out.push(finding(
            Severity::Error,
            Problem::new(
                Code::LintParameterGat,
                src,
                first.1,
                format!("parameter `{}` heeft geen waarde van {start} (begin van de versie) tot {}", p.name, first.0),
            )
            .label("eerste waarde begint pas hier")
            .help("geef een waarde zonder `vanaf` (die geldt vanaf het begin van de versie), of een waarde vanaf het begin; nu rekent de engine in het gat met deze eerste waarde"),
        )),
        Some(value) if first.0 <= start => out.push(finding(
            Severity::Warning,
            Problem::new(
                Code::LintParameterWaardeNooit,
                src,
                value,
                format!("de waarde zonder `vanaf` van parameter `{}` geldt nooit: een datumwaarde gaat al in op of voor {start}", p.name),
            )
            .label("geldt nooit")
            .help("haal deze waarde weg, of geef haar de datum waarop zij gold"),
        )),
        _ => {}
    }
}

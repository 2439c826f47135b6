//! Small shared renderings for the diff reports: money sums (128-bit, so a
//! total over any number of dossiers is exact) and three-valued answers.

use crate::value::money_literal;

/// `€ 1.234` / `-€ 5,50` for a sum of cents of any size.
pub fn money(cents: i128) -> String {
    if let Ok(c) = i64::try_from(cents) {
        return money_literal(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let grouped = crate::value::thousands(abs / 100);
    match abs % 100 {
        0 => format!("{sign}€ {grouped}"),
        rest => format!("{sign}€ {grouped},{rest:02}"),
    }
}

/// The money line of an impact: `oud €, nieuw €, verschil € (...)`, the
/// difference between `mark`s (`**` in Markdown).
pub fn geld(g: &super::impact::Geld, mark: &str) -> String {
    format!(
        "oud {}, nieuw {}, verschil {mark}{}{mark} ({} dossier(s) meer, {} minder; niet meer te bepalen: {}, nu te bepalen: {})",
        money(g.oud_cent),
        money(g.nieuw_cent),
        money(g.verschil_cent),
        g.meer,
        g.minder,
        g.niet_meer_te_bepalen,
        g.nu_te_bepalen
    )
}

/// The rules that differ in one changed decision, briefly: `regel (wat)`, consequences marked.
pub fn rule_list(rules: &[super::RegelVerschil]) -> String {
    let one = |r: &super::RegelVerschil| format!("{} ({}{})", r.regel, r.wat, if r.gevolg { ", gevolg" } else { "" });
    rules.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// The summary of a comparison: changed rules by kind of change, then the other counts.
pub fn summary(d: &super::ModelDiff) -> String {
    use super::model::Wijziging;
    let counts = d.rule_counts();
    let n = |w| counts.get(&w).copied().unwrap_or(0);
    format!(
        "regels: {} toegevoegd, {} verwijderd, {} gewijzigd (in {} aanvraagsoort(en)); parameters: {}; definities: {}; workflows: {}",
        n(Wijziging::Toegevoegd),
        n(Wijziging::Verwijderd),
        n(Wijziging::Gewijzigd),
        d.aanvragen.len(),
        d.parameters.len(),
        d.definities.len(),
        d.workflows.len()
    )
}

/// `ja`, `nee` or `onbekend`.
pub fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "ja",
        Some(false) => "nee",
        None => "onbekend",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_beyond_64_bits_is_exact() {
        assert_eq!(money(75_000), "€ 750");
        assert_eq!(money(i128::from(i64::MAX) * 4), "€ 368.934.881.474.191.032,28");
        assert_eq!(money(-i128::from(i64::MAX) * 2), "-€ 184.467.440.737.095.516,14");
    }
}

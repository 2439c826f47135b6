//! The explanation as plain text for a terminal or a letter.

use super::{Feit, RegelUitleg, Uitleg};
use crate::value::Value;
use std::fmt::Write;

/// The explanation as plain text.
pub fn text(u: &Uitleg) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Uitleg bij de beslissing: {} ({})", u.regelset.naam, u.regio);
    let _ = writeln!(s, "Regels: {}, versie {} ({})", u.regelset.handboek, u.regelset.versie, u.regelset.bron);
    let _ = writeln!(s, "Aanvraag: {}    Peildatum: {}", u.aanvraag, Value::Date(u.peildatum).display());
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", u.conclusie);

    let section = |s: &mut String, title: &str, rules: Vec<&RegelUitleg>| {
        if rules.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title}");
        for r in rules {
            rule(s, r);
        }
    };
    for (title, rules) in u.sections() {
        section(&mut s, title, rules);
    }

    if !u.let_op.is_empty() {
        let _ = writeln!(s, "\nLet op");
        for w in &u.let_op {
            let _ = writeln!(s, "  - {w}");
        }
    }
    if !u.vragen.is_empty() {
        let _ = writeln!(s, "\nNog te beantwoorden");
        for (i, v) in u.vragen.iter().enumerate() {
            let _ = writeln!(s, "  {}. {}", i + 1, v.vraag);
            let nodig = if v.nodig_voor.is_empty() { String::new() } else { format!("; nodig voor {}", v.nodig_voor.join(", ")) };
            let _ = writeln!(s, "     (veld {}{nodig})", v.veld);
        }
    }
    if u.weggelaten > 0 {
        let regels = if u.weggelaten == 1 { "1 andere regel van deze aanvraag staat".to_string() } else { format!("{} andere regels van deze aanvraag staan", u.weggelaten) };
        let _ = writeln!(s, "\n({regels} niet in deze uitleg; `passend explain --volledig` toont ze.)");
    }
    s
}

/// Label in front of a rule, by what it did.
pub fn status_word(uitkomst: &str) -> &'static str {
    match uitkomst {
        "voldaan" => "Voldaan",
        "niet_voldaan" => "Niet voldaan",
        "onbekend" => "Nog onbekend",
        "niet_van_toepassing" => "Niet van toepassing",
        "toegepast" => "Toegepast",
        "niet_bepaald" => "Niet te bepalen",
        "niet_berekend" => "Niet berekend (alleen als de aanvraag in aanmerking komt)",
        "aangeboden" => "Kan volgen",
        "niet_aangeboden" => "Kan niet volgen",
        "fout" => "Fout bij het rekenen",
        _ => "",
    }
}

fn rule(s: &mut String, r: &RegelUitleg) {
    let _ = writeln!(s, "  - {}: {}", status_word(r.uitkomst), r.tekst);
    let plaats = r.plaats.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
    let _ = writeln!(s, "    regel {} ({}{plaats})", r.regel, r.soort);
    let _ = writeln!(s, "    handboek: {}", r.bron);
    for t in &r.waarom_niet {
        let because = if r.uitkomst == "niet_voldaan" { "niet voldaan aan" } else { "geldt niet" };
        let _ = writeln!(s, "    {because}: {}", part(&t.voorwaarde, &t.feiten));
    }
    if let Some(f) = &r.fout {
        let _ = writeln!(s, "    fout: {f}");
    }
    if !r.onbekend.is_empty() {
        let _ = writeln!(s, "    ontbreekt in het dossier: {}", r.onbekend.join(", "));
    }
    if !r.feiten.is_empty() {
        let _ = writeln!(s, "    gegevens: {}", facts_line(&r.feiten));
    }
}

/// A false part with its values: `x >= 2 (x = 1)`, or `veld is nee` for a bare field.
pub fn part(voorwaarde: &str, feiten: &[Feit]) -> String {
    match feiten {
        [] => voorwaarde.to_string(),
        [f] if f.naam == voorwaarde => format!("{} is {}", f.naam, f.tekst),
        _ => format!("{voorwaarde} ({})", facts_line(feiten)),
    }
}

pub fn facts_line(feiten: &[Feit]) -> String {
    feiten.iter().map(|f| format!("{} = {}", f.naam, f.tekst)).collect::<Vec<_>>().join(", ")
}

//! The explanation as one self-contained HTML page (inline style, no
//! scripts, no external files); every text from rules or dossier is escaped.

use super::text::{facts_line, part, status_word};
use super::{RegelUitleg, Uitleg};
use crate::value::Value;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}\
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.8rem;border-bottom:1px solid #ccc}\
.conclusie{font-size:1.15rem;padding:.8rem 1rem;border-radius:.4rem;background:#eef}\
.ja{background:#e6f4e6}.nee{background:#fbe9e7}.open{background:#fff6d6}\
.regel{margin:.8rem 0;padding:.5rem .8rem;border-left:4px solid #999}\
.voldaan,.toegepast,.aangeboden{border-color:#3a7}.niet_voldaan{border-color:#c33}.onbekend,.niet_bepaald{border-color:#d90}\
.meta{color:#555;font-size:.9rem}code{background:#f3f3f3;padding:0 .2rem}ol li{margin:.3rem 0}";

/// The explanation as a complete HTML page.
pub fn html(u: &Uitleg) -> String {
    let mut s = String::new();
    let title = format!("Uitleg bij de beslissing: {} ({})", u.regelset.naam, u.aanvraag);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    let _ = writeln!(s, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">Regels: {}, versie {} ({}). Aanvraag: <code>{}</code>. Peildatum: {}.</p>",
        escape(&u.regelset.handboek),
        escape(&u.regelset.versie),
        escape(&u.regelset.bron),
        escape(&u.aanvraag),
        escape(&Value::Date(u.peildatum).display())
    );
    let class = match u.in_aanmerking {
        Some(true) => "ja",
        Some(false) => "nee",
        None => "open",
    };
    let _ = writeln!(s, "<p class=\"conclusie {class}\">{}</p>", escape(&u.conclusie));

    for (title, rules) in u.sections() {
        section(&mut s, title, rules);
    }

    if !u.let_op.is_empty() {
        let _ = writeln!(s, "<h2>Let op</h2>\n<ul>");
        for w in &u.let_op {
            let _ = writeln!(s, "<li>{}</li>", escape(w));
        }
        let _ = writeln!(s, "</ul>");
    }
    if !u.vragen.is_empty() {
        let _ = writeln!(s, "<h2>Nog te beantwoorden</h2>\n<ol>");
        for v in &u.vragen {
            let nodig = if v.nodig_voor.is_empty() { String::new() } else { format!("; nodig voor {}", v.nodig_voor.join(", ")) };
            let _ = writeln!(s, "<li>{} <span class=\"meta\">(veld <code>{}</code>{})</span></li>", escape(&v.vraag), escape(&v.veld), escape(&nodig));
        }
        let _ = writeln!(s, "</ol>");
    }
    if u.weggelaten > 0 {
        let _ = writeln!(
            s,
            "<p class=\"meta\">{} niet in deze uitleg; <code>passend explain --volledig</code> toont ze.</p>",
            if u.weggelaten == 1 { "1 andere regel van deze aanvraag staat".to_string() } else { format!("{} andere regels van deze aanvraag staan", u.weggelaten) }
        );
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn section(s: &mut String, title: &str, rules: Vec<&RegelUitleg>) {
    if rules.is_empty() {
        return;
    }
    let _ = writeln!(s, "<h2>{}</h2>", escape(title));
    for r in rules {
        let _ = writeln!(s, "<div class=\"regel {}\">", r.uitkomst);
        let _ = writeln!(s, "<p><strong>{}:</strong> {}</p>", escape(status_word(r.uitkomst)), escape(&r.tekst));
        let plaats = r.plaats.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "<p class=\"meta\">Regel <code>{}</code> ({}{}). Handboek: {}</p>",
            escape(&r.regel),
            r.soort,
            escape(&plaats),
            escape(&r.bron)
        );
        if !r.waarom_niet.is_empty() {
            let because = if r.uitkomst == "niet_voldaan" { "Niet voldaan aan" } else { "Geldt niet" };
            let _ = writeln!(s, "<ul>");
            for t in &r.waarom_niet {
                let _ = writeln!(s, "<li>{because}: <code>{}</code></li>", escape(&part(&t.voorwaarde, &t.feiten)));
            }
            let _ = writeln!(s, "</ul>");
        }
        if let Some(f) = &r.fout {
            let _ = writeln!(s, "<p>Fout: {}</p>", escape(f));
        }
        if !r.onbekend.is_empty() {
            let _ = writeln!(s, "<p>Ontbreekt in het dossier: <code>{}</code></p>", escape(&r.onbekend.join(", ")));
        }
        if !r.feiten.is_empty() {
            let _ = writeln!(s, "<p class=\"meta\">Gegevens: {}</p>", escape(&facts_line(&r.feiten)));
        }
        let _ = writeln!(s, "</div>");
    }
}

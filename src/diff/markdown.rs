//! The report as Markdown, to paste into a review: a section per compared
//! rule set, parameters as a table, rules as a list with their citations,
//! and the impact as a table with example dossiers.

use super::impact::{Impact, GROUPS};
use super::getuigen::Getuige;
use super::model::{Item, ModelDiff, RegelWijziging, Veld, Wijziging};
use super::show::{self, geld, rule_list};
use super::Report;

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut s = String::new();
    for d in &report.vergelijkingen {
        comparison(&mut s, d);
    }
    for (list, what) in [(&report.alleen_oud, "Alleen in OUD"), (&report.alleen_nieuw, "Alleen in NIEUW")] {
        if !list.is_empty() {
            s.push_str(&format!("## {what}\n\n"));
            for x in list {
                s.push_str(&format!("- `{}` {} {} (geldig vanaf {})\n", x.bron_locatie, x.regio, x.versie, x.geldig_vanaf));
            }
            s.push('\n');
        }
    }
    s
}

/// A value inside a table cell or list item.
fn code(v: &str) -> String {
    let v = v.replace('|', "\\|").replace('\n', " ");
    if v.contains('`') {
        format!("`` {v} ``")
    } else {
        format!("`{v}`")
    }
}

fn cell(v: Option<&str>) -> String {
    v.map(code).unwrap_or_default()
}

fn label(w: Wijziging) -> &'static str {
    match w {
        Wijziging::Toegevoegd => "toegevoegd",
        Wijziging::Verwijderd => "vervalt",
        Wijziging::Gewijzigd => "gewijzigd",
    }
}

fn comparison(s: &mut String, d: &ModelDiff) {
    s.push_str(&format!("## `{} {}` → `{} {}`\n\n", d.oud.regio, d.oud.versie, d.nieuw.regio, d.nieuw.versie));
    s.push_str("| | regelset | handboek | geldig vanaf |\n|---|---|---|---|\n");
    for (what, x) in [("oud", &d.oud), ("nieuw", &d.nieuw)] {
        s.push_str(&format!("| {what} | {} | {} | {} |\n", code(&x.bron_locatie), x.handboek.replace('|', "\\|"), x.geldig_vanaf));
    }
    s.push('\n');
    if d.is_empty() {
        s.push_str("Geen verschil in parameters, definities, regels of workflows.\n\n");
    }
    items(s, "Parameters", &d.parameters);
    items(s, "Definities", &d.definities);
    for a in &d.aanvragen {
        let extra = if a.wijziging == Wijziging::Gewijzigd { String::new() } else { format!(" ({})", label(a.wijziging)) };
        s.push_str(&format!("### aanvraag `{}`{extra}\n\n", a.soort));
        for v in &a.velden {
            s.push_str(&format!("- {}: {} → {}\n", v.veld, cell(v.oud.as_deref()), cell(v.nieuw.as_deref())));
        }
        for r in &a.regels {
            rule(s, r);
        }
        s.push('\n');
    }
    for w in &d.workflows {
        s.push_str(&format!("### workflow `{}` ({})\n\n", w.naam, label(w.wijziging)));
        for v in &w.velden {
            s.push_str(&format!("- {}: {} → {}\n", v.veld, cell(v.oud.as_deref()), cell(v.nieuw.as_deref())));
        }
        for (what, list) in [("status", &w.statussen), ("overgang", &w.overgangen)] {
            for item in list {
                s.push_str(&format!("- **{} {what} `{}`** ({})\n", item.wijziging.sign(), item.naam, label(item.wijziging)));
                fields(s, &item.velden, item.wijziging);
            }
        }
        s.push('\n');
    }
    summary(s, d);
    if let Some(i) = &d.impact {
        impact(s, i);
    }
    witnesses(s, &d.getuigen);
}

fn summary(s: &mut String, d: &ModelDiff) {
    if !d.is_empty() {
        s.push_str(&format!("**Samenvatting:** {}.\n\n", show::summary(d)));
    }
}

fn witnesses(s: &mut String, list: &[Getuige]) {
    if list.is_empty() {
        return;
    }
    s.push_str("### Getuigen\n\n| wijziging | getuige | herkomst | oud | nieuw |\n|---|---|---|---|---|\n");
    for g in list {
        let nr = g.getuigen_regel.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
        let how = match g.status {
            "uit_dossiers" | "geconstrueerd" => g.toelichting.clone(),
            "niet_waarneembaar" => g.toelichting.clone(),
            _ => format!("geen getuige gevonden: {}", g.toelichting),
        };
        s.push_str(&format!("| {} | {nr} | {} | {} | {} |\n", code(&g.wijziging), how.replace('|', "\\|"), cell(g.oud.as_deref()), cell(g.nieuw.as_deref())));
    }
    s.push('\n');
}

fn items(s: &mut String, title: &str, list: &[Item]) {
    if list.is_empty() {
        return;
    }
    s.push_str(&format!("### {title}\n\n| | naam | oud | nieuw | bron |\n|---|---|---|---|---|\n"));
    for item in list {
        let value = |side: fn(&Veld) -> Option<&str>| {
            item.velden.iter().filter_map(|v| side(v).map(|x| format!("{}: {}", v.veld, code(x)))).collect::<Vec<_>>().join("<br>")
        };
        let bron = match (&item.bron_oud, &item.bron_nieuw) {
            (Some(a), Some(b)) if a != b => format!("{} → {}", a.replace('|', "\\|"), b.replace('|', "\\|")),
            (Some(a), _) | (None, Some(a)) => a.replace('|', "\\|"),
            (None, None) => String::new(),
        };
        s.push_str(&format!(
            "| {} | `{}` | {} | {} | {bron} |\n",
            item.wijziging.sign(),
            item.naam,
            value(|v| v.oud.as_deref()),
            value(|v| v.nieuw.as_deref())
        ));
    }
    s.push('\n');
}

fn fields(s: &mut String, velden: &[Veld], w: Wijziging) {
    for v in velden {
        match w {
            Wijziging::Gewijzigd => s.push_str(&format!("  - {}: {} → {}\n", v.veld, cell(v.oud.as_deref()), cell(v.nieuw.as_deref()))),
            _ => s.push_str(&format!("  - {}: {}\n", v.veld, cell(v.oud.as_deref().or(v.nieuw.as_deref())))),
        }
    }
}

fn rule(s: &mut String, r: &RegelWijziging) {
    let name = r.regel.split_once('.').map(|(_, n)| n).unwrap_or(&r.regel);
    let aspects = if r.wijziging == Wijziging::Gewijzigd { format!(": {}", r.aspecten.join(", ")) } else { String::new() };
    let shared = if r.aanvragen.len() > 1 { format!(" — voor {}", r.aanvragen.iter().map(|a| code(a)).collect::<Vec<_>>().join(", ")) } else { String::new() };
    s.push_str(&format!("- **{} {} `{name}`** ({}{aspects}){shared}\n", r.wijziging.sign(), r.soort, label(r.wijziging)));
    fields(s, &r.velden, r.wijziging);
    match (&r.bron_oud, &r.bron_nieuw) {
        (Some(a), Some(b)) if a != b => s.push_str(&format!("  - bron: {a} → {b}\n")),
        (Some(a), _) | (None, Some(a)) => s.push_str(&format!("  - bron: {a}\n")),
        (None, None) => {}
    }
}

/// The rules that differ in an example, after it.
fn md_rules(v: &super::impact::Voorbeeld) -> String {
    if v.regelverschillen.is_empty() {
        String::new()
    } else {
        format!(" (regels: {})", rule_list(&v.regelverschillen).replace('|', "\\|"))
    }
}

fn impact(s: &mut String, i: &Impact) {
    s.push_str(&format!(
        "### Impact op {} dossiers\n\n{} invoerregels ({} leeg). {}.\n\n{} beslist onder beide versies (andere versie: {}, andere regio: {}, fouten: {}); **{} beslissingen veranderen**.\n\n",
        i.dossiers,
        i.regels,
        i.leeg,
        super::text::mode_line(i),
        i.beslist,
        i.andere_versie,
        i.andere_regio,
        i.fouten,
        i.gewijzigd
    ));
    s.push_str("| wat verandert | beslissingen | hoe | voorbeelden (invoerregel, aanvraag, peildatum: oud → nieuw) |\n|---|---|---|---|\n");
    for g in &i.groepen {
        let label = GROUPS.iter().find(|(k, _)| *k == g.groep).map(|(_, l)| *l).unwrap_or(g.groep);
        let how = g.details.iter().take(6).map(|(d, n)| format!("{} ({n})", code(d))).collect::<Vec<_>>().join("<br>");
        let ex =
            g.voorbeelden.iter().map(|v| format!("{} {} {}: {} → {}{}", v.regelnummer, v.aanvraag, v.peildatum, code(&v.oud), code(&v.nieuw), md_rules(v))).collect::<Vec<_>>().join("<br>");
        s.push_str(&format!("| {label} | {} | {how} | {ex} |\n", g.aantal));
    }
    s.push_str(&format!("\nGeld: {}.\n\n", geld(&i.geld, "**")));
    rules(s, i);
}

/// The rules that decide the changed dossiers differently (from the trace), as a table.
fn rules(s: &mut String, i: &Impact) {
    if i.per_regel.is_empty() && i.zonder_regelverschil == 0 {
        return;
    }
    s.push_str("#### Per regel (uit de trace)\n\n| regel | oorzaak | gevolg van in aanmerking | hoe | voorbeelden (invoerregel: oud → nieuw) |\n|---|---|---|---|---|\n");
    for r in &i.per_regel {
        let how = r.details.iter().take(6).map(|(d, n)| format!("{} ({n})", code(d))).collect::<Vec<_>>().join("<br>");
        let ex = r.voorbeelden.iter().map(|v| format!("{}: {} → {}", v.regelnummer, code(&v.oud), code(&v.nieuw))).collect::<Vec<_>>().join("<br>");
        s.push_str(&format!("| {} | {} | {} | {how} | {ex} |\n", code(&r.regel), r.oorzaak, r.gevolg));
    }
    if i.zonder_regelverschil > 0 {
        s.push_str(&format!("\nZonder regelverschil (kop, volgorde of toelichting): {}.\n", i.zonder_regelverschil));
    }
    s.push('\n');
}

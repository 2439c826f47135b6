//! The report as readable text for a terminal: `+` added, `-` removed, `~`
//! changed, each with its citation; colour only when asked for.

use super::impact::{Impact, GROUPS};
use super::getuigen::Getuige;
use super::model::{Item, ModelDiff, RegelWijziging, SetInfo, Veld, Wijziging};
use super::attribuut::{label, Attribuut};
use super::show::{self, geld, rule_list};
use super::Report;

/// At most this many detail entries per impact group are listed.
const DETAILS: usize = 6;

struct Out {
    s: String,
    color: bool,
}

impl Out {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn line(&mut self, text: &str) {
        self.s.push_str(text);
        self.s.push('\n');
    }
    fn sign(&self, w: Wijziging) -> String {
        let code = match w {
            Wijziging::Toegevoegd => "32",
            Wijziging::Verwijderd => "31",
            Wijziging::Gewijzigd => "33",
        };
        self.paint(code, w.sign())
    }
    fn heading(&mut self, text: &str) {
        let h = self.paint("1", text);
        self.line("");
        self.line(&h);
    }
}

/// The report as text; `color` adds ANSI colours.
pub fn text(report: &Report, color: bool) -> String {
    let mut out = Out { s: String::new(), color };
    for (i, d) in report.vergelijkingen.iter().enumerate() {
        if i > 0 {
            out.line("");
            out.line(&"=".repeat(80));
        }
        comparison(&mut out, d);
    }
    for (list, w, what) in [(&report.alleen_oud, Wijziging::Verwijderd, "alleen in OUD"), (&report.alleen_nieuw, Wijziging::Toegevoegd, "alleen in NIEUW")] {
        for s in list {
            let sign = out.sign(w);
            out.line(&format!("{sign} regelset {} {} ({what}: {}, geldig vanaf {})", s.regio, s.versie, s.bron_locatie, s.geldig_vanaf));
        }
    }
    out.s
}

fn set_line(s: &SetInfo) -> String {
    format!("{}  {}, geldig vanaf {}", s.bron_locatie, s.handboek, s.geldig_vanaf)
}

fn comparison(out: &mut Out, d: &ModelDiff) {
    let title = out.paint("1", &format!("passend diff: {} {} -> {} {}", d.oud.regio, d.oud.versie, d.nieuw.regio, d.nieuw.versie));
    out.line(&title);
    out.line(&format!("  oud:   {}", set_line(&d.oud)));
    out.line(&format!("  nieuw: {}", set_line(&d.nieuw)));
    if !d.kop.is_empty() {
        out.heading("Kop (welke versie; geen regel)");
        for v in &d.kop {
            let sign = out.sign(Wijziging::Gewijzigd);
            out.line(&format!("  {sign} {}: {} -> {}", v.veld, v.oud.as_deref().unwrap_or("-"), v.nieuw.as_deref().unwrap_or("-")));
        }
    }
    if d.is_empty() {
        out.line("");
        out.line("Geen verschil in parameters, definities, regels of workflows.");
    }
    items(out, "Parameters", &d.parameters);
    items(out, "Definities", &d.definities);
    for a in &d.aanvragen {
        let head = match a.wijziging {
            Wijziging::Gewijzigd => format!("aanvraag {}", a.soort),
            w => format!("{} aanvraag {} ({})", w.sign(), a.soort, if w == Wijziging::Toegevoegd { "nieuw" } else { "vervalt" }),
        };
        out.heading(&head);
        for v in &a.velden {
            fields(out, std::slice::from_ref(v), a.wijziging);
        }
        for r in &a.regels {
            rule(out, r);
        }
    }
    for w in &d.workflows {
        out.heading(&format!("workflow {}", w.naam));
        fields(out, &w.velden, w.wijziging);
        for (what, list) in [("status", &w.statussen), ("overgang", &w.overgangen)] {
            for item in list {
                let sign = out.sign(item.wijziging);
                out.line(&format!("  {sign} {what} {}", item.naam));
                fields(out, &item.velden, item.wijziging);
                bron(out, item.bron_oud.as_deref(), item.bron_nieuw.as_deref());
            }
        }
    }
    summary(out, d);
    if let Some(impact) = &d.impact {
        impact_text(out, impact);
    }
    witnesses(out, &d.getuigen);
}

fn witnesses(out: &mut Out, list: &[Getuige]) {
    if list.is_empty() {
        return;
    }
    out.heading("Getuigen (per wijziging een dossier waarvan de beslissing verschilt)");
    for g in list {
        let head = match g.status {
            "uit_dossiers" | "geconstrueerd" => format!("  {} (getuige {}): {}", g.wijziging, g.getuigen_regel.unwrap_or(0), g.toelichting),
            "niet_waarneembaar" => format!("  {}: {}", g.wijziging, g.toelichting),
            _ => format!("  {}: geen getuige gevonden ({})", g.wijziging, g.toelichting),
        };
        out.line(&head);
        if let (Some(o), Some(n)) = (&g.oud, &g.nieuw) {
            let (o, n) = (old(out, Some(o)), new(out, Some(n)));
            out.line(&format!("      oud:   {o}"));
            out.line(&format!("      nieuw: {n}"));
        }
    }
}

fn items(out: &mut Out, title: &str, list: &[Item]) {
    if list.is_empty() {
        return;
    }
    out.heading(title);
    for item in list {
        let sign = out.sign(item.wijziging);
        let value = |v: &Veld| match item.wijziging {
            Wijziging::Toegevoegd => v.nieuw.clone().unwrap_or_default(),
            Wijziging::Verwijderd => v.oud.clone().unwrap_or_default(),
            Wijziging::Gewijzigd => String::new(),
        };
        match (item.wijziging, item.velden.as_slice()) {
            (Wijziging::Gewijzigd, [v]) if v.veld == label(Attribuut::Waarde) => {
                let (o, n) = (old(out, v.oud.as_deref()), new(out, v.nieuw.as_deref()));
                out.line(&format!("  {sign} {}: {o} -> {n}", item.naam));
            }
            (Wijziging::Gewijzigd, velden) => {
                out.line(&format!("  {sign} {}", item.naam));
                fields(out, velden, Wijziging::Gewijzigd);
            }
            (_, [v]) if v.veld == label(Attribuut::Waarde) => out.line(&format!("  {sign} {} = {}", item.naam, value(v))),
            (w, velden) => {
                out.line(&format!("  {sign} {}", item.naam));
                fields(out, velden, w);
            }
        }
        bron(out, item.bron_oud.as_deref(), item.bron_nieuw.as_deref());
    }
}

fn old(out: &Out, v: Option<&str>) -> String {
    out.paint("31", v.unwrap_or("(geen)"))
}

fn new(out: &Out, v: Option<&str>) -> String {
    out.paint("32", v.unwrap_or("(geen)"))
}

fn fields(out: &mut Out, velden: &[Veld], w: Wijziging) {
    for v in velden {
        match (w, &v.oud, &v.nieuw) {
            (Wijziging::Gewijzigd, _, _) => {
                let (o, n) = (old(out, v.oud.as_deref()), new(out, v.nieuw.as_deref()));
                out.line(&format!("      {}: {o}", v.veld));
                out.line(&format!("      {:width$}  -> {n}", "", width = v.veld.len()));
            }
            (_, Some(x), None) | (_, None, Some(x)) => out.line(&format!("      {}: {x}", v.veld)),
            _ => {}
        }
    }
}

fn bron(out: &mut Out, o: Option<&str>, n: Option<&str>) {
    match (o, n) {
        (Some(a), Some(b)) if a != b => {
            let (a, b) = (old(out, Some(a)), new(out, Some(b)));
            out.line(&format!("      bron: {a}"));
            out.line(&format!("         -> {b}"));
        }
        (Some(a), _) | (None, Some(a)) => {
            let cite = out.paint("2", &format!("bron: {a}"));
            out.line(&format!("      {cite}"));
        }
        (None, None) => {}
    }
}

fn rule(out: &mut Out, r: &RegelWijziging) {
    let sign = out.sign(r.wijziging);
    let name = r.regel.split_once('.').map(|(_, n)| n).unwrap_or(&r.regel);
    let aspects = if r.wijziging == Wijziging::Gewijzigd { format!("  ({})", r.aspecten.join(", ")) } else { String::new() };
    let shared = if r.aanvragen.len() > 1 { format!("  [voor: {}]", r.aanvragen.join(", ")) } else { String::new() };
    out.line(&format!("  {sign} {} {name}{aspects}{shared}", r.soort));
    fields(out, &r.velden, r.wijziging);
    bron(out, r.bron_oud.as_deref(), r.bron_nieuw.as_deref());
}

fn summary(out: &mut Out, d: &ModelDiff) {
    if d.is_empty() {
        return;
    }
    out.heading("Samenvatting");
    out.line(&format!("  {}", show::summary(d)));
}

fn impact_text(out: &mut Out, i: &Impact) {
    out.heading(&format!("Impact op {} dossiers ({} invoerregels, {} leeg)", i.dossiers, i.regels, i.leeg));
    out.line(&format!("  {}", mode_line(i)));
    out.line(&format!(
        "  beslist onder beide versies: {} (andere versie: {}, andere regio: {}, fouten: {})",
        i.beslist, i.andere_versie, i.andere_regio, i.fouten
    ));
    out.line(&format!("  beslissingen die veranderen: {}", i.gewijzigd));
    for g in &i.groepen {
        let label = GROUPS.iter().find(|(k, _)| *k == g.groep).map(|(_, l)| *l).unwrap_or(g.groep);
        let mut details: Vec<String> = g.details.iter().take(DETAILS).map(|(d, n)| format!("{d}: {n}")).collect();
        if g.details.len() > DETAILS {
            details.push(format!("... ({} meer)", g.details.len() - DETAILS));
        }
        let head = out.paint("1", &format!("{label:<20}"));
        out.line(&format!("  {head} {:>6}   {}", g.aantal, details.join("; ")));
        for v in &g.voorbeelden {
            let line = format!("      invoerregel {} ({}, peildatum {}): {} -> {}", v.regelnummer, v.aanvraag, v.peildatum, v.oud, v.nieuw);
            let line = out.paint("2", &line);
            out.line(&line);
            if !v.regelverschillen.is_empty() {
                let rules = out.paint("2", &format!("        regels: {}", rule_list(&v.regelverschillen)));
                out.line(&rules);
            }
        }
    }
    rules_text(out, i);
    out.line(&format!("  geld: {}", geld(&i.geld, "")));
}

/// The rules that decide the changed dossiers differently (from the trace), with counts.
fn rules_text(out: &mut Out, i: &Impact) {
    if i.per_regel.is_empty() && i.zonder_regelverschil == 0 {
        return;
    }
    let head = out.paint("1", "per regel");
    out.line(&format!("  {head} (welke regel anders uitkomt, uit de trace; +N als gevolg: alleen doordat in aanmerking veranderde)"));
    for r in &i.per_regel {
        let gevolg = if r.gevolg > 0 { format!(" (+{} als gevolg)", r.gevolg) } else { String::new() };
        let details: Vec<String> = r.details.iter().take(DETAILS).map(|(d, n)| format!("{d}: {n}")).collect();
        out.line(&format!("    {:<56} {:>6}{gevolg}   {}", r.regel, r.oorzaak, details.join("; ")));
        for v in &r.voorbeelden {
            let line = out.paint("2", &format!("      invoerregel {}: {} -> {}", v.regelnummer, v.oud, v.nieuw));
            out.line(&line);
        }
    }
    if i.zonder_regelverschil > 0 {
        out.line(&format!("    {:<56} {:>6}", "zonder regelverschil (kop, volgorde of toelichting)", i.zonder_regelverschil));
    }
}

/// Which dossiers were compared, in words.
pub(super) fn mode_line(i: &Impact) -> String {
    let period = |g: &Option<super::impact::Geldigheid>| match g {
        Some(g) => match (g.vanaf, g.tot) {
            (Some(a), Some(b)) => format!("{a} t/m de dag voor {b}"),
            (Some(a), None) => format!("vanaf {a}"),
            (None, Some(b)) => format!("voor {b}"),
            (None, None) => "altijd".to_string(),
        },
        None => "-".to_string(),
    };
    if i.modus == "alle_peildata" {
        "modus: alle peildata (--alle-peildata): elk dossier beslist onder beide versies, ook als op zijn peildatum een andere versie geldt".to_string()
    } else {
        format!(
            "modus: per peildatum: alleen dossiers waarvan de peildatum valt waar beide versies gelden (oud: {}, nieuw: {}); --alle-peildata beslist ze allemaal",
            period(&i.geldig_oud),
            period(&i.geldig_nieuw)
        )
    }
}

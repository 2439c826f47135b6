//! The `passend test` report as text: per group of examples the failures
//! (expected against actual), then the coverage per rule-set version.

use super::{Dekking, Onleesbaar, Uitslag};
use std::fmt::Write;

/// The examples of one folder (usually one region's `voorbeelden`).
#[derive(Debug, Clone)]
pub struct Groep {
    pub titel: String,
    pub uitslagen: Vec<Uitslag>,
    pub onleesbaar: Vec<Onleesbaar>,
}

impl Groep {
    pub fn mislukt(&self) -> usize {
        self.uitslagen.iter().filter(|u| !u.geslaagd()).count() + self.onleesbaar.len()
    }
}

/// `92,3%`
pub fn percent(p: f64) -> String {
    format!("{p:.1}%").replace('.', ",")
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| p.display().to_string())
}

/// The whole report. `uitgebreid` also lists passed examples and eisen never
/// failed; `lijst` lists what no example exercised (for a run over whole
/// regions; a run over a few examples shows only the figures).
pub fn text(groepen: &[Groep], dekking: &[Dekking], min: Option<f64>, uitgebreid: bool, lijst: bool) -> String {
    let mut s = String::new();
    for g in groepen {
        let total = g.uitslagen.len() + g.onleesbaar.len();
        let failed = g.mislukt();
        let _ = write!(s, "{}: {total} voorbeeld(en), {} geslaagd", g.titel, total - failed);
        if failed > 0 {
            let _ = write!(s, ", {failed} mislukt");
        }
        s.push('\n');
        for b in &g.onleesbaar {
            let _ = writeln!(s, "  MISLUKT {}: {}", file_name(&b.bestand), b.fout);
        }
        for u in &g.uitslagen {
            if u.geslaagd() {
                if uitgebreid {
                    let _ = writeln!(s, "  ok      {}", file_name(&u.voorbeeld.bestand));
                }
                continue;
            }
            let _ = writeln!(s, "  MISLUKT {}: {}", file_name(&u.voorbeeld.bestand), u.voorbeeld.naam);
            if !u.voorbeeld.bron.is_empty() {
                let _ = writeln!(s, "          handboek: {}", u.voorbeeld.bron);
            }
            for a in &u.afwijkingen {
                let _ = writeln!(s, "          {}", a.sleutel);
                let _ = writeln!(s, "            verwacht: {}", a.verwacht);
                let _ = writeln!(s, "            gekregen: {}", a.gekregen);
            }
        }
    }
    if !dekking.is_empty() {
        let _ = writeln!(s, "\nDekking: regels, overgangen en parameterwaarden die een voorbeeld raakt");
    }
    for d in dekking {
        let below = min.is_some_and(|m| d.procent() < m);
        let _ = writeln!(
            s,
            "  {} {}: {} van {} ({}){}",
            d.regio,
            d.versie,
            d.geraakt(),
            d.totaal(),
            percent(d.procent()),
            if below { format!("  ONDER DE GRENS van {}", percent(min.unwrap_or(0.0))) } else { String::new() }
        );
        let missed: Vec<_> = d.onderdelen.iter().filter(|o| !o.geraakt).collect();
        if !lijst && !uitgebreid {
            continue;
        }
        if d.voorbeelden == 0 && !uitgebreid {
            let _ = writeln!(s, "    geen enkel voorbeeld valt onder deze versie (`--uitgebreid` noemt alle {} onderdelen)", missed.len());
        } else if !missed.is_empty() {
            let _ = writeln!(s, "    door geen voorbeeld geraakt:");
            for o in missed {
                let plaats = o.plaats.as_ref().map(|p| format!("  ({p})")).unwrap_or_default();
                let _ = writeln!(s, "      {:<12} {}{plaats}", o.soort, o.id);
            }
        }
        if uitgebreid && !d.nooit_niet_voldaan.is_empty() {
            let _ = writeln!(s, "    eisen die in geen voorbeeld falen:");
            for e in &d.nooit_niet_voldaan {
                let _ = writeln!(s, "      {e}");
            }
        }
    }
    let total: usize = groepen.iter().map(|g| g.uitslagen.len() + g.onleesbaar.len()).sum();
    let failed: usize = groepen.iter().map(Groep::mislukt).sum();
    let _ = writeln!(s, "\n{} geslaagd, {failed} mislukt", total - failed);
    s
}

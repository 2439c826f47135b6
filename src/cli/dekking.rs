//! `passend dekking [PATH]`: checks the handbook ledgers
//! (`regions/<regio>/<versie>/dekking.toml`, see `passend::ledger`) and
//! prints per version the uitspraken, the count per status, the coverage and
//! the rules the ledger does not name. PATH is a regions folder (default
//! `./regions`), a region, a version folder or a file in one. Exit 0 when
//! every ledger is in order (and coverage is high enough), 1 otherwise, 2 for
//! a usage or rule-file error.

use super::regels::Target;
use super::{fail, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::ledger::inventory::Inventory;
use passend::ledger::file::LEDGER;
use passend::ledger::{check_version, default_handbooks, find_handbook, VersionReport};
use passend::lint::render;
use passend::Engine;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct DekkingArgs {
    /// Map met regels (regions), of een regio, versiemap of bestand daarin (standaard: ./regions).
    #[arg(default_value = "regions")]
    path: PathBuf,
    /// Faal als de dekking (gecodeerd / (gecodeerd + dubbelzinnig)) van een versie onder N procent ligt (0-100).
    #[arg(long = "min-dekking", value_name = "N", value_parser = percentage)]
    min_dekking: Option<f64>,
    /// Map met de handboekteksten, met de bestandsnaam uit `bron` in de kop van de regio
    /// (standaard: ../shared/seeds naast de repository, als die bestaat).
    #[arg(long, value_name = "MAP")]
    handboeken: Option<PathBuf>,
    /// Noem ook de alinea's van het handboek waar geen citaat uit komt.
    #[arg(long)]
    uitgebreid: bool,
    /// mens (leesbaar) of json (één fout per regel, met "severity", voor editors en CI).
    #[arg(long = "berichtvorm", alias = "message-format", value_name = "VORM", value_enum, default_value = "mens")]
    message_format: MessageFormat,
}

fn percentage(s: &str) -> Result<f64, String> {
    let n: f64 = s.replace(',', ".").parse().map_err(|_| format!("`{s}` is geen getal"))?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{s} ligt niet tussen 0 en 100"))
    }
}

fn percent(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

pub fn run(args: DekkingArgs) -> i32 {
    super::exit_code(check_ledgers(&args))
}

fn check_ledgers(args: &DekkingArgs) -> Result<i32, i32> {
    let target = super::regels::locate(&args.path).map_err(|e| fail(EXIT_RULES, e))?;
    let engine = Engine::load(&target.root).and_then(Engine::strict).map_err(|e| super::rules_failed(&e))?;
    let handboeken = match &args.handboeken {
        Some(d) if !d.is_dir() => return Err(fail(EXIT_RULES, format!("map met handboeken {} bestaat niet", d.display()))),
        Some(d) => Some(d.clone()),
        None => default_handbooks(&target.root),
    };
    let mut reports: Vec<VersionReport> = Vec::new();
    for program in engine.regions().into_iter().flat_map(|r| &r.versions) {
        let inv = Inventory::from_sources(&program.sources);
        if let Some(report) = version_report(&target, &inv, handboeken.as_deref())? {
            reports.push(report);
        }
    }
    if reports.is_empty() {
        return Err(fail(EXIT_RULES, format!("geen regelset in {}", args.path.display())));
    }
    let findings: Vec<_> = reports.iter().flat_map(|r| r.findings.iter().cloned()).collect();
    let mut out = std::io::stdout().lock();
    if args.message_format == MessageFormat::Json {
        for line in super::json_lines(&findings, passend::lint::Finding::to_json) {
            let _ = writeln!(out, "{line}");
        }
        let low = reports.iter().any(|r| args.min_dekking.is_some_and(|m| r.dekking() < m));
        return Ok(if reports.iter().any(|r| r.errors() > 0) || low { 1 } else { 0 });
    }
    let color = super::use_color(std::io::stdout().is_terminal());
    let _ = write!(out, "{}", render(&findings, color));
    for r in &reports {
        print_version(&mut out, r, args.uitgebreid);
    }
    Ok(print_summary(&mut out, &reports, args.min_dekking))
}

/// The ledger report of one version, or `None` when the version lies outside the target.
fn version_report(target: &Target, inv: &Inventory, handboeken: Option<&Path>) -> Result<Option<VersionReport>, i32> {
    let rel = inv.folder.strip_prefix("regions/").unwrap_or(&inv.folder);
    let below = target.below.as_str();
    if !(below.is_empty() || below == rel || below.starts_with(&format!("{rel}/")) || rel.starts_with(&format!("{below}/"))) {
        return Ok(None);
    }
    let dir = target.root.join(rel);
    let ledger = dir.join(LEDGER);
    let text = ledger
        .is_file()
        .then(|| std::fs::read_to_string(&ledger))
        .transpose()
        .map_err(|e| fail(EXIT_RULES, format!("kan {} niet lezen: {e}", ledger.display())))?;
    let handbook = find_handbook(Some(&dir), &inv.handboek, handboeken).map_err(|e| fail(EXIT_RULES, e))?;
    let mut report = check_version(inv, text, handbook.as_ref());
    report.ledger = ledger.display().to_string();
    for f in &mut report.findings {
        f.problem = target.as_given(f.problem.clone());
    }
    Ok(Some(report))
}

/// The human lines of one version: counts, coverage, citations, paragraphs, rules not in the ledger.
fn print_version(out: &mut impl Write, r: &VersionReport, uitgebreid: bool) {
    let _ = writeln!(out, "{} {}: {}", r.regio, r.versie, r.ledger);
    if !r.present {
        let _ = writeln!(out, "  geen {LEDGER} (dekking 0 %)");
        return;
    }
    if !r.readable {
        let _ = writeln!(out, "  {LEDGER} is onleesbaar, zie de fout hierboven (dekking 0 %)");
        return;
    }
    let _ = writeln!(
        out,
        "  uitspraken: {} (gecodeerd {}, niet_beslissend {}, dubbelzinnig {})",
        r.uitspraken, r.gecodeerd, r.niet_beslissend, r.dubbelzinnig
    );
    let _ = writeln!(out, "  dekking: {} % (gecodeerd / (gecodeerd + dubbelzinnig))", percent(r.dekking()));
    match (r.citaten, &r.handbook) {
        (Some((found, total)), Some(h)) => {
            let _ = writeln!(out, "  citaten: {found}/{total} gevonden in {}", h.display());
        }
        _ => {
            let _ = writeln!(out, "  citaten niet gecontroleerd: geen handboektekst gevonden (handboek.txt in de versiemap of --handboeken MAP)");
        }
    }
    if let Some((open, total)) = &r.alineas {
        let _ = writeln!(out, "  alinea's van het handboek zonder citaat: {} van {total}", open.len());
        if uitgebreid {
            for p in open {
                let _ = writeln!(out, "    regel {}: {} …", p.line, p.begin);
            }
        }
    }
    if r.ontbrekend.is_empty() {
        let _ = writeln!(out, "  regels niet in het overzicht: geen");
    } else {
        let _ = writeln!(out, "  regels niet in het overzicht ({}): {}", r.ontbrekend.len(), r.ontbrekend.join(", "));
    }
}

/// The closing lines (errors, coverage below the minimum) and the exit code.
fn print_summary(out: &mut impl Write, reports: &[VersionReport], min_dekking: Option<f64>) -> i32 {
    let errors: usize = reports.iter().map(VersionReport::errors).sum();
    let low: Vec<String> = match min_dekking {
        Some(min) => reports.iter().filter(|r| r.dekking() < min).map(|r| format!("{} {} ({} %)", r.regio, r.versie, percent(r.dekking()))).collect(),
        None => Vec::new(),
    };
    if errors > 0 {
        let _ = writeln!(out, "{errors} fout(en) in de dekkingsoverzichten");
    }
    if let Some(min) = min_dekking {
        if low.is_empty() {
            let _ = writeln!(out, "dekking overal minstens {} %", percent(min));
        } else {
            let _ = writeln!(out, "dekking onder {} %: {}", percent(min), low.join(", "));
        }
    }
    if errors > 0 || !low.is_empty() {
        1
    } else {
        0
    }
}

//! `passend check [DIR]`: parse and check every rule set, report all problems.

use super::{load_rules, report_load_error, MessageFormat};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// The regions folder (default: --regions, $PASSEND_REGIONS, ./regions, or the built-in rules).
    dir: Option<PathBuf>,
    /// Same as DIR.
    #[arg(long = "regions")]
    regions: Option<PathBuf>,
    /// human (miette) or json (one problem per line, for editors and CI).
    #[arg(long = "message-format", value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// Map met de handboekteksten, met de bestandsnaam uit `bron` in de kop van de regio
    /// (standaard: ../shared/seeds naast de repository, als die bestaat).
    #[arg(long, value_name = "MAP")]
    handboeken: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> i32 {
    let mut dir = args.dir.or(args.regions);
    if dir.is_none() && std::env::var_os("PASSEND_REGIONS").is_none() && std::path::Path::new("regions/vocabulaire.toml").is_file() {
        dir = Some(PathBuf::from("regions"));
    }
    match load_rules(dir.as_ref()).and_then(|e| {
        if e.problems.is_empty() {
            Ok(e)
        } else {
            Err(passend::LoadError::Problems(e.problems))
        }
    }) {
        Ok(engine) => {
            if args.message_format == MessageFormat::Human {
                let sets: usize = engine.regions.iter().map(|r| r.versions.len()).sum();
                let rules: usize = engine
                    .regions
                    .iter()
                    .flat_map(|r| &r.versions)
                    .flat_map(|p| &p.aanvragen)
                    .map(|a| a.rules.len())
                    .sum();
                println!("in orde: {} regio's, {sets} regelsets, {rules} regels", engine.regions.len());
            }
            check_citations(&engine, dir.as_deref(), args.handboeken.as_deref(), args.message_format)
        }
        Err(e) => {
            report_load_error(&e, args.message_format);
            1
        }
    }
}

/// Every quote in a rule's or parameter's `bron` against the region's handbook
/// text: warnings for quotes not found and bronnen without a quote, and per
/// version "citaten: X/Y gevonden, regels met citaat: A/B". Exit 2 when a
/// handbook cannot be read; warnings do not fail the check.
fn check_citations(engine: &passend::Engine, dir: Option<&std::path::Path>, handboeken: Option<&std::path::Path>, format: MessageFormat) -> i32 {
    use passend::ledger::{citations, default_handbooks, find_handbook, inventory::Inventory};
    use std::io::IsTerminal;
    let handboeken = match handboeken {
        Some(d) if !d.is_dir() => {
            eprintln!("fout: map met handboeken {} bestaat niet", d.display());
            return super::EXIT_RULES;
        }
        Some(d) => Some(d.to_path_buf()),
        None => dir.and_then(default_handbooks),
    };
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    for program in engine.regions.iter().flat_map(|r| &r.versions) {
        let inv = Inventory::from_sources(&program.sources);
        let rel = inv.folder.strip_prefix("regions/").unwrap_or(&inv.folder);
        let version_dir = dir.map(|d| d.join(rel));
        let handbook = match find_handbook(version_dir.as_deref(), &inv.handboek, handboeken.as_deref()) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("fout: {e}");
                return super::EXIT_RULES;
            }
        };
        let Some(h) = handbook else {
            skipped.push(format!("{} {}", inv.regio, inv.versie));
            continue;
        };
        let c = citations(&inv, &h);
        lines.push(format!("{} {}: citaten: {}/{} gevonden, regels met citaat: {}/{}", inv.regio, inv.versie, c.found, c.quotes, c.with_quote, c.counted));
        findings.extend(c.findings);
    }
    match format {
        MessageFormat::Json => {
            for f in &findings {
                if let Ok(line) = serde_json::to_string(&f.to_json()) {
                    eprintln!("{line}");
                }
            }
        }
        MessageFormat::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", passend::lint::render(&findings, color));
            for l in &lines {
                println!("{l}");
            }
            if !skipped.is_empty() {
                println!("citaten niet gecontroleerd voor {}: geen handboektekst gevonden (handboek.txt in de versiemap of --handboeken MAP)", skipped.join(", "));
            }
        }
    }
    0
}

//! `passend test [PATH]`: runs the example dossiers beside the rule files
//! and reports rule coverage. PATH is a regions folder (default `./regions`),
//! one region's folder, a folder of examples, or one example file.
//! `--min-coverage N` fails when a rule-set version's coverage is below N
//! percent. Exit 0 when every example passes (and coverage is high enough),
//! 1 otherwise, 2 for a usage or rule-file error.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::coverage::report::{text, Groep};
use passend::coverage::{coverage, read_case, read_folder, Dekking};
use passend::engine::VOCABULARY;
use passend::LoadError;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct TestArgs {
    /// De map regions/, één regio, één versie, een map met voorbeelden of één voorbeeldbestand
    /// (standaard: --regels, $PASSEND_REGIONS of ./regions).
    #[arg(value_name = "MAP")]
    path: Option<PathBuf>,
    /// Mislukt als de dekking van een versie onder dit percentage (0-100) ligt.
    #[arg(long = "min-dekking", alias = "min-coverage", value_name = "N", value_parser = percentage)]
    min_coverage: Option<f64>,
    /// De datum voor een dossier zonder peildatum (standaard: vandaag).
    #[arg(long, value_name = "JJJJ-MM-DD", value_parser = super::taal::date)]
    vandaag: Option<chrono::NaiveDate>,
    /// Toon ook de geslaagde voorbeelden en de eisen die geen voorbeeld laat mislukken.
    #[arg(long)]
    uitgebreid: bool,
    /// Regels voor voorbeelden buiten een map met regels (standaard: $PASSEND_REGIONS, ./regions, anders ingebouwd).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
}

/// `66,7%`, as the coverage report writes it.
fn percent(p: f64) -> String {
    format!("{p:.1}%").replace('.', ",")
}

/// A percentage from 0 to 100.
fn percentage(text: &str) -> Result<f64, String> {
    let n: f64 = text.trim_end_matches('%').replace(',', ".").parse().map_err(|_| format!("`{text}` is geen getal"))?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{text} ligt niet tussen 0 en 100"))
    }
}

/// The nearest folder at or above `path` that holds the vocabulary.
fn regions_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path.to_path_buf() } else { path.parent()?.to_path_buf() };
    let start = start.canonicalize().ok()?;
    start.ancestors().find(|p| p.join(VOCABULARY).is_file()).map(Path::to_path_buf)
}

/// The region folder when `path` is one (it holds `voorbeelden/`) or is its `voorbeelden` folder.
fn region_folder(path: &Path) -> Option<PathBuf> {
    let full = path.canonicalize().ok()?;
    if full.join("voorbeelden").is_dir() {
        Some(full)
    } else if full.file_name().is_some_and(|n| n == "voorbeelden") && full.is_dir() {
        full.parent().map(Path::to_path_buf)
    } else {
        None
    }
}

fn title(p: &Path) -> String {
    p.display().to_string()
}

pub fn run_cmd(args: &TestArgs) -> Result<i32, LoadError> {
    let Some(path) = &super::regels::folder_for(args.path.as_deref(), args.regions.as_deref()) else {
        eprintln!("{}", super::regels::no_folder_message("test"));
        return Ok(EXIT_RULES);
    };
    if !path.exists() {
        eprintln!("fout: {} bestaat niet", path.display());
        return Ok(EXIT_RULES);
    }
    let root = regions_root(path);
    let source = match super::regels::locate(path) {
        Ok(t) => super::regels::RuleSource::Folder(t.root),
        Err(_) => super::regels::RuleSource::resolve(args.regions.as_deref()),
    };
    super::say(&source.announce());
    let engine = checked(match &root {
        Some(_) => source.load()?,
        None => load_rules(args.regions.as_ref())?,
    })?;
    // The folders of examples to run, and the regions whose coverage counts.
    let mut groepen = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    let is_root = root.as_ref().zip(path.canonicalize().ok()).is_some_and(|(r, p)| *r == p);
    if path.is_file() {
        let (cases, onleesbaar) = match read_case(path) {
            Ok(c) => (vec![c], Vec::new()),
            Err(fout) => (Vec::new(), vec![passend::coverage::Onleesbaar { bestand: path.clone(), fout }]),
        };
        groepen.push((title(path), cases, onleesbaar));
    } else if is_root {
        for region in engine.regions() {
            regions.push(region.id().to_string());
            let dir = path.join(&**region.id()).join("voorbeelden");
            let (cases, onleesbaar) = read_folder(&dir);
            groepen.push((region.id().to_string(), cases, onleesbaar));
        }
    } else if let Some(region_dir) = region_folder(path) {
        let (cases, onleesbaar) = read_folder(&region_dir.join("voorbeelden"));
        let name = region_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        regions.push(name.clone());
        groepen.push((name, cases, onleesbaar));
    } else {
        let (cases, onleesbaar) = read_folder(path);
        groepen.push((title(path), cases, onleesbaar));
    }
    let today = args.vandaag.unwrap_or_else(|| chrono::Local::now().date_naive());
    let groepen: Vec<Groep> = groepen
        .into_iter()
        .map(|(titel, cases, onleesbaar)| Groep { titel, uitslagen: passend::coverage::run(&engine, &cases, today), onleesbaar })
        .collect();
    if regions.is_empty() {
        // Examples from elsewhere: the coverage of the regions they touch.
        for u in groepen.iter().flat_map(|g| &g.uitslagen) {
            if let Some(r) = &u.regio {
                if !regions.contains(r) && engine.regions().into_iter().any(|x| &**x.id() == r) {
                    regions.push(r.clone());
                }
            }
        }
    }
    let sporen: Vec<_> = groepen.iter().flat_map(|g| &g.uitslagen).filter_map(|u| u.spoor.as_ref()).collect();
    let dekking: Vec<Dekking> = regions.iter().flat_map(|r| coverage(&engine, r, sporen.iter().copied())).collect();
    let whole_regions = is_root || region_folder(path).is_some();
    let report = text(&groepen, &dekking, args.min_coverage, args.uitgebreid, whole_regions);
    super::output::out(report.as_bytes());
    let failed = groepen.iter().any(|g| g.mislukt() > 0);
    let low: Vec<&Dekking> = args.min_coverage.map(|m| dekking.iter().filter(|d| d.procent() < m).collect()).unwrap_or_default();
    if let Some(m) = args.min_coverage {
        // The verdict on coverage comes last, where the eye ends.
        super::say(&if low.is_empty() {
            format!("dekking: elke versie haalt de grens van {}", percent(m))
        } else {
            let names: Vec<String> = low.iter().map(|d| format!("{} {} ({})", d.regio, d.versie, percent(d.procent()))).collect();
            format!("MISLUKT: dekking onder de grens van {} bij {}", percent(m), names.join(", "))
        });
    }
    Ok(if failed || !low.is_empty() { 1 } else { 0 })
}

pub fn run(args: TestArgs) -> i32 {
    match run_cmd(&args) {
        Ok(code) => code,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            EXIT_RULES
        }
    }
}

/// The engine when every region's rules check; else all problems, with their files as given.
fn checked(engine: passend::Engine) -> Result<passend::Engine, LoadError> {
    let problems = engine.problems();
    if problems.is_empty() {
        Ok(engine)
    } else {
        Err(LoadError::Problems(super::regels::problems_as_given(&engine, problems)))
    }
}

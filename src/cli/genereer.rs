//! `passend genereer --seed S --aantal N [--regio R] [--aanvraag K]
//! [--peildatum VAN..TOT]`: deterministic example dossiers as NDJSON (from
//! `passend::generate`), to reproduce benchmarks and to aim an impact run
//! (`passend diff --dossiers`) at a change: one region, one request kind,
//! peildatums around the date a change takes effect.

use super::EXIT_RULES;
use clap::Args;
use chrono::NaiveDate;
use passend::check::suggest::did_you_mean;
use passend::generate::Generator;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Args)]
pub struct GenereerArgs {
    /// Startwaarde van de generator; dezelfde startwaarde geeft dezelfde dossiers.
    #[arg(long, default_value_t = 1, value_parser = super::taal::whole_number)]
    seed: u64,
    /// Hoeveel dossiers.
    #[arg(long, default_value_t = 1000, value_parser = super::taal::whole_number)]
    aantal: u64,
    /// Alleen dossiers van deze regio.
    #[arg(long)]
    regio: Option<String>,
    /// Alleen dossiers met deze aanvraagsoort (bijvoorbeeld overbruggingsarrangement).
    #[arg(long)]
    aanvraag: Option<String>,
    /// Alleen peildatums in deze periode: VAN..TOT (JJJJ-MM-DD..JJJJ-MM-DD), of één datum.
    #[arg(long, value_name = "VAN..TOT", value_parser = period)]
    peildatum: Option<(NaiveDate, NaiveDate)>,
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regels: Option<PathBuf>,
}

/// `2021-07-01..2021-09-30`, or one date.
fn period(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("`{s}` is geen datum; schrijf JJJJ-MM-DD"));
    match text.split_once("..") {
        Some((van, tot)) => {
            let (van, tot) = (date(van)?, date(tot)?);
            if tot < van {
                return Err(format!("{tot} ligt voor {van}; schrijf VAN..TOT"));
            }
            Ok((van, tot))
        }
        None => date(text).map(|d| (d, d)),
    }
}

pub fn run(args: GenereerArgs) -> i32 {
    let targeted = args.regio.is_some() || args.aanvraag.is_some() || args.peildatum.is_some() || args.regels.is_some();
    let generator = if targeted {
        match generator(&args) {
            Ok(g) => Some(g),
            Err(e) => {
                eprintln!("fout: {e}");
                return EXIT_RULES;
            }
        }
    } else {
        None
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for i in 0..usize::try_from(args.aantal).unwrap_or(usize::MAX) {
        let dossier = match &generator {
            Some(g) => g.dossier(i),
            None => passend::generate::dossier(args.seed, i),
        };
        if let Err(e) = writeln!(out, "{dossier}") {
            super::output::failed(&e);
            return 0;
        }
    }
    if let Err(e) = out.flush() {
        super::output::failed(&e);
    }
    0
}

fn generator(args: &GenereerArgs) -> Result<Generator, String> {
    let engine = super::regels::RuleSource::resolve(args.regels.as_deref()).load().map_err(|e| e.to_string())?;
    let mut g = Generator::new(&engine, args.seed);
    if let Some(regio) = &args.regio {
        let known = g.regions();
        if !known.iter().any(|r| **r == **regio) {
            let names: Vec<&str> = known.iter().map(|r| &**r).collect();
            return Err(format!(
                "onbekende regio `{regio}`: {}",
                did_you_mean(regio, names.iter().copied(), &format!("kies uit {}", names.join(", ")))
            ));
        }
        g = g.only_region(regio);
    }
    if let Some(soort) = &args.aanvraag {
        g = g.only_kind(soort).map_err(|known| {
            let names: Vec<&str> = known.iter().map(|r| &**r).collect();
            format!("onbekende aanvraagsoort `{soort}`: {}", did_you_mean(soort, names.iter().copied(), &format!("kies uit {}", names.join(", "))))
        })?;
    }
    if let Some((van, tot)) = args.peildatum {
        g = g.peildatum_between(van, tot);
    }
    Ok(g)
}

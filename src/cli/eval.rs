//! `passend eval [FILE]` and `passend eval --ndjson [--jobs N] [FILE]`, as the
//! contract says: one decision per dossier; with --ndjson a bad line yields a
//! `fout` line and the stream goes on; output order is input order, and each
//! answer is flushed before the next line is awaited (co-process use).
//!
//! Rules are loaded lazily: only the regions the dossiers name are parsed,
//! checked and compiled, so one dossier costs one region, not all of them.

use super::{report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::engine::ndjson::{self, local_today, StreamError};
use passend::{DossierError, Engine, LoadError};
use std::io::Read;
use std::path::PathBuf;

#[derive(Args)]
pub struct EvalArgs {
    /// Dossierbestand (JSON); `-` of niets: standaardinvoer.
    #[arg(value_name = "BESTAND")]
    file: Option<PathBuf>,
    /// Eén dossier per regel in, één beslissing per regel uit.
    #[arg(long)]
    ndjson: bool,
    /// Met --ndjson: beslis regels op zoveel threads tegelijk (de volgorde blijft gelijk).
    #[arg(long = "taken", alias = "jobs", short = 'j', value_name = "N", default_value_t = 1, value_parser = super::taal::threads)]
    jobs: u16,
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
    /// Gebruik deze versie van de regels van de regio, niet de versie die op de peildatum geldt.
    #[arg(long)]
    versie: Option<String>,
}

/// Rules as every command finds them (`super::regels`); each region is loaded on first use.
fn load_rules_lazily(dir: Option<&PathBuf>) -> Result<Engine, LoadError> {
    super::regels::RuleSource::resolve(dir.map(PathBuf::as_path)).load_lazy()
}

pub fn run(args: EvalArgs) -> i32 {
    let engine = match load_rules_lazily(args.regions.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            return EXIT_RULES;
        }
    };
    if !args.ndjson {
        return match super::input::read_dossier(args.file.as_deref()) {
            Ok(text) => single(&engine, &text, args.versie.as_deref()),
            Err(code) => code,
        };
    }
    let input = match super::open_input(args.file.as_deref()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("fout: {e}");
            return super::input::EXIT_FILE;
        }
    };
    stream(&engine, input, args.versie, usize::from(args.jobs))
}

fn single(engine: &Engine, text: &[u8], versie: Option<&str>) -> i32 {
    let dossier = match super::decidable(engine, engine.decode_slice(text, local_today())) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut line = Vec::with_capacity(4096);
    match engine.evaluate_version(&dossier, versie).and_then(|d| ndjson::write_decision(&d, &mut line)) {
        Ok(()) => {
            line.push(b'\n');
            super::output::out(&line);
            0
        }
        Err(e) => {
            super::output::refused(&e);
            exit_code(&e, versie)
        }
    }
}

/// The exit code of a refused dossier (contract): 2 for a version asked for
/// with `--versie` that the region does not have (a usage error), 1 for a
/// dossier that is not valid.
fn exit_code(e: &DossierError, versie: Option<&str>) -> i32 {
    match e {
        DossierError::GeenRegelset(_) if versie.is_some() => EXIT_RULES,
        _ => super::input::EXIT_INPUT,
    }
}

fn stream(engine: &Engine, input: Box<dyn Read + Send>, versie: Option<String>, jobs: usize) -> i32 {
    // A panic on one line becomes that line's `fout`; keep stderr quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let options = ndjson::Options { versie, jobs, today: None };
    // Signals end the stream only while it waits for input: never mid-line.
    super::signals::hold();
    let mut out = super::output::StreamOut::default();
    // A panic outside a line (in the framing itself) must not end the stream silently.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ndjson::run(engine, super::signals::Interruptible(input), &mut out, &options)
    }));
    let Ok(result) = run else {
        super::output::refused(&DossierError::Intern(passend::Melding::new(
            "de stroom is afgebroken door een fout in passend zelf; meld dit met de invoer erbij",
        )));
        return 1;
    };
    match result {
        Ok(()) => 0,
        Err(StreamError::Write(e)) => {
            // The last line written stays a complete one; a reader that went away is not an error.
            out.repair();
            super::output::failed(&e);
            0
        }
        Err(e) => {
            eprintln!("fout: {e}");
            1
        }
    }
}

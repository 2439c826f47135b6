//! `passend eval [FILE]` and `passend eval --ndjson [FILE]`, as the contract
//! says: one decision per dossier; with --ndjson a bad line yields a `fout`
//! line and the stream goes on; output order is input order.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::{DossierError, Engine};
use serde_json::json;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;

/// Longest NDJSON line (bytes) that is parsed; a longer one gets a `fout` line.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

#[derive(Args)]
pub struct EvalArgs {
    /// Dossier file (default: standard input).
    file: Option<PathBuf>,
    /// One dossier per line in, one decision per line out.
    #[arg(long)]
    ndjson: bool,
    /// Load rules from this regions folder instead of the built-in ones.
    #[arg(long)]
    regions: Option<PathBuf>,
    /// Use this version of the region's rules instead of the one in force on the peildatum.
    #[arg(long)]
    versie: Option<String>,
}

pub fn run(args: EvalArgs) -> i32 {
    let engine = match load_rules(args.regions.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            return EXIT_RULES;
        }
    };
    let input: Box<dyn Read> = match &args.file {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("fout: kan {} niet openen: {e}", path.display());
                return EXIT_RULES;
            }
        },
        None => Box::new(io::stdin()),
    };
    if args.ndjson {
        stream(&engine, input, args.versie.as_deref())
    } else {
        single(&engine, input, args.versie.as_deref())
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Decides one dossier's text; the error names the field.
fn decide_text(engine: &Engine, text: &[u8], versie: Option<&str>) -> Result<String, DossierError> {
    let json: serde_json::Value = serde_json::from_slice(text).map_err(|e| DossierError {
        code: "json",
        bericht: format!("geen geldige JSON: {e}"),
        veld: None,
    })?;
    let dossier = engine.decode(&json, today())?;
    let decision = engine.evaluate_version(&dossier, versie)?;
    serde_json::to_string(&decision).map_err(|e| DossierError { code: "intern", bericht: e.to_string(), veld: None })
}

fn single(engine: &Engine, mut input: Box<dyn Read>, versie: Option<&str>) -> i32 {
    let mut text = Vec::new();
    if let Err(e) = input.read_to_end(&mut text) {
        eprintln!("fout: kan de invoer niet lezen: {e}");
        return 1;
    }
    match decide_text(engine, &text, versie) {
        Ok(line) => {
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "{line}");
            0
        }
        Err(e) if e.code == "regelfout" => {
            let regio = serde_json::from_slice::<serde_json::Value>(&text)
                .ok()
                .and_then(|j| j.get("regio").and_then(|r| r.as_str()).map(str::to_string))
                .unwrap_or_default();
            report_load_error(&passend::LoadError::Problems(engine.region_problems(&regio)), MessageFormat::Human);
            eprintln!("fout [{}]: {e}", e.code);
            EXIT_RULES
        }
        Err(e) => {
            eprintln!("fout [{}]: {e}", e.code);
            1
        }
    }
}

/// One NDJSON line -> one output line, never a panic.
fn line_output(engine: &Engine, n: usize, line: &[u8], versie: Option<&str>) -> String {
    let result = if line.len() > MAX_LINE {
        Err(DossierError { code: "te_lang", bericht: format!("regel is langer dan {MAX_LINE} bytes"), veld: None })
    } else if line.iter().all(u8::is_ascii_whitespace) {
        Err(DossierError { code: "leeg", bericht: "lege regel".into(), veld: None })
    } else {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decide_text(engine, line, versie))).unwrap_or_else(|_| {
            Err(DossierError { code: "intern", bericht: "interne fout bij deze regel (een bug in passend)".into(), veld: None })
        })
    };
    match result {
        Ok(s) => s,
        Err(e) => json!({"regelnummer": n, "fout": {"code": e.code, "bericht": e.bericht, "veld": e.veld}}).to_string(),
    }
}

fn stream(engine: &Engine, input: Box<dyn Read>, versie: Option<&str>) -> i32 {
    std::panic::set_hook(Box::new(|_| {}));
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let _ = out.flush();
                eprintln!("fout: kan de invoer niet lezen: {e}");
                return 1;
            }
        }
        n += 1;
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        let text = line_output(engine, n, &line, versie);
        if writeln!(out, "{text}").is_err() {
            return 0; // the reader went away (broken pipe): stop quietly
        }
        // Answer at once when no further input is already waiting.
        if reader.buffer().is_empty() && out.flush().is_err() {
            return 0;
        }
    }
    let _ = out.flush();
    0
}

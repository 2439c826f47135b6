//! `passend diff OLD NEW [--dossiers FILE.ndjson] [--format text|json|markdown]`:
//! the semantic difference between two rule-set versions, and with
//! `--dossiers` the decisions that change. Exit 0 (or 1 with `--exit-code`
//! when something differs), 2 when a side cannot be read.

use super::EXIT_RULES;
use clap::{Args, ValueEnum};
use passend::diagnostics::render;
use passend::diff::{self, source, LoadFailure, Loaded};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Leesbare tekst.
    #[value(name = "tekst", alias = "text")]
    Text,
    /// JSON.
    Json,
    /// Markdown (voor een merge request).
    Markdown,
}

#[derive(Args)]
pub struct DiffArgs {
    /// De oude regels: een map of bestand, REV:pad (git), of regio[/versie] van de ingebouwde regels.
    #[arg(value_name = "OUD")]
    old: String,
    /// De nieuwe regels, in dezelfde vormen.
    #[arg(value_name = "NIEUW")]
    new: String,
    /// Beslis elk dossier uit dit NDJSON-bestand onder beide versies en toon wat verandert.
    #[arg(long, value_name = "BESTAND.ndjson")]
    dossiers: Option<PathBuf>,
    /// Vorm van de uitvoer.
    #[arg(long = "formaat", alias = "format", value_name = "VORM", value_enum, default_value = "tekst")]
    format: Format,
    /// Eindig met code 1 als de regelsets verschillen (zoals `git diff --exit-code`).
    #[arg(long = "afsluitcode", alias = "exit-code")]
    exit_code: bool,
}

fn load(spec: &str, color: bool) -> Result<Vec<Loaded>, i32> {
    source::load(spec).map_err(|e| {
        match e {
            LoadFailure::Problems(p) => {
                eprint!("{}", render(&p, color));
                eprintln!("fout: `{spec}` bevat {} fout(en); `passend check` toont ze ook", p.len());
            }
            LoadFailure::Message(m) => eprintln!("fout: {m}"),
        }
        EXIT_RULES
    })
}

pub fn run(args: DiffArgs) -> i32 {
    let no_color = std::env::var_os("NO_COLOR").is_some();
    let err_color = std::io::stderr().is_terminal() && !no_color;
    let (old, new) = match (load(&args.old, err_color), load(&args.new, err_color)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let mut report = diff::diff(&old, &new);
    if let Some(path) = &args.dossiers {
        let (matched, _, _) = diff::pairs(&old, &new);
        let today = chrono::Local::now().date_naive();
        for ((i, j), comparison) in matched.iter().zip(report.vergelijkingen.iter_mut()) {
            let (Some(o), Some(n)) = (old.get(*i), new.get(*j)) else { continue };
            let file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("fout: kan {} niet openen: {}", path.display(), super::io_reason(&e));
                    return EXIT_RULES;
                }
            };
            match diff::impact::impact(o, n, std::io::BufReader::with_capacity(1 << 16, file), today) {
                Ok(impact) => comparison.impact = Some(impact),
                Err(e) => {
                    eprintln!("fout: kan {} niet lezen: {}", path.display(), super::io_reason(&e));
                    return 1;
                }
            }
        }
    }
    let text = match args.format {
        Format::Text => diff::text(&report, std::io::stdout().is_terminal() && !no_color),
        Format::Markdown => diff::markdown(&report),
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("fout: {e}");
                return 1;
            }
        },
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).is_err() {
        return 0; // the reader went away
    }
    if args.exit_code && !report.is_empty() {
        1
    } else {
        0
    }
}

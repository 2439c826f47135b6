//! `passend diff OLD NEW [--dossiers FILE.ndjson] [--format text|json|markdown]`:
//! the semantic difference between two rule-set versions, and with
//! `--dossiers` the decisions that change. Exit 0 (or 1 with `--exit-code`
//! when something differs), 2 when a side cannot be read.

use super::EXIT_RULES;
use clap::{Args, ValueEnum};
use passend::diagnostics::render;
use passend::diff::{self, source, LoadFailure, Loaded};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The old rules: a folder or file, REV:path (git), or regio[/versie] of the built-in rules.
    old: String,
    /// The new rules, in the same forms.
    new: String,
    /// Decide every dossier of this NDJSON file under both versions and report what changes.
    #[arg(long, value_name = "FILE.ndjson")]
    dossiers: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with 1 when the rule sets differ (like `git diff --exit-code`).
    #[arg(long)]
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
            if path.is_dir() {
                eprintln!("fout: {} is een map, geen NDJSON-bestand", path.display());
                return EXIT_RULES;
            }
            let file = match std::fs::File::open(path) {
                Ok(f) => super::input::LineLimit::new(f),
                Err(e) => {
                    eprintln!("fout: kan {} niet openen: {e}", path.display());
                    return EXIT_RULES;
                }
            };
            match diff::impact::impact(o, n, std::io::BufReader::with_capacity(1 << 16, file), today) {
                Ok(impact) => comparison.impact = Some(impact),
                Err(e) => {
                    eprintln!("fout: kan {} niet lezen: {e}", path.display());
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
    super::output::out(text.as_bytes());
    if args.exit_code && !report.is_empty() {
        1
    } else {
        0
    }
}

//! `passend explain [FILE]`: the decision for one dossier (file or standard
//! input; an example file explains its `dossier`) as a Dutch explanation: text (default), `--format json` or
//! `--format html` (one self-contained page). `--volledig` shows every rule.
//! Exit codes as `eval`: 0 explained, 1 not a valid dossier, 2 usage or rule-file error.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::{Args, ValueEnum};
use passend::explain::{explain, html, text, Niveau};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExplainFormat {
    Text,
    Json,
    Html,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Dossier file (default: standard input).
    file: Option<PathBuf>,
    /// Every rule of the request kind with its facts, not only the deciding ones.
    #[arg(long)]
    volledig: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ExplainFormat,
    /// Load rules from this regions folder instead of the built-in ones.
    #[arg(long)]
    regions: Option<PathBuf>,
}

pub fn run(args: ExplainArgs) -> i32 {
    let engine = match load_rules(args.regions.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            return EXIT_RULES;
        }
    };
    let input = match super::input::read_dossier(args.file.as_deref()) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let json: serde_json::Value = match serde_json::from_slice(&input) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("fout [json]: geen geldige JSON: {e}");
            return 1;
        }
    };
    // An example file (`{"naam", "bron", "dossier", "verwacht"}`) explains its dossier.
    let json = match json.get("dossier") {
        Some(d) if d.is_object() && json.get("regio").is_none() => d.clone(),
        _ => json,
    };
    let niveau = if args.volledig { Niveau::Volledig } else { Niveau::Beslissend };
    let today = chrono::Local::now().date_naive();
    let result = engine.decode(&json, today).and_then(|d| explain(&engine, &d, niveau));
    let uitleg = match result {
        Ok((_, u)) => u,
        Err(e) if e.code == "regelfout" => {
            eprintln!("fout [{}]: {e}", e.code);
            return EXIT_RULES;
        }
        Err(e) => {
            eprintln!("fout [{}]: {e}", e.code);
            return 1;
        }
    };
    let out = match args.format {
        ExplainFormat::Text => text(&uitleg),
        ExplainFormat::Html => html(&uitleg),
        ExplainFormat::Json => match serde_json::to_string_pretty(&uitleg) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("fout: {e}");
                return EXIT_RULES;
            }
        },
    };
    super::output::out(out.as_bytes());
    0
}

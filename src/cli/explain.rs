//! `passend explain [FILE]`: the decision for one dossier (file or standard
//! input; an example file explains its `dossier`) as a Dutch explanation: text (default), `--format json` or
//! `--format html` (one self-contained page). `--volledig` shows every rule.
//! Exit codes as `eval`: 0 explained, 1 not a valid dossier, 2 usage or rule-file error.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::{Args, ValueEnum};
use passend::explain::{explain_version, html, text, Niveau};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExplainFormat {
    /// Leesbare tekst.
    #[value(name = "tekst", alias = "text")]
    Text,
    /// JSON.
    Json,
    /// Eén HTML-pagina.
    Html,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Dossierbestand (JSON) of voorbeeldbestand; `-` of niets: standaardinvoer.
    #[arg(value_name = "BESTAND")]
    file: Option<PathBuf>,
    /// Elke regel van de aanvraagsoort met haar feiten, niet alleen de beslissende.
    #[arg(long)]
    volledig: bool,
    /// Vorm van de uitleg.
    #[arg(long = "formaat", alias = "format", value_name = "VORM", value_enum, default_value = "tekst")]
    format: ExplainFormat,
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
    /// Gebruik deze versie van de regels van de regio, niet de versie die op de peildatum geldt.
    #[arg(long)]
    versie: Option<String>,
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
            eprintln!("fout [json]: {}", passend::diagnostics::json_error(&e));
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
    let result = engine.decode(&json, today).and_then(|d| explain_version(&engine, &d, niveau, args.versie.as_deref()));
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

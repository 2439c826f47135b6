//! `passend explain [FILE]`: the decision for one dossier (file or standard
//! input; an example file explains its `dossier`) as a Dutch explanation: text (default), `--format json` or
//! `--format html` (one self-contained page). `--volledig` shows every rule.
//! Exit codes as `eval`: 0 explained, 1 not a valid dossier, 2 usage or rule-file error.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::{Args, ValueEnum};
use passend::explain::{explain, html, text, Niveau};
use passend::LoadError;
use std::io::{Read, Write};
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
    /// For whom: `ouder` and `school` get plain Dutch without rule ids; `beleid` the full trace.
    #[arg(long, value_enum, default_value = "beleid")]
    voor: Lezer,
    /// Only "wat is er nodig?": the smallest changes to the facts that give `ja`.
    #[arg(long)]
    wat_als: bool,
    /// An answer to a question, `veld=waarde` (e.g. `school.cofinanciering=true`); may be repeated.
    #[arg(long, value_name = "VELD=WAARDE")]
    antwoord: Vec<String>,
}

/// Who reads the explanation.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Lezer {
    Ouder,
    School,
    Beleid,
}

pub fn run(args: ExplainArgs) -> i32 {
    let engine = match load_rules(args.regions.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            return EXIT_RULES;
        }
    };
    let mut input = Vec::new();
    let read = match &args.file {
        Some(path) => std::fs::read(path).map(|b| input = b),
        None => std::io::stdin().read_to_end(&mut input).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("fout: kan de invoer niet lezen: {e}");
        return EXIT_RULES;
    }
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
    let json = match super::explain_publiek::with_answers(json, &args.antwoord) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("fout [antwoord]: {e}");
            return EXIT_RULES;
        }
    };
    let niveau = if args.volledig { Niveau::Volledig } else { Niveau::Beslissend };
    let today = chrono::Local::now().date_naive();
    let dossier = match engine.decode(&json, today) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fout [{}]: {e}", e.code);
            return 1;
        }
    };
    // Rule files that do not check are a rule-file error (exit 2), shown with their problems.
    if let Some(Err(problems)) = engine.region(&dossier.regio) {
        report_load_error(&LoadError::Problems(problems), MessageFormat::Human);
        let e = passend::engine::rule_error(&dossier.regio);
        eprintln!("fout [{}]: {e}", e.code);
        return EXIT_RULES;
    }
    let voor = match args.voor {
        Lezer::Ouder => Some(passend::explain::publiek::Voor::Ouder),
        Lezer::School => Some(passend::explain::publiek::Voor::School),
        Lezer::Beleid => None,
    };
    if args.wat_als || voor.is_some() {
        let format = match args.format {
            ExplainFormat::Text => super::explain_publiek::Format::Text,
            ExplainFormat::Json => super::explain_publiek::Format::Json,
            ExplainFormat::Html => super::explain_publiek::Format::Html,
        };
        return super::explain_publiek::run(&engine, &dossier, voor, args.wat_als, format, args.file.as_deref());
    }
    let wat_is_nodig = match (args.format, passend::explain::wat_als::wat_is_nodig(&engine, &dossier)) {
        (ExplainFormat::Json, Ok(w)) => w,
        (ExplainFormat::Json, Err(e)) => {
            eprintln!("fout [{}]: {e}", e.code);
            return 1;
        }
        _ => Vec::new(),
    };
    let uitleg = match explain(&engine, &dossier, niveau) {
        Ok((_, u)) => u,
        Err(e) => {
            eprintln!("fout [{}]: {e}", e.code);
            return 1;
        }
    };
    let out = match args.format {
        ExplainFormat::Text => text(&uitleg),
        ExplainFormat::Html => html(&uitleg),
        ExplainFormat::Json => match serde_json::to_value(&uitleg).and_then(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.insert("wat_is_nodig".into(), serde_json::to_value(&wat_is_nodig)?);
            }
            serde_json::to_string_pretty(&v)
        }) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("fout: {e}");
                return EXIT_RULES;
            }
        },
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    0
}

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
    /// Voor wie: `ouder` en `school` krijgen gewone taal zonder regelnamen; `beleid` de volledige uitleg.
    #[arg(long, value_enum, default_value = "beleid")]
    voor: Lezer,
    /// Alleen "wat is er nodig?": de kleinste wijzigingen in de feiten die `ja` geven.
    #[arg(long)]
    wat_als: bool,
    /// Een antwoord op een vraag, `veld=waarde` (bijv. `school.cofinanciering=true`); mag vaker.
    #[arg(long, value_name = "VELD=WAARDE")]
    antwoord: Vec<String>,
}

/// Who reads the explanation.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Lezer {
    /// Ouders: gewone taal, het antwoord eerst.
    Ouder,
    /// De school: als voor ouders, met de deskundigen.
    School,
    /// Beleidsmedewerkers: elke regel met haar feiten en bron.
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
    let niveau = if args.volledig { Niveau::Volledig } else { Niveau::Beslissend };
    let dossier = match dossier(&engine, &args) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let voor = match args.voor {
        Lezer::Ouder => Some(passend::explain::publiek::Voor::Ouder),
        Lezer::School => Some(passend::explain::publiek::Voor::School),
        Lezer::Beleid => None,
    };
    if args.wat_als || voor.is_some() {
        if args.versie.is_some() {
            eprintln!("fout: --voor ouder|school en --wat-als gebruiken de versie die op de peildatum geldt; --versie kan daar (nog) niet bij");
            return EXIT_RULES;
        }
        let format = match args.format {
            ExplainFormat::Text => super::explain_publiek::Format::Text,
            ExplainFormat::Json => super::explain_publiek::Format::Json,
            ExplainFormat::Html => super::explain_publiek::Format::Html,
        };
        return super::explain_publiek::run(&engine, &dossier, voor, args.wat_als, format, args.file.as_deref());
    }
    let wat_is_nodig = match (args.format, args.versie.is_none()) {
        (ExplainFormat::Json, true) => match passend::explain::wat_als::wat_is_nodig(&engine, &dossier) {
            Ok(w) => Some(w),
            Err(e) => {
                super::output::refused(&e);
                return 1;
            }
        },
        _ => None,
    };
    let uitleg = match explain_version(&engine, &dossier, niveau, args.versie.as_deref()) {
        Ok((_, u)) => u,
        Err(e) => {
            super::output::refused(&e);
            return 1;
        }
    };
    let out = match args.format {
        ExplainFormat::Text => text(&uitleg),
        ExplainFormat::Html => html(&uitleg),
        ExplainFormat::Json => match serde_json::to_value(&uitleg).and_then(|mut v| {
            if let (Some(o), Some(w)) = (v.as_object_mut(), &wat_is_nodig) {
                o.insert("wat_is_nodig".into(), serde_json::to_value(w)?);
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
    super::output::out(out.as_bytes());
    0
}

/// The dossier to explain (a dossier, or the dossier of an example file, with
/// the `--antwoord`s filled in), or the exit code after saying why not.
fn dossier(engine: &passend::Engine, args: &ExplainArgs) -> Result<passend::Dossier, i32> {
    let input = super::input::read_dossier(args.file.as_deref())?;
    // Read as `eval` reads it: a byte order mark is skipped, a key given twice is refused.
    let json = passend::dossier::parse_json(&input).map_err(|e| {
        super::output::refused(&e);
        super::input::EXIT_INPUT
    })?;
    // An example file (`{"naam", "bron", "dossier", "verwacht"}`) explains its dossier.
    let json = match json.get("dossier") {
        Some(d) if d.is_object() && json.get("regio").is_none() => d.clone(),
        _ => json,
    };
    let json = super::explain_publiek::with_answers(json, &args.antwoord).map_err(|e| {
        super::output::CommandError::Antwoord.report(e);
        EXIT_RULES
    })?;
    let today = chrono::Local::now().date_naive();
    super::decidable(engine, engine.decode(&json, today))
}

//! Command-line parsing (clap) and the shared loading of rules.

mod check;
mod dekking;
mod diff;
mod eval;
mod explain;
mod explain_publiek;
mod fmt;
mod genereer;
mod graph;
mod input;
mod lint;
mod lsp;
pub(crate) mod output;
mod regels;
mod schema;
mod signals;
mod taal;
mod test;
mod version;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use passend::diagnostics::render;
use passend::{Engine, LoadError};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "passend", version, about = "Regels van samenwerkingsverbanden passend onderwijs, uitvoerbaar")]
#[command(after_help = "Handleiding: docs/handleiding.md. De regels komen uit --regels MAP, anders $PASSEND_REGIONS, anders ./regions, anders de ingebouwde regels.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Beslis over één dossier (JSON) of een stroom dossiers (NDJSON).
    Eval(eval::EvalArgs),
    /// Controleer de regelbestanden en toon elk probleem.
    Check(check::CheckArgs),
    /// Versies van passend, het contract en de regelsets.
    Version(version::VersionArgs),
    /// Draai de voorbeelddossiers naast de regels, met de dekking van de regels.
    Test(test::TestArgs),
    /// Zet regelbestanden in de vaste opmaak.
    Fmt(fmt::FmtArgs),
    /// Inhoudelijke controles van de regels (tegenstrijdig, onbereikbaar, ...).
    Lint(lint::LintArgs),
    /// Een beslissing met uitleg: waarom, op grond van welke regel.
    Explain(explain::ExplainArgs),
    /// De stappen (workflows) van een regio als diagram.
    Graph(graph::GraphArgs),
    /// JSON Schema van het dossier en de beslissing.
    Schema(schema::SchemaArgs),
    /// Wat er inhoudelijk verschilt tussen twee versies van de regels.
    Diff(diff::DiffArgs),
    /// Voorbeelddossiers als NDJSON (voor metingen en voor `diff --dossiers`).
    Genereer(genereer::GenereerArgs),
    /// Taalserver voor editors (LSP over standaardinvoer en -uitvoer).
    Lsp(lsp::LspArgs),
    /// Controleer de handboekdekking (dekking.toml) en toon de dekking per versie.
    Dekking(dekking::DekkingArgs),
}

/// How problems are reported.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum MessageFormat {
    /// Leesbaar, met de plek in het bestand.
    #[value(name = "mens", alias = "human")]
    Human,
    /// Eén JSON-object per probleem per regel.
    Json,
}

/// Why a file could not be read, in Dutch.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "het bestand bestaat niet".to_string(),
        K::PermissionDenied => "geen toestemming om het te lezen".to_string(),
        K::IsADirectory => "dat is een map, geen bestand".to_string(),
        K::InvalidData => "de inhoud is geen geldige UTF-8-tekst".to_string(),
        K::BrokenPipe => "de andere kant van de pijp is gesloten".to_string(),
        _ => format!("{e}"),
    }
}

/// The input named on the command line: a file, or standard input for `-` or none.
pub fn open_input(path: Option<&std::path::Path>) -> Result<Box<dyn std::io::Read + Send>, String> {
    match path {
        None => Ok(Box::new(std::io::stdin())),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(std::io::stdin())),
        Some(p) if p.is_dir() => Err(format!("kan {} niet lezen: dat is een map, geen bestand", p.display())),
        Some(p) => std::fs::File::open(p)
            .map(|f| Box::new(f) as Box<dyn std::io::Read + Send>)
            .map_err(|e| format!("kan {} niet lezen: {}", p.display(), io_reason(&e))),
    }
}

/// One line to standard output, checked (`output`: a write error is exit 3; a closed pipe is not an error).
pub fn say(line: &str) {
    output::out(format!("{line}\n").as_bytes());
}

/// Exit code: usage or rule-file error (contract).
pub const EXIT_RULES: i32 = 2;

pub fn run() -> i32 {
    // `passend` alone, `passend help` and `passend help OPDRACHT` show the help.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match args.get(1).and_then(|a| a.to_str()) {
        None => args.push("--help".into()),
        Some("help" | "hulp") => {
            args.remove(1);
            args.push("--help".into());
        }
        _ => {}
    }
    let parsed = taal::dutch(Cli::command()).try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            eprint!("{}", taal::error_text(&e));
            return EXIT_RULES;
        }
        Err(e) => {
            // Help and version, in the Dutch layout.
            let mut text = taal::dutch_words(&e.render().to_string());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            say(text.trim_end_matches('\n'));
            return 0;
        }
    };
    if let Err(code) = output::check_stdout_open() {
        return code;
    }
    let code = match cli.command {
        Command::Eval(a) => eval::run(a),
        Command::Check(a) => check::run(a),
        Command::Version(a) => version::run(a),
        Command::Test(a) => test::run(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Lint(a) => lint::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Graph(a) => graph::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Genereer(a) => genereer::run(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Dekking(a) => dekking::run(a),
    };
    output::finish(code)
}

/// Rules from `--regels MAP`, else `$PASSEND_REGIONS`, else `./regions`, else built in.
pub fn load_rules(dir: Option<&PathBuf>) -> Result<Engine, LoadError> {
    regels::RuleSource::resolve(dir.map(PathBuf::as_path)).load()
}

/// A decoded dossier whose region's rules check, or the exit code after
/// saying why not: 1 for a dossier that is not valid, `EXIT_RULES` (with the
/// located problems) when the region's rule files do not check.
pub fn decidable(engine: &passend::Engine, decoded: Result<passend::Dossier, passend::DossierError>) -> Result<passend::Dossier, i32> {
    let dossier = decoded.map_err(|e| {
        output::refused(&e);
        1
    })?;
    if let Some(Err(problems)) = engine.region(&dossier.regio) {
        report_load_error(&LoadError::Problems(regels::problems_as_given(engine, problems)), MessageFormat::Human);
        let e = passend::engine::rule_error(&dossier.regio);
        output::refused(&e);
        return Err(EXIT_RULES);
    }
    Ok(dossier)
}

/// Prints a load failure to stderr in the chosen format.
pub fn report_load_error(err: &LoadError, format: MessageFormat) {
    match err {
        LoadError::Io(msg) => eprintln!("fout: {msg}"),
        LoadError::Problems(problems) => match format {
            MessageFormat::Json => {
                for p in problems {
                    if let Ok(line) = serde_json::to_string(&p.to_json()) {
                        eprintln!("{line}");
                    }
                }
            }
            MessageFormat::Human => {
                let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                eprint!("{}", render(problems, color));
                eprintln!("{} fout(en) gevonden.", problems.len());
            }
        },
    }
}

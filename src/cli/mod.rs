//! Command-line parsing (clap) and the shared loading of rules.

mod check;
mod diff;
mod eval;
mod explain;
mod fmt;
mod genereer;
mod graph;
mod lint;
mod regels;
mod schema;
mod signals;
mod test;
mod version;

use clap::{Parser, Subcommand, ValueEnum};
use passend::diagnostics::render;
use passend::{Engine, LoadError};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "passend", version, about = "Regels van samenwerkingsverbanden passend onderwijs, uitvoerbaar")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide one dossier (JSON) or a stream of dossiers (NDJSON).
    Eval(eval::EvalArgs),
    /// Check rule files and report every problem.
    Check(check::CheckArgs),
    /// Engine, contract and bundled rule-set versions.
    Version(version::VersionArgs),
    /// Run the example dossiers beside the rule files, with rule coverage.
    Test(test::TestArgs),
    /// Lay out rule files canonically.
    Fmt(fmt::FmtArgs),
    /// Logic checks on rule files that no parser can do.
    Lint(lint::LintArgs),
    /// A decision as a Dutch explanation.
    Explain(explain::ExplainArgs),
    /// A region's workflows as a diagram.
    Graph(graph::GraphArgs),
    /// JSON Schema of the dossier and the decision.
    Schema(schema::SchemaArgs),
    /// Semantic difference between two rule-set versions.
    Diff(diff::DiffArgs),
    /// Deterministic example dossiers as NDJSON (benchmarks, impact runs).
    Genereer(genereer::GenereerArgs),
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

/// One line to standard output; a closed pipe (`| head`) is not an error here.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Exit code: usage or rule-file error (contract).
pub const EXIT_RULES: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_RULES } else { 0 };
        }
    };
    match cli.command {
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
    }
}

/// Rules from `--regels MAP`, else `$PASSEND_REGIONS`, else `./regions`, else built in.
pub fn load_rules(dir: Option<&PathBuf>) -> Result<Engine, LoadError> {
    regels::RuleSource::resolve(dir.map(PathBuf::as_path)).load()
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

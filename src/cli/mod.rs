//! Command-line parsing (clap) and the shared loading of rules.

mod check;
mod diff;
mod eval;
mod explain;
mod fmt;
mod genereer;
mod graph;
mod input;
mod lint;
pub(crate) mod output;
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
    Human,
    Json,
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
    };
    output::finish(code)
}

/// Rules from `--regions DIR`, else `$PASSEND_REGIONS`, else the embedded ones.
pub fn load_rules(dir: Option<&PathBuf>) -> Result<Engine, LoadError> {
    let from_env = std::env::var_os("PASSEND_REGIONS").map(PathBuf::from);
    match dir.cloned().or(from_env) {
        Some(d) => Engine::load(&d),
        None => Engine::embedded(),
    }
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

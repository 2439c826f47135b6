//! `passend diff OLD NEW [--dossiers FILE.ndjson [--alle-peildata]] [--getuigen FILE.ndjson]
//! [--format text|json|markdown]`: the semantic difference between two
//! rule-set versions, a witness dossier for every change, and with
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
    /// With --dossiers: decide every dossier under both versions, whatever its peildatum
    /// (default: only dossiers whose peildatum falls where both versions are in force).
    #[arg(long)]
    alle_peildata: bool,
    /// Write one witness dossier per change (NDJSON, in the report's order) to FILE.
    #[arg(long, value_name = "FILE.ndjson")]
    getuigen: Option<PathBuf>,
    /// Build witnesses from the example dossiers in this folder
    /// (default: regions/<regio>/voorbeelden beside the rules).
    #[arg(long, value_name = "MAP")]
    voorbeelden: Option<PathBuf>,
}

/// Where the example dossiers of a compared rule set are: `--voorbeelden`,
/// else `voorbeelden/` beside its version folder, else `regions/<regio>/voorbeelden`
/// in the current folder or in the source tree passend was built from.
fn example_folders(args: &DiffArgs, sides: &[&Loaded]) -> Vec<PathBuf> {
    if let Some(v) = &args.voorbeelden {
        return vec![v.clone()];
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for l in sides {
        let regio = &*l.program.header.regio;
        let beside = std::path::Path::new(&l.location).parent().map(|p| p.join("voorbeelden"));
        let candidates = [beside, Some(PathBuf::from("regions").join(regio).join("voorbeelden")), Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regions").join(regio).join("voorbeelden"))];
        if let Some(found) = candidates.into_iter().flatten().find(|p| p.is_dir()) {
            if !out.contains(&found) {
                out.push(found);
            }
        }
    }
    out
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
    let (matched, _, _) = diff::pairs(&old, &new);
    let sides: Vec<&Loaded> = matched.iter().flat_map(|(i, j)| [old.get(*i), new.get(*j)]).flatten().collect();
    let voorbeelden = example_folders(&args, &sides).iter().flat_map(|f| diff::voorbeelden(f)).collect();
    let options = diff::Analyse { dossiers: args.dossiers.clone(), alle_peildata: args.alle_peildata, voorbeelden, today: None };
    let report = match diff::analyse(&old, &new, &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fout: {e}");
            return EXIT_RULES;
        }
    };
    if let Some(path) = &args.getuigen {
        let lines: String = report.vergelijkingen.iter().map(|c| diff::getuigen::ndjson(&c.getuigen)).collect();
        if let Err(e) = std::fs::write(path, lines) {
            eprintln!("fout: kan {} niet schrijven: {e}", path.display());
            return 1;
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

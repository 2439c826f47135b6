//! `passend diff OLD NEW [--dossiers FILE.ndjson [--alle-peildata]] [--getuigen FILE.ndjson]
//! [--formaat tekst|json|markdown]`: the semantic difference between two
//! rule-set versions, a witness dossier for every change, and with
//! `--dossiers` the decisions that change and the rules that decide them
//! differently. Exit 0 (or 1 with `--afsluitcode`
//! when something differs), 2 when a side cannot be read.

use super::EXIT_RULES;
use clap::{Args, ValueEnum};
use passend::diagnostics::render;
use passend::diff::{self, source, LoadFailure, Loaded};
use std::io::IsTerminal;
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
    /// Met --dossiers: beslis elk dossier onder beide versies, wat zijn peildatum ook is
    /// (standaard: alleen dossiers waarvan de peildatum valt waar beide versies gelden).
    #[arg(long)]
    alle_peildata: bool,
    /// Schrijf per wijziging één getuige-dossier (NDJSON, in de volgorde van het verslag) naar BESTAND.
    #[arg(long, value_name = "BESTAND.ndjson")]
    getuigen: Option<PathBuf>,
    /// Bouw getuigen uit de voorbeelddossiers in deze map
    /// (standaard: regions/<regio>/voorbeelden naast de regels).
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
    super::output::out(text.as_bytes());
    if args.exit_code && !report.is_empty() {
        1
    } else {
        0
    }
}

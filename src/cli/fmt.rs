//! `passend fmt [PATH] [--check]`: lays out rule files canonically, in place.
//! PATH is a rule file, a version folder or a regions folder (default
//! ./regions). With `--check` nothing is written: the files that are not
//! laid out canonically are listed and the exit code is 1.

use super::EXIT_RULES;
use clap::Args;
use passend::diagnostics::render;
use passend::source::SourceFile;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Prints to standard output; a closed pipe (`| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        $crate::cli::output::out(format!("{}\n", format_args!($($t)*)).as_bytes());
    }};
}

#[derive(Args)]
pub struct FmtArgs {
    /// Een regelbestand, een versie, een regio of de map regions/
    /// (standaard: $PASSEND_REGIONS of ./regions).
    #[arg(value_name = "MAP")]
    path: Option<PathBuf>,
    /// Schrijf niets; noem de bestanden die niet netjes zijn en eindig met code 1 als er zijn.
    #[arg(long = "controleer", alias = "check")]
    check: bool,
}

pub fn run(args: FmtArgs) -> i32 {
    // fmt needs no vocabulary: a `regions/` folder here is enough.
    let here = || Path::new("regions").is_dir().then(|| PathBuf::from("regions"));
    let Some(root) = super::regels::folder_for(args.path.as_deref(), None).or_else(here) else {
        eprintln!("{}", super::regels::no_folder_message("fmt"));
        return EXIT_RULES;
    };
    if !root.exists() {
        eprintln!("fout: {} bestaat niet", root.display());
        return EXIT_RULES;
    }
    let files = match passend::fmt::rule_files(&root) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("fout: kan {} niet lezen: {}", root.display(), super::io_reason(&e));
            return EXIT_RULES;
        }
    };
    if files.is_empty() {
        eprintln!("fout: geen regelbestanden (*.passend) in {}", root.display());
        return EXIT_RULES;
    }
    let mut problems = Vec::new();
    let mut changed = Vec::new();
    for found in &files {
        let name = found.rel.as_str();
        let text = match found.read() {
            Ok(t) => t,
            Err(e) => {
                // One unreadable file is that file's problem; the others are still laid out.
                problems.push(passend::loader::unreadable(name, &e));
                continue;
            }
        };
        let source = SourceFile::new(name, text.as_str());
        match passend::fmt::format_source(&source) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if !args.check {
                    if let Err(e) = write_in_place(&found.path, &formatted) {
                        eprintln!("fout: kan {name} niet schrijven: {}", super::io_reason(&e));
                        return EXIT_RULES;
                    }
                }
                changed.push(name.to_string());
            }
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        let color = super::use_color(std::io::stderr().is_terminal());
        eprint!("{}", render(&problems, color));
        eprintln!("{} fout(en): deze bestanden zijn niet opgemaakt.", problems.len());
    }
    let total = files.len();
    if args.check {
        for path in &changed {
            say!("niet opgemaakt: {path}");
        }
        if changed.is_empty() {
            say!("in orde: {total} bestand(en) opgemaakt");
        } else {
            eprintln!("{} van {total} bestand(en) niet opgemaakt; `passend fmt {}` maakt ze op", changed.len(), root.display());
        }
    } else {
        for path in &changed {
            say!("opgemaakt: {path}");
        }
        say!("{} bestand(en) herschreven, {} al in orde", changed.len(), total - changed.len());
    }
    if !problems.is_empty() {
        EXIT_RULES
    } else if args.check && !changed.is_empty() {
        1
    } else {
        0
    }
}

/// Writes through a temporary file beside the original, so an interrupted
/// run leaves no half file. A linked file is written where the link points
/// (the link stays a link), the file keeps its permissions, and on any error
/// (a full disk) the temporary file is removed.
fn write_in_place(path: &Path, text: &str) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let tmp = target.with_extension("passend.fmt-tmp");
    let _ = std::fs::remove_file(&tmp); // left by a run that was killed
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.set_permissions(permissions)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

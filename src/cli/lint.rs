//! `passend lint [PATH]`: logic checks on rule files (see `passend::lint`).
//! PATH is a regions folder (default ./regions), or a region, version folder
//! or rule file inside one: the whole regions folder is loaded and the
//! findings are shown for PATH. Exit 1 when a finding is an error.

use super::{report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::engine::{read_dir_files, VOCABULARY};
use passend::lint::{lint_files, render, Severity};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Prints to standard output; a closed pipe (`| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        $crate::cli::output::out(format!("{}\n", format_args!($($t)*)).as_bytes());
    }};
}

macro_rules! say_raw {
    ($($t:tt)*) => {{
        $crate::cli::output::out(format!($($t)*).as_bytes());
    }};
}

#[derive(Args)]
pub struct LintArgs {
    /// A regions folder, or a region, version folder or rule file inside one (default: ./regions).
    path: Option<PathBuf>,
    /// human (miette) or json (one finding per line, with its severity).
    #[arg(long = "message-format", value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// Also show findings of severity info (end statuses).
    #[arg(long)]
    info: bool,
}

/// The folder holding `vocabulaire.toml` at or above `path`.
fn regions_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_file() { path.parent()?.to_path_buf() } else { path.to_path_buf() };
    start.ancestors().find(|d| d.join(VOCABULARY).is_file()).map(Path::to_path_buf)
}

pub fn run(args: LintArgs) -> i32 {
    let path = args.path.unwrap_or_else(|| PathBuf::from("regions"));
    let Some(root) = regions_root(&path) else {
        eprintln!("fout: geen {VOCABULARY} in {} of een map erboven", path.display());
        return EXIT_RULES;
    };
    let files = match read_dir_files(&root) {
        Ok(f) => f,
        Err(e) => {
            report_load_error(&e, args.message_format);
            return EXIT_RULES;
        }
    };
    let findings = match lint_files(files) {
        Ok(f) => f,
        Err(e) => {
            report_load_error(&e, args.message_format);
            eprintln!("`passend lint` werkt op regels die `passend check` goedkeurt.");
            return EXIT_RULES;
        }
    };
    // Only the findings below PATH; the vocabulary belongs to the whole folder.
    let whole = path.canonicalize().ok() == root.canonicalize().ok();
    let below = path.strip_prefix(&root).ok().map(|p| format!("regions/{}", p.to_string_lossy().replace('\\', "/")));
    let shown: Vec<_> = findings
        .into_iter()
        .filter(|f| whole || below.as_ref().is_some_and(|b| f.problem.source.name.starts_with(b.as_str())))
        .filter(|f| args.info || f.severity != Severity::Info || args.message_format == MessageFormat::Json)
        .collect();
    let count = |s: Severity| shown.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    match args.message_format {
        MessageFormat::Json => {
            for f in &shown {
                if let Ok(line) = serde_json::to_string(&f.to_json()) {
                    say!("{line}");
                }
            }
        }
        MessageFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            say_raw!("{}", render(&shown, color));
            let mut summary = format!("{errors} fout(en), {warnings} waarschuwing(en)");
            if args.info {
                summary.push_str(&format!(", {infos} opmerking(en)"));
            }
            say!("{summary}");
        }
    }
    if errors > 0 {
        1
    } else {
        0
    }
}

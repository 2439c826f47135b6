//! `passend lint [PATH]`: logic checks on rule files (see `passend::lint`).
//! PATH is a regions folder (default ./regions), or a region, version folder
//! or rule file inside one: the whole regions folder is loaded and the
//! findings are shown for PATH. Exit 1 when a finding is an error.

use super::regels::{folder_for, locate, no_folder_message, RuleSource};
use super::{report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use passend::engine::read_dir_files;
use passend::lint::{lint_files, render, Severity};
use std::io::IsTerminal;
use std::path::PathBuf;

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
    /// Map met regels: de map regions/, één regio, één versie of één bestand
    /// (standaard: --regels, $PASSEND_REGIONS of ./regions).
    #[arg(value_name = "MAP")]
    path: Option<PathBuf>,
    /// Hetzelfde als MAP.
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regels: Option<PathBuf>,
    /// mens (leesbaar) of json (één bevinding per regel, met haar ernst).
    #[arg(long = "berichtvorm", alias = "message-format", value_name = "VORM", value_enum, default_value = "mens")]
    message_format: MessageFormat,
    /// Toon ook opmerkingen (ernst info, zoals eindstatussen).
    #[arg(long)]
    info: bool,
}

pub fn run(args: LintArgs) -> i32 {
    let Some(path) = folder_for(args.path.as_deref(), args.regels.as_deref()) else {
        eprintln!("{}", no_folder_message("lint"));
        return EXIT_RULES;
    };
    let target = match locate(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("fout: {e}");
            return EXIT_RULES;
        }
    };
    if args.message_format == MessageFormat::Human {
        say!("{}", RuleSource::Folder(target.root.clone()).announce());
    }
    let root = target.root.clone();
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
    let shown: Vec<_> = findings
        .into_iter()
        .filter(|f| target.contains(&f.problem))
        .filter(|f| args.info || f.severity != Severity::Info || args.message_format == MessageFormat::Json)
        .map(|mut f| {
            f.problem = target.as_given(f.problem);
            f
        })
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

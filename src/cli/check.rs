//! `passend check [DIR]`: parse and check every rule set, report all problems.

use super::{load_rules, report_load_error, MessageFormat};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// The regions folder (default: --regions, $PASSEND_REGIONS, ./regions, or the built-in rules).
    dir: Option<PathBuf>,
    /// Same as DIR.
    #[arg(long = "regions")]
    regions: Option<PathBuf>,
    /// human (miette) or json (one problem per line, for editors and CI).
    #[arg(long = "message-format", value_enum, default_value = "human")]
    message_format: MessageFormat,
}

pub fn run(args: CheckArgs) -> i32 {
    let mut dir = args.dir.or(args.regions);
    if dir.is_none() && std::env::var_os("PASSEND_REGIONS").is_none() && std::path::Path::new("regions/vocabulaire.toml").is_file() {
        dir = Some(PathBuf::from("regions"));
    }
    match load_rules(dir.as_ref()).and_then(|e| {
        if e.problems.is_empty() {
            Ok(e)
        } else {
            Err(passend::LoadError::Problems(e.problems))
        }
    }) {
        Ok(engine) => {
            if args.message_format == MessageFormat::Human {
                let sets: usize = engine.regions.iter().map(|r| r.versions.len()).sum();
                let rules: usize = engine
                    .regions
                    .iter()
                    .flat_map(|r| &r.versions)
                    .flat_map(|p| &p.aanvragen)
                    .map(|a| a.rules.len())
                    .sum();
                super::output::say!("in orde: {} regio's, {sets} regelsets, {rules} regels", engine.regions.len());
            }
            0
        }
        Err(e) => {
            report_load_error(&e, args.message_format);
            1
        }
    }
}

//! `passend schema [dossier|beslissing|fout]`: a JSON Schema (2020-12) on
//! standard output, generated from the vocabulary of the loaded rules.
//! Without an argument: the dossier schema.

use super::{load_rules, report_load_error, MessageFormat, EXIT_RULES};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Which {
    /// The input of `passend eval`.
    Dossier,
    /// The output of `passend eval`.
    Beslissing,
    /// The error line of `passend eval --ndjson`.
    Fout,
}

#[derive(Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value = "dossier")]
    which: Which,
    /// Load the vocabulary from this regions folder instead of the built-in one.
    #[arg(long)]
    regions: Option<PathBuf>,
}

pub fn run(args: SchemaArgs) -> i32 {
    let engine = match load_rules(args.regions.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            report_load_error(&e, MessageFormat::Human);
            return EXIT_RULES;
        }
    };
    let schema = match args.which {
        Which::Dossier => passend::schema::dossier(&engine.vocab),
        Which::Beslissing => passend::schema::beslissing(&engine),
        Which::Fout => passend::schema::fout(),
    };
    match serde_json::to_string_pretty(&schema) {
        Ok(s) => {
            super::output::say!("{s}");
            0
        }
        Err(e) => {
            eprintln!("fout: {e}");
            EXIT_RULES
        }
    }
}

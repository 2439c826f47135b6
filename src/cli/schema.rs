//! `passend schema [dossier|beslissing|fout]`: a JSON Schema (2020-12) on
//! standard output, generated from the vocabulary of the loaded rules.
//! Without an argument: the dossier schema.

use super::EXIT_RULES;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Which {
    /// De invoer van `passend eval`.
    Dossier,
    /// De uitvoer van `passend eval`.
    Beslissing,
    /// De foutregel van `passend eval --ndjson`.
    Fout,
}

#[derive(Args)]
pub struct SchemaArgs {
    /// Welk schema.
    #[arg(value_enum, default_value = "dossier", value_name = "WELK")]
    which: Which,
    /// Map met regels voor de woordenlijst (standaard: $PASSEND_REGIONS, ./regions, anders ingebouwd).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
}

pub fn run(args: SchemaArgs) -> i32 {
    let engine = match super::rules_or_exit(args.regions.as_ref()) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let schema = match args.which {
        Which::Dossier => passend::schema::dossier(engine.vocab()),
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

//! `passend graph <regio> [--format mermaid|dot]`: the region's workflows
//! as a diagram on standard output. A region without workflows says so on
//! standard error (exit 0); an unknown region is a usage error (exit 2).

use super::{report_load_error, MessageFormat, EXIT_RULES};
use clap::{Args, ValueEnum};
use passend::graph::{graph, Format};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GraphFormat {
    /// Mermaid (GitHub, GitLab, documentatie).
    Mermaid,
    /// Graphviz dot.
    Dot,
}

#[derive(Args)]
pub struct GraphArgs {
    /// De regio (bijvoorbeeld stromenland).
    regio: String,
    /// Taal van het diagram.
    #[arg(long = "formaat", alias = "format", value_name = "VORM", value_enum, default_value = "mermaid")]
    format: GraphFormat,
    /// De versie van de regels van de regio (standaard: de nieuwste).
    #[arg(long)]
    versie: Option<String>,
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
}

pub fn run(args: GraphArgs) -> i32 {
    let engine = match super::rules_or_exit(args.regions.as_ref()) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let Some(region) = engine.regions().into_iter().find(|r| *r.id == *args.regio) else {
        if engine.broken().iter().any(|b| **b == *args.regio) {
            report_load_error(&passend::LoadError::Problems(super::regels::problems_as_given(&engine, engine.region_problems(&args.regio))), MessageFormat::Human);
        } else {
            let known: Vec<&str> = engine.regions().into_iter().map(|r| &*r.id).collect();
            eprintln!("fout: onbekende regio `{}`; bekend zijn: {}", args.regio, known.join(", "));
        }
        return EXIT_RULES;
    };
    let program = match &args.versie {
        Some(v) => region.versions.iter().find(|p| *p.header.versie == **v),
        None => region.versions.last(),
    };
    let Some(program) = program else {
        let known: Vec<&str> = region.versions.iter().map(|p| &*p.header.versie).collect();
        eprintln!("fout: regio `{}` heeft geen versie `{}`; wel: {}", args.regio, args.versie.unwrap_or_default(), known.join(", "));
        return EXIT_RULES;
    };
    let format = match args.format {
        GraphFormat::Mermaid => Format::Mermaid,
        GraphFormat::Dot => Format::Dot,
    };
    match graph(program, format) {
        Some(text) => {
            super::output::out(text.as_bytes());
            0
        }
        None => {
            eprintln!(
                "Regio `{}` (versie {}) heeft geen workflows: er is geen statusverloop om te tekenen.",
                args.regio, program.header.versie
            );
            0
        }
    }
}

//! `passend version [--format json]`: what a service logs at start.

use clap::Args;
use serde_json::json;
use std::path::PathBuf;

/// Version of the dossier/decision contract this engine implements.
pub const CONTRACT: &str = "1";

#[derive(Args)]
pub struct VersionArgs {
    /// tekst of json
    #[arg(long = "formaat", alias = "format", default_value = "tekst", value_parser = ["tekst", "text", "json"])]
    format: String,
    /// Map met regels (standaard: $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regions: Option<PathBuf>,
}

pub fn run(args: VersionArgs) -> i32 {
    let engine = match super::rules_or_exit(args.regions.as_ref()) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let regions: Vec<_> = engine
        .regions()
        .into_iter()
        .map(|r| {
            let versions: Vec<_> = r
                .versions
                .iter()
                .map(|p| json!({"versie": &*p.header.versie, "geldig_vanaf": p.header.geldig_vanaf, "bron": &*p.header.bron, "hash": &*p.hash}))
                .collect();
            json!({"regio": &*r.id, "versies": versions})
        })
        .collect();
    if args.format == "json" {
        let v = json!({"engine": env!("CARGO_PKG_VERSION"), "contract": CONTRACT, "regio's": regions});
        super::output::say!("{v}");
    } else {
        super::output::say!("passend {} (contract v{CONTRACT})", env!("CARGO_PKG_VERSION"));
        for r in engine.regions() {
            for p in &r.versions {
                super::output::say!("  {:<18} {:<10} geldig vanaf {}  {}", r.id, p.header.versie, p.header.geldig_vanaf, p.hash);
            }
        }
    }
    0
}

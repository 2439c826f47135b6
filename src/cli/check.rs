//! `passend check [MAP]`: parse and check every rule set, report all problems.
//! MAP is a regions folder, one region, one version folder or one file in
//! one (the whole regions folder is checked, the problems below MAP shown);
//! without MAP the rules are found as every command finds them (`regels`).

use super::regels::{locate, RuleSource, Target};
use super::{report_load_error, MessageFormat, EXIT_RULES};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Map met regels: de map regions/, één regio, één versie of één bestand
    /// (standaard: --regels, $PASSEND_REGIONS, ./regions, anders de ingebouwde regels).
    #[arg(value_name = "MAP")]
    dir: Option<PathBuf>,
    /// Hetzelfde als MAP.
    #[arg(long = "regels", alias = "regions", value_name = "MAP")]
    regels: Option<PathBuf>,
    /// mens (leesbaar) of json (één probleem per regel, voor editors en CI).
    #[arg(long = "berichtvorm", alias = "message-format", value_name = "VORM", value_enum, default_value = "mens")]
    message_format: MessageFormat,
}

pub fn run(args: CheckArgs) -> i32 {
    let (source, target) = match args.dir.or(args.regels) {
        Some(path) => match locate(&path) {
            Ok(t) => (RuleSource::Folder(t.root.clone()), Some(t)),
            Err(e) => {
                eprintln!("fout: {e}");
                return EXIT_RULES;
            }
        },
        None => match RuleSource::resolve(None) {
            RuleSource::Folder(d) => match locate(&d) {
                Ok(t) => (RuleSource::Folder(t.root.clone()), Some(t)),
                Err(e) => {
                    eprintln!("fout: {e}");
                    return EXIT_RULES;
                }
            },
            RuleSource::Ingebouwd => (RuleSource::Ingebouwd, None),
        },
    };
    let human = args.message_format == MessageFormat::Human;
    if human {
        super::say(&source.announce());
    }
    let engine = match source.load() {
        Ok(e) => e,
        Err(e) => {
            let code = if matches!(e, passend::LoadError::Io(_)) { EXIT_RULES } else { 1 };
            report_load_error(&renamed(e, target.as_ref()), args.message_format);
            return code;
        }
    };
    let problems: Vec<_> = engine
        .problems
        .iter()
        .filter(|p| target.as_ref().is_none_or(|t| t.contains(p)))
        .cloned()
        .collect();
    if !problems.is_empty() {
        report_load_error(&renamed(passend::LoadError::Problems(problems), target.as_ref()), args.message_format);
        return 1;
    }
    if human {
        let (region, version) = match &target {
            Some(t) => {
                let mut parts = t.below.split('/');
                (parts.next().filter(|s| !s.is_empty()), parts.next())
            }
            None => (None, None),
        };
        let regions: Vec<_> = engine.regions.iter().filter(|r| region.is_none_or(|x| *r.id == *x)).collect();
        let programs: Vec<_> = regions
            .iter()
            .flat_map(|r| &r.versions)
            .filter(|p| version.is_none_or(|v| *p.header.versie == *v))
            .collect();
        let rules: usize = programs.iter().flat_map(|p| &p.aanvragen).map(|a| a.rules.len()).sum();
        super::say(&format!("in orde: {} regio's, {} regelsets, {rules} regels", regions.len(), programs.len()));
    }
    0
}

/// Problems with their files named as the user wrote the path.
fn renamed(err: passend::LoadError, target: Option<&Target>) -> passend::LoadError {
    match (err, target) {
        (passend::LoadError::Problems(p), Some(t)) => passend::LoadError::Problems(p.into_iter().map(|x| t.as_given(x)).collect()),
        (e, _) => e,
    }
}

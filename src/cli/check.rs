//! `passend check [MAP]`: parse and check every rule set, report all problems.
//! MAP is a regions folder, one region, one version folder or one file in
//! one (the whole regions folder is checked, the problems below MAP shown);
//! without MAP the rules are found as every command finds them (`regels`).
//! Then the quotes in every `bron` are looked up in the region's handbook text
//! (`passend::ledger`, docs/dekking.md): warnings, and one line per version.

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
    /// Map met de handboekteksten, met de bestandsnaam uit `bron` in de kop van de regio
    /// (standaard: ../shared/seeds naast de repository, als die bestaat).
    #[arg(long, value_name = "MAP")]
    handboeken: Option<PathBuf>,
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
        .problems()
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
        let regions: Vec<_> = engine.regions().into_iter().filter(|r| region.is_none_or(|x| *r.id == *x)).collect();
        let programs: Vec<_> = regions
            .iter()
            .flat_map(|r| &r.versions)
            .filter(|p| version.is_none_or(|v| *p.header.versie == *v))
            .collect();
        let rules: usize = programs.iter().flat_map(|p| &p.aanvragen).map(|a| a.rules.len()).sum();
        super::say(&format!("in orde: {} regio's, {} regelsets, {rules} regels", regions.len(), programs.len()));
    }
    check_citations(&engine, target.as_ref(), args.handboeken.as_deref(), args.message_format)
}

/// Problems with their files named as the user wrote the path.
fn renamed(err: passend::LoadError, target: Option<&Target>) -> passend::LoadError {
    match (err, target) {
        (passend::LoadError::Problems(p), Some(t)) => passend::LoadError::Problems(p.into_iter().map(|x| t.as_given(x)).collect()),
        (e, _) => e,
    }
}

/// Every quote in a rule's or parameter's `bron` against the region's handbook
/// text: warnings for quotes not found and bronnen without a quote, and per
/// version "citaten: X/Y gevonden, regels met citaat: A/B". Exit 2 when a
/// handbook cannot be read; warnings do not fail the check.
fn check_citations(engine: &passend::Engine, target: Option<&Target>, handboeken: Option<&std::path::Path>, format: MessageFormat) -> i32 {
    use passend::ledger::{citations, default_handbooks, find_handbook, inventory::Inventory};
    use std::io::IsTerminal;
    let handboeken = match handboeken {
        Some(d) if !d.is_dir() => {
            eprintln!("fout: map met handboeken {} bestaat niet", d.display());
            return super::EXIT_RULES;
        }
        Some(d) => Some(d.to_path_buf()),
        None => target.and_then(|t| default_handbooks(&t.root)),
    };
    let (region, version) = match target {
        Some(t) => {
            let mut parts = t.below.split('/');
            (parts.next().filter(|s| !s.is_empty()).map(str::to_string), parts.next().map(str::to_string))
        }
        None => (None, None),
    };
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    for program in engine.regions().into_iter().filter(|r| region.as_deref().is_none_or(|x| *r.id == *x)).flat_map(|r| &r.versions) {
        let inv = Inventory::from_sources(&program.sources);
        let rel = inv.folder.strip_prefix("regions/").unwrap_or(&inv.folder);
        if version.as_deref().is_some_and(|v| !rel.ends_with(&format!("/{v}"))) {
            continue;
        }
        let version_dir = target.map(|t| t.root.join(rel));
        let handbook = match find_handbook(version_dir.as_deref(), &inv.handboek, handboeken.as_deref()) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("fout: {e}");
                return super::EXIT_RULES;
            }
        };
        let Some(h) = handbook else {
            skipped.push(format!("{} {}", inv.regio, inv.versie));
            continue;
        };
        let c = citations(&inv, &h);
        lines.push(format!("{} {}: citaten: {}/{} gevonden, regels met citaat: {}/{}", inv.regio, inv.versie, c.found, c.quotes, c.with_quote, c.counted));
        findings.extend(c.findings.into_iter().map(|mut f| {
            if let Some(t) = target {
                f.problem = t.as_given(f.problem);
            }
            f
        }));
    }
    match format {
        MessageFormat::Json => super::json_lines(&findings, passend::lint::Finding::to_json).for_each(|line| eprintln!("{line}")),
        MessageFormat::Human => {
            let color = super::use_color(std::io::stderr().is_terminal());
            eprint!("{}", passend::lint::render(&findings, color));
            for l in &lines {
                super::say(l);
            }
            if !skipped.is_empty() {
                super::say(&format!("citaten niet gecontroleerd voor {}: geen handboektekst gevonden (handboek.txt in de versiemap of --handboeken MAP)", skipped.join(", ")));
            }
        }
    }
    0
}

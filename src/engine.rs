//! The engine: loads the vocabulary and the regions' rule sets (parse ->
//! check -> compile), picks the version in force on a dossier's peildatum,
//! and evaluates. One loaded `Engine` is immutable, `Send + Sync`.
//!
//! One engine type: every region is parsed, checked and compiled the first
//! time it is used, once, behind a `OnceLock`, so a one-dossier process pays
//! for one region. Loading eagerly (`embedded`, `load`, `from_files`, which
//! `passend check` and a service that wants to fail at start need) is the
//! same engine with every region touched at once; `embedded_lazy`,
//! `load_lazy` and `from_files_lazy` touch none.

use crate::check::check_rule_set;
use crate::compile::{compile, Program};
use crate::decision::{Decision, Waarschuwing};
use crate::diagnostics::Problem;
use crate::dossier::{decode, decode_slice, DecodePlan, Dossier, DossierError, Melding};
use crate::eval::{decide, decide_traced, Trace};
use crate::loader::{self, RuleFile, VersionFiles};
use crate::syntax::parse_file;
use crate::vocab::Vocabulary;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::{Arc, OnceLock};

pub mod ndjson;
mod versions;

/// `regelset.bron_regels` of rules not loaded from a folder (built in, or given as files).
pub const BUILT_IN: &str = "ingebouwd";

/// The name of the vocabulary file below `regions/`.
pub use crate::loader::VOCABULARY;

/// All versions of one region, oldest first.
#[derive(Debug)]
pub struct Region {
    pub id: Arc<str>,
    pub versions: Vec<Program>,
}

/// The rule files of one region, by version folder (in folder order).
type RegionSources = Vec<VersionFiles>;

/// A region that is parsed, checked and compiled on first use.
#[derive(Debug)]
struct LazyRegion {
    id: Arc<str>,
    sources: RegionSources,
    loaded: OnceLock<Result<Region, Vec<Problem>>>,
}

impl LazyRegion {
    fn get(&self, vocab: &Vocabulary) -> &Result<Region, Vec<Problem>> {
        self.loaded.get_or_init(|| load_region(vocab, &self.id, &self.sources))
    }
}

/// A loaded set of rules, ready to decide dossiers.
///
/// ```
/// use passend::Engine;
/// use std::path::Path;
///
/// // Load the rules once (here from the source tree's `regions/`) ...
/// let engine = Engine::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/regions")))
///     .map_err(|e| e.to_string())?;
/// // ... then decide as many dossiers as you like, from as many threads as you like.
/// let json: serde_json::Value = serde_json::from_str(r#"{
///     "regio": "rijnstreek",
///     "peildatum": "2026-01-26",
///     "aanvraag": {"soort": "overbruggingsarrangement", "ingediend_op": "2026-01-19"}
/// }"#)?;
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 26).ok_or("datum")?;
/// let dossier = engine.decode(&json, today).map_err(|e| e.to_string())?;
/// let decision: passend::Decision = engine.evaluate(&dossier).map_err(|e| e.to_string())?;
/// assert_eq!(&*decision.regio, "rijnstreek");
/// assert_eq!(&*decision.aanvraag, "overbruggingsarrangement");
/// // Facts are missing, so the answer is not yet "yes"; what is missing is listed.
/// assert_ne!(decision.in_aanmerking, Some(true));
/// assert!(!decision.onbekend.is_empty() || !decision.ontbreekt.is_empty());
/// // The contract's JSON:
/// let line = serde_json::to_string(&decision)?;
/// assert!(line.starts_with(r#"{"regio":"rijnstreek""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Engine {
    vocab: Vocabulary,
    /// Every region of the rules folder, sorted by id, each id once; a
    /// region is compiled on first use and then holds its versions oldest
    /// first, or the problems of its rule files (a broken region does not
    /// stop the others).
    regions: Vec<LazyRegion>,
    /// Where the rules came from, for the receipt (`regelset.bron_regels`):
    /// `ingebouwd`, or the folder they were loaded from.
    bron_regels: Arc<str>,
    /// The vocabulary arranged for decoding JSON text (`decode_slice`).
    plan: DecodePlan,
}

crate::diagnostics::coded_error! {
    /// Why rules could not be loaded. `code()` is the code `passend` prints
    /// (`regelfout`, `lezen`); the CLI exits with 2 (contract: rule-file error).
    #[derive(Debug)]
    pub enum LoadError {
        /// Located problems in rule files or the vocabulary (each a diagnostic of its own).
        #[code("regelfout"), help("`passend check` toont elke fout op zijn plaats"), error("{} fout(en) in de regelbestanden", .0.len())]
        Problems(#[related] Vec<Problem>),
        /// Files could not be read (a missing folder, no vocabulary).
        #[code("lezen"), help("geef met `--regels MAP` de map met regels, met regions/vocabulaire.toml erin"), error("{0}")]
        Io(String),
    }
}

/// The vocabulary and the regions' rule files, sorted out by region and version.
struct Sorted {
    vocab: Vocabulary,
    regions: Vec<(Arc<str>, RegionSources)>,
}

fn sort_files(files: Vec<RuleFile>) -> Result<Sorted, LoadError> {
    let grouped = loader::group(files);
    let vocab_src = match grouped.vocabulary {
        Some(Ok(source)) => source,
        Some(Err(problem)) => return Err(LoadError::Problems(vec![problem])),
        None => return Err(LoadError::Io(format!("{VOCABULARY} ontbreekt in de map met regels"))),
    };
    let vocab = Vocabulary::load(&vocab_src).map_err(LoadError::Problems)?;
    let regions = grouped.regions.into_iter().map(|(regio, versions)| (Arc::from(regio.as_str()), versions)).collect();
    Ok(Sorted { vocab, regions })
}

/// Parses, checks and compiles every version of one region.
fn load_region(vocab: &Vocabulary, regio: &Arc<str>, versions: &RegionSources) -> Result<Region, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut programs = Vec::new();
    let mut sites = Vec::new();
    for version in versions {
        // A file that could not be read is this region's problem, like a check error.
        if !version.unreadable.is_empty() {
            problems.extend(version.unreadable.iter().cloned());
            continue;
        }
        let sources = &version.files;
        let mut parsed = Vec::with_capacity(sources.len());
        for s in sources {
            match parse_file(s) {
                Ok(f) => parsed.push((s.clone(), f)),
                Err(p) => problems.extend(p),
            }
        }
        sites.extend(versions::site(&parsed));
        if parsed.len() != sources.len() {
            continue;
        }
        match check_rule_set(vocab, &parsed, regio) {
            Ok(set) => programs.push(compile(set, vocab)),
            Err(p) => problems.extend(p),
        }
    }
    problems.extend(versions::problems(&sites));
    if !problems.is_empty() {
        return Err(problems);
    }
    programs.sort_by_key(|p| p.header.geldig_vanaf);
    Ok(Region { id: regio.clone(), versions: programs })
}

fn embedded_files() -> Vec<RuleFile> {
    crate::embedded::FILES.iter().map(|(p, t)| RuleFile::known(*p, *t)).collect()
}

fn known(files: Vec<(String, String)>) -> Vec<RuleFile> {
    files.into_iter().map(|(p, t)| RuleFile::known(p, t)).collect()
}

/// Reads a regions folder with the loader's policy (links, sizes, FIFOs).
fn read_folder(dir: &Path) -> Result<Vec<RuleFile>, LoadError> {
    loader::read_folder(dir).map_err(|e| LoadError::Io(format!("kan map {} niet lezen: {e}", dir.display())))
}

impl Engine {
    /// Loads the rule files built into the binary, every region at once.
    pub fn embedded() -> Result<Engine, LoadError> {
        Engine::from_rule_files(embedded_files())
    }

    /// The rule files built into the binary; each region is loaded on first use.
    pub fn embedded_lazy() -> Result<Engine, LoadError> {
        Engine::from_rule_files_lazy(embedded_files())
    }

    /// Loads rule files from a `regions/` directory on disk, every region at once.
    pub fn load(dir: &Path) -> Result<Engine, LoadError> {
        let mut engine = Engine::from_rule_files(read_folder(dir)?)?;
        engine.bron_regels = Arc::from(dir.display().to_string());
        Ok(engine)
    }

    /// Reads the rule files of a `regions/` directory now; each region is
    /// parsed, checked and compiled on first use.
    pub fn load_lazy(dir: &Path) -> Result<Engine, LoadError> {
        let mut engine = Engine::from_rule_files_lazy(read_folder(dir)?)?;
        engine.bron_regels = Arc::from(dir.display().to_string());
        Ok(engine)
    }

    /// Loads from (path below regions/, text) pairs, every region at once.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Engine, LoadError> {
        Engine::from_rule_files(known(files))
    }

    /// Loads from files as the loader read them (unreadable ones are their
    /// region's problem), every region at once.
    pub fn from_rule_files(files: Vec<RuleFile>) -> Result<Engine, LoadError> {
        let engine = Engine::from_rule_files_lazy(files)?;
        engine.load_all();
        Ok(engine)
    }

    /// Like `from_files`, but a region is parsed, checked and compiled the
    /// first time it is asked for. The vocabulary is checked now.
    pub fn from_files_lazy(files: Vec<(String, String)>) -> Result<Engine, LoadError> {
        Engine::from_rule_files_lazy(known(files))
    }

    /// Like `from_rule_files`, but each region is loaded on first use.
    pub fn from_rule_files_lazy(files: Vec<RuleFile>) -> Result<Engine, LoadError> {
        let Sorted { vocab, regions } = sort_files(files)?;
        let regions = regions.into_iter().map(|(id, sources)| LazyRegion { id, sources, loaded: OnceLock::new() }).collect();
        let plan = DecodePlan::new(&vocab);
        Ok(Engine { vocab, regions, bron_regels: Arc::from(BUILT_IN), plan })
    }

    /// Like `from_files`, but any problem in any rule file is an error.
    pub fn from_files_strict(files: Vec<(String, String)>) -> Result<Engine, LoadError> {
        Engine::from_files(files)?.strict()
    }

    /// This engine with every region loaded, or every problem of every region.
    pub fn strict(self) -> Result<Engine, LoadError> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(LoadError::Problems(problems))
        }
    }

    /// Parses, checks and compiles every region not loaded yet.
    pub fn load_all(&self) {
        for r in &self.regions {
            r.get(&self.vocab);
        }
    }

    /// Where the rules came from (`regelset.bron_regels`): `ingebouwd`, or the folder.
    pub fn bron_regels(&self) -> &Arc<str> {
        &self.bron_regels
    }

    /// The vocabulary the rules were checked with.
    pub fn vocab(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The regions whose rule files check (loading every region).
    pub fn regions(&self) -> Vec<&Region> {
        self.regions.iter().filter_map(|r| r.get(&self.vocab).as_ref().ok()).collect()
    }

    /// The problems of every region's rule files, in region order (loading every region).
    pub fn problems(&self) -> Vec<Problem> {
        self.regions.iter().filter_map(|r| r.get(&self.vocab).as_ref().err()).flatten().cloned().collect()
    }

    /// The regions whose rule files do not check (loading every region).
    pub fn broken(&self) -> Vec<Arc<str>> {
        self.regions.iter().filter(|r| r.get(&self.vocab).is_err()).map(|r| r.id.clone()).collect()
    }

    /// Whether a region has been compiled already (for tests of lazy loading).
    pub fn is_loaded(&self, regio: &str) -> bool {
        self.regions.iter().any(|r| &*r.id == regio && r.loaded.get().is_some())
    }

    /// The ids of all regions, loaded or not, sorted.
    pub fn region_ids(&self) -> Vec<Arc<str>> {
        self.regions.iter().map(|r| r.id.clone()).collect()
    }

    /// A region's versions (loading it now); `Err` with its problems when
    /// its rule files do not check; `None` when there is no such region.
    pub fn region(&self, regio: &str) -> Option<Result<&Region, Vec<Problem>>> {
        let lazy = self.regions.iter().find(|l| &*l.id == regio)?;
        Some(lazy.get(&self.vocab).as_ref().map_err(Clone::clone))
    }

    /// The problems of a region whose rule files did not check.
    pub fn region_problems(&self, regio: &str) -> Vec<Problem> {
        match self.region(regio) {
            Some(Err(p)) => p,
            _ => Vec::new(),
        }
    }

    /// Whether the region's rule files did not check (loading it).
    fn is_broken(&self, regio: &str) -> bool {
        self.regions.iter().find(|l| &*l.id == regio).is_some_and(|l| l.get(&self.vocab).is_err())
    }

    /// The region's rule set in force on `peildatum` (or the one named
    /// `versie`); `true` when the peildatum lies before the first version.
    pub fn program_for(&self, regio: &str, peildatum: NaiveDate, versie: Option<&str>) -> Option<(&Program, bool)> {
        let region = self.regions.iter().find(|l| &*l.id == regio)?.get(&self.vocab).as_ref().ok()?;
        if let Some(v) = versie {
            return region.versions.iter().find(|p| &*p.header.versie == v).map(|p| (p, false));
        }
        match region.versions.iter().rev().find(|p| p.header.geldig_vanaf <= peildatum) {
            Some(p) => Some((p, false)),
            None => region.versions.first().map(|p| (p, true)),
        }
    }

    /// Reads a dossier from JSON (`today` stands in for a missing peildatum).
    pub fn decode(&self, json: &serde_json::Value, today: NaiveDate) -> Result<Dossier, DossierError> {
        decode(&self.vocab, json, today)
    }

    /// Reads a dossier straight from JSON text (no `serde_json::Value` in
    /// between); the same result and errors as parsing it and calling
    /// `decode`, invalid JSON being code `json`.
    pub fn decode_slice(&self, text: &[u8], today: NaiveDate) -> Result<Dossier, DossierError> {
        decode_slice(&self.vocab, &self.plan, text, today)
    }

    /// Decides a decoded dossier.
    pub fn evaluate(&self, dossier: &Dossier) -> Result<Decision, DossierError> {
        self.evaluate_version(dossier, None)
    }

    /// Decides a decoded dossier, optionally under a named version.
    pub fn evaluate_version(&self, dossier: &Dossier, versie: Option<&str>) -> Result<Decision, DossierError> {
        let (program, early) = self.program_checked(dossier, versie)?;
        let mut decision = decide(program, dossier);
        decision.regelset.bron_regels = self.bron_regels.clone();
        if early {
            early_warning(program, &mut decision);
        }
        Ok(decision)
    }

    /// Decides a decoded dossier and gives the evaluation trace with it:
    /// what every rule did and why (for explanations; slower than `evaluate`).
    pub fn evaluate_traced<'e>(&'e self, dossier: &'e Dossier, versie: Option<&str>) -> Result<(Decision, Trace<'e>), DossierError> {
        let (program, early) = self.program_checked(dossier, versie)?;
        let (mut decision, trace) = decide_traced(program, dossier);
        decision.regelset.bron_regels = self.bron_regels.clone();
        if early {
            early_warning(program, &mut decision);
        }
        Ok((decision, trace))
    }

    /// The program that decides `dossier`, or why there is none.
    fn program_checked(&self, dossier: &Dossier, versie: Option<&str>) -> Result<(&Program, bool), DossierError> {
        if self.is_broken(&dossier.regio) {
            return Err(rule_error(&dossier.regio));
        }
        self.program_for(&dossier.regio, dossier.peildatum, versie).ok_or_else(|| {
            DossierError::GeenRegelset(Melding::over(
                "regio",
                match versie {
                    Some(v) => format!("regio `{}` heeft geen versie `{v}`", dossier.regio),
                    None => format!("er zijn geen regels voor regio `{}`", dossier.regio),
                },
            ))
        })
    }

    /// JSON in, decision out.
    pub fn evaluate_json(&self, json: &serde_json::Value, today: NaiveDate) -> Result<Decision, DossierError> {
        let dossier = self.decode(json, today)?;
        self.evaluate(&dossier)
    }
}

/// The refusal of a dossier whose region's rule files do not check (contract code `regelfout`).
pub fn rule_error(regio: &str) -> DossierError {
    DossierError::Regelfout(Melding::over("regio", format!("de regelbestanden van regio `{regio}` bevatten fouten; `passend check` toont ze")))
}

/// The warning for a peildatum before the oldest version, whose rules were used anyway.
fn early_warning(program: &Program, decision: &mut Decision) {
    decision.waarschuwingen.push(Waarschuwing {
        tekst: Arc::from(format!(
            "De peildatum ligt voor {}, de eerste dag van de oudste versie ({}); die versie is toch gebruikt.",
            program.header.geldig_vanaf, program.header.versie
        )),
        regel: Arc::from("regelset.versie"),
        bron: program.header.bron.clone(),
    });
}

/// Reads `vocabulaire.toml` and every `*.passend` below a regions folder
/// (the loader's policy); any file that cannot be read is an error.
pub fn read_dir_files(dir: &Path) -> Result<Vec<(String, String)>, LoadError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for file in read_folder(dir)? {
        match file.text {
            Ok(text) => out.push((file.rel, text)),
            Err(e) => problems.push(loader::unreadable(&format!("regions/{}", file.rel), &e)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(LoadError::Problems(problems))
    }
}

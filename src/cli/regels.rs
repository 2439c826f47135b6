//! Where the rules come from, decided the same way for every command:
//! `--regels MAP` (alias `--regions`), else `$PASSEND_REGIONS`, else
//! `./regions` when it holds `vocabulaire.toml`, else the rules built into
//! the binary. And the folder forms every command accepts: a regions folder,
//! one region, one version folder or one file inside one.

use passend::diagnostics::Problem;
use passend::engine::VOCABULARY;
use passend::{Engine, LoadError};
use std::path::{Path, PathBuf};

/// The rules a command works on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSource {
    /// A regions folder on disk, as the user wrote it.
    Folder(PathBuf),
    /// The rules built into the binary.
    Ingebouwd,
}

/// The folder name tried when nothing else is given.
const DEFAULT_FOLDER: &str = "regions";

impl RuleSource {
    /// `--regels`, else `$PASSEND_REGIONS`, else `./regions` (with a vocabulary), else built in.
    pub fn resolve(flag: Option<&Path>) -> RuleSource {
        if let Some(dir) = flag {
            return RuleSource::Folder(dir.to_path_buf());
        }
        if let Some(dir) = std::env::var_os("PASSEND_REGIONS").filter(|d| !d.is_empty()) {
            return RuleSource::Folder(PathBuf::from(dir));
        }
        if Path::new(DEFAULT_FOLDER).join(VOCABULARY).is_file() {
            return RuleSource::Folder(PathBuf::from(DEFAULT_FOLDER));
        }
        RuleSource::Ingebouwd
    }

    /// The first line of `check`, `test` and `lint`.
    pub fn announce(&self) -> String {
        match self {
            RuleSource::Folder(d) => format!("regels uit {}", d.display()),
            RuleSource::Ingebouwd => "regels: ingebouwd (geen map regions/ gevonden; geef er een met --regels MAP)".to_string(),
        }
    }

    /// Every region at once (the receipt names the regions folder).
    pub fn load(&self) -> Result<Engine, LoadError> {
        self.load_with(Engine::load, Engine::embedded)
    }

    /// Each region on first use.
    pub fn load_lazy(&self) -> Result<Engine, LoadError> {
        self.load_with(Engine::load_lazy, Engine::embedded_lazy)
    }

    /// The rules from the folder with `from_folder` (problems named under the folder as given),
    /// or the built-in ones with `built_in`.
    fn load_with(&self, from_folder: fn(&Path) -> Result<Engine, LoadError>, built_in: fn() -> Result<Engine, LoadError>) -> Result<Engine, LoadError> {
        match self {
            RuleSource::Folder(d) => {
                let root = existing_folder(d)?;
                from_folder(&root).map_err(|e| named_under(&root, e))
            }
            RuleSource::Ingebouwd => built_in(),
        }
    }
}

/// A load error with its files named under `root` as given.
fn named_under(root: &Path, err: LoadError) -> LoadError {
    match err {
        LoadError::Problems(p) => LoadError::Problems(p.into_iter().map(|x| as_given(root, x)).collect()),
        other => other,
    }
}

/// A regions folder named on the command line: it must exist and be a folder
/// with a vocabulary (the folder forms below a root are found by `locate`).
fn existing_folder(dir: &Path) -> Result<PathBuf, LoadError> {
    if !dir.exists() {
        return Err(LoadError::Io(format!("de map {} bestaat niet", dir.display())));
    }
    if !dir.is_dir() {
        return Err(LoadError::Io(format!("{} is geen map; geef de map met regels (met {VOCABULARY})", dir.display())));
    }
    match locate(dir) {
        Ok(t) => Ok(t.root),
        Err(e) => Err(LoadError::Io(e)),
    }
}

/// A path on the command line inside a regions folder.
#[derive(Debug)]
pub struct Target {
    /// The regions folder (with `vocabulaire.toml`), written as the user wrote the path.
    pub root: PathBuf,
    /// The part below the root (`leiden/2020-2021`); empty for the root itself.
    pub below: String,
}

impl Target {
    /// Whether a problem's file (named `regions/...` by the engine) lies below the target.
    pub fn contains(&self, problem: &Problem) -> bool {
        let name = problem.source.name.strip_prefix("regions/").unwrap_or(&problem.source.name);
        self.below.is_empty() || name == self.below || name.starts_with(&format!("{}/", self.below))
    }

    /// The problem with its file named as the user wrote the root.
    pub fn as_given(&self, problem: Problem) -> Problem {
        as_given(&self.root, problem)
    }
}

/// A problem from rules loaded from `root`, with its file named below `root` as given.
pub fn as_given(root: &Path, problem: Problem) -> Problem {
    let Some(rest) = problem.source.name.strip_prefix("regions/") else { return problem };
    if root == Path::new(DEFAULT_FOLDER) {
        return problem;
    }
    let name = root.join(rest).display().to_string();
    // Other files named in the text (`ook in regions/…:24`) too.
    let prefix = if root.as_os_str().is_empty() { String::new() } else { format!("{}/", root.display().to_string().trim_end_matches('/')) };
    let mut problem = problem.renamed(name);
    problem.message = problem.message.replace("regions/", &prefix);
    problem.help = problem.help.map(|h| h.replace("regions/", &prefix));
    problem
}

/// An engine's problems with their files named under the folder it was
/// loaded from, as given (`bron_regels`); the built-in rules keep `regions/`.
pub fn problems_as_given(engine: &Engine, problems: Vec<Problem>) -> Vec<Problem> {
    if &**engine.bron_regels() == passend::engine::BUILT_IN {
        return problems;
    }
    let root = PathBuf::from(&**engine.bron_regels());
    problems.into_iter().map(|p| as_given(&root, p)).collect()
}

/// Finds the regions folder at or above `path` (a regions folder, a region,
/// a version folder or a file inside one). The error is a Dutch sentence.
pub fn locate(path: &Path) -> Result<Target, String> {
    if !path.exists() {
        return Err(format!("{} bestaat niet", path.display()));
    }
    let start = if path.is_file() { path.parent().unwrap_or(Path::new("")) } else { path };
    // First as written (so paths are printed as given), then fully resolved.
    for anc in start.ancestors() {
        let probe = if anc.as_os_str().is_empty() { Path::new(".") } else { anc };
        if probe.join(VOCABULARY).is_file() {
            let below = path.strip_prefix(anc).map(slash).unwrap_or_default();
            return Ok(Target { root: anc.to_path_buf(), below });
        }
    }
    let full = path.canonicalize().map_err(|e| format!("kan {} niet lezen: {}", path.display(), super::io_reason(&e)))?;
    let full_start = if full.is_file() { full.parent().map(Path::to_path_buf).unwrap_or_default() } else { full.clone() };
    for anc in full_start.ancestors() {
        if anc.join(VOCABULARY).is_file() {
            let below = full.strip_prefix(anc).map(slash).unwrap_or_default();
            return Ok(Target { root: anc.to_path_buf(), below });
        }
    }
    Err(format!("geen {VOCABULARY} in {} of een map erboven: dit is geen map met regels", path.display()))
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_string()
}

/// The one message for "no rules folder here" (test, lint, fmt without a path).
pub fn no_folder_message(command: &str) -> String {
    format!(
        "fout: geen map met regels gevonden: geef er een (bijvoorbeeld `passend {command} regions`), zet PASSEND_REGIONS, of start in de map waarin regions/ met {VOCABULARY} staat"
    )
}

/// The folder a command that needs files on disk works on: PATH, else
/// `--regels`/`$PASSEND_REGIONS`/`./regions`; `None` when only the built-in rules remain.
pub fn folder_for(path: Option<&Path>, flag: Option<&Path>) -> Option<PathBuf> {
    match path {
        Some(p) => Some(p.to_path_buf()),
        None => match RuleSource::resolve(flag) {
            RuleSource::Folder(d) => Some(d),
            RuleSource::Ingebouwd => None,
        },
    }
}

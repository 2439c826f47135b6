//! The engine: loads the vocabulary and every region's rule sets (parse ->
//! check -> compile), picks the version in force on a dossier's peildatum,
//! and evaluates. One loaded `Engine` is immutable, `Send + Sync`.

use crate::check::check_rule_set;
use crate::compile::{compile, Program};
use crate::decision::{Decision, Waarschuwing};
use crate::diagnostics::Problem;
use crate::dossier::{decode, Dossier, DossierError};
use crate::eval::decide;
use crate::source::SourceFile;
use crate::syntax::parse_file;
use crate::vocab::Vocabulary;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The name of the vocabulary file below `regions/`.
pub const VOCABULARY: &str = "vocabulaire.toml";

/// All versions of one region, oldest first.
#[derive(Debug)]
pub struct Region {
    pub id: Arc<str>,
    pub versions: Vec<Program>,
}

/// A loaded set of rules, ready to decide dossiers.
#[derive(Debug)]
pub struct Engine {
    pub vocab: Vocabulary,
    pub regions: Vec<Region>,
    /// Problems in rule files; a region with problems is left out of `regions`
    /// and named in `broken`, so one broken region does not stop the others.
    pub problems: Vec<Problem>,
    pub broken: Vec<Arc<str>>,
}

/// Why rules could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// Located problems in rule files or the vocabulary.
    Problems(Vec<Problem>),
    /// Files could not be read.
    Io(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Problems(p) => write!(f, "{} fout(en) in de regelbestanden", p.len()),
            LoadError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for LoadError {}

impl Engine {
    /// Loads the rule files built into the binary.
    pub fn embedded() -> Result<Engine, LoadError> {
        let files = crate::embedded::FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        Engine::from_files(files)
    }

    /// Loads rule files from a `regions/` directory on disk.
    pub fn load(dir: &Path) -> Result<Engine, LoadError> {
        Engine::from_files(read_dir_files(dir)?)
    }

    /// Loads from (path below regions/, text) pairs.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Engine, LoadError> {
        let mut vocab_src = None;
        // region -> version folder -> files
        let mut sets: BTreeMap<String, BTreeMap<String, Vec<SourceFile>>> = BTreeMap::new();
        for (path, text) in files {
            let parts: Vec<&str> = path.split('/').collect();
            if path == VOCABULARY {
                vocab_src = Some(SourceFile::new(format!("regions/{path}"), text));
            } else if let [regio, versie, ..] = parts.as_slice() {
                if path.ends_with(".passend") {
                    sets.entry(regio.to_string())
                        .or_default()
                        .entry(versie.to_string())
                        .or_default()
                        .push(SourceFile::new(format!("regions/{path}"), text));
                }
            }
        }
        let vocab_src = vocab_src.ok_or_else(|| LoadError::Io(format!("{VOCABULARY} ontbreekt in de map met regels")))?;
        let vocab = Vocabulary::load(&vocab_src).map_err(LoadError::Problems)?;
        let mut problems = Vec::new();
        let mut regions = Vec::new();
        let mut broken = Vec::new();
        for (regio, versions) in sets {
            let before = problems.len();
            let mut programs = Vec::new();
            for (_, mut sources) in versions {
                sources.sort_by(|a, b| a.name.cmp(&b.name));
                let mut parsed = Vec::new();
                for s in &sources {
                    match parse_file(s) {
                        Ok(f) => parsed.push((s.clone(), f)),
                        Err(p) => problems.extend(p),
                    }
                }
                if parsed.len() != sources.len() {
                    continue;
                }
                match check_rule_set(&vocab, &parsed, &regio) {
                    Ok(set) => programs.push(compile(set, &vocab)),
                    Err(p) => problems.extend(p),
                }
            }
            if problems.len() > before {
                broken.push(Arc::from(regio.as_str()));
                continue;
            }
            programs.sort_by_key(|p| p.header.geldig_vanaf);
            regions.push(Region { id: Arc::from(regio.as_str()), versions: programs });
        }
        Ok(Engine { vocab, regions, problems, broken })
    }

    /// Like `from_files`, but any problem in any rule file is an error.
    pub fn from_files_strict(files: Vec<(String, String)>) -> Result<Engine, LoadError> {
        let mut engine = Engine::from_files(files)?;
        if engine.problems.is_empty() {
            Ok(engine)
        } else {
            Err(LoadError::Problems(std::mem::take(&mut engine.problems)))
        }
    }

    /// The problems of a region whose rule files did not check.
    pub fn region_problems(&self, regio: &str) -> Vec<Problem> {
        let prefix = format!("regions/{regio}/");
        self.problems.iter().filter(|p| p.source.name.starts_with(&prefix)).cloned().collect()
    }

    /// The region's rule set in force on `peildatum` (or the one named
    /// `versie`); `true` when the peildatum lies before the first version.
    pub fn program_for(&self, regio: &str, peildatum: NaiveDate, versie: Option<&str>) -> Option<(&Program, bool)> {
        let region = self.regions.iter().find(|r| &*r.id == regio)?;
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

    /// Decides a decoded dossier.
    pub fn evaluate(&self, dossier: &Dossier) -> Result<Decision, DossierError> {
        self.evaluate_version(dossier, None)
    }

    /// Decides a decoded dossier, optionally under a named version.
    pub fn evaluate_version(&self, dossier: &Dossier, versie: Option<&str>) -> Result<Decision, DossierError> {
        if self.broken.iter().any(|b| **b == *dossier.regio) {
            return Err(DossierError {
                code: "regelfout",
                bericht: format!("de regelbestanden van regio `{}` bevatten fouten; `passend check` toont ze", dossier.regio),
                veld: Some("regio".into()),
            });
        }
        let (program, early) = self.program_for(&dossier.regio, dossier.peildatum, versie).ok_or_else(|| DossierError {
            code: "geen_regelset",
            bericht: match versie {
                Some(v) => format!("regio `{}` heeft geen versie `{v}`", dossier.regio),
                None => format!("er zijn geen regels voor regio `{}`", dossier.regio),
            },
            veld: Some("regio".into()),
        })?;
        let mut decision = decide(program, dossier).map_err(|e| DossierError { code: "rekenfout", bericht: e.0, veld: None })?;
        if early {
            decision.waarschuwingen.push(Waarschuwing {
                tekst: Arc::from(format!(
                    "De peildatum ligt voor {}, de eerste dag van de oudste versie ({}); die versie is toch gebruikt.",
                    program.header.geldig_vanaf, program.header.versie
                )),
                regel: Arc::from("regelset.versie"),
                bron: program.header.bron.clone(),
            });
        }
        Ok(decision)
    }

    /// JSON in, decision out.
    pub fn evaluate_json(&self, json: &serde_json::Value, today: NaiveDate) -> Result<Decision, DossierError> {
        let dossier = self.decode(json, today)?;
        self.evaluate(&dossier)
    }
}

/// Reads `vocabulaire.toml` and every `*.passend` below a regions folder.
pub fn read_dir_files(dir: &Path) -> Result<Vec<(String, String)>, LoadError> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io(format!("kan map {} niet lezen: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, base, out)?;
        } else if path.extension().is_some_and(|e| e == "passend") || path.file_name().is_some_and(|n| n == VOCABULARY) {
            let text = std::fs::read_to_string(&path).map_err(|e| LoadError::Io(format!("kan {} niet lezen: {e}", path.display())))?;
            let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, text));
        }
    }
    Ok(())
}

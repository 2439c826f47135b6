//! The rule files the editor works on: the regions folder on disk, with the
//! text of every open document laid over it. Each file is parsed (tolerantly)
//! the first time a feature asks, once per text.

use super::text::LineIndex;
use crate::diagnostics::Problem;
use crate::engine::{read_dir_files, VOCABULARY};
use crate::source::SourceFile;
use crate::syntax::{parse_recovering, Recovered};
use crate::vocab::Vocabulary;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file of the workspace: its key is its path below the regions folder
/// (`rijnstreek/2026/10-tlv.passend`, `vocabulaire.toml`), or its full path
/// for a file outside it.
#[derive(Debug)]
pub struct Doc {
    pub text: Arc<str>,
    /// Open in the editor (its text is the editor's, not the disk's).
    pub open: bool,
    parsed: OnceCell<Arc<Parsed>>,
}

/// A rule file, parsed with recovery.
#[derive(Debug)]
pub struct Parsed {
    pub source: SourceFile,
    pub recovered: Recovered,
    pub lines: LineIndex,
}

/// One rule set: a region's version folder (`regio`, `versie`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetId {
    pub regio: String,
    pub versie: String,
}

/// The examples of one region, run against the rules as they are now.
#[derive(Debug)]
pub struct RegionExamples {
    pub uitslagen: Vec<crate::coverage::Uitslag>,
    /// The `aanvraag.soort` each example's dossier names (same order as `uitslagen`).
    pub soorten: Vec<Option<String>>,
    pub dekking: Vec<crate::coverage::Dekking>,
    /// Why the examples could not run (the rules do not check), if so.
    pub fout: Option<String>,
}

/// The vocabulary and rule files as the editor sees them.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The regions folder (holding `vocabulaire.toml`), when one was found.
    pub root: Option<PathBuf>,
    docs: BTreeMap<String, Doc>,
    vocab: Option<Arc<Vocabulary>>,
    vocab_problems: Vec<Problem>,
    /// Examples per region, with a fingerprint of the texts they ran on.
    examples: RefCell<HashMap<String, (u64, Arc<RegionExamples>)>>,
}

impl Workspace {
    /// Reads the regions folder `root` (if any) from disk.
    pub fn open(root: Option<PathBuf>) -> Workspace {
        let files = root.as_deref().and_then(|r| read_dir_files(r).ok()).unwrap_or_default();
        Workspace::from_files(root, files)
    }

    /// A workspace of (key, text) pairs, as `Engine::from_files` takes them.
    pub fn from_files(root: Option<PathBuf>, files: Vec<(String, String)>) -> Workspace {
        let mut ws = Workspace { root, ..Workspace::default() };
        for (key, text) in files {
            ws.docs.insert(key, Doc { text: Arc::from(text), open: false, parsed: OnceCell::new() });
        }
        ws.reload_vocab();
        ws
    }

    fn reload_vocab(&mut self) {
        self.vocab = None;
        self.vocab_problems.clear();
        if let Some(doc) = self.docs.get(VOCABULARY) {
            match Vocabulary::load(&SourceFile::new(source_name(VOCABULARY), doc.text.clone())) {
                Ok(v) => self.vocab = Some(Arc::new(v)),
                Err(p) => self.vocab_problems = p,
            }
        }
    }

    /// The key of a file on disk.
    pub fn key_for_path(&self, path: &Path) -> String {
        if let Some(rel) = self.root.as_deref().and_then(|r| path.strip_prefix(r).ok()) {
            return rel.to_string_lossy().replace('\\', "/");
        }
        // The editor may name the folder through a link: compare the real paths.
        let real = path.canonicalize().ok().or_else(|| Some(path.parent()?.canonicalize().ok()?.join(path.file_name()?)));
        let real_root = self.root.as_deref().and_then(|r| r.canonicalize().ok());
        if let (Some(real), Some(root)) = (real, real_root) {
            if let Ok(rel) = real.strip_prefix(&root) {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
        path.to_string_lossy().to_string()
    }

    /// The file on disk of a key.
    pub fn path_of(&self, key: &str) -> PathBuf {
        match &self.root {
            Some(r) if !Path::new(key).is_absolute() => r.join(key),
            _ => PathBuf::from(key),
        }
    }

    /// Sets a file's text (opened or edited in the editor).
    pub fn set_text(&mut self, key: &str, text: &str, open: bool) {
        self.docs.insert(key.to_string(), Doc { text: Arc::from(text), open, parsed: OnceCell::new() });
        if key == VOCABULARY {
            self.reload_vocab();
        }
    }

    /// The editor closed a file: its text is the disk's again.
    pub fn close(&mut self, key: &str) {
        let on_disk = std::fs::read_to_string(self.path_of(key)).ok();
        match on_disk {
            Some(text) if self.root.is_some() && !Path::new(key).is_absolute() => self.set_text(key, &text, false),
            _ => {
                self.docs.remove(key);
                if key == VOCABULARY {
                    self.reload_vocab();
                }
            }
        }
    }

    pub fn doc(&self, key: &str) -> Option<&Doc> {
        self.docs.get(key)
    }

    pub fn text(&self, key: &str) -> Option<&Arc<str>> {
        self.docs.get(key).map(|d| &d.text)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    /// A rule file, parsed (once per text).
    pub fn parsed(&self, key: &str) -> Option<Arc<Parsed>> {
        let doc = self.docs.get(key)?;
        if !key.ends_with(".passend") {
            return None;
        }
        Some(
            doc.parsed
                .get_or_init(|| {
                    let source = SourceFile::new(source_name(key), doc.text.clone());
                    let recovered = parse_recovering(&source);
                    let lines = LineIndex::new(&doc.text);
                    Arc::new(Parsed { source, recovered, lines })
                })
                .clone(),
        )
    }

    pub fn vocab(&self) -> Option<&Arc<Vocabulary>> {
        self.vocab.as_ref()
    }

    pub fn vocab_problems(&self) -> &[Problem] {
        &self.vocab_problems
    }

    /// The rule set a file belongs to (`regio/versie/*.passend` below the root).
    pub fn set_of(&self, key: &str) -> Option<SetId> {
        set_of_key(key)
    }

    /// The files of a rule set, sorted (as the engine orders them).
    pub fn set_files(&self, set: &SetId) -> Vec<String> {
        self.docs.keys().filter(|k| set_of_key(k).as_ref() == Some(set)).cloned().collect()
    }

    /// Every rule set, sorted.
    pub fn sets(&self) -> Vec<SetId> {
        let mut sets: Vec<SetId> = self.docs.keys().filter_map(|k| set_of_key(k)).collect();
        sets.dedup();
        sets
    }

    /// The files of a rule set (or the one file outside any), parsed.
    pub fn set_parsed(&self, key: &str) -> Vec<(String, Arc<Parsed>)> {
        let keys = match self.set_of(key) {
            Some(set) => self.set_files(&set),
            None => vec![key.to_string()],
        };
        keys.into_iter().filter_map(|k| self.parsed(&k).map(|p| (k, p))).collect()
    }

    /// (key, text) of the vocabulary and every rule file of a region, for the engine.
    fn region_files(&self, regio: &str) -> Vec<(String, String)> {
        self.docs
            .iter()
            .filter(|(k, _)| k.as_str() == VOCABULARY || (k.starts_with(&format!("{regio}/")) && k.ends_with(".passend")))
            .map(|(k, d)| (k.clone(), d.text.to_string()))
            .collect()
    }

    /// The region's examples (`<root>/<regio>/voorbeelden`), run against the
    /// rules as they are now; cached until a text of the region changes.
    pub fn examples(&self, regio: &str) -> Option<Arc<RegionExamples>> {
        let dir = self.root.as_ref()?.join(regio).join("voorbeelden");
        let files = self.region_files(regio);
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            files.hash(&mut h);
            h.finish()
        };
        if let Some((f, cached)) = self.examples.borrow().get(regio) {
            if *f == fingerprint {
                return Some(cached.clone());
            }
        }
        let result = Arc::new(run_examples(files, &dir, regio));
        self.examples.borrow_mut().insert(regio.to_string(), (fingerprint, result.clone()));
        Some(result)
    }
}

fn run_examples(files: Vec<(String, String)>, dir: &Path, regio: &str) -> RegionExamples {
    let engine = match crate::Engine::from_files_strict(files) {
        Ok(e) => e,
        Err(e) => {
            return RegionExamples { uitslagen: Vec::new(), soorten: Vec::new(), dekking: Vec::new(), fout: Some(format!("de regels bevatten fouten ({e})")) }
        }
    };
    let (cases, _) = crate::coverage::read_folder(dir);
    let today = chrono::Local::now().date_naive();
    let mut uitslagen = Vec::new();
    let mut soorten = Vec::new();
    for case in &cases {
        let u = crate::coverage::run_case(&engine, case, today);
        if u.regio.as_deref() == Some(regio) {
            soorten.push(case.dossier.pointer("/aanvraag/soort").and_then(serde_json::Value::as_str).map(str::to_string));
            uitslagen.push(u);
        }
    }
    let dekking = crate::coverage::coverage(&engine, regio, uitslagen.iter().filter_map(|u| u.spoor.as_ref()));
    RegionExamples { uitslagen, soorten, dekking, fout: None }
}

/// The name a rule file has in problems (`regions/<key>`, as the engine names it).
pub fn source_name(key: &str) -> String {
    if Path::new(key).is_absolute() {
        key.to_string()
    } else {
        format!("regions/{key}")
    }
}

/// The key of a problem's source name.
pub fn key_of_source(name: &str) -> String {
    name.strip_prefix("regions/").unwrap_or(name).to_string()
}

fn set_of_key(key: &str) -> Option<SetId> {
    if !key.ends_with(".passend") || Path::new(key).is_absolute() {
        return None;
    }
    let mut parts = key.split('/');
    let (Some(regio), Some(versie), Some(_file)) = (parts.next(), parts.next(), parts.next()) else { return None };
    Some(SetId { regio: regio.to_string(), versie: versie.to_string() })
}

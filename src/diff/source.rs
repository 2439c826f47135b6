//! Reading one side of `passend diff`: a folder or file on disk, a git
//! revision and path (`HEAD~1:regions/leiden`, read with `git ls-tree` and
//! `git show`), or a region or version of the built-in rules
//! (`leiden/2019-2020`). Rule files are grouped by folder into rule sets,
//! each parsed, checked and compiled against the vocabulary found next to
//! them (the nearest `vocabulaire.toml` above, in the same revision), or the
//! built-in vocabulary when there is none.

use crate::check::check_rule_set;
use crate::compile::{compile, Program};
use crate::diagnostics::Problem;
use crate::engine::VOCABULARY;
use crate::source::SourceFile;
use crate::syntax::parse_file;
use crate::vocab::Vocabulary;
use std::collections::BTreeMap;
use crate::loader::{self, find::find};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// One rule set of a side, ready to compare and to evaluate.
pub struct Loaded {
    /// Where it was read: a folder, `REV:folder` or `ingebouwd:regio/versie`.
    pub location: String,
    pub program: Program,
    pub vocab: Arc<Vocabulary>,
}

/// Why a side could not be read.
#[derive(Debug)]
pub enum LoadFailure {
    /// Located problems in its rule files or vocabulary.
    Problems(Vec<Problem>),
    /// Nothing to read, or git failed.
    Message(String),
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadFailure::Problems(p) => write!(f, "{} fout(en) in de regelbestanden", p.len()),
            LoadFailure::Message(m) => f.write_str(m),
        }
    }
}

/// The files of a side: (name to show, text), and its vocabulary file.
struct Files {
    rules: Vec<(String, String)>,
    vocab: Option<(String, String)>,
}

/// Reads one side: `spec` is a path, `REV:path`, or `regio[/versie]` of the built-in rules.
pub fn load(spec: &str) -> Result<Vec<Loaded>, LoadFailure> {
    let files = if Path::new(spec).exists() {
        from_disk(Path::new(spec))?
    } else if let Some((rev, path)) = spec.split_once(':').filter(|(rev, _)| !rev.is_empty()) {
        from_git(rev, path)?
    } else {
        from_embedded(spec)?
    };
    if files.rules.is_empty() {
        return Err(LoadFailure::Message(format!("`{spec}` bevat geen regelbestanden (*.passend)")));
    }
    let vocab_src = match files.vocab {
        Some((name, text)) => SourceFile::new(name, text),
        None => embedded_vocab()?,
    };
    let vocab = Arc::new(Vocabulary::load(&vocab_src).map_err(LoadFailure::Problems)?);
    let mut groups: BTreeMap<String, Vec<SourceFile>> = BTreeMap::new();
    for (name, text) in files.rules {
        let folder = name.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_else(|| ".".into());
        groups.entry(folder).or_default().push(SourceFile::new(name, text));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (folder, mut sources) in groups {
        sources.sort_by(|a, b| a.name.cmp(&b.name));
        match rule_set(&vocab, &folder, &sources) {
            Ok(program) => out.push(Loaded { location: folder, program, vocab: vocab.clone() }),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(LoadFailure::Problems(problems))
    }
}

/// Parses, checks and compiles the files of one folder.
fn rule_set(vocab: &Vocabulary, folder: &str, sources: &[SourceFile]) -> Result<Program, Vec<Problem>> {
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for s in sources {
        match parse_file(s) {
            Ok(f) => parsed.push((s.clone(), f)),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The region is the one the header names (the folder may be anywhere).
    let regio = parsed
        .iter()
        .flat_map(|(_, f)| f.blocks.iter())
        .find(|b| b.kind.name == "regio")
        .map(|b| b.name.name.clone())
        .unwrap_or_else(|| folder.rsplit('/').nth(1).unwrap_or(folder).to_string());
    check_rule_set(vocab, &parsed, &regio).map(|set| compile(set, vocab))
}

fn embedded_vocab() -> Result<SourceFile, LoadFailure> {
    crate::embedded_files()
        .iter()
        .find(|(p, _)| *p == VOCABULARY)
        .map(|(p, t)| SourceFile::new(format!("ingebouwd:{p}"), *t))
        .ok_or_else(|| LoadFailure::Message("de ingebouwde woordenlijst ontbreekt".into()))
}

fn from_embedded(spec: &str) -> Result<Files, LoadFailure> {
    let prefix = format!("{}/", spec.trim_end_matches('/'));
    let rules: Vec<(String, String)> = crate::embedded_files()
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix) && p.ends_with(".passend"))
        .map(|(p, t)| (format!("ingebouwd:{p}"), t.to_string()))
        .collect();
    if rules.is_empty() {
        return Err(LoadFailure::Message(format!(
            "`{spec}` is geen map, geen bestand, geen git-revisie met pad (REV:pad) en geen regio of regio/versie van de ingebouwde regels"
        )));
    }
    Ok(Files { rules, vocab: embedded_vocab().ok().map(|s| (s.name.to_string(), s.text.to_string())) })
}

fn from_disk(path: &Path) -> Result<Files, LoadFailure> {
    let read = |p: &Path| {
        loader::read_text(p, loader::MAX_RULE_FILE).map_err(|e| LoadFailure::Message(format!("kan {} niet lezen: {e}", p.display())))
    };
    let mut rules = Vec::new();
    if path.is_file() {
        rules.push((display(path), read(path)?));
    } else {
        // The loader's policy: no linked folders, no links out of the folder, only regular files.
        let found = find(path, false).map_err(|e| LoadFailure::Message(format!("kan map {} niet lezen: {e}", path.display())))?;
        for f in found {
            let text = f.read().map_err(|e| LoadFailure::Message(format!("kan {} niet lezen: {e}", f.path.display())))?;
            rules.push((display(&f.path), text));
        }
    }
    let start = if path.is_file() { path.parent().map(Path::to_path_buf).unwrap_or_default() } else { path.to_path_buf() };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    let vocab = start.ancestors().map(|d| d.join(VOCABULARY)).find(|p| p.is_file());
    let vocab = match vocab {
        Some(p) => Some((display(&p), read(&p)?)),
        None => None,
    };
    Ok(Files { rules, vocab })
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Runs git in the current folder; its stdout, or its stderr as the error.
fn git(args: &[&str]) -> Result<String, LoadFailure> {
    let out = Command::new("git").args(args).output().map_err(|e| LoadFailure::Message(format!("kan git niet starten: {e}")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(LoadFailure::Message(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim())))
    }
}

fn from_git(rev: &str, path: &str) -> Result<Files, LoadFailure> {
    git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| LoadFailure::Message(format!("`{rev}` is geen git-revisie (in `{rev}:{path}`)")))?;
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    let full = normalize(&format!("{}{path}", prefix.trim()));
    let listing = git(&["ls-tree", "-r", "--name-only", "--full-tree", rev])?;
    let all: Vec<&str> = listing.lines().collect();
    let folder = format!("{full}/");
    let inside = |f: &str| full.is_empty() || f == full || f.starts_with(&folder);
    let names: Vec<&str> = all.iter().copied().filter(|f| inside(f) && f.ends_with(".passend")).collect();
    let mut rules = Vec::new();
    for name in names {
        rules.push((format!("{rev}:{name}"), git(&["show", &format!("{rev}:{name}")])?));
    }
    // The nearest vocabulary above the path, in the same revision.
    let is_file = all.contains(&full.as_str());
    let mut dir = if is_file { full.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default() } else { full.clone() };
    let vocab = loop {
        let candidate = if dir.is_empty() { VOCABULARY.to_string() } else { format!("{dir}/{VOCABULARY}") };
        if all.contains(&candidate.as_str()) {
            break Some((format!("{rev}:{candidate}"), git(&["show", &format!("{rev}:{candidate}")])?));
        }
        if dir.is_empty() {
            break None;
        }
        dir = dir.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
    };
    Ok(Files { rules, vocab })
}

/// `a/./b/../c/` -> `a/c`
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

//! The handbook ledger (`regions/<regio>/<versie>/dekking.toml`): every
//! decision-relevant statement of a handbook, by section and verbatim quote,
//! with the rules that encode it, or why it is not decision-relevant or
//! ambiguous. `check_version` verifies a ledger against the rule files and
//! the handbook text; `citations` checks the quotes in the rules' `bron`
//! texts (for `passend check`). See docs/dekking.md.
//!
//! Coverage of a version = gecodeerd / (gecodeerd + dubbelzinnig).

pub mod file;
pub mod inventory;
pub mod quote;

use crate::diagnostics::{Code, Problem};
use crate::lint::{Finding, Severity};
use crate::source::{SourceFile, Span};
use file::{Status, Uitspraak, LEDGER};
use inventory::Inventory;
use quote::{closest, find, find_all, normalize, quotations, Normalized};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The name of a handbook text placed in a version folder.
pub const HANDBOOK_IN_FOLDER: &str = "handboek.txt";

/// A handbook text, ready for matching.
pub struct Handbook {
    /// Where it was read from (for the report).
    pub path: PathBuf,
    pub text: String,
    pub normalized: Normalized,
}

impl Handbook {
    pub fn new(path: PathBuf, text: String) -> Handbook {
        let normalized = normalize(&text);
        Handbook { path, text, normalized }
    }

    /// Whether the quote occurs in the handbook.
    pub fn contains(&self, quote: &str) -> bool {
        find(&self.normalized, quote).is_some()
    }

    /// The passage closest to a quote that does not occur.
    pub fn closest(&self, quote: &str) -> Option<String> {
        closest(&self.text, &self.normalized, quote)
    }
}

/// Finds the handbook of a version: `handboek.txt` in its folder (when the
/// rules come from a folder), else the header's `bron` in the handbooks
/// folder. `Ok(None)`: none found.
pub fn find_handbook(version_dir: Option<&Path>, bron: &str, handboeken: Option<&Path>) -> Result<Option<Handbook>, String> {
    let mut candidates: Vec<PathBuf> = version_dir.map(|d| d.join(HANDBOOK_IN_FOLDER)).into_iter().collect();
    if let Some(dir) = handboeken {
        let name = handbook_file_name(bron);
        if !name.is_empty() && !name.contains(['/', '\\']) {
            candidates.push(dir.join(name));
        }
    }
    for path in candidates {
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("kan {} niet lezen: {e}", path.display()))?;
            return Ok(Some(Handbook::new(path, text)));
        }
    }
    Ok(None)
}

/// The handbook's file name in a header's `bron`: the first word ending in
/// `.txt` (`"leiden-schoolhandboek-2020-2021.txt, Wat is nieuw?"`), else all of it.
pub fn handbook_file_name(bron: &str) -> &str {
    bron.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .find(|w| w.ends_with(".txt"))
        .unwrap_or(bron.trim())
}

/// The default handbooks folder for a rules root: `../shared/seeds` beside
/// the repository holding `regions/` (or beside `regions/` itself), when it exists.
pub fn default_handbooks(root: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let beside_repo = root.parent().map(|p| p.join("../shared/seeds"));
    let beside_root = root.join("../shared/seeds");
    beside_repo.into_iter().chain([beside_root]).find(|p| p.is_dir()).and_then(|p| p.canonicalize().ok())
}

fn error(problem: Problem) -> Finding {
    Finding { severity: Severity::Error, problem }
}

fn warning(problem: Problem) -> Finding {
    Finding { severity: Severity::Warning, problem }
}

/// The outcome of checking one version's ledger.
pub struct VersionReport {
    pub regio: String,
    pub versie: String,
    /// The ledger file, as the rule files are named (`regions/...`).
    pub ledger: String,
    pub present: bool,
    /// False when the ledger could not be read (TOML or form error in the file as a whole).
    pub readable: bool,
    pub uitspraken: usize,
    pub gecodeerd: usize,
    pub niet_beslissend: usize,
    pub dubbelzinnig: usize,
    /// (found, checked); `None` when no handbook text was found.
    pub citaten: Option<(usize, usize)>,
    pub handbook: Option<PathBuf>,
    /// Rules and workflows no uitspraak names.
    pub ontbrekend: Vec<String>,
    /// Handbook paragraphs no ledger citaat and no `bron` quote touches, and
    /// the number of paragraphs; `None` without a handbook text or ledger.
    pub alineas: Option<(Vec<Paragraph>, usize)>,
    pub findings: Vec<Finding>,
}

impl VersionReport {
    /// gecodeerd / (gecodeerd + dubbelzinnig) in percent; 0 without a readable
    /// ledger, 100 for a ledger with nothing to decide.
    pub fn dekking(&self) -> f64 {
        let total = self.gecodeerd + self.dubbelzinnig;
        if !self.present || !self.readable {
            0.0
        } else if total == 0 {
            100.0
        } else {
            100.0 * self.gecodeerd as f64 / total as f64
        }
    }

    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }
}

/// Checks the ledger of one version. `version_dir` is the folder on disk;
/// `ledger_text` its `dekking.toml` when there is one.
pub fn check_version(inv: &Inventory, ledger_text: Option<String>, handbook: Option<&Handbook>) -> VersionReport {
    let name = format!("{}/{LEDGER}", inv.folder);
    let mut report = VersionReport {
        regio: inv.regio.clone(),
        versie: inv.versie.clone(),
        ledger: name.clone(),
        present: ledger_text.is_some(),
        readable: true,
        uitspraken: 0,
        gecodeerd: 0,
        niet_beslissend: 0,
        dubbelzinnig: 0,
        citaten: None,
        handbook: handbook.map(|h| h.path.clone()),
        ontbrekend: Vec::new(),
        alineas: None,
        findings: Vec::new(),
    };
    let Some(text) = ledger_text else { return report };
    let source = SourceFile::new(name.clone(), text);
    let uitspraken = match file::parse(&source) {
        Ok((u, problems)) => {
            report.findings.extend(problems.into_iter().map(error));
            u
        }
        Err(p) => {
            report.findings.push(error(*p));
            report.readable = false;
            return report;
        }
    };
    report.uitspraken = uitspraken.len();
    let mut covered = BTreeSet::new();
    let mut found = 0;
    for u in &uitspraken {
        match u.status {
            Some(Status::Gecodeerd) => report.gecodeerd += 1,
            Some(Status::NietBeslissend) => report.niet_beslissend += 1,
            Some(Status::Dubbelzinnig) => report.dubbelzinnig += 1,
            None => {}
        }
        check_rules(inv, &source, u, &mut covered, &mut report.findings);
        if let Some(h) = handbook {
            if h.contains(&u.citaat) {
                found += 1;
            } else {
                report.findings.push(error(not_found(&source, u.citaat_span, h, &u.citaat, "dit citaat staat niet in het handboek")));
            }
        }
    }
    if let Some(h) = handbook {
        report.citaten = Some((found, uitspraken.len()));
        let bron_quotes: Vec<String> = inv.bronnen.iter().flat_map(|b| quotations(&b.tekst)).collect();
        let quotes = uitspraken.iter().map(|u| u.citaat.as_str()).chain(bron_quotes.iter().map(String::as_str));
        report.alineas = Some(uncited_paragraphs(h, quotes));
    }
    for (id, (src, span)) in inv.required() {
        if !covered.contains(&id) {
            report.findings.push(error(
                Problem::new(Code::DekkingRegelNietInOverzicht, &src, span, format!("`{id}` staat in geen uitspraak van {name}"))
                    .label("niet in het overzicht")
                    .help(format!("voeg in {name} een `[[uitspraak]]` toe met het citaat uit het handboek dat deze regel codeert en `regels = [\"{id}\"]`")),
            ));
            report.ontbrekend.push(id);
        }
    }
    report
}

fn check_rules(inv: &Inventory, source: &SourceFile, u: &Uitspraak, covered: &mut BTreeSet<String>, out: &mut Vec<Finding>) {
    let mut kinds = BTreeSet::new();
    for (reference, span) in &u.regels {
        match inv.resolve(reference) {
            Ok(r) => {
                covered.extend(r.covers);
                kinds.extend(r.kinds);
            }
            Err(message) => out.push(error(
                Problem::new(Code::DekkingOnbekendeRegel, source, *span, message)
                    .label("niet gevonden")
                    .help("schrijf `<aanvraag>.<regel>`, `<groep>.<regel>`, `parameter.<naam>`, `definitie.<naam>` of `workflow.<naam>[.<status of overgang>]`"),
            )),
        }
    }
    if u.status == Some(Status::Dubbelzinnig) && !u.regels.is_empty() && !kinds.contains("waarschuwing") {
        out.push(error(
            Problem::new(Code::DekkingGeenWaarschuwing, source, u.span, "een dubbelzinnige uitspraak noemt geen waarschuwing")
                .help("noem in `regels` de `waarschuwing` die de lezer op de dubbelzinnigheid wijst"),
        ));
    }
}

fn not_found(source: &SourceFile, span: Span, h: &Handbook, quote: &str, message: &str) -> Problem {
    let file = h.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let help = match h.closest(quote) {
        Some(near) => format!("dichtstbijzijnde passage in {file}: „{near}”"),
        None => format!("geen vergelijkbare passage in {file}; citeer de zin letterlijk"),
    };
    Problem::new(Code::CitaatNietGevonden, source, span, message).label("niet in het handboek").help(help)
}

/// The quotes in the `bron` texts of one version.
pub struct Citations {
    /// Quotes that occur in the handbook / all quotes (in every `bron`: rules,
    /// parameters, definities, aanvragen, workflows, statuses, overgangen).
    pub found: usize,
    pub quotes: usize,
    /// Rules and parameters whose bron quotes something / all of them.
    pub with_quote: usize,
    pub counted: usize,
    pub findings: Vec<Finding>,
}

/// Checks every quote in a version's `bron` texts against its handbook, and
/// that every rule and parameter quotes something (warnings).
pub fn citations(inv: &Inventory, h: &Handbook) -> Citations {
    let mut c = Citations { found: 0, quotes: 0, with_quote: 0, counted: 0, findings: Vec::new() };
    for b in &inv.bronnen {
        let quotes = quotations(&b.tekst);
        if b.counted {
            c.counted += 1;
        }
        if quotes.is_empty() && !b.counted {
            continue;
        }
        if quotes.is_empty() {
            c.findings.push(warning(
                Problem::new(Code::BronZonderCitaat, &b.source, b.span, format!("de bron van {} citeert het handboek niet", b.wat))
                    .label("geen citaat")
                    .help("zet de zin uit het handboek tussen „…”, “…” of \"…\" achter de kop van de paragraaf"),
            ));
            continue;
        }
        if b.counted {
            c.with_quote += 1;
        }
        for q in quotes {
            c.quotes += 1;
            if h.contains(&q) {
                c.found += 1;
            } else {
                let short: String = q.chars().take(60).collect();
                let ellipsis = if q.chars().count() > 60 { "…" } else { "" };
                let message = format!("het citaat „{short}{ellipsis}” in de bron van {} staat niet in het handboek", b.wat);
                c.findings.push(warning(not_found(&b.source, b.span, h, &q, &message)));
            }
        }
    }
    c
}

/// A paragraph of the handbook (text between blank lines).
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// 1-based line where it starts.
    pub line: usize,
    /// Its first words, white space folded.
    pub begin: String,
    /// Comparison positions `start..end` in the normalized handbook.
    start: usize,
    end: usize,
}

impl Handbook {
    /// Every place where a quote occurs, in comparison positions.
    pub fn locate(&self, quote: &str) -> Vec<(usize, usize)> {
        find_all(&self.normalized, quote)
    }

    /// The paragraphs with at least `MIN_PARAGRAPH` characters of text (shorter ones are headings).
    pub fn paragraphs(&self) -> Vec<Paragraph> {
        const MIN_PARAGRAPH: usize = 60;
        let mut out = Vec::new();
        let mut offset = 0;
        let mut para_start: Option<(usize, usize)> = None; // (byte, line)
        let lines: Vec<&str> = self.text.split_inclusive('\n').collect();
        let push = |from: usize, line: usize, to: usize, out: &mut Vec<Paragraph>| {
            let start = self.normalized.offsets.partition_point(|&o| o < from);
            let end = self.normalized.offsets.partition_point(|&o| o < to);
            if end.saturating_sub(start) >= MIN_PARAGRAPH {
                let words: Vec<&str> = self.text[from..to].split_whitespace().take(12).collect();
                out.push(Paragraph { line, begin: words.join(" "), start, end });
            }
        };
        for (i, l) in lines.iter().enumerate() {
            if l.trim().is_empty() {
                if let Some((from, line)) = para_start.take() {
                    push(from, line, offset, &mut out);
                }
            } else if para_start.is_none() {
                para_start = Some((offset, i + 1));
            }
            offset += l.len();
        }
        if let Some((from, line)) = para_start {
            push(from, line, offset, &mut out);
        }
        out
    }
}

/// The paragraphs of the handbook that none of the quotes (ledger citaten
/// and `bron` quotes) touches: what a reviewer should look at first.
pub fn uncited_paragraphs<'q>(h: &Handbook, quotes: impl IntoIterator<Item = &'q str>) -> (Vec<Paragraph>, usize) {
    let found: Vec<(usize, usize)> = quotes.into_iter().flat_map(|q| h.locate(q)).collect();
    let all = h.paragraphs();
    let total = all.len();
    let open = all.into_iter().filter(|p| !found.iter().any(|&(s, e)| s < p.end && e > p.start)).collect();
    (open, total)
}

#[cfg(test)]
mod tests {
    use super::handbook_file_name;

    #[test]
    fn the_handbook_file_is_the_txt_word_of_the_header_bron() {
        assert_eq!(handbook_file_name("rijnstreek-handboek-2026.txt"), "rijnstreek-handboek-2026.txt");
        assert_eq!(handbook_file_name("leiden-schoolhandboek-2020-2021.txt, Wat is nieuw?"), "leiden-schoolhandboek-2020-2021.txt");
        assert_eq!(handbook_file_name(" Handboek 2026 "), "Handboek 2026");
    }
}

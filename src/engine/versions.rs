//! One region's versions must be told apart: no two version folders with the
//! same `versie` or the same `geldig_vanaf`, and, once a region has more than
//! one version, each folder named after its header's `versie` (a copied
//! folder with an unchanged header would otherwise be a second "2020-2021"
//! that silently decides).

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{ExprKind, File, Item};

/// Where one version folder's header says which version it is.
pub struct Site {
    /// The folder name (`2020-2021`).
    pub folder: String,
    pub source: SourceFile,
    pub versie: Option<(String, Span)>,
    pub geldig_vanaf: Option<(chrono::NaiveDate, Span)>,
}

/// The header of a version folder's parsed files, if it has one.
pub fn site(parsed: &[(SourceFile, File)]) -> Option<Site> {
    let (source, block) =
        parsed.iter().find_map(|(source, file)| file.blocks.iter().find(|b| b.kind.name == "regio").map(|b| (source, b)))?;
    let mut site = Site { folder: folder_of(&source.name), source: source.clone(), versie: None, geldig_vanaf: None };
    for item in &block.items {
        let Item::Attr(a) = item else { continue };
        match (a.key.name.as_str(), &a.value.kind) {
            ("versie", ExprKind::Text(t)) => site.versie = Some((t.clone(), a.value.span)),
            ("geldig_vanaf", ExprKind::Date(d)) => site.geldig_vanaf = Some((*d, a.value.span)),
            _ => {}
        }
    }
    Some(site)
}

/// `regions/leiden/2020-2021/00-regio.passend` -> `2020-2021`.
fn folder_of(name: &str) -> String {
    let parts: Vec<&str> = name.split('/').collect();
    parts.len().checked_sub(2).and_then(|i| parts.get(i)).map(|s| s.to_string()).unwrap_or_default()
}

fn place(source: &SourceFile, span: Span) -> String {
    let (line, _) = source.line_col(span.start as usize);
    format!("{}:{line}", source.name)
}

/// The problems that make two versions of one region indistinguishable.
pub fn problems(sites: &[Site]) -> Vec<Problem> {
    let mut out = Vec::new();
    // With one version folder nothing can be mixed up; with two or more, each
    // folder must say which version it holds.
    let several = sites.len() > 1;
    for site in sites.iter().filter(|_| several) {
        if let Some((versie, span)) = &site.versie {
            if !site.folder.is_empty() && *versie != site.folder {
                out.push(
                    Problem::new(Code::VersieMap, &site.source, *span, format!("de map heet `{}`, maar de kop noemt versie `{versie}`", site.folder))
                        .label("andere versie dan de map")
                        .help(format!("maak de map en `versie` gelijk: hernoem de map naar `{versie}` of schrijf `versie \"{}\"`", site.folder)),
                );
            }
        }
    }
    for (i, a) in sites.iter().enumerate() {
        for b in sites.iter().skip(i + 1) {
            if let (Some((va, sa)), Some((vb, sb))) = (&a.versie, &b.versie) {
                if va == vb {
                    out.push(twice(b, *sb, a, *sa, &format!("versie `{vb}`"), "geef elke versie een eigen naam (en een eigen map)"));
                }
            }
            if let (Some((da, sa)), Some((db, sb))) = (&a.geldig_vanaf, &b.geldig_vanaf) {
                if da == db {
                    out.push(twice(b, *sb, a, *sa, &format!("geldig_vanaf {db}"), "een nieuwe versie gaat in op een latere datum dan de vorige"));
                }
            }
        }
    }
    out
}

fn twice(second: &Site, at: Span, first: &Site, first_at: Span, what: &str, help: &str) -> Problem {
    Problem::new(
        Code::VersieDubbel,
        &second.source,
        at,
        format!("twee versies van deze regio hebben {what}: hier en in {}", place(&first.source, first_at)),
    )
    .label("ook in een andere map")
    .help(help.to_string())
}

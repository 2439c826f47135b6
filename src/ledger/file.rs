//! Reading `dekking.toml`: a list of `[[uitspraak]]` tables, each with its
//! location in the file so every problem can point at it.

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use serde::Deserialize;
use toml::Spanned;

/// The file name of a ledger inside a version folder.
pub const LEDGER: &str = "dekking.toml";

/// What an uitspraak says about its encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Encoded by the rules it names.
    Gecodeerd,
    /// Not decision-relevant (reden says why).
    NietBeslissend,
    /// The handbook is ambiguous; the waarschuwing rules named flag it.
    Dubbelzinnig,
}

impl Status {
    pub const NAMES: [&'static str; 3] = ["gecodeerd", "niet_beslissend", "dubbelzinnig"];

    fn parse(s: &str) -> Option<Status> {
        match s {
            "gecodeerd" => Some(Status::Gecodeerd),
            "niet_beslissend" => Some(Status::NietBeslissend),
            "dubbelzinnig" => Some(Status::Dubbelzinnig),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    uitspraak: Vec<Spanned<RawUitspraak>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUitspraak {
    sectie: Spanned<String>,
    citaat: Spanned<String>,
    #[serde(default)]
    regels: Vec<Spanned<String>>,
    status: Option<Spanned<String>>,
    reden: Option<Spanned<String>>,
}

/// One decision-relevant statement of the handbook.
#[derive(Clone, Debug)]
pub struct Uitspraak {
    pub span: Span,
    pub sectie: String,
    pub citaat: String,
    pub citaat_span: Span,
    pub regels: Vec<(String, Span)>,
    /// `None` when the status is missing or unknown (reported).
    pub status: Option<Status>,
    pub reden: Option<String>,
}

fn span<T>(s: &Spanned<T>) -> Span {
    Span::new(s.span().start, s.span().end)
}

/// Parses a ledger; the problems of its form (unknown status, missing
/// reden, ...) come back beside the uitspraken that could be read.
pub fn parse(source: &SourceFile) -> Result<(Vec<Uitspraak>, Vec<Problem>), Box<Problem>> {
    let raw: RawFile = toml::from_str(&source.text).map_err(|e| {
        let span = e.span().map(|r| Span::new(r.start, r.end)).unwrap_or_default();
        Box::new(
            Problem::new(Code::DekkingOnleesbaar, source, span, format!("{LEDGER} onleesbaar: {}", dutch(e.message())))
                .help("elke `[[uitspraak]]` heeft `sectie`, `citaat`, `regels` en eventueel `status` en `reden`"),
        )
    })?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for u in raw.uitspraak {
        let whole = span(&u);
        let u = u.into_inner();
        let status = match &u.status {
            None if u.regels.is_empty() => {
                problems.push(
                    Problem::new(Code::DekkingGeenRegels, source, span(&u.citaat), "uitspraak zonder regels en zonder status")
                        .help("noem de regels die haar coderen, of geef `status = \"niet_beslissend\"` of `\"dubbelzinnig\"` met een `reden`"),
                );
                None
            }
            None => Some(Status::Gecodeerd),
            Some(s) => match Status::parse(s.get_ref()) {
                Some(st) => Some(st),
                None => {
                    let help = crate::check::suggest::did_you_mean(s.get_ref(), Status::NAMES, "kies gecodeerd, niet_beslissend of dubbelzinnig");
                    problems.push(Problem::new(Code::DekkingOnbekendeStatus, source, span(s), format!("onbekende status `{}`", s.get_ref())).help(help));
                    None
                }
            },
        };
        let needs_reden = matches!(status, Some(Status::NietBeslissend | Status::Dubbelzinnig));
        let reden_empty = u.reden.as_ref().is_none_or(|r| r.get_ref().trim().is_empty());
        if needs_reden && reden_empty {
            let at = u.status.as_ref().map(span).unwrap_or(whole);
            problems.push(
                Problem::new(Code::DekkingRedenOntbreekt, source, at, "deze status vraagt een `reden`")
                    .help("zeg waarom de uitspraak niet beslissend of dubbelzinnig is: `reden = \"...\"`"),
            );
        }
        if status == Some(Status::Gecodeerd) && u.regels.is_empty() {
            let at = u.status.as_ref().map(span).unwrap_or(whole);
            problems.push(Problem::new(Code::DekkingGeenRegels, source, at, "`gecodeerd` zonder regels").help("noem in `regels` de regels die de uitspraak coderen"));
        }
        if status == Some(Status::Dubbelzinnig) && u.regels.is_empty() {
            let at = u.status.as_ref().map(span).unwrap_or(whole);
            problems.push(
                Problem::new(Code::DekkingGeenWaarschuwing, source, at, "`dubbelzinnig` zonder regels")
                    .help("noem in `regels` de waarschuwing(en) die de dubbelzinnigheid melden"),
            );
        }
        if normalize_empty(u.citaat.get_ref()) {
            problems.push(Problem::new(Code::DekkingLeegCitaat, source, span(&u.citaat), "leeg citaat").help("citeer de zin uit het handboek letterlijk"));
        }
        out.push(Uitspraak {
            span: whole,
            sectie: u.sectie.into_inner(),
            citaat_span: span(&u.citaat),
            citaat: u.citaat.into_inner(),
            regels: u.regels.iter().map(|r| (r.get_ref().clone(), span(r))).collect(),
            status,
            reden: u.reden.map(Spanned::into_inner),
        });
    }
    Ok((out, problems))
}

fn normalize_empty(s: &str) -> bool {
    super::quote::parts(s).is_empty()
}

/// The TOML reader's most common messages in Dutch; others as they are.
fn dutch(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        return if expected.is_empty() { format!("onbekende sleutel {field}") } else { format!("onbekende sleutel {field}; bekend zijn {expected}") };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("sleutel {field} ontbreekt");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("verkeerd soort waarde: {found}, verwacht {expected}");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let source = SourceFile::new("dekking.toml", text);
        match parse(&source) {
            Ok((_, p)) => p.into_iter().map(|p| p.message).collect(),
            Err(p) => vec![p.message],
        }
    }

    #[test]
    fn form_mistakes_are_reported_in_dutch() {
        assert_eq!(problems("[[uitspraak]]\nsectie = \"x\"\ncitaat = \"y\"\nstatu = \"z\"\n"), vec!["dekking.toml onleesbaar: onbekende sleutel `statu`; bekend zijn `sectie`, `citaat`, `regels`, `status`, `reden`"]);
        assert_eq!(problems("[[uitspraak]]\nsectie = \"x\"\n"), vec!["dekking.toml onleesbaar: sleutel `citaat` ontbreekt"]);
        assert_eq!(problems("[[uitspraak]]\nsectie = \"x\"\ncitaat = \"y\"\n"), vec!["uitspraak zonder regels en zonder status"]);
        assert_eq!(problems("[[uitspraak]]\nsectie = \"x\"\ncitaat = \"y\"\nstatus = \"niet_beslissend\"\n"), vec!["deze status vraagt een `reden`"]);
        assert!(problems("[[uitspraak]]\nsectie = \"x\"\ncitaat = \"y\"\nregels = [\"a.b\"]\n").is_empty());
    }
}

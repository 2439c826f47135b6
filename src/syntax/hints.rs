//! Hints for the mistakes people make when they type a rule file: a block
//! left open, a text left open, quotes pasted from a word processor, a date
//! written the Dutch way (`1-8-2021`), a keyword with a typo (`od`, `nietr`).
//! A plain scan of the text (strings and comments skipped), so the problem
//! is reported where the mistake is, not where the parser gave up.

use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};

use crate::taal;

/// The reserved keywords of the rule language (grammar/passend.pest), from the language table.
fn reserved() -> impl Iterator<Item = &'static str> {
    taal::KEYWORDS.iter().filter(|k| k.reserved).map(|k| k.word)
}

/// Typographic quotes that a word processor puts where `"` was meant.
const CURLY_QUOTES: [char; 7] = ['“', '”', '„', '‟', '″', '«', '»'];

/// A block opened with `{` that the scan has not seen closed yet.
struct Open {
    /// `eis start_na_tlv`: the words before the `{`.
    title: String,
    brace: usize,
    indent: usize,
}

/// Dates written `1-8-2021` (outside texts and comments): reported whether
/// or not the file parses, since `1-8-2021` also parses as a subtraction.
pub fn dutch_dates(source: &SourceFile) -> Vec<Problem> {
    let mut out = Vec::new();
    for (start, end) in code_ranges(&source.text) {
        let bytes = source.text.as_bytes();
        let mut i = start;
        while i < end {
            let before_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'-' | b'.' | b'_'));
            if bytes[i].is_ascii_digit() && before_ok {
                if let Some((len, iso)) = dutch_date_at(&source.text[i..end]) {
                    let text = &source.text[i..i + len];
                    out.push(
                        Problem::new(Code::Datum, source, Span::new(i, i + len), format!("`{text}` is geen datum in de vorm JJJJ-MM-DD"))
                            .label("datum in de verkeerde volgorde")
                            .help(match iso {
                                Some(iso) => format!("schrijf {iso}"),
                                None => "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-01".to_string(),
                            }),
                    );
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
    }
    out
}

/// `d-m-jjjj` (or with `/`) at the start of `s`: its length and the ISO form
/// when it is a real date.
fn dutch_date_at(s: &str) -> Option<(usize, Option<String>)> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d = digits(0);
    if !(1..=2).contains(&d) {
        return None;
    }
    let sep = *b.get(d)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let m = digits(d + 1);
    if !(1..=2).contains(&m) || b.get(d + 1 + m) != Some(&sep) {
        return None;
    }
    let y = digits(d + m + 2);
    if y != 4 {
        return None;
    }
    let len = d + m + 2 + y;
    if b.get(len).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return None;
    }
    let day: u32 = s[..d].parse().ok()?;
    let month: u32 = s[d + 1..d + 1 + m].parse().ok()?;
    let year: i32 = s[d + m + 2..len].parse().ok()?;
    let iso = chrono::NaiveDate::from_ymd_opt(year, month, day).map(|x| x.format("%Y-%m-%d").to_string());
    Some((len, iso))
}

/// The byte ranges of the text outside strings and comments.
fn code_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => {
                out.push((start, i));
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
                start = end;
            }
            '"' => {
                out.push((start, i));
                let mut end = text.len();
                while let Some((j, c)) = chars.next() {
                    if c == '\\' {
                        chars.next();
                    } else if c == '"' {
                        end = j + 1;
                        break;
                    }
                }
                start = end;
            }
            _ => {}
        }
    }
    out.push((start, text.len()));
    out.retain(|(s, e)| s < e);
    out
}

/// Explains a file pest could not parse: the first typographic quote, text
/// left open or block left open. Empty when the scan sees none of these.
pub fn explain_failure(source: &SourceFile) -> Vec<Problem> {
    let text = &*source.text;
    let mut problems = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // The first block whose closing `}` is indented less than its opening line.
    let mut misclosed: Option<Open> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => {
                while chars.peek().is_some_and(|(_, c)| *c != '\n') {
                    chars.next();
                }
            }
            '"' => {
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\n' => break,
                        _ => {}
                    }
                }
                if !closed {
                    problems.push(
                        Problem::new(Code::TekstOpen, source, Span::new(i, i + 1), "deze tekst is niet afgesloten")
                            .label("de tekst begint hier")
                            .help("sluit de tekst op dezelfde regel af met een recht aanhalingsteken `\"`"),
                    );
                    return problems;
                }
            }
            c if CURLY_QUOTES.contains(&c) => {
                problems.push(
                    Problem::new(Code::Aanhalingsteken, source, Span::new(i, i + c.len_utf8()), format!("`{c}` is een gekruld aanhalingsteken"))
                        .label("gekruld aanhalingsteken")
                        .help("gebruik rechte aanhalingstekens: \"tekst\" (tekst uit Word of een pdf bevat vaak “gekrulde”)"),
                );
                return problems;
            }
            '{' => stack.push(Open { title: block_title(text, i), brace: i, indent: line_indent(text, i) }),
            '}' => {
                let Some(open) = stack.pop() else { return problems };
                let own_line = text[line_start(text, i)..i].trim().is_empty();
                if own_line && line_indent(text, i) < open.indent && misclosed.is_none() {
                    misclosed = Some(open);
                }
            }
            _ => {}
        }
    }
    // The file ends inside a block: the block whose `}` was taken by an outer
    // one (its `}` is indented less than it) is the one left open.
    if let Some(innermost) = stack.pop() {
        let open = misclosed.unwrap_or(innermost);
        problems.push(
            Problem::new(Code::BlokOpen, source, Span::new(open.brace, open.brace + 1), format!("`{}` is niet afgesloten", open.title))
                .label("dit blok opent hier")
                .help(format!("sluit `{}` af met een `}}` na zijn laatste regel", open.title)),
        );
    }
    problems
}

/// The (at most two) words before the `{` at `brace`, e.g. `eis start_na_tlv`.
fn block_title(text: &str, brace: usize) -> String {
    let before = &text[line_start(text, brace)..brace];
    let words: Vec<&str> = before.split_whitespace().collect();
    let title = words.iter().rev().take(2).rev().copied().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "dit blok".to_string()
    } else {
        title
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

fn line_indent(text: &str, at: usize) -> usize {
    let start = line_start(text, at);
    text[start..].chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

/// "bedoel je `of`?" for a word that is one typo away from a keyword (and
/// is no word of the language: an attribute on the same line, `{ van a naar
/// b }`, a function `min(a, b)`, a unit `1 dag` is meant as written).
pub fn keyword_like(word: &str) -> Option<&'static str> {
    if word.len() < 2 || taal::is_language_word(word) || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    reserved().find(|k| crate::check::suggest::distance(word, k) == 1)
}

/// On a line where the parser failed at `at`: the first word before `at`
/// (not the line's first word, the attribute) that looks like a mistyped
/// keyword, with its span.
pub fn mistyped_keyword_before(text: &str, at: usize) -> Option<(Span, &'static str, String)> {
    let start = line_start(text, at);
    let line = &text[start..at.min(text.len())];
    let code_end = line.find(['"', '#']).unwrap_or(line.len());
    let mut offset = 0;
    let mut first = true;
    for word in line[..code_end].split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
        let here = offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        if first {
            first = false;
            continue;
        }
        if let Some(k) = keyword_like(word) {
            let s = start + here;
            return Some((Span::new(s, s + word.len()), k, word.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        dutch_dates(&SourceFile::new("t.passend", text)).into_iter().map(|p| p.help.unwrap_or_default()).collect()
    }

    #[test]
    fn dutch_dates_outside_texts_and_comments_only() {
        assert_eq!(dates("voorwaarde d >= 1-8-2021"), ["schrijf 2021-08-01"]);
        assert_eq!(dates("voorwaarde d >= 31/12/2021"), ["schrijf 2021-12-31"]);
        assert!(dates("voorwaarde d >= 31-2-2021")[0].starts_with("schrijf een datum als JJJJ-MM-DD"));
        assert!(dates("geldig_vanaf 2021-08-01").is_empty());
        assert!(dates("bron \"vanaf 1-8-2021\" # 1-8-2021").is_empty());
        assert!(dates("waarde 10 - 8 - 2021").is_empty());
    }

    #[test]
    fn keywords_one_typo_away_but_not_attributes() {
        assert_eq!(keyword_like("od"), Some("of"));
        assert_eq!(keyword_like("nietr"), Some("niet"));
        assert_eq!(keyword_like("van"), None);
        assert_eq!(keyword_like("of"), None);
        assert_eq!(keyword_like("leerling"), None);
    }

    #[test]
    fn no_word_of_the_language_is_taken_for_a_mistyped_keyword() {
        // On main `min` (a function) got "bedoel je `in`?" and `dag` (a unit) "bedoel je `dan`?".
        let table = taal::BLOCKS.iter().flat_map(|b| std::iter::once(b.name).chain(b.attrs.iter().map(|a| a.name)));
        let words: Vec<&str> = table
            .chain(taal::FUNCTIONS.iter().map(|f| f.name))
            .chain(taal::KEYWORDS.iter().map(|k| k.word))
            .chain(taal::UNITS.iter().flat_map(|u| [u.one, u.many]))
            .chain(taal::MONTHS.iter().copied())
            .collect();
        assert!(words.contains(&"min") && words.contains(&"dag"));
        for word in words {
            assert_eq!(keyword_like(word), None, "`{word}` is a word of the language");
        }
    }

    #[test]
    fn a_function_call_on_a_broken_line_is_not_a_mistyped_keyword() {
        let text = "definitie d {\n  waarde min(1 2)\n  bron \"b\"\n}\n";
        let at = text.find("2)").unwrap_or(0);
        assert_eq!(mistyped_keyword_before(text, at), None);
    }
}

//! Finding a quotation in a handbook text.
//!
//! A quote matches when its words occur in the handbook in the same order,
//! compared modulo white space (all of it: a line break inside a word that
//! the extraction split, `CT-\nleden`, still matches `CT-leden`), case, soft
//! hyphens and plain hyphens (a PDF's hyphenation at a line end,
//! `start-\nmoment`, matches `startmoment`), `<sup>`/`</sup>` markup and
//! straight versus typographic quotes; list bullets (`•`) are layout and
//! `^`/`*` (superscript and emphasis: `1^e`, `**OF**`) markup, like `<sup>`.
//! An elision (`…`, `...`, `[…]`, `[...]`) splits the quote into parts that
//! must occur in order, each part at most `MAX_GAP` characters after the
//! previous one.

/// Characters an elided stretch may span (roughly one long paragraph).
pub const MAX_GAP: usize = 1500;

/// A text in comparison form, with the byte offset in the original text of
/// each character kept.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub chars: Vec<char>,
    pub offsets: Vec<usize>,
}

/// Maps one character to its comparison form: `None` drops it.
fn fold(c: char) -> Option<char> {
    match c {
        // A hyphen at a line end may be the PDF's hyphenation (`start-\nmoment`)
        // or part of the word (`CT-\nleden`): hyphens do not count at all.
        // List bullets are layout, like white space; `^` (superscript, `1^e`) and
        // `*` (emphasis, `**OF**`) are markup of the text, like `<sup>`.
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '-' | '•' | '\u{F0B7}' | '▪' | '^' | '*' => None,
        c if c.is_whitespace() => None,
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => Some('"'),
        '‘' | '’' | '‚' | '‛' | '`' | '´' | '′' => Some('\''),
        c => c.to_lowercase().next(),
    }
}

/// The comparison form of `text`.
pub fn normalize(text: &str) -> Normalized {
    let mut chars = Vec::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if bytes[i] == b'<' {
            let rest = &text[i..];
            let tag = ["<sup>", "</sup>", "<SUP>", "</SUP>"].iter().find(|t| rest.starts_with(**t));
            if let Some(t) = tag {
                i += t.len();
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else { break };
        if let Some(f) = fold(c) {
            chars.push(f);
            offsets.push(i);
        }
        i += c.len_utf8();
    }
    Normalized { chars, offsets }
}

/// The parts of a quote between its elisions, in comparison form; empty parts dropped.
pub fn parts(quote: &str) -> Vec<Vec<char>> {
    let mut text = quote.to_string();
    for e in ["[…]", "[...]", "(…)", "(...)", "..."] {
        text = text.replace(e, "…");
    }
    text.split('…').map(|p| normalize(p).chars).filter(|p| !p.is_empty()).collect()
}

/// Positions (in comparison form) where `needle` starts in `hay`, from `from` on.
fn find_from(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from.min(hay.len()));
    }
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&s| hay[s..s + needle.len()] == *needle)
}

/// Whether `quote` occurs in the (normalized) handbook; `Some(start..end)` in
/// comparison positions of its first occurrence when it does.
pub fn find(hay: &Normalized, quote: &str) -> Option<(usize, usize)> {
    find_after(hay, quote, 0)
}

/// Every place where `quote` occurs (a handbook may repeat a paragraph).
pub fn find_all(hay: &Normalized, quote: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((s, e)) = find_after(hay, quote, from) {
        out.push((s, e));
        from = s + 1;
    }
    out
}

fn find_after(hay: &Normalized, quote: &str, from: usize) -> Option<(usize, usize)> {
    let parts = parts(quote);
    let first = parts.first()?;
    let mut from = from;
    while let Some(start) = find_from(&hay.chars, first, from) {
        let mut end = start + first.len();
        let mut ok = true;
        for p in &parts[1..] {
            match find_from(&hay.chars, p, end) {
                Some(s) if s - end <= MAX_GAP => end = s + p.len(),
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some((start, end));
        }
        from = start + 1;
    }
    None
}

/// The original text of comparison positions `start..end`, white space collapsed.
pub fn excerpt(text: &str, hay: &Normalized, start: usize, end: usize) -> String {
    let Some(&from) = hay.offsets.get(start) else { return String::new() };
    let to = match end.checked_sub(1).and_then(|e| hay.offsets.get(e)) {
        Some(&o) => o + text[o..].chars().next().map_or(1, char::len_utf8),
        None => text.len(),
    };
    text.get(from..to.max(from)).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The handbook passage closest to a quote that does not occur: where the
/// longest beginning or end of one of its parts occurs, as long as the part.
pub fn closest(text: &str, hay: &Normalized, quote: &str) -> Option<String> {
    let mut best: Option<(usize, usize, usize)> = None; // (matched length, start, end)
    for p in parts(quote) {
        // The longest prefix that occurs (occurrence is monotone in length: binary search).
        let prefix = longest(p.len(), |n| find_from(&hay.chars, &p[..n], 0));
        if let Some((n, s)) = prefix {
            if best.is_none_or(|b| n > b.0) {
                best = Some((n, s, (s + p.len()).min(hay.chars.len())));
            }
        }
        let suffix = longest(p.len(), |n| find_from(&hay.chars, &p[p.len() - n..], 0));
        if let Some((n, s)) = suffix {
            if best.is_none_or(|b| n > b.0) {
                let end = s + n;
                best = Some((n, end.saturating_sub(p.len()), end));
            }
        }
    }
    let (n, s, e) = best?;
    // Fewer than 12 characters in common is no passage at all.
    (n >= 12).then(|| excerpt(text, hay, s, e))
}

/// The largest `n` in 1..=max for which `at(n)` finds a place, with that place.
fn longest(max: usize, at: impl Fn(usize) -> Option<usize>) -> Option<(usize, usize)> {
    let (mut lo, mut hi) = (0usize, max);
    let mut found = None;
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        match at(mid) {
            Some(s) => {
                lo = mid;
                found = Some((mid, s));
            }
            None => hi = mid - 1,
        }
    }
    found
}

/// The quotations in a `bron` text: between „…”/“…” (nested typographic
/// quotes kept inside), or between straight "…".
pub fn quotations(bron: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = bron.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '„' | '“' => {
                let mut depth = 1;
                let start = i + c.len_utf8();
                let mut end = None;
                for (j, d) in chars.by_ref() {
                    match d {
                        '„' | '“' => depth += 1,
                        '”' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                match end {
                    Some(j) => out.push(bron[start..j].to_string()),
                    None => out.push(bron[start..].to_string()),
                }
            }
            '"' => {
                let start = i + 1;
                let end = chars.by_ref().find(|(_, d)| *d == '"').map(|(j, _)| j);
                out.push(bron[start..end.unwrap_or(bron.len())].to_string());
            }
            _ => {}
        }
    }
    out.retain(|q| !normalize(q).chars.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occurs(hay: &str, quote: &str) -> bool {
        find(&normalize(hay), quote).is_some()
    }

    /// Each `(handbook text, quote)`: the quote occurs in the text.
    fn assert_all_occur(cases: &[(&str, &str)]) {
        for (hay, quote) in cases {
            assert!(occurs(hay, quote), "{quote:?} niet gevonden in {hay:?}");
        }
    }

    #[test]
    fn white_space_and_case_do_not_count() {
        assert_all_occur(&[
            ("De TLV wordt\n\n  dan vóór het einde", "de tlv wordt dan vóór het einde"),
            ("twee CT-\n\nleden vanuit", "twee CT-leden vanuit"),
            ("plant een OT met:\n•\t Ouders\n•\t IB-er", "plant een OT met: Ouders IB-er"),
            ("6 maanden na start-\nmoment betrokken", "6 maanden na startmoment betrokken"),
        ]);
    }

    #[test]
    fn soft_hyphens_and_sup_markup_do_not_count() {
        assert_all_occur(&[
            ("toelaatbaarheids\u{00AD}verklaring", "toelaatbaarheidsverklaring"),
            ("de 1<sup>e</sup> deskundige", "de 1e deskundige"),
            ("de 1e deskundige", "de 1<sup>e</sup> deskundige"),
            ("de 1^e en 2^e deskundigen", "de 1e en 2e deskundigen"),
            ("digitaal **OF** via", "digitaal OF via"),
        ]);
    }

    #[test]
    fn straight_and_typographic_quotes_are_the_same() {
        assert!(occurs("de hulpvraag “bespreken terugplaatsing” aan", "de hulpvraag \"bespreken terugplaatsing\" aan"));
        assert!(occurs("de school‘s plan", "de school's plan"));
    }

    #[test]
    fn elisions_match_parts_in_order() {
        let hay = "Als er meer informatie nodig is, dan neemt de TLC contact op met de school. Men heeft dan 2 weken de tijd.";
        assert!(occurs(hay, "Als er meer informatie nodig is … Men heeft dan 2 weken"));
        assert!(occurs(hay, "Als er meer informatie nodig is ... Men heeft dan 2 weken"));
        assert!(occurs(hay, "dan neemt de TLC [...] met de school"));
        // Out of order is not the text.
        assert!(!occurs(hay, "Men heeft dan 2 weken … Als er meer informatie"));
    }

    #[test]
    fn a_repeated_passage_is_found_at_every_place() {
        let hay = normalize("Bel het loket. Tussenstuk. Bel het loket.");
        assert_eq!(find_all(&hay, "bel het loket").len(), 2);
        assert!(find_all(&hay, "bel de TLC").is_empty());
    }

    #[test]
    fn an_elision_spans_at_most_a_long_paragraph() {
        let hay = format!("begin hier {} en eind daar", "x".repeat(MAX_GAP + 10));
        assert!(!occurs(&hay, "begin hier … eind daar"));
        let hay = format!("begin hier {} en eind daar", "x".repeat(100));
        assert!(occurs(&hay, "begin hier … eind daar"));
    }

    #[test]
    fn a_changed_word_is_not_found_and_the_closest_passage_is_shown() {
        let text = "Voor de overbrugging geldt € 750,- per maand.\nDe rest van de tekst.";
        let hay = normalize(text);
        assert!(find(&hay, "Voor de overbrugging geldt € 900,- per maand").is_none());
        let near = closest(text, &hay, "Voor de overbrugging geldt € 900,- per maand");
        assert_eq!(near.as_deref(), Some("Voor de overbrugging geldt € 750,- per maand"));
        assert_eq!(closest(text, &hay, "iets heel anders"), None);
    }

    #[test]
    fn an_empty_quote_is_never_found() {
        assert!(!occurs("tekst", ""));
        assert!(!occurs("tekst", " … "));
    }

    #[test]
    fn quotations_are_taken_from_every_kind_of_quote_mark() {
        let bron = "1. Indienen: “Vink aan of ouders akkoord geven.”; 2. Beoordeling: „De 1e deskundige is altijd een orthopedagoog”, en \"recht\" erbij";
        assert_eq!(
            quotations(bron),
            vec!["Vink aan of ouders akkoord geven.", "De 1e deskundige is altijd een orthopedagoog", "recht"]
        );
        // A quote inside a quote stays part of it.
        assert_eq!(quotations("kop: “de status “Terugplaatsing aanmelding” krijgen”"), vec!["de status “Terugplaatsing aanmelding” krijgen"]);
        assert!(quotations("alleen een kop, geen citaat").is_empty());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[a-zéë]{1,8}", 3..40)
    }

    proptest! {
        /// Any run of whole words of a text is found, however the quote
        /// breaks its lines and whatever its case.
        #[test]
        fn a_run_of_words_is_found_whatever_its_white_space_and_case(
            ws in words(), from in 0usize..40, len in 1usize..10, breaks in prop::collection::vec(0usize..3, 40)
        ) {
            let text = ws.join(" ");
            let from = from % ws.len();
            let to = (from + len).min(ws.len());
            let quote: String = ws[from..to]
                .iter()
                .zip(&breaks)
                .map(|(w, b)| format!("{}{}", w.to_uppercase(), ["", " ", "\n  "][*b]))
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert!(find(&normalize(&text), &quote).is_some(), "{quote:?} in {text:?}");
        }

        /// A quote with a word that is not in the text is not found.
        #[test]
        fn a_foreign_word_is_never_found(ws in words(), from in 0usize..40) {
            let text = ws.join(" ");
            let from = from % ws.len();
            let quote = format!("{} qqqxqqq", ws[from]);
            prop_assert!(find(&normalize(&text), &quote).is_none());
        }

        /// Matching never panics, whatever the text and quote (any Unicode).
        #[test]
        fn matching_any_text_never_panics(text in ".{0,200}", quote in ".{0,60}") {
            let hay = normalize(&text);
            let _ = find(&hay, &quote);
            let _ = find_all(&hay, &quote);
            let _ = closest(&text, &hay, &quote);
            let _ = quotations(&quote);
        }
    }
}

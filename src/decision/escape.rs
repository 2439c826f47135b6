//! JSON string escaping exactly as `serde_json` does it, and the texts of a
//! rule escaped once when the rules are compiled ([`StaticTexts`]), so that
//! writing a decision mostly copies bytes.
//!
//! `serde_json` escapes `"` and `\` and the control characters below U+0020
//! (`\b \t \n \f \r` in their short form, the others as `\u00XX` with
//! lower-case hex digits) and writes everything else, non-ASCII included,
//! as it is. [`write_str`] produces the same bytes; it looks for those
//! characters eight bytes at a time.

use std::fmt;
use std::sync::Arc;

/// One text and its JSON (quotes included), escaped once.
#[derive(Debug)]
struct Escaped {
    text: Arc<str>,
    json: Box<[u8]>,
}

/// The texts a rule, transition or rule set puts into every decision it
/// contributes to (rule id, `bron`, `tekst`, constant attribute values),
/// each with its escaped JSON, built when the rules are compiled. A
/// decision item carries a handle on them next to its fields; the writer
/// copies the JSON of a field only when the field is the very text
/// (`Arc::ptr_eq`) the JSON was built from, and escapes it otherwise. So a
/// field changed after evaluation is still written correctly.
///
/// The handle takes no part in a decision's meaning: it is skipped by serde,
/// every two handles compare equal and its `Debug` shows no texts.
#[derive(Clone, Default)]
pub struct StaticTexts(Option<Arc<[Escaped]>>);

impl StaticTexts {
    /// Escapes `texts` once (duplicates by pointer are kept once, in order).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a Arc<str>>) -> Self {
        let mut all: Vec<Escaped> = Vec::new();
        for text in texts {
            if !all.iter().any(|e| Arc::ptr_eq(&e.text, text)) {
                let mut json = Vec::with_capacity(text.len() + 2);
                write_str(&mut json, text);
                all.push(Escaped { text: text.clone(), json: json.into() });
            }
        }
        StaticTexts(Some(all.into()))
    }

    /// Appends `text` as a JSON string: copied when it is one of these texts, else escaped.
    pub fn write(&self, out: &mut Vec<u8>, text: &Arc<str>) {
        if let Some(all) = &self.0 {
            if let Some(e) = all.iter().find(|e| Arc::ptr_eq(&e.text, text)) {
                out.extend_from_slice(&e.json);
                return;
            }
        }
        write_str(out, text);
    }
}

impl PartialEq for StaticTexts {
    /// Always equal: the handle is a cache, not part of the decision.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for StaticTexts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.as_ref().map_or(0, |a| a.len());
        write!(f, "StaticTexts({n})")
    }
}

/// Appends `s` as a JSON string, quotes included, byte for byte as `serde_json` writes it.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(i) = first_to_escape(rest) {
        let (plain, tail) = rest.split_at(i);
        out.extend_from_slice(plain);
        if let Some((&b, after)) = tail.split_first() {
            escape_byte(out, b);
            rest = after;
        } else {
            rest = tail;
        }
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Whether JSON must escape this byte: `"`, `\` or a control character below 0x20.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Position of the first byte to escape, looking at eight bytes at a time.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bytes below 0x20 (high bit clear), bytes equal to '"' or '\'.
        let hit = (x.wrapping_sub(ONES * 0x20) & !x & HIGH) | zero_byte(x ^ (ONES * u64::from(b'"'))) | zero_byte(x ^ (ONES * u64::from(b'\\')));
        if hit != 0 {
            // The lowest flagged byte is always a real one (little-endian order).
            return Some(at + (hit.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|b| needs_escape(*b)).map(|i| at + i)
}

/// Appends the escape sequence of one byte that needs it.
fn escape_byte(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap_or_default()
    }

    fn ours(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write_str(&mut out, s);
        out
    }

    #[test]
    fn every_byte_value_is_escaped_as_serde_json_does() {
        for c in (0u8..0x80).map(char::from).chain(['é', '“', '\u{7f}', '\u{2028}', '😀']) {
            for s in [c.to_string(), format!("abcdefgh{c}"), format!("abcdefghijklmno{c}xyz"), format!("{c}{c}{c}{c}{c}{c}{c}{c}{c}")] {
                assert_eq!(ours(&s), serde(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn the_first_special_byte_is_found_in_every_position_of_a_word() {
        for len in 0..40 {
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                    let mut s: String = "aé".chars().cycle().take(at).collect();
                    s.push(special);
                    s.push_str(&"x".repeat(len - at));
                    assert_eq!(ours(&s), serde(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn static_texts_copy_only_the_very_text_they_escaped() {
        let a: Arc<str> = Arc::from("zegt \"ja\"");
        let same_content: Arc<str> = Arc::from("zegt \"ja\"");
        let texts = StaticTexts::new([&a]);
        let mut out = Vec::new();
        texts.write(&mut out, &a);
        texts.write(&mut out, &same_content);
        texts.write(&mut out, &Arc::from("ander\u{1}"));
        assert_eq!(out, [serde(&a), serde(&a), serde("ander\u{1}")].concat());
    }
}

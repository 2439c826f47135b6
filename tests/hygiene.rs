//! Code hygiene the project brief asks for, checked on every `cargo test`:
//! no function of the crate (`src/`, `tests/`, `benches/`, `build.rs`, the fuzz
//! targets) is longer than 80 lines.
//!
//! A function is counted from the line with its `fn` to the line with the
//! brace that closes its body. Braces inside strings (also raw strings),
//! character literals and comments do not count; lifetimes are not mistaken
//! for character literals. Declarations without a body (`fn f();` in a trait)
//! are not functions here.

use std::path::{Path, PathBuf};

/// The longest a function may be, in lines.
const MAX_LINES: usize = 80;

/// A function that is too long.
#[derive(Debug, PartialEq, Eq)]
struct LongFunction {
    file: String,
    /// 1-based line of the `fn`.
    line: usize,
    name: String,
    lines: usize,
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["src", "tests", "benches", "fuzz/fuzz_targets", "fuzz/checks"].iter().flat_map(|d| rust_files(&root.join(d))).collect();
    files.push(root.join("build.rs"));
    let mut offenders = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("kan {} niet lezen: {e}", file.display()));
        let name = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&file).display().to_string();
        offenders.extend(long_functions(&name, &text, MAX_LINES));
    }
    offenders.sort_by(|a, b| b.lines.cmp(&a.lines).then_with(|| a.file.cmp(&b.file)));
    let list: Vec<String> = offenders.iter().map(|f| format!("{}:{}: fn {} is {} regels lang", f.file, f.line, f.name, f.lines)).collect();
    assert!(list.is_empty(), "{} functie(s) langer dan {MAX_LINES} regels; splits ze op:\n{}", list.len(), list.join("\n"));
}

/// Every `.rs` file below `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("kan {} niet lezen: {e}", d.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                todo.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The functions of `text` longer than `max` lines.
fn long_functions(file: &str, text: &str, max: usize) -> Vec<LongFunction> {
    let code = blank_literals_and_comments(text);
    let line_starts: Vec<usize> = std::iter::once(0).chain(code.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i + 1)).collect();
    let mut found = Vec::new();
    for (index, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(index + 1).map_or(code.len(), |e| e - 1);
        let line: String = code[start..end].iter().collect();
        let Some(name) = fn_name(&line) else { continue };
        let Some(close) = body_end(&code, start) else { continue };
        let last_line = line_starts.partition_point(|&s| s <= close);
        let lines = last_line - index;
        if lines > max {
            found.push(LongFunction { file: file.to_string(), line: index + 1, name, lines });
        }
    }
    found
}

/// The name of the function a line starts, when it starts one: `[pub[(..)]] [const] [async] [unsafe] fn name`.
fn fn_name(line: &str) -> Option<String> {
    let mut rest = line.trim_start();
    if let Some(r) = rest.strip_prefix("pub") {
        if let Some(r) = r.strip_prefix('(') {
            rest = r.split_once(')')?.1.trim_start();
        } else if r.starts_with(char::is_whitespace) {
            rest = r.trim_start();
        } else {
            return None;
        }
    }
    for word in ["const", "async", "unsafe"] {
        if let Some(r) = rest.strip_prefix(word).filter(|r| r.starts_with(char::is_whitespace)) {
            rest = r.trim_start();
        }
    }
    let rest = rest.strip_prefix("fn")?.strip_prefix(char::is_whitespace)?.trim_start();
    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// The index of the brace that closes the body of the function whose header starts at `from`;
/// `None` for a declaration without a body (a `;` outside brackets before any `{`).
fn body_end(code: &[char], from: usize) -> Option<usize> {
    let mut brackets = 0i32;
    let mut depth = 0i32;
    for (i, c) in code.iter().enumerate().skip(from) {
        match c {
            '(' | '[' if depth == 0 => brackets += 1,
            ')' | ']' if depth == 0 => brackets -= 1,
            ';' if depth == 0 && brackets == 0 => return None,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text with the insides of strings, character literals and comments replaced by spaces
/// (newlines kept), so that only the code's own braces remain.
fn blank_literals_and_comments(text: &str) -> Vec<char> {
    let mut c: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        let next = c.get(i + 1).copied();
        let end = match c[i] {
            '/' if next == Some('/') => c[i..].iter().position(|x| *x == '\n').map_or(c.len(), |p| i + p),
            '/' if next == Some('*') => block_comment_end(&c, i),
            '"' => string_end(&c, i + 1),
            'r' if !ident_before || (i == 1 || !is_ident(c[i - 2])) && c[i - 1] == 'b' => match raw_string_end(&c, i + 1) {
                Some(e) => e,
                None => {
                    i += 1;
                    continue;
                }
            },
            '\'' => match char_literal_end(&c, i) {
                Some(e) => e,
                None => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        for x in &mut c[i..end] {
            if *x != '\n' {
                *x = ' ';
            }
        }
        i = end.max(i + 1);
    }
    c
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// After `/*` at `i`: the index after the matching `*/` (block comments nest).
fn block_comment_end(c: &[char], i: usize) -> usize {
    let mut depth = 0;
    let mut j = i;
    while j + 1 < c.len() {
        if c[j] == '/' && c[j + 1] == '*' {
            depth += 1;
            j += 2;
        } else if c[j] == '*' && c[j + 1] == '/' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    c.len()
}

/// From just after an opening `"`: the index after the closing one.
fn string_end(c: &[char], mut j: usize) -> usize {
    while j < c.len() {
        match c[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            _ => j += 1,
        }
    }
    c.len()
}

/// From just after an `r`: the index after a raw string `#*"..."#*`, or `None` when no raw string starts here.
fn raw_string_end(c: &[char], j: usize) -> Option<usize> {
    let hashes = c[j..].iter().take_while(|x| **x == '#').count();
    if c.get(j + hashes) != Some(&'"') {
        return None;
    }
    let mut k = j + hashes + 1;
    while k < c.len() {
        if c[k] == '"' && c[k + 1..].iter().take(hashes).filter(|x| **x == '#').count() == hashes {
            return Some(k + 1 + hashes);
        }
        k += 1;
    }
    Some(c.len())
}

/// At a `'`: the index after a character literal (`'x'`, `'\n'`, `'\u{7b}'`), or `None` for a lifetime.
fn char_literal_end(c: &[char], i: usize) -> Option<usize> {
    match c.get(i + 1) {
        // `'\''` and `'\\'`: the escaped character is skipped before the closing quote is sought.
        Some('\\') => c.get(i + 3..)?.iter().position(|x| *x == '\'').map(|p| i + 3 + p + 1),
        Some(_) if c.get(i + 2) == Some(&'\'') => Some(i + 3),
        _ => None,
    }
}

#[test]
fn braces_in_strings_chars_and_comments_do_not_count() {
    let body = "    let x = 1;\n".repeat(3);
    let text = format!(
        "fn tricky<'a>(s: &'a str) -> char {{\n    let _ = \"}}\";\n    let _ = r#\"}} \" quote\"#;\n    let _ = '\\'';\n    // }} in a comment\n    /* }} /* nested }} */ */\n    let _ = '}}';\n    let _ = '\\u{{7d}}';\n{body}    '{{'\n}}\nfn next() {{}}\n"
    );
    let found = long_functions("t.rs", &text, 1);
    let lines: Vec<(usize, &str, usize)> = found.iter().map(|f| (f.line, f.name.as_str(), f.lines)).collect();
    assert_eq!(lines, vec![(1, "tricky", 13)]);
}

#[test]
fn declarations_headers_and_limits() {
    let text = "trait T {\n    fn declared(&self, x: [u8; 2]);\n    pub(crate) async fn body(&self) {\n        1;\n    }\n}\nfn untouched_fnord() {}\n";
    let found = long_functions("t.rs", text, 2);
    assert_eq!(found, vec![LongFunction { file: "t.rs".into(), line: 3, name: "body".into(), lines: 3 }]);
    assert!(long_functions("t.rs", text, 3).is_empty());
    assert_eq!(fn_name("    pub(super) const unsafe fn f_1<T>()"), Some("f_1".to_string()));
    assert_eq!(fn_name("    let f = fn_ptr;"), None);
    assert_eq!(fn_name("pubfn x()"), None);
}

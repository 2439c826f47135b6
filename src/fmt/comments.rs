//! Comments of a rule file, recovered from the source text: the parser drops
//! them, so the formatter finds them here (skipping string literals, which
//! may hold a `#`) and puts each back next to the code it was written beside.

/// One `# ...` comment.
#[derive(Clone, Debug)]
pub struct Comment {
    /// Byte offset of the `#`.
    pub start: usize,
    /// Byte offset of the end of the comment (before the line break).
    pub end: usize,
    /// The comment as written, without trailing white space.
    pub text: String,
}

/// Every comment in `text`, in source order.
pub fn scan(text: &str) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                // Skip the string literal, honouring `\"` and `\\`.
                while let Some((_, s)) = chars.next() {
                    match s {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '#' => {
                let mut end = text.len();
                while let Some(&(j, n)) = chars.peek() {
                    if n == '\n' {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                let raw = text.get(i..end).unwrap_or("").trim_end();
                comments.push(Comment { start: i, end: i + raw.len(), text: raw.to_string() });
            }
            _ => {}
        }
    }
    comments
}

/// Where the next code after `from` starts, skipping white space and comments.
pub fn next_code(text: &str, from: usize) -> usize {
    let mut in_comment = false;
    for (i, c) in text.get(from..).unwrap_or("").char_indices() {
        if in_comment {
            in_comment = c != '\n';
        } else if c == '#' {
            in_comment = true;
        } else if !c.is_whitespace() && c != '\u{FEFF}' {
            return from + i;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_but_not_hashes_in_strings() {
        let text = "a \"# no\" # yes \r\n  # own \"line\"\nb \"\\\"# still no\" #x";
        let found: Vec<String> = scan(text).into_iter().map(|c| c.text).collect();
        assert_eq!(found, vec!["# yes", "# own \"line\"", "#x"]);
    }

    #[test]
    fn next_code_skips_comments() {
        assert_eq!(next_code("x  # c {\n  {", 1), 11);
    }
}

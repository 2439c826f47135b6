//! Formatting = `passend fmt` on the whole document; refused (with the
//! reason) when the file has syntax errors or when the layout would change
//! its meaning, exactly as `fmt` refuses.

use crate::fmt::format_source;
use crate::source::SourceFile;

/// The formatted text, `Ok(None)` when it is already laid out, or why it cannot be formatted.
pub fn format(name: &str, text: &str) -> Result<Option<String>, String> {
    match format_source(&SourceFile::new(name, text)) {
        Ok(formatted) if formatted == text => Ok(None),
        Ok(formatted) => Ok(Some(formatted)),
        Err(problems) => {
            let first = problems.first().map(|p| {
                let (line, _) = p.source.line_col(p.span.start as usize);
                format!("regel {line}: {}", p.message)
            });
            Err(format!(
                "passend fmt maakt dit bestand niet op: {}{}",
                first.unwrap_or_default(),
                if problems.len() > 1 { format!(" (en {} andere problemen)", problems.len() - 1) } else { String::new() }
            ))
        }
    }
}

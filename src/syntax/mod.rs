//! Stage 1, parse: rule-file text -> syntax tree (`ast`). The only code that
//! touches pest.

pub mod ast;
pub(crate) mod hints;
mod parser;

pub use parser::{parse_file, MAX_FILE_SIZE, MAX_NESTING};

//! Stage 1, parse: rule-file text -> syntax tree (`ast`). The only code that
//! touches pest.

pub mod ast;
pub(crate) mod hints;
mod parser;
pub mod recover;

pub use parser::{MAX_FILE_SIZE, MAX_NESTING};
pub use recover::{parse_file, parse_recovering, Recovered};

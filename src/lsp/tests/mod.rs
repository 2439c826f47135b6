//! Unit tests per feature, on the bundled rule files.

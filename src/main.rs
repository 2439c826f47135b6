//! The `passend` command line: the library's `main_entry` (`src/cli`).

fn main() {
    std::process::exit(passend::main_entry());
}

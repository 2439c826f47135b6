//! The `passend` command line: thin commands over the library.

mod cli;

fn main() {
    std::process::exit(cli::run());
}

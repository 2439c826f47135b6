//! The tools of the command line, one module each, with the entry points a
//! program (or a test, bench or fuzz target) may call. They re-export items
//! of the crate's internal modules; everything not listed here is
//! `pub(crate)`. Every tool reads the checked program through an
//! [`Engine`](crate::Engine), and those that explain or compare decisions
//! read the evaluator's [`trace`](crate::trace).

/// `passend eval --ndjson`: a stream of dossiers in, one decision (or error)
/// per line out, in input order.
pub mod ndjson {
    pub use crate::decision::json::write_decision;
    pub use crate::engine::ndjson::{decide_into, local_today, run, Options, StreamError};
}

/// `passend lint`: findings about the content of the rules.
pub mod lint {
    pub use crate::lint::{lint, lint_files, render, Finding, Severity};
}

/// `passend fmt`: rule files in the fixed layout.
pub mod fmt {
    use crate::diagnostics::Problem;
    use crate::source::SourceFile;

    pub use crate::fmt::expr::WIDTH;
    pub use crate::fmt::{format_source, rule_files};

    /// The first stage alone: whether a rule file parses (before `check`).
    pub fn parse(source: &SourceFile) -> Result<(), Vec<Problem>> {
        crate::syntax::parse_file(source).map(drop)
    }

    /// The syntax tree of a rule file as `Debug` text (spans included), or
    /// why it does not parse: two files whose trees print the same apart
    /// from their spans say the same thing, which is what `fmt` promises.
    pub fn syntax_tree(source: &SourceFile) -> Result<String, Vec<Problem>> {
        crate::syntax::parse_file(source).map(|file| format!("{:#?}", file.blocks))
    }
}

/// `passend diff`: what changed between two versions of the rules, and
/// (with `--dossiers`) which decisions change.
pub mod diff {
    pub use crate::diff::impact::{bedrag_rules, impact, EXAMPLES};
    pub use crate::diff::model::{RegelWijziging, Wijziging};
    pub use crate::diff::source::load;
    pub use crate::diff::{analyse, diff, markdown, text, Analyse, AnalyseError, Getuige, Impact, LoadFailure, Loaded, ModelDiff, Modus, RegelImpact, RegelVerschil, Report};
}

/// `passend explain`: a decision with the reasons, for policy staff
/// ([`explain()`](explain::explain)) and for parents and schools ([`publiek()`](explain::publiek)).
pub mod explain {
    pub use crate::explain::publiek::{in_woorden, publiek, publiek_html, publiek_text, wat_als_html, Publiek, Voor};
    pub use crate::explain::vragen::{vragen, OpenVraag};
    pub use crate::explain::wat_als::{gives_ja, wat_is_nodig, Alternatief, Wijziging, MAX_ALTERNATIEVEN};
    pub use crate::explain::{explain, explain_json, explain_version, html, text, Niveau, RegelUitleg, Uitleg};
}

/// `passend test`: the example dossiers against the rules, and which rules
/// they cover (read from the trace).
pub mod coverage {
    pub use crate::coverage::check::case_problem;
    pub use crate::coverage::report::{text, Groep};
    pub use crate::coverage::{check, coverage, read_case, read_folder, run, run_case, Afwijking, Dekking, Onderdeel, Onleesbaar, Spoor, Uitslag, Voorbeeld};
}

/// `passend genereer`: reproducible example dossiers (for measurements and
/// `diff --dossiers`).
pub mod generate {
    pub use crate::generate::{dossier, dossiers, Generator};
}

/// `passend graph`: a region's workflows as a diagram.
pub mod graph {
    pub use crate::graph::{graph, wrap, Format};
}

/// `passend schema`: JSON Schemas of the dossier, the decision and the error.
pub mod schema {
    pub use crate::schema::{beslissing, dossier, fout};
}

/// `passend dekking`: which handbook sentences the rules cite.
pub mod ledger {
    pub use crate::ledger::inventory::Inventory;
    pub use crate::ledger::{check_version, citations, default_handbooks, find_handbook, Handbook, VersionReport};
}

/// `passend lsp`: the language server, and the requests its benchmarks and
/// tests call directly.
pub mod lsp {
    pub use crate::lsp::completion::complete;
    pub use crate::lsp::diagnostics::diagnose_set;
    pub use crate::lsp::hover::hover;
    pub use crate::lsp::run_stdio;
    pub use crate::lsp::workspace::{SetId, Workspace};
}

//! `passend lsp`: a Language Server Protocol server over stdio for rule
//! files, built on `lsp-server` (framing, initialize/shutdown) and
//! `lsp-types`. It works on the regions folder the editor opened, with the
//! open documents laid over the files on disk:
//!
//! - diagnostics from check and lint for every file of the edited rule set
//!   (`diagnostics`), debounced (`server`);
//! - hover with types, values, expressions, handbook citations and coverage
//!   (`hover`), completion (`completion`), go to definition and references
//!   (`navigation`), formatting = `passend fmt` (`formatting`), the outline
//!   (`symbols`) and a code lens per aanvraag with its voorbeelden (`codelens`).
//!
//! Every feature works on the tolerant parse (`syntax::recover`), so a
//! broken block does not hide the rest of the file. Everything a user reads is Dutch.

pub mod codelens;
pub mod completion;
pub mod diagnostics;
pub mod formatting;
pub mod hover;
pub mod locate;
pub mod navigation;
pub mod server;
pub mod symbols;
pub mod text;
pub mod workspace;

#[cfg(test)]
mod tests;

use lsp_server::Connection;
use lsp_types::{
    CodeLensOptions, CompletionOptions, HoverProviderCapability, InitializeParams, OneOf, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind,
};
use std::path::PathBuf;
use std::time::Duration;

/// How long the editor must be quiet after an edit before diagnostics run.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// What the server offers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), " ".into(), "\"".into(), "[".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
        ..ServerCapabilities::default()
    }
}

/// Serves one editor over stdin/stdout until it says `exit`. `regions` is
/// the `--regions` folder, if given.
pub fn run_stdio(regions: Option<PathBuf>) -> Result<(), server::ServerError> {
    let (connection, io_threads) = Connection::stdio();
    let caps = serde_json::to_value(capabilities())?;
    let init = connection.initialize(caps)?;
    let params: InitializeParams = serde_json::from_value(init)?;
    #[allow(deprecated)] // root_uri: older editors send only this
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| text::uri_to_path(&u));
    let root = server::find_root(regions, folder);
    let ws = workspace::Workspace::open(root);
    server::Server::new(&connection, ws, DEBOUNCE).run()?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

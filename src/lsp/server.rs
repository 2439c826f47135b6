//! The server loop: one thread, messages from `lsp-server`'s channel.
//! Edits only record the new text; diagnostics run when the editor has been
//! quiet for `debounce` (a freshly opened file is diagnosed at once).

use super::text::{path_to_uri, uri_to_path, LineIndex};
use super::workspace::{source_name, Workspace};
use super::{codelens, completion, diagnostics, formatting, hover, navigation, symbols};
use crate::engine::VOCABULARY;
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeLens, Command, CompletionResponse, Diagnostic, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolResponse, GotoDefinitionResponse, Hover, HoverContents, Location, MarkupContent, MarkupKind, MessageType, Position,
    PublishDiagnosticsParams, ShowMessageParams, TextDocumentPositionParams, TextEdit, Uri,
};
use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const INTERNAL: &str = "interne fout in de taalserver; dit verzoek is overgeslagen (meld het, met het bestand erbij)";

/// A protocol-level failure that ends the server.
pub type ServerError = Box<dyn std::error::Error + Send + Sync>;

/// The state of a running server.
pub struct Server<'c> {
    conn: &'c Connection,
    pub ws: Workspace,
    debounce: Duration,
    /// Files whose rule sets wait for fresh diagnostics, and when to run them.
    pending: BTreeSet<String>,
    deadline: Option<Instant>,
    /// The URI the editor uses for each key it opened.
    uris: HashMap<String, Uri>,
    /// `shutdown` was answered: only `exit` is expected now.
    shutting_down: bool,
}

impl<'c> Server<'c> {
    pub fn new(conn: &'c Connection, ws: Workspace, debounce: Duration) -> Server<'c> {
        Server { conn, ws, debounce, pending: BTreeSet::new(), deadline: None, uris: HashMap::new(), shutting_down: false }
    }

    /// Serves until `exit` or until the editor hangs up.
    pub fn run(&mut self) -> Result<(), ServerError> {
        loop {
            let message = match self.deadline {
                Some(d) => match self.conn.receiver.recv_deadline(d) {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match self.conn.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                None => self.publish_pending()?,
                Some(Message::Request(req)) => {
                    let id = req.id.clone();
                    if req.method == lsp_types::request::Shutdown::METHOD {
                        // Answer, then wait for `exit` (an editor that hangs up instead is done too).
                        self.shutting_down = true;
                        self.reply(id, ())?;
                        continue;
                    }
                    if self.shutting_down {
                        self.send(Response::new_err(id, ErrorCode::InvalidRequest as i32, "de taalserver stopt".to_string()))?;
                        continue;
                    }
                    // A request the server cannot read, or a fault in a feature, costs
                    // that one answer, never the session.
                    match std::panic::catch_unwind(AssertUnwindSafe(|| self.request(req))) {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => self.send(Response::new_err(id, ErrorCode::InvalidParams as i32, format!("verzoek niet begrepen: {e}")))?,
                        Err(_) => self.send(Response::new_err(id, ErrorCode::InternalError as i32, INTERNAL.to_string()))?,
                    }
                }
                Some(Message::Notification(n)) if n.method == lsp_types::notification::Exit::METHOD => {
                    // The protocol: exit code 0 after `shutdown`, 1 without it.
                    return if self.shutting_down { Ok(()) } else { Err("`exit` zonder `shutdown` ervoor".into()) };
                }
                Some(Message::Notification(n)) => {
                    let method = n.method.clone();
                    match std::panic::catch_unwind(AssertUnwindSafe(|| self.notification(n))) {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => self.log(&format!("bericht `{method}` niet begrepen: {e}"))?,
                        Err(_) => self.log(INTERNAL)?,
                    }
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn key_of(&mut self, uri: &Uri) -> String {
        let key = match uri_to_path(uri) {
            Some(path) => {
                self.find_root(&path);
                self.ws.key_for_path(&path)
            }
            None => uri.as_str().to_string(),
        };
        self.uris.insert(key.clone(), uri.clone());
        key
    }

    /// Without a regions folder yet: take the nearest folder above an opened file that holds the vocabulary.
    fn find_root(&mut self, path: &Path) {
        if self.ws.root.is_some() {
            return;
        }
        let Some(root) = path.ancestors().skip(1).find(|d| d.join(VOCABULARY).is_file()) else { return };
        let open: Vec<(String, String)> =
            self.ws.keys().filter(|k| self.ws.doc(k).is_some_and(|d| d.open)).filter_map(|k| self.ws.text(k).map(|t| (k.to_string(), t.to_string()))).collect();
        let mut ws = Workspace::open(Some(root.to_path_buf()));
        for (key, text) in open {
            let k = ws.key_for_path(Path::new(&key));
            ws.set_text(&k, &text, true);
        }
        self.ws = ws;
    }

    fn uri_of(&self, key: &str) -> Option<Uri> {
        self.uris.get(key).cloned().or_else(|| path_to_uri(&self.ws.path_of(key)))
    }

    fn schedule(&mut self, key: String, delay: Duration) {
        self.pending.insert(key);
        let at = Instant::now() + delay;
        // An edit pushes the run back (debounce); an opened file is not kept waiting.
        self.deadline = Some(match self.deadline {
            Some(d) if delay.is_zero() => d.min(at),
            _ => at,
        });
    }

    fn notification(&mut self, n: Notification) -> Result<(), ServerError> {
        match n.method.as_str() {
            lsp_types::notification::DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let key = self.key_of(&p.text_document.uri);
                self.ws.set_text(&key, &p.text_document.text, true);
                self.schedule(key, Duration::ZERO);
            }
            lsp_types::notification::DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let key = self.key_of(&p.text_document.uri);
                // Full synchronisation: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.ws.set_text(&key, &change.text, true);
                }
                let debounce = self.debounce;
                self.schedule(key, debounce);
            }
            lsp_types::notification::DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                let key = self.key_of(&p.text_document.uri);
                self.ws.close(&key);
                self.schedule(key, Duration::ZERO);
            }
            lsp_types::notification::DidChangeWatchedFiles::METHOD => {
                let p: lsp_types::DidChangeWatchedFilesParams = serde_json::from_value(n.params)?;
                for change in p.changes {
                    let key = self.key_of(&change.uri);
                    if self.ws.doc(&key).is_some_and(|d| d.open) {
                        continue; // the editor's text counts, not the disk's
                    }
                    self.ws.close(&key);
                    self.schedule(key, Duration::ZERO);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Runs check and lint for every rule set a pending file belongs to, and publishes.
    pub fn publish_pending(&mut self) -> Result<(), ServerError> {
        self.deadline = None;
        let pending = std::mem::take(&mut self.pending);
        let mut sets = BTreeSet::new();
        let mut singles = BTreeSet::new();
        for key in pending {
            if key == VOCABULARY {
                sets.extend(self.ws.sets());
                singles.insert(key);
            } else {
                match self.ws.set_of(&key) {
                    Some(set) => {
                        sets.insert(set);
                    }
                    None => {
                        singles.insert(key);
                    }
                }
            }
        }
        let mut all = diagnostics::ByFile::new();
        for set in &sets {
            all.extend(diagnostics::diagnose_set(&self.ws, set));
        }
        for key in &singles {
            all.extend(diagnostics::diagnose_single(&self.ws, key));
        }
        for (key, problems) in all {
            let Some(uri) = self.uri_of(&key) else { continue };
            let diagnostics: Vec<Diagnostic> = problems.iter().map(|(s, p)| diagnostics::to_lsp(&self.ws, *s, p)).collect();
            let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
            self.send(Notification::new(lsp_types::notification::PublishDiagnostics::METHOD.to_string(), params))?;
        }
        Ok(())
    }

    /// A line in the editor's log of this server.
    fn log(&self, message: &str) -> Result<(), ServerError> {
        let params = lsp_types::LogMessageParams { typ: MessageType::ERROR, message: message.to_string() };
        self.send(Notification::new(lsp_types::notification::LogMessage::METHOD.to_string(), params))
    }

    fn send(&self, message: impl Into<Message>) -> Result<(), ServerError> {
        self.conn.sender.send(message.into())?;
        Ok(())
    }

    fn reply<R: serde::Serialize>(&self, id: RequestId, result: R) -> Result<(), ServerError> {
        self.send(Response::new_ok(id, result))
    }

    /// The file key and byte offset of a position.
    fn at(&mut self, p: &TextDocumentPositionParams) -> Option<(String, usize)> {
        let key = self.key_of(&p.text_document.uri);
        let text = self.ws.text(&key)?.clone();
        let offset = LineIndex::new(&text).offset(&text, p.position);
        Some((key, offset))
    }

    fn location(&self, key: &str, span: crate::source::Span) -> Option<Location> {
        let text = self.ws.text(key)?;
        let range = LineIndex::new(text).range(text, span.start as usize, span.end as usize);
        Some(Location::new(self.uri_of(key)?, range))
    }

    fn request(&mut self, req: Request) -> Result<(), ServerError> {
        use lsp_types::request as r;
        let id = req.id.clone();
        match req.method.as_str() {
            r::HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(req.params)?;
                let result = self.at(&p.text_document_position_params).and_then(|(key, offset)| {
                    let (text, span) = hover::hover(&self.ws, &key, offset)?;
                    let doc = self.ws.text(&key)?;
                    let range = LineIndex::new(doc).range(doc, span.start as usize, span.end as usize);
                    Some(Hover { contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }), range: Some(range) })
                });
                self.reply(id, result)
            }
            r::Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(req.params)?;
                let items = self.at(&p.text_document_position).map(|(key, offset)| completion::complete(&self.ws, &key, offset)).unwrap_or_default();
                self.reply(id, CompletionResponse::Array(items))
            }
            r::GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = serde_json::from_value(req.params)?;
                let places = self.at(&p.text_document_position_params).map(|(k, o)| navigation::definition(&self.ws, &k, o)).unwrap_or_default();
                let locations: Vec<Location> = places.iter().filter_map(|(k, s)| self.location(k, *s)).collect();
                self.reply(id, GotoDefinitionResponse::Array(locations))
            }
            r::References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(req.params)?;
                let with_decl = p.context.include_declaration;
                let places = self.at(&p.text_document_position).map(|(k, o)| navigation::references(&self.ws, &k, o, with_decl)).unwrap_or_default();
                let locations: Vec<Location> = places.iter().filter_map(|(k, s)| self.location(k, *s)).collect();
                self.reply(id, locations)
            }
            r::Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = serde_json::from_value(req.params)?;
                let key = self.key_of(&p.text_document.uri);
                let Some(text) = self.ws.text(&key).cloned() else { return self.reply(id, Option::<Vec<TextEdit>>::None) };
                match formatting::format(&source_name(&key), &text) {
                    Ok(None) => self.reply(id, Vec::<TextEdit>::new()),
                    Ok(Some(formatted)) => {
                        let end = LineIndex::new(&text).position(&text, text.len());
                        let edit = TextEdit::new(lsp_types::Range::new(Position::new(0, 0), end), formatted);
                        self.reply(id, vec![edit])
                    }
                    Err(reason) => {
                        let show = ShowMessageParams { typ: MessageType::WARNING, message: reason.clone() };
                        self.send(Notification::new(lsp_types::notification::ShowMessage::METHOD.to_string(), show))?;
                        self.send(Response::new_err(id, ErrorCode::RequestFailed as i32, reason))
                    }
                }
            }
            r::DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = serde_json::from_value(req.params)?;
                let key = self.key_of(&p.text_document.uri);
                let outline = self.ws.parsed(&key).map(|parsed| symbols::outline(&parsed)).unwrap_or_default();
                self.reply(id, DocumentSymbolResponse::Nested(outline))
            }
            r::CodeLensRequest::METHOD => {
                let p: lsp_types::CodeLensParams = serde_json::from_value(req.params)?;
                let key = self.key_of(&p.text_document.uri);
                let Some(text) = self.ws.text(&key).cloned() else { return self.reply(id, Vec::<CodeLens>::new()) };
                let lines = LineIndex::new(&text);
                let lenses: Vec<CodeLens> = codelens::lenses(&self.ws, &key)
                    .into_iter()
                    .map(|(span, title)| CodeLens {
                        range: lines.range(&text, span.start as usize, span.end as usize),
                        command: Some(Command { title, command: String::new(), arguments: None }),
                        data: None,
                    })
                    .collect();
                self.reply(id, lenses)
            }
            _ => self.send(Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("onbekend verzoek `{}`", req.method))),
        }
    }
}

/// The regions folder: `--regions`, else `$PASSEND_REGIONS`, else `./regions`
/// when it holds the vocabulary, else the editor's workspace folder (or its
/// `regions` folder). `None`: found later from the first opened file.
pub fn find_root(regions: Option<PathBuf>, workspace: Option<PathBuf>) -> Option<PathBuf> {
    let holds = |d: &Path| d.join(VOCABULARY).is_file();
    if let Some(r) = regions.or_else(|| std::env::var_os("PASSEND_REGIONS").map(PathBuf::from)) {
        return Some(absolute(r));
    }
    if holds(Path::new("regions")) {
        return Some(absolute(PathBuf::from("regions")));
    }
    let w = workspace?;
    if holds(&w) {
        return Some(w);
    }
    let sub = w.join("regions");
    holds(&sub).then_some(sub)
}

fn absolute(p: PathBuf) -> PathBuf {
    std::fs::canonicalize(&p).unwrap_or(p)
}

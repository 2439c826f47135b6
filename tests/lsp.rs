//! `passend lsp` as an editor sees it: the binary started as a child process,
//! spoken to in LSP over stdio (framing by `lsp-server`'s `Message`), every
//! answer awaited with a timeout so that a hang fails the test. And `passend
//! check` on a file with three broken blocks reports three problems.

mod common;

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// Long enough for a debug build on a busy machine; a hang still fails.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Message>,
    next_id: i32,
    /// Notifications that arrived while waiting for something else.
    notifications: Vec<Notification>,
}

impl Client {
    fn start(regions: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
            .args(["lsp", "--regels"])
            .arg(regions)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("passend lsp start niet: {e}"));
        let stdin = child.stdin.take().unwrap_or_else(|| panic!("geen stdin"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("geen stdout"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, incoming, next_id: 0, notifications: Vec::new() }
    }

    fn send(&mut self, m: Message) {
        m.write(&mut self.stdin).unwrap_or_else(|e| panic!("schrijven naar de server: {e}"));
        self.stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(method.to_string(), params)));
    }

    fn next(&mut self) -> Message {
        self.incoming.recv_timeout(TIMEOUT).unwrap_or_else(|e| panic!("geen antwoord van de server binnen {TIMEOUT:?}: {e}"))
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(id.clone(), method.to_string(), params)));
        loop {
            match self.next() {
                Message::Response(r) if r.id == id => return r,
                Message::Notification(n) => self.notifications.push(n),
                _ => {}
            }
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.error.is_none(), "{method}: {:?}", r.error);
        r.result.unwrap_or(Value::Null)
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.notifications.iter().position(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri) {
            let n = self.notifications.remove(i);
            return n.params["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        loop {
            if let Message::Notification(n) = self.next() {
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                    return n.params["diagnostics"].as_array().cloned().unwrap_or_default();
                }
            }
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Line and UTF-16 column of the `nth` occurrence of `needle`, plus `plus` characters.
fn position(text: &str, needle: &str, nth: usize, plus: usize) -> Value {
    let offset = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap_or_else(|| panic!("`{needle}` niet gevonden")) + plus;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col: usize = before.rsplit('\n').next().unwrap_or("").chars().map(char::len_utf16).sum();
    json!({"line": line, "character": col})
}

fn regions() -> PathBuf {
    common::root().join("regions").canonicalize().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_editor_session_over_stdio() {
    let regions = regions();
    let file = regions.join("helmond-peelland/2023-2024/tlv.passend");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let doc = uri(&file);
    let mut c = Client::start(&regions);
    initialize(&mut c, &regions);
    let typo = open_and_misspell(&mut c, &doc, &text);
    hover_completion_and_references(&mut c, &doc, &typo);
    formatting(&mut c, &regions, &doc);
    outline_and_lenses(&mut c, &doc, &text);
    bad_requests_leave_the_session_going(&mut c, &doc);
    shutdown_and_exit(&mut c);
}

/// `initialize` announces every capability the server has; then `initialized`.
fn initialize(c: &mut Client, regions: &Path) {
    let init = c.result("initialize", json!({"processId": null, "rootUri": uri(regions), "capabilities": {}}));
    let caps = &init["capabilities"];
    for cap in ["hoverProvider", "completionProvider", "definitionProvider", "referencesProvider", "documentFormattingProvider", "documentSymbolProvider", "codeLensProvider"] {
        assert!(!caps[cap].is_null(), "{cap} ontbreekt: {caps}");
    }
    c.notify("initialized", json!({}));
}

/// Opens `doc` as on disk, then changes it to a text with a typo, which is returned.
fn open_and_misspell(c: &mut Client, doc: &str, text: &str) -> String {
    // Opened as on disk: no errors (lint's notes on final statuses are information, severity 3).
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": doc, "languageId": "passend", "version": 1, "text": text}}));
    let diags = c.diagnostics_for(doc);
    assert!(diags.iter().all(|d| d["severity"] == 3 && d["code"] == "passend::lint::eindstatus"), "{diags:?}");

    // A typo in a field name: one located problem with its code and a suggestion.
    let typo = text.replacen("voorwaarde school.planmatig_gewerkt", "voorwaarde school.planmatig_gewerk", 1);
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": typo}]}));
    let diags = c.diagnostics_for(doc);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "passend::onbekende_naam");
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(diags[0]["range"]["start"], position(&typo, "school.planmatig_gewerk", 0, 0));
    assert!(diags[0]["message"].as_str().unwrap_or("").contains("bedoel je `school.planmatig_gewerkt`?"), "{}", diags[0]["message"]);
    typo
}

fn hover_completion_and_references(c: &mut Client, doc: &str, typo: &str) {
    // Hover on a keuze field: its type and values.
    let hover = c.result("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": position(typo, "aanvraag.route = \"thuiszitter\"", 0, 10)}));
    let shown = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("**veld** `aanvraag.route`: een keuze uit `route`") && shown.contains("`\"thuiszitter\"`"), "{shown}");

    // Completion after `aanvraag.`: the fields of aanvraag.
    let items = c.result("textDocument/completion", json!({"textDocument": {"uri": doc}, "position": position(typo, "aanvraag.route = \"thuiszitter\"", 0, 9)}));
    let labels: Vec<&str> = items.as_array().into_iter().flatten().filter_map(|i| i["label"].as_str()).collect();
    for want in ["route", "soort", "ingediend_op", "compleet"] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }

    // Go to definition of a definitie used further down, and its references.
    let used = position(typo, "tlv_compleet_ingediend_op", 1, 3);
    let def = c.result("textDocument/definition", json!({"textDocument": {"uri": doc}, "position": used}));
    assert_eq!(def[0]["uri"], doc);
    assert_eq!(def[0]["range"]["start"], position(typo, "definitie tlv_compleet_ingediend_op", 0, 10));
    let refs = c.result("textDocument/references", json!({"textDocument": {"uri": doc}, "position": used, "context": {"includeDeclaration": true}}));
    let refs = refs.as_array().cloned().unwrap_or_default();
    let use_start = position(typo, "tlv_compleet_ingediend_op", 1, 0);
    assert!(refs.len() >= 2 && refs.iter().any(|r| r["range"]["start"] == use_start), "{refs:?}");
}

/// The file is laid out already; a messy new file gets one edit with `passend fmt`'s text.
fn formatting(c: &mut Client, regions: &Path, doc: &str) {
    let edits = c.result("textDocument/formatting", json!({"textDocument": {"uri": doc}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(edits, json!([]));
    let scratch = regions.join("helmond-peelland/2023-2024/zz-kladblok.passend");
    let scratch_uri = uri(&scratch);
    let messy = "parameter  plafond{waarde EUR 50000,00 # per jaar\nbron \"Vangnet\"}";
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": scratch_uri, "languageId": "passend", "version": 1, "text": messy}}));
    let edits = c.result("textDocument/formatting", json!({"textDocument": {"uri": scratch_uri}, "options": {"tabSize": 2, "insertSpaces": true}}));
    assert_eq!(edits[0]["newText"], "parameter plafond {\n  waarde € 50.000  # per jaar\n  bron \"Vangnet\"\n}\n");
    // A file that does not parse is refused, as `passend fmt` refuses it.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": scratch_uri, "version": 2}, "contentChanges": [{"text": "parameter p {\n  waarde (1\n}\n"}]}));
    let refused = c.request("textDocument/formatting", json!({"textDocument": {"uri": scratch_uri}, "options": {"tabSize": 2, "insertSpaces": true}}));
    let message = refused.error.map(|e| e.message).unwrap_or_default();
    assert!(message.starts_with("passend fmt maakt dit bestand niet op"), "{message}");
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": scratch_uri}}));
}

/// Outline and code lenses: while the typo is there, the voorbeelden cannot run; fixed, they can.
fn outline_and_lenses(c: &mut Client, doc: &str, text: &str) {
    let symbols = c.result("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}}));
    assert!(symbols.as_array().is_some_and(|s| s.iter().any(|s| s["name"] == "tlv_procedure")), "{symbols}");
    let lenses = c.result("textDocument/codeLens", json!({"textDocument": {"uri": doc}}));
    assert!(lenses[0]["command"]["title"].as_str().unwrap_or("").starts_with("voorbeelden niet uitgevoerd: de regels bevatten fouten"), "{lenses}");
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": text}]}));
    let lenses = c.result("textDocument/codeLens", json!({"textDocument": {"uri": doc}}));
    let titles: Vec<&str> = lenses.as_array().into_iter().flatten().filter_map(|l| l["command"]["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| t.starts_with("voorbeelden: ") && t.contains(" geslaagd, ") && t.ends_with(" %")), "{titles:?}");
}

/// A request it cannot read, or does not know, is answered with an error; the session goes on.
fn bad_requests_leave_the_session_going(c: &mut Client, doc: &str) {
    let bad = c.request("textDocument/hover", json!({"textDocument": 12}));
    assert!(bad.error.as_ref().is_some_and(|e| e.message.starts_with("verzoek niet begrepen")), "{:?}", bad.error);
    let unknown = c.request("textDocument/prepareCallHierarchy", json!({}));
    assert_eq!(unknown.error.map(|e| e.code), Some(-32601));
    let again = c.result("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}}));
    assert!(again.as_array().is_some_and(|s| !s.is_empty()));
}

/// Shutdown and exit: the process ends, successfully.
fn shutdown_and_exit(c: &mut Client) {
    let r = c.request("shutdown", Value::Null);
    assert!(r.error.is_none());
    c.notify("exit", Value::Null);
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "de server stopt niet na exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn check_reports_every_broken_block() {
    let dir = std::env::temp_dir().join(format!("passend-lsp-check-{}", std::process::id()));
    let set = dir.join("testregio/v1");
    std::fs::create_dir_all(&set).unwrap_or_else(|e| panic!("{e}"));
    let vocab = std::fs::read_to_string(regions().join("vocabulaire.toml")).unwrap_or_default().replacen("regio = [", "regio = [\"testregio\", ", 1);
    std::fs::write(dir.join("vocabulaire.toml"), vocab).unwrap_or_else(|e| panic!("{e}"));
    let text = "regio testregio {\n  naam \"T\"\n  handboek \"H\"\n  versie \"1\"\n  bron \"b\"\n  geldig_vanaf 2025-08-01\n}\n\n\
parameter a {\n  waarde € 750 +\n  bron \"b\"\n}\n\n\
definitie b {\n  waarde (1 + 2\n  bron \"c\"\n}\n\n\
definitie goed {\n  waarde 1\n  bron \"c\"\n}\n\n\
aanvraag tlv {\n  bron \"d\"\n  eis e {\n    tekst \"t\"\n    voorwaarde ja = = ja\n    bron \"e\"\n  }\n}\n";
    std::fs::write(set.join("a.passend"), text).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["check", "--message-format", "json"])
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<Value> = stderr.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<u64> = problems.iter().map(|p| p["line"].as_u64().unwrap_or(0)).collect();
    assert_eq!(problems.len(), 3, "{stderr}");
    assert!(problems.iter().all(|p| p["code"] == "passend::syntax"));
    // One in each broken block: lines 10-11, 15-16 and 28.
    assert!((10..=11).contains(&lines[0]) && (15..=16).contains(&lines[1]) && lines[2] == 28, "{lines:?}");
}

#[test]
fn the_vscode_extension_starts_the_language_server() {
    let root = common::root().join("editors");
    let package: Value = serde_json::from_str(&std::fs::read_to_string(root.join("package.json")).unwrap_or_default()).unwrap_or(Value::Null);
    let main = package["main"].as_str().unwrap_or("");
    let code = std::fs::read_to_string(root.join(main)).unwrap_or_default();
    assert!(code.contains(r#"const args = ["lsp"];"#) && code.contains(r#"get("pad")"#), "{main} starts `passend lsp`");
    assert_eq!(package["contributes"]["configuration"]["properties"]["passend.pad"]["default"], "passend");
    assert_eq!(package["activationEvents"][0], "onLanguage:passend");
    // The grammar stays: colours without the server.
    assert_eq!(package["contributes"]["grammars"][0]["path"], "./passend.tmLanguage.json");
    // npm packages are pinned.
    assert!(root.join("package-lock.json").is_file());
}

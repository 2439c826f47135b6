// VS Code extension for passend rule files: starts the language server
// `passend lsp` (diagnostics, hover, completion, go to definition,
// references, formatting, outline, code lenses). Colours come from the
// TextMate grammar in passend.tmLanguage.json, also without the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration("passend");
  const command = config.get("pad") || "passend";
  const args = ["lsp"];
  const regions = config.get("regions");
  if (regions) {
    args.push("--regels", regions);
  }
  return { command, args, transport: TransportKind.stdio };
}

async function start() {
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "passend" }, { scheme: "untitled", language: "passend" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.passend,vocabulaire.toml}") },
  };
  client = new LanguageClient("passend", "passend taalserver", serverOptions(), clientOptions);
  try {
    await client.start();
  } catch (err) {
    const pad = vscode.workspace.getConfiguration("passend").get("pad") || "passend";
    vscode.window.showErrorMessage(
      `De passend-taalserver start niet (${pad} lsp): ${err && err.message ? err.message : err}. ` +
        "Zet het pad naar het programma passend in de instelling 'passend.pad'."
    );
  }
}

async function activate(context) {
  await start();
  context.subscriptions.push(
    vscode.commands.registerCommand("passend.herstart", async () => {
      if (client) {
        await client.stop();
      }
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("passend.pad") || e.affectsConfiguration("passend.regions")) {
        await vscode.commands.executeCommand("passend.herstart");
      }
    })
  );
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

-- Tried by hand: Neovim's own LSP client (0.7+) against `passend lsp`, headless:
--   PASSEND_BIN=target/debug/passend REGIONS=$PWD/regions nvim --headless -u NONE -c "luafile editors/neovim/proef.lua"
-- writes what each feature answered to $UIT (default passend-lsp-proef.txt).
local out = {}
local function log(...) table.insert(out, table.concat(vim.tbl_map(tostring, {...}), " ")) end
local bin = os.getenv("PASSEND_BIN")
local regions = os.getenv("REGIONS")
local file = regions .. "/helmond-peelland/2023-2024/tlv.passend"
vim.cmd("edit " .. file)
vim.bo.filetype = "passend"
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "passend", cmd = { bin, "lsp" }, root_dir = regions })
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)
vim.wait(20000, function() return client.initialized end, 50)
log("initialized", client.initialized)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
log("diagnostics on open", #vim.diagnostic.get(buf))
for _, d in ipairs(vim.diagnostic.get(buf)) do log("  ", d.lnum + 1, d.severity, d.message:gsub("\n", " | ")) end
-- a typo on the line of `voorwaarde school.planmatig_gewerkt`
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local target
for i, l in ipairs(lines) do if l:find("voorwaarde school.planmatig_gewerkt", 1, true) then target = i break end end
local col = lines[target]:find("gewerkt", 1, true)
vim.api.nvim_buf_set_text(buf, target - 1, col + 5, target - 1, col + 6, {})
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.severity == 1 then return true end end
  return false
end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.severity == 1 then log("after typo:", d.lnum + 1, d.col + 1, d.message:gsub("\n", " | ")) end
end
-- hover on `aanvraag.route`
for i, l in ipairs(lines) do
  local c = l:find("aanvraag.route = ", 1, true)
  if c then
    local r = vim.lsp.buf_request_sync(buf, "textDocument/hover", { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = i - 1, character = c + 10 } }, 10000)
    for _, res in pairs(r or {}) do log("hover:", (res.result and res.result.contents.value or "?"):gsub("\n", " | ")) end
    local comp = vim.lsp.buf_request_sync(buf, "textDocument/completion", { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = i - 1, character = c + 8 } }, 10000)
    for _, res in pairs(comp or {}) do
      local labels = {}
      for _, it in ipairs(res.result or {}) do table.insert(labels, it.label) end
      log("completion after aanvraag.:", #labels, table.concat(labels, ","):sub(1, 120))
    end
    break
  end
end
-- definition of a definitie use
for i, l in ipairs(lines) do
  local c = l:find("tlv_compleet_ingediend_op", 1, true)
  if c and not l:find("^definitie") then
    local r = vim.lsp.buf_request_sync(buf, "textDocument/definition", { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = i - 1, character = c + 2 } }, 10000)
    for _, res in pairs(r or {}) do for _, loc in ipairs(res.result or {}) do log("definition:", loc.uri:match("[^/]+$"), loc.range.start.line + 1) end end
    local refs = vim.lsp.buf_request_sync(buf, "textDocument/references", { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = i - 1, character = c + 2 }, context = { includeDeclaration = false } }, 10000)
    for _, res in pairs(refs or {}) do log("references:", #(res.result or {})) end
    break
  end
end
local sym = vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 10000)
for _, res in pairs(sym or {}) do log("symbols:", #(res.result or {})) end
-- undo the typo, code lenses
vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
vim.wait(1000)
local lens = vim.lsp.buf_request_sync(buf, "textDocument/codeLens", { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 20000)
for _, res in pairs(lens or {}) do for _, l in ipairs(res.result or {}) do log("code lens line", l.range.start.line + 1, l.command.title) end end
-- formatting: mess up one line's indentation, format, compare
vim.api.nvim_buf_set_lines(buf, target - 1, target, false, { "      " .. vim.trim(lines[target]) })
vim.lsp.buf.formatting_sync(nil, 10000)
local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
log("formatting restores the layout:", vim.deep_equal(after, lines))
vim.lsp.stop_client(id)
vim.fn.writefile(out, os.getenv("UIT") or "passend-lsp-proef.txt")
vim.cmd("qall!")

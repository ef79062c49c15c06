-- Drives a real Neovim (0.7+) through the secretzero scenarios of test/editors/neovim.test.ts.
-- init.lua (written by the test) has already started the language server with the built-in
-- client and exposes it as _G.secretzero; this script opens each fixture, waits for the pushed
-- diagnostics, asks for code actions, applies some, and writes everything it saw as JSON to
-- spec.out. It never decides pass/fail: the test reads the JSON and asserts.
--
-- Waiting is always a poll (vim.wait with a predicate), never a fixed sleep. A wait ends when
-- the expected rule codes are all present, or when the server has published diagnostics for the
-- buffer's current version (the push carries every finding of that version at once, so nothing
-- more will come); the timeout is only a backstop.

local sz = _G.secretzero
local spec = vim.fn.json_decode(vim.fn.readfile(vim.env.SECRETZERO_NVIM_SPEC))
local started = vim.loop.hrtime()
local result = { version = vim.version(), files = {}, actions = {}, errors = {} }

local function ms_since(t) return math.floor((vim.loop.hrtime() - t) / 1e6) end

local function client() return vim.lsp.get_client_by_id(sz.client_id) end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  return out
end

local function has_all(have, want)
  local set = {}
  for _, c in ipairs(have) do set[c] = true end
  for _, c in ipairs(want) do if not set[c] then return false end end
  return true
end

-- The version Neovim last sent for the buffer (its changedtick; `util.buf_versions` up to 0.10).
local function buf_version(buf)
  local versions = vim.lsp.util.buf_versions
  return versions and versions[buf] or vim.api.nvim_buf_get_changedtick(buf)
end

local function published_current(buf)
  local p = sz.published[vim.uri_from_bufnr(buf)]
  return p ~= nil and p.version ~= nil and p.version == buf_version(buf)
end

-- The line's diagnostics in LSP form, as `vim.lsp.buf.code_action()` sends them.
local function lsp_line_diagnostics(buf, lnum)
  if vim.lsp.diagnostic.get_line_diagnostics then
    return vim.lsp.diagnostic.get_line_diagnostics(buf, lnum, {}, sz.client_id)
  end
  return vim.tbl_map(function(d) return d.user_data.lsp end,
    vim.diagnostic.get(buf, { lnum = lnum, namespace = vim.lsp.diagnostic.get_namespace(sz.client_id) }))
end

--- Waits until `want` are all present or the current version's push arrived.
local function wait_diagnostics(buf, want, timeout)
  local t = vim.loop.hrtime()
  local ok = vim.wait(timeout, function()
    return has_all(codes(buf), want) or published_current(buf)
  end, 10)
  return ok, ms_since(t)
end

-- What Neovim holds, field by field (0.7 keeps the LSP code both in `code` and in the
-- deprecated `user_data.lsp.code`; both are recorded so the test can tell).
local function snapshot(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    out[#out + 1] = {
      code = d.code, userDataCode = lsp.code, source = d.source, message = d.message,
      severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      data = lsp.data ~= nil and vim.fn.json_encode(lsp.data) or vim.NIL,
    }
  end
  return out
end

local function lines(buf) return vim.api.nvim_buf_get_lines(buf, 0, -1, false) end

-- Server start-up (node loading the bundle) is the one slow step on a busy machine: wait for it
-- on its own budget so the per-file waits below measure only analysis.
local t_start = vim.loop.hrtime()
result.initialized = vim.wait(spec.startTimeoutMs, function()
  local c = client()
  return c ~= nil and c.initialized == true
end, 10)
result.startMs = ms_since(t_start)

local bufs = {}

for _, f in ipairs(spec.files) do
  local ok, err = pcall(function()
    vim.cmd('edit ' .. vim.fn.fnameescape(f.path))
    local buf = vim.api.nvim_get_current_buf()
    bufs[f.name] = buf
    local done, waited = wait_diagnostics(buf, f.expect, spec.timeoutMs)
    result.files[f.name] = {
      filetype = vim.bo[buf].filetype,
      attached = vim.lsp.buf_is_attached(buf, sz.client_id),
      settled = done, waitedMs = waited, publishedCurrent = published_current(buf),
      diagnostics = snapshot(buf),
    }
  end)
  if not ok then result.errors[#result.errors + 1] = f.name .. ': ' .. tostring(err) end
end

-- Code actions the way `vim.lsp.buf.code_action()` asks for them: the line's diagnostics in LSP
-- form, then the chosen action's edit applied with the client's offset encoding.
for _, a in ipairs(spec.actions) do
  local rec = { file = a.file, code = a.code }
  result.actions[#result.actions + 1] = rec
  local ok, err = pcall(function()
    local buf = assert(bufs[a.file], 'buffer not opened: ' .. a.file)
    local c = client()
    local diag
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == a.code then diag = d break end
    end
    if not diag then rec.error = 'no ' .. a.code .. ' diagnostic to act on' return end
    local lsp_diags = vim.tbl_filter(function(d) return d.code == a.code end, lsp_line_diagnostics(buf, diag.lnum))
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = lsp_diags[1].range,
      context = { diagnostics = lsp_diags },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, spec.timeoutMs) or {}
    local resp = responses[sz.client_id] or {}
    if resp.err or resp.error then rec.error = vim.inspect(resp.err or resp.error) return end
    local actions = resp.result or {}
    rec.titles = vim.tbl_map(function(x) return x.title end, actions)
    local chosen
    for _, x in ipairs(actions) do
      if x.title:find(a.titleIncludes, 1, true) then chosen = x break end
    end
    if not chosen then rec.error = 'no action titled *' .. a.titleIncludes .. '*' return end
    rec.chosen = chosen.title
    rec.isPreferred = chosen.isPreferred == true
    rec.editForm = chosen.edit and (chosen.edit.documentChanges and 'documentChanges' or 'changes') or 'none'
    vim.lsp.util.apply_workspace_edit(chosen.edit, c.offset_encoding or 'utf-16')
    rec.lines = lines(buf)
    for _, p in ipairs(a.alsoRead or {}) do
      local b = vim.fn.bufnr(p)
      rec.also = rec.also or {}
      rec.also[p] = b ~= -1 and lines(b) or vim.NIL
    end
    -- The edit changed the buffer: Neovim sends didChange, the server pushes the new version.
    local t = vim.loop.hrtime()
    rec.republished = vim.wait(spec.timeoutMs, function() return published_current(buf) end, 10)
    rec.republishMs = ms_since(t)
    rec.codesAfter = codes(buf)
    rec.diagnosticsAfter = snapshot(buf)
  end)
  if not ok then rec.error = tostring(err) end
end

result.totalMs = ms_since(started)
result.offsetEncoding = client() and client().offset_encoding or vim.NIL

if client() then
  vim.lsp.stop_client(sz.client_id)
  vim.wait(3000, function() return client() == nil end, 10)
end
vim.fn.writefile({ vim.fn.json_encode(result) }, spec.out)
vim.cmd('qa!')

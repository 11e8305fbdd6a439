--- bpy-lsp for Neovim: options, which buffers are served, and the buffer commands
--- (:BpyRun, :BpyRender, :BpyGenerate, :BpyRefine, :BpyBlender, :BpyCancel) made on attach.
--- `lsp/bpy_lsp.lua` is the server config; `setup()` is optional.
local M = {}

M.root_markers = { 'bpy-lsp.toml', 'blender_manifest.toml', '.git' }

M.defaults = {
  --- The server command; nil: `server_path`, else `bpy-lsp` on PATH, else ~/.cargo/bin/bpy-lsp.
  cmd = nil,
  server_path = nil,
  --- Which Python buffers bpy-lsp serves: 'blender' (files that import bpy/bmesh/mathutils,
  --- and files in a Blender project folder), 'imports' (only the importing ones), 'all'.
  files = 'blender',
  --- Call vim.lsp.enable('bpy_lsp') in setup().
  enable = true,
  --- LSP settings (the same keys as VS Code's bpyLsp.* and bpy-lsp.toml).
  settings = { bpyLsp = {} },
  render = { views = 4, resolution = 256, samples = 16 },
  preview = {
    --- 'auto' (snacks.nvim, then image.nvim, then `viewer`, then the paths), 'snacks', 'image',
    --- 'viewer' or 'paths'.
    backend = 'auto',
    --- A command that opens image files, e.g. { 'feh' } or { 'xdg-open' }; the paths are appended.
    viewer = nil,
    --- Open the preview when a render arrives.
    open = true,
  },
}

M.config = vim.deepcopy(M.defaults)

local COMMANDS = {
  run = 'bpy-lsp.runInBlender',
  render = 'bpy-lsp.renderPreview',
  generate = 'bpy-lsp.generate',
  refine = 'bpy-lsp.refine',
  start = 'bpy-lsp.blender.start',
  stop = 'bpy-lsp.blender.stop',
  status = 'bpy-lsp.blender.status',
}
M.commands = COMMANDS

--- JSON null arrives as vim.NIL, which is truthy.
local function nn(v)
  if v == vim.NIL then
    return nil
  end
  return v
end
M.nn = nn

local function notify(msg, level)
  vim.notify('bpy-lsp: ' .. msg, level or vim.log.levels.INFO)
end

--- The bpy-lsp binary: the option, PATH, ~/.cargo/bin; nil when none exists.
function M.server_path()
  local c = M.config
  if c.server_path and c.server_path ~= '' then
    return vim.fs.normalize(c.server_path)
  end
  local on_path = vim.fn.exepath('bpy-lsp')
  if on_path ~= '' then
    return on_path
  end
  local cargo = vim.fs.normalize((vim.env.CARGO_HOME or '~/.cargo') .. '/bin/bpy-lsp')
  if vim.uv.fs_stat(cargo) then
    return cargo
  end
  return nil
end

function M.cmd()
  if M.config.cmd then
    return M.config.cmd
  end
  return { M.server_path() or 'bpy-lsp', 'serve' }
end

function M.env()
  local rag = vim.tbl_get(M.config.settings or {}, 'bpyLsp', 'rag', 'enabled')
  if rag == false then
    return { BPY_LSP_RAG = 'off' }
  end
  return nil
end

-- Which buffers are served ----------------------------------------------------------------

local IMPORT = { '^%s*import%s+bpy', '^%s*import%s+bmesh', '^%s*import%s+mathutils', '^%s*from%s+bpy[%.%s]',
  '^%s*from%s+bmesh[%.%s]', '^%s*from%s+mathutils[%.%s]' }

function M.imports_blender(lines)
  for _, line in ipairs(lines) do
    for _, pat in ipairs(IMPORT) do
      local s, e = line:find(pat)
      if s then
        local after = line:sub(e + 1, e + 1)
        -- `import bpy_extras` is not `import bpy`.
        if after == '' or not after:match('[%w_]') then
          return true
        end
      end
    end
  end
  return false
end

-- Not cached: a marker may appear at any time, and a dozen stats per opened buffer are cheap.
local function folder_marks(dir)
  local yes = vim.uv.fs_stat(dir .. '/blender_manifest.toml') ~= nil or vim.uv.fs_stat(dir .. '/bpy-lsp.toml') ~= nil
  if not yes then
    local f = io.open(dir .. '/__init__.py', 'r')
    if f then
      local head = f:read(65536) or ''
      f:close()
      yes = head:find('\nbl_info%s*=') ~= nil or head:find('^bl_info%s*=') ~= nil
    end
  end
  return yes
end

function M.in_blender_project(path)
  if path == '' then
    return false
  end
  local n = 0
  for dir in vim.fs.parents(path) do
    if folder_marks(dir) then
      return true
    end
    n = n + 1
    if n >= 12 then
      break
    end
  end
  return false
end

function M.serves(bufnr)
  local files = M.config.files
  if files == 'all' then
    return true
  end
  if M.imports_blender(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) then
    return true
  end
  return files == 'blender' and M.in_blender_project(vim.api.nvim_buf_get_name(bufnr))
end

local function root_of(bufnr)
  return vim.fs.root(bufnr, M.root_markers) or vim.fn.getcwd()
end

--- root_dir of the server config: a root only for served buffers.
function M.root_dir(bufnr, on_dir)
  if M.serves(bufnr) then
    on_dir(root_of(bufnr))
    return
  end
  -- Not (yet) a Blender file: look again when it is written or insert mode ends.
  vim.api.nvim_create_autocmd({ 'BufWritePost', 'InsertLeave' }, {
    buffer = bufnr,
    group = vim.api.nvim_create_augroup('bpy_lsp_recheck_' .. bufnr, { clear = true }),
    callback = function(ev)
      if M.serves(ev.buf) then
        vim.api.nvim_del_augroup_by_name('bpy_lsp_recheck_' .. ev.buf)
        local cfg = vim.deepcopy(vim.lsp.config.bpy_lsp)
        cfg.root_dir = root_of(ev.buf)
        vim.lsp.start(cfg, { bufnr = ev.buf })
      end
    end,
  })
end

-- Progress and cancellation ---------------------------------------------------------------

--- Progress tokens that have begun and not ended, by client id.
M.active = {}

vim.api.nvim_create_autocmd('LspProgress', {
  group = vim.api.nvim_create_augroup('bpy_lsp_progress', { clear = true }),
  callback = function(ev)
    local data = ev.data or {}
    local params = data.params or {}
    local value = params.value or {}
    if params.token == nil or type(value) ~= 'table' then
      return
    end
    local act = M.active[data.client_id] or {}
    M.active[data.client_id] = act
    if value.kind == 'begin' then
      act[params.token] = value.title or 'bpy-lsp'
    elseif value.kind == 'end' then
      act[params.token] = nil
    end
  end,
})

-- Commands --------------------------------------------------------------------------------

function M.client(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'bpy_lsp' })[1]
end

local function offers(client, command)
  local p = client.server_capabilities and client.server_capabilities.executeCommandProvider
  return p and vim.tbl_contains(p.commands or {}, command)
end

--- Run a server command for a buffer; `done(err, result)` afterwards. Fires the User
--- autocmd `BpyLspCommandDone` with { command, result, err }.
function M.exec(bufnr, command, arguments, done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    notify('not attached to this buffer (see :checkhealth bpy_lsp)', vim.log.levels.ERROR)
    return
  end
  if not offers(client, command) then
    local version = client.server_info and client.server_info.version or '?'
    notify(('bpy-lsp %s does not offer %s yet: update the server'):format(version, command), vim.log.levels.WARN)
    return
  end
  local finished = false
  local function finish(err, result)
    if finished then
      return
    end
    finished = true
    if done then
      done(err, result)
    end
    vim.api.nvim_exec_autocmds('User', {
      pattern = 'BpyLspCommandDone',
      data = { command = command, result = result, err = err },
    })
  end
  local ok, request_id = client:request('workspace/executeCommand', { command = command, arguments = arguments }, finish, bufnr)
  if not ok or not request_id then
    return
  end
  -- Neovim never hands a RequestCancelled answer (:BpyCancel) to the callback; the request
  -- still completes, so finish as cancelled when no answer followed.
  vim.api.nvim_create_autocmd('LspRequest', {
    callback = function(ev)
      local d = ev.data or {}
      if d.client_id ~= client.id or d.request_id ~= request_id or not d.request or d.request.type ~= 'complete' then
        return
      end
      vim.defer_fn(function()
        finish({ code = -32800, message = 'cancelled' }, nil)
      end, 100)
      return true
    end,
  })
end

local function report_run(err, r)
  r = nn(r)
  if err then
    notify(err.message or tostring(err), vim.log.levels.ERROR)
  elseif r and r.ok and not nn(r.renderError) then
    notify(('Blender: done in %.2f s'):format(nn(r.duration) or 0))
  elseif r then
    local e = nn(r.error)
    local line = e and nn(e.line)
    local what = e and ('%s: %s%s'):format(e.type, e.message, line and (' (line %d)'):format(line + 1) or '')
      or ('render failed: ' .. tostring(nn(r.renderError)))
    notify('Blender: ' .. what, vim.log.levels.WARN)
  end
end

local function report_agent(err, r)
  r = nn(r)
  if err then
    notify(err.message or tostring(err), vim.log.levels.ERROR)
  elseif r then
    local msg = nn(r.message) or (r.applied and 'applied' or 'not applied')
    if not r.applied and nn(r.draft) then
      msg = msg .. ' (draft: ' .. r.draft .. ')'
    end
    notify(msg, r.applied and vim.log.levels.INFO or vim.log.levels.WARN)
  end
end

--- "Blender 4.4.0 (headless) · target 4.4" for a status object.
function M.format_status(s)
  if type(s) ~= 'table' then
    return 'Blender: unknown'
  end
  local conn = s.connection == 'none' and 'no Blender'
    or ('Blender %s (%s)'):format(nn(s.version) or '?', s.connection == 'gui' and 'GUI' or 'headless')
  local address, source = nn(s.address), nn(s.targetSource)
  return ('%s%s · target %s%s'):format(conn, address and (' at ' .. address) or '', nn(s.target) or '?',
    source and (' (from ' .. source .. ')') or '')
end

--- The last `bpy/status` by client id; M.statusline() for the current buffer's.
M.status = {}

function M.statusline()
  local c = M.client(0)
  return c and M.status[c.id] and M.format_status(M.status[c.id]) or ''
end

--- The comment line :BpyGenerate starts from: the cursor's, else the nearest one above it.
function M.comment_line(bufnr, line)
  local lines = vim.api.nvim_buf_get_lines(bufnr, math.max(0, line - 50), line + 1, false)
  local first = math.max(0, line - 50)
  for i = #lines, 1, -1 do
    local text = vim.trim(lines[i])
    if text:sub(1, 1) == '#' then
      return first + i - 1
    end
    if i ~= #lines and text ~= '' then
      break
    end
  end
  return nil
end

function M.run(bufnr)
  M.exec(bufnr, COMMANDS.run, { { uri = vim.uri_from_bufnr(bufnr) } }, report_run)
end

function M.render(bufnr)
  local r = M.config.render
  local opts = { views = r.views, resolution = r.resolution, samples = r.samples }
  local first = vim.tbl_extend('force', { uri = vim.uri_from_bufnr(bufnr) }, opts)
  M.exec(bufnr, COMMANDS.render, { first, opts }, report_run)
end

function M.generate(bufnr, line)
  local l = M.comment_line(bufnr, line)
  if not l then
    notify('put the cursor on a comment that describes the asset, e.g. "# a wooden chair"', vim.log.levels.WARN)
    return
  end
  M.exec(bufnr, COMMANDS.generate, { { uri = vim.uri_from_bufnr(bufnr), line = l } }, report_agent)
end

--- Refine lines line1..line2 (1-based, inclusive) with `instruction` (nil: ask; '' : the
--- `# refine:` comment).
function M.refine(bufnr, line1, line2, instruction)
  local function go(text)
    local last = vim.api.nvim_buf_get_lines(bufnr, line2 - 1, line2, false)[1] or ''
    local arg = {
      uri = vim.uri_from_bufnr(bufnr),
      range = { start = { line = line1 - 1, character = 0 }, ['end'] = { line = line2 - 1, character = #last } },
    }
    if text and vim.trim(text) ~= '' then
      arg.instruction = vim.trim(text)
    end
    M.exec(bufnr, COMMANDS.refine, { arg }, report_agent)
  end
  if instruction then
    go(instruction)
  else
    vim.ui.input({ prompt = 'Refine (empty: the # refine: comment): ' }, function(text)
      if text ~= nil then
        go(text)
      end
    end)
  end
end

function M.blender(bufnr, what)
  local command = COMMANDS[what]
  if not command or (what ~= 'start' and what ~= 'stop' and what ~= 'status') then
    notify('usage: :BpyBlender {start|status|stop}', vim.log.levels.ERROR)
    return
  end
  M.exec(bufnr, command, {}, function(err, r)
    if err then
      notify(err.message or tostring(err), vim.log.levels.ERROR)
    else
      local c = M.client(bufnr)
      r = nn(r)
      if c and type(r) == 'table' then
        M.status[c.id] = r
      end
      notify(M.format_status(r))
    end
  end)
end

function M.cancel(bufnr)
  local client = M.client(bufnr)
  local act = client and M.active[client.id] or {}
  local n = 0
  for token, title in pairs(act) do
    client:notify('window/workDoneProgress/cancel', { token = token })
    notify('cancelling ' .. title)
    n = n + 1
  end
  if n == 0 then
    notify('nothing to cancel')
  end
end

-- Handlers and attach ---------------------------------------------------------------------

M.handlers = {
  ['bpy/preview'] = function(_, result)
    if result then
      require('bpy_lsp.preview').show(result, M.config.preview)
    end
  end,
  ['bpy/status'] = function(_, result, ctx)
    M.status[ctx.client_id] = result
    vim.api.nvim_exec_autocmds('User', { pattern = 'BpyLspStatus', data = result })
  end,
}

function M.on_attach(_, bufnr)
  local function cmd(name, f, opts)
    vim.api.nvim_buf_create_user_command(bufnr, name, f, opts or {})
  end
  cmd('BpyRun', function() M.run(bufnr) end, { desc = 'bpy-lsp: run the buffer in Blender' })
  cmd('BpyRender', function() M.render(bufnr) end, { desc = 'bpy-lsp: run and render previews' })
  cmd('BpyGenerate', function()
    M.generate(bufnr, vim.api.nvim_win_get_cursor(0)[1] - 1)
  end, { desc = 'bpy-lsp: generate an asset from the comment at the cursor' })
  cmd('BpyRefine', function(o)
    M.refine(bufnr, o.line1, o.line2, o.args ~= '' and o.args or nil)
  end, { range = true, nargs = '*', desc = 'bpy-lsp: refine the lines with the agent' })
  cmd('BpyBlender', function(o) M.blender(bufnr, o.args) end, {
    nargs = 1,
    complete = function() return { 'start', 'status', 'stop' } end,
    desc = 'bpy-lsp: start, stop or show the Blender connection',
  })
  cmd('BpyCancel', function() M.cancel(bufnr) end, { desc = 'bpy-lsp: cancel what bpy-lsp is doing' })
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  vim.lsp.config('bpy_lsp', {
    cmd = M.cmd(),
    cmd_env = M.env(),
    settings = M.config.settings,
  })
  if M.config.enable then
    vim.lsp.enable('bpy_lsp')
  end
end

return M

-- End-to-end test of editors/neovim in a real headless Neovim with the real server
-- (target/release/bpy-lsp) and a real headless Blender (BPY_LSP_BLENDER_PYTHON).
-- Run by tests/e2e/nvim/run.sh:
--   nvim --headless --clean --cmd 'set rtp^=editors/neovim' -c 'luafile tests/e2e/nvim/test_bpy_lsp.lua'
-- Exits 0 when every check passed, 1 otherwise; prints one line per check.
local root = assert(vim.env.BPY_LSP_REPO, 'BPY_LSP_REPO must be the repository root')
local work = assert(vim.env.E2E_WORK, 'E2E_WORK must be a scratch folder')
local artifacts = vim.env.E2E_ARTIFACTS or work
local passed, failed = 0, 0
local notes = {}

-- Capture notifications: the plugin reports outcomes through vim.notify.
local notified = {}
vim.notify = function(msg, level)
  notified[#notified + 1] = { msg = msg, level = level }
  io.stdout:write('  notify: ' .. msg .. '\n')
end

local t_start = vim.uv.hrtime()
local function check(name, ok, detail)
  name = ('%s [%.1f s]'):format(name, (vim.uv.hrtime() - t_start) / 1e9)
  if ok then
    passed = passed + 1
    io.stdout:write('ok   ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
end

local function finish()
  io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
  vim.fn.writefile(notes, artifacts .. '/nvim-transcript.txt')
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop(true)
  end
  vim.wait(3000, function() return #vim.lsp.get_clients() == 0 end, 50)
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end

local function write(path, lines)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  vim.fn.writefile(lines, path)
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function attached(buf, ms)
  vim.wait(ms or 15000, function() return require('bpy_lsp').client(buf) ~= nil end, 20)
  return require('bpy_lsp').client(buf)
end

--- Run an Ex command and wait for the plugin's BpyLspCommandDone event for `command`.
local function run_and_wait(ex, command, ms)
  local done
  local id = vim.api.nvim_create_autocmd('User', {
    pattern = 'BpyLspCommandDone',
    callback = function(ev)
      if ev.data.command == command then
        done = ev.data
      end
    end,
  })
  vim.cmd(ex)
  vim.wait(ms or 90000, function() return done ~= nil end, 50)
  vim.api.nvim_del_autocmd(id)
  return done
end

-- Every LSP progress event, as fidget.nvim or a statusline sees them.
local progress = {}
vim.api.nvim_create_autocmd('LspProgress', {
  callback = function(ev)
    local v = ev.data.params.value
    progress[#progress + 1] = { kind = v.kind, title = v.title, message = v.message, status = vim.lsp.status() }
  end,
})

local ok, err = xpcall(function()
  -- Exactly the README's no-plugin-manager steps: the plugin on the runtimepath and
  -- vim.lsp.enable (bpy-lsp is found on PATH).
  vim.lsp.enable('bpy_lsp')

  -- 1. A file that imports bpy attaches; completion after `bpy.ops.mesh.`.
  local scene = work .. '/project/scene.py'
  write(scene, { 'import bpy', '', 'bpy.ops.mesh.' })
  local buf = open(scene)
  local client = attached(buf)
  check('attaches to a file that imports bpy', client ~= nil)
  if not client then
    return
  end
  check('server is bpy-lsp', client.server_info and client.server_info.name == 'bpy-lsp',
    vim.inspect(client.server_info))
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 2, character = 13 } }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000) or {}
  local labels = {}
  for _, r in pairs(res) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      labels[#labels + 1] = item.label
    end
  end
  check('completion at bpy.ops.mesh. lists primitive_cube_add', vim.tbl_contains(labels, 'primitive_cube_add'),
    table.concat(vim.list_slice(labels, 1, 10), ', '))
  check('completion lists only bpy.ops.mesh operators', #labels > 10 and not vim.tbl_contains(labels, 'objects'),
    #labels .. ' items')

  -- 2. Hover over the operator.
  vim.api.nvim_buf_set_lines(buf, 2, 3, false, { 'bpy.ops.mesh.primitive_cube_add(size=2)' })
  params.position = { line = 2, character = 20 }
  res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  local hover = ''
  for _, r in pairs(res) do
    local c = r.result and r.result.contents
    hover = hover .. (type(c) == 'table' and (c.value or '') or tostring(c or ''))
  end
  check('hover shows the operator signature', hover:find('bpy.ops.mesh.primitive_cube_add(size: float = 2.0', 1, true) ~= nil, hover)
  check('hover shows its description', hover:find('Construct a cube mesh that consists of six square faces', 1, true) ~= nil)
  notes[#notes + 1] = '--- hover'
  vim.list_extend(notes, vim.split(hover, '\n'))

  -- 3. :BpyRun on a script with an error on line 5: a real Blender raises KeyError there.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, {
    'import bpy',
    '',
    'bpy.ops.mesh.primitive_cube_add(size=2)',
    'cube = bpy.context.active_object',
    'bpy.data.objects["NoSuchObject"].location.x = 1.0',
  })
  local t0 = vim.uv.hrtime()
  local done = run_and_wait('BpyRun', 'bpy-lsp.runInBlender')
  check(':BpyRun returns', done ~= nil and done.err == nil, done and vim.inspect(done.err))
  local r = done and done.result or {}
  check(':BpyRun reports the error', r.ok == false and r.error and r.error.type == 'KeyError', vim.inspect(r.error))
  local diags
  vim.wait(5000, function()
    diags = vim.tbl_filter(function(d) return d.message:find('NoSuchObject', 1, true) end, vim.diagnostic.get(buf))
    return #diags > 0
  end, 50)
  check('Blender error is a diagnostic on line 5', #diags == 1 and diags[1].lnum == 4,
    vim.inspect(vim.tbl_map(function(d) return { d.lnum, d.message } end, vim.diagnostic.get(buf))))
  check('the diagnostic is an error', #diags == 1 and diags[1].severity == vim.diagnostic.severity.ERROR)
  notes[#notes + 1] = ('--- :BpyRun took %.2f s: %s'):format((vim.uv.hrtime() - t0) / 1e9, diags[1] and diags[1].message or '?')
  local begun = vim.tbl_filter(function(p) return p.kind == 'begin' and p.title == 'Running in Blender' end, progress)
  local ended = vim.tbl_filter(function(p) return p.kind == 'end' end, progress)
  check(':BpyRun reports LSP progress, seen by vim.lsp.status()', #begun == 1 and #ended >= 1
    and begun[1].status:find('Running in Blender', 1, true) ~= nil, vim.inspect(progress))
  check('no progress is left open after the run', next(require('bpy_lsp').active[client.id] or {}) == nil)
  local warned = vim.tbl_filter(function(n) return n.msg:find('Blender: KeyError', 1, true) end, notified)
  check(':BpyRun tells the user', #warned == 1)

  -- 4. :BpyRender on a working script: the preview lists the rendered PNGs.
  vim.api.nvim_buf_set_lines(buf, 4, 5, false, { 'cube.location.x = 1.0' })
  -- Small renders: the test is about the plumbing, not the picture.
  require('bpy_lsp').config.render = { views = 2, resolution = 96, samples = 4 }
  done = run_and_wait('BpyRender', 'bpy-lsp.renderPreview')
  local images = done and done.result and done.result.images or {}
  check(':BpyRender renders the configured views and size', #images == 2 and images[1].width == 96, done and vim.inspect(done.result))
  vim.wait(3000, function() return require('bpy_lsp.preview').last ~= nil end, 50)
  local last = require('bpy_lsp.preview').last
  local plines = last and vim.api.nvim_buf_get_lines(last.buf, 0, -1, false) or {}
  check('preview buffer names the file and lists each view', #plines == #images + 1 and plines[1]:find('scene.py', 1, true) ~= nil,
    table.concat(plines, ' | '))
  local png = images[1] and io.open(images[1].path, 'rb')
  local magic = png and png:read(8)
  if png then
    png:close()
  end
  check('the preview image is a PNG', magic == '\137PNG\r\n\26\n')
  check('without image plugins the preview backend is the paths list', last and last.backend == 'paths')
  -- The same preview through a viewer command: it gets the image paths.
  local seen = work .. '/viewer-args.txt'
  require('bpy_lsp.preview').show({ uri = vim.uri_from_bufnr(buf), images = images },
    { backend = 'auto', viewer = { '/bin/sh', '-c', 'printf "%s\\n" "$@" > "$0"', seen } })
  vim.wait(5000, function() return vim.uv.fs_stat(seen) ~= nil and #vim.fn.readfile(seen) == #images end, 50)
  local got = vim.uv.fs_stat(seen) and vim.fn.readfile(seen) or {}
  check('a configured viewer command is given the image paths', #images > 0 and vim.deep_equal(got,
    vim.tbl_map(function(i) return i.path end, images)), vim.inspect(got))
  vim.list_extend(notes, { '--- preview buffer' }, 1, 1)
  vim.list_extend(notes, plines)

  -- 5. Commands the server may not offer yet say so.
  local offers = function(c)
    local p = client.server_capabilities.executeCommandProvider
    return p and vim.tbl_contains(p.commands or {}, c)
  end
  if not offers('bpy-lsp.blender.status') then
    notified = {}
    vim.cmd('BpyBlender status')
    check(':BpyBlender status on a server without it says so', #notified == 1 and notified[1].msg:find('does not offer bpy-lsp.blender.status', 1, true) ~= nil)
  else
    done = run_and_wait('BpyBlender status', 'bpy-lsp.blender.status', 20000)
    local s = done and done.result or {}
    check(':BpyBlender status reports the headless Blender', s.connection == 'headless' and s.target ~= nil, vim.inspect(s))
  end

  -- 5b. :BpyCancel ends a long run (servers with the Blender service commands).
  if offers('bpy-lsp.blender.start') then
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, { 'import bpy', 'import time', 'time.sleep(60)' })
    local cancelled
    local id = vim.api.nvim_create_autocmd('User', {
      pattern = 'BpyLspCommandDone',
      callback = function(ev) cancelled = ev.data end,
    })
    local seen = #progress
    vim.cmd('BpyRun')
    local began = vim.wait(20000, function() return next(require('bpy_lsp').active[client.id] or {}) ~= nil end, 20)
    -- The LspProgress autocmd above reads (and so consumes) vim.lsp.status() at each event.
    local begin = vim.tbl_filter(function(p) return p.kind == 'begin' end, { unpack(progress, seen + 1) })[1]
    check(':BpyRun shows LSP progress (vim.lsp.status)', began and begin ~= nil
      and begin.status:find('Running in Blender', 1, true) ~= nil, vim.inspect(begin))
    local tc = vim.uv.hrtime()
    vim.cmd('BpyCancel')
    vim.wait(40000, function() return cancelled ~= nil end, 50)
    vim.api.nvim_del_autocmd(id)
    local secs = (vim.uv.hrtime() - tc) / 1e9
    check(':BpyCancel ends a 60 s run early', cancelled ~= nil and secs < 10 and cancelled.command == 'bpy-lsp.runInBlender'
      and cancelled.err and cancelled.err.code == -32800, ('%.1f s: %s'):format(secs, vim.inspect(cancelled)))
    notes[#notes + 1] = ('--- :BpyCancel ended the run after %.2f s: %s'):format(secs, vim.inspect(cancelled))
  end

  -- 6. :BpyGenerate from a comment (offline provider: no LLM configured).
  do
    check('the server offers the agent commands', offers('bpy-lsp.generate') and offers('bpy-lsp.refine'))
    local gen = work .. '/project/chair.py'
    write(gen, { 'import bpy', '', '# a simple wooden chair with four legs', '' })
    local gbuf = open(gen)
    attached(gbuf)
    vim.api.nvim_win_set_cursor(0, { 3, 0 })
    local before = vim.api.nvim_buf_line_count(gbuf)
    done = run_and_wait('BpyGenerate', 'bpy-lsp.generate', 240000)
    local gr = done and done.result or {}
    check(':BpyGenerate applies generated code', gr.applied == true, vim.inspect(done))
    local glines = vim.api.nvim_buf_get_lines(gbuf, 0, -1, false)
    local body = table.concat(glines, '\n')
    check('generated code is inserted below the comment', #glines > before + 3 and glines[3] == '# a simple wooden chair with four legs'
      and body:find('bpy%.') ~= nil, body:sub(1, 400))
    notes[#notes + 1] = '--- :BpyGenerate'
    vim.list_extend(notes, glines)
    -- The offline provider is deterministic: the CLI (the same workflow) prints the same code.
    local cli = vim.system({ root .. '/target/release/bpy-lsp', 'generate', 'a simple wooden chair with four legs',
      '--no-install' }, { text = true, cwd = work }):wait(240000)
    local want = vim.tbl_filter(function(l) return vim.trim(l) ~= '' end, vim.split(cli.stdout or '', '\n'))
    local have = vim.tbl_filter(function(l) return vim.trim(l) ~= '' end, glines)
    local i = 1
    for _, l in ipairs(have) do
      if want[i] and l == want[i] then
        i = i + 1
      end
    end
    check('the inserted code is what `bpy-lsp generate` writes for the comment', cli.code == 0 and #want > 5 and i > #want,
      ('exit %s, %d of %d lines matched; stderr: %s'):format(cli.code, i - 1, #want, (cli.stderr or ''):sub(-300)))

    do
      -- :BpyRefine on the whole generated body, the instruction given on the command line.
      local n = vim.api.nvim_buf_line_count(gbuf)
      local old = table.concat(vim.api.nvim_buf_get_lines(gbuf, 0, -1, false), '\n')
      done = run_and_wait(('4,%dBpyRefine make the legs twice as long'):format(n), 'bpy-lsp.refine', 240000)
      local rr = done and done.result or {}
      local new = table.concat(vim.api.nvim_buf_get_lines(gbuf, 0, -1, false), '\n')
      check(':BpyRefine answers with a session and a message', type(rr) == 'table' and rr.message ~= nil, vim.inspect(done))
      check(':BpyRefine changes the buffer exactly when it says it applied', (rr.applied == true) == (new ~= old),
        ('applied=%s changed=%s'):format(tostring(rr.applied), tostring(new ~= old)))
      check(':BpyRefine keeps the lines above the range', new:sub(1, #'import bpy') == 'import bpy')
    end
  end

  -- 7. A Python file that does not import bpy, outside a Blender project, is not served.
  local plain = work .. '/plain/util.py'
  write(plain, { 'import os', 'print(os.getcwd())' })
  local pbuf = open(plain)
  vim.wait(1500)
  check('a plain Python file is left alone', require('bpy_lsp').client(pbuf) == nil)

  -- 8. :checkhealth bpy_lsp.
  vim.cmd('checkhealth bpy_lsp')
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.fn.writefile(vim.split(health, '\n'), artifacts .. '/nvim-checkhealth.txt')
  check('checkhealth shows the server and its version', health:find('bpy%-lsp 0%.%d') ~= nil and health:find('OK', 1, true) ~= nil, health)
  check('checkhealth shows the Blender it would use', health:find('Python with bpy', 1, true) ~= nil)
  check('checkhealth shows the provider', health:find('offline', 1, true) ~= nil)
  check('checkhealth shows image support', health:find('previews list the image paths', 1, true) ~= nil)
  check('checkhealth shows the running client', health:find('running: client', 1, true) ~= nil)
end, debug.traceback)
if not ok then
  check('test ran to the end', false, err)
end
finish()

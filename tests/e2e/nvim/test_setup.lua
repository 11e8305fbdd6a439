-- End-to-end test of require('bpy_lsp').setup({...}) (the lazy.nvim `opts` path): the
-- server path option, files in a Blender project folder without `import bpy`, and
-- :checkhealth naming a provider's key variable without ever showing the key.
local root = assert(vim.env.BPY_LSP_REPO)
local work = assert(vim.env.E2E_WORK)
local passed, failed = 0, 0
local function check(name, ok, detail)
  passed, failed = passed + (ok and 1 or 0), failed + (ok and 0 or 1)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. name .. ((not ok and detail) and (': ' .. detail) or '') .. '\n')
end

local ok, err = xpcall(function()
  require('bpy_lsp').setup({
    server_path = root .. '/target/release/bpy-lsp',
    settings = { bpyLsp = { agent = { provider = 'openai', model = 'e2e-model', apiKeyEnv = 'BPY_LSP_E2E_KEY' } } },
  })
  local function attached_to(path, lines, ms)
    vim.fn.mkdir(vim.fs.dirname(path), 'p')
    vim.fn.writefile(lines, path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local buf = vim.api.nvim_get_current_buf()
    vim.wait(ms or 10000, function() return require('bpy_lsp').client(buf) ~= nil end, 20)
    return require('bpy_lsp').client(buf)
  end
  local c = attached_to(work .. '/ext/pkg/ops.py', { 'def helper():', '    return 1' }, 2000)
  vim.fn.writefile({ 'schema_version = "1.0.0"' }, work .. '/ext/blender_manifest.toml')
  check('a file in a folder without blender_manifest.toml and no import is left alone', c == nil)
  c = attached_to(work .. '/ext/pkg/more.py', { 'def helper2():', '    return 2' })
  check('a file below blender_manifest.toml attaches without importing bpy', c ~= nil)
  check('setup() server_path is the command', c and c.config.cmd[1] == root .. '/target/release/bpy-lsp',
    c and vim.inspect(c.config.cmd))
  c = attached_to(work .. '/legacy_addon/__init__.py', { 'bl_info = {"name": "x", "blender": (4, 2, 0)}', 'def register(): pass' })
  check('a legacy add-on __init__.py with bl_info attaches', c ~= nil)
  check('buffer commands exist on attach', vim.fn.exists(':BpyRun') == 2 and vim.fn.exists(':BpyRefine') == 2
    and vim.fn.exists(':BpyCancel') == 2 and vim.fn.exists(':BpyBlender') == 2)
  vim.cmd('checkhealth bpy_lsp')
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check('checkhealth names the provider and model', health:find('openai, model e2e-model', 1, true) ~= nil, health)
  check('checkhealth says the key variable is set', health:find('$BPY_LSP_E2E_KEY is set', 1, true) ~= nil)
  check('checkhealth never shows the key', health:find(vim.env.BPY_LSP_E2E_KEY, 1, true) == nil)
end, debug.traceback)
if not ok then
  check('test ran to the end', false, err)
end
io.stdout:write(('%d passed, %d failed\n'):format(passed, failed))
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop()
end
vim.wait(5000, function() return #vim.lsp.get_clients() == 0 end, 50)
vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')

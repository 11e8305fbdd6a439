--- :checkhealth bpy_lsp — the server binary and its version, the Blender it would use, the
--- agent provider (whether its key is set, never the key), and image support for previews.
local M = {}

local function settings()
  local bpy = require('bpy_lsp')
  local from_config = vim.tbl_get(vim.lsp.config.bpy_lsp or {}, 'settings', 'bpyLsp') or {}
  return vim.tbl_deep_extend('force', vim.tbl_get(bpy.config, 'settings', 'bpyLsp') or {}, from_config)
end

function M.check()
  local bpy = require('bpy_lsp')
  local h = vim.health
  h.start('bpy-lsp server')
  if vim.fn.has('nvim-0.11') ~= 1 then
    h.error('Neovim 0.11 or newer is needed (vim.lsp.config / vim.lsp.enable)')
  else
    h.ok('Neovim ' .. tostring(vim.version()))
  end
  local cmd = (vim.lsp.config.bpy_lsp or {}).cmd or bpy.cmd()
  local exe = type(cmd) == 'table' and cmd[1] or nil
  if type(cmd) == 'function' then
    h.info('cmd is a function; not checked')
  elseif not exe or vim.fn.executable(exe) ~= 1 then
    h.error(('bpy-lsp not found (%s)'):format(tostring(exe)), {
      'cargo install --path . in a clone of bpy-lsp (puts bpy-lsp in ~/.cargo/bin)',
      "or require('bpy_lsp').setup({ server_path = '/path/to/bpy-lsp' })",
    })
    exe = nil
  else
    local r = vim.system({ exe, '--version' }, { text = true }):wait(10000)
    if r.code == 0 then
      h.ok(('%s: %s'):format(vim.fn.exepath(exe) ~= '' and vim.fn.exepath(exe) or exe, vim.trim(r.stdout or '')))
    else
      h.error(('%s --version failed: %s'):format(exe, vim.trim((r.stderr or '') .. (r.stdout or ''))))
      exe = nil
    end
  end
  local clients = vim.lsp.get_clients({ name = 'bpy_lsp' })
  if #clients > 0 then
    for _, c in ipairs(clients) do
      h.ok(('running: client %d, root %s, %d buffer(s)'):format(c.id, c.root_dir or '?', vim.tbl_count(c.attached_buffers or {})))
    end
  else
    h.info('not running (it starts for Python buffers that import bpy, bmesh or mathutils, or live in a Blender project)')
  end

  local s = settings()
  h.start('Blender')
  if exe then
    local b = s.blender or {}
    local args = { exe, 'blender', 'status' }
    if b.address and b.address ~= '' then
      vim.list_extend(args, { '--blender-address', b.address })
    end
    local env = {}
    if b.path and b.path ~= '' then
      env.BPY_LSP_BLENDER = vim.fs.normalize(b.path)
    end
    if b.python and b.python ~= '' then
      env.BPY_LSP_BLENDER_PYTHON = vim.fs.normalize(b.python)
    end
    local r = vim.system(args, { text = true, env = env }):wait(20000)
    local out = vim.trim((r.stdout or '') .. (r.stderr or ''))
    for _, line in ipairs(vim.split(out, '\n')) do
      if line:find('Would start') or line:find('^Connected') then
        h.ok(line)
      elseif line ~= '' then
        h.info(line)
      end
    end
    if r.code ~= 0 or not out:find('Would start') and not out:find('[Cc]onnect') then
      h.warn('no Blender to run code in', { 'bpy-lsp blender install', 'or set bpyLsp.blender.python to a Python with bpy' })
    end
  else
    h.warn('unknown without the server binary')
  end

  h.start('Agent provider')
  local a = s.agent or {}
  local provider = a.provider and a.provider ~= '' and a.provider or 'offline'
  if provider == 'offline' then
    h.ok('offline: code from the built-in asset library by retrieval, no LLM and no key needed')
  else
    local var = a.apiKeyEnv and a.apiKeyEnv ~= '' and a.apiKeyEnv
      or (provider == 'anthropic' and 'ANTHROPIC_API_KEY' or 'OPENAI_API_KEY')
    local where = ('%s%s%s'):format(provider, a.model and (', model ' .. a.model) or '', a.baseUrl and (', ' .. a.baseUrl) or '')
    if vim.env[var] and vim.env[var] ~= '' then
      h.ok(('%s; key: $%s is set'):format(where, var))
    elseif a.baseUrl and a.baseUrl:match('^https?://127%.') or (a.baseUrl or ''):match('^https?://localhost') then
      h.ok(('%s; key: $%s is not set (a local server may not need one)'):format(where, var))
    else
      h.warn(('%s; key: $%s is not set'):format(where, var))
    end
  end

  h.start('Previews')
  local backend = require('bpy_lsp.preview').backend(bpy.config.preview)
  if backend == 'snacks' then
    h.ok('images inline with snacks.nvim')
  elseif backend == 'image' then
    h.ok('images inline with image.nvim')
  elseif backend == 'viewer' then
    h.ok('images open with ' .. table.concat(bpy.config.preview.viewer, ' '))
  else
    h.info('no image support: previews list the image paths (install snacks.nvim or image.nvim, or set preview.viewer)')
  end
end

return M

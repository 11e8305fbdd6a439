--- bpy-lsp for Neovim 0.11+: the language server config that `vim.lsp.enable('bpy_lsp')`
--- reads. Serves the Python buffers that import bpy/bmesh/mathutils or live in a Blender
--- project (blender_manifest.toml, bpy-lsp.toml, an add-on __init__.py with bl_info);
--- `require('bpy_lsp').setup({ files = 'all' })` widens that. The buffer commands
--- (:BpyRun, :BpyRender, ...) are made on attach.
local bpy = require('bpy_lsp')

---@type vim.lsp.Config
return {
  cmd = bpy.cmd(),
  cmd_env = bpy.env(),
  filetypes = { 'python' },
  root_markers = bpy.root_markers,
  root_dir = bpy.root_dir,
  settings = { bpyLsp = {} },
  init_options = { bpyLsp = {} },
  before_init = function(params, config)
    -- initializationOptions carry the same object as the settings.
    params.initializationOptions = { bpyLsp = (config.settings or {}).bpyLsp or {} }
  end,
  handlers = bpy.handlers,
  on_attach = bpy.on_attach,
}

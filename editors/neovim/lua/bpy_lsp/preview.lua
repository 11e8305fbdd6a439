--- Previews from `bpy/preview`: a scratch buffer that lists the rendered views, with the
--- images inline through snacks.nvim or image.nvim when one is installed, else opened with
--- the configured viewer command.
local M = {}

--- The last preview shown: { uri, images, buf }.
M.last = nil

function M.backend(opts)
  local want = opts and opts.backend or 'auto'
  if want == 'paths' then
    return 'paths'
  end
  if (want == 'auto' or want == 'snacks') then
    local ok, snacks = pcall(require, 'snacks')
    if ok and snacks and snacks.image then
      return 'snacks'
    end
  end
  if want == 'auto' or want == 'image' then
    local ok = pcall(require, 'image')
    if ok then
      return 'image'
    end
  end
  if (want == 'auto' or want == 'viewer') and opts and opts.viewer and vim.fn.executable(opts.viewer[1]) == 1 then
    return 'viewer'
  end
  return 'paths'
end

local function scratch()
  local buf = M.last and M.last.buf
  if not (buf and vim.api.nvim_buf_is_valid(buf)) then
    buf = vim.api.nvim_create_buf(false, true)
    vim.bo[buf].bufhidden = 'hide'
    vim.bo[buf].filetype = 'bpy_lsp_preview'
    pcall(vim.api.nvim_buf_set_name, buf, 'bpy-lsp://preview')
  end
  return buf
end

local function window_for(buf)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_buf(win) == buf then
      return win
    end
  end
  local cur = vim.api.nvim_get_current_win()
  vim.cmd('botright vsplit')
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_buf(win, buf)
  vim.api.nvim_set_current_win(cur)
  return win
end

function M.show(result, opts)
  opts = opts or {}
  local images = result.images or {}
  local name = vim.fn.fnamemodify(vim.uri_to_fname(result.uri or ''), ':t')
  local lines = { ('Blender preview of %s: %d view(s), rendered %s'):format(name, #images, os.date('%H:%M:%S')) }
  for _, img in ipairs(images) do
    lines[#lines + 1] = ('view %d  %dx%d  %s'):format((img.view or 0) + 1, img.width or 0, img.height or 0, img.path)
  end
  local buf = scratch()
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  M.last = { uri = result.uri, images = images, buf = buf, backend = M.backend(opts) }
  if opts.open == false then
    return M.last
  end
  local backend = M.last.backend
  if backend == 'viewer' then
    local cmd = vim.list_extend(vim.deepcopy(opts.viewer), vim.tbl_map(function(i) return i.path end, images))
    vim.system(cmd, { detach = true })
    return M.last
  end
  local win = window_for(buf)
  if backend == 'snacks' then
    local snacks = require('snacks')
    for i, img in ipairs(images) do
      pcall(snacks.image.placement.new, buf, img.path, { pos = { i + 1, 0 }, inline = true })
    end
  elseif backend == 'image' then
    local image = require('image')
    for i, img in ipairs(images) do
      local ok, handle = pcall(image.from_file, img.path, { window = win, buffer = buf, with_virtual_padding = true, x = 0, y = i })
      if ok and handle then
        pcall(handle.render, handle)
      end
    end
  end
  return M.last
end

return M

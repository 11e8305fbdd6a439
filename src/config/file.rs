//! `bpy-lsp.toml`: found in a directory or its ancestors, parsed with the `toml` crate into a
//! [`Layer`]. Errors name the line.
//!
//! ```toml
//! blender-version = "4.2"          # top level, or in a [bpy-lsp] / [tool.bpy-lsp] table
//! [blender]                        # path, python, address, token, timeout
//! [render]                         # views, resolution, samples
//! [rag]                            # enabled
//! [agent]                          # provider, base_url, api_key_env, model, context_tokens, ...
//! [agent.critic]                   # the same keys for one role (planner, coder, critic)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{AgentSettings, FILE_NAME, Layer, RagSettings, RenderSettings};

/// The typed shape, only to check types with the file's lines; the values are read untyped
/// (a key that is not set must stay unset, so that the next source decides).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Shape {
    #[serde(rename = "blender-version", alias = "blender_version")]
    blender_version: Option<toml::Spanned<toml::Value>>,
    #[serde(rename = "bpy-lsp")]
    bpy_lsp: Option<Box<Shape>>,
    tool: Option<Tool>,
    #[allow(dead_code)]
    blender: Option<crate::blender::Settings>,
    #[allow(dead_code)]
    render: Option<RenderSettings>,
    #[allow(dead_code)]
    rag: Option<RagSettings>,
    #[allow(dead_code)]
    agent: Option<AgentSettings>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Tool {
    #[serde(rename = "bpy-lsp")]
    bpy_lsp: Option<Box<Shape>>,
}

/// The nearest `bpy-lsp.toml` in `start` (a directory, or a file's directory) or its ancestors.
pub fn find_file(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_file() { start.parent()?.to_path_buf() } else { start };
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}

/// Read and parse a `bpy-lsp.toml`; relative `blender.path` / `blender.python` are relative
/// to its directory. Errors start with the path: `/w/bpy-lsp.toml: line 3: ...`.
pub fn read_file(path: &Path) -> Result<Layer, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut layer = parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(dir) = path.parent() {
        for key in ["path", "python"] {
            let Some(Value::Object(b)) = layer.0.get_mut("blender") else { break };
            if let Some(Value::String(p)) = b.get_mut(key)
                && Path::new(p.as_str()).is_relative()
            {
                *p = dir.join(p.as_str()).to_string_lossy().into_owned();
            }
        }
    }
    Ok(layer)
}

/// The settings of a `bpy-lsp.toml` text. `Err("line N: ...")` when it does not parse or a
/// value has the wrong type.
pub fn parse_file(text: &str) -> Result<Layer, String> {
    let shape: Shape = toml::from_str(text).map_err(|e| at_line(text, e.span().map(|s| s.start), e.message()))?;
    for s in [Some(&shape), shape.bpy_lsp.as_deref(), shape.tool.as_ref().and_then(|t| t.bpy_lsp.as_deref())]
        .into_iter()
        .flatten()
    {
        if let Some(v) = &s.blender_version
            && !matches!(v.get_ref(), toml::Value::String(_) | toml::Value::Float(_) | toml::Value::Integer(_))
        {
            let message = format!("blender-version must be a string such as \"4.2\", got {}", v.get_ref());
            return Err(at_line(text, Some(v.span().start), &message));
        }
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| at_line(text, e.span().map(|s| s.start), e.message()))?;
    let mut map = match serde_json::to_value(table) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    // `[bpy-lsp]` and `[tool.bpy-lsp]` (a shared pyproject-style file) hold the same keys.
    let mut hoisted = Map::new();
    if let Some(Value::Object(t)) = map.get("tool").and_then(|t| t.get("bpy-lsp")) {
        hoisted.extend(t.clone());
    }
    if let Some(Value::Object(t)) = map.remove("bpy-lsp") {
        hoisted.extend(t);
    }
    map.remove("tool");
    map.extend(hoisted);
    let mut problems = Vec::new();
    let layer = Layer::from_value(map, FILE_NAME, &mut problems);
    // The typed check above already caught wrong types, with their lines.
    match problems.into_iter().next() {
        Some(p) => Err(p),
        None => Ok(layer),
    }
}

/// "line N: message" (the message of the `toml` crate can take several lines).
fn at_line(text: &str, offset: Option<usize>, message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    match offset {
        Some(o) => {
            let line = text.get(..o).unwrap_or(text).bytes().filter(|b| *b == b'\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> Value {
        Value::Object(parse_file(text).unwrap().0)
    }

    #[test]
    fn reads_the_version_where_it_always_was() {
        assert_eq!(ok("blender-version = \"4.2\"  # LTS\n"), json!({"blender_version": "4.2"}));
        assert_eq!(ok("# x\nblender_version = '5.0'\n"), json!({"blender_version": "5.0"}));
        assert_eq!(ok("[bpy-lsp]\nblender-version = 4.5\n"), json!({"blender_version": "4.5"}));
        assert_eq!(ok("[tool.bpy-lsp]\nblender-version = \"4.2\"\n"), json!({"blender_version": "4.2"}));
        assert_eq!(ok("[other]\nblender-version = \"4.5\"\n"), json!({"other": {"blender_version": "4.5"}}));
        assert_eq!(ok("name = \"#x\"\n"), json!({"name": "#x"}));
        assert_eq!(
            parse_file("\n\nblender-version = [4]\n").unwrap_err(),
            "line 3: blender-version must be a string such as \"4.2\", got [4]"
        );
    }

    #[test]
    fn reads_the_tables() {
        let text = r#"
blender-version = "4.4"
[blender]
python = "/opt/py"
timeout = 12.5
[render]
views = 6
[rag]
enabled = false
[agent]
provider = "openai"
base_url = "http://localhost:11434/v1"
context_tokens = 8192
attempts = 4
timeout = 60
[agent.critic]
model = "llava"
vision = true
"#;
        assert_eq!(
            ok(text),
            json!({
                "blender_version": "4.4",
                "blender": {"python": "/opt/py", "timeout": 12.5},
                "render": {"views": 6},
                "rag": {"enabled": false},
                "agent": {"provider": "openai", "base_url": "http://localhost:11434/v1", "context_tokens": 8192,
                          "attempts": 4, "timeout": 60, "critic": {"model": "llava", "vision": true}}
            })
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            parse_file("[render]\nviews = 4\nsamples = \"lots\"\n").unwrap_err(),
            "line 3: invalid type: string \"lots\", expected u32"
        );
        let e = parse_file("[agent]\nprovider = \"openai\nmodel = 1\n").unwrap_err();
        assert!(e.starts_with("line 2: "), "{e}");
        let e = parse_file("what\n").unwrap_err();
        assert!(e.starts_with("line 1: "), "{e}");
    }

    #[test]
    fn relative_programs_are_relative_to_the_file() {
        let dir = std::env::temp_dir().join(format!("bpy-lsp-config-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, "[blender]\npython = \".venv/bin/python\"\npath = \"/usr/bin/blender\"\n").unwrap();
        let layer = read_file(&path).unwrap();
        assert_eq!(layer.get("blender.python"), Some(&json!(dir.join(".venv/bin/python").to_string_lossy())));
        assert_eq!(layer.get("blender.path"), Some(&json!("/usr/bin/blender")));
        std::fs::write(&path, "[blender\n").unwrap();
        assert!(read_file(&path).unwrap_err().starts_with(&format!("{}: line 1: ", path.display())));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

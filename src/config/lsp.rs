//! LSP settings (`initializationOptions`, `workspace/didChangeConfiguration`) into a [`Layer`].
//!
//! Accepted shapes, as editors send them: `{"bpyLsp": {"blender": {"path": ...}}}`, the
//! section alone `{"blenderVersion": "4.2", "blender": {...}}`, and flat dotted keys
//! `{"bpyLsp.blender.path": ...}`; keys in camelCase (`baseUrl`, `contextTokens`).

use serde_json::{Map, Value};

use super::Layer;

/// The top-level keys of our section.
const SECTIONS: [&str; 5] = ["blenderVersion", "blender", "render", "rag", "agent"];

/// The layer of these settings and what was wrong with them; `None` when they hold nothing
/// of bpy-lsp (another tool's settings change nothing). A section of the wrong type is
/// dropped and reported (`bpyLsp.render: invalid type ...`).
pub fn from_lsp(value: &Value) -> Option<(Layer, Vec<String>)> {
    let obj = value.as_object()?;
    let mut ours = Map::new();
    let mut found = false;
    match obj.get("bpyLsp") {
        Some(Value::Object(section)) => {
            ours.extend(section.clone());
            found = true;
        }
        Some(Value::Null) => found = true,
        _ => {
            for key in SECTIONS {
                if let Some(v) = obj.get(key) {
                    ours.insert(key.to_string(), v.clone());
                    found = true;
                }
            }
        }
    }
    let mut flat = Layer::default();
    for (k, v) in obj {
        if let Some(path) = k.strip_prefix("bpyLsp.") {
            flat.set(path, Some(v.clone()));
            found = true;
        }
    }
    if !found {
        return None;
    }
    super::merge(&mut ours, &flat.0);
    let mut problems = Vec::new();
    let layer = Layer::from_value(ours, "bpyLsp", &mut problems);
    Some((layer, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn layer(v: Value) -> Option<Value> {
        from_lsp(&v).map(|(l, p)| {
            assert_eq!(p, Vec::<String>::new());
            Value::Object(l.0)
        })
    }

    #[test]
    fn every_shape() {
        assert_eq!(layer(json!({"bpyLsp": {"blenderVersion": "4.2"}})), Some(json!({"blender_version": "4.2"})));
        assert_eq!(layer(json!({"blenderVersion": "5.0"})), Some(json!({"blender_version": "5.0"})));
        assert_eq!(layer(json!({"bpyLsp.blenderVersion": 4.5})), Some(json!({"blender_version": "4.5"})));
        // Cleared: an empty layer, so the next source decides.
        assert_eq!(layer(json!({"bpyLsp": {"blenderVersion": null}})), Some(json!({})));
        assert_eq!(
            layer(json!({"bpyLsp": {"blender": {"address": "127.0.0.1:9876", "timeout": 5, "python": "/py"}}})),
            Some(json!({"blender": {"address": "127.0.0.1:9876", "timeout": 5, "python": "/py"}}))
        );
        assert_eq!(
            layer(json!({"blender": {"token": "t", "path": "/b"}})),
            Some(json!({"blender": {"token": "t", "path": "/b"}}))
        );
        assert_eq!(
            layer(
                json!({"bpyLsp.blender.address": "h:1", "bpyLsp.blender.token": "", "bpyLsp.agent.critic.baseUrl": "u"})
            ),
            Some(json!({"blender": {"address": "h:1"}, "agent": {"critic": {"base_url": "u"}}}))
        );
        assert_eq!(
            layer(
                json!({"bpyLsp": {"agent": {"apiKeyEnv": "MY_KEY", "contextTokens": 32000, "planner": {"model": "p"}}}})
            ),
            Some(json!({"agent": {"api_key_env": "MY_KEY", "context_tokens": 32000, "planner": {"model": "p"}}}))
        );
        assert_eq!(layer(Value::Null), None);
        assert_eq!(layer(json!({"python": {"analysis": 1}})), None);
    }

    #[test]
    fn a_wrong_type_drops_its_section_only() {
        let (l, problems) =
            from_lsp(&json!({"bpyLsp": {"blender": {"timeout": "long"}, "render": {"views": 3}}})).unwrap();
        assert_eq!(Value::Object(l.0), json!({"render": {"views": 3}}));
        assert_eq!(problems, ["bpyLsp.blender: invalid type: string \"long\", expected f64"]);
    }
}

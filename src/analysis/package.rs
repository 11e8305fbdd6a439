//! The other modules of the add-on package a document belongs to. Add-ons register
//! properties in `__init__.py` and read them in `operators.py` (`context.scene.my_tool`),
//! define PropertyGroups in `props.py` and import them elsewhere (`from .props import
//! MyGroup`): completion and hover follow those names into the module that writes them.
//! Pure data: the caller reads the files (see `crate::package_files`).

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::document::Document;

/// Modules read at most (rigify has about 150; a package bigger than this is not an add-on).
pub const MAX_MODULES: usize = 2000;

/// One module of the package, by its dotted name relative to the package root:
/// `props`, `ui.panels`, `__init__` for the root's `__init__.py`, `ui.__init__` for a
/// subpackage's.
pub struct Module {
    pub name: String,
    /// Path relative to the package's parent directory, for messages (`my_addon/props.py`).
    pub path: String,
    pub doc: Document,
}

#[derive(Default)]
pub struct Package {
    modules: Vec<Module>,
    /// [`runtime_properties_in`] of every module: (module, name, line, value range).
    runtime: OnceLock<Vec<RuntimeProperty>>,
    /// Every `Owner.name = value` line of every module, read once (completion asks at each dot).
    registrations: OnceLock<Vec<Registration>>,
}

/// `Owner.name = value` in a module of the package.
pub struct Registration {
    pub module: usize,
    /// The last part of the target before the name (`Scene` of `bpy.types.Scene.x`).
    pub owner: String,
    pub name: String,
    pub line: String,
    pub value: Range<usize>,
}

/// A property some function of the package sets on a class it is given.
pub struct RuntimeProperty {
    pub module: usize,
    pub name: String,
    pub line: String,
    pub value: Range<usize>,
}

/// A document's place in its package.
#[derive(Clone)]
pub struct PackageRef {
    pub package: Arc<Package>,
    /// The document's own module name (as in [`Module::name`]): relative imports start there.
    pub module: String,
}

impl Package {
    /// `modules`: (dotted name, path for messages, text).
    pub fn new(modules: Vec<(String, String, String)>) -> Package {
        let modules = modules
            .into_iter()
            .take(MAX_MODULES)
            .map(|(name, path, text)| Module { name, path, doc: Document::new(text) })
            .collect();
        Package { modules, runtime: OnceLock::new(), registrations: OnceLock::new() }
    }

    /// Every `Owner.name = value` of the package's modules whose owner looks like a class
    /// (`Scene`, `bpy.types.Scene`: a capital first letter), in module order.
    pub fn registrations(&self) -> &[Registration] {
        self.registrations.get_or_init(|| {
            let mut out = Vec::new();
            for (module, m) in self.modules.iter().enumerate() {
                let class_like = |owner: &str| owner.starts_with(|c: char| c.is_ascii_uppercase());
                for (name, line, value) in registrations_in(m.doc.text(), &class_like) {
                    let target = line.split_once('=').map_or("", |(t, _)| t).trim();
                    let owner = target.rsplit_once('.').map_or("", |(o, _)| o);
                    let owner = owner.rsplit('.').next().unwrap_or(owner).to_string();
                    out.push(Registration { module, owner, name, line, value });
                }
            }
            out
        })
    }

    /// The properties the package's functions set on classes they are given, read once.
    pub fn runtime_properties(&self) -> &[RuntimeProperty] {
        self.runtime.get_or_init(|| {
            let mut out: Vec<RuntimeProperty> = Vec::new();
            for (module, m) in self.modules.iter().enumerate() {
                if !m.doc.text().contains("Property(") {
                    continue;
                }
                for (name, line, value) in runtime_properties_in(m.doc.text()) {
                    if !out.iter().any(|r| r.name == name) {
                        out.push(RuntimeProperty { module, name, line, value });
                    }
                }
            }
            out
        })
    }

    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    pub fn module(&self, index: usize) -> Option<&Module> {
        self.modules.get(index)
    }

    /// The module with this dotted name; a package name means its `__init__`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let init = if name.is_empty() { "__init__".to_string() } else { format!("{name}.__init__") };
        self.modules.iter().position(|m| m.name == name).or_else(|| self.modules.iter().position(|m| m.name == init))
    }
}

impl PackageRef {
    /// The module a relative import names from this document (`.props`, `..utils.x`, `.`);
    /// None for absolute imports and names outside the package.
    pub fn resolve(&self, spec: &str) -> Option<usize> {
        let rest = spec.trim_start_matches('.');
        let dots = spec.len() - rest.len();
        if dots == 0 {
            return None;
        }
        // `ui.panels` imports `.x` as `ui.x`; `ui.__init__` too (its parent is `ui`).
        let mut base: Vec<&str> = self.module.split('.').collect();
        for _ in 0..dots {
            base.pop()?;
        }
        if !rest.is_empty() {
            base.extend(rest.split('.'));
        }
        self.package.find(&base.join("."))
    }

    /// The module `spec` names, and whether `attr` is a submodule of it rather than a name
    /// in it (`from . import props`).
    pub fn submodule(&self, spec: &str, attr: &str) -> Option<usize> {
        let spec = if spec.ends_with('.') { format!("{spec}{attr}") } else { format!("{spec}.{attr}") };
        self.resolve(&spec)
    }
}

/// `Owner.name = value` lines of a text where `Owner` is the last part of the target
/// before the name and `is_owner(Owner)` (`bpy.types.Scene.my_tool = ...`, `Scene.x = ...`):
/// (name, the line, range of the value in `text`). Comparisons (`==`, `<=`) are not
/// assignments; each name is given once, at its first assignment.
pub fn registrations_in(text: &str, is_owner: &dyn Fn(&str) -> bool) -> Vec<(String, String, Range<usize>)> {
    let mut out: Vec<(String, String, Range<usize>)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let t = line.trim_start();
        let Some((target, value)) = t.split_once('=') else { continue };
        if value.starts_with('=') || target.ends_with(['!', '<', '>']) || !t.contains('.') {
            continue;
        }
        let Some((owner, name)) = target.trim().rsplit_once('.') else { continue };
        let owner = owner.rsplit('.').next().unwrap_or(owner);
        let ident = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if ident(name) && !out.iter().any(|(n, ..)| n == name) && is_owner(owner) {
            let value_start = start + (line.len() - value.len());
            let value_end = statement_end(text, value_start);
            out.push((name.to_string(), t.trim_end().to_string(), value_start..value_end));
        }
    }
    out
}

/// Properties a function sets on a class it is given (`def add_parameters(params):
/// params.size = FloatProperty(...)`): add-ons build PropertyGroups that way at run time
/// (rigify's rig parameters). (name, the line, range of the value in `text`), first
/// assignment of each name.
pub fn runtime_properties_in(text: &str) -> Vec<(String, String, Range<usize>)> {
    let mut out: Vec<(String, String, Range<usize>)> = Vec::new();
    // The enclosing `def` lines: (indentation, signature).
    let mut defs: Vec<(usize, &str)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let t = line.trim_start();
        if t.trim().is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = line.len() - t.len();
        while defs.last().is_some_and(|(i, _)| *i >= indent) {
            defs.pop();
        }
        if let Some(sig) = t.strip_prefix("def ").or_else(|| t.strip_prefix("async def ")) {
            defs.push((indent, sig));
            continue;
        }
        let Some((target, value)) = t.split_once('=') else { continue };
        let Some((receiver, name)) = target.trim().split_once('.') else { continue };
        let ident = |x: &str| {
            !x.is_empty()
                && !x.starts_with(|c: char| c.is_ascii_digit())
                && x.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        let is_property = value.split('(').next().is_some_and(|f| f.trim().ends_with("Property"));
        if value.starts_with('=') || !is_property || !ident(receiver) || !ident(name) {
            continue;
        }
        let Some((_, sig)) = defs.last() else { continue };
        let params = sig.split_once('(').map_or("", |(_, p)| p);
        let is_param = params.split([',', ')', ':', '=', '*', ' ']).any(|p| p == receiver);
        if is_param && !matches!(receiver, "self" | "cls") && !out.iter().any(|(n, ..)| n == name) {
            let value_start = start + (line.len() - value.len());
            out.push((name.to_string(), t.trim_end().to_string(), value_start..statement_end(text, value_start)));
        }
    }
    out
}

/// The end of the expression starting at `start`: the end of its line, or of the lines its
/// brackets span (at most 16 KiB on).
pub fn statement_end(text: &str, start: usize) -> usize {
    let mut depth = 0i32;
    for (i, b) in text.bytes().enumerate().skip(start) {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'\n' if depth <= 0 => return i,
            _ => {}
        }
        if i - start > 16 * 1024 {
            return i;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package() -> Arc<Package> {
        Arc::new(Package::new(vec![
            ("__init__".into(), "a/__init__.py".into(), "from .props import G\n".into()),
            ("props".into(), "a/props.py".into(), "class G: pass\n".into()),
            ("ui.__init__".into(), "a/ui/__init__.py".into(), String::new()),
            ("ui.panels".into(), "a/ui/panels.py".into(), String::new()),
        ]))
    }

    #[test]
    fn relative_imports_resolve_from_the_importing_module() {
        let p = package();
        let at = |module: &str| PackageRef { package: p.clone(), module: module.into() };
        assert_eq!(at("__init__").resolve(".props"), Some(1));
        assert_eq!(at("ui.panels").resolve("..props"), Some(1));
        assert_eq!(at("ui.panels").resolve("."), Some(2));
        assert_eq!(at("ui.__init__").resolve(".panels"), Some(3));
        assert_eq!(at("props").resolve("."), Some(0));
        assert_eq!(at("props").resolve("..x"), None, "above the package root");
        assert_eq!(at("props").resolve("props"), None, "absolute");
        assert_eq!(at("__init__").submodule(".", "props"), Some(1));
        assert_eq!(at("__init__").submodule(".ui", "panels"), Some(3));
    }

    #[test]
    fn registrations_are_read_with_their_value() {
        let text = "import bpy\nif bpy.types.Scene.x == 1: pass\nbpy.types.Scene.tool = PointerProperty(\n    type=G)\nScene.n = 3\nbpy.types.Object.o = 1\n";
        let r = registrations_in(text, &|o| ["Scene", "ID"].contains(&o));
        let names: Vec<&str> = r.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(names, ["tool", "n"]);
        assert_eq!(&text[r[0].2.clone()], " PointerProperty(\n    type=G)");
        assert_eq!(r[0].1, "bpy.types.Scene.tool = PointerProperty(");
        assert_eq!(&text[r[1].2.clone()], " 3");
    }

    #[test]
    fn runtime_properties_are_set_on_parameters() {
        let text = "def add_parameters(params):\n    params.size = bpy.props.FloatProperty(\n        name='Size')\n    other.x = IntProperty()\n\ndef f(a, *, p=None):\n    p.flag = BoolProperty()\n    self.no = IntProperty()\nq.top = IntProperty()\n";
        let r = runtime_properties_in(text);
        let names: Vec<&str> = r.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(names, ["size", "flag"]);
        assert_eq!(&text[r[0].2.clone()], " bpy.props.FloatProperty(\n        name='Size')");
    }
}

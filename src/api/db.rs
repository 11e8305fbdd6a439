//! Lookups over one Blender version's API: by struct name, by dotted path, by operator,
//! by node id, by Python module. Built once from an [`ApiFile`]; read-only afterwards.

use std::collections::HashMap;

use super::model::*;

pub struct ApiDb {
    pub version: String,
    file: ApiFile,
    structs: HashMap<String, usize>,
    /// struct name -> names of structs that derive from it directly
    children: HashMap<String, Vec<usize>>,
    /// operator module -> indexes into `file.operators`, in name order
    op_modules: Vec<(String, Vec<usize>)>,
    nodes: HashMap<String, usize>,
    modules: HashMap<String, usize>,
}

/// A member found on a struct, with the name of the struct (or Python base class) that
/// declares it.
#[derive(Clone, Copy)]
pub enum StructMember<'a> {
    Prop(&'a str, &'a Prop),
    Func(&'a str, &'a Func),
    /// Defined in Python: on the struct's class, or on `bpy_struct`, the base of all.
    Py(&'a str, &'a Member),
}

impl<'a> StructMember<'a> {
    pub fn name(&self) -> &'a str {
        match self {
            StructMember::Prop(_, p) => &p.name,
            StructMember::Func(_, f) => &f.name,
            StructMember::Py(_, m) => &m.name,
        }
    }
    pub fn owner(&self) -> &'a str {
        match self {
            StructMember::Prop(s, _) | StructMember::Func(s, _) | StructMember::Py(s, _) => s,
        }
    }
}

impl ApiDb {
    pub fn from_json(json: &str) -> Result<ApiDb, serde_json::Error> {
        let file: ApiFile = serde_json::from_str(json)?;
        Ok(ApiDb::new(file))
    }

    pub fn new(file: ApiFile) -> ApiDb {
        let structs: HashMap<String, usize> =
            file.structs.iter().enumerate().map(|(i, s)| (s.name.clone(), i)).collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in file.structs.iter().enumerate() {
            if let Some(base) = &s.base {
                children.entry(base.clone()).or_default().push(i);
            }
        }
        let mut op_modules: Vec<(String, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..file.operators.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&file.operators[a], &file.operators[b]);
            (&x.module, &x.name).cmp(&(&y.module, &y.name))
        });
        for i in order {
            let module = &file.operators[i].module;
            match op_modules.last_mut() {
                Some((m, ops)) if m == module => ops.push(i),
                _ => op_modules.push((module.clone(), vec![i])),
            }
        }
        let nodes = file.nodes.iter().enumerate().map(|(i, n)| (n.idname.clone(), i)).collect();
        let modules = file.modules.iter().enumerate().map(|(i, m)| (m.name.clone(), i)).collect();
        ApiDb { version: file.blender_version.clone(), file, structs, children, op_modules, nodes, modules }
    }

    /// "4.4.0" -> "4.4", the form used in documentation links.
    pub fn short_version(&self) -> &str {
        let v = self.version.as_str();
        match v.match_indices('.').nth(1) {
            Some((i, _)) => &v[..i],
            None => v,
        }
    }

    pub fn structs(&self) -> &[Struct] {
        &self.file.structs
    }

    pub fn struct_(&self, name: &str) -> Option<&Struct> {
        self.structs.get(name).map(|&i| &self.file.structs[i])
    }

    /// The struct and its bases, nearest first. Stops on a cycle or missing base.
    pub fn ancestry<'a>(&'a self, name: &str) -> Vec<&'a Struct> {
        let mut chain = Vec::new();
        let mut next = self.struct_(name);
        while let Some(s) = next {
            if chain.len() > 32 || chain.iter().any(|c: &&Struct| c.name == s.name) {
                break;
            }
            chain.push(s);
            next = s.base.as_deref().and_then(|b| self.struct_(b));
        }
        chain
    }

    pub fn is_subtype(&self, name: &str, base: &str) -> bool {
        self.ancestry(name).iter().any(|s| s.name == base)
    }

    /// Every struct deriving (transitively) from `base`, excluding `base` itself.
    pub fn descendants(&self, base: &str) -> Vec<&Struct> {
        let mut out = Vec::new();
        let mut stack = vec![base.to_string()];
        while let Some(name) = stack.pop() {
            if let Some(kids) = self.children.get(&name) {
                for &k in kids {
                    let s = &self.file.structs[k];
                    if out.len() < 10_000 {
                        out.push(s);
                        stack.push(s.name.clone());
                    }
                }
            }
        }
        out
    }

    /// A property or function of the struct, one of its bases, or `bpy_struct`.
    pub fn member(&self, struct_name: &str, name: &str) -> Option<StructMember<'_>> {
        for s in self.ancestry(struct_name) {
            if let Some(p) = s.properties.iter().find(|p| p.name == name) {
                return Some(StructMember::Prop(&s.name, p));
            }
            if let Some(f) = s.functions.iter().find(|f| f.name == name) {
                return Some(StructMember::Func(&s.name, f));
            }
            if let Some(m) = s.py_members.iter().find(|m| m.name == name) {
                return Some(StructMember::Py(&s.name, m));
            }
        }
        self.module_class("bpy.types", "bpy_struct")
            .and_then(|c| c.members.iter().find(|m| m.name == name))
            .map(|m| StructMember::Py("bpy_struct", m))
    }

    /// All members, nearest declaration wins; own members first, `bpy_struct`'s last.
    pub fn members(&self, struct_name: &str) -> Vec<StructMember<'_>> {
        let mut out: Vec<StructMember<'_>> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for s in self.ancestry(struct_name) {
            for p in &s.properties {
                if seen.insert(p.name.as_str()) {
                    out.push(StructMember::Prop(&s.name, p));
                }
            }
            for f in &s.functions {
                if seen.insert(f.name.as_str()) {
                    out.push(StructMember::Func(&s.name, f));
                }
            }
            for m in &s.py_members {
                if seen.insert(m.name.as_str()) {
                    out.push(StructMember::Py(&s.name, m));
                }
            }
        }
        if let Some(c) = self.module_class("bpy.types", "bpy_struct") {
            for m in &c.members {
                if !m.name.starts_with('_') && seen.insert(m.name.as_str()) {
                    out.push(StructMember::Py("bpy_struct", m));
                }
            }
        }
        out
    }

    /// A member of a Python-level class; for `bpy.types` classes also the Python-defined
    /// members of RNA structs and of `bpy_struct`.
    pub fn class_member(&self, module: &str, class: &str, name: &str) -> Option<&Member> {
        if let Some(m) = self.module_class(module, class).and_then(|c| c.members.iter().find(|m| m.name == name)) {
            return Some(m);
        }
        if module == "bpy.types"
            && let Some(StructMember::Py(_, m)) = self.member(class, name)
        {
            return Some(m);
        }
        None
    }

    pub fn operator_modules(&self) -> impl Iterator<Item = &str> {
        self.op_modules.iter().map(|(m, _)| m.as_str())
    }

    pub fn operators_in(&self, module: &str) -> Vec<&Operator> {
        self.op_modules
            .iter()
            .find(|(m, _)| m == module)
            .map(|(_, ops)| ops.iter().map(|&i| &self.file.operators[i]).collect())
            .unwrap_or_default()
    }

    pub fn operator(&self, module: &str, name: &str) -> Option<&Operator> {
        let (_, ops) = self.op_modules.iter().find(|(m, _)| m == module)?;
        ops.iter().map(|&i| &self.file.operators[i]).find(|o| o.name == name)
    }

    pub fn operators(&self) -> &[Operator] {
        &self.file.operators
    }

    pub fn context_members(&self) -> &[Prop] {
        &self.file.context_members
    }

    pub fn context_member(&self, name: &str) -> Option<&Prop> {
        self.file.context_members.iter().find(|p| p.name == name)
    }

    pub fn nodes(&self) -> &[Node] {
        &self.file.nodes
    }

    pub fn node(&self, idname: &str) -> Option<&Node> {
        self.nodes.get(idname).map(|&i| &self.file.nodes[i])
    }

    /// The node whose default name (its label) is `label`, preferring the given tree type.
    pub fn node_by_label(&self, label: &str, tree: Option<&str>) -> Option<&Node> {
        let mut found = self.file.nodes.iter().filter(|n| n.label == label);
        let first = found.next()?;
        if let Some(tree) = tree
            && first.tree != tree
            && let Some(n) = self.file.nodes.iter().find(|n| n.label == label && n.tree == tree)
        {
            return Some(n);
        }
        Some(first)
    }

    pub fn modules(&self) -> &[Module] {
        &self.file.modules
    }

    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.get(name).map(|&i| &self.file.modules[i])
    }

    /// A class documented in a Python-level module, e.g. ("mathutils", "Vector").
    pub fn module_class(&self, module: &str, class: &str) -> Option<&Member> {
        self.module(module)?.members.iter().find(|m| m.kind == MemberKind::Class && m.name == class)
    }

    /// Find a class by bare name in any Python-level module (docstrings name return types
    /// without their module: ":rtype: Vector", ":rtype: BMesh").
    pub fn find_class(&self, class: &str) -> Option<(&Module, &Member)> {
        self.file
            .modules
            .iter()
            .find_map(|m| m.members.iter().find(|c| c.kind == MemberKind::Class && c.name == class).map(|c| (m, c)))
    }

    pub fn counts(&self) -> ApiCounts {
        ApiCounts {
            structs: self.file.structs.len(),
            properties: self.file.structs.iter().map(|s| s.properties.len()).sum(),
            functions: self.file.structs.iter().map(|s| s.functions.len()).sum(),
            operators: self.file.operators.len(),
            nodes: self.file.nodes.len(),
            context_members: self.file.context_members.len(),
            modules: self.file.modules.len(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ApiCounts {
    pub structs: usize,
    pub properties: usize,
    pub functions: usize,
    pub operators: usize,
    pub nodes: usize,
    pub context_members: usize,
    pub modules: usize,
}

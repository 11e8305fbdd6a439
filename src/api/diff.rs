//! What changed between two Blender versions, and what the linter says about a name that the
//! targeted version does not have.
//!
//! [`ApiDiff::between`] compares two databases: structs, struct members (properties, functions,
//! Python-defined members), operators and their parameters, enum values (of struct properties,
//! function parameters and operator parameters), context members, nodes and their sockets.
//! A removed and an added entry that look like the same thing under a new name are reported as
//! one rename (see [`Change::why`] for the evidence). `rag_data/api/renames.json` adds changes
//! the data cannot show (older than the oldest built-in version) and hints on what to use.
//!
//! [`VersionNotes`] answers the linter: "`Mesh.use_auto_smooth` was removed in 4.1",
//! "`'BLENDER_EEVEE'` was renamed to `'BLENDER_EEVEE_NEXT'` in 4.2", "added in 4.5".

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::ApiDb;
use super::model::{Func, Member, Node, Operator, Prop, PropType, Socket, Struct};

/// What kind of API entry a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// `owner` is empty, `name` the struct (`bpy.types` class).
    Struct,
    /// `owner` is the struct; `detail` "property", "function" or "python".
    Member,
    /// `owner` is the module ("mesh"), `name` the operator ("primitive_cube_add").
    Operator,
    /// `owner` is the operator ("mesh.primitive_cube_add").
    OperatorParam,
    /// `owner` is "Struct.prop", "Struct.func(param)" or "module.op(param)"; `name` the identifier.
    EnumValue,
    /// `owner` is empty, `name` the node idname; `detail` the node tree type.
    Node,
    /// `owner` is the node idname, `name` the socket name; `detail` "input" or "output".
    Socket,
    /// `owner` is empty, `name` the member of `bpy.context`.
    ContextMember,
}

impl Entity {
    pub const ALL: [Entity; 8] = [
        Entity::Struct,
        Entity::Member,
        Entity::Operator,
        Entity::OperatorParam,
        Entity::EnumValue,
        Entity::Node,
        Entity::Socket,
        Entity::ContextMember,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Entity::Struct => "structs",
            Entity::Member => "struct members",
            Entity::Operator => "operators",
            Entity::OperatorParam => "operator parameters",
            Entity::EnumValue => "enum values",
            Entity::Node => "nodes",
            Entity::Socket => "node sockets",
            Entity::ContextMember => "context members",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Removed,
    Added,
    /// `new_name` is the same thing under its new name.
    Renamed,
    /// Removed; `new_name` (which may have existed before) is what to use instead.
    Replaced,
}

/// One change between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub entity: Entity,
    #[serde(default)]
    pub owner: String,
    pub name: String,
    pub kind: ChangeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// "property" / "function" / "python" (members), "input" / "output" (sockets), the tree (nodes).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// How a rename or replacement was found ("same type, similar description", "renames.json").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Advice from renames.json.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The old name still works: a socket renamed without changing its identifier is still
    /// found by `inputs["Fac"]`. Such changes give no note.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub still_works: bool,
}

impl Change {
    fn new(entity: Entity, owner: &str, name: &str, kind: ChangeKind, detail: &str) -> Change {
        Change {
            entity,
            owner: owner.to_string(),
            name: name.to_string(),
            kind,
            new_name: None,
            detail: detail.to_string(),
            why: None,
            note: None,
            still_works: false,
        }
    }

    /// "Mesh.use_auto_smooth", "mesh.primitive_cube_add", "RenderSettings.engine 'CYCLES'", ...
    pub fn path(&self) -> String {
        qualified(self.entity, &self.owner, &self.name, &self.detail)
    }
}

fn qualified(entity: Entity, owner: &str, name: &str, detail: &str) -> String {
    match entity {
        Entity::Struct | Entity::Node => name.to_string(),
        Entity::ContextMember => format!("context.{name}"),
        Entity::Member | Entity::Operator => format!("{owner}.{name}"),
        Entity::OperatorParam => format!("{owner}({name})"),
        Entity::EnumValue => format!("{owner} '{name}'"),
        Entity::Socket => format!("{owner} {}[\"{name}\"]", if detail == "output" { "outputs" } else { "inputs" }),
    }
}

/// The changes from one database to another.
#[derive(Debug, Clone, Serialize)]
pub struct ApiDiff {
    /// Short versions ("4.2").
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
}

/// Removed / added / renamed (renamed and replaced) counts for one kind of entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DiffCounts {
    pub removed: usize,
    pub added: usize,
    pub renamed: usize,
}

impl ApiDiff {
    pub fn between(old: &ApiDb, new: &ApiDb) -> ApiDiff {
        let mut d = Differ { old, new, out: Vec::new() };
        d.structs();
        d.operators();
        d.context_members();
        d.nodes();
        let mut changes = d.out;
        changes.sort_by(|a, b| (a.entity, &a.owner, &a.name, a.kind).cmp(&(b.entity, &b.owner, &b.name, b.kind)));
        ApiDiff { from: old.short_version().to_string(), to: new.short_version().to_string(), changes }
    }

    /// Add what renames.json knows about changes of this step: hints, and the new name of
    /// entries the data only shows as removed.
    pub fn annotate(&mut self, table: &[KnownChange]) {
        let (Some(from), Some(to)) = (parse_version(&self.from), parse_version(&self.to)) else { return };
        for k in table {
            let Some(v) = parse_version(&k.version) else { continue };
            if !(from < v && v <= to) {
                continue;
            }
            let found = self.changes.iter_mut().find(|c| {
                c.entity == k.entity
                    && c.owner == k.owner
                    && c.name == k.name
                    && (k.entity != Entity::Socket || c.detail == k.detail)
                    && (c.kind == ChangeKind::Added) == (k.kind == ChangeKind::Added)
            });
            if let Some(c) = found {
                if k.kind != c.kind || k.new_name.is_some() && k.new_name != c.new_name {
                    c.kind = k.kind;
                    c.new_name = k.new_name.clone();
                    c.why = Some("renames.json".to_string());
                }
                if !k.note.is_empty() {
                    c.note = Some(k.note.clone());
                }
            }
        }
        // A rename from the table replaces the "added" entry of the new name.
        let renamed: HashSet<(Entity, String, String)> = self
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Renamed && c.why.as_deref() == Some("renames.json"))
            .filter_map(|c| c.new_name.as_ref().map(|n| (c.entity, c.owner.clone(), n.clone())))
            .collect();
        self.changes
            .retain(|c| c.kind != ChangeKind::Added || !renamed.contains(&(c.entity, c.owner.clone(), c.name.clone())));
    }

    pub fn counts(&self, entity: Entity) -> DiffCounts {
        let mut c = DiffCounts::default();
        for ch in self.changes.iter().filter(|c| c.entity == entity) {
            match ch.kind {
                ChangeKind::Removed => c.removed += 1,
                ChangeKind::Added => c.added += 1,
                ChangeKind::Renamed | ChangeKind::Replaced => c.renamed += 1,
            }
        }
        c
    }

    pub fn total(&self) -> DiffCounts {
        let mut t = DiffCounts::default();
        for e in Entity::ALL {
            let c = self.counts(e);
            t.removed += c.removed;
            t.added += c.added;
            t.renamed += c.renamed;
        }
        t
    }

    pub fn find(&self, entity: Entity, owner: &str, name: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.entity == entity && c.owner == owner && c.name == name)
    }

    /// A readable report: counts, then the changes per kind of entry. Enum value changes that
    /// are the same for many owners (the icon enum of every `UILayout` function) are printed once.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Blender {} -> {}", self.from, self.to);
        let _ = writeln!(s, "{:<22} {:>8} {:>8} {:>8}", "", "removed", "added", "renamed");
        for e in Entity::ALL {
            let c = self.counts(e);
            let _ = writeln!(s, "{:<22} {:>8} {:>8} {:>8}", e.label(), c.removed, c.added, c.renamed);
        }
        let t = self.total();
        let _ = writeln!(s, "{:<22} {:>8} {:>8} {:>8}", "total", t.removed, t.added, t.renamed);
        for e in Entity::ALL {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.entity == e).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(s, "\n## {}", e.label());
            if e == Entity::EnumValue {
                enum_table(&mut s, &changes);
                continue;
            }
            for c in changes {
                let _ = writeln!(s, "{}", change_line(c));
            }
        }
        s
    }
}

fn change_line(c: &Change) -> String {
    let mut line = match c.kind {
        ChangeKind::Removed => format!("- {}", c.path()),
        ChangeKind::Added => format!("+ {}", c.path()),
        ChangeKind::Renamed | ChangeKind::Replaced => {
            let arrow = if c.kind == ChangeKind::Renamed { "->" } else { "=> use" };
            let new = c.new_name.as_deref().unwrap_or("?");
            let new = match c.entity {
                Entity::EnumValue => format!("'{new}'"),
                Entity::Socket => format!("\"{new}\""),
                _ => new.to_string(),
            };
            format!("~ {} {arrow} {new}", c.path())
        }
    };
    if !c.detail.is_empty() && matches!(c.entity, Entity::Member | Entity::Node) {
        let _ = write!(line, "  ({})", c.detail);
    }
    if let Some(why) = &c.why {
        let _ = write!(line, "  [{why}]");
    }
    if c.still_works {
        line.push_str("  (the old name still works: it is the identifier)");
    }
    if let Some(note) = &c.note {
        let _ = write!(line, "\n    {note}");
    }
    line
}

fn enum_table(s: &mut String, changes: &[&Change]) {
    // owner -> its changes, in order; then owners with identical changes are merged.
    let mut owners: Vec<(&str, Vec<String>)> = Vec::new();
    for c in changes {
        let item = match c.kind {
            ChangeKind::Removed => format!("-{}", c.name),
            ChangeKind::Added => format!("+{}", c.name),
            ChangeKind::Renamed | ChangeKind::Replaced => {
                format!("{}->{}", c.name, c.new_name.as_deref().unwrap_or("?"))
            }
        };
        match owners.last_mut() {
            Some((o, items)) if *o == c.owner => items.push(item),
            _ => owners.push((&c.owner, vec![item])),
        }
    }
    let mut groups: Vec<(Vec<&str>, &Vec<String>)> = Vec::new();
    for (owner, items) in &owners {
        match groups.iter_mut().find(|(_, its)| *its == items) {
            Some((os, _)) => os.push(owner),
            None => groups.push((vec![owner], items)),
        }
    }
    for (os, items) in groups {
        let who = if os.len() > 1 {
            format!("{} (and {} more with the same change)", os[0], os.len() - 1)
        } else {
            os[0].to_string()
        };
        let list = if items.len() > 12 {
            format!("{} ... ({} changes)", items[..12].join(" "), items.len())
        } else {
            items.join(" ")
        };
        let _ = writeln!(s, "{who}: {list}");
    }
}

// ---------------------------------------------------------------------------------------------
// Similarity

/// Lower-case words of a text or identifier ("use_auto_smooth", "ColorSequence", "Base Color").
fn words(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower && !cur.is_empty() {
                out.insert(std::mem::take(&mut cur));
            }
            prev_lower = ch.is_lowercase() || ch.is_numeric();
            cur.extend(ch.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.insert(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.insert(cur);
    }
    out
}

/// Token overlap of two texts in 0..=1 (0 when either is empty).
fn text_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(&b).count() as f64;
    inter / a.union(&b).count() as f64
}

/// Pair removed and added entries one to one, best score first; `score` returns None for
/// pairs that cannot be the same thing.
fn pair_up<R, A>(
    removed: &[R],
    added: &[A],
    score: impl Fn(&R, &A) -> Option<(f64, &'static str)>,
) -> Vec<(usize, usize, &'static str)> {
    let mut cands: Vec<(f64, usize, usize, &'static str)> = Vec::new();
    for (i, r) in removed.iter().enumerate() {
        for (j, a) in added.iter().enumerate() {
            if let Some((s, why)) = score(r, a) {
                cands.push((s, i, j, why));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_r, mut used_a) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, i, j, why) in cands {
        if !used_r.contains(&i) && !used_a.contains(&j) {
            used_r.insert(i);
            used_a.insert(j);
            out.push((i, j, why));
        }
    }
    out
}

fn same_prop_type(a: &Prop, b: &Prop) -> bool {
    a.ty == b.ty && a.fixed_type == b.fixed_type && a.array_length == b.array_length
}

/// Could property `a` have been renamed to `b`? Same type, and a similar description or name.
fn prop_rename_score(a: &Prop, b: &Prop) -> Option<(f64, &'static str)> {
    if !same_prop_type(a, b) {
        return None;
    }
    if !a.description.is_empty() && a.description == b.description {
        return Some((2.0, "same type and description"));
    }
    let d = text_similarity(&a.description, &b.description);
    let n = text_similarity(&a.name, &b.name);
    let score = 0.6 * d + 0.4 * n;
    (d >= 0.6 && n >= 0.3 || score >= 0.75).then_some((score, "same type, similar name and description"))
}

fn func_rename_score(a: &Func, b: &Func) -> Option<(f64, &'static str)> {
    let pa: HashSet<&str> = a.params.iter().map(|p| p.name.as_str()).collect();
    let pb: HashSet<&str> = b.params.iter().map(|p| p.name.as_str()).collect();
    if pa != pb {
        return None;
    }
    if !a.description.is_empty() && a.description == b.description {
        return Some((2.0, "same parameters and description"));
    }
    let d = text_similarity(&a.description, &b.description);
    let n = text_similarity(&a.name, &b.name);
    (d >= 0.7 && n >= 0.3).then_some((0.6 * d + 0.4 * n, "same parameters, similar name and description"))
}

// ---------------------------------------------------------------------------------------------
// Diff

struct Differ<'a> {
    old: &'a ApiDb,
    new: &'a ApiDb,
    out: Vec<Change>,
}

/// A struct member of any of the three kinds.
#[derive(Clone, Copy)]
enum Mem<'a> {
    Prop(&'a Prop),
    Func(&'a Func),
    Py(&'a Member),
}

impl<'a> Mem<'a> {
    fn name(&self) -> &'a str {
        match self {
            Mem::Prop(p) => &p.name,
            Mem::Func(f) => &f.name,
            Mem::Py(m) => &m.name,
        }
    }
    fn detail(&self) -> &'static str {
        match self {
            Mem::Prop(_) => "property",
            Mem::Func(_) => "function",
            Mem::Py(_) => "python",
        }
    }
}

fn own_members(s: &Struct) -> Vec<Mem<'_>> {
    let mut out: Vec<Mem<'_>> = s.properties.iter().map(Mem::Prop).collect();
    out.extend(s.functions.iter().map(Mem::Func));
    out.extend(s.py_members.iter().map(Mem::Py));
    out
}

fn is_enum(p: &Prop) -> bool {
    p.ty == PropType::Enum && !p.enum_items.is_empty()
}

impl<'a> Differ<'a> {
    fn push(&mut self, c: Change) {
        self.out.push(c);
    }

    fn structs(&mut self) {
        let (old, new) = (self.old, self.new);
        let removed: Vec<&Struct> = old.structs().iter().filter(|s| new.struct_(&s.name).is_none()).collect();
        let added: Vec<&Struct> = new.structs().iter().filter(|s| old.struct_(&s.name).is_none()).collect();
        // Members most structs have (node structs all define `input_template`, ...) say nothing.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for s in old.structs() {
            for m in own_members(s) {
                *counts.entry(m.name()).or_default() += 1;
            }
        }
        let common: HashSet<&str> = counts.into_iter().filter(|(_, n)| *n >= 25).map(|(m, _)| m).collect();
        let pairs = pair_up(&removed, &added, |r, a| struct_rename_score(r, a, &common));
        let (pr, pa): (HashSet<usize>, HashSet<usize>) =
            (pairs.iter().map(|p| p.0).collect(), pairs.iter().map(|p| p.1).collect());
        for (i, j, why) in &pairs {
            let mut c = Change::new(Entity::Struct, "", &removed[*i].name, ChangeKind::Renamed, "");
            c.new_name = Some(added[*j].name.clone());
            c.why = Some(why.to_string());
            self.push(c);
            self.members(removed[*i], added[*j]);
        }
        for (i, s) in removed.iter().enumerate() {
            if !pr.contains(&i) {
                self.push(Change::new(Entity::Struct, "", &s.name, ChangeKind::Removed, ""));
            }
        }
        for (j, s) in added.iter().enumerate() {
            if !pa.contains(&j) {
                self.push(Change::new(Entity::Struct, "", &s.name, ChangeKind::Added, ""));
            }
        }
        for s in old.structs() {
            if let Some(n) = new.struct_(&s.name) {
                self.members(s, n);
            }
        }
    }

    /// Members of a struct that exists in both versions (`o` old, `n` new; the names differ for
    /// a renamed struct, changes are reported on the new name).
    fn members(&mut self, o: &'a Struct, n: &'a Struct) {
        let (old, new) = (self.old, self.new);
        let om = own_members(o);
        let nm = own_members(n);
        let on: HashSet<&str> = om.iter().map(|m| m.name()).collect();
        let nn: HashSet<&str> = nm.iter().map(|m| m.name()).collect();
        // Members that moved to a base class (or from one) are still there for users.
        let removed: Vec<Mem<'_>> =
            om.iter().copied().filter(|m| !nn.contains(m.name()) && new.member(&n.name, m.name()).is_none()).collect();
        let added: Vec<Mem<'_>> =
            nm.iter().copied().filter(|m| !on.contains(m.name()) && old.member(&o.name, m.name()).is_none()).collect();
        let pairs = pair_up(&removed, &added, |r, a| match (r, a) {
            (Mem::Prop(r), Mem::Prop(a)) => prop_rename_score(r, a),
            (Mem::Func(r), Mem::Func(a)) => func_rename_score(r, a),
            _ => None,
        });
        let start = self.out.len();
        self.emit_pairs(Entity::Member, &n.name, &removed, &added, &pairs, |m| m.name(), |m| m.detail());
        // 5.0 turned many compositor node settings into input sockets.
        if let (Some(_), Some(nn)) = (old.node(&o.name), new.node(&n.name)) {
            // (key to use, name, identifier); the identifier is the key when names repeat.
            let inputs: Vec<(&str, &str, &str, &str)> = nn
                .inputs
                .iter()
                .map(|s| {
                    let unique = nn.inputs.iter().filter(|x| x.name == s.name).count() == 1;
                    let name = if unique { s.name.as_str() } else { s.identifier.as_str() };
                    (name, s.name.as_str(), s.identifier.as_str(), s.ty.as_str())
                })
                .collect();
            let mut used = HashSet::new();
            for c in &mut self.out[start..] {
                if c.kind != ChangeKind::Removed || c.detail != "property" {
                    continue;
                }
                let Some(prop) = o.properties.iter().find(|p| p.name == c.name) else { continue };
                let best = inputs
                    .iter()
                    .filter(|(key, _, ident, ty)| !used.contains(key) && !used.contains(ident) && socket_fits(prop, ty))
                    .map(|(key, name, ident, _)| {
                        // The key is what matched: `inputs[...]` finds names and identifiers.
                        let (by_name, by_ident) = (text_similarity(&c.name, name), text_similarity(&c.name, ident));
                        if by_ident > by_name { (by_ident, *ident) } else { (by_name, *key) }
                    })
                    .filter(|(s, _)| *s >= 0.5)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, input)) = best {
                    used.insert(input);
                    c.kind = ChangeKind::Replaced;
                    c.new_name = Some(format!("inputs[\"{input}\"]"));
                    c.why = Some("a node input with a similar name".to_string());
                }
            }
        }
        // Enum values of properties and of function parameters in both versions.
        for p in &o.properties {
            if let Some(q) = n.properties.iter().find(|q| q.name == p.name) {
                self.enum_values(&format!("{}.{}", n.name, p.name), p, q);
            }
        }
        for f in &o.functions {
            if let Some(g) = n.functions.iter().find(|g| g.name == f.name) {
                for p in &f.params {
                    if let Some(q) = g.params.iter().find(|q| q.name == p.name) {
                        self.enum_values(&format!("{}.{}({})", n.name, f.name, p.name), p, q);
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_pairs<T>(
        &mut self,
        entity: Entity,
        owner: &str,
        removed: &[T],
        added: &[T],
        pairs: &[(usize, usize, &'static str)],
        name: impl Fn(&T) -> &str,
        detail: impl Fn(&T) -> &str,
    ) {
        let pr: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
        let pa: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
        for (i, j, why) in pairs {
            let mut c = Change::new(entity, owner, name(&removed[*i]), ChangeKind::Renamed, detail(&removed[*i]));
            c.new_name = Some(name(&added[*j]).to_string());
            c.why = Some(why.to_string());
            self.push(c);
        }
        for (i, r) in removed.iter().enumerate() {
            if !pr.contains(&i) {
                self.push(Change::new(entity, owner, name(r), ChangeKind::Removed, detail(r)));
            }
        }
        for (j, a) in added.iter().enumerate() {
            if !pa.contains(&j) {
                self.push(Change::new(entity, owner, name(a), ChangeKind::Added, detail(a)));
            }
        }
    }

    fn enum_values(&mut self, owner: &str, o: &Prop, n: &Prop) {
        if !is_enum(o) || !is_enum(n) {
            return;
        }
        let oi: HashSet<&str> = o.enum_items.iter().map(|i| i.identifier()).collect();
        let ni: HashSet<&str> = n.enum_items.iter().map(|i| i.identifier()).collect();
        let removed: Vec<_> = o.enum_items.iter().filter(|i| !ni.contains(i.identifier())).collect();
        let added: Vec<_> = n.enum_items.iter().filter(|i| !oi.contains(i.identifier())).collect();
        if removed.is_empty() && added.is_empty() {
            return;
        }
        let pairs = pair_up(&removed, &added, |r, a| {
            if !r.name().is_empty() && r.name().eq_ignore_ascii_case(a.name()) {
                Some((2.0, "same name"))
            } else if !r.description().is_empty() && r.description() == a.description() {
                Some((1.0, "same description"))
            } else {
                None
            }
        });
        self.emit_pairs(Entity::EnumValue, owner, &removed, &added, &pairs, |i| i.identifier(), |_| "");
    }

    fn operators(&mut self) {
        let (old, new) = (self.old, self.new);
        let key = |o: &Operator| format!("{}.{}", o.module, o.name);
        let removed: Vec<&Operator> =
            old.operators().iter().filter(|o| new.operator(&o.module, &o.name).is_none()).collect();
        let added: Vec<&Operator> =
            new.operators().iter().filter(|o| old.operator(&o.module, &o.name).is_none()).collect();
        let pairs = pair_up(&removed, &added, |r, a| operator_rename_score(r, a));
        let pr: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
        let pa: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
        for (i, j, why) in &pairs {
            let mut c = Change::new(Entity::Operator, &removed[*i].module, &removed[*i].name, ChangeKind::Renamed, "");
            c.new_name = Some(key(added[*j]));
            c.why = Some(why.to_string());
            self.push(c);
        }
        for (i, o) in removed.iter().enumerate() {
            if !pr.contains(&i) {
                self.push(Change::new(Entity::Operator, &o.module, &o.name, ChangeKind::Removed, ""));
            }
        }
        for (j, o) in added.iter().enumerate() {
            if !pa.contains(&j) {
                self.push(Change::new(Entity::Operator, &o.module, &o.name, ChangeKind::Added, ""));
            }
        }
        for o in old.operators() {
            let Some(n) = new.operator(&o.module, &o.name) else { continue };
            let id = key(o);
            let removed: Vec<&Prop> = o.params.iter().filter(|p| !n.params.iter().any(|q| q.name == p.name)).collect();
            let added: Vec<&Prop> = n.params.iter().filter(|p| !o.params.iter().any(|q| q.name == p.name)).collect();
            let pairs = pair_up(&removed, &added, |r, a| prop_rename_score(r, a));
            self.emit_pairs(Entity::OperatorParam, &id, &removed, &added, &pairs, |p| &p.name, |_| "");
            for p in &o.params {
                if let Some(q) = n.params.iter().find(|q| q.name == p.name) {
                    self.enum_values(&format!("{id}({})", p.name), p, q);
                }
            }
        }
    }

    fn context_members(&mut self) {
        let (old, new) = (self.old, self.new);
        let removed: Vec<&Prop> =
            old.context_members().iter().filter(|p| new.context_member(&p.name).is_none()).collect();
        let added: Vec<&Prop> =
            new.context_members().iter().filter(|p| old.context_member(&p.name).is_none()).collect();
        let pairs = pair_up(&removed, &added, |r, a| {
            (same_prop_type(r, a) && r.fixed_type.is_some() && text_similarity(&r.name, &a.name) >= 0.5)
                .then_some((text_similarity(&r.name, &a.name), "same type, similar name"))
        });
        self.emit_pairs(Entity::ContextMember, "", &removed, &added, &pairs, |p| &p.name, |_| "");
    }

    fn nodes(&mut self) {
        let (old, new) = (self.old, self.new);
        let removed: Vec<&Node> = old.nodes().iter().filter(|n| new.node(&n.idname).is_none()).collect();
        let added: Vec<&Node> = new.nodes().iter().filter(|n| old.node(&n.idname).is_none()).collect();
        let pairs = pair_up(&removed, &added, |r, a| {
            (!r.label.is_empty() && r.label == a.label && r.tree == a.tree).then_some((1.0, "same label and tree"))
        });
        let pr: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
        let pa: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
        for (i, j, why) in &pairs {
            let mut c = Change::new(Entity::Node, "", &removed[*i].idname, ChangeKind::Renamed, &removed[*i].tree);
            c.new_name = Some(added[*j].idname.clone());
            c.why = Some(why.to_string());
            self.push(c);
            self.sockets(removed[*i], added[*j]);
        }
        for (i, r) in removed.iter().enumerate() {
            if pr.contains(&i) {
                continue;
            }
            // A node of another family with the same label that now works in this tree
            // (5.0: CompositorNodeMath -> ShaderNodeMath in compositor trees).
            let replacement = new.nodes().iter().find(|n| {
                n.idname != r.idname && n.label == r.label && !r.label.is_empty() && node_in_tree(n, &r.tree)
            });
            match replacement {
                Some(n) => {
                    let mut c = Change::new(Entity::Node, "", &r.idname, ChangeKind::Replaced, &r.tree);
                    c.new_name = Some(n.idname.clone());
                    c.why = Some(format!("same label, works in {} trees", tree_short(&r.tree)));
                    self.push(c);
                }
                None => self.push(Change::new(Entity::Node, "", &r.idname, ChangeKind::Removed, &r.tree)),
            }
        }
        for (j, a) in added.iter().enumerate() {
            if !pa.contains(&j) {
                self.push(Change::new(Entity::Node, "", &a.idname, ChangeKind::Added, &a.tree));
            }
        }
        for o in old.nodes() {
            if let Some(n) = new.node(&o.idname) {
                self.sockets(o, n);
            }
        }
    }

    fn sockets(&mut self, o: &Node, n: &Node) {
        for (side, os, ns) in [("input", &o.inputs, &n.inputs), ("output", &o.outputs, &n.outputs)] {
            let on: HashSet<&str> = os.iter().map(|s| s.name.as_str()).collect();
            let nn: HashSet<&str> = ns.iter().map(|s| s.name.as_str()).collect();
            // (position, socket) of the first socket of each removed / added name
            let mut seen = HashSet::new();
            let removed: Vec<(usize, &Socket)> = os
                .iter()
                .enumerate()
                .filter(|(_, s)| !nn.contains(s.name.as_str()) && seen.insert(s.name.as_str()))
                .collect();
            let mut seen = HashSet::new();
            let added: Vec<(usize, &Socket)> = ns
                .iter()
                .enumerate()
                .filter(|(_, s)| !on.contains(s.name.as_str()) && seen.insert(s.name.as_str()))
                .collect();
            let lone = removed.len() == 1 && added.len() == 1;
            let pairs = pair_up(&removed, &added, |(i, r), (j, a)| {
                if r.idname != a.idname {
                    None
                } else if i == j {
                    Some((3.0, "same position and type"))
                } else if !r.identifier.is_empty() && r.identifier == a.identifier {
                    Some((2.0, "same identifier"))
                } else if lone {
                    Some((1.0, "only change, same type"))
                } else {
                    None
                }
            });
            let start = self.out.len();
            self.emit_pairs(Entity::Socket, &n.idname, &removed, &added, &pairs, |(_, s)| &s.name, |_| side);
            // `inputs[key]` also matches identifiers.
            for c in &mut self.out[start..] {
                if c.kind != ChangeKind::Added && ns.iter().any(|s| s.identifier == c.name) {
                    c.still_works = true;
                }
            }
        }
    }
}

/// Whether a node input of RNA socket type `ty` can hold what property `p` held.
fn socket_fits(p: &Prop, ty: &str) -> bool {
    match p.ty {
        PropType::Enum => ty == "MENU",
        PropType::Boolean => ty == "BOOLEAN",
        PropType::Int | PropType::Float => matches!(ty, "VALUE" | "INT" | "VECTOR" | "RGBA"),
        PropType::String => ty == "STRING",
        PropType::Pointer | PropType::Collection => {
            !matches!(ty, "VALUE" | "INT" | "VECTOR" | "RGBA" | "BOOLEAN" | "MENU" | "STRING" | "SHADER")
        }
    }
}

fn node_in_tree(n: &Node, tree: &str) -> bool {
    n.tree == tree || n.trees.iter().any(|t| t == tree)
}

fn tree_short(tree: &str) -> &str {
    tree.strip_suffix("NodeTree").unwrap_or(tree)
}

fn struct_rename_score(r: &Struct, a: &Struct, ubiquitous: &HashSet<&str>) -> Option<(f64, &'static str)> {
    let names = |s: &Struct| -> HashSet<String> {
        own_members(s).iter().map(|m| m.name()).filter(|m| !ubiquitous.contains(m)).map(str::to_string).collect()
    };
    let (rm, am) = (names(r), names(a));
    let common = rm.intersection(&am).count();
    let members = if rm.is_empty() && am.is_empty() { 0.0 } else { common as f64 / rm.union(&am).count() as f64 };
    let name = text_similarity(&r.name, &a.name);
    let same_descr = !r.description.is_empty() && r.description == a.description;
    if members >= 0.7 && common >= 2 && (name > 0.0 || same_descr) {
        Some((members + 0.5 * name + if same_descr { 0.5 } else { 0.0 }, "same members"))
    } else if same_descr && name >= 0.3 && (members >= 0.5 || rm.is_empty() && am.is_empty()) {
        Some((0.5 + name, "same description, similar name"))
    } else {
        None
    }
}

fn operator_rename_score(r: &Operator, a: &Operator) -> Option<(f64, &'static str)> {
    let rp: HashSet<&str> = r.params.iter().map(|p| p.name.as_str()).collect();
    let ap: HashSet<&str> = a.params.iter().map(|p| p.name.as_str()).collect();
    let params = if rp.is_empty() && ap.is_empty() {
        1.0
    } else {
        rp.intersection(&ap).count() as f64 / rp.union(&ap).count() as f64
    };
    let same_descr = !r.description.is_empty() && r.description == a.description;
    let name = text_similarity(&r.name, &a.name);
    if same_descr && params >= 0.5 {
        Some((2.0 + params + name, "same description and parameters"))
    } else if r.module == a.module && params >= 0.8 && rp.len() >= 2 && name >= 0.5 {
        Some((1.0 + params + name, "same parameters, similar name"))
    } else {
        None
    }
}

/// `bpy-lsp api diff FROM TO [--json]`: the changes between two built-in versions, with what
/// renames.json knows about them.
pub fn diff_report(from: &str, to: &str, json: bool) -> anyhow::Result<String> {
    let (a, b) = (super::load_version(from)?, super::load_version(to)?);
    let mut diff = ApiDiff::between(&a, &b);
    diff.annotate(known_changes()?);
    if json { Ok(serde_json::to_string_pretty(&diff)? + "\n") } else { Ok(diff.to_table()) }
}

/// Whether `db` has the entry named as in a [`Change`]. Sockets match names and identifiers
/// (as `inputs[key]` does); `detail` is "input" or "output" for sockets.
pub fn exists_in(db: &ApiDb, entity: Entity, owner: &str, name: &str, detail: &str) -> bool {
    use super::StructMember;
    let has_item = |p: &Prop| p.enum_items.iter().any(|i| i.identifier() == name);
    match entity {
        Entity::Struct => db.struct_(name).is_some(),
        Entity::Member => db.member(owner, name).is_some(),
        Entity::Operator => db.operator(owner, name).is_some(),
        Entity::OperatorParam => owner
            .split_once('.')
            .and_then(|(m, o)| db.operator(m, o))
            .is_some_and(|o| o.params.iter().any(|p| p.name == name)),
        Entity::EnumValue => {
            if let Some((head, param)) = owner.strip_suffix(')').and_then(|o| o.split_once('(')) {
                let Some((a, b)) = head.split_once('.') else { return false };
                if a.starts_with(|c: char| c.is_ascii_uppercase()) {
                    match db.member(a, b) {
                        Some(StructMember::Func(_, f)) => f.params.iter().any(|p| p.name == param && has_item(p)),
                        _ => false,
                    }
                } else {
                    db.operator(a, b).is_some_and(|o| o.params.iter().any(|p| p.name == param && has_item(p)))
                }
            } else {
                match owner.split_once('.').and_then(|(s, p)| db.member(s, p)) {
                    Some(StructMember::Prop(_, p)) => has_item(p),
                    _ => false,
                }
            }
        }
        Entity::Node => db.node(name).is_some(),
        Entity::Socket => db.node(owner).is_some_and(|n| {
            let side = if detail == "output" { &n.outputs } else { &n.inputs };
            side.iter().any(|s| s.name == name || s.identifier == name)
        }),
        Entity::ContextMember => db.context_member(name).is_some(),
    }
}

// ---------------------------------------------------------------------------------------------
// The hand-checked table rag_data/api/renames.json

static RENAMES_JSON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/renames.json"));

/// One entry of `rag_data/api/renames.json`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct KnownChange {
    pub entity: Entity,
    #[serde(default)]
    pub owner: String,
    pub name: String,
    pub kind: ChangeKind,
    #[serde(default)]
    pub new_name: Option<String>,
    /// "input" / "output" for sockets.
    #[serde(default)]
    pub detail: String,
    /// The Blender version that made the change ("4.0").
    pub version: String,
    /// "hand": from release notes, before the oldest built-in version (the data can only confirm
    /// the state after it); "data": confirmed by the built-in databases.
    pub checked: String,
    #[serde(default)]
    pub note: String,
    /// The data shows the change between two built-in versions but not in which release in
    /// between: keep the range instead of `version`.
    #[serde(default)]
    pub approximate: bool,
}

#[derive(Deserialize)]
struct RenamesFile {
    format: u32,
    changes: Vec<KnownChange>,
}

/// The hand-checked table of known changes (`rag_data/api/renames.json`).
pub fn known_changes() -> anyhow::Result<&'static [KnownChange]> {
    static TABLE: OnceLock<Result<Vec<KnownChange>, String>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let file: RenamesFile = serde_json::from_str(RENAMES_JSON).map_err(|e| format!("renames.json: {e}"))?;
        if file.format != 1 {
            return Err(format!("renames.json: unsupported format {}", file.format));
        }
        Ok(file.changes)
    });
    match table {
        Ok(t) => Ok(t),
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

// ---------------------------------------------------------------------------------------------
// Notes for the linter

/// "4.2" -> (4, 2)
pub fn parse_version(v: &str) -> Option<(u32, u32)> {
    let mut it = v.trim().split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next().unwrap_or("0").parse().ok()?;
    Some((major, minor))
}

/// The release series after `v`: 4.4 -> 4.5, 4.5 -> 5.0, 3.6 -> 4.0, 2.93 -> 3.0.
fn next_series(v: (u32, u32)) -> (u32, u32) {
    let last_minor = match v.0 {
        2 => 93,
        3 => 6,
        4 => 5,
        _ => u32::MAX,
    };
    if v.1 >= last_minor { (v.0 + 1, 0) } else { (v.0, v.1 + 1) }
}

fn fmt_version(v: (u32, u32)) -> String {
    format!("{}.{}", v.0, v.1)
}

/// What the linter can say about a name the targeted version does not have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub kind: ChangeKind,
    /// The first version with the change ("4.5").
    pub version: String,
    /// The last version known without the change, when that is not the release before
    /// `version` (the data has no version in between): "4.2" for a change seen from 4.2 to 4.4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Renamed / replaced: the name to use from `version` on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// Added under a new name: the old name, which older versions use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_name: Option<String>,
    /// Advice from renames.json.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// "removed in 4.5", "renamed to 'X' in 4.0", "added in 4.5".
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, ": {h}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct Event {
    version: (u32, u32),
    /// The last version known without the change (data only).
    after: Option<(u32, u32)>,
    kind: ChangeKind,
    new_name: Option<String>,
    old_name: Option<String>,
    hint: Option<String>,
}

impl Event {
    /// Whether the entry exists right after this event.
    fn exists_after(&self) -> bool {
        self.kind == ChangeKind::Added
    }

    fn note(&self) -> Note {
        // Without data of the versions in between, the change happened in one of them.
        let when = match self.after {
            Some(a) if next_series(a) != self.version => {
                let first = next_series(a);
                let joint = if next_series(first) == self.version { "or" } else { "to" };
                format!("in {} {joint} {}", fmt_version(first), fmt_version(self.version))
            }
            _ => format!("in {}", fmt_version(self.version)),
        };
        let quote = |n: &str| format!("'{n}'");
        let message = match self.kind {
            ChangeKind::Removed => format!("removed {when}"),
            ChangeKind::Renamed => format!("renamed to {} {when}", quote(self.new_name.as_deref().unwrap_or("?"))),
            ChangeKind::Replaced => {
                format!("removed {when}, use {} instead", quote(self.new_name.as_deref().unwrap_or("?")))
            }
            ChangeKind::Added => match &self.old_name {
                Some(old) => format!("added {when} as the new name of {}", quote(old)),
                None => format!("added {when}"),
            },
        };
        Note {
            kind: self.kind,
            version: fmt_version(self.version),
            since: self.after.filter(|a| next_series(*a) != self.version).map(fmt_version),
            new_name: self.new_name.clone(),
            old_name: self.old_name.clone(),
            hint: self.hint.clone(),
            message,
        }
    }
}

type Key = (Entity, String, String);

/// The history of every changed entry over the built-in versions plus renames.json.
///
/// It keeps names only, not the databases it was built from: the linter of a server asks it
/// about unknown names, and the other versions' databases need not stay in memory for that.
pub struct VersionHistory {
    /// Built-in versions, oldest first, each with the direct base of every struct that has one.
    versions: Vec<((u32, u32), HashMap<String, String>)>,
    /// How many diffs between consecutive versions it was built from (the diffs themselves
    /// are not kept: `ApiDiff::between` gives them).
    diff_count: usize,
    events: HashMap<Key, Vec<Event>>,
}

fn key(entity: Entity, owner: &str, name: &str, detail: &str) -> Key {
    // Inputs and outputs of a node are separate name spaces.
    let owner = if entity == Entity::Socket { format!("{owner}/{detail}") } else { owner.to_string() };
    (entity, owner, name.to_string())
}

impl VersionHistory {
    /// The history of the built-in versions, built once. Versions whose database is not
    /// loaded already are built for this and dropped afterwards.
    pub fn get() -> anyhow::Result<Arc<VersionHistory>> {
        static HISTORY: OnceLock<Result<Arc<VersionHistory>, String>> = OnceLock::new();
        HISTORY
            .get_or_init(|| {
                let mut dbs = Vec::new();
                for v in super::available_versions() {
                    let db = match super::versions::cached_version(v) {
                        Some(db) => db,
                        None => Arc::new(ApiDb::new(super::version_file(v).map_err(|e| e.to_string())?)),
                    };
                    dbs.push(db);
                }
                let table = known_changes().map_err(|e| e.to_string())?;
                let history = VersionHistory::new(dbs, table);
                super::versions::release_free_memory();
                Ok(Arc::new(history))
            })
            .clone()
            .map_err(|e| anyhow::anyhow!(e))
    }

    /// The history of the given databases (any order) and known changes.
    pub fn new(mut dbs: Vec<Arc<ApiDb>>, table: &[KnownChange]) -> VersionHistory {
        dbs.sort_by_key(|db| parse_version(&db.version).unwrap_or((0, 0)));
        let versions: Vec<((u32, u32), Arc<ApiDb>)> =
            dbs.into_iter().map(|db| (parse_version(&db.version).unwrap_or((0, 0)), db)).collect();
        let diffs: Vec<ApiDiff> = versions
            .windows(2)
            .map(|w| {
                let mut d = ApiDiff::between(&w[0].1, &w[1].1);
                d.annotate(table);
                d
            })
            .collect();
        let mut events: HashMap<Key, Vec<Event>> = HashMap::new();
        for (i, diff) in diffs.iter().enumerate() {
            let (after, version) = (versions[i].0, versions[i + 1].0);
            for c in &diff.changes {
                let ev = Event {
                    version,
                    after: Some(after),
                    kind: c.kind,
                    new_name: c.new_name.clone(),
                    old_name: None,
                    hint: c.note.clone(),
                };
                // The old name still works: nothing to say about it (the new name is news).
                if !c.still_works {
                    events.entry(key(c.entity, &c.owner, &c.name, &c.detail)).or_default().push(ev);
                }
                if c.kind == ChangeKind::Renamed
                    && let Some(new_name) = &c.new_name
                {
                    let (owner, name) = renamed_key(c.entity, &c.owner, new_name);
                    let ev = Event {
                        version,
                        after: Some(after),
                        kind: ChangeKind::Added,
                        new_name: None,
                        old_name: Some(old_full_name(c.entity, &c.owner, &c.name)),
                        hint: None,
                    };
                    events.entry(key(c.entity, &owner, &name, &c.detail)).or_default().push(ev);
                }
            }
        }
        for k in table {
            let Some(version) = parse_version(&k.version) else { continue };
            let hint = (!k.note.is_empty()).then(|| k.note.clone());
            let evs = events.entry(key(k.entity, &k.owner, &k.name, &k.detail)).or_default();
            // A change the data shows too: keep the data's event, add the exact version and hint.
            let matching = evs.iter_mut().find(|e| {
                (e.kind == k.kind || e.kind != ChangeKind::Added && k.kind != ChangeKind::Added)
                    && e.after.is_some_and(|a| a < version)
                    && version <= e.version
            });
            match matching {
                Some(e) => {
                    if !k.approximate {
                        e.version = version;
                        e.after = None;
                    }
                    e.kind = k.kind;
                    if k.new_name.is_some() {
                        e.new_name = k.new_name.clone();
                    }
                    e.hint = hint.clone();
                }
                None => evs.push(Event {
                    version,
                    after: None,
                    kind: k.kind,
                    new_name: k.new_name.clone(),
                    old_name: None,
                    hint: hint.clone(),
                }),
            }
            if let (ChangeKind::Renamed, Some(new_name)) = (k.kind, &k.new_name) {
                let (owner, name) = renamed_key(k.entity, &k.owner, new_name);
                let evs = events.entry(key(k.entity, &owner, &name, &k.detail)).or_default();
                let matching = evs.iter_mut().find(|e| {
                    e.kind == ChangeKind::Added && e.after.is_some_and(|a| a < version) && version <= e.version
                });
                match matching {
                    Some(e) => {
                        if !k.approximate {
                            e.version = version;
                            e.after = None;
                        }
                        e.old_name = Some(old_full_name(k.entity, &k.owner, &k.name));
                    }
                    None => evs.push(Event {
                        version,
                        after: None,
                        kind: ChangeKind::Added,
                        new_name: None,
                        old_name: Some(old_full_name(k.entity, &k.owner, &k.name)),
                        hint: None,
                    }),
                }
            }
        }
        for evs in events.values_mut() {
            evs.sort_by_key(|e| e.version);
        }
        let versions = versions
            .into_iter()
            .map(|(v, db)| {
                let bases = db.structs().iter().filter_map(|s| Some((s.name.clone(), s.base.clone()?))).collect();
                (v, bases)
            })
            .collect();
        VersionHistory { versions, diff_count: diffs.len(), events }
    }

    /// How many diffs between consecutive versions the history was built from.
    pub fn diff_count(&self) -> usize {
        self.diff_count
    }

    /// The built-in versions, oldest first.
    pub fn versions(&self) -> Vec<String> {
        self.versions.iter().map(|(v, _)| fmt_version(*v)).collect()
    }

    /// Notes for code that targets `version` ("4.2", "4.4.0"; versions without a built-in
    /// database work too, with the nearest older one for inheritance).
    pub fn notes_for(self: &Arc<Self>, version: &str) -> anyhow::Result<VersionNotes> {
        let target = parse_version(version).ok_or_else(|| anyhow::anyhow!("not a Blender version: {version:?}"))?;
        let index = self
            .versions
            .iter()
            .rposition(|(v, _)| *v <= target)
            .or_else(|| (!self.versions.is_empty()).then_some(0))
            .ok_or_else(|| anyhow::anyhow!("no API database"))?;
        Ok(VersionNotes { history: self.clone(), target, index, db: OnceLock::new() })
    }

    fn note(&self, target: (u32, u32), k: &Key) -> Option<Note> {
        let evs = self.events.get(k)?;
        // The last change at or before the target decides whether the entry exists there;
        // with none, the first change after it does.
        match evs.iter().rev().find(|e| e.version <= target) {
            Some(e) if !e.exists_after() => Some(e.note()),
            Some(_) => None,
            None => {
                let first = evs.first()?;
                first.exists_after().then(|| first.note())
            }
        }
    }
}

/// How to name the old entry in "added as the new name of ...": operators with their module.
fn old_full_name(entity: Entity, owner: &str, name: &str) -> String {
    match entity {
        Entity::Operator => format!("{owner}.{name}"),
        _ => name.to_string(),
    }
}

/// The (owner, name) a renamed entry has after the rename.
fn renamed_key(entity: Entity, owner: &str, new_name: &str) -> (String, String) {
    match entity {
        // Operators are renamed to "module.name".
        Entity::Operator => match new_name.split_once('.') {
            Some((m, n)) => (m.to_string(), n.to_string()),
            None => (owner.to_string(), new_name.to_string()),
        },
        _ => (owner.to_string(), new_name.to_string()),
    }
}

/// What changed about names, as seen from one targeted Blender version.
///
/// Ask only about names the targeted version lacks (the lookups return `None` for entries that
/// exist in the target): "removed in 4.5", "renamed to 'X' in 4.0", "added in 4.5".
pub struct VersionNotes {
    history: Arc<VersionHistory>,
    target: (u32, u32),
    /// The built-in version used for the target (the nearest older one).
    index: usize,
    db: OnceLock<Arc<ApiDb>>,
}

impl VersionNotes {
    /// Notes for a targeted version, over all built-in versions (loads them on first use).
    pub fn for_version(version: &str) -> anyhow::Result<VersionNotes> {
        VersionHistory::get()?.notes_for(version)
    }

    pub fn target(&self) -> String {
        fmt_version(self.target)
    }

    /// The database of the targeted version (the nearest older built-in one), loaded on
    /// first use.
    pub fn db(&self) -> anyhow::Result<&Arc<ApiDb>> {
        if let Some(db) = self.db.get() {
            return Ok(db);
        }
        let v = self.history.versions[self.index].0;
        let db = super::load_version(&fmt_version(v))?;
        Ok(self.db.get_or_init(|| db))
    }

    fn get(&self, entity: Entity, owner: &str, name: &str, detail: &str) -> Option<Note> {
        self.history.note(self.target, &key(entity, owner, name, detail))
    }

    /// The struct and its bases, in the target and in every other version.
    fn owners(&self, struct_name: &str) -> Vec<String> {
        let mut out = vec![struct_name.to_string()];
        let target = &self.history.versions[self.index].1;
        let all = std::iter::once(target).chain(self.history.versions.iter().map(|(_, bases)| bases));
        for bases in all {
            // Bases, nearest first; a cycle stops at the depth limit.
            let mut at = struct_name;
            for _ in 0..32 {
                let Some(base) = bases.get(at) else { break };
                if !out.contains(base) {
                    out.push(base.clone());
                }
                at = base;
            }
        }
        out
    }

    /// A struct (`bpy.types` class).
    pub fn lookup_struct(&self, name: &str) -> Option<Note> {
        self.get(Entity::Struct, "", name, "")
    }

    /// A property, function or Python-defined member of a struct or one of its bases.
    pub fn lookup_member(&self, struct_name: &str, name: &str) -> Option<Note> {
        self.owners(struct_name).iter().find_map(|o| self.get(Entity::Member, o, name, ""))
    }

    /// A value of an enum property: `("RenderSettings", "engine", "BLENDER_EEVEE")`.
    pub fn lookup_enum_value(&self, struct_name: &str, prop: &str, value: &str) -> Option<Note> {
        self.owners(struct_name).iter().find_map(|o| self.get(Entity::EnumValue, &format!("{o}.{prop}"), value, ""))
    }

    /// A value of an enum parameter of a struct function: `("UILayout", "prop", "icon", "X")`.
    pub fn lookup_function_enum_value(&self, struct_name: &str, func: &str, param: &str, value: &str) -> Option<Note> {
        self.owners(struct_name)
            .iter()
            .find_map(|o| self.get(Entity::EnumValue, &format!("{o}.{func}({param})"), value, ""))
    }

    /// An operator: `"mesh.primitive_cube_add"` (with or without `bpy.ops.`).
    pub fn lookup_operator(&self, op: &str) -> Option<Note> {
        let op = op.strip_prefix("bpy.ops.").unwrap_or(op);
        let (module, name) = op.split_once('.')?;
        self.get(Entity::Operator, module, name, "")
    }

    /// A parameter of an operator: `("object.modifier_add", "type")`.
    pub fn lookup_operator_param(&self, op: &str, param: &str) -> Option<Note> {
        let op = op.strip_prefix("bpy.ops.").unwrap_or(op);
        self.get(Entity::OperatorParam, op, param, "")
    }

    /// A value of an enum parameter of an operator: `("object.modifier_add", "type", "X")`.
    pub fn lookup_operator_enum_value(&self, op: &str, param: &str, value: &str) -> Option<Note> {
        let op = op.strip_prefix("bpy.ops.").unwrap_or(op);
        self.get(Entity::EnumValue, &format!("{op}({param})"), value, "")
    }

    /// A node type: `"CompositorNodeMath"`.
    pub fn lookup_node(&self, idname: &str) -> Option<Note> {
        self.get(Entity::Node, "", idname, "")
    }

    /// A socket of a node by name, inputs first: `("ShaderNodeBsdfPrincipled", "Specular")`.
    pub fn lookup_socket(&self, node: &str, name: &str) -> Option<Note> {
        self.lookup_input(node, name).or_else(|| self.lookup_output(node, name))
    }

    pub fn lookup_input(&self, node: &str, name: &str) -> Option<Note> {
        self.get(Entity::Socket, node, name, "input")
    }

    pub fn lookup_output(&self, node: &str, name: &str) -> Option<Note> {
        self.get(Entity::Socket, node, name, "output")
    }

    /// A member of `bpy.context`.
    pub fn lookup_context_member(&self, name: &str) -> Option<Note> {
        self.get(Entity::ContextMember, "", name, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_identifiers() {
        let w = words("ColorSequence use_auto_smooth Base Color");
        for x in ["color", "sequence", "use", "auto", "smooth", "base"] {
            assert!(w.contains(x), "{x}");
        }
        assert_eq!(text_similarity("", "x"), 0.0);
        assert!(text_similarity("Auto Smooth angle", "auto smooth") > 0.6);
    }

    #[test]
    fn series() {
        assert_eq!(next_series((4, 2)), (4, 3));
        assert_eq!(next_series((4, 5)), (5, 0));
        assert_eq!(next_series((3, 6)), (4, 0));
        assert_eq!(parse_version("4.2.23"), Some((4, 2)));
        assert_eq!(parse_version("x"), None);
    }

    #[test]
    fn renames_table_parses() {
        let t = known_changes().expect("renames.json");
        assert!(t.len() >= 10);
        for k in t {
            assert!(parse_version(&k.version).is_some(), "{k:?}");
            assert!(k.checked == "hand" || k.checked == "data", "{k:?}");
            if matches!(k.kind, ChangeKind::Renamed | ChangeKind::Replaced) {
                assert!(k.new_name.is_some(), "{k:?}");
            }
            if k.entity == Entity::Socket {
                assert!(k.detail == "input" || k.detail == "output", "{k:?}");
            }
        }
    }
}

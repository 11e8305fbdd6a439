//! Databases of other Blender versions, stored as deltas against the embedded default
//! (`rag_data/api/blender-<version>.delta.json`, docs/api-db.md "Deltas").
//!
//! A version is built on first use: the default JSON is parsed into a `serde_json::Value`, the
//! delta is applied to it, and the result becomes an [`ApiFile`] and then an [`ApiDb`]. Each
//! version is built at most once per process and shared afterwards.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::model::{ApiFile, EnumItem, Func, Member, MemberParam, Module, Node, Operator, Prop, Socket, Struct};
use super::{ApiDb, DEFAULT_DB_JSON, DEFAULT_VERSION};

/// The delta format this code applies (`"delta_format"` in a delta file).
pub const DELTA_FORMAT: u64 = 1;

/// Every version bpy-lsp knows, oldest first, with its delta (`None`: the embedded default).
static VERSIONS: [(&str, Option<&str>); 4] = [
    ("4.2", Some(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/blender-4.2.delta.json")))),
    ("4.4", None),
    ("4.5", Some(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/blender-4.5.delta.json")))),
    ("5.0", Some(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rag_data/api/blender-5.0.delta.json")))),
];

type Cached = OnceLock<Result<Arc<ApiDb>, String>>;
static CACHE: [Cached; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// The Blender versions with a built-in database ("4.2", "4.4", "4.5", "5.0"), oldest first.
pub fn available_versions() -> Vec<&'static str> {
    VERSIONS.iter().map(|(v, _)| *v).collect()
}

/// The built-in version for a version string: "4.2", "4.2.23" and "4.2.0" all give "4.2".
pub fn resolve_version(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let short = match name.match_indices('.').nth(1) {
        Some((i, _)) => &name[..i],
        None => name,
    };
    VERSIONS.iter().map(|(v, _)| *v).find(|v| *v == short)
}

fn index_of(name: &str) -> anyhow::Result<usize> {
    let short = resolve_version(name).ok_or_else(|| {
        anyhow::anyhow!("no API database for Blender {name} (available: {})", available_versions().join(", "))
    })?;
    VERSIONS.iter().position(|(v, _)| *v == short).ok_or_else(|| anyhow::anyhow!("no API database for Blender {name}"))
}

/// The database of a built-in version ("4.2", "4.4.0", ...), built once and cached.
pub fn load_version(name: &str) -> anyhow::Result<Arc<ApiDb>> {
    let i = index_of(name)?;
    let result = CACHE[i].get_or_init(|| {
        let mut file = version_file_at(i)?;
        shrink_file(&mut file);
        Ok(Arc::new(ApiDb::new(file)))
    });
    result.clone().map_err(|e| anyhow::anyhow!(e))
}

/// The database of a built-in version if it is loaded already.
pub(crate) fn cached_version(name: &str) -> Option<Arc<ApiDb>> {
    CACHE[index_of(name).ok()?].get()?.as_ref().ok().cloned()
}

/// Give memory that was freed back to the system (glibc keeps it otherwise): called after
/// building something big and temporary, such as the other versions' databases.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The [`ApiFile`] of a built-in version (not cached). The default JSON is read straight into
/// the typed model and only the entries the delta touches go through `serde_json::Value`, which
/// is several times faster than patching the whole file as a `Value`.
pub fn version_file(name: &str) -> anyhow::Result<ApiFile> {
    version_file_at(index_of(name)?).map_err(|e| anyhow::anyhow!(e))
}

fn version_file_at(i: usize) -> Result<ApiFile, String> {
    let (name, delta) = VERSIONS[i];
    let mut file: ApiFile = serde_json::from_str(DEFAULT_DB_JSON)
        .map_err(|e| format!("embedded Blender {DEFAULT_VERSION} database: {e}"))?;
    let Some(delta) = delta else {
        return Ok(file);
    };
    let delta: Value = serde_json::from_str(delta).map_err(|e| format!("delta for Blender {name}: {e}"))?;
    apply_delta_to_file(&mut file, &delta).map_err(|e| format!("delta for Blender {name}: {e}"))?;
    Ok(file)
}

/// [`apply_delta`] for the typed model: fields the model does not have are skipped.
pub fn apply_delta_to_file(file: &mut ApiFile, delta: &Value) -> Result<(), String> {
    let delta = delta.as_object().ok_or("a delta is a JSON object")?;
    match delta.get("delta_format").and_then(Value::as_u64) {
        Some(DELTA_FORMAT) => {}
        other => return Err(format!("unsupported delta_format {other:?}")),
    }
    if delta.get("base_version").and_then(Value::as_str) != Some(file.blender_version.as_str()) {
        return Err(format!(
            "the delta is against Blender {}, the base is {}",
            delta.get("base_version").unwrap_or(&Value::Null),
            file.blender_version
        ));
    }
    let shared: &[Value] = match delta.get("shared") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err("\"shared\" is not a list".into()),
        None => &[],
    };
    let p = Patcher { shared, lenient: true };
    if let Some(changed) = delta.get("changed") {
        let changed = changed.as_object().ok_or("\"changed\" is not an object")?;
        for (field, sub) in changed {
            let at = format!("$.{field}");
            let sub = p.resolve(sub, &at)?.as_object().ok_or_else(|| format!("{at}: a patch is a JSON object"))?;
            match field.as_str() {
                "structs" => p.typed_list(field, &mut file.structs, |s| s.name.clone(), sub, &at)?,
                "operators" => {
                    p.typed_list(field, &mut file.operators, |o| format!("{}.{}", o.module, o.name), sub, &at)?
                }
                "context_members" => p.typed_list(field, &mut file.context_members, |c| c.name.clone(), sub, &at)?,
                "nodes" => p.typed_list(field, &mut file.nodes, |n| n.idname.clone(), sub, &at)?,
                "modules" => p.typed_list(field, &mut file.modules, |m| m.name.clone(), sub, &at)?,
                _ => {}
            }
        }
    }
    if let Some(set) = delta.get("set") {
        let set = set.as_object().ok_or("\"set\" is not an object")?;
        for (field, v) in set {
            let bad = |e: serde_json::Error| format!("$.{field}: {e}");
            match field.as_str() {
                "format" => file.format = serde_json::from_value(v.clone()).map_err(bad)?,
                "blender_version" => file.blender_version = serde_json::from_value(v.clone()).map_err(bad)?,
                "structs" => file.structs = serde_json::from_value(v.clone()).map_err(bad)?,
                "operators" => file.operators = serde_json::from_value(v.clone()).map_err(bad)?,
                "context_members" => file.context_members = serde_json::from_value(v.clone()).map_err(bad)?,
                "nodes" => file.nodes = serde_json::from_value(v.clone()).map_err(bad)?,
                "modules" => file.modules = serde_json::from_value(v.clone()).map_err(bad)?,
                _ => {}
            }
        }
    }
    Ok(())
}

/// The complete JSON of a built-in version, as the generator wrote it (not cached).
pub fn version_value(name: &str) -> anyhow::Result<Value> {
    version_value_at(index_of(name)?).map_err(|e| anyhow::anyhow!(e))
}

fn version_value_at(i: usize) -> Result<Value, String> {
    let (name, delta) = VERSIONS[i];
    let base: Value = serde_json::from_str(DEFAULT_DB_JSON)
        .map_err(|e| format!("embedded Blender {DEFAULT_VERSION} database: {e}"))?;
    let Some(delta) = delta else {
        return Ok(base);
    };
    let delta: Value = serde_json::from_str(delta).map_err(|e| format!("delta for Blender {name}: {e}"))?;
    apply_delta(base, &delta).map_err(|e| format!("delta for Blender {name}: {e}"))
}

/// The size of the embedded data of a version: the full JSON for the default, else the delta.
pub fn embedded_size(name: &str) -> Option<usize> {
    let i = index_of(name).ok()?;
    Some(VERSIONS[i].1.unwrap_or(DEFAULT_DB_JSON).len())
}

/// `bpy-lsp api stats`: load every built-in version, with load time, counts and the growth of
/// the resident memory of this process.
pub fn versions_report() -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let mut s = String::new();
    let rss0 = rss_kib();
    let mut total = std::time::Duration::ZERO;
    let _ = writeln!(
        s,
        "{:<8} {:<8} {:>10} {:>9} {:>8} {:>8} {:>10} {:>10} {:>6}",
        "version", "blender", "embedded", "load ms", "structs", "props", "functions", "operators", "nodes"
    );
    for v in available_versions() {
        let t = std::time::Instant::now();
        let db = load_version(v)?;
        let load = t.elapsed();
        total += load;
        let c = db.counts();
        let _ = writeln!(
            s,
            "{:<8} {:<8} {:>10} {:>9.1} {:>8} {:>8} {:>10} {:>10} {:>6}",
            v,
            db.version,
            embedded_size(v).unwrap_or(0),
            load.as_secs_f64() * 1000.0,
            c.structs,
            c.properties,
            c.functions,
            c.operators,
            c.nodes
        );
    }
    let _ = writeln!(s, "all versions loaded in {:.1} ms", total.as_secs_f64() * 1000.0);
    if let (Some(a), Some(b)) = (rss0, rss_kib()) {
        let _ = writeln!(s, "resident memory: {:.1} MiB -> {:.1} MiB", a as f64 / 1024.0, b as f64 / 1024.0);
    }
    let t = std::time::Instant::now();
    let history = super::VersionHistory::get()?;
    let _ = writeln!(
        s,
        "version history ({} diffs) built in {:.1} ms",
        history.diff_count(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    if let Some(b) = rss_kib() {
        let _ = writeln!(s, "resident memory with the history: {:.1} MiB", b as f64 / 1024.0);
    }
    Ok(s)
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Apply a delta made by `rag_data/gen/make_delta.py` to the base database it was made against.
pub fn apply_delta(base: Value, delta: &Value) -> Result<Value, String> {
    let delta = delta.as_object().ok_or("a delta is a JSON object")?;
    match delta.get("delta_format").and_then(Value::as_u64) {
        Some(DELTA_FORMAT) => {}
        other => return Err(format!("unsupported delta_format {other:?}")),
    }
    let Value::Object(mut base) = base else {
        return Err("the base database is not a JSON object".into());
    };
    let want = delta.get("base_version");
    if want != base.get("blender_version") {
        return Err(format!(
            "the delta is against Blender {}, the base is {}",
            want.unwrap_or(&Value::Null),
            base.get("blender_version").unwrap_or(&Value::Null)
        ));
    }
    if let Some(hash) = delta.get("base_build_hash").filter(|h| !h.is_null())
        && Some(hash) != base.get("build_hash")
    {
        return Err(format!("the delta is against build {hash}, the base is another build"));
    }
    let shared: &[Value] = match delta.get("shared") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err("\"shared\" is not a list".into()),
        None => &[],
    };
    let patcher = Patcher { shared, lenient: false };
    patcher.object(&mut base, delta, "$")?;
    Ok(Value::Object(base))
}

/// The field that names the items of a list diffed item by item (make_delta.py `LIST_KEYS`).
enum ListKey {
    Field(&'static str),
    ModuleName,
    First,
}

fn list_key(field: &str) -> Option<ListKey> {
    Some(match field {
        "structs" | "context_members" | "modules" | "properties" | "functions" | "py_members" | "params"
        | "returns" | "members" => ListKey::Field("name"),
        "nodes" => ListKey::Field("idname"),
        "inputs" | "outputs" => ListKey::Field("identifier"),
        "operators" => ListKey::ModuleName,
        "enum_items" => ListKey::First,
        _ => return None,
    })
}

fn item_key(key: &ListKey, item: &Value) -> Option<String> {
    match key {
        ListKey::Field(f) => item.get(*f).and_then(Value::as_str).map(str::to_string),
        ListKey::ModuleName => {
            let m = item.get("module").and_then(Value::as_str)?;
            let n = item.get("name").and_then(Value::as_str)?;
            Some(format!("{m}.{n}"))
        }
        ListKey::First => item.get(0).and_then(Value::as_str).map(str::to_string),
    }
}

/// Fields of a delta file that are not part of the top-level patch.
const META_FIELDS: [&str; 5] = ["delta_format", "base_version", "base_build_hash", "base_crc32", "shared"];

struct Patcher<'a> {
    shared: &'a [Value],
    /// Skip changes to fields the value lacks (the typed model leaves some fields out).
    lenient: bool,
}

impl<'a> Patcher<'a> {
    /// A `{"ref": n}` stands for `shared[n]`.
    fn resolve(&self, sub: &'a Value, at: &str) -> Result<&'a Value, String> {
        if let Some(obj) = sub.as_object()
            && obj.len() == 1
            && let Some(r) = obj.get("ref")
        {
            return r
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| self.shared.get(n))
                .ok_or_else(|| format!("{at}: bad shared patch reference {r}"));
        }
        Ok(sub)
    }

    /// ObjectPatch: `unset`, then `changed`, then `set` (`keys`, the field order, does not
    /// matter to a `serde_json::Map`).
    fn object(&self, obj: &mut Map<String, Value>, patch: &'a Map<String, Value>, at: &str) -> Result<(), String> {
        for (k, v) in patch {
            match k.as_str() {
                "set" | "unset" | "changed" | "keys" => {}
                _ if at == "$" && META_FIELDS.contains(&k.as_str()) => {}
                _ => return Err(format!("{at}: unknown patch field {k:?} ({v})")),
            }
        }
        if let Some(unset) = patch.get("unset") {
            for k in unset.as_array().ok_or_else(|| format!("{at}: \"unset\" is not a list"))? {
                obj.remove(k.as_str().ok_or_else(|| format!("{at}: \"unset\" holds a non-string"))?);
            }
        }
        if let Some(changed) = patch.get("changed") {
            let changed = changed.as_object().ok_or_else(|| format!("{at}: \"changed\" is not an object"))?;
            for (k, sub) in changed {
                let here = format!("{at}.{k}");
                let sub = self.resolve(sub, &here)?;
                let sub = sub.as_object().ok_or_else(|| format!("{here}: a patch is a JSON object"))?;
                match obj.get_mut(k) {
                    Some(Value::Object(o)) => self.object(o, sub, &here)?,
                    Some(Value::Array(a)) => self.list(k, a, sub, &here)?,
                    Some(_) => return Err(format!("{here}: patch on a value that is neither object nor list")),
                    None if self.lenient => {}
                    None => return Err(format!("{here}: changed field missing in the base")),
                }
            }
        }
        if let Some(set) = patch.get("set") {
            let set = set.as_object().ok_or_else(|| format!("{at}: \"set\" is not an object"))?;
            for (k, v) in set {
                obj.insert(k.clone(), v.clone());
            }
        }
        Ok(())
    }

    /// A ListPatch on a typed list. Added items are read from their JSON; changed items are
    /// patched in place (see [`Patcher::typed_item`]).
    fn typed_list<T: Typed>(
        &self,
        field: &str,
        items: &mut Vec<T>,
        key_of: impl Fn(&T) -> String,
        patch: &'a Map<String, Value>,
        at: &str,
    ) -> Result<(), String> {
        let key = list_key(field).ok_or_else(|| format!("{at}: the list {field:?} cannot be patched item by item"))?;
        let removed = string_set(patch, "removed", at)?;
        let empty = Map::new();
        let changed = match patch.get("changed") {
            None => &empty,
            Some(Value::Object(o)) => o,
            Some(_) => return Err(format!("{at}: \"changed\" is not an object")),
        };
        let mut out: Vec<(String, T)> = Vec::with_capacity(items.len());
        for mut item in std::mem::take(items) {
            let k = key_of(&item);
            if removed.contains(k.as_str()) {
                continue;
            }
            if let Some(sub) = changed.get(&k) {
                let here = format!("{at}[{k}]");
                let sub = self.resolve(sub, &here)?;
                let sub = sub.as_object().ok_or_else(|| format!("{here}: a patch is a JSON object"))?;
                self.typed_item(&mut item, sub, &here)?;
            }
            out.push((k, item));
        }
        for (after, item) in added_items(patch, at)? {
            let k = item_key(&key, item).ok_or_else(|| format!("{at}: an added item has no key"))?;
            let pos = anchor_position(&out, after, &k, at)?;
            let typed: T = serde_json::from_value(item.clone()).map_err(|e| format!("{at}[{k}]: {e}"))?;
            out.insert(pos, (k, typed));
        }
        apply_order(&mut out, patch, at)?;
        *items = out.into_iter().map(|(_, v)| v).collect();
        Ok(())
    }

    /// An ObjectPatch on a typed item: keyed lists are patched in place, the other fields
    /// through a `Value` of the item without its lists (an enum of a thousand icons is not
    /// converted back and forth for a changed description).
    fn typed_item<T: Typed>(&self, item: &mut T, patch: &'a Map<String, Value>, at: &str) -> Result<(), String> {
        let empty = Map::new();
        let changed = match patch.get("changed") {
            None => &empty,
            Some(Value::Object(o)) => o,
            Some(_) => return Err(format!("{at}: \"changed\" is not an object")),
        };
        let mut handled: HashSet<&str> = HashSet::new();
        for (name, list) in item.lists() {
            let Some(sub) = changed.get(name) else { continue };
            let here = format!("{at}.{name}");
            let sub = self.resolve(sub, &here)?;
            let sub = sub.as_object().ok_or_else(|| format!("{here}: a patch is a JSON object"))?;
            match list {
                ListMut::Props(v) => self.typed_list(name, v, |p| p.name.clone(), sub, &here)?,
                ListMut::Funcs(v) => self.typed_list(name, v, |f| f.name.clone(), sub, &here)?,
                ListMut::Members(v) => self.typed_list(name, v, |m| m.name.clone(), sub, &here)?,
                ListMut::Params(v) => self.typed_list(name, v, |p| p.name.clone(), sub, &here)?,
                ListMut::Sockets(v) => self.typed_list(name, v, |s| s.identifier.clone(), sub, &here)?,
                ListMut::Items(v) => self.typed_list(name, v, |i| i.0.clone(), sub, &here)?,
            }
            handled.insert(name);
        }
        let rest: Map<String, Value> = patch
            .iter()
            .filter_map(|(k, v)| match (k.as_str(), v) {
                ("keys", _) => None,
                ("changed", Value::Object(c)) => {
                    let c: Map<String, Value> = c
                        .iter()
                        .filter(|(f, _)| !handled.contains(f.as_str()))
                        .map(|(f, p)| (f.clone(), p.clone()))
                        .collect();
                    (!c.is_empty()).then(|| (k.clone(), Value::Object(c)))
                }
                _ => Some((k.clone(), v.clone())),
            })
            .collect();
        if rest.is_empty() {
            return Ok(());
        }
        // Fields the patch replaces or removes whole are not restored afterwards.
        let touched = |f: &str| {
            patch.get("set").and_then(Value::as_object).is_some_and(|m| m.contains_key(f))
                || patch.get("unset").and_then(Value::as_array).is_some_and(|a| a.iter().any(|x| x == f))
        };
        let saved: Vec<(&'static str, ListOwned)> = item.lists().into_iter().map(|(n, l)| (n, l.take())).collect();
        let mut v = serde_json::to_value(&*item).map_err(|e| format!("{at}: {e}"))?;
        let obj = v.as_object_mut().ok_or_else(|| format!("{at}: object patch on a non-object"))?;
        self.object(obj, &rest, at)?;
        *item = serde_json::from_value(v).map_err(|e| format!("{at}: {e}"))?;
        let mut saved = saved.into_iter();
        for (name, list) in item.lists() {
            let Some((n, owned)) = saved.next() else { break };
            if n == name && !touched(name) {
                list.put(owned);
            }
        }
        Ok(())
    }

    /// ListPatch: drop `removed`, patch `changed`, insert `added` after their anchors, then
    /// sort by `order` if given.
    fn list(&self, field: &str, items: &mut Vec<Value>, patch: &'a Map<String, Value>, at: &str) -> Result<(), String> {
        let key = list_key(field).ok_or_else(|| format!("{at}: the list {field:?} cannot be patched item by item"))?;
        let removed = string_set(patch, "removed", at)?;
        let empty = Map::new();
        let changed = match patch.get("changed") {
            None => &empty,
            Some(Value::Object(o)) => o,
            Some(_) => return Err(format!("{at}: \"changed\" is not an object")),
        };
        let mut out: Vec<(String, Value)> = Vec::with_capacity(items.len());
        for mut item in std::mem::take(items) {
            let k = item_key(&key, &item).ok_or_else(|| format!("{at}: an item has no key"))?;
            if removed.contains(k.as_str()) {
                continue;
            }
            if let Some(sub) = changed.get(&k) {
                let here = format!("{at}[{k}]");
                let sub = self.resolve(sub, &here)?;
                let sub = sub.as_object().ok_or_else(|| format!("{here}: a patch is a JSON object"))?;
                let obj = item.as_object_mut().ok_or_else(|| format!("{here}: object patch on a non-object"))?;
                self.object(obj, sub, &here)?;
            }
            out.push((k, item));
        }
        for (after, item) in added_items(patch, at)? {
            let k = item_key(&key, item).ok_or_else(|| format!("{at}: an added item has no key"))?;
            let pos = anchor_position(&out, after, &k, at)?;
            out.insert(pos, (k, item.clone()));
        }
        apply_order(&mut out, patch, at)?;
        *items = out.into_iter().map(|(_, v)| v).collect();
        Ok(())
    }
}

/// A keyed list field of a model type.
enum ListMut<'x> {
    Props(&'x mut Vec<Prop>),
    Funcs(&'x mut Vec<Func>),
    Members(&'x mut Vec<Member>),
    Params(&'x mut Vec<MemberParam>),
    Sockets(&'x mut Vec<Socket>),
    Items(&'x mut Vec<EnumItem>),
}

enum ListOwned {
    Props(Vec<Prop>),
    Funcs(Vec<Func>),
    Members(Vec<Member>),
    Params(Vec<MemberParam>),
    Sockets(Vec<Socket>),
    Items(Vec<EnumItem>),
}

impl ListMut<'_> {
    fn take(self) -> ListOwned {
        match self {
            ListMut::Props(v) => ListOwned::Props(std::mem::take(v)),
            ListMut::Funcs(v) => ListOwned::Funcs(std::mem::take(v)),
            ListMut::Members(v) => ListOwned::Members(std::mem::take(v)),
            ListMut::Params(v) => ListOwned::Params(std::mem::take(v)),
            ListMut::Sockets(v) => ListOwned::Sockets(std::mem::take(v)),
            ListMut::Items(v) => ListOwned::Items(std::mem::take(v)),
        }
    }

    fn put(self, owned: ListOwned) {
        match (self, owned) {
            (ListMut::Props(v), ListOwned::Props(o)) => *v = o,
            (ListMut::Funcs(v), ListOwned::Funcs(o)) => *v = o,
            (ListMut::Members(v), ListOwned::Members(o)) => *v = o,
            (ListMut::Params(v), ListOwned::Params(o)) => *v = o,
            (ListMut::Sockets(v), ListOwned::Sockets(o)) => *v = o,
            (ListMut::Items(v), ListOwned::Items(o)) => *v = o,
            _ => {}
        }
    }
}

/// Model types a delta can patch: their keyed list fields, by JSON name.
trait Typed: serde::Serialize + serde::de::DeserializeOwned {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        Vec::new()
    }
}

impl Typed for Struct {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![
            ("properties", ListMut::Props(&mut self.properties)),
            ("functions", ListMut::Funcs(&mut self.functions)),
            ("py_members", ListMut::Members(&mut self.py_members)),
        ]
    }
}

impl Typed for Prop {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("enum_items", ListMut::Items(&mut self.enum_items))]
    }
}

impl Typed for Func {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("params", ListMut::Props(&mut self.params)), ("returns", ListMut::Props(&mut self.returns))]
    }
}

impl Typed for Operator {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("params", ListMut::Props(&mut self.params))]
    }
}

impl Typed for Node {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("inputs", ListMut::Sockets(&mut self.inputs)), ("outputs", ListMut::Sockets(&mut self.outputs))]
    }
}

impl Typed for Module {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("members", ListMut::Members(&mut self.members))]
    }
}

impl Typed for Member {
    fn lists(&mut self) -> Vec<(&'static str, ListMut<'_>)> {
        vec![("members", ListMut::Members(&mut self.members)), ("params", ListMut::Params(&mut self.params))]
    }
}

impl Typed for MemberParam {}
impl Typed for Socket {}
impl Typed for EnumItem {}

/// Drop the spare capacity that reading JSON leaves in every list (a third of the heap).
fn shrink_file(file: &mut ApiFile) {
    fn props(v: &mut Vec<Prop>) {
        for p in v.iter_mut() {
            p.enum_items.shrink_to_fit();
        }
        v.shrink_to_fit();
    }
    fn members(v: &mut Vec<Member>) {
        for m in v.iter_mut() {
            m.params.shrink_to_fit();
            members(&mut m.members);
        }
        v.shrink_to_fit();
    }
    for s in &mut file.structs {
        props(&mut s.properties);
        for f in &mut s.functions {
            props(&mut f.params);
            props(&mut f.returns);
        }
        s.functions.shrink_to_fit();
        members(&mut s.py_members);
    }
    file.structs.shrink_to_fit();
    for o in &mut file.operators {
        props(&mut o.params);
    }
    file.operators.shrink_to_fit();
    props(&mut file.context_members);
    for n in &mut file.nodes {
        n.inputs.shrink_to_fit();
        n.outputs.shrink_to_fit();
        n.trees.shrink_to_fit();
    }
    file.nodes.shrink_to_fit();
    for m in &mut file.modules {
        members(&mut m.members);
    }
    file.modules.shrink_to_fit();
}

fn string_set<'a>(patch: &'a Map<String, Value>, name: &str, at: &str) -> Result<HashSet<&'a str>, String> {
    match patch.get(name) {
        None => Ok(HashSet::new()),
        Some(Value::Array(a)) => {
            a.iter().map(|v| v.as_str().ok_or_else(|| format!("{at}: {name:?} holds a non-string"))).collect()
        }
        Some(_) => Err(format!("{at}: {name:?} is not a list")),
    }
}

/// The `[after, item]` pairs of a ListPatch.
fn added_items<'a>(patch: &'a Map<String, Value>, at: &str) -> Result<Vec<(&'a Value, &'a Value)>, String> {
    let Some(added) = patch.get("added") else { return Ok(Vec::new()) };
    let added = added.as_array().ok_or_else(|| format!("{at}: \"added\" is not a list"))?;
    added
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([after, item]) => Ok((after, item)),
            _ => Err(format!("{at}: \"added\" holds something other than [after, item]")),
        })
        .collect()
}

/// Where an added item goes: right after its anchor, or first.
fn anchor_position<T>(out: &[(String, T)], after: &Value, k: &str, at: &str) -> Result<usize, String> {
    match after {
        Value::Null => Ok(0),
        Value::String(a) => out
            .iter()
            .position(|(x, _)| x == a)
            .map(|p| p + 1)
            .ok_or_else(|| format!("{at}: anchor {a:?} of the added item {k:?} is not in the list")),
        _ => Err(format!("{at}: the anchor of {k:?} is not a string")),
    }
}

fn apply_order<T>(out: &mut [(String, T)], patch: &Map<String, Value>, at: &str) -> Result<(), String> {
    if let Some(order) = patch.get("order") {
        let order = order.as_array().ok_or_else(|| format!("{at}: \"order\" is not a list"))?;
        let rank: HashMap<&str, usize> =
            order.iter().enumerate().filter_map(|(i, k)| k.as_str().map(|k| (k, i))).collect();
        out.sort_by_key(|(k, _)| rank.get(k.as_str()).copied().unwrap_or(usize::MAX));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// CRC-32 as zlib computes it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut table = [0u32; 256];
        for (i, t) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *t = c;
        }
        let mut crc = !0u32;
        for &b in bytes {
            crc = table[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
        }
        !crc
    }

    /// Every delta was made against the embedded default, byte for byte (regenerate the
    /// deltas with `rag_data/gen/generate.sh VERSION` when blender-4.4.json changes).
    #[test]
    fn deltas_match_the_embedded_base() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let base = crc32(DEFAULT_DB_JSON.as_bytes());
        for (name, delta) in VERSIONS {
            let Some(delta) = delta else { continue };
            let delta: Value = serde_json::from_str(delta).expect("delta is JSON");
            assert_eq!(
                delta.get("base_crc32").and_then(Value::as_u64),
                Some(u64::from(base)),
                "the delta of Blender {name} was made against another blender-{DEFAULT_VERSION}.json: \
                 run rag_data/gen/generate.sh for it"
            );
        }
    }

    #[test]
    fn resolves_version_names() {
        assert_eq!(resolve_version("4.2"), Some("4.2"));
        assert_eq!(resolve_version("4.2.23"), Some("4.2"));
        assert_eq!(resolve_version("5.0.1"), Some("5.0"));
        assert_eq!(resolve_version("4.3"), None);
        assert_eq!(resolve_version(""), None);
        assert!(load_version("3.6").is_err());
    }

    #[test]
    fn applies_a_small_delta() {
        let base = json!({"format": 1, "blender_version": "a", "structs": [
            {"name": "A", "properties": [{"name": "x", "enum_items": [["P", "p", ""], ["Q", "q", ""]]}]},
            {"name": "B"}, {"name": "C"}]});
        let delta = json!({"delta_format": 1, "base_version": "a", "shared": [{"set": {"d": 1}}],
            "set": {"blender_version": "b"},
            "changed": {"structs": {
                "removed": ["B"],
                "added": [[null, {"name": "Z"}], ["A", {"name": "Y"}]],
                "changed": {"A": {"changed": {"properties": {"changed": {"x": {"changed": {"enum_items": {
                    "removed": ["P"], "added": [["Q", ["R", "r", ""]]]}}}}}}}, "C": {"ref": 0}},
                "order": ["Z", "A", "Y", "C"]}}});
        let got = apply_delta(base, &delta).expect("applies");
        assert_eq!(
            got,
            json!({"format": 1, "blender_version": "b", "structs": [
                {"name": "Z"},
                {"name": "A", "properties": [{"name": "x", "enum_items": [["Q", "q", ""], ["R", "r", ""]]}]},
                {"name": "Y"}, {"name": "C", "d": 1}]})
        );
        let bad = json!({"delta_format": 1, "base_version": "other"});
        assert!(apply_delta(json!({"blender_version": "a"}), &bad).is_err());
        let bad_ref =
            json!({"delta_format": 1, "base_version": "a", "changed": {"structs": {"changed": {"A": {"ref": 9}}}}});
        assert!(apply_delta(json!({"blender_version": "a", "structs": [{"name": "A"}]}), &bad_ref).is_err());
    }
}

//! The built-in databases of other Blender versions (deltas against the default) and facts
//! about them taken from the generated data.

use std::path::PathBuf;

use bpy_lsp::api::{self, ApiDb};

fn db(v: &str) -> std::sync::Arc<ApiDb> {
    api::load_version(v).unwrap_or_else(|e| panic!("Blender {v}: {e:#}"))
}

fn enum_ids(db: &ApiDb, s: &str, p: &str) -> Vec<String> {
    let Some(api::StructMember::Prop(_, prop)) = db.member(s, p) else { panic!("{} has no {s}.{p}", db.version) };
    prop.enum_items.iter().map(|i| i.identifier().to_string()).collect()
}

fn has_member(db: &ApiDb, s: &str, m: &str) -> bool {
    db.member(s, m).is_some()
}

fn inputs(db: &ApiDb, node: &str) -> Vec<String> {
    db.node(node)
        .unwrap_or_else(|| panic!("{} has no node {node}", db.version))
        .inputs
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn versions_are_listed_and_load() {
    assert_eq!(api::available_versions(), ["4.2", "4.4", "4.5", "5.0"]);
    let expect = [("4.2", "4.2.23"), ("4.4", "4.4.0"), ("4.5", "4.5.15"), ("5.0", "5.0.1")];
    for (v, full) in expect {
        let d = db(v);
        assert_eq!(d.version, full);
        assert_eq!(d.short_version(), v);
        // Cached: the same database every time.
        assert!(std::sync::Arc::ptr_eq(&d, &db(v)));
        assert!(std::sync::Arc::ptr_eq(&d, &db(full)));
    }
    // The default loads the same content as load_default().
    assert_eq!(db("4.4").counts().properties, api::load_default().counts().properties);
    assert!(api::load_version("4.3").is_err());
}

/// Where `rag_data/gen/generate.sh` writes the full JSON of the non-default versions.
fn full_json_dir() -> PathBuf {
    match std::env::var_os("BPY_LSP_API_FULL_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/api-full"),
    }
}

/// The delta applied to the embedded default gives exactly what the generator wrote. Runs only
/// where the full files exist (after `rag_data/gen/generate.sh VERSION`).
#[test]
fn deltas_reproduce_generated_files() {
    let mut checked = 0;
    for v in api::available_versions() {
        let path = full_json_dir().join(format!("blender-{v}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped Blender {v}: no {}", path.display());
            continue;
        };
        let full: serde_json::Value = serde_json::from_str(&text).expect("generated JSON");
        let rebuilt = api::version_value(v).expect("delta applies");
        assert!(rebuilt == full, "Blender {v}: the delta does not rebuild {}", path.display());
        // The typed path (what load_version uses) gives the same model as the full file.
        let typed_full: api::model::ApiFile = serde_json::from_str(&text).expect("typed");
        let typed_delta = api::version_file(v).expect("typed delta");
        assert!(
            serde_json::to_value(&typed_full).expect("ser") == serde_json::to_value(&typed_delta).expect("ser"),
            "Blender {v}: the typed delta path differs from the generated file"
        );
        let from_full = ApiDb::from_json(&text).expect("loads");
        let from_delta = db(v);
        assert_eq!(from_full.version, from_delta.version);
        assert_eq!(format!("{:?}", from_full.counts()), format!("{:?}", from_delta.counts()));
        checked += 1;
    }
    eprintln!("checked {checked} versions against the generated files");
}

#[test]
fn render_engines() {
    assert_eq!(enum_ids(&db("4.2"), "RenderSettings", "engine"), ["BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH", "CYCLES"]);
    assert_eq!(enum_ids(&db("4.4"), "RenderSettings", "engine"), ["BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH", "CYCLES"]);
    assert_eq!(enum_ids(&db("4.5"), "RenderSettings", "engine"), ["BLENDER_EEVEE_NEXT", "BLENDER_WORKBENCH", "CYCLES"]);
    // 5.0 went back to the old identifier.
    assert_eq!(enum_ids(&db("5.0"), "RenderSettings", "engine"), ["BLENDER_EEVEE", "BLENDER_WORKBENCH", "CYCLES"]);
}

#[test]
fn mesh_auto_smooth_is_gone_everywhere() {
    for v in api::available_versions() {
        let d = db(v);
        assert!(!has_member(&d, "Mesh", "use_auto_smooth"), "{v}");
        assert!(!has_member(&d, "Mesh", "auto_smooth_angle"), "{v}");
        assert!(!has_member(&d, "Mesh", "calc_normals_split"), "{v}");
        assert!(has_member(&d, "Mesh", "set_sharp_from_angle"), "{v}");
        assert!(has_member(&d, "Mesh", "corner_normals"), "{v}");
        assert!(d.operator("object", "shade_smooth_by_angle").is_some(), "{v}");
        assert!(d.operator("object", "shade_auto_smooth").is_some(), "{v}");
        // Node group sockets live in the interface since 4.0.
        assert!(has_member(&d, "NodeTree", "interface"), "{v}");
        assert!(!has_member(&d, "NodeTree", "inputs"), "{v}");
        assert!(has_member(&d, "NodeTreeInterface", "new_socket"), "{v}");
    }
}

#[test]
fn material_settings_by_version() {
    let (v42, v44, v50) = (db("4.2"), db("4.4"), db("5.0"));
    assert!(has_member(&v42, "Material", "shadow_method"));
    assert!(!has_member(&v44, "Material", "shadow_method"));
    for d in [&v42, &v44, &v50] {
        assert_eq!(enum_ids(d, "Material", "surface_render_method"), ["DITHERED", "BLENDED"]);
        assert_eq!(enum_ids(d, "Material", "blend_method"), ["OPAQUE", "CLIP", "HASHED", "BLEND"]);
        assert!(has_member(d, "Material", "use_transparent_shadow"));
    }
}

#[test]
fn principled_bsdf_sockets() {
    for v in api::available_versions() {
        let ins = inputs(&db(v), "ShaderNodeBsdfPrincipled");
        for new in [
            "Specular IOR Level",
            "Subsurface Weight",
            "Emission Color",
            "Transmission Weight",
            "Coat Weight",
            "Sheen Weight",
        ] {
            assert!(ins.iter().any(|s| s == new), "{v}: {new}");
        }
        for old in ["Specular", "Subsurface", "Emission", "Transmission", "Clearcoat", "Sheen", "Subsurface Color"] {
            assert!(!ins.iter().any(|s| s == old), "{v}: {old}");
        }
        // Diffuse Roughness came with 4.3.
        assert_eq!(ins.iter().any(|s| s == "Diffuse Roughness"), v != "4.2", "{v}");
    }
}

#[test]
fn strips_and_grease_pencil() {
    let (v42, v44, v45, v50) = (db("4.2"), db("4.4"), db("4.5"), db("5.0"));
    assert!(v42.struct_("Sequence").is_some() && v42.struct_("Strip").is_none());
    assert!(v44.struct_("Sequence").is_none() && v44.struct_("Strip").is_some());
    // 4.4 and 4.5 have both context names; 5.0 only the strip ones.
    for d in [&v44, &v45] {
        assert!(d.context_member("sequences").is_some() && d.context_member("strips").is_some());
    }
    assert!(v50.context_member("sequences").is_none() && v50.context_member("strips").is_some());
    assert_eq!(v42.context_member("sequences").and_then(|p| p.fixed_type.as_deref()), Some("Sequence"));
    assert_eq!(v44.context_member("sequences").and_then(|p| p.fixed_type.as_deref()), Some("Strip"));
    // Grease Pencil v3 took the name GreasePencil in 5.0; the old data became Annotation.
    assert!(v45.struct_("GreasePencilv3").is_some() && v50.struct_("GreasePencilv3").is_none());
    assert!(v50.struct_("Annotation").is_some() && v45.struct_("Annotation").is_none());
    assert_eq!(v50.context_member("annotation_data").and_then(|p| p.fixed_type.as_deref()), Some("Annotation"));
    assert_eq!(v50.context_member("grease_pencil").and_then(|p| p.fixed_type.as_deref()), Some("GreasePencil"));
}

#[test]
fn deprecations_of_5_0() {
    // dump_api.py records RNA deprecation (5.0+) as the optional "deprecated" field.
    let v = api::version_value("5.0").expect("5.0");
    let structs = v["structs"].as_array().expect("structs");
    let material = structs.iter().find(|s| s["name"] == "Material").expect("Material");
    let use_nodes =
        material["properties"].as_array().expect("props").iter().find(|p| p["name"] == "use_nodes").expect("use_nodes");
    assert_eq!(use_nodes["deprecated"]["removal_version"], serde_json::json!([6, 0, 0]));
}

/// `BPY_LSP_WRITE_DIFFS=1 cargo test --release --test api_versions -- write_diff_reports`
/// writes the diff reports to target/api-full/ for reading.
#[test]
fn write_diff_reports() {
    if std::env::var_os("BPY_LSP_WRITE_DIFFS").is_none() {
        return;
    }
    let dir = full_json_dir();
    std::fs::create_dir_all(&dir).expect("dir");
    let vs = api::available_versions();
    for w in vs.windows(2) {
        let text = api::diff::diff_report(w[0], w[1], false).expect("diff");
        std::fs::write(dir.join(format!("diff-{}-{}.txt", w[0], w[1])), text).expect("write");
        let json = api::diff::diff_report(w[0], w[1], true).expect("diff");
        std::fs::write(dir.join(format!("diff-{}-{}.json", w[0], w[1])), json).expect("write");
    }
}

/// Every entry of rag_data/api/renames.json agrees with the generated databases: "hand"
/// entries (older than the oldest built-in version) with the state after the change, "data"
/// entries with the two built-in versions around the change.
#[test]
fn renames_table_matches_data() {
    use api::diff::{ChangeKind, exists_in, known_changes, parse_version};
    let versions: Vec<(String, std::sync::Arc<ApiDb>)> =
        api::available_versions().into_iter().map(|v| (v.to_string(), db(v))).collect();
    let table = known_changes().expect("renames.json");
    for k in table {
        let v = parse_version(&k.version).expect("version");
        let old_name_exists = |d: &ApiDb| exists_in(d, k.entity, &k.owner, &k.name, &k.detail);
        let new_name_exists = |d: &ApiDb| match &k.new_name {
            Some(n) => match k.entity {
                api::Entity::Operator => match n.split_once('.') {
                    Some((m, o)) => exists_in(d, k.entity, m, o, &k.detail),
                    None => false,
                },
                _ => exists_in(d, k.entity, &k.owner, n, &k.detail),
            },
            None => true,
        };
        let after = versions.iter().find(|(x, _)| parse_version(x).expect("v") >= v);
        let before = versions.iter().rev().find(|(x, _)| parse_version(x).expect("v") < v);
        let Some((av, a)) = after else { panic!("{k:?}: newer than every built-in version") };
        match k.checked.as_str() {
            "hand" => assert!(before.is_none(), "{k:?}: the data covers {}, check it there ('data')", k.version),
            "data" => {
                let Some((bv, b)) = before else { panic!("{k:?}: older than the data, mark it 'hand'") };
                let existed = old_name_exists(b);
                let want = k.kind != ChangeKind::Added;
                assert_eq!(existed, want, "{k:?}: exists in {bv}: {existed}");
            }
            other => panic!("{k:?}: checked = {other:?}"),
        }
        let exists_after = old_name_exists(a);
        assert_eq!(exists_after, k.kind == ChangeKind::Added, "{k:?}: exists in {av}: {exists_after}");
        assert!(new_name_exists(a), "{k:?}: the new name is not in {av}");
    }
}

#[test]
fn version_notes_for_the_linter() {
    use api::{ChangeKind, VersionNotes};
    let n44 = VersionNotes::for_version("4.4").expect("notes");
    let n42 = VersionNotes::for_version("4.2.23").expect("notes");
    let n45 = VersionNotes::for_version("4.5").expect("notes");
    let n50 = VersionNotes::for_version("5.0").expect("notes");

    let note = n44.lookup_member("Mesh", "use_auto_smooth").expect("use_auto_smooth");
    assert_eq!(
        (note.kind, note.version.as_str(), note.message.as_str()),
        (ChangeKind::Removed, "4.1", "removed in 4.1")
    );
    assert!(note.hint.as_deref().is_some_and(|h| h.contains("shade_smooth_by_angle")), "{note:?}");
    assert!(note.to_string().starts_with("removed in 4.1: Auto Smooth"));
    // Present in the target: nothing to say.
    assert!(n44.lookup_member("Mesh", "vertices").is_none());
    assert!(n44.lookup_member("Mesh", "no_such_member").is_none());
    // Inherited: found through the base class.
    assert!(n44.lookup_member("Mesh", "bl_rna").is_none());

    let eevee = n44.lookup_enum_value("RenderSettings", "engine", "BLENDER_EEVEE").expect("BLENDER_EEVEE");
    assert_eq!(eevee.message, "renamed to 'BLENDER_EEVEE_NEXT' in 4.2");
    assert!(n45.lookup_enum_value("RenderSettings", "engine", "BLENDER_EEVEE").is_some());
    assert!(n50.lookup_enum_value("RenderSettings", "engine", "BLENDER_EEVEE").is_none());
    let next = n50.lookup_enum_value("RenderSettings", "engine", "BLENDER_EEVEE_NEXT").expect("NEXT in 5.0");
    assert_eq!(next.message, "renamed to 'BLENDER_EEVEE' in 5.0");
    assert!(n42.lookup_enum_value("RenderSettings", "engine", "BLENDER_EEVEE_NEXT").is_none());

    let spec = n44.lookup_input("ShaderNodeBsdfPrincipled", "Specular").expect("Specular");
    assert_eq!(spec.message, "renamed to 'Specular IOR Level' in 4.0");
    assert_eq!(spec.new_name.as_deref(), Some("Specular IOR Level"));
    assert_eq!(
        n42.lookup_socket("ShaderNodeBsdfPrincipled", "Diffuse Roughness").map(|n| n.message),
        Some("added in 4.3".to_string())
    );
    // 5.0 renamed "Fac" to "Factor" but kept the identifier: inputs["Fac"] still works.
    assert!(n50.lookup_input("ShaderNodeMixShader", "Fac").is_none());
    let factor = n45.lookup_input("ShaderNodeMixShader", "Factor").expect("Factor in 4.5");
    assert_eq!(factor.message, "added in 5.0 as the new name of 'Fac'");

    assert_eq!(n44.lookup_struct("Sequence").map(|n| n.message), Some("renamed to 'Strip' in 4.4".to_string()));
    assert_eq!(
        n42.lookup_struct("Strip").map(|n| n.message),
        Some("added in 4.4 as the new name of 'Sequence'".to_string())
    );
    assert_eq!(n44.lookup_member("Material", "shadow_method").map(|n| n.message), Some("removed in 4.3".to_string()));
    let seq = n50.lookup_context_member("sequences").expect("sequences");
    assert_eq!((seq.kind, seq.new_name.as_deref()), (ChangeKind::Replaced, Some("strips")));
    assert_eq!(seq.message, "removed in 5.0, use 'strips' instead");
    let math = n50.lookup_node("CompositorNodeMath").expect("CompositorNodeMath");
    assert_eq!(math.message, "removed in 5.0, use 'ShaderNodeMath' instead");
    let blur = n50.lookup_member("CompositorNodeBlur", "size_x").expect("size_x");
    assert_eq!(blur.new_name.as_deref(), Some("inputs[\"Size\"]"));
    assert!(n45.lookup_member("CompositorNodeBlur", "size_x").is_none());
    assert!(n44.lookup_member("NodeTree", "inputs").is_some_and(|n| n.new_name.as_deref() == Some("interface")));
    // Operators moved between modules.
    let op = n42.lookup_operator("bpy.ops.sculpt.paint_mask_extract").expect("sculpt.paint_mask_extract in 4.2");
    assert_eq!(op.message, "added in 4.5 as the new name of 'mesh.paint_mask_extract'");
    assert_eq!(
        n45.lookup_operator("mesh.paint_mask_extract").map(|n| n.message),
        Some("renamed to 'sculpt.paint_mask_extract' in 4.5".to_string())
    );
    // A change seen between two built-in versions that are not consecutive releases.
    let gp = n44.lookup_operator("gpencil.paintmode_toggle").expect("gpencil.paintmode_toggle");
    assert_eq!(gp.message, "renamed to 'grease_pencil.paintmode_toggle' in 4.3 or 4.4");
    assert_eq!(gp.since.as_deref(), Some("4.2"));
}

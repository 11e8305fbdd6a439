//! `bpy-lsp api ...`: the built-in databases of several Blender versions.

use std::io::Write;

use clap::Subcommand;

use super::{Note, VersionNotes};

#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// Print what changed between two built-in versions: `bpy-lsp api diff 4.2 4.4`.
    Diff {
        /// The older version ("4.2").
        from: String,
        /// The newer version ("4.4").
        to: String,
        /// Print JSON (every change, ungrouped) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Load every built-in version: load time, counts, memory.
    Stats,
    /// What the linter says about a name that a version lacks: `bpy-lsp api note 4.4
    /// Mesh.use_auto_smooth`. NAME is `Struct`, `Struct.member`, `Struct.prop=VALUE`,
    /// `bpy.ops.module.op`, `bpy.ops.module.op(param)`, `bpy.ops.module.op(param)=VALUE`,
    /// `Node[Socket]`, `Node`, `context.member`.
    Note { version: String, name: String },
}

pub fn run(cmd: ApiCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    match write_output(cmd, out) {
        // `bpy-lsp api diff 4.2 4.4 | head` is not an error.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            Ok(())
        }
        other => other,
    }
}

fn write_output(cmd: ApiCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        ApiCommand::Diff { from, to, json } => out.write_all(super::diff::diff_report(&from, &to, json)?.as_bytes())?,
        ApiCommand::Stats => out.write_all(super::versions_report()?.as_bytes())?,
        ApiCommand::Note { version, name } => {
            let notes = VersionNotes::for_version(&version)?;
            match lookup(&notes, &name) {
                Some(n) => writeln!(out, "{name}: {n}")?,
                None => writeln!(out, "{name}: nothing known for Blender {} (present, or never seen)", notes.target())?,
            }
        }
    }
    Ok(())
}

/// Look a name written as in [`ApiCommand::Note`] up.
pub fn lookup(notes: &VersionNotes, name: &str) -> Option<Note> {
    let name = name.trim();
    if let Some(member) = name.strip_prefix("context.") {
        return notes.lookup_context_member(member);
    }
    if let Some(op) = name.strip_prefix("bpy.ops.") {
        if let Some((call, value)) = op.split_once('=') {
            let (op, param) = call.strip_suffix(')')?.split_once('(')?;
            return notes.lookup_operator_enum_value(op, param, value.trim_matches(['\'', '"']));
        }
        if let Some((op, param)) = op.strip_suffix(')').and_then(|o| o.split_once('(')) {
            return notes.lookup_operator_param(op, param);
        }
        return notes.lookup_operator(op);
    }
    if let Some((node, socket)) = name.strip_suffix(']').and_then(|n| n.split_once('[')) {
        return notes.lookup_socket(node, socket.trim_matches(['\'', '"']));
    }
    if let Some((path, value)) = name.split_once('=') {
        let (s, prop) = path.split_once('.')?;
        return notes.lookup_enum_value(s, prop, value.trim_matches(['\'', '"']));
    }
    if let Some((s, member)) = name.split_once('.') {
        return notes.lookup_member(s, member);
    }
    notes.lookup_node(name).or_else(|| notes.lookup_struct(name))
}

//! The bridge to a running Blender: protocol (shared with editors/blender), client, launcher.

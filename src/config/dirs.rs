//! The per-user directories of bpy-lsp, one place for every part that keeps files.
//!
//! | | Linux and other Unixes | macOS | Windows |
//! |---|---|---|---|
//! | state (connection files) | `$XDG_STATE_HOME` or `~/.local/state` | `~/Library/Application Support` | `%LOCALAPPDATA%` |
//! | cache (BlenderRAG index, the add-on copy) | `$XDG_CACHE_HOME` or `~/.cache` | `$XDG_CACHE_HOME` or `~/Library/Caches` | `%LOCALAPPDATA%\cache` |
//! | data (the installed Blender, sessions) | `$XDG_DATA_HOME` or `~/.local/share` | `$XDG_DATA_HOME` or `~/Library/Application Support` | `%LOCALAPPDATA%` |
//!
//! each followed by `bpy-lsp`. An `XDG_*` variable counts only when it is an absolute path
//! (the XDG spec). `BPY_LSP_STATE_DIR` replaces the whole state directory (tests, several
//! users of one account); the Blender add-on (editors/blender/bpy_lsp_bridge/connection.py)
//! computes the state directory the same way, so macOS ignores `XDG_STATE_HOME` there too.

use std::path::PathBuf;

/// Replaces `<state dir>/bpy-lsp`.
pub const ENV_STATE_DIR: &str = "BPY_LSP_STATE_DIR";

/// Reads one environment variable; tests pass a table instead of the process environment.
type Env<'a> = &'a dyn Fn(&str) -> Option<PathBuf>;

fn process_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The home directory: `HOME`, else `USERPROFILE` (Windows).
pub fn home() -> Option<PathBuf> {
    home_in(&process_env)
}

/// `<state dir>/bpy-lsp`: connection files of running Blenders (docs/protocol.md).
pub fn state_dir() -> Option<PathBuf> {
    state_dir_in(&process_env)
}

/// `<cache dir>/bpy-lsp`: what can be rebuilt (the BlenderRAG index, the bridge add-on files).
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_in(&process_env)
}

/// `<data dir>/bpy-lsp`: what the user would miss (the installed Blender, agent sessions).
pub fn data_dir() -> Option<PathBuf> {
    data_dir_in(&process_env)
}

fn home_in(env: Env) -> Option<PathBuf> {
    env("HOME").or_else(|| env("USERPROFILE"))
}

fn xdg(env: Env, var: &str) -> Option<PathBuf> {
    env(var).filter(|p| p.is_absolute())
}

fn under_home(env: Env, parts: &[&str]) -> Option<PathBuf> {
    let mut p = home_in(env)?;
    p.extend(parts);
    Some(p)
}

fn local_app_data(env: Env) -> Option<PathBuf> {
    env("LOCALAPPDATA").or_else(|| under_home(env, &["AppData", "Local"]))
}

fn state_dir_in(env: Env) -> Option<PathBuf> {
    if let Some(p) = env(ENV_STATE_DIR) {
        return Some(p);
    }
    let base = if cfg!(windows) {
        local_app_data(env)
    } else if cfg!(target_os = "macos") {
        under_home(env, &["Library", "Application Support"])
    } else {
        xdg(env, "XDG_STATE_HOME").or_else(|| under_home(env, &[".local", "state"]))
    };
    Some(base?.join("bpy-lsp"))
}

fn cache_dir_in(env: Env) -> Option<PathBuf> {
    let base = if cfg!(windows) {
        local_app_data(env).map(|d| d.join("cache"))
    } else if cfg!(target_os = "macos") {
        xdg(env, "XDG_CACHE_HOME").or_else(|| under_home(env, &["Library", "Caches"]))
    } else {
        xdg(env, "XDG_CACHE_HOME").or_else(|| under_home(env, &[".cache"]))
    };
    Some(base?.join("bpy-lsp"))
}

fn data_dir_in(env: Env) -> Option<PathBuf> {
    let base = if cfg!(windows) {
        local_app_data(env)
    } else if cfg!(target_os = "macos") {
        xdg(env, "XDG_DATA_HOME").or_else(|| under_home(env, &["Library", "Application Support"]))
    } else {
        xdg(env, "XDG_DATA_HOME").or_else(|| under_home(env, &[".local", "share"]))
    };
    Some(base?.join("bpy-lsp"))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn table(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<PathBuf> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| PathBuf::from(v))
    }

    #[test]
    fn linux_directories() {
        let env = table(&[("HOME", "/home/u"), ("XDG_DATA_HOME", "relative/not/used"), ("XDG_STATE_HOME", "/x/s")]);
        assert_eq!(cache_dir_in(&env), Some(PathBuf::from("/home/u/.cache/bpy-lsp")));
        assert_eq!(data_dir_in(&env), Some(PathBuf::from("/home/u/.local/share/bpy-lsp")));
        assert_eq!(state_dir_in(&env), Some(PathBuf::from("/x/s/bpy-lsp")));
        let env = table(&[("HOME", "/home/u"), ("XDG_CACHE_HOME", "/c"), (ENV_STATE_DIR, "/tmp/s")]);
        assert_eq!(cache_dir_in(&env), Some(PathBuf::from("/c/bpy-lsp")));
        assert_eq!(state_dir_in(&env), Some(PathBuf::from("/tmp/s")));
        assert_eq!(data_dir_in(&table(&[])), None);
    }
}

//! Load time and memory of the built-in API databases: `cargo bench --bench api`.
//!
//! Memory is counted by a global allocator that tracks live heap bytes, so the numbers are the
//! heap each database keeps (not the resident size of the process).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bpy_lsp::api::{self, ApiDb, VersionHistory};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed) + layout.size() as isize;
            PEAK.fetch_max(now.max(0) as usize, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let delta = new_size as isize - layout.size() as isize;
            let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
            PEAK.fetch_max(now.max(0) as usize, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median time of `n` uncached builds of a version (parse + delta + ApiDb::new).
fn median_build(version: &str, n: usize) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            let db = ApiDb::new(api::version_file(version).expect("version"));
            let e = t.elapsed();
            drop(db);
            e
        })
        .collect();
    times.sort();
    times[n / 2]
}

fn main() {
    println!(
        "{:<8} {:<8} {:>12} {:>14} {:>12} {:>14}",
        "version", "blender", "embedded", "first load ms", "heap MiB", "peak MiB"
    );
    let mut total = Duration::ZERO;
    let base = live();
    let mut keep = Vec::new();
    for v in api::available_versions() {
        let before = live();
        PEAK.store(before.max(0) as usize, Ordering::Relaxed);
        let t = Instant::now();
        let db = api::load_version(v).expect("loads");
        let load = t.elapsed();
        total += load;
        println!(
            "{:<8} {:<8} {:>12} {:>14.1} {:>12.1} {:>14.1}",
            v,
            db.version,
            api::embedded_size(v).unwrap_or(0),
            ms(load),
            mib(live() - before),
            mib(PEAK.load(Ordering::Relaxed) as isize - before)
        );
        keep.push(db);
    }
    println!("all {} versions: {:.1} ms, {:.1} MiB of heap", keep.len(), ms(total), mib(live() - base));

    let before = live();
    let t = Instant::now();
    let history = VersionHistory::get().expect("history");
    println!(
        "version history ({} diffs + renames.json): {:.1} ms, {:.1} MiB of heap",
        history.diff_count(),
        ms(t.elapsed()),
        mib(live() - before)
    );
    println!("all versions + history: {:.1} MiB of heap", mib(live() - base));

    let t = Instant::now();
    let default = api::load_default();
    println!("load_default() (4.4 JSON -> ApiDb, uncached): {:.1} ms", ms(t.elapsed()));
    drop(default);
    for v in api::available_versions() {
        println!("uncached build of {v}, median of 5: {:.1} ms", ms(median_build(v, 5)));
    }
    let t = Instant::now();
    let notes = api::VersionNotes::for_version("4.2").expect("notes");
    let n = 100_000;
    let mut found = 0;
    for i in 0..n {
        let name = if i % 2 == 0 { "use_auto_smooth" } else { "vertices" };
        found += notes.lookup_member("Mesh", name).is_some() as usize;
    }
    println!("{n} lookup_member calls: {:.1} ms ({found} notes)", ms(t.elapsed()));
}

//! BlenderRAG: a tantivy index over the API database and the example library.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use bpy_lsp::rag::{CacheLocation, Kind, Rag};
//! let db = bpy_lsp::api::load_default();
//! let examples = bpy_lsp::example_sources(std::path::Path::new("."))?;
//! let rag = Rag::open_or_build(&db, &examples, &CacheLocation::Default)?;
//! for hit in rag.search("bevel the edges of a cube", None, 5) {
//!     println!("{:.2} {} {}", hit.score, hit.path, hit.snippet);
//! }
//! let uses = rag.examples_using("bpy.types.BevelModifier.segments", 2);
//! let line = rag.usage_line("bpy.ops.mesh.primitive_cube_add");
//! # Ok(()) }
//! ```
//!
//! One document per API entry (struct, property, function, operator, node with its sockets,
//! context member, Python module member; enum items are part of their property's or
//! parameter's document) and per example script. API entries also carry the titles, tags and
//! descriptions of the examples that use them (found with `analysis` type inference, see
//! `uses`), which is what lets "twist a mesh" find `SimpleDeformModifier`.
//!
//! The index is built in memory, or cached under `$XDG_CACHE_HOME/bpy-lsp/rag/<hash>` (else
//! `~/.cache/bpy-lsp/rag/<hash>`) and memory-mapped from there. The hash covers the schema
//! version, the source of the indexing code, every field of the API database and every
//! example file, so a cache is never stale; a directory whose files do not match its
//! manifest's checksums is rebuilt. See `docs` for the documents, `tokenizer` for the
//! analyzer, `cache` for the cache and `eval` for the quality measure.

mod cache;
pub mod cli;
mod docs;
pub mod eval;
pub mod files;
mod present;
pub mod tokenizer;
mod uses;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, TantivyDocument, Term};

use crate::api::ApiDb;

pub use cache::{CacheLocation, default_cache_root};
pub use docs::{ExampleHeader, display_path, parse_header};
pub use present::open_for_server;

/// Part of the cache key, next to the source of the indexing code (which changes the key by
/// itself); bump it for anything else that changes what an index holds.
pub const SCHEMA_VERSION: u32 = 1;

/// Longer queries are cut (at a character boundary) to this many bytes.
pub const MAX_QUERY_BYTES: usize = 1024;
/// At most this many distinct terms of a query are searched.
pub const MAX_QUERY_TERMS: usize = 32;
/// At most this many hits are returned.
pub const MAX_HITS: usize = 1000;

/// What a hit is: an API entry or an example script (examples and assets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Api = 1,
    Example = 2,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Api => "api",
            Kind::Example => "example",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "api" => Some(Kind::Api),
            "example" | "examples" => Some(Kind::Example),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The finer kind of a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// `bpy.types.Object`
    Struct = 1,
    /// `bpy.types.ShaderNodeBsdfPrincipled`, with its sockets
    Node,
    /// `bpy.types.Object.location`
    Property,
    /// `bpy.types.Object.select_set`, `bmesh.ops.bevel`, `mathutils.Vector.cross`
    Function,
    /// `bpy.ops.mesh.primitive_cube_add`
    Operator,
    /// `bpy.context.active_object`
    ContextMember,
    /// `bmesh.ops`
    Module,
    /// `mathutils.Vector`
    Class,
    /// `bpy.app.version`, `mathutils.Vector.x`
    Attribute,
    /// rag_data/examples/*.py
    Example,
    /// rag_data/assets/*.py
    Asset,
}

const ENTRIES: [Entry; 11] = [
    Entry::Struct,
    Entry::Node,
    Entry::Property,
    Entry::Function,
    Entry::Operator,
    Entry::ContextMember,
    Entry::Module,
    Entry::Class,
    Entry::Attribute,
    Entry::Example,
    Entry::Asset,
];

impl Entry {
    pub fn as_str(self) -> &'static str {
        match self {
            Entry::Struct => "struct",
            Entry::Node => "node",
            Entry::Property => "property",
            Entry::Function => "function",
            Entry::Operator => "operator",
            Entry::ContextMember => "context",
            Entry::Module => "module",
            Entry::Class => "class",
            Entry::Attribute => "attribute",
            Entry::Example => "example",
            Entry::Asset => "asset",
        }
    }
    pub fn kind(self) -> Kind {
        match self {
            Entry::Example | Entry::Asset => Kind::Example,
            _ => Kind::Api,
        }
    }
    fn from_u64(v: u64) -> Option<Entry> {
        ENTRIES.iter().copied().find(|e| *e as u64 == v)
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub entry: Entry,
    /// The example's title, or the API path with a signature for callables.
    pub title: String,
    /// API path (`bpy.types.Object.location`, `bpy.ops.mesh.primitive_cube_add`,
    /// `bmesh.ops.bevel`) or example path (`rag_data/examples/modifier_bevel.py`).
    pub path: String,
    /// One line: type and first sentence of the description, or what an example shows.
    pub snippet: String,
    pub score: f32,
    /// From [`Rag::examples_using`]: the line of the example that uses the entry.
    pub usage: Option<UsageLine>,
}

/// A line of an example script that uses an API entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageLine {
    /// The line, trimmed (at most 120 characters).
    pub code: String,
    /// The example, e.g. `rag_data/examples/modifier_bevel.py`.
    pub path: String,
    /// 1-based line number.
    pub line: usize,
}

/// Where the index came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built in memory (no cache wanted, or the cache directory was not usable: `reason`).
    Memory { reason: Option<String> },
    /// Built now and written to the cache directory.
    Built { dir: PathBuf },
    /// Opened from a valid cache directory.
    Cached { dir: PathBuf },
}

#[derive(Clone, Copy)]
struct Fields {
    kind: Field,
    entry: Field,
    path: Field,
    title: Field,
    snippet: Field,
    name: Field,
    tags: Field,
    owner: Field,
    desc: Field,
    extra: Field,
    code: Field,
    seen: Field,
    uses: Field,
    uses_name: Field,
    uses_owner: Field,
    uses_str: Field,
    /// Examples: the lines on which each key is used (`uses::Uses::encode_lines`).
    use_lines: Field,
    prior: Field,
}

/// Field weights of a search: names and titles, tags, and what the examples that use an API
/// entry are about count most; descriptions next; parameters, enum items and code least.
const BOOSTS: [(FieldId, Score); 7] = [
    (FieldId::Name, 4.0),
    (FieldId::Tags, 3.0),
    (FieldId::Owner, 1.5),
    (FieldId::Desc, 1.5),
    (FieldId::Extra, 0.6),
    (FieldId::Code, 0.3),
    (FieldId::Seen, 4.0),
];

#[derive(Clone, Copy)]
enum FieldId {
    Name,
    Tags,
    Owner,
    Desc,
    Extra,
    Code,
    Seen,
}

impl Fields {
    fn get(&self, id: FieldId) -> Field {
        match id {
            FieldId::Name => self.name,
            FieldId::Tags => self.tags,
            FieldId::Owner => self.owner,
            FieldId::Desc => self.desc,
            FieldId::Extra => self.extra,
            FieldId::Code => self.code,
            FieldId::Seen => self.seen,
        }
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer::TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqs);
        let o = TextOptions::default().set_indexing_options(indexing);
        if stored { o.set_stored() } else { o }
    };
    let raw_freqs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("raw").set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        entry: b.add_u64_field("entry", STORED),
        path: b.add_text_field("path", STRING | STORED),
        title: b.add_text_field("title", STORED),
        snippet: b.add_text_field("snippet", STORED),
        name: b.add_text_field("name", text(false)),
        tags: b.add_text_field("tags", text(false)),
        owner: b.add_text_field("owner", text(false)),
        desc: b.add_text_field("desc", text(false)),
        extra: b.add_text_field("extra", text(false)),
        code: b.add_text_field("code", text(true)),
        seen: b.add_text_field("seen", text(false)),
        uses: b.add_text_field("uses", raw_freqs.clone()),
        uses_name: b.add_text_field("uses_name", raw_freqs.clone()),
        uses_owner: b.add_text_field("uses_owner", raw_freqs.clone()),
        uses_str: b.add_text_field("uses_str", raw_freqs),
        use_lines: b.add_text_field("use_lines", STORED),
        prior: b.add_f64_field("prior", FAST),
    };
    (b.build(), fields)
}

/// The search index. Cheap to share (`Arc<Rag>`); every method takes `&self`.
pub struct Rag {
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    db: Arc<ApiDb>,
    origin: Origin,
    docs: u64,
    /// Where copies of the example scripts are on disk (`files.join("rag_data/examples/x.py")`),
    /// for links; see [`Rag::set_example_files`].
    files: Option<PathBuf>,
}

impl fmt::Debug for Rag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rag").field("origin", &self.origin).field("docs", &self.docs).finish()
    }
}

impl Rag {
    /// Build the index in memory.
    pub fn build(db: &Arc<ApiDb>, examples: &[(PathBuf, String)]) -> anyhow::Result<Rag> {
        let docs = all_docs(db, examples);
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register(&index);
        write_index(&index, fields, docs, db, examples)?;
        trim_heap();
        Rag::from_index(index, fields, db, Origin::Memory { reason: None })
    }

    /// Open the cached index for this database and these examples, or build it (and cache
    /// it). A corrupt, partial or outdated cache directory is rebuilt; if the cache cannot
    /// be written at all the index is built in memory (see [`Rag::origin`]).
    pub fn open_or_build(
        db: &Arc<ApiDb>,
        examples: &[(PathBuf, String)],
        cache: &CacheLocation,
    ) -> anyhow::Result<Rag> {
        let root = match cache.root() {
            Ok(Some(root)) => root,
            Ok(None) => return Rag::build(db, examples),
            Err(reason) => return Rag::build_in_memory(db, examples, reason),
        };
        // The documents are only made when the index has to be built.
        let hash = cache::content_hash(db, examples);
        let mut last_error = None;
        for _attempt in 0..2 {
            let opened = cache::open_or_build(&root, &hash, |dir| {
                let docs = all_docs(db, examples);
                let count = docs.len() as u64;
                let (schema, fields) = schema();
                let index = Index::create_in_dir(dir, schema).context("creating the index")?;
                register(&index);
                write_index(&index, fields, docs, db, examples)?;
                Ok(count)
            });
            let opened = match opened {
                Ok(o) => o,
                Err(e) => {
                    last_error = Some(e);
                    break;
                }
            };
            if opened.built {
                trim_heap();
            }
            match Rag::open_dir(db, &opened) {
                Ok(rag) => return Ok(rag),
                Err(e) => {
                    // Valid files that tantivy still cannot read: start again once.
                    let _ = std::fs::remove_dir_all(&opened.dir);
                    last_error = Some(e);
                }
            }
        }
        let reason = last_error.map_or_else(String::new, |e| format!("{e:#}"));
        Rag::build_in_memory(db, examples, reason)
    }

    fn open_dir(db: &Arc<ApiDb>, opened: &cache::Opened) -> anyhow::Result<Rag> {
        let dir = &opened.dir;
        let index = Index::open_in_dir(dir).with_context(|| format!("opening {}", dir.display()))?;
        let fields = fields_of(&index.schema())?;
        register(&index);
        let origin =
            if opened.built { Origin::Built { dir: dir.clone() } } else { Origin::Cached { dir: dir.clone() } };
        let rag = Rag::from_index(index, fields, db, origin)?;
        if rag.docs != opened.docs {
            anyhow::bail!("the index in {} has {} documents, {} expected", dir.display(), rag.docs, opened.docs);
        }
        Ok(rag)
    }

    /// [`Rag::open_or_build`] over the example library under `root` (rag_data/examples and
    /// rag_data/assets); the error names a missing directory or file.
    pub fn load(db: &Arc<ApiDb>, root: &Path, cache: &CacheLocation) -> anyhow::Result<Rag> {
        let examples = crate::example_sources(root).context("BlenderRAG example library")?;
        Rag::open_or_build(db, &examples, cache)
    }

    fn build_in_memory(db: &Arc<ApiDb>, examples: &[(PathBuf, String)], reason: String) -> anyhow::Result<Rag> {
        let mut rag = Rag::build(db, examples)?;
        rag.origin = Origin::Memory { reason: Some(reason) };
        Ok(rag)
    }

    fn from_index(index: Index, fields: Fields, db: &Arc<ApiDb>, origin: Origin) -> anyhow::Result<Rag> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()
            .context("opening a reader")?;
        let docs = reader.searcher().num_docs();
        Ok(Rag { reader, fields, analyzer: tokenizer::analyzer(), db: db.clone(), origin, docs, files: None })
    }

    /// Say where the example scripts the index was built from are on disk: `base` holds
    /// `rag_data/examples/...` and `rag_data/assets/...` with exactly that text (see `files`).
    pub fn set_example_files(&mut self, base: PathBuf) {
        self.files = Some(base);
    }

    /// The file on disk of an example (`rag_data/examples/x.py`), when known.
    pub fn example_file(&self, path: &str) -> Option<PathBuf> {
        let base = self.files.as_ref()?;
        (path.starts_with("rag_data/") && !path.split('/').any(|c| c == "..")).then(|| base.join(path))
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// How many documents the index holds.
    pub fn num_docs(&self) -> u64 {
        self.docs
    }

    /// The API database the index was built from.
    pub fn db(&self) -> &Arc<ApiDb> {
        &self.db
    }

    /// The best `n` hits for a query in plain words or identifiers, optionally of one kind.
    /// Never fails: any query (empty, huge, full of syntax characters) gives a list,
    /// possibly empty.
    pub fn search(&self, query: &str, kind: Option<Kind>, n: usize) -> Vec<Hit> {
        self.try_search(query, kind, n).unwrap_or_default()
    }

    /// [`Rag::search`], reporting I/O errors of the index.
    pub fn try_search(&self, query: &str, kind: Option<Kind>, n: usize) -> anyhow::Result<Vec<Hit>> {
        let n = n.min(MAX_HITS);
        let query = cap(query, MAX_QUERY_BYTES);
        let mut analyzer = self.analyzer.clone();
        let terms = tokenizer::terms(&mut analyzer, query, MAX_QUERY_TERMS);
        if n == 0 || terms.is_empty() {
            return Ok(Vec::new());
        }
        // Per term, the best field counts (plus a little of the others); terms add up, so
        // entries that match more of the query rank first.
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &terms {
            let mut per_field: Vec<Box<dyn Query>> = Vec::new();
            for (id, boost) in BOOSTS {
                if boost <= 0.0 {
                    continue;
                }
                let t = Term::from_field_text(self.fields.get(id), term);
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
                per_field.push(Box::new(BoostQuery::new(q, boost)));
            }
            should.push((Occur::Should, Box::new(DisjunctionMaxQuery::with_tie_breaker(per_field, TIE_BREAKER))));
        }
        // A query that is an API path finds that entry first.
        let exact = query.trim();
        if !exact.is_empty() && !exact.contains(char::is_whitespace) {
            let t = Term::from_field_text(self.fields.path, exact);
            let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
            should.push((Occur::Should, Box::new(ConstScoreQuery::new(q, 1000.0))));
        }
        let text_query: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        let query: Box<dyn Query> = match kind {
            None => text_query,
            Some(k) => {
                let t = Term::from_field_text(self.fields.kind, k.as_str());
                let filter: Box<dyn Query> =
                    Box::new(ConstScoreQuery::new(Box::new(TermQuery::new(t, IndexRecordOption::Basic)), 0.0));
                Box::new(BooleanQuery::new(vec![(Occur::Must, filter), (Occur::Must, text_query)]))
            }
        };
        let found = self.top_docs(query.as_ref(), n)?;
        found.into_iter().map(|(score, addr)| self.hit(addr, score)).collect()
    }

    fn top_docs(&self, query: &dyn Query, n: usize) -> anyhow::Result<Vec<(Score, DocAddress)>> {
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(n.max(1)).tweak_score(move |segment: &tantivy::SegmentReader| {
            let prior = segment.fast_fields().f64("prior").ok().map(|c| c.first_or_default_col(1.0));
            move |doc: tantivy::DocId, score: Score| match &prior {
                Some(p) => score * p.get_val(doc) as Score,
                None => score,
            }
        });
        let mut found = searcher.search(query, &collector)?;
        found.retain(|(score, _)| *score > 0.0);
        Ok(found)
    }

    fn hit(&self, addr: DocAddress, score: Score) -> anyhow::Result<Hit> {
        let doc: TantivyDocument = self.reader.searcher().doc(addr)?;
        Ok(self.hit_of(&doc, score))
    }

    fn hit_of(&self, doc: &TantivyDocument, score: Score) -> Hit {
        let text = |f: Field| doc.get_first(f).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let entry = doc.get_first(self.fields.entry).and_then(|v| v.as_u64()).and_then(Entry::from_u64);
        let entry = entry.unwrap_or(Entry::Struct);
        Hit {
            kind: entry.kind(),
            entry,
            title: text(self.fields.title),
            path: text(self.fields.path),
            snippet: text(self.fields.snippet),
            score,
            usage: None,
        }
    }

    /// Whether the index has an entry with this path (API path or example path).
    pub fn contains(&self, path: &str) -> bool {
        let t = Term::from_field_text(self.fields.path, path);
        let q = TermQuery::new(t, IndexRecordOption::Basic);
        self.reader.searcher().search(&q, &tantivy::collector::Count).is_ok_and(|n| n > 0)
    }

    /// The code of an example, by its path (`rag_data/examples/x.py`).
    pub fn example_code(&self, path: &str) -> Option<String> {
        let searcher = self.reader.searcher();
        let t = Term::from_field_text(self.fields.path, path);
        let q = TermQuery::new(t, IndexRecordOption::Basic);
        let found = searcher.search(&q, &TopDocs::with_limit(1).order_by_score()).ok()?;
        let (_, addr) = found.first()?;
        let doc: TantivyDocument = searcher.doc(*addr).ok()?;
        doc.get_first(self.fields.code).and_then(|v| v.as_str().map(str::to_string))
    }

    /// The (at most `n`) examples that use an API entry, best first, each with the line that
    /// uses it (`Hit::usage`). `api_path` is what [`Hit::path`] holds for API entries:
    ///
    /// * struct property or function: `bpy.types.Object.location`, `bpy.types.BevelModifier.segments`
    ///   (the struct may be the receiver's type or the declaring one; `Object.location` works too)
    /// * struct or node type: `bpy.types.BevelModifier`, `bpy.types.ShaderNodeBsdfGlass`
    /// * operator: `bpy.ops.mesh.primitive_cube_add`
    /// * context member: `bpy.context.active_object`; `bpy.data.meshes`
    /// * Python module member: `bmesh.ops.bevel`, `mathutils.Vector.cross`, `mathutils.Matrix`
    pub fn examples_using(&self, api_path: &str, n: usize) -> Vec<Hit> {
        self.try_examples_using(api_path, n).unwrap_or_default()
    }

    fn try_examples_using(&self, api_path: &str, n: usize) -> anyhow::Result<Vec<Hit>> {
        let n = n.min(MAX_HITS);
        let target = UseTarget::parse(&self.db, cap(api_path.trim(), 512));
        if n == 0 || target.is_empty() {
            return Ok(Vec::new());
        }
        let term_q = |f: Field, v: &str, boost: Score| -> (Occur, Box<dyn Query>) {
            let q: Box<dyn Query> = Box::new(TermQuery::new(Term::from_field_text(f, v), IndexRecordOption::WithFreqs));
            (Occur::Should, Box::new(BoostQuery::new(q, boost)))
        };
        let mut out: Vec<Hit> = Vec::new();
        // First the examples that use exactly this entry, then those that use a member of
        // the same name (the owner named in the path ranking first).
        let mut stages: Vec<Vec<(Occur, Box<dyn Query>)>> = Vec::new();
        let mut exact = Vec::new();
        for k in &target.keys {
            exact.push(term_q(self.fields.uses, k, 10.0));
        }
        for s in &target.strings {
            exact.push(term_q(self.fields.uses_str, s, 5.0));
        }
        if target.name.is_none() {
            for o in &target.owners {
                exact.push(term_q(self.fields.uses_owner, o, 2.0));
            }
        }
        stages.push(exact);
        if let Some(name) = &target.name {
            let t = Term::from_field_text(self.fields.uses_name, name);
            let must: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
            let mut hints: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for o in &target.owners {
                hints.push(term_q(self.fields.uses_owner, o, 2.0));
                for w in owner_words(o) {
                    hints.push(term_q(self.fields.name, &w, 1.0));
                    hints.push(term_q(self.fields.tags, &w, 1.0));
                }
            }
            let mut clauses = vec![(Occur::Must, must)];
            if !hints.is_empty() {
                clauses.push((Occur::Should, Box::new(BooleanQuery::new(hints)) as Box<dyn Query>));
            }
            stages.push(clauses);
        }
        for clauses in stages {
            if out.len() >= n || clauses.is_empty() {
                continue;
            }
            let q = BooleanQuery::new(clauses);
            for (score, addr) in self.top_docs(&q, n)? {
                let doc: TantivyDocument = self.reader.searcher().doc(addr)?;
                let mut hit = self.hit_of(&doc, score);
                if out.iter().any(|h| h.path == hit.path) {
                    continue;
                }
                let text = |f: Field| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("");
                hit.usage = target.find_line(text(self.fields.code), text(self.fields.use_lines), &hit.path);
                out.push(hit);
                if out.len() >= n {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// A one-line usage of an API entry from the examples (for completion item documentation),
    /// e.g. `mod.segments = 3` for `bpy.types.BevelModifier.segments`.
    pub fn usage_line(&self, api_path: &str) -> Option<UsageLine> {
        self.examples_using(api_path, 3).into_iter().find_map(|h| h.usage)
    }
}

/// `BevelModifier` -> bevel, modifier (analyzed like the index).
fn owner_words(owner: &str) -> Vec<String> {
    let last = owner.rsplit('.').next().unwrap_or(owner);
    tokenizer::terms(&mut tokenizer::analyzer(), last, 8)
        .into_iter()
        .filter(|w| !w.contains('.') && w.len() > 2)
        .collect()
}

/// What [`Rag::examples_using`] looks for.
#[derive(Debug, Default)]
struct UseTarget {
    /// Exact usage keys: `Object.location`, `bpy.ops.mesh.primitive_cube_add`, `bmesh.ops.bevel`.
    keys: Vec<String>,
    /// The member name, when the path names a member.
    name: Option<String>,
    /// Types or modules the member belongs to.
    owners: Vec<String>,
    /// String literals that name the entry (node idnames).
    strings: Vec<String>,
    /// Code to find the line: `.location`, `mesh.primitive_cube_add(`, `"ShaderNodeBsdfGlass"`.
    patterns: Vec<String>,
}

impl UseTarget {
    fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.name.is_none() && self.owners.is_empty() && self.strings.is_empty()
    }

    fn parse(db: &ApiDb, path: &str) -> UseTarget {
        let mut t = UseTarget::default();
        if path.is_empty() || path.contains(char::is_whitespace) {
            return t;
        }
        let member = |t: &mut UseTarget, owner: &str, name: &str| {
            t.name = Some(name.to_string());
            t.owners.push(owner.to_string());
            t.patterns.push(format!(".{name}"));
        };
        if let Some(rest) = path.strip_prefix("bpy.ops.") {
            t.keys.push(path.to_string());
            if let Some((module, name)) = rest.rsplit_once('.') {
                member(&mut t, &format!("bpy.ops.{module}"), name);
                t.patterns.insert(0, format!("{module}.{name}("));
            }
            return t;
        }
        if let Some(name) = path.strip_prefix("bpy.context.") {
            t.keys.push(format!("Context.{name}"));
            member(&mut t, "Context", name);
            return t;
        }
        if let Some(name) = path.strip_prefix("bpy.data.") {
            t.keys.push(format!("BlendData.{name}"));
            member(&mut t, "BlendData", name);
            return t;
        }
        let rest = path.strip_prefix("bpy.types.").unwrap_or(path);
        let (first, member_name) = match rest.split_once('.') {
            Some((s, m)) => (s, Some(m)),
            None => (rest, None),
        };
        if rest.len() < path.len() || db.struct_(first).is_some() || db.node(first).is_some() {
            match member_name {
                None => {
                    t.owners.push(first.to_string());
                    t.strings.push(first.to_string());
                    t.patterns.push(format!("\"{first}\""));
                    t.patterns.push(format!("'{first}'"));
                }
                Some(m) => {
                    t.keys.push(format!("{first}.{m}"));
                    if let Some(decl) = db.member(first, m) {
                        let owner = decl.owner();
                        if owner != first && owner != "bpy_struct" {
                            t.keys.push(format!("{owner}.{m}"));
                        }
                    }
                    member(&mut t, first, m);
                }
            }
            return t;
        }
        // A Python module path: bmesh.ops.bevel, mathutils.Vector.cross, mathutils.Matrix.
        t.keys.push(path.to_string());
        if let Some((owner, name)) = path.rsplit_once('.') {
            let is_class = db
                .module(owner)
                .and_then(|m| m.members.iter().find(|c| c.name == name))
                .is_some_and(|c| c.kind == crate::api::model::MemberKind::Class);
            if is_class {
                t.owners.push(path.to_string());
                t.patterns.push(format!("{name}("));
                t.patterns.push(format!("{name}."));
                t.patterns.push(name.to_string());
            } else {
                let module_last = owner.rsplit('.').next().unwrap_or(owner);
                t.patterns.push(format!("{module_last}.{name}("));
                member(&mut t, owner, name);
            }
        }
        t
    }

    /// The best line of `code` for this target: a line recorded for one of its keys or
    /// strings, else one with a member of the same name, else one matching a pattern.
    fn find_line(&self, code: &str, use_lines: &str, path: &str) -> Option<UsageLine> {
        let lines: Vec<&str> = code.lines().collect();
        let mut exact: Vec<usize> = Vec::new();
        let mut by_name: Vec<usize> = Vec::new();
        for (key, at) in uses::decode_lines(use_lines) {
            let is_target = match key.strip_prefix('"') {
                Some(s) => self.strings.iter().any(|t| t == s),
                None => self.keys.iter().any(|k| k == key),
            };
            let (owner, member) = key.rsplit_once('.').unwrap_or(("", key));
            if is_target {
                exact.extend(at);
            } else if key.starts_with('"') {
                continue;
            } else if self.name.as_deref() == Some(member)
                || (self.name.is_none() && self.owners.iter().any(|o| o == owner))
            {
                // A member of the same name on another type; for a type, any of its members.
                by_name.extend(at);
            }
        }
        let pick = |candidates: &[usize]| -> Option<usize> {
            let mut best: Option<(i32, usize)> = None;
            for &n in candidates {
                let Some(line) = lines.get(n.wrapping_sub(1)) else { continue };
                let score = line_score(line.trim());
                if best.is_none_or(|(b, m)| score > b || (score == b && n < m)) {
                    best = Some((score, n));
                }
            }
            best.map(|(_, n)| n)
        };
        let found = pick(&exact).or_else(|| pick(&by_name)).or_else(|| {
            let matching: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let t = l.trim();
                    !t.starts_with('#') && self.patterns.iter().any(|p| find_word(t, p).is_some())
                })
                .map(|(i, _)| i + 1)
                .collect();
            pick(&matching)
        })?;
        let code = tidy_line(lines.get(found - 1)?);
        Some(UsageLine { code: docs::truncate(&code, 120), path: path.to_string(), line: found })
    }
}

/// A line trimmed, with the padding before a trailing comment shortened to two spaces.
fn tidy_line(line: &str) -> String {
    let line = line.trim();
    match line.find("  #") {
        Some(i) => format!("{}  {}", line[..i].trim_end(), line[i..].trim_start()),
        None => line.to_string(),
    }
}

/// How good a line is as a usage example: short, code, an assignment or a call.
fn line_score(line: &str) -> i32 {
    let mut score = 100;
    if line.is_empty() || line.starts_with('#') || line.starts_with("import ") || line.starts_with("from ") {
        score -= 100;
    }
    if line.len() > 100 {
        score -= 30;
    }
    if line.contains(" = ") || line.contains('(') {
        score += 5;
    }
    if line.ends_with('(') || line.ends_with(',') {
        score -= 3; // the call goes on over several lines
    }
    score
}

/// `pattern` in `line`, not followed by an identifier character when it ends in one
/// (`.location` does not match `.location_x`).
fn find_word(line: &str, pattern: &str) -> Option<usize> {
    let ends_ident = pattern.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_');
    let starts_ident = pattern.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut from = 0;
    while let Some(i) = line[from..].find(pattern) {
        let at = from + i;
        let after = line[at + pattern.len()..].chars().next();
        let before = line[..at].chars().last();
        let ok_after = !ends_ident || !after.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let ok_before = !starts_ident || !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if ok_after && ok_before {
            return Some(at);
        }
        from = at + pattern.len();
    }
    None
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn cap(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn register(index: &Index) {
    index.tokenizers().register(tokenizer::TOKENIZER_NAME, tokenizer::analyzer());
}

fn fields_of(schema: &Schema) -> anyhow::Result<Fields> {
    let f = |name: &str| schema.get_field(name).map_err(|_| anyhow::anyhow!("index has no field {name}"));
    Ok(Fields {
        kind: f("kind")?,
        entry: f("entry")?,
        path: f("path")?,
        title: f("title")?,
        snippet: f("snippet")?,
        name: f("name")?,
        tags: f("tags")?,
        owner: f("owner")?,
        desc: f("desc")?,
        extra: f("extra")?,
        code: f("code")?,
        seen: f("seen")?,
        uses: f("uses")?,
        uses_name: f("uses_name")?,
        uses_owner: f("uses_owner")?,
        uses_str: f("uses_str")?,
        use_lines: f("use_lines")?,
        prior: f("prior")?,
    })
}

/// The API documents, then the example documents (their `uses` are filled in at build time).
fn all_docs(db: &ApiDb, examples: &[(PathBuf, String)]) -> Vec<docs::RagDoc> {
    let mut docs = docs::api_docs(db);
    for (path, code) in examples {
        docs.push(docs::example_doc(path, code));
    }
    docs
}

/// What one example script uses, for its own document and for the API entries it uses.
struct ExampleUse {
    path: String,
    header: docs::ExampleHeader,
    is_asset: bool,
    uses: uses::Uses,
    /// All member uses in the file.
    total: u32,
}

/// Which examples use which API entries: by exact key (`Object.location`), by owner
/// (`BevelModifier`, also node ids in strings) and by member name for `bpy_struct` methods
/// (counted on the receiver's type).
struct UseMaps {
    files: Vec<ExampleUse>,
    by_key: HashMap<String, Vec<(usize, u32)>>,
    by_owner: HashMap<String, Vec<(usize, u32)>>,
    by_generic_name: HashMap<String, Vec<(usize, u32)>>,
}

impl UseMaps {
    fn new(db: &ApiDb, examples: &[(PathBuf, String)]) -> UseMaps {
        let mut maps = UseMaps {
            files: Vec::new(),
            by_key: HashMap::new(),
            by_owner: HashMap::new(),
            by_generic_name: HashMap::new(),
        };
        for (i, (path, code)) in examples.iter().enumerate() {
            let usage = uses::Uses::of(db, code);
            let mut owners: HashMap<String, u32> = HashMap::new();
            for (key, &(count, _)) in &usage.members {
                maps.by_key.entry(key.clone()).or_default().push((i, count));
                if let Some((owner, name)) = key.rsplit_once('.') {
                    *owners.entry(owner.to_string()).or_default() += count;
                    let generic = db.struct_(owner).is_some()
                        && db.member(owner, name).is_none_or(|m| matches!(m.owner(), "bpy_struct"));
                    if generic {
                        maps.by_generic_name.entry(name.to_string()).or_default().push((i, count));
                    }
                }
            }
            for (s, &(count, _)) in &usage.strings {
                if db.node(s).is_some() || db.struct_(s).is_some() {
                    *owners.entry(s.clone()).or_default() += count;
                }
            }
            for (owner, count) in owners {
                maps.by_owner.entry(owner).or_default().push((i, count));
            }
            let display = docs::display_path(path);
            maps.files.push(ExampleUse {
                is_asset: display.contains("/assets/"),
                path: display,
                header: docs::parse_header(code),
                total: usage.total(),
                uses: usage,
            });
        }
        maps
    }

    /// The examples that use an API entry, with their use counts.
    fn users(&self, usage_key: &str) -> &[(usize, u32)] {
        let found = if let Some(name) = usage_key.strip_prefix("*.") {
            self.by_generic_name.get(name)
        } else if usage_key.contains('.') {
            self.by_key.get(usage_key)
        } else {
            self.by_owner.get(usage_key)
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// Titles, tags and descriptions of the (at most `SEEN_EXAMPLES`) examples that use the
    /// entry most, relative to their size; assets last.
    fn seen_text(&self, users: &[(usize, u32)]) -> String {
        let mut ranked: Vec<(bool, f64, usize)> = users
            .iter()
            .map(|&(i, count)| {
                let f = &self.files[i];
                (f.is_asset, -(count as f64) / (f.total.max(1) as f64).sqrt(), i)
            })
            .collect();
        ranked.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let mut out = String::new();
        for (_, _, i) in ranked.into_iter().take(SEEN_EXAMPLES) {
            let h = &self.files[i].header;
            for part in [&h.title, &h.tags, &h.shows] {
                out.push_str(part);
                out.push('\n');
            }
        }
        out
    }
}

/// How many examples describe an API entry in its `seen` field.
const SEEN_EXAMPLES: usize = 4;

/// Fill in what each example uses, what the API entries are used for, the popularity prior,
/// and write the documents.
fn write_index(
    index: &Index,
    fields: Fields,
    docs: Vec<docs::RagDoc>,
    db: &ApiDb,
    examples: &[(PathBuf, String)],
) -> anyhow::Result<()> {
    let maps = UseMaps::new(db, examples);
    let by_path: HashMap<&str, &ExampleUse> = maps.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 30_000_000).context("index writer")?;
    for d in docs {
        let mut doc = TantivyDocument::new();
        let kind = d.kind.unwrap_or(Kind::Api);
        doc.add_text(fields.kind, kind.as_str());
        doc.add_u64(fields.entry, d.entry.map_or(0, |e| e as u64));
        doc.add_text(fields.path, &d.path);
        doc.add_text(fields.title, &d.title);
        doc.add_text(fields.snippet, &d.snippet);
        let mut seen = String::new();
        let prior = match kind {
            Kind::Example => {
                if let Some(ex) = by_path.get(d.path.as_str()) {
                    doc.add_text(fields.use_lines, ex.uses.encode_lines());
                    for (key, &(count, _)) in &ex.uses.members {
                        for _ in 0..count.min(8) {
                            doc.add_text(fields.uses, key);
                        }
                        if let Some((owner, name)) = key.rsplit_once('.') {
                            for _ in 0..count.min(8) {
                                doc.add_text(fields.uses_name, name);
                                doc.add_text(fields.uses_owner, owner);
                            }
                        }
                    }
                    for (s, &(count, _)) in &ex.uses.strings {
                        for _ in 0..count.min(8) {
                            doc.add_text(fields.uses_str, s);
                        }
                    }
                }
                EXAMPLE_PRIOR
            }
            Kind::Api => {
                let users = d.usage_key.as_deref().map(|k| maps.users(k)).unwrap_or(&[]);
                if !users.is_empty() {
                    seen = maps.seen_text(users);
                }
                1.0 + USAGE_PRIOR * (1.0 + users.len() as f64).ln()
            }
        };
        for (f, v) in [
            (fields.name, &d.name),
            (fields.tags, &d.tags),
            (fields.owner, &d.owner),
            (fields.desc, &d.desc),
            (fields.extra, &d.extra),
            (fields.code, &d.code),
            (fields.seen, &seen),
        ] {
            if !v.is_empty() {
                doc.add_text(f, v);
            }
        }
        doc.add_f64(fields.prior, prior);
        writer.add_document(doc)?;
    }
    writer.commit().context("committing the index")?;
    writer.wait_merging_threads().context("merging the index")?;
    Ok(())
}

/// Decompressed blocks of stored fields kept in memory (tantivy's default is 100).
const DOC_STORE_CACHE_BLOCKS: usize = 8;

/// Score multipliers (a fast field): examples are what people and agents want most; API
/// entries that the examples use rank a little higher, by how many examples use them.
const EXAMPLE_PRIOR: f64 = 2.0;
/// Per query term, the fields' scores add up (a disjunction-max with full tie-breaking;
/// lower values were measured to retrieve worse).
const TIE_BREAKER: Score = 1.0;
const USAGE_PRIOR: f64 = 0.05;

/// Give the memory of a finished build back to the system.
fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the heap.
    unsafe {
        libc::malloc_trim(0);
    }
}

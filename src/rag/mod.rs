//! BlenderRAG: a tantivy index over the API database and the example library.

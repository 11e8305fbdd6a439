//! The types that inference gives to bpy expressions.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Unknown,
    /// A Python module by dotted name: "bpy", "bpy.types", "mathutils", "bmesh.ops".
    Module(String),
    /// `bpy.ops.<module>`
    OpModule(String),
    /// `bpy.ops.<module>.<name>`
    Operator(String, String),
    /// The properties of one operator, as `layout.operator("mesh.select_all")` returns them.
    OperatorProperties(String, String),
    /// An instance of an RNA struct, e.g. `Object`.
    Struct(String),
    /// The RNA class itself, e.g. `bpy.types.Object`.
    StructClass(String),
    /// An RNA collection of `item`. `wrapper` is the struct that adds `new`/`remove`
    /// (e.g. `BlendDataObjects`); `owner` is the struct the collection belongs to, which
    /// decides node trees and node sockets.
    Collection {
        item: String,
        wrapper: Option<String>,
        owner: Option<String>,
    },
    /// A method of an RNA struct, bound to an instance.
    RnaFunc {
        owner: String,
        name: String,
    },
    /// An instance of a class from a Python-level module: ("mathutils", "Vector").
    PyInstance {
        module: String,
        class: String,
    },
    /// The class itself: `mathutils.Vector`.
    PyClass {
        module: String,
        class: String,
    },
    /// A function of a Python-level module, or a method of one of its classes.
    PyFunc {
        module: String,
        class: Option<String>,
        name: String,
    },
    /// A list of items of a known type (e.g. `context.selected_objects`).
    List(Box<Ty>),
    /// A plain Python value: "str", "int", "float", "bool".
    Builtin(&'static str),
    /// A class of the document (`scope` is its class scope), or an instance of it.
    User {
        scope: usize,
        name: String,
        instance: bool,
    },
    /// A function or method of the document (`scope` is its function scope).
    OwnFunc {
        scope: usize,
        name: String,
    },
    /// A class of another module of the document's add-on package (`module` indexes the
    /// package's modules, `scope` is the class scope there), or an instance of it.
    PackageClass {
        module: usize,
        scope: usize,
        name: String,
        instance: bool,
    },
    /// Another module of the document's add-on package (`from . import props`).
    PackageModule(usize),
}

impl Ty {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Ty::Unknown)
    }

    pub fn module(name: &str) -> Ty {
        Ty::Module(name.to_string())
    }

    pub fn struct_(name: &str) -> Ty {
        Ty::Struct(name.to_string())
    }

    /// The RNA struct an instance of this type exposes members of, if any.
    pub fn struct_name(&self) -> Option<&str> {
        match self {
            Ty::Struct(s) | Ty::StructClass(s) => Some(s),
            _ => None,
        }
    }

    /// The Python-level class whose members a value of this type has: mathutils and bmesh
    /// classes, and Python's own value types (module `builtins` of the database).
    pub fn py_class(&self) -> Option<(&str, &str)> {
        match self {
            Ty::PyInstance { module, class } | Ty::PyClass { module, class } => Some((module, class)),
            Ty::Builtin(b) => Some(("builtins", b)),
            Ty::List(_) => Some(("builtins", "list")),
            _ => None,
        }
    }

    /// The element type when iterating.
    pub fn item(&self) -> Ty {
        match self {
            Ty::Collection { item, .. } => Ty::Struct(item.clone()),
            Ty::List(inner) => (**inner).clone(),
            _ => Ty::Unknown,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unknown => write!(f, "unknown"),
            Ty::Module(m) => write!(f, "module {m}"),
            Ty::OpModule(m) => write!(f, "bpy.ops.{m}"),
            Ty::Operator(m, n) => write!(f, "bpy.ops.{m}.{n}"),
            Ty::OperatorProperties(m, n) => write!(f, "OperatorProperties[{m}.{n}]"),
            Ty::Struct(s) => write!(f, "bpy.types.{s}"),
            Ty::StructClass(s) => write!(f, "type[bpy.types.{s}]"),
            Ty::Collection { item, .. } => write!(f, "bpy_prop_collection[{item}]"),
            Ty::RnaFunc { owner, name } => write!(f, "{owner}.{name}"),
            Ty::PyInstance { module, class } => write!(f, "{module}.{class}"),
            Ty::PyClass { module, class } => write!(f, "type[{module}.{class}]"),
            Ty::PyFunc { module, class: Some(c), name } => write!(f, "{module}.{c}.{name}"),
            Ty::PyFunc { module, class: None, name } => write!(f, "{module}.{name}"),
            Ty::List(inner) => write!(f, "list[{inner}]"),
            Ty::Builtin(b) => write!(f, "{b}"),
            Ty::User { name, instance: true, .. } => write!(f, "{name}"),
            Ty::User { name, instance: false, .. } => write!(f, "type[{name}]"),
            Ty::PackageClass { name, instance: true, .. } => write!(f, "{name}"),
            Ty::PackageClass { name, instance: false, .. } => write!(f, "type[{name}]"),
            Ty::OwnFunc { name, .. } => write!(f, "{name}"),
            Ty::PackageModule(_) => write!(f, "module"),
        }
    }
}

//! Inference across the modules of an add-on package: classes imported with relative
//! imports (`from .props import MyGroup`), base classes of other modules, and properties
//! registered in another module (`bpy.types.Scene.my_tool = PointerProperty(type=MyGroup)`
//! in `__init__.py`, read as `context.scene.my_tool` in `operators.py`).
//! Another module is inferred as a document of the same package, at most three modules
//! deep, so import cycles between the add-on's modules end.

use std::cell::Cell;

use super::infer::Infer;
use super::own_class::{OwnKind, OwnMember};
use super::package::{Module, PackageRef, Registration, runtime_properties_in};
use super::scope::BindingKind;
use super::ty::Ty;

/// Modules followed from one another at most (`a` imports `B` from `b`, whose annotation
/// names `C` of `c`...).
const MAX_HOPS: u32 = 3;

thread_local! {
    /// How many `in_module` calls are running on this thread, one inside the other.
    static HOPS: Cell<u32> = const { Cell::new(0) };
}

/// One module deeper while it lives (also when `f` panics and the panic is caught above).
struct Hop;

impl Hop {
    fn enter() -> Hop {
        HOPS.set(HOPS.get() + 1);
        Hop
    }
}

impl Drop for Hop {
    fn drop(&mut self) {
        HOPS.set(HOPS.get().saturating_sub(1));
    }
}

/// A property another module of the package registers.
pub struct PackageRegistration {
    pub name: String,
    /// The line that registers it.
    pub line: String,
    /// Where, for the user (`my_addon/__init__.py`).
    pub path: String,
}

impl<'a> Infer<'a> {
    fn package_module(&self, module: usize) -> Option<&'a Module> {
        let doc: &'a super::Document = self.doc;
        doc.package()?.package.module(module)
    }

    /// Run `f` on an inference of module `module` of the document's package (which sees
    /// the package too, at most `MAX_HOPS` modules deep: import cycles end there).
    pub fn in_module<R>(&self, module: usize, f: impl FnOnce(&Infer) -> R) -> Option<R> {
        let place = self.doc.package()?;
        let m = place.package.module(module)?;
        if HOPS.get() >= MAX_HOPS {
            return None;
        }
        let mut doc = m.doc.clone();
        doc.set_package(Some(PackageRef { package: place.package.clone(), module: m.name.clone() }));
        let _hop = Hop::enter();
        Some(f(&Infer::new(self.db, &doc)))
    }

    /// Where module `module` is, for the user.
    pub fn module_path(&self, module: usize) -> &'a str {
        self.package_module(module).map(|m| m.path.as_str()).unwrap_or("")
    }

    /// `from <spec> import <attr>` where `spec` is relative: a class or submodule of the package.
    pub fn package_import(&self, spec: &str, attr: &str) -> Ty {
        let Some(package) = self.doc.package() else { return Ty::Unknown };
        if let Some(m) = package.submodule(spec, attr) {
            return Ty::PackageModule(m);
        }
        match package.resolve(spec) {
            Some(m) => self.package_module_member(m, attr),
            None => Ty::Unknown,
        }
    }

    /// A top-level name of module `module`: its classes (also those it imports from its
    /// own neighbours are not followed: one hop).
    pub fn package_module_member(&self, module: usize, name: &str) -> Ty {
        self.in_module(module, |i| {
            let scopes = i.doc.scopes();
            let Some(b) = scopes.scopes.first().and_then(|s| s.bindings.get(name)).and_then(|l| l.last()) else {
                return Ty::Unknown;
            };
            match b.kind {
                BindingKind::Class(scope) => {
                    Ty::PackageClass { module, scope, name: name.to_string(), instance: false }
                }
                _ => lift(module, i.text_ty(name, i.doc.text().len())),
            }
        })
        .unwrap_or(Ty::Unknown)
    }

    /// A type found in module `module`, as this document sees it.
    pub fn lifted(&self, module: usize, ty: Ty) -> Ty {
        lift(module, ty)
    }

    /// `attr` of a class of another module.
    pub fn package_class_attribute(&self, module: usize, scope: usize, instance: bool, attr: &str) -> Ty {
        let (t, base) = self
            .in_module(module, |i| (lift(module, i.own_attribute(scope, instance, attr)), i.class_rna_base(scope)))
            .unwrap_or((Ty::Unknown, None));
        if t.is_unknown() && instance && self.takes_runtime_properties(base.as_deref()) {
            return self.runtime_member_ty(attr);
        }
        t
    }

    /// The property that another module of the package registers as `attr` on `s` (see
    /// [`Infer::registers_on`]).
    pub fn package_registered_attribute(&self, s: &str, attr: &str) -> Option<Ty> {
        let place = self.doc.package()?;
        let r = self.package_registrations(place).find(|r| r.name == attr && self.registers_on(s, &r.owner))?;
        self.in_module(r.module, |i| i.property_value(&r.value).map(|t| lift(r.module, t))).flatten()
    }

    /// Every property the other modules of the package register on `s`.
    pub fn package_registrations_on(&self, s: &str) -> Vec<PackageRegistration> {
        let Some(place) = self.doc.package() else { return Vec::new() };
        let mut out: Vec<PackageRegistration> = Vec::new();
        for r in self.package_registrations(place) {
            if !out.iter().any(|o| o.name == r.name) && self.registers_on(s, &r.owner) {
                let path = place.package.module(r.module).map(|m| m.path.clone()).unwrap_or_default();
                out.push(PackageRegistration { name: r.name.clone(), line: r.line.clone(), path });
            }
        }
        out
    }

    /// The registrations of the package but those of the document's own module (the
    /// document is that module; its text on disk may be older).
    fn package_registrations<'p>(&self, place: &'p PackageRef) -> impl Iterator<Item = &'p Registration> {
        let own = place.package.find(&place.module);
        place.package.registrations().iter().filter(move |r| Some(r.module) != own)
    }

    /// The classes of other modules that the own class `scope` derives from: (module, class scope).
    pub fn package_bases(&self, scope: usize) -> Vec<(usize, usize)> {
        if self.doc.package().is_none() {
            return Vec::new();
        }
        let Some(s) = self.doc.scopes().scopes.get(scope) else { return Vec::new() };
        s.bases
            .iter()
            .filter_map(|b| match self.range_ty(b) {
                Ty::PackageClass { module, scope, .. } => Some((module, scope)),
                _ => None,
            })
            .collect()
    }
}

impl Infer<'_> {
    /// Whether instances of the own class `scope` (of whichever module) may hold the
    /// properties set at run time: PropertyGroups do.
    pub fn takes_runtime_properties(&self, rna_base: Option<&str>) -> bool {
        rna_base == Some("PropertyGroup")
    }

    /// The properties functions of the document and its package set on classes they are
    /// given (`def add_parameters(params): params.size = FloatProperty()`), as members.
    pub fn runtime_members(&self) -> Vec<OwnMember> {
        let mut out: Vec<OwnMember> = Vec::new();
        let text = self.doc.text();
        if text.contains("Property(") {
            for (name, line, _) in runtime_properties_in(text) {
                out.push(OwnMember { name, kind: OwnKind::Attribute, class: String::new(), line, module: None });
            }
        }
        if let Some(place) = self.doc.package() {
            for r in place.package.runtime_properties() {
                let m = place.package.module(r.module);
                if m.is_some_and(|m| m.name == place.module) || out.iter().any(|o| o.name == r.name) {
                    continue;
                }
                let path = m.map(|m| m.path.clone());
                out.push(OwnMember {
                    name: r.name.clone(),
                    kind: OwnKind::Attribute,
                    class: String::new(),
                    line: r.line.clone(),
                    module: path,
                });
            }
        }
        out
    }

    /// Add the run-time properties to the members of a class whose RNA base is `rna_base`.
    pub fn add_runtime_members(&self, rna_base: Option<&str>, members: &mut Vec<OwnMember>) {
        if self.takes_runtime_properties(rna_base) {
            for m in self.runtime_members() {
                if !members.iter().any(|o| o.name == m.name) {
                    members.push(m);
                }
            }
        }
    }

    /// The value type of a property set at run time (see [`Infer::runtime_members`]).
    pub fn runtime_member_ty(&self, attr: &str) -> Ty {
        let text = self.doc.text();
        if text.contains(attr)
            && let Some((_, _, value)) = runtime_properties_in(text).into_iter().find(|(n, ..)| n == attr)
        {
            return self.property_value(&value).unwrap_or(Ty::Unknown);
        }
        let Some(place) = self.doc.package() else { return Ty::Unknown };
        let Some(r) = place.package.runtime_properties().iter().find(|r| r.name == attr) else { return Ty::Unknown };
        self.in_module(r.module, |i| i.property_value(&r.value).map(|t| lift(r.module, t)))
            .flatten()
            .unwrap_or(Ty::Unknown)
    }
}

/// Scopes of another module mean nothing here: its classes become package classes (module
/// indexes are the package's, the same in every module), its functions are not followed.
fn lift(module: usize, ty: Ty) -> Ty {
    match ty {
        Ty::User { scope, name, instance } => Ty::PackageClass { module, scope, name, instance },
        Ty::OwnFunc { .. } => Ty::Unknown,
        Ty::List(inner) => match lift(module, *inner) {
            Ty::Unknown => Ty::Unknown,
            t => Ty::List(Box::new(t)),
        },
        t => t,
    }
}

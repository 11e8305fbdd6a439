//! Inference across the modules of an add-on package: classes imported with relative
//! imports (`from .props import MyGroup`), base classes of other modules, and properties
//! registered in another module (`bpy.types.Scene.my_tool = PointerProperty(type=MyGroup)`
//! in `__init__.py`, read as `context.scene.my_tool` in `operators.py`).
//! One hop only: another module is inferred on its own, without the package, so import
//! cycles between the add-on's modules cannot loop.

use super::infer::Infer;
use super::package::{Module, registrations_in};
use super::scope::BindingKind;
use super::ty::Ty;

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

    /// Run `f` on an inference of module `module` of the document's package.
    pub fn in_module<R>(&self, module: usize, f: impl FnOnce(&Infer<'a>) -> R) -> Option<R> {
        let m = self.package_module(module)?;
        Some(f(&Infer::new(self.db, &m.doc)))
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
        self.in_module(module, |i| lift(module, i.own_attribute(scope, instance, attr))).unwrap_or(Ty::Unknown)
    }

    /// The property that another module of the package registers as `attr` on one of `owners`.
    pub fn package_registered_attribute(&self, owners: &[&str], attr: &str) -> Option<Ty> {
        let place = self.doc.package()?;
        for (module, m) in place.package.modules().iter().enumerate() {
            // The document's own module is the document (its text on disk may be older).
            if m.name == place.module || !m.doc.text().contains(attr) {
                continue;
            }
            let found = registrations_in(m.doc.text(), owners).into_iter().find(|(n, ..)| n == attr);
            if let Some((_, _, value)) = found {
                return self.in_module(module, |i| i.property_value(&value).map(|t| lift(module, t))).flatten();
            }
        }
        None
    }

    /// Every property the other modules of the package register on one of `owners`.
    pub fn package_registrations_on(&self, owners: &[&str]) -> Vec<PackageRegistration> {
        let Some(package) = self.doc.package() else { return Vec::new() };
        let mut out: Vec<PackageRegistration> = Vec::new();
        for m in package.package.modules().iter().filter(|m| m.name != package.module) {
            for (name, line, _) in registrations_in(m.doc.text(), owners) {
                if !out.iter().any(|r| r.name == name) {
                    out.push(PackageRegistration { name, line, path: m.path.clone() });
                }
            }
        }
        out
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

/// Scopes of another module mean nothing here: its classes become package classes, its
/// functions are not followed.
fn lift(module: usize, ty: Ty) -> Ty {
    match ty {
        Ty::User { scope, name, instance } => Ty::PackageClass { module, scope, name, instance },
        Ty::OwnFunc { .. } | Ty::PackageClass { .. } | Ty::PackageModule(_) => Ty::Unknown,
        Ty::List(inner) => match lift(module, *inner) {
            Ty::Unknown => Ty::Unknown,
            t => Ty::List(Box::new(t)),
        },
        t => t,
    }
}

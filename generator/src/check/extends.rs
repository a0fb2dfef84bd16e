//! A vendor that `extends:` a published one: checked together with the
//! base's specs, so its fields may name the base's types and its rules reach
//! into them, then split from the base: the base's types are marked as the
//! base's (the published module generates them), its operations dropped.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::model::{Base, TypeDecl, TypeId, Vendor};
use crate::spec::parse::ParsedFile;
use crate::spec::path::NodePath;

/// The extending vendor's model from `merged`, the check of its files
/// after the base's first `base_files` (`base`, checked alone): the base's
/// types marked, its operations, files and warnings dropped.
pub(super) fn split(
    sources: &Sources,
    files: &[ParsedFile],
    base_files: usize,
    base: &Vendor,
    merged: Result<(Vendor, Vec<Diagnostic>), Vec<Diagnostic>>,
) -> Result<(Vendor, Vec<Diagnostic>), Vec<Diagnostic>> {
    let base_ids: HashSet<FileId> = files[..base_files].iter().map(|f| f.file).collect();
    let (mut vendor, warnings) = merged.map_err(|mut errors| {
        for e in &mut errors {
            explain_clash(e, &base_ids, &base.name);
        }
        errors
    })?;
    let errors = separate(&mut vendor, base, extends_at(&files[base_files..]));
    let base_paths: HashSet<_> = base_ids.iter().map(|&id| &sources.get(id).path).collect();
    vendor.files.retain(|p| !base_paths.contains(p));
    if !errors.is_empty() {
        return Err(errors);
    }
    let own_warnings = warnings
        .into_iter()
        .filter(|w| !base_ids.contains(&w.file))
        .collect();
    Ok((vendor, own_warnings))
}

/// Where the extension's header names its base: problems of the whole
/// extension are reported there.
fn extends_at(own: &[ParsedFile]) -> (FileId, Range<usize>) {
    let header = own.iter().find(|f| f.spec.vendor.is_some()).or(own.first());
    header.map_or((0, 0..0), |f| {
        let path = NodePath::root().key("vendor").key("extends");
        (f.file, f.locations.value(&path))
    })
}

/// A type declared by the extension and by the base: the checker's hint
/// ("rename or remove one") would suggest editing the published spec.
fn explain_clash(e: &mut Diagnostic, base_ids: &HashSet<FileId>, base: &str) {
    let in_base = e.related.iter().any(|r| base_ids.contains(&r.file));
    if in_base && !base_ids.contains(&e.file) && e.message.ends_with("is declared twice") {
        e.hint = Some(format!(
            "`{base}`, which this vendor extends, already has a type of this name: use it as it is (fields name it like your own types), or give yours another name"
        ));
    }
}

/// Marks the base's types in `vendor` and drops the base's operations; a
/// base type that only replies hold cannot go into a request of the
/// extension: the published module gives it no constructor or validation.
fn separate(
    vendor: &mut Vendor,
    base: &Vendor,
    (file, span): (FileId, Range<usize>),
) -> Vec<Diagnostic> {
    let base_types: HashSet<&str> = base.types.iter().map(TypeDecl::name).collect();
    let ids: BTreeSet<TypeId> = (0..vendor.positions.len())
        .map(TypeId::nth)
        .filter(|&id| base_types.contains(vendor.type_name(id)))
        .collect();
    let mut errors = Vec::new();
    for t in &base.types {
        let TypeDecl::Struct(published) = t else {
            continue;
        };
        let used = vendor.types.iter().any(|mine| match mine {
            TypeDecl::Struct(s) => s.name == published.name && s.in_requests,
            TypeDecl::Enum(_) => false,
        });
        if used && !published.in_requests {
            errors.push(
                Diagnostic::new(
                    file,
                    span.clone(),
                    format!(
                        "`{}` of `{}` is a reply type: a request of `{}` cannot hold it",
                        published.name, base.name, vendor.name
                    ),
                )
                .with_hint(format!(
                    "the published `{}` module gives reply types no constructor or validation; declare a type of your own with the fields you send",
                    base.name
                )),
            );
        }
    }
    let base_ops: HashSet<&str> = base
        .operations
        .iter()
        .map(|o| o.spec_name.as_str())
        .collect();
    vendor
        .operations
        .retain(|op| !base_ops.contains(op.spec_name.as_str()));
    vendor.base = Some(Base {
        name: base.name.clone(),
        types: ids,
    });
    errors
}

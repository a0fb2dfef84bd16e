//! The vendor header: which file has it, the vendor's name, auth scheme and
//! base URL, and the error envelope (paths into a reply type, checked once
//! every type is known).

use std::path::Path;

use super::ctxt::{Ctxt, Site};
use super::literals::literal_for;
use super::rules::{field_path, Scope};
use super::types::named_type;
use crate::diagnostic::{suggest, FileId};
use crate::model::{Auth, CatalogueEntry, ErrorModel, Retry, Ty};
use crate::naming;
use crate::spec::ast;
use crate::spec::parse::ParsedFile;
use crate::spec::path::NodePath;

/// The checked `vendor:` header.
pub(super) struct Header<'a> {
    /// Where it is written.
    pub at: Site,
    /// The header the auth, base URL and error envelope come from: the
    /// vendor's own, or the base's when it `extends:` one.
    pub vendor: &'a ast::Vendor,
    /// The header that names this vendor (its name, title, doc, notes).
    pub own: &'a ast::Vendor,
    /// The documents its operations may cite: the base's, then its own.
    pub sources: Vec<String>,
    pub auth: Auth,
    /// The error catalogue, its retry classes read.
    pub catalogue: Vec<CatalogueEntry>,
}

/// The hint for a file without a header that is a vendor on its own: each
/// file directly in the specs folder is a vendor, so a file meant to add
/// operations to another vendor belongs in that vendor's folder. The vendors
/// with a header in the same folder are named.
fn lone_file_hint(cx: &Ctxt<'_>, file: FileId) -> String {
    let path = cx.sources.get(file).path.clone();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let beside: Vec<String> = cx
        .sources
        .iter()
        .filter(|(id, f)| *id != file && f.path.parent() == Some(dir.as_path()))
        .filter(|(_, f)| f.text.lines().any(|l| l.starts_with("vendor:")))
        .filter_map(|(_, f)| f.path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let shown = dir.join("<vendor>");
    let folder = match &beside[..] {
        [] => format!("to add to an existing vendor, put this file in that vendor's folder (`{}/`, whose files share the one header) instead", shown.display()),
        [one] => format!("to add to `{one}`, make it a folder: move `{one}.yaml` to `{}` and this file into `{}/` (the files of a folder share its one header)", dir.join(one).join("vendor.yaml").display(), dir.join(one).display()),
        several => format!("to add to one of {}, make it a folder: move `<vendor>.yaml` to `{}` and this file beside it (the files of a folder share its one header)", several.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "), shown.join("vendor.yaml").display()),
    };
    format!("each file directly in a specs folder is a vendor of its own: {folder}; a new vendor starts with `vendor: {{name, title, auth}}`")
}

/// Finds the one `vendor:` header among the vendor's files and checks it.
/// A header that `extends:` a base vendor is the vendor's own; the base's
/// header (among the files, read from the generator's built-in specs) gives
/// the auth scheme, base URL, error envelope and catalogue.
pub(super) fn header<'a>(cx: &mut Ctxt<'a>) -> Option<Header<'a>> {
    let files: &'a [ParsedFile] = cx.files;
    let headers: Vec<&'a ParsedFile> = files.iter().filter(|f| f.spec.vendor.is_some()).collect();
    let Some(own) = headers
        .iter()
        .find(|f| vendor_of(f).extends.is_some())
        .or(headers.first())
        .copied()
    else {
        // An unreadable header has its own report; "no header" would mislead.
        if files.iter().any(|f| f.spec.vendor_unreadable) {
            return None;
        }
        let file = files.first()?.file;
        let path = cx.file_path(file);
        let hint = if files.len() == 1 {
            lone_file_hint(cx, file)
        } else {
            "add `vendor: {name, title, auth}` to one file of this vendor".into()
        };
        cx.error_in_file(
            file,
            format!("no `vendor:` header among the files of `{path}`"),
            hint,
        );
        return None;
    };
    let own_vendor = vendor_of(own);
    let at = Site {
        file: own.file,
        path: NodePath::root().key("vendor"),
    };
    let base = match &own_vendor.extends {
        Some(base) => Some(extended(cx, &at, own_vendor, base, &headers)?),
        None => None,
    };
    for extra in headers.iter().filter(|f| f.file != own.file) {
        if base.is_some_and(|b| b.file == extra.file) {
            continue;
        }
        let at = Site {
            file: extra.file,
            path: NodePath::root().key("vendor"),
        };
        cx.error_at_key(
            &at,
            "a second `vendor:` header for the same vendor",
            "keep the header in one file of the folder",
        );
    }
    if base.is_none() {
        required_keys(cx, &at, own_vendor);
    }
    let vendor = base.map_or(own_vendor, vendor_of);
    let mut sources = vendor.sources.clone();
    if base.is_some() {
        sources.extend(own_vendor.sources.iter().cloned());
    }
    let name_ok = !own_vendor.name.is_empty()
        && naming::field_ident(&own_vendor.name).as_deref() == Some(own_vendor.name.as_str());
    if !name_ok {
        cx.error(
            &at.key("name"),
            format!(
                "vendor name `{}` is not a snake_case identifier",
                own_vendor.name
            ),
            "use lowercase letters, digits and underscores, e.g. `tencent_meeting`",
        );
    }
    let base_at = Site {
        file: base.map_or(own.file, |b| b.file),
        path: NodePath::root().key("vendor"),
    };
    let at = base_at;
    let auth = Auth::parse(&vendor.auth).unwrap_or_else(|| {
        // No `auth` at all was reported with the other required keys.
        if vendor.auth.is_empty() {
            return Auth::None;
        }
        cx.error(
            &at.key("auth"),
            format!("unknown auth scheme `{}`", vendor.auth),
            suggest(&vendor.auth, &Auth::NAMES),
        );
        Auth::None
    });
    if let Some(url) = &vendor.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with('/') {
            cx.error(
                &at.key("base_url"),
                format!(
                    "base URL `{url}` must start with http:// or https:// and not end with `/`"
                ),
                "",
            );
        }
    }
    let catalogue = catalogue(cx, &at, vendor);
    Some(Header {
        at,
        vendor,
        own: own_vendor,
        sources,
        auth,
        catalogue,
    })
}

fn vendor_of(file: &ParsedFile) -> &ast::Vendor {
    file.spec.vendor.as_ref().expect("a file with a header")
}

/// The keys a vendor of its own must write (`title`, `auth`); serde cannot
/// require them, since a vendor that `extends:` another takes them from it.
fn required_keys(cx: &mut Ctxt<'_>, at: &Site, vendor: &ast::Vendor) {
    for (key, empty) in [
        ("title", vendor.title.is_empty()),
        ("auth", vendor.auth.is_empty()),
    ] {
        if empty {
            cx.error_at_key(
                at,
                format!("the `vendor:` header has no `{key}`"),
                format!("a vendor states its `{key}` (or `extends:` a built-in vendor, whose `{key}` it keeps)"),
            );
        }
    }
}

/// The base an extending header names, among the headers of the files
/// given with it. An extending header may not restate what the base decides.
fn extended<'a>(
    cx: &mut Ctxt<'a>,
    at: &Site,
    own: &ast::Vendor,
    base: &str,
    headers: &[&'a ParsedFile],
) -> Option<&'a ParsedFile> {
    let restated = [
        ("auth", !own.auth.is_empty()),
        ("base_url", own.base_url.is_some()),
        ("api_level", own.api_level.is_some()),
        ("error", own.error.is_some()),
        ("error_catalogue", !own.error_catalogue.is_empty()),
    ];
    for (key, set) in restated {
        if set {
            cx.error_at_key(
                &at.key(key),
                format!("a vendor that `extends: {base}` takes `{key}` from `{base}`"),
                format!(
                    "remove `{key}`: requests are sent, signed and their errors read as `{base}`'s"
                ),
            );
        }
    }
    let found = headers
        .iter()
        .find(|f| vendor_of(f).name == base && vendor_of(f).extends.is_none())
        .copied();
    if found.is_none() {
        let names = crate::builtin::names();
        cx.error(
            &at.key("extends"),
            format!("`{base}` is not a vendor meeting-api-client publishes"),
            format!(
                "a vendor extends one of the built-in vendors: {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    found
}

/// The error catalogue, with each entry's `retry:` class read.
fn catalogue(cx: &mut Ctxt<'_>, at: &Site, vendor: &ast::Vendor) -> Vec<CatalogueEntry> {
    let entries = vendor.error_catalogue.iter().enumerate();
    entries
        .map(|(i, c)| {
            let retry = c.retry.as_deref().and_then(|r| {
                let class = Retry::parse(r);
                if class.is_none() {
                    cx.error(
                        &at.key("error_catalogue").index(i).key("retry"),
                        format!("unknown retry class `{r}`"),
                        suggest(r, &Retry::NAMES),
                    );
                }
                class
            });
            CatalogueEntry {
                key: c.key.clone(),
                status: c.status,
                message: c.message.clone(),
                retry,
            }
        })
        .collect()
}

/// The error envelope: its type must be an object, and each path must lead
/// to a field of it.
pub(super) fn error_model(
    cx: &mut Ctxt<'_>,
    header: &Header<'_>,
    e: &ast::ErrorEnvelope,
) -> Option<ErrorModel> {
    let at = header.at.key("error");
    let Some(Ty::Struct(id)) = named_type(cx, &at.key("type"), &e.ty) else {
        cx.error(
            &at.key("type"),
            "the error envelope must be an object type",
            "",
        );
        return None;
    };
    let fields = cx.space.fields_of(id);
    let name = cx.space.name(id).to_string();
    let scope = Scope {
        owner: &name,
        fields: &fields,
    };
    let mut ok = true;
    let mut resolve = |cx: &mut Ctxt<'_>, key: &'static str, path: &Option<String>| {
        let path = path.as_ref()?;
        let resolved = field_path(cx, &at.key(key), scope, path);
        ok &= resolved.is_some();
        resolved
    };
    let code = resolve(cx, "code", &e.code);
    let message = resolve(cx, "message", &e.message);
    let key = resolve(cx, "key", &e.key);
    let request_id = resolve(cx, "request_id", &e.request_id);
    let success = match &e.success {
        Some(s) => {
            let sat = at.key("success");
            let f = field_path(cx, &sat.key("field"), scope, &s.field)?;
            let lit = literal_for(cx, &sat.key("equals"), &f.last().ty, &s.equals, "value")?;
            Some((f, lit))
        }
        None => None,
    };
    ok.then_some(ErrorModel {
        ty: id,
        code,
        message,
        key,
        request_id,
        success,
    })
}

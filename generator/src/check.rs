//! AST -> model: every reference resolved, every rule checked, every problem
//! reported with the location of the node it is about.
//!
//! Types are resolved in two passes: first every struct's fields (so that rules
//! and error envelopes can follow paths through types declared later), then the
//! rules.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use serde_yaml::Value;

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::model::*;
use crate::naming;
use crate::spec::ast;
use crate::spec::locate::Locations;
use crate::spec::parse::{suggest, ParsedFile};

const PRIMITIVES: &[&str] = &[
    "string", "integer", "number", "boolean", "json", "file", "object", "array",
];

/// Checks one vendor (one file or the files of one folder) and builds its model.
pub fn check_vendor(
    sources: &Sources,
    files: &[ParsedFile],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vendor> {
    let before = diags.len();
    let mut cx = Checker::new(sources, files, diags);
    let header = cx.header()?;
    cx.collect_declarations();
    cx.resolve_named_types();
    let operations = cx.resolve_operations();
    cx.resolve_pending_rules();
    let error = header
        .error
        .as_ref()
        .and_then(|e| cx.error_model(header.file, e));
    cx.mark_recursion();
    cx.mark_request_types(&operations);
    let vendor = cx.finish(header, error, operations);
    (diags.len() == before).then_some(vendor)
}

struct Header<'a> {
    file: FileId,
    vendor: &'a ast::Vendor,
    name: String,
    auth: Auth,
    error: Option<&'a ast::ErrorEnvelope>,
}

/// Rules wait until every struct's fields are known.
struct PendingRules<'a> {
    file: FileId,
    path: String,
    owner: Owner,
    rules: &'a [ast::Rule],
}

#[derive(Clone)]
enum Owner {
    Struct(String),
    Operation,
}

struct Checker<'a, 'd> {
    sources: &'a Sources,
    files: &'a [ParsedFile],
    diags: &'d mut Vec<Diagnostic>,
    /// Declared named types: spec name -> (file, definition).
    declared: IndexMap<&'a str, (FileId, &'a ast::TypeDef)>,
    declared_ops: IndexMap<&'a str, (FileId, &'a ast::Operation)>,
    /// Spec name of a declared type -> its Rust name.
    rust_names: HashMap<&'a str, String>,
    /// Every generated type name -> where it comes from (for collision messages).
    taken: HashMap<String, String>,
    types: Vec<TypeDecl>,
    structs: HashMap<String, usize>,
    enums: HashMap<String, EnumKind>,
    pending: Vec<PendingRules<'a>>,
    /// Fields that could not be resolved (their problem is reported), as
    /// (owning struct or operation, wire name): a path through one is not
    /// reported again as missing.
    unresolved: HashSet<(String, String)>,
}

/// The fields a rule's paths start from, and the struct (or operation) that owns
/// them: what a missing field is looked up against.
#[derive(Clone, Copy)]
struct Scope<'s> {
    owner: &'s str,
    fields: &'s [Field],
}

impl<'a, 'd> Checker<'a, 'd> {
    fn new(sources: &'a Sources, files: &'a [ParsedFile], diags: &'d mut Vec<Diagnostic>) -> Self {
        Checker {
            sources,
            files,
            diags,
            declared: IndexMap::new(),
            declared_ops: IndexMap::new(),
            rust_names: HashMap::new(),
            taken: HashMap::new(),
            types: Vec::new(),
            structs: HashMap::new(),
            enums: HashMap::new(),
            pending: Vec::new(),
            unresolved: HashSet::new(),
        }
    }

    fn locations(&self, file: FileId) -> &'a Locations {
        let files: &'a [ParsedFile] = self.files;
        &files
            .iter()
            .find(|f| f.file == file)
            .expect("file of this vendor")
            .locations
    }

    fn error(
        &mut self,
        file: FileId,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let span = self.locations(file).value(path);
        self.push(file, span, message.into(), hint.into());
    }

    fn error_at_key(
        &mut self,
        file: FileId,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let span = self.locations(file).key(path);
        self.push(file, span, message.into(), hint.into());
    }

    fn push(&mut self, file: FileId, span: std::ops::Range<usize>, message: String, hint: String) {
        let d = Diagnostic::new(file, span, message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    // ---- vendor header -------------------------------------------------------

    fn header(&mut self) -> Option<Header<'a>> {
        let files: &'a [ParsedFile] = self.files;
        let mut with_header = files.iter().filter(|f| f.spec.vendor.is_some());
        let Some(first) = with_header.next() else {
            // An unreadable header has its own report; "no header" would mislead.
            if files.iter().any(|f| f.spec.vendor_unreadable) {
                return None;
            }
            let file = files.first()?.file;
            let path = self.sources.get(file).path.display().to_string();
            self.push(
                file,
                0..0,
                format!("no `vendor:` header among the files of `{path}`"),
                "add `vendor: {name, title, auth}` to one file of this vendor".into(),
            );
            return None;
        };
        for extra in with_header {
            self.error_at_key(
                extra.file,
                "vendor",
                "a second `vendor:` header for the same vendor",
                "keep the header in one file of the folder",
            );
        }
        let vendor = first.spec.vendor.as_ref().expect("filtered on is_some");
        let file = first.file;
        let name_ok = !vendor.name.is_empty()
            && naming::field_ident(&vendor.name).as_deref() == Some(vendor.name.as_str());
        if !name_ok {
            self.error(
                file,
                "vendor.name",
                format!(
                    "vendor name `{}` is not a snake_case identifier",
                    vendor.name
                ),
                "use lowercase letters, digits and underscores, e.g. `tencent_meeting`",
            );
        }
        let auth = Auth::parse(&vendor.auth).unwrap_or_else(|| {
            self.error(
                file,
                "vendor.auth",
                format!("unknown auth scheme `{}`", vendor.auth),
                suggest(&vendor.auth, &Auth::NAMES),
            );
            Auth::None
        });
        if let Some(url) = &vendor.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with('/') {
                self.error(
                    file,
                    "vendor.base_url",
                    format!(
                        "base URL `{url}` must start with http:// or https:// and not end with `/`"
                    ),
                    "",
                );
            }
        }
        Some(Header {
            file,
            vendor,
            name: vendor.name.clone(),
            auth,
            error: vendor.error.as_ref(),
        })
    }

    fn collect_declarations(&mut self) {
        let files: &'a [ParsedFile] = self.files;
        for f in files {
            for (name, def) in &f.spec.types {
                if let Some((other, _)) = self.declared.get(name.as_str()) {
                    let where_ = self.sources.get(*other).path.display().to_string();
                    self.error_at_key(
                        f.file,
                        &format!("types.{name}"),
                        format!("type `{name}` is declared twice"),
                        format!("it is already declared in {where_}; rename or remove one"),
                    );
                    continue;
                }
                self.declared.insert(name, (f.file, def));
            }
            for (name, op) in &f.spec.operations {
                if let Some((other, _)) = self.declared_ops.get(name.as_str()) {
                    let where_ = self.sources.get(*other).path.display().to_string();
                    self.error_at_key(f.file, &format!("operations.{name}"), format!("duplicate operation name `{name}`"),
                        format!("it is already declared in {where_}; operation names are unique per vendor"));
                    continue;
                }
                self.declared_ops.insert(name, (f.file, op));
            }
        }
        let declared: Vec<(&'a str, FileId)> =
            self.declared.iter().map(|(n, (f, _))| (*n, *f)).collect();
        for (name, file) in declared {
            let path = format!("types.{name}");
            if let Some(ident) = self.claim_type_name(file, &path, name, &path) {
                self.rust_names.insert(name, ident);
            }
        }
    }

    /// Registers a generated type name; reports keywords, reserved names and collisions.
    fn claim_type_name(
        &mut self,
        file: FileId,
        path: &str,
        name: &str,
        origin: &str,
    ) -> Option<String> {
        let Some(ident) = naming::type_ident(name) else {
            self.error_at_key(
                file,
                path,
                format!("`{name}` does not make a Rust type name"),
                "use letters and digits, e.g. `LiveConfig`",
            );
            return None;
        };
        if naming::RESERVED_TYPE_NAMES.contains(&ident.as_str()) {
            self.error_at_key(
                file,
                path,
                format!("type name `{ident}` is reserved by the generated code"),
                format!("rename it, e.g. `{ident}Info`"),
            );
            return None;
        }
        if let Some(prev) = self.taken.get(&ident) {
            let prev = prev.clone();
            self.error_at_key(
                file,
                path,
                format!("`{origin}` and `{prev}` both generate the Rust type `{ident}`"),
                "give one of them another name (`type_name:` for inline types)",
            );
            return None;
        }
        self.taken.insert(ident.clone(), origin.to_string());
        Some(ident)
    }

    // ---- types ---------------------------------------------------------------

    fn resolve_named_types(&mut self) {
        let declared: Vec<(&'a str, FileId, &'a ast::TypeDef)> = self
            .declared
            .iter()
            .map(|(n, (f, d))| (*n, *f, *d))
            .collect();
        // Kinds first, so that fields can refer to enums declared further down.
        for (name, _, def) in &declared {
            if let (Some(ident), Some(kind)) = (self.rust_names.get(name), def.enum_kind.as_deref())
            {
                let kind = if kind == "string" {
                    EnumKind::String
                } else {
                    EnumKind::Integer
                };
                self.enums.insert(ident.clone(), kind);
            }
        }
        for (name, file, def) in declared {
            let Some(ident) = self.rust_names.get(name).cloned() else {
                continue;
            };
            let path = format!("types.{name}");
            let doc = Doc {
                text: def.doc.clone(),
                note: def.note.clone(),
                doc_name: None,
            };
            match (&def.fields, &def.enum_kind) {
                (Some(fields), None) => {
                    if def.values.is_some() {
                        self.error_at_key(file, &format!("{path}.values"), "`values` belongs to enums", "add `enum: integer` or remove `values`");
                    }
                    self.structure(file, &path, ident, doc, fields, &def.rules);
                }
                (None, Some(kind)) => {
                    if !def.rules.is_empty() {
                        self.error_at_key(file, &format!("{path}.rules"), "an enum cannot have `rules`", "");
                    }
                    let Some(values) = &def.values else {
                        self.error(file, &path, format!("enum `{name}` has no `values`"), "add `values: {0: Label, ...}`");
                        continue;
                    };
                    self.enumeration(file, &path, ident, doc, kind, values);
                }
                (Some(_), Some(_)) => self.error(file, &path, format!("type `{name}` has both `fields` and `enum`"),
                    "a type is either an object (`fields`) or an enumeration (`enum` + `values`)"),
                (None, None) => self.error(file, &path, format!("type `{name}` has neither `fields` nor `enum`"),
                    "write `fields: {...}` for an object (`fields: {}` for an empty one) or `enum: integer` + `values` for an enumeration"),
            }
        }
    }

    fn structure(
        &mut self,
        file: FileId,
        path: &str,
        name: String,
        doc: Doc,
        fields: &'a IndexMap<String, ast::Field>,
        rules: &'a [ast::Rule],
    ) -> String {
        let fields = self.fields(file, &format!("{path}.fields"), &name, fields);
        if !rules.is_empty() {
            self.pending.push(PendingRules {
                file,
                path: format!("{path}.rules"),
                owner: Owner::Struct(name.clone()),
                rules,
            });
        }
        self.structs.insert(name.clone(), self.types.len());
        self.types.push(TypeDecl::Struct(Struct {
            name: name.clone(),
            doc,
            fields,
            rules: Vec::new(),
            recursive: false,
            in_requests: false,
        }));
        name
    }

    fn fields(
        &mut self,
        file: FileId,
        path: &str,
        owner: &str,
        fields: &'a IndexMap<String, ast::Field>,
    ) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        let mut idents: HashMap<String, String> = HashMap::new();
        for (wire, f) in fields {
            let fpath = format!("{path}.{wire}");
            let Some(field) = self.field(file, &fpath, owner, wire, f) else {
                self.unresolved.insert((owner.to_string(), wire.clone()));
                continue;
            };
            if let Some(prev) = idents.get(&field.ident) {
                self.error_at_key(
                    file,
                    &fpath,
                    format!(
                        "fields `{prev}` and `{wire}` both become `{}` in Rust",
                        field.ident
                    ),
                    format!("set `rust_name:` on `{wire}`"),
                );
                continue;
            }
            idents.insert(field.ident.clone(), wire.clone());
            out.push(field);
        }
        out
    }

    fn field(
        &mut self,
        file: FileId,
        path: &str,
        owner: &str,
        wire: &str,
        f: &'a ast::Field,
    ) -> Option<Field> {
        let ident = match &f.rust_name {
            Some(r) if naming::is_ident(r) => Some(r.clone()),
            Some(r) => {
                self.error(
                    file,
                    &format!("{path}.rust_name"),
                    format!("`{r}` is not a Rust identifier"),
                    "use snake_case letters, digits and `_`",
                );
                None
            }
            None => {
                let ident = naming::field_ident(wire);
                if ident.is_none() {
                    self.error_at_key(
                        file,
                        path,
                        format!("no Rust name can be derived from `{wire}`"),
                        "set `rust_name:`",
                    );
                }
                ident
            }
        };
        let ty = self.field_type(file, path, owner, wire, f);
        let (ident, ty) = (ident?, ty?);
        let default = f
            .default
            .as_ref()
            .and_then(|v| self.literal_for(file, &format!("{path}.default"), &ty, v, "default"));
        let (checks, enum_error_key) = self.checks(file, path, &ty, f);
        Some(Field {
            wire: wire.to_string(),
            ident,
            ty,
            required: f.required,
            default,
            doc: Doc {
                text: f.doc.clone(),
                note: f.note.clone(),
                doc_name: f.doc_name.clone(),
            },
            checks,
            enum_error_key,
            boxed: false,
        })
    }

    fn field_type(
        &mut self,
        file: FileId,
        path: &str,
        owner: &str,
        wire: &str,
        f: &'a ast::Field,
    ) -> Option<Ty> {
        let inline_name = || {
            f.type_name.clone().unwrap_or_else(|| {
                format!("{owner}{}", naming::type_part(wire).unwrap_or_default())
            })
        };
        if f.fields.is_some() && f.ty != "object" {
            self.error_at_key(
                file,
                &format!("{path}.fields"),
                "`fields` only goes with `type: object`",
                "set `type: object`",
            );
        }
        if f.items.is_some() && f.ty != "array" {
            self.error_at_key(
                file,
                &format!("{path}.items"),
                "`items` only goes with `type: array`",
                "set `type: array`",
            );
        }
        if f.enumeration.is_some() && !matches!(f.ty.as_str(), "integer" | "string") {
            self.error_at_key(
                file,
                &format!("{path}.enum"),
                "an inline `enum` needs `type: integer` or `type: string`",
                "",
            );
            return None;
        }
        if !f.rules.is_empty() && f.ty != "object" {
            self.error_at_key(
                file,
                &format!("{path}.rules"),
                "`rules` on a field only go with an inline `type: object`",
                "put the rule on the type that holds the fields",
            );
        }
        Some(match f.ty.as_str() {
            "string" | "integer" => match &f.enumeration {
                Some(e) => {
                    let kind = if f.ty == "string" {
                        EnumKind::String
                    } else {
                        EnumKind::Integer
                    };
                    let name = e.type_name.clone().unwrap_or_else(inline_name);
                    let epath = format!("{path}.enum");
                    let ident = self.claim_type_name(file, &epath, &name, &epath)?;
                    self.enums.insert(ident.clone(), kind);
                    let doc = Doc {
                        text: f.doc.clone(),
                        note: None,
                        doc_name: None,
                    };
                    self.enumeration(
                        file,
                        &epath,
                        ident.clone(),
                        doc,
                        if kind == EnumKind::String {
                            "string"
                        } else {
                            "integer"
                        },
                        &e.values,
                    );
                    Ty::Enum(ident, kind)
                }
                None if f.ty == "string" => Ty::String,
                None => Ty::Integer,
            },
            "number" => Ty::Number,
            "boolean" => Ty::Boolean,
            "json" => Ty::Json,
            "file" => Ty::File,
            "object" => {
                let Some(fields) = &f.fields else {
                    self.error(
                        file,
                        path,
                        "`type: object` needs `fields`",
                        "list the object's fields, or name a shared type in `type:`",
                    );
                    return None;
                };
                let name = inline_name();
                let ident = self.claim_type_name(file, path, &name, path)?;
                let doc = Doc {
                    text: f.doc.clone(),
                    note: None,
                    doc_name: None,
                };
                Ty::Struct(self.structure(file, path, ident, doc, fields, &f.rules))
            }
            "array" => {
                let Some(items) = &f.items else {
                    self.error(
                        file,
                        path,
                        "`type: array` needs `items`",
                        "add `items: TypeName` or `items: {type: ...}`",
                    );
                    return None;
                };
                let ipath = format!("{path}.items");
                let item = match items.as_ref() {
                    ast::Items::Name(n) => self.named_type(file, &ipath, n)?,
                    ast::Items::Field(inner) => {
                        let item_owner = f.type_name.clone().unwrap_or_else(|| owner.to_string());
                        let item_wire = if f.type_name.is_some() {
                            String::new()
                        } else {
                            wire.to_string()
                        };
                        let mut inner_field =
                            self.field_type(file, &ipath, &item_owner, &item_wire, inner)?;
                        if let Ty::Array(_) = inner_field {
                            // Nested arrays are legal; nothing special to do.
                            inner_field = inner_field.clone();
                        }
                        let (checks, enum_key) = self.checks(file, &ipath, &inner_field, inner);
                        if !checks.is_empty() || enum_key.is_some() {
                            self.error_at_key(
                                file,
                                &ipath,
                                "constraints on array items are not supported yet",
                                "put length and character rules on a named item type's fields",
                            );
                        }
                        inner_field
                    }
                };
                // `Vec<Vec<…>>` nested deeper overflows the stack of syn and
                // prettyplease (each level is a recursion); no document needs it.
                let depth = std::iter::successors(Some(&item), |t| match t {
                    Ty::Array(inner) => Some(inner.as_ref()),
                    _ => None,
                })
                .count();
                if depth >= 32 {
                    self.error_at_key(
                        file,
                        &ipath,
                        "arrays nested more than 32 deep are not supported",
                        "name an item type, or use `type: json` for data the document does not describe",
                    );
                    return None;
                }
                Ty::Array(Box::new(item))
            }
            other => self.named_type(file, &format!("{path}.type"), other)?,
        })
    }

    fn named_type(&mut self, file: FileId, path: &str, name: &str) -> Option<Ty> {
        match name {
            "string" => return Some(Ty::String),
            "integer" => return Some(Ty::Integer),
            "number" => return Some(Ty::Number),
            "boolean" => return Some(Ty::Boolean),
            "json" => return Some(Ty::Json),
            "file" => return Some(Ty::File),
            "object" | "array" => {
                self.error(
                    file,
                    path,
                    format!(
                        "`{name}` needs `fields`/`items`, which an array item name cannot carry"
                    ),
                    "write the item as a mapping: `items: {type: object, fields: ...}`",
                );
                return None;
            }
            _ => {}
        }
        let Some((_, def)) = self.declared.get(name) else {
            let mut candidates: Vec<&str> = self.declared.keys().copied().collect();
            candidates.extend(PRIMITIVES);
            self.error(
                file,
                path,
                format!("unknown type `{name}`"),
                suggest(name, &candidates),
            );
            return None;
        };
        let def = *def;
        let ident = self.rust_names.get(name)?.clone();
        Some(match def.enum_kind.as_deref() {
            Some("string") => Ty::Enum(ident, EnumKind::String),
            Some(_) => Ty::Enum(ident, EnumKind::Integer),
            None => Ty::Struct(ident),
        })
    }

    fn enumeration(
        &mut self,
        file: FileId,
        path: &str,
        name: String,
        doc: Doc,
        kind: &str,
        values: &serde_yaml::Mapping,
    ) {
        let kind = match kind {
            "integer" => EnumKind::Integer,
            "string" => EnumKind::String,
            other => {
                self.error(
                    file,
                    &format!("{path}.enum"),
                    format!("unknown enum kind `{other}`"),
                    "expected one of: integer, string",
                );
                return;
            }
        };
        let mut variants: Vec<Variant> = Vec::new();
        let mut names: HashSet<String> = HashSet::new();
        if values.is_empty() {
            self.error(
                file,
                path,
                format!("enum `{name}` has no values"),
                "list at least one documented value",
            );
        }
        for (key, value) in values {
            let key_text = scalar_text(key);
            let vpath = format!("{path}.values.{key_text}");
            let code = match (kind, key) {
                (EnumKind::Integer, Value::Number(n)) if n.as_i64().is_some() => {
                    Literal::Int(n.as_i64().unwrap_or_default())
                }
                (EnumKind::Integer, _) => {
                    self.error_at_key(file, &vpath, format!("`{key_text}` is not an integer code"),
                        "an `enum: integer` has integer keys; use `enum: string` for codes sent as strings");
                    continue;
                }
                (EnumKind::String, Value::String(_) | Value::Number(_) | Value::Bool(_)) => {
                    Literal::Str(key_text.clone())
                }
                (EnumKind::String, _) => {
                    self.error_at_key(
                        file,
                        &vpath,
                        format!("`{key_text}` is not a string code"),
                        "",
                    );
                    continue;
                }
            };
            let (label, explicit_name) = match value {
                Value::String(s) => (s.clone(), None),
                Value::Number(n) => (n.to_string(), None),
                Value::Mapping(m) => {
                    let get = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
                    for k in m.keys() {
                        let k = scalar_text(k);
                        if !["name", "label"].contains(&k.as_str()) {
                            self.error_at_key(
                                file,
                                &format!("{vpath}.{k}"),
                                format!("unknown key `{k}`"),
                                suggest(&k, &["name", "label"]),
                            );
                        }
                    }
                    let Some(label) = get("label") else {
                        self.error(
                            file,
                            &vpath,
                            "an enum value needs a `label`",
                            "write `{name: Foo, label: 文档标签}`",
                        );
                        continue;
                    };
                    (label, get("name"))
                }
                _ => {
                    self.error(
                        file,
                        &vpath,
                        "an enum value is a label or `{name, label}`",
                        "",
                    );
                    continue;
                }
            };
            let vname = match explicit_name {
                Some(n)
                    if naming::is_ident(&n) && n.starts_with(|c: char| c.is_ascii_uppercase()) =>
                {
                    n
                }
                Some(n) => {
                    self.error(
                        file,
                        &format!("{vpath}.name"),
                        format!("`{n}` is not an UpperCamelCase identifier"),
                        "e.g. `MiniProgram`",
                    );
                    continue;
                }
                None => match naming::variant_ident(&label) {
                    Some(n) => n,
                    None => {
                        self.error(
                            file,
                            &vpath,
                            format!("label `{label}` does not make a Rust variant name"),
                            format!("write `{key_text}: {{name: SomeName, label: {label}}}`"),
                        );
                        continue;
                    }
                },
            };
            if vname == "Unknown" {
                self.error(
                    file,
                    &vpath,
                    "`Unknown` is the variant that keeps undocumented values",
                    "name this value differently",
                );
                continue;
            }
            if variants.iter().any(|v| v.code == code) {
                self.error_at_key(
                    file,
                    &vpath,
                    format!("enum value `{key_text}` is listed twice"),
                    "remove one of them",
                );
                continue;
            }
            if !names.insert(vname.clone()) {
                self.error(
                    file,
                    &vpath,
                    format!("two values of `{name}` are both named `{vname}`"),
                    "set `name:` on one of them",
                );
                continue;
            }
            variants.push(Variant {
                name: vname,
                code,
                label,
            });
        }
        self.types.push(TypeDecl::Enum(Enum {
            name,
            doc,
            kind,
            variants,
        }));
    }

    /// Converts a spec literal to the field's type; `what` names it in messages.
    fn literal_for(
        &mut self,
        file: FileId,
        path: &str,
        ty: &Ty,
        v: &Value,
        what: &str,
    ) -> Option<Literal> {
        let lit = match (ty, v) {
            (Ty::Integer | Ty::Enum(_, EnumKind::Integer), Value::Number(n))
                if n.as_i64().is_some() =>
            {
                Literal::Int(n.as_i64().unwrap_or_default())
            }
            // `.nan` and `.inf` have no Rust literal.
            (Ty::Number, Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {
                Literal::Float(n.as_f64().unwrap_or_default())
            }
            (Ty::String | Ty::Enum(_, EnumKind::String), Value::String(s)) => {
                Literal::Str(s.clone())
            }
            (Ty::Enum(_, EnumKind::String), Value::Number(n)) => Literal::Str(n.to_string()),
            (Ty::Boolean, Value::Bool(b)) => Literal::Bool(*b),
            _ => {
                let shown = scalar_text(v);
                self.error(
                    file,
                    path,
                    format!(
                        "{what} `{shown}` does not fit the field's type {}",
                        ty_name(ty)
                    ),
                    "",
                );
                return None;
            }
        };
        if let Ty::Enum(name, _) = ty {
            let enum_values = self.enum_codes(name);
            if let Some(codes) = enum_values {
                if !codes.contains(&lit) {
                    let listed: Vec<String> = codes.iter().map(literal_text).collect();
                    self.error(
                        file,
                        path,
                        format!("{what} `{}` is not a value of `{name}`", literal_text(&lit)),
                        format!("expected one of: {}", listed.join(", ")),
                    );
                    return None;
                }
            }
        }
        Some(lit)
    }

    fn enum_codes(&self, name: &str) -> Option<Vec<Literal>> {
        self.types.iter().find_map(|t| match t {
            TypeDecl::Enum(e) if e.name == name => {
                Some(e.variants.iter().map(|v| v.code.clone()).collect())
            }
            _ => None,
        })
    }

    /// The field's constraints, and the vendor's key for a value outside its
    /// enumeration (`error_keys: {enum: ...}`).
    fn checks(
        &mut self,
        file: FileId,
        path: &str,
        ty: &Ty,
        f: &ast::Field,
    ) -> (Vec<Check>, Option<String>) {
        let mut out = Vec::new();
        let mut enum_key = None;
        let is_string = matches!(ty, Ty::String | Ty::Enum(_, EnumKind::String));
        let is_int = matches!(
            ty,
            Ty::Integer | Ty::Number | Ty::Enum(_, EnumKind::Integer)
        );
        let is_array = matches!(ty, Ty::Array(_));
        let mut add = |cx: &mut Self, key: &str, ok: bool, kind: CheckKind, needs: &str| {
            if ok {
                out.push(Check {
                    kind,
                    error_key: None,
                });
            } else {
                cx.error_at_key(
                    file,
                    &format!("{path}.{key}"),
                    format!("`{key}` does not apply to a {} field", ty_name(ty)),
                    format!("`{key}` applies to {needs}"),
                );
            }
        };
        if let Some(n) = f.max_chars {
            add(
                self,
                "max_chars",
                is_string,
                CheckKind::MaxChars(n),
                "strings",
            );
        }
        if let Some(n) = f.max_bytes {
            add(
                self,
                "max_bytes",
                is_string,
                CheckKind::MaxBytes(n),
                "strings",
            );
        }
        if let Some(n) = f.length {
            add(self, "length", is_string, CheckKind::Length(n), "strings");
        }
        if let Some(rule) = &f.chars {
            if let Some(rule) = self.char_rule(file, &format!("{path}.chars"), rule) {
                add(self, "chars", is_string, CheckKind::Chars(rule), "strings");
            }
        }
        if let Some(name) = &f.format {
            match Format::parse(name) {
                Some(fmt) => add(
                    self,
                    "format",
                    is_string || (fmt == Format::TimestampMs && is_int),
                    CheckKind::Format(fmt),
                    "strings",
                ),
                None => self.error(
                    file,
                    &format!("{path}.format"),
                    format!("unknown format `{name}`"),
                    suggest(name, &Format::NAMES),
                ),
            }
        }
        if f.min.is_some() || f.max.is_some() {
            if let (Some(lo), Some(hi)) = (f.min, f.max) {
                if lo > hi {
                    self.error(
                        file,
                        &format!("{path}.min"),
                        format!("`min: {lo}` is greater than `max: {hi}`"),
                        "",
                    );
                }
            }
            let key = if f.min.is_some() { "min" } else { "max" };
            add(
                self,
                key,
                is_int,
                CheckKind::Range {
                    min: f.min,
                    max: f.max,
                },
                "integers and numbers",
            );
        }
        if let Some(values) = &f.one_of {
            let lits: Vec<Literal> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    self.literal_for(file, &format!("{path}.one_of.{i}"), ty, v, "allowed value")
                })
                .collect();
            add(
                self,
                "one_of",
                is_string || is_int,
                CheckKind::OneOf(lits),
                "integers and strings",
            );
        }
        if let Some(n) = f.min_items {
            add(
                self,
                "min_items",
                is_array,
                CheckKind::MinItems(n),
                "arrays",
            );
        }
        if let Some(n) = f.max_items {
            add(
                self,
                "max_items",
                is_array,
                CheckKind::MaxItems(n),
                "arrays",
            );
        }
        if let Some(n) = f.max_file_bytes {
            add(
                self,
                "max_file_bytes",
                matches!(ty, Ty::File),
                CheckKind::MaxFileBytes(n),
                "files",
            );
        }
        for (rule, key) in &f.error_keys {
            if rule == "enum" {
                if ty.is_enum_valued() {
                    enum_key = Some(key.clone());
                } else {
                    self.error_at_key(
                        file,
                        &format!("{path}.error_keys.{rule}"),
                        format!(
                            "`error_keys.enum` needs an enumeration, and this is a {} field",
                            ty_name(ty)
                        ),
                        "give the field an `enum:` or a named enumeration type",
                    );
                }
                continue;
            }
            let rule_key = if rule == "min" || rule == "max" {
                "range"
            } else {
                rule.as_str()
            };
            match out.iter_mut().find(|c| c.kind.key() == rule_key) {
                Some(c) => c.error_key = Some(key.clone()),
                None => {
                    let mut present: Vec<&str> = out.iter().map(|c| c.kind.key()).collect();
                    if ty.is_enum_valued() {
                        present.push("enum");
                    }
                    self.error_at_key(
                        file,
                        &format!("{path}.error_keys.{rule}"),
                        format!("`error_keys` names `{rule}`, which this field does not declare"),
                        suggest(rule, &present),
                    );
                }
            }
        }
        (out, enum_key)
    }

    fn char_rule(&mut self, file: FileId, path: &str, rule: &ast::CharRule) -> Option<CharRule> {
        let mut out = CharRule {
            restricted: !rule.allow.is_empty(),
            extra: rule.extra.clone().unwrap_or_default(),
            forbid: rule.forbid.clone().unwrap_or_default(),
            forbid_at_ends: rule.forbid_at_ends.clone().unwrap_or_default(),
            doc: rule.doc.clone(),
            ..CharRule::default()
        };
        for (i, class) in rule.allow.iter().enumerate() {
            match class.as_str() {
                "letters" => out.letters = true,
                "digits" => out.digits = true,
                other => {
                    self.error(
                        file,
                        &format!("{path}.allow.{i}"),
                        format!("unknown character class `{other}`"),
                        format!(
                            "{}; list single characters in `extra`",
                            suggest(other, &["letters", "digits"])
                        ),
                    );
                    return None;
                }
            }
        }
        if out.extra.is_empty()
            && out.forbid.is_empty()
            && out.forbid_at_ends.is_empty()
            && !out.restricted
        {
            self.error(
                file,
                path,
                "`chars` states no rule",
                "add `allow`, `extra`, `forbid` or `forbid_at_ends`",
            );
            return None;
        }
        Some(out)
    }

    // ---- operations ----------------------------------------------------------

    fn resolve_operations(&mut self) -> Vec<Operation> {
        let ops: Vec<(&'a str, FileId, &'a ast::Operation)> = self
            .declared_ops
            .iter()
            .map(|(n, (f, o))| (*n, *f, *o))
            .collect();
        let mut out = Vec::new();
        let mut fn_names: HashMap<String, String> = HashMap::new();
        for (name, file, op) in ops {
            let path = format!("operations.{name}");
            let Some(op) = self.operation(file, &path, name, op) else {
                continue;
            };
            if let Some(prev) = fn_names.insert(op.name.clone(), name.to_string()) {
                self.error_at_key(
                    file,
                    &path,
                    format!(
                        "operations `{prev}` and `{name}` both become the method `{}`",
                        op.name
                    ),
                    "rename one of them",
                );
                continue;
            }
            out.push(op);
        }
        out
    }

    fn operation(
        &mut self,
        file: FileId,
        path: &str,
        name: &'a str,
        op: &'a ast::Operation,
    ) -> Option<Operation> {
        // A keyword is a fine operation name: the method is `r#match` or `self_`.
        let fn_name = naming::field_ident(name)
            .filter(|n| naming::unraw(n) == name || n.strip_suffix('_') == Some(name));
        if fn_name.is_none() {
            self.error_at_key(
                file,
                path,
                format!("operation name `{name}` is not snake_case"),
                format!(
                    "use `{}`",
                    naming::field_ident(name).unwrap_or_else(|| "a_snake_case_name".into())
                ),
            );
        }
        let type_name = naming::type_part(name).unwrap_or_default();
        let request_name = format!("{type_name}Request");
        self.claim_type_name(file, path, &request_name, &format!("{path} (request type)"));
        let method = Method::parse(&op.method).or_else(|| {
            self.error(
                file,
                &format!("{path}.method"),
                format!("unknown method `{}`", op.method),
                suggest(&op.method.to_uppercase(), &Method::NAMES),
            );
            None
        });
        let path_params = self.fields(
            file,
            &format!("{path}.path_params"),
            &type_name,
            &op.path_params,
        );
        let segments = self.path_template(file, path, &op.path, &path_params);
        let query = self.fields(file, &format!("{path}.query"), &type_name, &op.query);
        let headers = self.fields(file, &format!("{path}.headers"), &type_name, &op.headers);
        for (section, list) in [
            ("query", &query),
            ("headers", &headers),
            ("path_params", &path_params),
        ] {
            for f in list.iter() {
                if !is_scalar(&f.ty) {
                    self.error(file, &format!("{path}.{section}.{}", f.wire), format!("`{}` must be a scalar (string, integer, number, boolean, enum or array of those)", f.wire), "objects travel in the body");
                }
            }
        }
        let body = op
            .body
            .as_ref()
            .and_then(|b| self.body(file, &format!("{path}.body"), &type_name, b));
        let response = self.response(
            file,
            &format!("{path}.response"),
            &type_name,
            op.response.as_ref(),
        );
        let paging = op
            .paging
            .as_ref()
            .and_then(|p| self.paging(file, &format!("{path}.paging"), p, &query, &response));
        let examples = self.examples(file, path, op, body.is_some(), response.ty.is_some());
        if op.method_override.as_deref().is_some_and(|m| m.is_empty()) {
            self.error(
                file,
                &format!("{path}.method_override"),
                "`method_override` names the parameter that carries the method",
                "e.g. `_method`",
            );
        }
        if !op.rules.is_empty() {
            self.pending.push(PendingRules {
                file,
                path: format!("{path}.rules"),
                owner: Owner::Operation,
                rules: &op.rules,
            });
        }
        Some(Operation {
            name: fn_name?,
            type_name,
            title: op.title.clone(),
            doc: Doc {
                text: op.doc.clone(),
                note: op.note.clone(),
                doc_name: None,
            },
            method: method?,
            path: op.path.clone(),
            segments: segments?,
            path_params,
            query,
            headers,
            body,
            response,
            min_api_level: op.min_api_level,
            method_override: op.method_override.clone(),
            paging,
            rules: Vec::new(),
            examples,
        })
    }

    fn path_template(
        &mut self,
        file: FileId,
        path: &str,
        template: &str,
        params: &[Field],
    ) -> Option<Vec<PathSegment>> {
        let at = format!("{path}.path");
        if !template.starts_with('/') {
            self.error(
                file,
                &at,
                format!("path `{template}` must start with `/`"),
                "write the path without the host: `/v1/...`",
            );
            return None;
        }
        let mut segments = Vec::new();
        let mut used = HashSet::new();
        // Every undeclared placeholder and every unused parameter is reported.
        let mut ok = true;
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                segments.push(PathSegment::Literal(rest[..open].to_string()));
            }
            let Some(close) = rest[open..].find('}') else {
                self.error(file, &at, format!("unclosed `{{` in path `{template}`"), "");
                return None;
            };
            let name = &rest[open + 1..open + close];
            match params.iter().find(|p| p.wire == name) {
                Some(p) => {
                    used.insert(name.to_string());
                    segments.push(PathSegment::Param(Box::new(p.clone())));
                }
                None => {
                    self.error(
                        file,
                        &at,
                        format!("path parameter `{{{name}}}` is not declared in `path_params`"),
                        format!("add `path_params: {{{name}: {{type: string, required: true}}}}`"),
                    );
                    ok = false;
                }
            }
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_string()));
        }
        for p in params {
            if !used.contains(&p.wire) {
                self.error_at_key(
                    file,
                    &format!("{path}.path_params.{}", p.wire),
                    format!(
                        "path parameter `{}` does not appear in the path `{template}`",
                        p.wire
                    ),
                    format!("add `{{{}}}` to the path or move it to `query`", p.wire),
                );
                ok = false;
            }
        }
        ok.then_some(segments)
    }

    fn body(&mut self, file: FileId, path: &str, op_type: &str, b: &'a ast::Body) -> Option<Body> {
        let encoding = Encoding::parse(&b.encoding).or_else(|| {
            self.error(
                file,
                &format!("{path}.encoding"),
                format!("unknown body encoding `{}`", b.encoding),
                suggest(&b.encoding, &Encoding::NAMES),
            );
            None
        })?;
        if encoding == Encoding::FormJson && b.field.is_none() {
            self.error(
                file,
                path,
                "`encoding: form_json` needs `field`",
                "name the form field that holds the JSON text, e.g. `field: params`",
            );
        }
        if encoding != Encoding::FormJson && b.field.is_some() {
            self.error_at_key(
                file,
                &format!("{path}.field"),
                "`field` only goes with `encoding: form_json`",
                "",
            );
        }
        let ty = self.struct_slot(
            file,
            path,
            b.ty.as_deref(),
            b.fields.as_ref(),
            b.type_name.as_deref(),
            &format!("{op_type}Body"),
            b.doc.as_ref(),
            &b.rules,
            "body",
        )?;
        let Ty::Struct(name) = ty else {
            self.error(
                file,
                &format!("{path}.type"),
                "a body must be an object type",
                "",
            );
            return None;
        };
        if encoding == Encoding::Multipart {
            // Multipart parts are scalars or files; nothing nested.
            let fields = self.struct_fields(&name).unwrap_or_default();
            for f in fields {
                if !(is_scalar(&f.ty) || f.ty == Ty::File) {
                    self.error(
                        file,
                        &format!("{path}.fields.{}", f.wire),
                        "multipart parts are files or scalars",
                        "",
                    );
                }
            }
        }
        Some(Body {
            encoding,
            form_field: b.field.clone(),
            ty: name,
        })
    }

    fn response(
        &mut self,
        file: FileId,
        path: &str,
        op_type: &str,
        r: Option<&'a ast::Response>,
    ) -> Response {
        let Some(r) = r else {
            return Response {
                status: None,
                ty: None,
                doc: None,
            };
        };
        let ty = if r.ty.is_none() && r.fields.is_none() {
            None
        } else {
            self.struct_slot(
                file,
                path,
                r.ty.as_deref(),
                r.fields.as_ref(),
                r.type_name.as_deref(),
                &format!("{op_type}Response"),
                r.doc.as_ref(),
                &[],
                "response",
            )
        };
        if let Some(s) = r.status {
            if !(200..300).contains(&s) {
                self.error(
                    file,
                    &format!("{path}.status"),
                    format!("success status {s} is not 2xx"),
                    "",
                );
            }
        }
        Response {
            status: r.status,
            ty,
            doc: r.doc.clone(),
        }
    }

    /// A body or response: a named type, `json`, or inline `fields`.
    #[allow(clippy::too_many_arguments)]
    fn struct_slot(
        &mut self,
        file: FileId,
        path: &str,
        ty: Option<&str>,
        fields: Option<&'a IndexMap<String, ast::Field>>,
        type_name: Option<&str>,
        default_name: &str,
        doc: Option<&String>,
        rules: &'a [ast::Rule],
        what: &str,
    ) -> Option<Ty> {
        match (ty, fields) {
            (Some(t), None) => {
                if !rules.is_empty() {
                    self.error_at_key(
                        file,
                        &format!("{path}.rules"),
                        format!("`rules` of a named {what} type belong on the type"),
                        "",
                    );
                }
                self.named_type(file, &format!("{path}.type"), t)
            }
            (None, Some(fields)) => {
                let name = type_name.unwrap_or(default_name);
                let ident = self.claim_type_name(file, path, name, path)?;
                // An inline body or reply is documented even when the spec says nothing.
                let operation = path.split('.').nth(1).unwrap_or_default();
                let text = doc
                    .cloned()
                    .unwrap_or_else(|| format!("The {what} of `{operation}`."));
                let doc = Doc {
                    text: Some(text),
                    note: None,
                    doc_name: None,
                };
                Some(Ty::Struct(
                    self.structure(file, path, ident, doc, fields, rules),
                ))
            }
            (Some(_), Some(_)) => {
                self.error(
                    file,
                    path,
                    format!("a {what} has either `type` or `fields`, not both"),
                    "",
                );
                None
            }
            (None, None) => {
                self.error(file, path, format!("a {what} needs `type` or `fields`"), "");
                None
            }
        }
    }

    fn struct_fields(&self, name: &str) -> Option<Vec<Field>> {
        let i = *self.structs.get(name)?;
        match &self.types[i] {
            TypeDecl::Struct(s) => Some(s.fields.clone()),
            TypeDecl::Enum(_) => None,
        }
    }

    fn paging(
        &mut self,
        file: FileId,
        path: &str,
        p: &ast::Paging,
        query: &[Field],
        response: &Response,
    ) -> Option<Paging> {
        let find_query = |cx: &mut Self, key: &str, wire: &str| {
            let f = query
                .iter()
                .find(|f| f.wire == wire && f.ty == Ty::Integer)
                .cloned();
            if f.is_none() {
                cx.error(
                    file,
                    &format!("{path}.{key}"),
                    format!(
                        "paging `{key}` names `{wire}`, which is not an integer query parameter"
                    ),
                    "",
                );
            }
            f
        };
        let start = find_query(self, "start", &p.start);
        let count = find_query(self, "count", &p.count);
        let reply = match &response.ty {
            Some(Ty::Struct(name)) => self.struct_fields(name).unwrap_or_default(),
            _ => {
                self.error(file, path, "paging needs a response object", "");
                return None;
            }
        };
        let total = reply
            .iter()
            .find(|f| f.wire == p.total && f.ty == Ty::Integer)
            .cloned();
        if total.is_none() {
            self.error(
                file,
                &format!("{path}.total"),
                format!("`{}` is not an integer field of the response", p.total),
                "",
            );
        }
        let items = reply
            .iter()
            .find(|f| f.wire == p.items && matches!(f.ty, Ty::Array(_)))
            .cloned();
        if items.is_none() {
            self.error(
                file,
                &format!("{path}.items"),
                format!("`{}` is not an array field of the response", p.items),
                "",
            );
        }
        Some(Paging {
            start: start?,
            count: count?,
            total: total?,
            items: items?,
        })
    }

    fn examples(
        &mut self,
        file: FileId,
        path: &str,
        op: &ast::Operation,
        has_body: bool,
        has_response: bool,
    ) -> Vec<Example> {
        let mut out = Vec::new();
        for (i, ex) in op.examples.iter().enumerate() {
            let epath = format!("{path}.examples.{i}");
            let kind = match ex.kind.as_str() {
                "request" => ExampleKind::Request,
                "request_line" => ExampleKind::RequestLine,
                "response" => ExampleKind::Response,
                "error" => ExampleKind::Error,
                other => {
                    self.error(
                        file,
                        &format!("{epath}.kind"),
                        format!("unknown example kind `{other}`"),
                        suggest(other, &["request", "request_line", "response", "error"]),
                    );
                    continue;
                }
            };
            let json = ex.json.clone().unwrap_or_else(|| ex.verbatim.clone());
            if kind != ExampleKind::RequestLine {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                    let field = if ex.json.is_some() {
                        "json"
                    } else {
                        "verbatim"
                    };
                    self.error(file, &format!("{epath}.{field}"), format!("example is not valid JSON: {e}"),
                        "keep `verbatim` as the document prints it and add `json:` with the corrected text and a `note:`");
                    continue;
                }
            }
            if kind == ExampleKind::Request && !has_body {
                self.error(
                    file,
                    &format!("{epath}.kind"),
                    "a `request` example needs an operation with a `body`",
                    "use `request_line` for a URL",
                );
            }
            if kind == ExampleKind::Response && !has_response {
                self.error(
                    file,
                    &format!("{epath}.kind"),
                    "a `response` example needs a `response` type",
                    "",
                );
            }
            out.push(Example {
                name: ex.name.clone(),
                kind,
                verbatim: ex.verbatim.clone(),
                json,
                note: ex.note.clone(),
            });
        }
        out
    }

    // ---- rules ---------------------------------------------------------------

    fn resolve_pending_rules(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let (owner, fields) = match &p.owner {
                Owner::Struct(name) => (name, self.struct_fields(name).unwrap_or_default()),
                Owner::Operation => continue, // resolved in finish(), where operations are at hand
            };
            let scope = Scope {
                owner,
                fields: &fields,
            };
            let rules = self.rules(p.file, &p.path, scope, p.rules);
            if let Owner::Struct(name) = &p.owner {
                if let Some(&i) = self.structs.get(name) {
                    if let TypeDecl::Struct(s) = &mut self.types[i] {
                        s.rules = rules;
                    }
                }
            }
        }
    }

    fn rules(
        &mut self,
        file: FileId,
        path: &str,
        scope: Scope<'_>,
        rules: &[ast::Rule],
    ) -> Vec<Rule> {
        let mut out = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let rpath = format!("{path}.{i}");
            if let Some(rule) = self.rule(file, &rpath, scope, r) {
                out.push(rule);
            }
        }
        out
    }

    fn rule(&mut self, file: FileId, path: &str, scope: Scope<'_>, r: &ast::Rule) -> Option<Rule> {
        let given = [
            r.require.is_some(),
            r.only_when.is_some(),
            r.before.is_some(),
            r.no_overlap.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            self.error(
                file,
                path,
                "a rule states exactly one of `require`, `only_when`, `before`, `no_overlap`",
                "split it into several rules",
            );
            return None;
        }
        let when = match &r.when {
            Some(c) => Some(self.condition(file, &format!("{path}.when"), scope, c)?),
            None => None,
        };
        let kind = if let Some(list) = &r.require {
            RuleKind::Require(self.field_paths(file, &format!("{path}.require"), scope, list)?)
        } else if let Some(list) = &r.only_when {
            if when.is_none() {
                self.error(file, path, "`only_when` needs a `when` condition", "");
                return None;
            }
            RuleKind::OnlyWhen(self.field_paths(file, &format!("{path}.only_when"), scope, list)?)
        } else if let Some(pair) = &r.before {
            let [a, b] = pair.as_slice() else {
                self.error(
                    file,
                    &format!("{path}.before"),
                    "`before` takes two fields: [earlier, later]",
                    "",
                );
                return None;
            };
            let a = self.field_path(file, &format!("{path}.before.0"), scope, a)?;
            let b = self.field_path(file, &format!("{path}.before.1"), scope, b)?;
            let format =
                self.time_format(file, &format!("{path}.before"), &[a.last(), b.last()])?;
            RuleKind::Before(a, b, format)
        } else {
            let o = r.no_overlap.as_ref()?;
            let array =
                self.field_path(file, &format!("{path}.no_overlap.array"), scope, &o.array)?;
            let Ty::Array(item) = &array.last().ty else {
                self.error(
                    file,
                    &format!("{path}.no_overlap.array"),
                    format!("`{}` is not an array", o.array),
                    "",
                );
                return None;
            };
            let Ty::Struct(item) = item.as_ref() else {
                self.error(
                    file,
                    &format!("{path}.no_overlap.array"),
                    format!("`{}` is not an array of objects", o.array),
                    "",
                );
                return None;
            };
            let item_fields = self.struct_fields(item).unwrap_or_default();
            let item_scope = Scope {
                owner: item,
                fields: &item_fields,
            };
            let start = self.field_path(
                file,
                &format!("{path}.no_overlap.start"),
                item_scope,
                &o.start,
            )?;
            let end =
                self.field_path(file, &format!("{path}.no_overlap.end"), item_scope, &o.end)?;
            let format = self.time_format(
                file,
                &format!("{path}.no_overlap"),
                &[start.last(), end.last()],
            )?;
            RuleKind::NoOverlap(Box::new(NoOverlap {
                array,
                start: start.last().clone(),
                end: end.last().clone(),
                format,
            }))
        };
        Some(Rule {
            kind,
            when,
            error_key: r.error_key.clone(),
            doc: r.doc.clone(),
        })
    }

    fn time_format(&mut self, file: FileId, path: &str, fields: &[&Field]) -> Option<Format> {
        let formats: Vec<Option<Format>> = fields
            .iter()
            .map(|f| {
                f.checks.iter().find_map(|c| match c.kind {
                    CheckKind::Format(fmt) if fmt != Format::RgbHex => Some(fmt),
                    _ => None,
                })
            })
            .collect();
        match formats.as_slice() {
            [Some(a), rest @ ..] if rest.iter().all(|f| *f == Some(*a)) => Some(*a),
            _ => {
                self.error(
                    file,
                    path,
                    "comparing times needs both fields to declare the same time `format:`",
                    "add `format: datetime` (or iso8601, timestamp_ms) to both fields",
                );
                None
            }
        }
    }

    fn field_paths(
        &mut self,
        file: FileId,
        path: &str,
        scope: Scope<'_>,
        list: &[String],
    ) -> Option<Vec<FieldPath>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (i, wire) in list.iter().enumerate() {
            match self.field_path(file, &format!("{path}.{i}"), scope, wire) {
                Some(p) => out.push(p),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Follows a dotted wire path (`body.live_config.live_subject`) through structs.
    fn field_path(
        &mut self,
        file: FileId,
        path: &str,
        scope: Scope<'_>,
        wire: &str,
    ) -> Option<FieldPath> {
        let mut owner = scope.owner.to_string();
        let mut fields = scope.fields.to_vec();
        let mut steps = Vec::new();
        for part in wire.split('.') {
            let Some(f) = fields.iter().find(|f| f.wire == part).cloned() else {
                if self.unresolved.contains(&(owner, part.to_string())) {
                    return None;
                }
                let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                self.error(
                    file,
                    path,
                    format!("no field `{part}` here (in `{wire}`)"),
                    suggest(part, &names),
                );
                return None;
            };
            fields = match &f.ty {
                Ty::Struct(name) => {
                    owner.clone_from(name);
                    self.struct_fields(name).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            steps.push(f);
        }
        Some(FieldPath {
            wire: wire.to_string(),
            steps,
        })
    }

    fn condition(
        &mut self,
        file: FileId,
        path: &str,
        scope: Scope<'_>,
        c: &ast::Condition,
    ) -> Option<Condition> {
        let field = self.field_path(file, &format!("{path}.field"), scope, &c.field)?;
        let ty = field.last().ty.clone();
        let tests = [
            c.equals.is_some(),
            c.not_equals.is_some(),
            c.one_of.is_some(),
            c.present.is_some(),
        ];
        if tests.iter().filter(|t| **t).count() != 1 {
            self.error(
                file,
                path,
                "a condition states exactly one of `equals`, `not_equals`, `in`, `present`",
                "",
            );
            return None;
        }
        let test = if let Some(v) = &c.equals {
            Test::Equals(self.literal_for(file, &format!("{path}.equals"), &ty, v, "value")?)
        } else if let Some(v) = &c.not_equals {
            Test::NotEquals(self.literal_for(
                file,
                &format!("{path}.not_equals"),
                &ty,
                v,
                "value",
            )?)
        } else if let Some(vs) = &c.one_of {
            let mut lits = Vec::new();
            for (i, v) in vs.iter().enumerate() {
                lits.push(self.literal_for(file, &format!("{path}.in.{i}"), &ty, v, "value")?);
            }
            Test::In(lits)
        } else {
            Test::Present(c.present.unwrap_or(true))
        };
        if !matches!(test, Test::Present(_)) && !is_comparable(&ty) {
            self.error(
                file,
                &format!("{path}.field"),
                format!(
                    "`{}` is a {} and cannot be compared with a value",
                    c.field,
                    ty_name(&ty)
                ),
                "use `present: true`",
            );
            return None;
        }
        Some(Condition { field, test })
    }

    fn error_model(&mut self, file: FileId, e: &ast::ErrorEnvelope) -> Option<ErrorModel> {
        let Some(Ty::Struct(name)) = self.named_type(file, "vendor.error.type", &e.ty) else {
            self.error(
                file,
                "vendor.error.type",
                "the error envelope must be an object type",
                "",
            );
            return None;
        };
        let fields = self.struct_fields(&name).unwrap_or_default();
        let scope = Scope {
            owner: &name,
            fields: &fields,
        };
        let path_of = |cx: &mut Self, key: &str, p: &Option<String>| -> bool {
            match p {
                Some(p) => cx
                    .field_path(file, &format!("vendor.error.{key}"), scope, p)
                    .is_some(),
                None => true,
            }
        };
        let ok = [
            ("code", &e.code),
            ("message", &e.message),
            ("key", &e.key),
            ("request_id", &e.request_id),
        ]
        .into_iter()
        .fold(true, |ok, (k, p)| path_of(self, k, p) && ok);
        let success = match &e.success {
            Some(s) => {
                let f = self.field_path(file, "vendor.error.success.field", scope, &s.field)?;
                let lit = self.literal_for(
                    file,
                    "vendor.error.success.equals",
                    &f.last().ty,
                    &s.equals,
                    "value",
                )?;
                Some((s.field.clone(), lit))
            }
            None => None,
        };
        ok.then(|| ErrorModel {
            ty: name,
            code: e.code.clone(),
            message: e.message.clone(),
            key: e.key.clone(),
            request_id: e.request_id.clone(),
            success,
        })
    }

    /// Marks the structs that request bodies contain, through fields and arrays.
    fn mark_request_types(&mut self, operations: &[Operation]) {
        fn structs_in(ty: &Ty, out: &mut Vec<String>) {
            match ty {
                Ty::Struct(n) => out.push(n.clone()),
                Ty::Array(inner) => structs_in(inner, out),
                _ => {}
            }
        }
        let mut stack: Vec<String> = operations
            .iter()
            .filter_map(|op| op.body.as_ref().map(|b| b.ty.clone()))
            .collect();
        let mut seen = HashSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(TypeDecl::Struct(s)) = self.structs.get(&name).map(|&i| &mut self.types[i])
            {
                s.in_requests = true;
                for f in &s.fields {
                    structs_in(&f.ty, &mut stack);
                }
            }
        }
    }

    /// Boxes struct fields that lead back to their own struct (directly or not).
    fn mark_recursion(&mut self) {
        let edges: BTreeMap<String, Vec<String>> = self
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDecl::Struct(s) => Some((
                    s.name.clone(),
                    s.fields
                        .iter()
                        .filter_map(|f| match &f.ty {
                            Ty::Struct(n) => Some(n.clone()),
                            _ => None,
                        })
                        .collect(),
                )),
                TypeDecl::Enum(_) => None,
            })
            .collect();
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_string()];
            let mut seen = HashSet::new();
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if seen.insert(n.clone()) {
                    stack.extend(edges.get(&n).into_iter().flatten().cloned());
                }
            }
            false
        };
        for t in &mut self.types {
            if let TypeDecl::Struct(s) = t {
                for f in &mut s.fields {
                    if let Ty::Struct(n) = &f.ty {
                        if reaches(n, &s.name) {
                            f.boxed = true;
                            s.recursive = true;
                        }
                    }
                }
            }
        }
    }

    fn finish(
        mut self,
        header: Header<'a>,
        error: Option<ErrorModel>,
        mut operations: Vec<Operation>,
    ) -> Vendor {
        // Operation rules: their scope is the request (params, query, headers, body).
        for op in operations.iter_mut() {
            // Declared under the spec's name: `match` for the method `r#match`.
            let spec_name = naming::unescape(&op.name);
            let Some(&(file, ast_op)) = self.declared_ops.get(spec_name) else {
                continue;
            };
            if ast_op.rules.is_empty() {
                continue;
            }
            let fields = op.request_fields();
            let scope = Scope {
                owner: &op.type_name,
                fields: &fields,
            };
            let path = format!("operations.{spec_name}.rules");
            op.rules = self.rules(file, &path, scope, &ast_op.rules);
        }
        let v = header.vendor;
        let mut files: Vec<_> = self
            .files
            .iter()
            .map(|f| self.sources.get(f.file).path.clone())
            .collect();
        files.sort();
        let catalogue = v
            .error_catalogue
            .iter()
            .map(|c| CatalogueEntry {
                key: c.key.clone(),
                status: c.status,
                message: c.message.clone(),
            })
            .collect();
        Vendor {
            name: header.name,
            title: v.title.clone(),
            doc: v.doc.clone(),
            sources: v.sources.clone(),
            base_url: v.base_url.clone(),
            auth: header.auth,
            api_level: v.api_level,
            error,
            catalogue,
            notes: v.notes.clone(),
            types: std::mem::take(&mut self.types),
            operations,
            files,
        }
    }
}

fn is_scalar(ty: &Ty) -> bool {
    match ty {
        Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Enum(..) => true,
        Ty::Array(inner) => is_scalar(inner),
        _ => false,
    }
}

fn is_comparable(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Integer | Ty::Boolean | Ty::Enum(..))
}

fn ty_name(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::File => "file".into(),
        Ty::Struct(n) => format!("object `{n}`"),
        Ty::Enum(n, _) => format!("enum `{n}`"),
        Ty::Array(i) => format!("array of {}", ty_name(i)),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

pub(crate) fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Int(i) => i.to_string(),
        Literal::Str(s) => s.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Float(f) => f.to_string(),
    }
}

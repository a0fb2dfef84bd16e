//! What every check pass shares, at the bottom of the checker: the diagnostics
//! sink, the symbol table, the type space and the one queue of deferred work.
//!
//! Like serde_derive's `Ctxt`, the sink collects every problem with the node it
//! is about, so that one run reports them all. It imports none of the passes.

use std::borrow::Cow;
use std::ops::Range;

use foldhash::fast::RandomState;
use foldhash::{HashMap, HashSet};
use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, FileId, Related, Sources};
use crate::model::{Field, Struct, TypeDecl, TypeId};
use crate::naming;
use crate::spec::ast;
use crate::spec::parse::ParsedFile;
use crate::spec::path::NodePath;

/// A node of one spec file: what a problem is reported at.
#[derive(Debug, Clone)]
pub(super) struct Site {
    pub file: FileId,
    pub path: NodePath,
}

impl Site {
    /// The value of `key` in the mapping at this site.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Site {
        Site {
            file: self.file,
            path: self.path.key(key),
        }
    }

    /// Element `index` of the sequence at this site.
    pub fn index(&self, index: usize) -> Site {
        Site {
            file: self.file,
            path: self.path.index(index),
        }
    }
}

/// The shared state of one vendor's check.
pub(super) struct Ctxt<'a> {
    pub sources: &'a Sources,
    pub files: &'a [ParsedFile],
    diags: Vec<Diagnostic>,
    /// Reported, and the specs accepted (see [`Ctxt::warn`]).
    warnings: Vec<Diagnostic>,
    pub symbols: Symbols<'a>,
    pub space: TypeSpace,
    /// Rules wait here until every type's fields are known.
    pub deferred: Vec<Deferred<'a>>,
}

/// What the vendor declares, and which Rust type names are taken.
#[derive(Default)]
pub(super) struct Symbols<'a> {
    /// Declared named types: spec name -> (file, definition), in spec order.
    pub types: IndexMap<&'a str, (FileId, &'a ast::TypeDef), RandomState>,
    /// Declared operations: spec name -> (file, definition), in spec order.
    pub operations: IndexMap<&'a str, (FileId, &'a ast::Operation), RandomState>,
    /// Spec name of a declared type -> its id.
    pub type_ids: HashMap<&'a str, TypeId>,
    /// Every generated type name -> where it comes from (for collision messages).
    taken: HashMap<String, Origin>,
}

/// Where a generated type name comes from, as a collision message names it.
///
/// Kept as a path and written out only for a message: every type of a
/// 10,000-endpoint spec claims a name, and very few collide.
#[derive(Debug, Clone)]
pub(super) enum Origin {
    /// The node that declares the type (`types.Live`, `operations.x.body`).
    Node(NodePath),
    /// The request type of the operation at this path.
    Request(NodePath),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Node(path) => write!(f, "{path}"),
            Origin::Request(path) => write!(f, "{path} (request type)"),
        }
    }
}

/// Every type of the vendor by [`TypeId`]: its Rust name from when it is
/// declared, its definition once it is complete.
#[derive(Default)]
pub(super) struct TypeSpace {
    names: Vec<String>,
    /// The name the spec gives each type, when it gives one.
    spec_names: Vec<Option<String>>,
    decls: Vec<Option<TypeDecl>>,
    /// Ids in the order their types were completed (an inline type before
    /// the type that holds it): the order they are generated in.
    completed: Vec<TypeId>,
    /// Fields that could not be resolved (their problem is reported), as
    /// (owning struct or operation, wire name): a path through one is not
    /// reported again as missing.
    pub unresolved: HashSet<(String, String)>,
    /// Required fields whose type is a struct, with where each is declared:
    /// a cycle of them is a type no finite value has ([`super::graph`]).
    pub required_links: Vec<RequiredLink>,
}

/// A required field of struct `from` whose type is struct `to`.
#[derive(Debug)]
pub(super) struct RequiredLink {
    pub from: TypeId,
    pub to: TypeId,
    pub wire: String,
    pub at: Site,
}

impl TypeSpace {
    /// A new type named `rust_name` (`spec_name` in the spec, if the spec
    /// names it), to be completed later.
    pub fn declare(&mut self, rust_name: String, spec_name: Option<&str>) -> TypeId {
        let id = TypeId::nth(self.names.len());
        self.names.push(rust_name);
        self.spec_names.push(spec_name.map(str::to_owned));
        self.decls.push(None);
        id
    }

    /// The Rust name of type `id`.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id.index()]
    }

    /// The name the spec gives type `id`, if it gives one.
    pub fn spec_name(&self, id: TypeId) -> Option<String> {
        self.spec_names[id.index()].clone()
    }

    /// Completes type `id`.
    pub fn complete(&mut self, id: TypeId, decl: TypeDecl) {
        self.decls[id.index()] = Some(decl);
        self.completed.push(id);
    }

    /// Type `id`, once it is complete.
    pub fn get(&self, id: TypeId) -> Option<&TypeDecl> {
        self.decls[id.index()].as_ref()
    }

    /// Type `id`, to add to it (rules, graph marks).
    pub fn get_mut(&mut self, id: TypeId) -> Option<&mut TypeDecl> {
        self.decls[id.index()].as_mut()
    }

    /// The complete structs, with their ids.
    pub fn structs(&self) -> impl Iterator<Item = (TypeId, &Struct)> {
        self.decls.iter().enumerate().filter_map(|(i, d)| match d {
            Some(TypeDecl::Struct(s)) => Some((TypeId::nth(i), s)),
            _ => None,
        })
    }

    /// The fields of struct `id` (none for an enum or an incomplete type).
    pub fn fields_of(&self, id: TypeId) -> Vec<Field> {
        match self.get(id) {
            Some(TypeDecl::Struct(s)) => s.fields.clone(),
            _ => Vec::new(),
        }
    }

    /// The complete types in generation order, and the position among them
    /// of each id.
    pub fn into_generation_order(mut self) -> (Vec<TypeDecl>, Vec<usize>) {
        let mut positions = vec![usize::MAX; self.decls.len()];
        let mut types = Vec::with_capacity(self.completed.len());
        for id in self.completed {
            if let Some(decl) = self.decls[id.index()].take() {
                positions[id.index()] = types.len();
                types.push(decl);
            }
        }
        (types, positions)
    }
}

/// Rules to resolve once every type is known, and what they belong to.
pub(super) struct Deferred<'a> {
    pub at: Site,
    pub owner: Owner,
    pub rules: &'a [ast::Rule],
}

/// What owns deferred rules.
pub(super) enum Owner {
    /// A struct.
    Struct(TypeId),
    /// An operation, by its position among the checked operations.
    Operation(usize),
}

impl<'a> Ctxt<'a> {
    pub fn new(sources: &'a Sources, files: &'a [ParsedFile]) -> Ctxt<'a> {
        Ctxt {
            sources,
            files,
            diags: Vec::new(),
            warnings: Vec::new(),
            symbols: Symbols::default(),
            space: TypeSpace::default(),
            deferred: Vec::new(),
        }
    }

    /// Frees the claimed type names on a thread of their own: the check is
    /// over, and a large vendor claims tens of thousands (each with the path
    /// it came from), which take a good part of a tenth of a second to free.
    pub fn free_names_aside(&mut self) {
        crate::pipeline::drop_aside(std::mem::take(&mut self.symbols.taken));
    }

    /// Every problem reported so far, warnings included.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        let mut all = self.diags;
        all.extend(self.warnings);
        all
    }

    /// The warnings reported so far (taken out: the check goes on without them).
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    /// Something worth a look that does not make the spec wrong: reported,
    /// and the spec accepted. Within the text of the node at `at`, the span
    /// narrows to each of `within` in turn (the keys of a JSON path inside an
    /// example), so the location is the key's own line and column.
    pub fn warn(
        &mut self,
        at: &Site,
        within: &[String],
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let mut span = self.parsed(at.file).locations.value(&at.path);
        let text = &self.sources.get(at.file).text;
        // A block scalar's span may stop at its indicator (`|-`): the text
        // after it is searched, and its first match is the key.
        let end = text.len();
        for needle in within {
            let found = text
                .get(span.start..end)
                .and_then(|rest| rest.find(needle.as_str()));
            if let Some(offset) = found {
                let start = span.start + offset;
                span = start..start + needle.len();
            }
        }
        let hint = hint.into();
        let d = Diagnostic::new(at.file, span, message).into_warning();
        self.warnings.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// Whether a problem was reported.
    pub fn has_errors(&self) -> bool {
        !self.diags.is_empty()
    }

    /// The display path of a file, for messages that name it.
    pub fn file_path(&self, file: FileId) -> String {
        self.sources.get(file).path.display().to_string()
    }

    /// A problem about the value at `at`.
    pub fn error(&mut self, at: &Site, message: impl Into<String>, hint: impl Into<String>) {
        let span = self.parsed(at.file).locations.value(&at.path);
        self.push(at.file, span, message.into(), hint.into());
    }

    /// A problem about the key at `at` (a name that is wrong, not its value).
    pub fn error_at_key(&mut self, at: &Site, message: impl Into<String>, hint: impl Into<String>) {
        let span = self.parsed(at.file).locations.key(&at.path);
        self.push(at.file, span, message.into(), hint.into());
    }

    /// `section.name` declared in `file` after its declaration in `first`:
    /// reported at the second, with the first shown beside it.
    fn declared_twice(
        &mut self,
        (file, first, (section, name)): (FileId, FileId, (&'static str, &str)),
        message: String,
        fix: &str,
    ) {
        let at = |file| Site {
            file,
            path: NodePath::root().key(section).key(name.to_string()),
        };
        let (here, first_at) = (at(file), at(first));
        let hint = format!("it is already declared in {}; {fix}", self.file_path(first));
        let related = Related {
            file: first,
            span: self.parsed(first).locations.key(&first_at.path),
            label: "first declared here".into(),
        };
        let span = self.parsed(file).locations.key(&here.path);
        let d = Diagnostic::new(file, span, message).with_related(related);
        self.diags.push(d.with_hint(hint));
    }

    /// A problem about a whole file (no node to point at).
    pub fn error_in_file(&mut self, file: FileId, message: String, hint: String) {
        self.push(file, 0..0, message, hint);
    }

    fn push(&mut self, file: FileId, span: Range<usize>, message: String, hint: String) {
        let d = Diagnostic::new(file, span, message);
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    fn parsed(&self, file: FileId) -> &'a ParsedFile {
        let files: &'a [ParsedFile] = self.files;
        files
            .iter()
            .find(|f| f.file == file)
            .expect("file of this vendor")
    }

    /// Fills the symbol table: every type and operation of every file, each
    /// name once, and the Rust name of each type.
    pub fn collect_declarations(&mut self) {
        let files: &'a [ParsedFile] = self.files;
        for f in files {
            for (name, def) in &f.spec.types {
                match self.symbols.types.get(name.as_str()) {
                    Some((first, _)) => self.declared_twice(
                        (f.file, *first, ("types", name)),
                        format!("type `{name}` is declared twice"),
                        "rename or remove one",
                    ),
                    None => _ = self.symbols.types.insert(name, (f.file, def)),
                }
            }
            for (name, op) in &f.spec.operations {
                match self.symbols.operations.get(name.as_str()) {
                    Some((first, _)) => self.declared_twice(
                        (f.file, *first, ("operations", name)),
                        format!("duplicate operation name `{name}`"),
                        "operation names are unique per vendor",
                    ),
                    None => _ = self.symbols.operations.insert(name, (f.file, op)),
                }
            }
        }
        let declared: Vec<(&'a str, FileId)> = self
            .symbols
            .types
            .iter()
            .map(|(n, (f, _))| (*n, *f))
            .collect();
        for (name, file) in declared {
            let at = Site {
                file,
                path: NodePath::root().key("types").key(name.to_string()),
            };
            let origin = Origin::Node(at.path.clone());
            if let Some(id) = self.claim_type(&at, name, origin, Some(name)) {
                self.symbols.type_ids.insert(name, id);
            }
        }
    }

    /// Declares a type named after `name` in the type space (see
    /// [`Ctxt::claim_type_name`]); `spec_name` is the name the spec gives it,
    /// if it gives one.
    pub fn claim_type(
        &mut self,
        at: &Site,
        name: &str,
        origin: Origin,
        spec_name: Option<&str>,
    ) -> Option<TypeId> {
        let ident = self.claim_type_name(at, name, origin)?;
        Some(self.space.declare(ident, spec_name))
    }

    /// Registers a generated type name; reports keywords, reserved names and
    /// collisions. `origin` says where the name comes from in messages.
    pub fn claim_type_name(&mut self, at: &Site, name: &str, origin: Origin) -> Option<String> {
        let Some(ident) = naming::type_ident(name) else {
            self.error_at_key(
                at,
                format!("`{name}` does not make a Rust type name"),
                "use letters and digits, e.g. `LiveConfig`",
            );
            return None;
        };
        if naming::RESERVED_TYPE_NAMES.contains(&ident.as_str()) {
            self.error_at_key(
                at,
                format!("type name `{ident}` is reserved by the generated code"),
                format!("rename it, e.g. `{ident}Info`"),
            );
            return None;
        }
        if let Some(prev) = self.symbols.taken.get(&ident) {
            let prev = prev.clone();
            self.error_at_key(
                at,
                format!("`{origin}` and `{prev}` both generate the Rust type `{ident}`"),
                "give one of them another name (`type_name:` for inline types)",
            );
            return None;
        }
        self.symbols.taken.insert(ident.clone(), origin);
        Some(ident)
    }
}

//! What every check pass shares, at the bottom of the checker: the diagnostics
//! sink, the symbol table, the type space and the one queue of deferred work.
//!
//! Like serde_derive's `Ctxt`, the sink collects every problem with the node it
//! is about, so that one run reports them all. It imports none of the passes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, FileId, Sources};
use crate::model::{Field, TypeDecl};
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
    pub fn key(&self, key: impl Into<String>) -> Site {
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
    pub symbols: Symbols<'a>,
    pub space: TypeSpace,
    /// Rules wait here until every type's fields are known.
    pub deferred: Vec<Deferred<'a>>,
}

/// What the vendor declares, and which Rust type names are taken.
#[derive(Default)]
pub(super) struct Symbols<'a> {
    /// Declared named types: spec name -> (file, definition), in spec order.
    pub types: IndexMap<&'a str, (FileId, &'a ast::TypeDef)>,
    /// Declared operations: spec name -> (file, definition), in spec order.
    pub operations: IndexMap<&'a str, (FileId, &'a ast::Operation)>,
    /// Spec name of a declared type -> its Rust name.
    pub rust_names: HashMap<&'a str, String>,
    /// Every generated type name -> where it comes from (for collision messages).
    taken: HashMap<String, String>,
}

/// The types resolved so far, in the order they were completed (an inline type
/// before the type that holds it): the order they are generated in.
#[derive(Default)]
pub(super) struct TypeSpace {
    pub decls: Vec<TypeDecl>,
    /// Rust name -> position in `decls`.
    by_name: HashMap<String, usize>,
    /// Fields that could not be resolved (their problem is reported), as
    /// (owning struct or operation, wire name): a path through one is not
    /// reported again as missing.
    pub unresolved: HashSet<(String, String)>,
}

impl TypeSpace {
    /// Adds a completed type.
    pub fn add(&mut self, decl: TypeDecl) {
        self.by_name
            .insert(decl.name().to_string(), self.decls.len());
        self.decls.push(decl);
    }

    /// The type named `name`, once it is complete.
    pub fn get(&self, name: &str) -> Option<&TypeDecl> {
        self.by_name.get(name).map(|&i| &self.decls[i])
    }

    /// The type named `name`, to complete it (rules, graph marks).
    pub fn get_mut(&mut self, name: &str) -> Option<&mut TypeDecl> {
        self.by_name.get(name).map(|&i| &mut self.decls[i])
    }

    /// The fields of struct `name` (none for an enum or an unknown name).
    pub fn fields_of(&self, name: &str) -> Vec<Field> {
        match self.get(name) {
            Some(TypeDecl::Struct(s)) => s.fields.clone(),
            _ => Vec::new(),
        }
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
    /// A struct, by Rust name.
    Struct(String),
    /// An operation, by its position among the checked operations.
    Operation(usize),
}

impl<'a> Ctxt<'a> {
    pub fn new(sources: &'a Sources, files: &'a [ParsedFile]) -> Ctxt<'a> {
        Ctxt {
            sources,
            files,
            diags: Vec::new(),
            symbols: Symbols::default(),
            space: TypeSpace::default(),
            deferred: Vec::new(),
        }
    }

    /// Every problem reported so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags
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
            let at = Site {
                file: f.file,
                path: NodePath::root(),
            };
            for (name, def) in &f.spec.types {
                if let Some((other, _)) = self.symbols.types.get(name.as_str()) {
                    let where_ = self.file_path(*other);
                    self.error_at_key(
                        &at.key("types").key(name),
                        format!("type `{name}` is declared twice"),
                        format!("it is already declared in {where_}; rename or remove one"),
                    );
                    continue;
                }
                self.symbols.types.insert(name, (f.file, def));
            }
            for (name, op) in &f.spec.operations {
                if let Some((other, _)) = self.symbols.operations.get(name.as_str()) {
                    let where_ = self.file_path(*other);
                    self.error_at_key(
                        &at.key("operations").key(name),
                        format!("duplicate operation name `{name}`"),
                        format!("it is already declared in {where_}; operation names are unique per vendor"),
                    );
                    continue;
                }
                self.symbols.operations.insert(name, (f.file, op));
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
                path: NodePath::root().key("types").key(name),
            };
            let origin = at.path.to_string();
            if let Some(ident) = self.claim_type_name(&at, name, &origin) {
                self.symbols.rust_names.insert(name, ident);
            }
        }
    }

    /// Registers a generated type name; reports keywords, reserved names and
    /// collisions. `origin` says where the name comes from in messages.
    pub fn claim_type_name(&mut self, at: &Site, name: &str, origin: &str) -> Option<String> {
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
        self.symbols.taken.insert(ident.clone(), origin.to_string());
        Some(ident)
    }
}

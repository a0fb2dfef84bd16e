//! A read document as a spec of our format: the vendor header, the shared
//! object types, and one operation per endpoint, with every question left
//! open written as a `resolve:` marker on the node it concerns.
//!
//! Where parameters travel is decided from the document's own structure:
//! path placeholders are path parameters; a typeless parameter sent "以JSON
//!形式" is a form field holding the body; a `File` parameter makes a
//! multipart body; a body table is the JSON body; the rest of a GET or DELETE
//! is the query. Credential parameters (`account_token`, `sign`, …) belong to
//! the vendor's auth scheme and are listed in its marker.

use std::collections::{HashMap, HashSet};

use super::document::{Document, Endpoint, Example, ExampleKind, Row, Table, TableRole};
use super::fields::{fields, set_questions, type_name, Place, Types};
use super::lexicon::{classify_type_cell, is_credential, is_signature, Scalar, TypeClass};
use super::urls::{host, template_prefix};
use super::yaml::Node;

/// What the caller of [`draft`](crate::draft) knows that the document does
/// not say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The vendor's snake_case name (`--vendor`).
    pub vendor: Option<String>,
    /// The document's file name, for `sources:`.
    pub source: Option<String>,
}

/// The spec draft of a document, as a YAML tree.
pub(crate) fn write(doc: &Document, options: &Options) -> Node {
    let mut writer = Writer::new(doc);
    let mut operations = Node::map();
    let prefix = Prefix::of(doc);
    for ep in &doc.endpoints {
        let (name, op) = writer.operation(ep, &prefix);
        operations.set(&name, op);
    }
    writer.unused_objects();
    let mut root = Node::map();
    root.set("vendor", writer.vendor(options));
    if !writer.types.is_empty() {
        let mut types = Node::map();
        for (name, node) in std::mem::take(&mut writer.types) {
            types.set(&name, node);
        }
        root.set("types", types);
    }
    root.set("operations", operations);
    root
}

/// The request rows of an endpoint, by where they go.
#[derive(Default)]
struct Sorted<'d> {
    /// Path, query or JSON body parameters, with their table.
    rest: Vec<(&'d Table, &'d Row)>,
    /// A typeless parameter holding the request as JSON (`params`).
    form: Option<&'d Row>,
    /// File parameters (a multipart body).
    files: Vec<Row>,
}

/// One shared type already written for a documented object name.
struct Written {
    /// The fields as printed, to tell an identical table from a different one.
    signature: String,
    /// The draft's type name.
    name: String,
}

/// The state of one draft: types written so far, credentials seen.
struct Writer<'d> {
    doc: &'d Document,
    /// Object tables of the endpoint being written, by documented name.
    current: HashMap<String, &'d Table>,
    /// Object tables of the whole document, first one of each name.
    global: HashMap<String, &'d Table>,
    /// Shared types in the order they were first needed.
    types: Vec<(String, Node)>,
    written: HashMap<String, Vec<Written>>,
    in_progress: Vec<String>,
    /// Lines of the object tables some field or body used.
    used: HashSet<usize>,
    /// Credential parameters and how many operations list them.
    credentials: Vec<(String, usize)>,
    /// The failure reply type and the tables that differ from it.
    failure: Option<(String, Vec<String>)>,
    failure_questions: Vec<String>,
    names: HashSet<String>,
}

impl<'d> Writer<'d> {
    /// A writer for `doc`, knowing every object table it has.
    fn new(doc: &'d Document) -> Self {
        let mut global = HashMap::new();
        for t in doc.endpoints.iter().flat_map(|e| &e.tables) {
            if let TableRole::Object(name) = &t.role {
                global.entry(name.to_ascii_lowercase()).or_insert(t);
            }
        }
        Writer {
            doc,
            current: HashMap::new(),
            global,
            types: Vec::new(),
            written: HashMap::new(),
            in_progress: Vec::new(),
            used: HashSet::new(),
            credentials: Vec::new(),
            failure: None,
            failure_questions: Vec::new(),
            names: HashSet::new(),
        }
    }

    /// The object table of a name: the current endpoint's first, else any.
    fn table(&self, name: &str) -> Option<&'d Table> {
        let key = name.to_ascii_lowercase();
        self.current
            .get(&key)
            .or_else(|| self.global.get(&key))
            .copied()
    }

    /// Adds a shared type unless an identical one of the same documented name
    /// exists; a different one gets a numbered name and a question.
    fn add_type(&mut self, doc_name: &str, node: Node, line: usize) -> String {
        let signature = super::yaml::render(&node);
        let variants = self
            .written
            .entry(doc_name.to_ascii_lowercase())
            .or_default();
        if let Some(w) = variants.iter().find(|w| w.signature == signature) {
            return w.name.clone();
        }
        let base = type_name(doc_name);
        let mut name = base.clone();
        let mut n = 1;
        while self.types.iter().any(|(t, _)| *t == name) {
            n += 1;
            name = format!("{base}{n}");
        }
        variants.push(Written {
            signature,
            name: name.clone(),
        });
        let mut node = node;
        if n > 1 {
            set_questions(&mut node, vec![format!(
                "the table `{doc_name}` at line {line} differs from another table of that name: merge them or keep both"
            )]);
        }
        self.types.push((name.clone(), node));
        name
    }

    // ------------------------------------------------------------ operations

    /// One endpoint as an operation, with its name.
    fn operation(&mut self, ep: &'d Endpoint, prefix: &Prefix) -> (String, Node) {
        self.current = ep
            .tables
            .iter()
            .filter_map(|t| match &t.role {
                TableRole::Object(n) => Some((n.to_ascii_lowercase(), t)),
                _ => None,
            })
            .collect();
        let mut op = Node::map();
        let mut questions = Vec::new();
        op.set("title", Node::str(&ep.title));
        if let Some(d) = &ep.description {
            op.set("doc", Node::str(d));
            if d.contains("必填") {
                questions.push("the description qualifies which parameters are required: rules (`require` … `when`) rather than the table's flags?".to_string());
            }
        }
        match &ep.method {
            Some(m) => op.set("method", Node::str(m)),
            None => questions.push("the document states no HTTP method".to_string()),
        }
        match &ep.path {
            Some(p) => op.set("path", Node::str(p)),
            None => questions.push("the document states no URL".to_string()),
        }
        self.parameters(ep, &mut op, &mut questions);
        if let Some(value) = ep.description.as_deref().and_then(optional_default) {
            let applied = default_optional_integers(&mut op, &value);
            questions.push(format!(
                "the description gives the parameters that are not required the default {value}: applied to {applied} integer body fields"
            ));
        }
        if let Some(level) = ep.min_api_level {
            op.set("min_api_level", Node::Raw(level.to_string()));
        }
        self.response(ep, &mut op);
        let examples = examples(&ep.examples);
        if !examples.is_empty() {
            op.set("examples", Node::Seq(examples));
        }
        set_questions(&mut op, questions);
        (self.operation_name(ep, prefix), op)
    }

    /// Path, query and body parameters, and a method override (`_method`).
    fn parameters(&mut self, ep: &'d Endpoint, op: &mut Node, questions: &mut Vec<String>) {
        let sorted = self.sort_request(ep, op);
        let body_tables: Vec<&Table> = ep
            .tables
            .iter()
            .filter(|t| t.role == TableRole::Body)
            .collect();
        self.path_params(ep, op);
        let has_body = sorted.form.is_some() || !sorted.files.is_empty() || !body_tables.is_empty();
        let reads = matches!(ep.method.as_deref(), Some("GET" | "DELETE"));
        if reads || has_body || sorted.rest.is_empty() {
            self.query(ep, &sorted.rest, op);
        } else {
            if !ep.examples.iter().any(|e| e.kind == ExampleKind::Request) {
                questions.push("the document does not say whether the parameters travel in the query or in a JSON body: taken as body".to_string());
            }
            op.set("body", self.json_body(&sorted.rest));
        }
        if let Some(body) = self.body(sorted.form, &sorted.files, &body_tables, questions) {
            op.set("body", body);
        }
    }

    /// The request rows by where they go: credentials (counted for the auth
    /// question), `_method` (a method override), placeholders (written with
    /// the path), a form field holding JSON, files, and the rest.
    fn sort_request(&mut self, ep: &'d Endpoint, op: &mut Node) -> Sorted<'d> {
        let request: Vec<(&Table, &Row)> = ep
            .tables
            .iter()
            .filter(|t| matches!(t.role, TableRole::Request | TableRole::Path))
            .flat_map(|t| t.rows.iter().map(move |r| (t, r)))
            .collect();
        let signed = request.iter().any(|(_, r)| is_signature(&r.name));
        let mut sorted = Sorted::default();
        for (t, r) in request {
            if is_credential(&r.name, signed) {
                self.credential(&r.name);
            } else if r.name == "_method" {
                op.set("method_override", Node::str("_method"));
            } else if ep.placeholders.contains(&r.name) {
                // Written with the path parameters.
            } else if r.type_text.is_none() && r.description.contains("JSON") {
                sorted.form = Some(r);
            } else if is_file(r) {
                sorted.files.push(r.clone());
            } else {
                sorted.rest.push((t, r));
            }
        }
        sorted
    }

    /// A JSON body of the request rows that are neither path nor query.
    fn json_body(&mut self, rest: &[(&Table, &Row)]) -> Node {
        let rows: Vec<Row> = rest.iter().map(|(_, r)| (*r).clone()).collect();
        let place = Place {
            request: true,
            required_column: rest.iter().any(|(t, _)| t.has_required_column),
        };
        let mut body = Node::map();
        body.set("encoding", Node::str("json"));
        body.set("fields", fields(&rows, place, self));
        body
    }

    /// Counts a credential parameter for the vendor's auth question.
    fn credential(&mut self, name: &str) {
        match self.credentials.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => self.credentials.push((name.to_string(), 1)),
        }
    }

    /// Every `{placeholder}`: from its row when documented, else a string.
    fn path_params(&mut self, ep: &'d Endpoint, op: &mut Node) {
        if ep.placeholders.is_empty() {
            return;
        }
        let mut params = Node::map();
        for p in &ep.placeholders {
            let row = ep
                .tables
                .iter()
                .filter(|t| matches!(t.role, TableRole::Request | TableRole::Path))
                .flat_map(|t| &t.rows)
                .find(|r| &r.name == p);
            let node = match row {
                Some(r) => {
                    let mut r = r.clone();
                    // A path placeholder is always sent: it is required.
                    r.required = Some(true);
                    r.required_text = None;
                    super::fields::field(
                        &r,
                        Place {
                            request: true,
                            required_column: true,
                        },
                        self,
                    )
                }
                None => {
                    let mut n = Node::map();
                    n.set("type", Node::str("string"));
                    n.set("required", Node::Raw("true".into()));
                    n.set(
                        "resolve",
                        Node::str(
                            "named only in the URL template: its type is not documented (string?)",
                        ),
                    );
                    n
                }
            };
            params.set(p, node);
        }
        op.set("path_params", params);
    }

    /// Query parameters; a row the URL template carries under another key
    /// (`meeting_code={meetingCode}`) takes that key, with `doc_name`.
    fn query(&mut self, ep: &Endpoint, rows: &[(&Table, &Row)], op: &mut Node) {
        if rows.is_empty() {
            return;
        }
        let mut query = Node::map();
        for (t, r) in rows {
            let in_template = ep
                .query_template
                .iter()
                .find(|(_, v)| v.trim_matches(['{', '}']) == r.name);
            let mut row = (*r).clone();
            let mut extra = Vec::new();
            if row.required.is_none() && in_template.is_some() {
                row.required = Some(true);
                extra.push(
                    "no required flag is printed; the URL template always carries it: required?"
                        .to_string(),
                );
            }
            let place = Place {
                request: true,
                required_column: t.has_required_column,
            };
            let mut node = super::fields::field(&row, place, self);
            let wire = match in_template {
                Some((key, _)) if key != &r.name => {
                    node.set("doc_name", Node::str(&r.name));
                    key.clone()
                }
                _ => r.name.clone(),
            };
            set_questions(&mut node, extra);
            query.set(&wire, node);
        }
        op.set("query", query);
    }

    /// The body: a form field holding JSON, a multipart form, or JSON.
    fn body(
        &mut self,
        form: Option<&Row>,
        files: &[Row],
        tables: &[&'d Table],
        questions: &mut Vec<String>,
    ) -> Option<Node> {
        let mut body = Node::map();
        let rows = self.body_rows(tables);
        if let Some(f) = form {
            body.set("encoding", Node::str("form_json"));
            body.set("field", Node::str(&f.name));
            if rows.is_empty() {
                questions.push(format!(
                    "`{}` holds the request as JSON, but no table describes it",
                    f.name
                ));
            }
        } else if !files.is_empty() {
            body.set("encoding", Node::str("multipart"));
        } else if !rows.is_empty() {
            body.set("encoding", Node::str("json"));
        } else {
            return None;
        }
        let mut all: Vec<Row> = files.to_vec();
        all.extend(rows);
        let place = Place {
            request: true,
            required_column: tables.iter().any(|t| t.has_required_column) || !files.is_empty(),
        };
        body.set("fields", fields(&all, place, self));
        Some(body)
    }

    /// The rows of the body tables; a table whose only row is an object
    /// described in its own table (`body Object 【详见body参数字段说明`) stands
    /// for that table's rows.
    fn body_rows(&mut self, tables: &[&'d Table]) -> Vec<Row> {
        let mut rows = Vec::new();
        for t in tables {
            if let [only] = t.rows.as_slice() {
                let is_object = matches!(
                    only.type_text.as_deref().and_then(classify_type_cell),
                    Some(TypeClass::Object(_))
                );
                let target = only.facts.reference.as_deref().and_then(|n| self.table(n));
                if let (true, Some(target), true) = (is_object, target, only.children.is_empty()) {
                    self.used.insert(target.line);
                    rows.extend(target.rows.iter().cloned());
                    continue;
                }
            }
            rows.extend(t.rows.iter().cloned());
        }
        rows
    }

    /// The success reply's fields, status and prose; the failure reply goes
    /// to the vendor's error type.
    fn response(&mut self, ep: &'d Endpoint, op: &mut Node) {
        let mut response = Node::map();
        let rows: Vec<Row> = ep
            .tables
            .iter()
            .filter(|t| t.role == TableRole::Reply)
            .flat_map(|t| t.rows.clone())
            .collect();
        if let Some(note) = &ep.reply_note {
            if note.contains("返回204") || note.contains("204 No Content") {
                response.set("status", Node::Raw("204".into()));
            }
        }
        if !rows.is_empty() {
            let column = ep
                .tables
                .iter()
                .any(|t| t.role == TableRole::Reply && t.has_required_column);
            response.set(
                "fields",
                fields(
                    &rows,
                    Place {
                        request: false,
                        required_column: column,
                    },
                    self,
                ),
            );
        }
        if let Some(note) = &ep.reply_note {
            response.set("doc", Node::str(note));
        }
        if !response.is_empty() {
            op.set("response", response);
        }
        for t in ep.tables.iter().filter(|t| t.role == TableRole::Failure) {
            self.failure_table(t);
        }
    }

    /// Records a failure table: the first becomes `ErrorResponse`; one with
    /// other fields is a question for the vendor header.
    fn failure_table(&mut self, t: &'d Table) {
        let names = self.paths(&t.rows, "", 0);
        match &self.failure {
            None => {
                let node = self.object_node(t);
                let name = self.add_type("ErrorResponse", node, t.line);
                self.failure = Some((name, names));
            }
            Some((_, first)) if *first != names => {
                let q = format!(
                    "the failure table at line {} lists {} instead",
                    t.line,
                    names.join(", ")
                );
                if !self.failure_questions.contains(&q) && self.failure_questions.len() < 3 {
                    self.failure_questions.push(q);
                }
            }
            Some(_) => {}
        }
    }

    /// A table as an object type node.
    fn object_node(&mut self, t: &'d Table) -> Node {
        let place = Place {
            request: false,
            required_column: t.has_required_column,
        };
        let mut node = Node::map();
        node.set("fields", fields(&t.rows, place, self));
        node
    }

    /// Object tables no field referred to: kept as types, with a question.
    fn unused_objects(&mut self) {
        let doc = self.doc;
        for t in doc.endpoints.iter().flat_map(|e| &e.tables) {
            let TableRole::Object(name) = &t.role else {
                continue;
            };
            let referenced = self.written.contains_key(&name.to_ascii_lowercase());
            if referenced || self.used.contains(&t.line) {
                continue;
            }
            let mut node = self.object_node(t);
            set_questions(
                &mut node,
                vec![format!(
                    "no field refers to the table `{}` at line {}",
                    t.caption, t.line
                )],
            );
            self.add_type(name, node, t.line);
        }
    }

    /// A snake_case name from the method and the path's resource segments:
    /// `get_booked_confs_by_conf_id`.
    fn operation_name(&mut self, ep: &Endpoint, prefix: &Prefix) -> String {
        let path = ep.path.as_deref().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let literal: Vec<&str> = segments
            .iter()
            .copied()
            .filter(|s| !s.starts_with('{'))
            .collect();
        let words: Vec<String> = prefix.strip(&literal).iter().map(|s| snake(s)).collect();
        let params: Vec<String> = segments
            .iter()
            .filter(|s| s.starts_with('{'))
            .map(|s| snake(s))
            .collect();
        let method = ep.method.as_deref().unwrap_or("call").to_ascii_lowercase();
        let mut name = std::iter::once(method)
            .chain(words)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        if !params.is_empty() {
            name = format!("{name}_by_{}", params.join("_and_"));
        }
        let base = name.clone();
        let mut n = 1;
        while !self.names.insert(name.clone()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        name
    }

    // ------------------------------------------------------------ vendor

    /// The `vendor:` header.
    fn vendor(&mut self, options: &Options) -> Node {
        let mut v = Node::map();
        let mut questions = Vec::new();
        let name = options.vendor.clone().unwrap_or_else(|| {
            questions.push("name the vendor (snake_case; `--vendor NAME`)".to_string());
            "vendor".to_string()
        });
        v.set("name", Node::str(&name));
        match &self.doc.title {
            Some(t) => v.set("title", Node::str(t)),
            None => {
                v.set("title", Node::str(&name));
                questions.push("the document has no title: give the vendor's title".to_string());
            }
        }
        if let Some(version) = &self.doc.version {
            v.set("doc", Node::str(version));
        }
        if let Some(source) = &options.source {
            v.set("sources", Node::Seq(vec![Node::str(source)]));
        }
        let (base, base_question) = base_url(self.doc);
        if let Some(b) = base {
            v.set("base_url", Node::str(b));
        }
        questions.extend(base_question);
        v.set("auth", Node::str("none"));
        questions.push(self.auth_question());
        if let Some(level) = self.doc.api_level {
            v.set("api_level", Node::Raw(level.to_string()));
        }
        if let Some(error) = self.error_model() {
            v.set("error", error);
            questions.push(
                "check which fields of the failure reply hold the code and the message".to_string(),
            );
        }
        questions.append(&mut self.failure_questions);
        set_questions(&mut v, questions);
        v
    }

    /// The question about the auth scheme, naming the credentials left out.
    fn auth_question(&self) -> String {
        if self.credentials.is_empty() {
            return "which auth scheme signs the requests (tencent_meeting, polyv, yxt, kedacom, none)?".to_string();
        }
        let listed: Vec<String> = self
            .credentials
            .iter()
            .map(|(n, c)| format!("{n} ({c} operations)"))
            .collect();
        format!(
            "credential parameters left out of the operations: {}; which auth scheme carries them?",
            listed.join(", ")
        )
    }

    /// `error: {type, code, message}` from the failure type's field paths
    /// (`error_info.error_code`), proposed by their names.
    fn error_model(&self) -> Option<Node> {
        let (ty, paths) = self.failure.as_ref()?;
        let mut e = Node::map();
        e.set("type", Node::str(ty));
        let last = |p: &String| p.rsplit('.').next().unwrap_or(p).to_ascii_lowercase();
        let pick = |words: &[&str]| {
            paths
                .iter()
                .find(|p| words.iter().any(|w| last(p).contains(w)))
        };
        if let Some(code) = pick(&["code"]) {
            e.set("code", Node::str(code));
        }
        if let Some(message) = pick(&["message", "msg", "desc"]) {
            e.set("message", Node::str(message));
        }
        Some(e)
    }

    /// The dotted paths of a table's fields, into the objects they name.
    fn paths(&self, rows: &[Row], prefix: &str, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        for r in rows {
            let path = format!("{prefix}{}", r.name);
            out.push(path.clone());
            let named = match r.type_text.as_deref().and_then(classify_type_cell) {
                Some(TypeClass::Object(Some(n))) => self.table(&n).map(|t| t.rows.as_slice()),
                _ => None,
            };
            let children = if r.children.is_empty() {
                named.unwrap_or_default()
            } else {
                &r.children
            };
            if depth < 3 {
                out.extend(self.paths(children, &format!("{path}."), depth + 1));
            }
        }
        out
    }
}

impl Types for Writer<'_> {
    /// Writes the object table of `name` as a shared type (once per distinct table).
    fn object(&mut self, name: &str) -> Option<String> {
        if self
            .in_progress
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(type_name(name));
        }
        let table = self.table(name)?;
        self.used.insert(table.line);
        self.in_progress.push(name.to_string());
        let node = self.object_node(table);
        self.in_progress.pop();
        Some(self.add_type(name, node, table.line))
    }
}

/// Whether a row is a file upload.
/// The default an operation's text gives every optional parameter
/// (`参数中非必填项默认值为0`).
fn optional_default(text: &str) -> Option<String> {
    let at = text.find("非必填")?;
    let rest = &text[at..];
    let value_at = rest
        .find("默认值为")
        .map(|i| i + "默认值为".len())
        .or_else(|| rest.find("默认为").map(|i| i + "默认为".len()))?;
    let value: String = rest[value_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Gives the optional integer fields of the body (top level) without a
/// default the value `value`; returns how many.
fn default_optional_integers(op: &mut Node, value: &str) -> usize {
    let Some(Node::Map(body)) = op_entry(op, "body") else {
        return 0;
    };
    let Some((_, Node::Map(fields))) = body.iter_mut().find(|(k, _)| *k == Node::str("fields"))
    else {
        return 0;
    };
    let mut applied = 0;
    for (_, field) in fields.iter_mut() {
        let integer = field.get("type") == Some(&Node::str("integer"));
        if integer
            && field.get("required").is_none()
            && field.get("default").is_none()
            && allows(field, value)
        {
            field.set("default", Node::Raw(value.to_string()));
            applied += 1;
        }
    }
    applied
}

/// Whether a field's allowed values (`one_of`, enumeration codes, range)
/// admit `value`: a default they reject is not applied.
fn allows(field: &Node, value: &str) -> bool {
    let raw = Node::Raw(value.to_string());
    let listed = |list: Option<&Node>| match list {
        Some(Node::Seq(items)) => items.contains(&raw),
        Some(Node::Map(entries)) => entries.iter().any(|(k, _)| *k == raw),
        _ => true,
    };
    let number: i64 = value.parse().unwrap_or_default();
    let bound = |key: &str, ok: fn(i64, i64) -> bool| match field.get(key) {
        Some(Node::Raw(b)) => b.parse().is_ok_and(|b| ok(number, b)),
        _ => true,
    };
    listed(field.get("one_of"))
        && listed(field.get("enum").and_then(|e| e.get("values")))
        && bound("min", |v, b| v >= b)
        && bound("max", |v, b| v <= b)
}

/// The value of `key` in a mapping, mutably.
fn op_entry<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    match node {
        Node::Map(entries) => entries
            .iter_mut()
            .find(|(k, _)| *k == Node::str(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn is_file(row: &Row) -> bool {
    matches!(
        row.type_text.as_deref().and_then(classify_type_cell),
        Some(TypeClass::Scalar(Scalar::File))
    )
}

/// A path segment as a snake_case word (`role-config` → `role_config`,
/// `{roomId}` → `room_id`).
fn snake(segment: &str) -> String {
    let word: String = segment
        .trim_matches(['{', '}'])
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let snake = heck::ToSnakeCase::to_snake_case(word.as_str());
    snake.trim_matches('_').to_string()
}

/// Leading path segments that name no resource: those every path starts
/// with, versions (`v1`), and, with three paths or more, segments every path
/// has somewhere (`api`, `mc`).
#[derive(Debug, Default)]
struct Prefix {
    shared: Vec<String>,
    everywhere: HashSet<String>,
}

impl Prefix {
    /// The prefix segments of a document's paths.
    fn of(doc: &Document) -> Prefix {
        let paths: Vec<Vec<&str>> = doc
            .endpoints
            .iter()
            .filter_map(|e| e.path.as_deref())
            .map(|p| {
                p.split('/')
                    .filter(|s| !s.is_empty() && !s.starts_with('{'))
                    .collect()
            })
            .collect();
        let Some(first) = paths.first() else {
            return Prefix::default();
        };
        let shared = (0..first.len())
            .take_while(|&i| paths.len() > 1 && paths.iter().all(|p| p.get(i) == Some(&first[i])))
            .map(|i| first[i].to_string())
            .collect();
        let everywhere = if paths.len() >= 3 {
            first
                .iter()
                .filter(|s| paths.iter().all(|p| p.contains(s)))
                .map(|s| s.to_string())
                .collect()
        } else {
            HashSet::new()
        };
        Prefix { shared, everywhere }
    }

    /// The literal segments of a path that name its resource.
    fn strip<'p>(&self, literal: &[&'p str]) -> Vec<&'p str> {
        let skip = literal
            .iter()
            .enumerate()
            .take_while(|(i, s)| {
                let version =
                    s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit());
                version
                    || self.everywhere.contains(**s)
                    || self.shared.get(*i).is_some_and(|x| x == *s)
            })
            .count();
        literal[skip.min(literal.len().saturating_sub(1))..].to_vec()
    }
}

/// The base URL: the scheme and host of the documented URLs, or else of an
/// example request with the path prefix it adds; a question when it is
/// taken from an example, differs between URLs, or is not printed at all.
fn base_url(doc: &Document) -> (Option<String>, Option<String>) {
    let hosts: Vec<String> = doc
        .endpoints
        .iter()
        .filter_map(|e| e.url.as_deref())
        .filter_map(host)
        .collect();
    if let Some(first) = hosts.first() {
        let differ = hosts.iter().any(|h| h != first);
        let q = differ.then(|| {
            format!(
                "the URLs name several hosts ({}): which is the base URL?",
                hosts.join(", ")
            )
        });
        return (Some(first.clone()), q);
    }
    for ep in &doc.endpoints {
        let template = ep.path.as_deref().unwrap_or_default();
        for ex in ep
            .examples
            .iter()
            .filter(|e| e.kind == ExampleKind::RequestLine)
        {
            let url = ex.text.split_whitespace().last().unwrap_or_default();
            if let Some(base) = example_base(url, template) {
                let q = format!(
                    "the host is printed only in the example `{}`: is `{base}` the base URL?",
                    ex.text
                );
                return (Some(base), Some(q));
            }
        }
    }
    (
        None,
        Some(
            "the document prints no host: omit base_url (the user gives one) or write it"
                .to_string(),
        ),
    )
}

/// The base of an example URL whose path ends with an instance of the
/// template: host plus the segments before it (`https://host/v1`).
fn example_base(url: &str, template: &str) -> Option<String> {
    Some(format!("{}{}", host(url)?, template_prefix(url, template)?))
}

/// The examples as spec nodes; a JSON example that does not parse gets the
/// mechanically corrected `json:` (straight quotes, plain spaces) when that
/// parses, and a question either way.
fn examples(examples: &[Example]) -> Vec<Node> {
    examples.iter().map(example).collect()
}

/// One example as a node.
fn example(e: &Example) -> Node {
    let mut n = Node::map();
    n.set("name", Node::str(&e.caption));
    n.set("kind", Node::str(e.kind.name()));
    n.set("verbatim", Node::str(&e.text));
    if e.kind != ExampleKind::RequestLine
        && serde_json::from_str::<serde_json::Value>(&e.text).is_err()
    {
        let fixed = e
            .text
            .replace(['“', '”'], "\"")
            .replace(['‘', '’'], "'")
            .replace('\u{a0}', " ");
        if serde_json::from_str::<serde_json::Value>(&fixed).is_ok() {
            n.set("json", Node::str(fixed));
            n.set("resolve", Node::str(format!("the example at lines {}-{} is not JSON as printed (typographic quotes or no-break spaces): check the corrected `json` and add a `note`", e.lines.0, e.lines.1)));
        } else {
            n.set(
                "resolve",
                Node::str(format!(
                    "the example at lines {}-{} is not JSON: add the corrected `json`",
                    e.lines.0, e.lines.1
                )),
            );
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::{read, yaml::render};
    use super::*;

    fn drafted(text: &str) -> serde_yaml::Value {
        let root = write(&read(text), &Options::default());
        serde_yaml::from_str(&render(&root)).unwrap()
    }

    const KEDACOM: &str = "会管API\n\n名称 获取\nURI /api/v1/mc/booked_confs/{conf_id}\n方法 GET\n最低支持版本 2\n\n参数说明\n\n\
参数名称 数据类型 说明\naccount_token* str 软件权限token\n\n名称 删除\nURI /api/v1/mc/booked_confs/{conf_id}\n方法 DELETE\n\n参数说明\n\n\
参数名称 数据类型 说明\naccount_token* str 软件权限token\n_method 若不支持DELETE,则使用POST请求\n\n名称 创建\nURI /api/mc/confs\n方法 POST\n\n\
参数说明\n\n参数名称 数据类型 说明\naccount_token* str token\nparams 请求内容,以JSON形式发送\n\nparams说明\n\n参数名称 数据类型 说明\nname* str 名称\n\n\
失败回复说明\n\n参数名称 数据类型 说明\nsuccess int 是否成功\nerror_code int 错误码\ndescription str 结果描述\n";

    #[test]
    fn operations_are_named_from_method_and_resource() {
        let y = drafted(KEDACOM);
        let names: Vec<&str> = y["operations"]
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(|k| k.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "get_booked_confs_by_conf_id",
                "delete_booked_confs_by_conf_id",
                "post_confs"
            ]
        );
    }

    #[test]
    fn placeholders_method_override_form_bodies_and_credentials_are_placed() {
        let y = drafted(KEDACOM);
        let get = &y["operations"]["get_booked_confs_by_conf_id"];
        assert_eq!(
            get["path_params"]["conf_id"]["required"].as_bool(),
            Some(true)
        );
        assert!(get["path_params"]["conf_id"]["resolve"]
            .as_str()
            .unwrap()
            .contains("only in the URL"));
        assert_eq!(get["min_api_level"].as_u64(), Some(2));
        assert!(get.get("query").is_none(), "account_token belongs to auth");
        assert_eq!(
            y["operations"]["delete_booked_confs_by_conf_id"]["method_override"].as_str(),
            Some("_method")
        );
        let body = &y["operations"]["post_confs"]["body"];
        assert_eq!(
            (body["encoding"].as_str(), body["field"].as_str()),
            (Some("form_json"), Some("params"))
        );
        assert_eq!(body["fields"]["name"]["required"].as_bool(), Some(true));
        let auth = y["vendor"]["resolve"].as_sequence().unwrap();
        assert!(auth
            .iter()
            .any(|q| q.as_str().unwrap().contains("account_token (3 operations)")));
        assert_eq!(y["vendor"]["error"]["code"].as_str(), Some("error_code"));
        assert_eq!(
            y["vendor"]["error"]["message"].as_str(),
            Some("description")
        );
    }

    #[test]
    fn a_query_template_gives_wire_names_and_required_proposals() {
        let text = "通过会议 Code 查询\n接口描述\n请求方式:GET\n接口请求域名\n\
https://api.meeting.qq.com/v1/meetings/live_play/replays?meeting_code={meetingCode}&userid={userid}\n输入参数\n\
参数名称\n必选\n参数类型\n参数描述\nmeetingCode\nString\n会议 Code。\nuserid\nString\n用户 ID。\n";
        let y = drafted(text);
        let query = &y["operations"]["get_meetings_live_play_replays"]["query"];
        let code = &query["meeting_code"];
        assert_eq!(code["doc_name"].as_str(), Some("meetingCode"));
        assert_eq!(code["required"].as_bool(), Some(true));
        assert!(format!("{:?}", code["resolve"]).contains("URL template always carries it"));
        assert_eq!(
            y["vendor"]["base_url"].as_str(),
            Some("https://api.meeting.qq.com")
        );
    }

    #[test]
    fn an_operation_wide_default_reaches_the_optional_integer_fields() {
        assert_eq!(
            optional_default("创建虚拟会议室,参数中非必填项默认值为0").as_deref(),
            Some("0")
        );
        assert_eq!(optional_default("创建会议"), None);
        let text = "名称 创建\nURI /a/b\n方法 POST\n说明 创建,参数中非必填项默认值为0\n\n参数说明\n\n参数名称 数据类型 说明\n\
params 请求内容,以JSON形式发送\n\nparams说明\n\n参数名称 数据类型 说明\nname* str 名称\nmute int 哑音\nlevel* int 等级\n\
vac int 敏感度,支持3、5\nmode int 模式\n1-甲;\n2-乙;\n";
        let y = drafted(text);
        let fields = &y["operations"]["post_a_b"]["body"]["fields"];
        assert_eq!(fields["mute"]["default"].as_u64(), Some(0));
        assert!(fields["level"].get("default").is_none());
        assert!(fields["name"].get("default").is_none());
        assert!(
            fields["vac"].get("default").is_none(),
            "0 is not one of 3, 5"
        );
        assert!(fields["mode"].get("default").is_none(), "0 is no code");
    }

    #[test]
    fn the_base_url_can_come_from_an_example_with_a_prefix() {
        let text = "简要描述:\n- 修改\n请求URL:\n- /zhibo/rooms/{roomId}\nHTTP请求方法:\n- PUT\n示例:\n请求:\n\
PUT https://api-zhibo.yxt.com/v1/zhibo/rooms/fe04\n";
        let y = drafted(text);
        assert_eq!(
            y["vendor"]["base_url"].as_str(),
            Some("https://api-zhibo.yxt.com/v1")
        );
        assert!(y["operations"]["put_zhibo_rooms_by_room_id"].is_mapping());
    }
}

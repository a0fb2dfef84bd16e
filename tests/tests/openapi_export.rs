//! The OpenAPI export drops nothing: for every vendor of `specs/` (and of the
//! conformance corpus and the hostile spec, which reach constructs the vendors
//! do not), every operation, parameter, body, reply, type, field, enumeration
//! value and label, constraint, rule, example, the error envelope and the
//! catalogue appear in the exported document where docs/openapi.md says.
//!
//! The expectations are derived from the model (`Config::load`), never from
//! the exporter, and the model is walked with exhaustive patterns: a model
//! item this test does not know yet stops it compiling, so a new item cannot
//! be silently dropped by the export.

use std::panic::{catch_unwind, AssertUnwindSafe};

use meeting_api_codegen::model::{
    Auth, Body, CatalogueEntry, CharRule, Check, CheckKind, Condition, Doc, Encoding, Enum,
    EnumKind, ErrorModel, Example, ExampleKind, Field, FieldPath, Format, Literal, Operation,
    Paging, PagingStyle, Response, Retry, Rule, RuleKind, Source, Struct, Test, Ty, TypeDecl,
    TypeId, Variant, Vendor,
};
use meeting_api_codegen::Config;
use meeting_api_tests::workspace_root;
use serde_json::{json, Value};

mod exported;

/// Every vendor of the spec folders, with its exported document.
fn exported() -> Vec<(Vendor, Value)> {
    exported::vendors_with(Config::openapi)
        .into_iter()
        .map(|(v, text)| {
            let doc = serde_json::from_str(&text).expect("the export is JSON");
            (v, doc)
        })
        .collect()
}

/// The member `key` of an object, or a failure naming where it was looked for.
fn at<'a>(value: &'a Value, key: &str, place: &str) -> &'a Value {
    value
        .get(key)
        .unwrap_or_else(|| panic!("{place}: no `{key}`"))
}

/// `value[key]` equals `expected` (absent counts as `null`).
fn expect(value: &Value, key: &str, expected: Value, place: &str) {
    let found = value.get(key).cloned().unwrap_or(Value::Null);
    assert_eq!(found, expected, "{place}: `{key}`");
}

fn opt<T: Into<Value> + Clone>(v: &Option<T>) -> Value {
    v.clone().map_or(Value::Null, Into::into)
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::Int(i) => json!(i),
        Literal::Str(s) => json!(s),
        Literal::Bool(b) => json!(b),
        Literal::Float(x) => json!(x),
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Iso8601 => "iso8601",
        Format::DateTime => "datetime",
        Format::TimestampMs => "timestamp_ms",
        Format::TimestampS => "timestamp_s",
        Format::Iso8601LocalOrOffset => "iso8601_local_or_offset",
        Format::RgbHex => "rgb_hex",
    }
}

/// One vendor's document, checked against its model.
struct Checker<'a> {
    vendor: &'a Vendor,
    doc: &'a Value,
}

impl Checker<'_> {
    /// The key of the component whose `title` is the Rust name `name`.
    fn component_key(&self, name: &str) -> &str {
        let schemas = self.doc["components"]["schemas"]
            .as_object()
            .expect("components.schemas is an object");
        let keys: Vec<&String> = schemas
            .iter()
            .filter(|(_, s)| s["title"] == json!(name))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys.len(), 1, "one component is titled {name}");
        keys[0]
    }

    /// The `$ref` of a type.
    fn pointer(&self, id: TypeId) -> String {
        let key = self.component_key(self.vendor.type_name(id));
        format!("#/components/schemas/{key}")
    }

    fn component(&self, name: &str) -> &Value {
        &self.doc["components"]["schemas"][self.component_key(name)]
    }

    fn vendor(&self) {
        let Vendor {
            name,
            title,
            doc,
            sources,
            base_url,
            auth,
            api_level,
            error,
            catalogue,
            notes,
            types,
            operations,
            // Where the specs were read from: build information, not the API.
            files: _,
            ..
        } = self.vendor;
        let info = at(self.doc, "info", name);
        expect(self.doc, "openapi", json!("3.1.0"), name);
        expect(info, "title", json!(title), name);
        expect(info, "description", opt(doc), name);
        expect(info, "x-vendor", json!(name), name);
        expect(info, "x-api-level", opt(api_level), name);
        expect(info, "x-sources", json!(sources), name);
        expect(info, "x-notes", json!(notes), name);
        let servers = base_url.as_ref().map(|u| json!([{ "url": u }]));
        expect(self.doc, "servers", opt(&servers), name);
        self.auth(*auth);
        if let Some(e) = error {
            self.envelope(e);
        }
        let entries = at(self.doc, "x-error-catalogue", name);
        assert_eq!(entries.as_array().map(Vec::len), Some(catalogue.len()));
        for (i, c) in catalogue.iter().enumerate() {
            entry(&entries[i], c, &format!("{name}: x-error-catalogue[{i}]"));
        }
        let schemas = self.doc["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.len(), types.len(), "{name}: one component per type");
        for t in types {
            match t {
                TypeDecl::Struct(s) => self.structure(s),
                TypeDecl::Enum(e) => self.enumeration(e),
            }
        }
        let exported: usize = at(self.doc, "paths", name)
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(
            exported,
            operations.len(),
            "{name}: one operation per path and method"
        );
        for op in operations {
            self.operation(op);
        }
    }

    fn auth(&self, auth: Auth) {
        let scheme = match auth {
            Auth::TencentMeeting => "tencent_meeting",
            Auth::Polyv => "polyv",
            Auth::Yxt => "yxt",
            Auth::Kedacom => "kedacom",
            Auth::None => "none",
        };
        let name = &self.vendor.name;
        expect(&self.doc["info"]["x-auth"], "scheme", json!(scheme), name);
        let schemes = &self.doc["components"]["securitySchemes"];
        let requirements = &self.doc["security"];
        if auth == Auth::None {
            assert!(
                schemes.is_null() && requirements.is_null(),
                "{name}: no security"
            );
            return;
        }
        let schemes = schemes.as_object().expect("security schemes");
        assert!(!schemes.is_empty(), "{name}: security schemes");
        for (key, s) in schemes {
            assert_eq!(s["type"], "apiKey", "{name}: scheme {key}");
            assert!(s["description"].as_str().is_some_and(|d| !d.is_empty()));
        }
        let requirements = requirements.as_array().expect("security requirements");
        assert!(!requirements.is_empty(), "{name}: security requirements");
        for r in requirements {
            for key in r.as_object().unwrap().keys() {
                assert!(schemes.contains_key(key), "{name}: requirement names {key}");
            }
        }
    }

    fn envelope(&self, e: &ErrorModel) {
        let ErrorModel {
            ty,
            code,
            message,
            key,
            request_id,
            success,
        } = e;
        let place = format!("{}: x-error-envelope", self.vendor.name);
        let env = at(self.doc, "x-error-envelope", &place);
        let wire = |p: &Option<FieldPath>| opt(&p.as_ref().map(|p| p.wire.clone()));
        expect(env, "schema", json!(self.pointer(*ty)), &place);
        expect(env, "code", wire(code), &place);
        expect(env, "message", wire(message), &place);
        expect(env, "key", wire(key), &place);
        expect(env, "request_id", wire(request_id), &place);
        let success = success
            .as_ref()
            .map(|(f, l)| json!({ "field": f.wire, "equals": literal(l) }));
        expect(env, "success", opt(&success), &place);
    }

    fn structure(&self, s: &Struct) {
        let Struct {
            name,
            spec_name,
            doc,
            fields,
            rules,
            // How Rust holds and builds it.
            recursive: _,
            in_requests: _,
        } = s;
        let place = format!("{}: components.schemas titled {name}", self.vendor.name);
        let schema = self.component(name);
        expect(schema, "type", json!("object"), &place);
        expect(schema, "x-spec-name", opt(spec_name), &place);
        documented(schema, doc, &place);
        let properties = at(schema, "properties", &place);
        assert_eq!(
            properties.as_object().unwrap().len(),
            fields.len(),
            "{place}"
        );
        for f in fields {
            let at_field = format!("{place}.properties.{}", f.wire);
            self.field(at(properties, &f.wire, &at_field), f, &at_field);
        }
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.as_str())
            .collect();
        let found = schema.get("required").cloned().unwrap_or(json!([]));
        assert_eq!(found, json!(required), "{place}: required");
        self.rules(schema, rules, &place);
    }

    fn enumeration(&self, e: &Enum) {
        let Enum {
            name,
            spec_name,
            doc,
            kind,
            variants,
            bits,
        } = e;
        let place = format!("{}: components.schemas titled {name}", self.vendor.name);
        let schema = self.component(name);
        let ty = match kind {
            EnumKind::Integer => "integer",
            EnumKind::String => "string",
        };
        expect(schema, "type", json!(ty), &place);
        expect(schema, "x-spec-name", opt(spec_name), &place);
        documented(schema, doc, &place);
        let mut codes = Vec::new();
        let mut names = Vec::new();
        let mut labels = Vec::new();
        for Variant { name, code, label } in variants {
            codes.push(literal(code));
            names.push(json!(name));
            labels.push(json!(label));
        }
        let (values_key, bits_mark) = if *bits {
            ("x-flags", json!(true))
        } else {
            ("enum", Value::Null)
        };
        expect(schema, values_key, Value::Array(codes), &place);
        expect(schema, "x-bits", bits_mark, &place);
        expect(schema, "x-enum-varnames", Value::Array(names), &place);
        expect(schema, "x-enum-labels", Value::Array(labels), &place);
    }

    fn field(&self, schema: &Value, f: &Field, place: &str) {
        let Field {
            wire: _,
            // Rust's names and boxing are not the API.
            ident: _,
            boxed: _,
            ty,
            // Checked by the owner (`required` list, parameter flag).
            required: _,
            default,
            doc,
            checks,
            enum_error_key,
            sensitive,
            either_spelling,
        } = f;
        self.ty(schema, ty, place);
        documented(schema, doc, place);
        expect(
            schema,
            "default",
            opt(&default.as_ref().map(literal)),
            place,
        );
        for c in checks {
            check(schema, c, place);
        }
        if let Some(key) = enum_error_key {
            expect(&schema["x-error-keys"], "enum", json!(key), place);
        }
        let marked = schema.get("x-sensitive") == Some(&json!(true));
        assert_eq!(marked, *sensitive, "{place}: x-sensitive");
        let either = schema.get("x-either-spelling") == Some(&json!(true));
        assert_eq!(either, *either_spelling, "{place}: x-either-spelling");
    }

    fn ty(&self, schema: &Value, ty: &Ty, place: &str) {
        let simple = |name: &str| expect(schema, "type", json!(name), place);
        match ty {
            Ty::String => simple("string"),
            Ty::Integer => simple("integer"),
            Ty::Number => simple("number"),
            Ty::Boolean => simple("boolean"),
            Ty::Json => expect(schema, "type", Value::Null, place),
            Ty::File => {
                simple("string");
                expect(schema, "format", json!("binary"), place);
            }
            Ty::Struct(id) | Ty::Enum(id, _) => {
                expect(schema, "$ref", json!(self.pointer(*id)), place);
            }
            Ty::Array(item) => {
                simple("array");
                self.ty(at(schema, "items", place), item, &format!("{place}.items"));
            }
        }
    }

    fn rules(&self, owner: &Value, rules: &[Rule], place: &str) {
        if rules.is_empty() {
            expect(owner, "x-rules", Value::Null, place);
            return;
        }
        let found = at(owner, "x-rules", place);
        assert_eq!(found.as_array().map(Vec::len), Some(rules.len()), "{place}");
        for (i, r) in rules.iter().enumerate() {
            rule(&found[i], r, &format!("{place}: x-rules[{i}]"));
        }
    }

    fn operation(&self, op: &Operation) {
        let Operation {
            spec_name,
            // Rust names.
            name: _,
            type_name: _,
            title,
            doc,
            method,
            path,
            // The path, split: `path` says it.
            segments: _,
            idempotent,
            path_params,
            query,
            headers,
            body,
            response,
            min_api_level,
            method_override,
            paging,
            rules,
            examples,
            source,
        } = op;
        let place = format!("{}: {} {path}", self.vendor.name, method.as_str());
        let item = at(&self.doc["paths"], path, &place);
        let o = at(item, &method.as_str().to_ascii_lowercase(), &place);
        expect(o, "operationId", json!(spec_name), &place);
        expect(o, "summary", opt(title), &place);
        documented(o, doc, &place);
        let places = [("path", path_params), ("query", query), ("header", headers)];
        let count: usize = places.iter().map(|(_, l)| l.len()).sum();
        let params = o.get("parameters").and_then(Value::as_array);
        assert_eq!(params.map_or(0, Vec::len), count, "{place}: parameters");
        for (in_, list) in places {
            for f in list {
                let p = params
                    .into_iter()
                    .flatten()
                    .find(|p| p["name"] == json!(f.wire) && p["in"] == json!(in_))
                    .unwrap_or_else(|| panic!("{place}: no {in_} parameter {}", f.wire));
                let at_param = format!("{place}: {in_} parameter {}", f.wire);
                expect(p, "required", json!(f.required || in_ == "path"), &at_param);
                self.field(at(p, "schema", &at_param), f, &at_param);
            }
        }
        let media = body.as_ref().map(|b| self.body(o, b, &place));
        self.response(o, response, &place);
        expect(o, "x-min-api-level", opt(min_api_level), &place);
        expect(
            o,
            "x-idempotent",
            if *idempotent {
                json!(true)
            } else {
                Value::Null
            },
            &place,
        );
        expect(o, "x-method-override", opt(method_override), &place);
        expect(
            o,
            "x-paging",
            opt(&paging.as_ref().map(paging_json)),
            &place,
        );
        let source = source.as_ref().map(|s| {
            let Source { doc, section } = s;
            let mut out = json!({});
            if let Some(doc) = doc {
                out["doc"] = json!(doc);
            }
            if let Some(section) = section {
                out["section"] = json!(section);
            }
            out
        });
        expect(o, "x-source", opt(&source), &place);
        self.rules(o, rules, &place);
        for (i, ex) in examples.iter().enumerate() {
            let at_example = format!("{place}: example {i}");
            let list = example_list(o, ex, media, response, &at_example);
            assert!(
                list.iter().any(|found| same_example(found, ex)),
                "{at_example} ({:?}) not among {list:?}",
                ex.name
            );
        }
    }

    /// Checks the request body and returns its media type.
    fn body(&self, o: &Value, b: &Body, place: &str) -> &'static str {
        let Body {
            encoding,
            form_field,
            ty,
        } = b;
        let content = &o["requestBody"]["content"];
        let reference = json!({ "$ref": self.pointer(*ty) });
        match encoding {
            Encoding::Json => {
                expect(&content["application/json"], "schema", reference, place);
                "application/json"
            }
            Encoding::Multipart => {
                expect(&content["multipart/form-data"], "schema", reference, place);
                "multipart/form-data"
            }
            Encoding::FormJson => {
                let form = &content["application/x-www-form-urlencoded"];
                let field = form_field.as_deref().expect("form_json names its field");
                let property = &form["schema"]["properties"][field];
                expect(
                    property,
                    "contentMediaType",
                    json!("application/json"),
                    place,
                );
                expect(property, "contentSchema", reference, place);
                expect(
                    &form["encoding"][field],
                    "contentType",
                    json!("application/json"),
                    place,
                );
                "application/x-www-form-urlencoded"
            }
        }
    }

    fn response(&self, o: &Value, r: &Response, place: &str) {
        let Response { status, ty, doc } = r;
        let status = status.unwrap_or(200).to_string();
        let reply = at(at(o, "responses", place), &status, place);
        if let Some(d) = doc {
            expect(reply, "description", json!(d), place);
        }
        let schema = &reply["content"]["application/json"]["schema"];
        match ty {
            Some(t) => self.ty(schema, t, &format!("{place}: reply {status}")),
            None => assert!(
                schema.is_null(),
                "{place}: a reply that is not read has no schema"
            ),
        }
        let failure = &o["responses"]["default"];
        let envelope = self
            .vendor
            .error
            .as_ref()
            .map(|e| json!(self.pointer(e.ty)));
        expect(
            &failure["content"]["application/json"]["schema"],
            "$ref",
            opt(&envelope),
            place,
        );
    }
}

fn documented(value: &Value, d: &Doc, place: &str) {
    let Doc {
        text,
        note,
        doc_name,
    } = d;
    expect(value, "description", opt(text), place);
    expect(value, "x-note", opt(note), place);
    expect(value, "x-doc-name", opt(doc_name), place);
}

fn entry(found: &Value, c: &CatalogueEntry, place: &str) {
    let CatalogueEntry {
        key,
        status,
        message,
        retry,
    } = c;
    let mut expected = json!({ "key": key, "status": status, "message": message });
    if let Some(r) = retry {
        let name = match r {
            Retry::RateLimited => "rate_limited",
            Retry::Transient => "transient",
        };
        expected["retry"] = json!(name);
    }
    assert_eq!(found, &expected, "{place}");
}

fn check(schema: &Value, c: &Check, place: &str) {
    let Check { kind, error_key } = c;
    let number = |key: &str| {
        schema[key]
            .as_u64()
            .unwrap_or_else(|| panic!("{place}: `{key}` for {}", kind.key()))
    };
    match kind {
        // JSON Schema counts characters: `maxLength` (the stricter one when
        // `length` sets it too).
        CheckKind::MaxChars(n) => assert!(number("maxLength") <= *n, "{place}"),
        CheckKind::Length(n) => {
            assert!(
                number("maxLength") <= *n && number("minLength") >= *n,
                "{place}"
            );
        }
        CheckKind::MaxBytes(n) => expect(schema, "x-max-bytes", json!(n), place),
        CheckKind::MinChars(n) => assert!(number("minLength") >= *n, "{place}"),
        CheckKind::MinBytes(n) => expect(schema, "x-min-bytes", json!(n), place),
        CheckKind::MaxWidth(n) => expect(schema, "x-max-width", json!(n), place),
        CheckKind::Chars(r) => expect(schema, "x-chars", chars(r), place),
        CheckKind::Format(f) => {
            expect(schema, "x-format", json!(format_name(*f)), place);
            if *f == Format::Iso8601 {
                expect(schema, "format", json!("date-time"), place);
            }
        }
        CheckKind::Range { min, max } => {
            expect(schema, "minimum", opt(min), place);
            expect(schema, "maximum", opt(max), place);
        }
        CheckKind::OneOf(values) => {
            let values: Vec<Value> = values.iter().map(literal).collect();
            expect(schema, "enum", Value::Array(values), place);
        }
        CheckKind::MinItems(n) => assert!(number("minItems") >= *n, "{place}"),
        CheckKind::MaxItems(n) => assert!(number("maxItems") <= *n, "{place}"),
        CheckKind::MaxFileBytes(n) => expect(schema, "x-max-file-bytes", json!(n), place),
    }
    if let Some(key) = error_key {
        expect(&schema["x-error-keys"], kind.key(), json!(key), place);
    }
}

fn chars(r: &CharRule) -> Value {
    let CharRule {
        letters,
        digits,
        restricted,
        extra,
        forbid,
        forbid_at_ends,
        doc,
    } = r;
    let mut rule = json!({
        "letters": letters, "digits": digits, "restricted": restricted,
        "extra": extra, "forbid": forbid, "forbid_at_ends": forbid_at_ends,
    });
    if let Some(d) = doc {
        rule["doc"] = json!(d);
    }
    rule
}

fn rule(found: &Value, r: &Rule, place: &str) {
    let Rule {
        kind,
        when,
        also_when,
        error_key,
        doc,
    } = r;
    let wires = |paths: &[&FieldPath]| -> Value { paths.iter().map(|p| json!(p.wire)).collect() };
    match kind {
        RuleKind::Require(paths) => {
            expect(
                found,
                "require",
                wires(&paths.iter().collect::<Vec<_>>()),
                place,
            );
        }
        RuleKind::OnlyWhen(paths) => {
            expect(
                found,
                "only_when",
                wires(&paths.iter().collect::<Vec<_>>()),
                place,
            );
        }
        RuleKind::Before(a, b, f) => {
            expect(found, "before", wires(&[a, b]), place);
            expect(found, "format", json!(format_name(*f)), place);
        }
        RuleKind::NoOverlap(n) => {
            let periods =
                json!({ "array": n.array.wire, "start": n.start.wire, "end": n.end.wire });
            expect(found, "no_overlap", periods, place);
            expect(found, "format", json!(format_name(n.format)), place);
        }
        RuleKind::AtLeastOneOf(paths) => {
            let paths: Vec<&FieldPath> = paths.iter().collect();
            expect(found, "at_least_one_of", wires(&paths), place);
        }
        RuleKind::ExactlyOneOf(paths) => {
            let paths: Vec<&FieldPath> = paths.iter().collect();
            expect(found, "exactly_one_of", wires(&paths), place);
        }
        RuleKind::EffectiveOnlyWhen(paths) => {
            let paths: Vec<&FieldPath> = paths.iter().collect();
            expect(found, "effective_only_when", wires(&paths), place);
        }
        RuleKind::Limit { field, min, max } => {
            let mut limit = json!({ "field": field.wire });
            if let Some(min) = min {
                limit["min"] = json!(min);
            }
            if let Some(max) = max {
                limit["max"] = json!(max);
            }
            expect(found, "limit", limit, place);
        }
        RuleKind::ForbidValues(field, values) => {
            let values: Vec<Value> = values.iter().map(literal).collect();
            let forbid = json!({ "field": field.wire, "values": values });
            expect(found, "forbid_values", forbid, place);
        }
    }
    // One condition as written; a `when:` list as a list.
    let when = when.as_ref().map(|first| match also_when.as_slice() {
        [] => condition(first),
        more => std::iter::once(first).chain(more).map(condition).collect(),
    });
    expect(found, "when", opt(&when), place);
    expect(found, "error_key", opt(error_key), place);
    expect(found, "doc", opt(doc), place);
}

fn condition(c: &Condition) -> Value {
    let Condition { field, test } = c;
    let (key, value) = match test {
        Test::Equals(l) => ("equals", literal(l)),
        Test::NotEquals(l) => ("not_equals", literal(l)),
        Test::In(ls) => ("in", ls.iter().map(literal).collect()),
        Test::Present(p) => ("present", json!(p)),
    };
    json!({ "field": field.wire, key: value })
}

fn paging_json(p: &Paging) -> Value {
    let Paging {
        style,
        size,
        items,
        total,
        total_pages,
        remaining,
        has_more,
    } = p;
    let mut out = match style {
        PagingStyle::Offset { start } => json!({"style": "offset", "start": start.wire}),
        PagingStyle::Page { page, first } => {
            json!({"style": "page", "page": page.wire, "first_page": first})
        }
        PagingStyle::Token { request, reply } => {
            json!({"style": "token", "request": request.wire, "reply": reply.wire})
        }
    };
    out["items"] = json!(items.wire);
    let named = [
        ("size", size),
        ("total", total),
        ("total_pages", total_pages),
        ("remaining", remaining),
        ("has_more", has_more),
    ];
    for (key, field) in named {
        if let Some(f) = field {
            out[key] = json!(f.wire);
        }
    }
    out
}

/// The exported examples where an example of this kind belongs.
fn example_list(
    o: &Value,
    ex: &Example,
    media: Option<&str>,
    r: &Response,
    place: &str,
) -> Vec<Value> {
    let map = |v: &Value| -> Vec<Value> {
        v.as_object()
            .unwrap_or_else(|| panic!("{place}: no examples"))
            .values()
            .cloned()
            .collect()
    };
    let status = r.status.unwrap_or(200).to_string();
    match ex.kind {
        ExampleKind::Request => {
            let media = media.unwrap_or_else(|| panic!("{place}: a request example needs a body"));
            map(&o["requestBody"]["content"][media]["examples"])
        }
        ExampleKind::Response => {
            map(&o["responses"][status]["content"]["application/json"]["examples"])
        }
        ExampleKind::Error => {
            map(&o["responses"]["default"]["content"]["application/json"]["examples"])
        }
        ExampleKind::RequestLine => at(o, "x-request-lines", place).as_array().unwrap().clone(),
    }
}

fn same_example(found: &Value, ex: &Example) -> bool {
    let Example {
        name,
        kind: _,
        verbatim,
        json,
        note,
    } = ex;
    let value = serde_json::from_str(json).unwrap_or_else(|_| Value::String(json.clone()));
    let verbatim = (verbatim != json).then_some(verbatim.clone());
    found.get("value") == Some(&value)
        && found.get("summary").cloned().unwrap_or(Value::Null) == opt(name)
        && found.get("description").cloned().unwrap_or(Value::Null) == opt(note)
        && found.get("x-verbatim").cloned().unwrap_or(Value::Null) == opt(&verbatim)
}

#[test]
fn every_operation_type_field_constraint_rule_and_example_of_every_vendor_is_exported() {
    let documents = exported();
    for vendor in ["kedacom", "polyv", "tencent_meeting", "yxt"] {
        // The vendors of specs/ are among them (found by walking the folder).
        assert!(documents.iter().any(|(v, _)| v.name == vendor), "{vendor}");
    }
    for (vendor, doc) in &documents {
        Checker { vendor, doc }.vendor();
    }
}

#[test]
fn a_document_missing_one_field_fails_the_check() {
    let documents = exported();
    let (vendor, doc) = documents
        .iter()
        .find(|(v, _)| v.name == "polyv")
        .expect("polyv is a vendor of specs/");
    let mut broken = doc.clone();
    let schemas = broken["components"]["schemas"].as_object_mut().unwrap();
    let config = schemas
        .values_mut()
        .find(|s| s["title"] == "RoleConfig")
        .expect("RoleConfig");
    config["properties"]
        .as_object_mut()
        .unwrap()
        .remove("aiVirtualBgUrl");
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        Checker {
            vendor,
            doc: &broken,
        }
        .vendor()
    }));
    assert!(outcome.is_err(), "a dropped field must fail the check");
}

#[test]
fn the_same_specs_export_the_same_bytes() {
    let config = || {
        let mut c = Config::new();
        c.spec_dir(workspace_root().join("specs"));
        c
    };
    assert_eq!(config().openapi().unwrap(), config().openapi().unwrap());
    assert_eq!(config().html().unwrap(), config().html().unwrap());
}

#[test]
fn two_operations_on_one_path_and_method_are_an_error_not_a_dropped_operation() {
    let dir = std::env::temp_dir().join(format!("meeting-api-openapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("twice.yaml");
    std::fs::write(
        &spec,
        "vendor: {name: twice, title: Twice, auth: none}\n\
         operations:\n  \
           first: {method: GET, path: /rooms, response: {}}\n  \
           second: {method: GET, path: /rooms, response: {}}\n",
    )
    .unwrap();
    let mut config = Config::new();
    config.spec(&spec);
    config.load().expect("the spec itself is valid");
    let report = config
        .openapi()
        .expect_err("OpenAPI holds one operation there");
    let text = report.to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        text.contains("`first` and `second` are both GET /rooms"),
        "{text}"
    );
}

#[test]
fn two_operations_on_one_path_and_method_are_reported_at_the_second_with_the_first_beside_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi-shared-endpoint");
    std::fs::create_dir_all(&dir).expect("the target dir is writable");
    let spec =
        "vendor: {name: dup, title: Two on one path, base_url: https://dup.example, auth: none}\n\
                operations:\n  get_a:\n    method: GET\n    path: /items\n  \
                get_b:\n    method: GET\n    path: /items\n";
    std::fs::write(dir.join("dup.yaml"), spec).expect("written");
    let report = Config::new()
        .spec(dir.join("dup.yaml"))
        .openapi()
        .expect_err("OpenAPI holds one operation per path and method");
    let rendered = report.render();
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{rendered}");
    assert!(
        report.location(errors[0]).ends_with("dup.yaml:6:3"),
        "{rendered}"
    );
    assert!(
        rendered.contains("`get_a` and `get_b` are both GET /items"),
        "{rendered}"
    );
    assert!(rendered.contains("`get_a` is declared here"), "{rendered}");
}

//! The HTML reference shows every operation (under `#op-<name>`, linked from
//! the table of contents), every field with its enumeration labels, every
//! example; escapes every text (the hostile spec's markup stays text); and
//! loads nothing from elsewhere. Expectations come from the model.
//! (tests/browser/ loads the pages in headless Chromium.)

use meeting_api_codegen::model::{Enum, Field, TypeDecl, Vendor};
use meeting_api_codegen::Config;

mod exported;

/// Every vendor of the spec folders, with its page.
fn pages() -> Vec<(Vendor, String)> {
    exported::vendors_with(Config::html)
}

/// Text as HTML shows it: the five markup characters as references.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A name made only of ASCII letters, digits and `_` is its own anchor.
fn is_plain(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn fields_shown(page: &str, fields: &[Field], place: &str) {
    for f in fields {
        let cell = format!("<code>{}</code>", escaped(&f.wire));
        assert!(page.contains(&cell), "{place}: field {}", f.wire);
        if let Some(text) = &f.doc.text {
            assert!(page.contains(&escaped(text)), "{place}: doc of {}", f.wire);
        }
    }
}

fn labels_shown(page: &str, e: &Enum, place: &str) {
    for x in &e.variants {
        let row = format!(
            "<td><code>{}</code></td><td>{}</td><td>{}</td>",
            escaped(&x.code.to_string()),
            escaped(&x.name),
            escaped(&x.label)
        );
        assert!(page.contains(&row), "{place}: {} {}", e.name, x.label);
    }
}

#[test]
fn every_operation_has_its_anchor_in_the_contents_and_a_section() {
    for (v, page) in pages() {
        for op in &v.operations {
            let name = &op.spec_name;
            let marked = format!("data-operation=\"{}\"", escaped(name));
            assert!(page.contains(&marked), "{}: {name}", v.name);
            if is_plain(name) {
                assert!(
                    page.contains(&format!("id=\"op-{name}\"")),
                    "{}: {name}",
                    v.name
                );
                assert!(
                    page.contains(&format!("href=\"#op-{name}\"")),
                    "{}: {name}",
                    v.name
                );
            }
            let endpoint = format!(
                "<span class=\"method\">{}</span> <code>{}</code>",
                op.method.as_str(),
                escaped(&op.path)
            );
            assert!(page.contains(&endpoint), "{}: {name}", v.name);
            for ex in &op.examples {
                assert!(
                    page.contains(&escaped(&ex.verbatim)),
                    "{}: {name} example",
                    v.name
                );
            }
        }
    }
}

#[test]
fn every_field_and_enumeration_label_is_shown() {
    for (v, page) in pages() {
        for t in &v.types {
            match t {
                TypeDecl::Struct(s) => fields_shown(&page, &s.fields, &v.name),
                TypeDecl::Enum(e) => labels_shown(&page, e, &v.name),
            }
        }
        for op in &v.operations {
            for fields in [&op.path_params, &op.query, &op.headers] {
                fields_shown(&page, fields, &v.name);
            }
        }
    }
}

#[test]
fn spec_text_stays_text_and_the_page_loads_nothing_from_elsewhere() {
    for (v, page) in pages() {
        // The hostile spec's doc holds `<script>` and `<b>`: escaped, never markup.
        for tag in ["<script", "<b>html", "<i>html", "<!--"] {
            assert!(!page.contains(tag), "{}: {tag}", v.name);
        }
        for external in ["src=", "<link", "@import", "url(", "href=\"http"] {
            assert!(!page.contains(external), "{}: {external}", v.name);
        }
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains(&escaped(&v.title)), "{}: title", v.name);
    }
}

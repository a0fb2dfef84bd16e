//! One type per distinct inline enumeration: vendor documents repeat the same
//! list ("0-关闭; 1-开启;") on dozens of fields, and each field's inline `enum`
//! used to become a type of its own, with its own code.
//!
//! The rule, in vendor type order: an enumeration declared inline (its name
//! derived from its owner and field, no `type_name:`) whose wire type, flags,
//! variant names, codes and labels equal those of an earlier enumeration of
//! the vendor is written as `pub type Name = Earlier;`. The earlier one keeps
//! its declaration, so every name users could write before still compiles and
//! means the same values; `type_name:` opts a field out (a given name is never
//! made an alias).

use std::collections::HashMap;

use crate::model::{Enum, TypeDecl, Vendor};

/// For each of the vendor's types, in order, the name of the earlier
/// enumeration it repeats (`None`: it is written out).
pub fn repeats(vendor: &Vendor) -> Vec<Option<&str>> {
    let mut first: HashMap<String, &str> = HashMap::new();
    vendor
        .types
        .iter()
        .map(|t| {
            let TypeDecl::Enum(e) = t else { return None };
            let earlier = *first.entry(key(e)).or_insert(e.name.as_str());
            (e.spec_name.is_none() && earlier != e.name).then_some(earlier)
        })
        .collect()
}

/// What makes two enumerations the same type: wire type, flags, and every
/// variant's name, code and label in order.
fn key(e: &Enum) -> String {
    let mut key = format!("{:?}/{}", e.kind, e.bits);
    for v in &e.variants {
        key.push_str(&format!("\u{0}{}\u{1}{}\u{1}{}", v.name, v.code, v.label));
    }
    key
}

#[cfg(test)]
mod tests {
    use crate::Config;

    /// Three inline enums with the same values and one that differs only in a
    /// label, plus a `type_name:` one with the same values.
    const SPEC: &str = r#"
vendor: {name: repeats, title: Repeats, base_url: "https://x.example", auth: none}
types:
  Room:
    doc: A room.
    fields:
      audio: {type: integer, doc: "0-关闭; 1-开启", enum: {values: {0: {name: Off, label: 关闭}, 1: {name: On, label: 开启}}}}
      video: {type: integer, doc: "0-关闭; 1-开启", enum: {values: {0: {name: Off, label: 关闭}, 1: {name: On, label: 开启}}}}
      chat: {type: integer, enum: {values: {0: {name: Off, label: 关}, 1: {name: On, label: 开启}}}}
      share: {type: integer, type_name: ShareSwitch, enum: {values: {0: {name: Off, label: 关闭}, 1: {name: On, label: 开启}}}}
"#;

    #[test]
    fn repeated_inline_enums_become_aliases_of_the_first_and_given_names_stay_types() {
        let dir = std::env::temp_dir().join(format!("interning-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("repeats.yaml"), SPEC).unwrap();
        let out = Config::new().spec(dir.join("repeats.yaml")).render();
        std::fs::remove_dir_all(&dir).unwrap();
        let out = out.unwrap_or_else(|report| panic!("{report}"));
        let code = &out.files.iter().find(|(n, _)| n == "repeats.rs").unwrap().1;
        assert!(code.contains("pub enum RoomAudio {"));
        assert!(code.contains("pub type RoomVideo = RoomAudio;"));
        assert!(
            code.contains("pub enum RoomChat {"),
            "a different label is a different type"
        );
        assert!(
            code.contains("pub enum ShareSwitch {"),
            "a given name is never an alias"
        );
        assert_eq!(code.matches("pub type ").count(), 1);
    }
}

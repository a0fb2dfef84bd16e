//! What a run generated, per vendor, for people to read.

use std::fmt;
use std::path::PathBuf;

use crate::model::{Api, RuleKind, TypeDecl};

/// Counts per vendor and the files written.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Each generated vendor, by vendor name.
    pub vendors: Vec<VendorSummary>,
    /// The paths of the files written (vendor modules, then `catalogue.md`).
    pub files: Vec<PathBuf>,
}

/// What was generated for one vendor.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorSummary {
    /// The vendor's name (its module and cargo feature).
    pub name: String,
    /// Operations: one client method and one request type each.
    pub operations: usize,
    /// Structs: the spec's object types plus one request type per operation.
    pub structs: usize,
    /// Enumerations.
    pub enums: usize,
    /// Field constraints plus cross-field rules plus enum membership checks.
    pub validation_rules: usize,
    /// Lines of the generated module (of all its crates when split).
    pub lines: usize,
    /// The generated module's file name (`tencent_meeting.rs`), or `tencent_meeting/`
    /// for a vendor split across crates (its lines are all its crates').
    pub file: String,
}

impl Summary {
    pub(crate) fn new(api: &Api, rendered: &[(String, String)], files: Vec<PathBuf>) -> Summary {
        let vendors = api
            .vendors
            .iter()
            .map(|v| {
                let module = format!("{}.rs", v.name);
                // A split vendor: the lines of its crates' sources.
                let split = |n: &str| {
                    n.ends_with(".rs")
                        && n.split_once('/')
                            .is_some_and(|(dir, _)| crate::crates::belongs_to(v, dir))
                };
                let lines = rendered
                    .iter()
                    .filter(|(n, _)| *n == module || split(n))
                    .map(|(_, t)| line_count(t))
                    .sum();
                let file = match rendered.iter().any(|(n, _)| split(n)) {
                    true => format!("{}/", v.name),
                    false => module,
                };
                let mut rules = 0;
                let mut structs = 0;
                let mut enums = 0;
                let count_fields = |fields: &[crate::model::Field]| {
                    fields
                        .iter()
                        .map(|f| f.checks.len() + usize::from(f.ty.is_enum_valued()))
                        .sum::<usize>()
                };
                for t in v.own_types() {
                    match t {
                        TypeDecl::Struct(s) => {
                            structs += 1;
                            rules += count_fields(&s.fields)
                                + s.rules.iter().map(rule_count).sum::<usize>();
                        }
                        TypeDecl::Enum(_) => enums += 1,
                    }
                }
                for op in &v.operations {
                    let params: Vec<_> = op
                        .path_params
                        .iter()
                        .chain(&op.query)
                        .chain(&op.headers)
                        .cloned()
                        .collect();
                    rules += count_fields(&params) + op.rules.iter().map(rule_count).sum::<usize>();
                }
                VendorSummary {
                    name: v.name.clone(),
                    operations: v.operations.len(),
                    structs: structs + v.operations.len(),
                    enums,
                    validation_rules: rules,
                    lines,
                    file,
                }
            })
            .collect();
        Summary { vendors, files }
    }
}

/// `text.lines().count()`, counting bytes: the text can be hundreds of megabytes.
fn line_count(text: &str) -> usize {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

fn rule_count(r: &crate::model::Rule) -> usize {
    match &r.kind {
        RuleKind::Require(p) | RuleKind::OnlyWhen(p) => p.len(),
        RuleKind::Before(..)
        | RuleKind::NoOverlap(_)
        | RuleKind::AtLeastOneOf(_)
        | RuleKind::ExactlyOneOf(_)
        | RuleKind::Limit { .. }
        | RuleKind::ForbidValues(..) => 1,
        // Documentation only: nothing is checked.
        RuleKind::EffectiveOnlyWhen(_) => 0,
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<18} {:>10} {:>8} {:>6} {:>16} {:>7}  file",
            "vendor", "operations", "structs", "enums", "validation rules", "lines"
        )?;
        for v in &self.vendors {
            writeln!(
                f,
                "{:<18} {:>10} {:>8} {:>6} {:>16} {:>7}  {}",
                v.name, v.operations, v.structs, v.enums, v.validation_rules, v.lines, v.file
            )?;
        }
        writeln!(f, "files written:")?;
        for p in &self.files {
            writeln!(f, "  {}", p.display())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::line_count;

    #[test]
    fn lines_are_counted_as_str_lines_counts_them() {
        for text in ["", "a", "a\n", "a\nb", "a\n\nb\n", "\n", "名称\r\n值"] {
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        }
    }
}

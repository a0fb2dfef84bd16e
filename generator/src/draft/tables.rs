//! Finishing a table either reader parsed: what each row's phrases say, the
//! required flags the table's marks imply, and members written as dotted
//! names (`sessions[].pid`, `ad.adLink`) nested under their parent.

use super::document::{Row, Table, TableRole};
use super::lexicon::{classify_type, trim, TypeClass};
use super::phrases;

/// A table from its role, caption and parsed rows, every row's phrases read.
pub(crate) fn table(
    role: TableRole,
    caption: &str,
    line: usize,
    rows: Vec<Row>,
    required_column: bool,
) -> Table {
    let mut rows = nest_dotted(rows);
    rows.iter_mut().for_each(read_facts);
    Table {
        role,
        caption: trim(caption).to_string(),
        variant: None,
        line,
        has_required_column: required_column,
        rows,
    }
}

/// Reads the phrases of a row and of its children.
fn read_facts(row: &mut Row) {
    let scalar = match row.type_text.as_deref().and_then(classify_type) {
        Some(TypeClass::Scalar(s)) => Some(s),
        _ => None,
    };
    row.facts = phrases::facts(&row.description, row.check_text.as_deref(), scalar);
    row.children.iter_mut().for_each(read_facts);
}

/// Where a table marks required rows with `*`, an unmarked row is documented
/// as optional; where it marks none, the table says nothing.
pub(crate) fn starred_required(rows: &mut [Row], any_star: bool) {
    for row in rows {
        if row.required.is_none() && any_star {
            row.required = Some(false);
        }
        starred_required(&mut row.children, any_star);
    }
}

/// Rows named `parent.member` or `parent[].member` moved under a parent row
/// (made when the table does not describe the parent itself). A made array
/// parent is named `parent[]`, so the writer knows it is one.
fn nest_dotted(rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for row in rows {
        let split = split_member(&row.name).map(|(p, m)| (p.to_string(), m.to_string()));
        match split {
            Some((parent, member)) => {
                let parent = parent.as_str();
                let mut member_row = row;
                member_row.name = member;
                let at = out.iter().position(|r| same_parent(&r.name, parent));
                let index = at.unwrap_or_else(|| {
                    out.push(Row {
                        name: parent.to_string(),
                        line: member_row.line,
                        ..Row::default()
                    });
                    out.len() - 1
                });
                out[index].children.push(member_row);
            }
            None => out.push(row),
        }
    }
    for row in &mut out {
        let children = std::mem::take(&mut row.children);
        row.children = nest_dotted(children);
    }
    out
}

/// `sessions[].pid` → (`sessions[]`, `pid`); `ad.adLink` → (`ad`, `adLink`).
fn split_member(name: &str) -> Option<(&str, &str)> {
    let (parent, member) = name.split_once('.')?;
    (!parent.is_empty() && !member.is_empty()).then_some((parent, member))
}

/// Whether a row named `existing` is the parent `parent` (`sessions[]` is
/// the parent of `sessions[].pid`, and so is a described `sessions` row).
fn same_parent(existing: &str, parent: &str) -> bool {
    existing == parent || existing == parent.trim_end_matches("[]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str) -> Row {
        Row {
            name: name.to_string(),
            ..Row::default()
        }
    }

    #[test]
    fn dotted_members_nest_under_a_made_parent() {
        let t = table(
            TableRole::Body,
            "含场次的",
            1,
            vec![
                row("roomName"),
                row("sessions[].pid"),
                row("sessions[].hostName"),
                row("ad.adLink"),
            ],
            true,
        );
        let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["roomName", "sessions[]", "ad"]);
        assert_eq!(t.rows[1].children.len(), 2);
        assert_eq!(t.rows[2].children[0].name, "adLink");
    }

    #[test]
    fn a_star_somewhere_makes_unmarked_rows_optional() {
        let mut rows = vec![row("a"), row("b")];
        rows[0].required = Some(true);
        starred_required(&mut rows, true);
        assert_eq!(rows[1].required, Some(false));
        let mut rows = vec![row("a")];
        starred_required(&mut rows, false);
        assert_eq!(rows[0].required, None);
    }
}

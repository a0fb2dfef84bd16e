//! The tables of the cell style (Tencent Meeting, YXT, Polyv): one cell per
//! line, either ending with ` |` (`userid |`, `是 |`, `String |`, `用户 ID。 |`),
//! or bare with the header cells above (`参数名称`, `必选`, …), or separated by
//! blank lines; and markdown tables (`| roomName | 是 | String | … |`).
//!
//! A row is found by its shape, not by counting cells: a name, then a
//! required cell if there is one, then a type. That is what makes tables whose
//! `必选` column is printed but empty readable.

use super::document::Row;
use super::lexicon::{classify_type_cell, column, is_name, required_cell, trim, Column, Line};

/// The tables found in a section's lines.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Each table: the variant label above it (markdown), its first line, its
    /// rows, and whether it has a required column.
    pub tables: Vec<FoundTable>,
    /// Lines that belong to no table (prose before or after), verbatim.
    pub prose: Vec<(usize, String)>,
}

/// One table found.
#[derive(Debug, Default)]
pub(crate) struct FoundTable {
    /// A label line just above a markdown table (`不含场次的:`).
    pub variant: Option<String>,
    /// First line.
    pub line: usize,
    /// Rows in document order.
    pub rows: Vec<Row>,
    /// Whether the table has a required column.
    pub required_column: bool,
}

/// The tables of a section.
pub(crate) fn read(lines: &[Line]) -> Found {
    if lines.iter().any(|(_, l)| trim(l).starts_with('|')) {
        markdown(lines)
    } else {
        cells(lines)
    }
}

// ---------------------------------------------------------------- cells

/// A cell: its line and text (` |` stripped); `None` for a blank line.
type Cell = Option<(usize, String)>;

/// The cells of a section (one per line, ` |` stripped) and whether each
/// row's description is one cell. A line of tab-separated cells (a table
/// copied from a web page) gives one cell per tab, as ` |` lines would.
fn to_cells(lines: &[Line]) -> (Vec<Cell>, bool) {
    let tabbed = |l: &str| trim(l).split('\t').filter(|c| !trim(c).is_empty()).count() >= 2;
    let piped = lines
        .iter()
        .any(|(_, l)| trim(l).ends_with('|') || tabbed(l));
    let mut cells = Vec::new();
    for &(n, l) in lines {
        let parts: Vec<&str> = if tabbed(l) {
            l.split('\t').collect()
        } else {
            vec![l]
        };
        let before = cells.len();
        for part in parts {
            let text = trim(trim(part).trim_end_matches('|'));
            if !text.is_empty() {
                cells.push(Some((n, text.to_string())));
            }
        }
        if cells.len() == before {
            cells.push(None);
        }
    }
    (cells, piped)
}

/// Cell-per-line tables: optional header cells, then rows by shape.
fn cells(lines: &[Line]) -> Found {
    let (cells, piped) = to_cells(lines);
    let mut found = Found::default();
    let mut table = FoundTable::default();
    let mut i = 0;
    while i < cells.len() {
        let Some((line, text)) = &cells[i] else {
            i += 1;
            continue;
        };
        if let Some(next) = header(&cells, i, &mut table) {
            table.line = *line;
            i = next;
        } else if let Some((row, next)) = row_at(&cells, i, piped) {
            table.line = if table.rows.is_empty() && table.line == 0 {
                *line
            } else {
                table.line
            };
            table.required_column |= row.required.is_some();
            table.rows.push(row);
            i = next;
        } else {
            found.prose.push((*line, text.clone()));
            i += 1;
        }
    }
    if !table.rows.is_empty() {
        found.tables.push(table);
    }
    found
}

/// A run of header cells at `i` (at least a name and one other column): the
/// index after it. Records whether a required column is printed.
fn header(cells: &[Cell], i: usize, table: &mut FoundTable) -> Option<usize> {
    let mut columns = Vec::new();
    let mut j = i;
    while let Some(col) = cells
        .get(j)
        .map(|c| c.as_ref().and_then(|(_, t)| column(t)))
    {
        match (col, &cells[j]) {
            (Some(c), _) => columns.push(c),
            (None, None) => {}
            (None, Some(_)) => break,
        }
        j += 1;
    }
    if columns.len() < 2 || !columns.contains(&Column::Name) {
        return None;
    }
    table.required_column |= columns.contains(&Column::Required);
    Some(j)
}

/// The next non-blank cell at or after `i`: its index.
fn next_cell(cells: &[Cell], i: usize) -> Option<usize> {
    (i..cells.len()).find(|&j| cells[j].is_some())
}

/// The text of cell `i`, empty for a blank or a missing cell.
fn text(cells: &[Cell], i: usize) -> &str {
    cells
        .get(i)
        .and_then(|c| c.as_ref())
        .map_or("", |(_, t)| t.as_str())
}

/// Where a row starts at `i`: `name`, an optional required cell, a type.
/// Returns the row (without description) and the index after its type.
fn row_head(cells: &[Cell], i: usize) -> Option<(Row, usize)> {
    let (line, name) = cells.get(i)?.as_ref()?;
    if !is_name(name) {
        return None;
    }
    let j = next_cell(cells, i + 1)?;
    let mut row = Row {
        name: name.clone(),
        line: *line,
        ..Row::default()
    };
    let type_at = match required_cell(text(cells, j)) {
        Some((flag, more)) => {
            let k = next_cell(cells, j + 1)?;
            classify_type_cell(text(cells, k))?;
            row.required = Some(flag);
            row.required_text = more.then(|| text(cells, j).to_string());
            k
        }
        None => {
            classify_type_cell(text(cells, j))?;
            j
        }
    };
    row.type_text = Some(text(cells, type_at).to_string());
    Some((row, type_at + 1))
}

/// A whole row at `i`: its head, then its description — one cell where
/// cells end with ` |`, else every cell up to a blank line or the next row.
fn row_at(cells: &[Cell], i: usize, piped: bool) -> Option<(Row, usize)> {
    let (mut row, mut j) = row_head(cells, i)?;
    let mut description: Vec<&str> = Vec::new();
    if piped {
        if let Some(k) = next_cell(cells, j).filter(|&k| row_head(cells, k).is_none()) {
            description.push(text(cells, k));
            j = k + 1;
        }
    } else {
        j = next_cell(cells, j).unwrap_or(cells.len());
        while j < cells.len() && cells[j].is_some() && row_head(cells, j).is_none() {
            description.push(text(cells, j));
            j += 1;
            if cells.get(j).is_some_and(Option::is_none) {
                break;
            }
        }
    }
    row.description = description.join("\n");
    Some((row, j))
}

// ---------------------------------------------------------------- markdown

/// Markdown tables, each possibly under a label line.
fn markdown(lines: &[Line]) -> Found {
    let mut found = Found::default();
    let mut label: Option<(usize, String)> = None;
    let mut i = 0;
    while i < lines.len() {
        let (n, l) = lines[i];
        let t = trim(l);
        if t.starts_with('|') {
            let end = (i..lines.len())
                .find(|&j| !trim(lines[j].1).starts_with('|'))
                .unwrap_or(lines.len());
            let mut table = markdown_table(&lines[i..end]);
            table.variant = label.take().map(|(_, v)| v);
            found.tables.push(table);
            i = end;
            continue;
        }
        if !t.is_empty() {
            if let Some(previous) = label.replace((n, t.trim_end_matches([':', '：']).to_string()))
            {
                found.prose.push(previous);
            }
        }
        i += 1;
    }
    found.prose.extend(label);
    found
}

/// The cells of a markdown row, trimmed, without the outer pipes.
fn split_row(line: &str) -> Vec<String> {
    let t = trim(line);
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| trim(c).to_string()).collect()
}

/// One markdown table: the header names the columns, the `---` row is skipped.
fn markdown_table(lines: &[Line]) -> FoundTable {
    let columns: Vec<Option<Column>> = split_row(lines[0].1).iter().map(|c| column(c)).collect();
    let mut table = FoundTable {
        line: lines[0].0,
        required_column: columns.contains(&Some(Column::Required)),
        ..FoundTable::default()
    };
    for &(n, l) in &lines[1..] {
        let cells = split_row(l);
        let is_rule = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
        if !is_rule {
            table.rows.extend(markdown_row(&columns, &cells, n));
        }
    }
    table
}

/// A markdown row as a row, its cells taken by the header's columns; `None` without a name.
fn markdown_row(columns: &[Option<Column>], cells: &[String], line: usize) -> Option<Row> {
    let cell = |c: Column| {
        columns
            .iter()
            .position(|x| *x == Some(c))
            .and_then(|i| cells.get(i))
            .filter(|t| !t.is_empty())
            .cloned()
    };
    let name = cell(Column::Name).filter(|n| is_name(n))?;
    let required = cell(Column::Required).and_then(|r| required_cell(&r).map(|f| (f, r)));
    Some(Row {
        name,
        type_text: cell(Column::Type),
        required: required.as_ref().map(|((flag, _), _)| *flag),
        required_text: required.and_then(|((_, more), r)| more.then_some(r)),
        check_text: cell(Column::Check),
        description: cell(Column::Description).unwrap_or_default(),
        line,
        ..Row::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::numbered;
    use super::*;

    fn names(t: &FoundTable) -> Vec<(&str, Option<bool>, Option<&str>, &str)> {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.required,
                    r.type_text.as_deref(),
                    r.description.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn piped_cells_are_read_by_shape_with_or_without_required_cells() {
        let text = "HTTP 请求头公共参数参考签名验证章节里的 公共参数说明。\nuserid |\n是 |\nString |\n用户 ID。 |\n\
live_config |\n是 |\nLiveConfig 对象 |\n直播配置。 |\nerror_code |\nInteger |\n错误码。 |";
        let found = read(&numbered(text));
        assert_eq!(found.prose[0].0, 1);
        assert_eq!(
            names(&found.tables[0]),
            [
                ("userid", Some(true), Some("String"), "用户 ID。"),
                (
                    "live_config",
                    Some(true),
                    Some("LiveConfig 对象"),
                    "直播配置。"
                ),
                ("error_code", None, Some("Integer"), "错误码。"),
            ]
        );
    }

    #[test]
    fn bare_cells_run_descriptions_over_lines_up_to_the_next_row() {
        let text = "参数名称\n必选\n参数类型\n参数描述\nmeetingId\nString\n有效的会议 ID。\ninstanceid\nInteger\n\
用户的终端设备类型:\n0:PSTN\n1:PC\n\n";
        let found = read(&numbered(text));
        let t = &found.tables[0];
        assert!(t.required_column);
        assert_eq!(t.line, 1);
        assert_eq!(
            names(t)[0],
            ("meetingId", None, Some("String"), "有效的会议 ID。")
        );
        assert_eq!(names(t)[1].3, "用户的终端设备类型:\n0:PSTN\n1:PC");
    }

    #[test]
    fn cells_separated_by_blank_lines_are_rows_too() {
        let text = "参数名\n必选\n类型\n说明\n\nappId\n\ntrue\n\nString\n\n账号appId\n\nrole\n\ntrue\n\nString\n\n\
角色类型 Teacher:讲师、Guest:嘉宾\n\n示例";
        let found = read(&numbered(text));
        assert_eq!(
            names(&found.tables[0]),
            [
                ("appId", Some(true), Some("String"), "账号appId"),
                (
                    "role",
                    Some(true),
                    Some("String"),
                    "角色类型 Teacher:讲师、Guest:嘉宾"
                ),
            ]
        );
        assert_eq!(found.prose, [(22, "示例".to_string())]);
    }

    #[test]
    fn tab_separated_rows_copied_from_a_page_are_rows_too() {
        let text = "参数名称\t必选\t参数类型\t参数描述\nuserid\t是\tString\t用户 ID。\nmeetingId\t\tString\t会议 ID。";
        let found = read(&numbered(text));
        assert_eq!(
            names(&found.tables[0]),
            [
                ("userid", Some(true), Some("String"), "用户 ID。"),
                ("meetingId", None, Some("String"), "会议 ID。"),
            ]
        );
        assert!(found.tables[0].required_column);
    }

    #[test]
    fn markdown_tables_take_their_columns_and_labels() {
        let text = "不含场次的:\n| 参数名 | 是否必须 | 类型 | 输入校验 | 说明 |\n|---|---|---|---|---|\n\
| roomName | 是 | String | 最大长度100 | 直播间房间名称 |\n| sessions[].pid | 否, 若session不为空,则此字段必须 | String | 36 | pid |\n含场次的:\n| 名称 | 类型 |\n|---|---|\n| x | int |";
        let found = read(&numbered(text));
        assert_eq!(found.tables.len(), 2);
        let t = &found.tables[0];
        assert_eq!(t.variant.as_deref(), Some("不含场次的"));
        assert_eq!(t.rows[0].check_text.as_deref(), Some("最大长度100"));
        assert_eq!(t.rows[1].required, Some(false));
        assert!(t.rows[1]
            .required_text
            .as_deref()
            .unwrap()
            .contains("若session"));
        assert_eq!(found.tables[1].variant.as_deref(), Some("含场次的"));
        assert!(!found.tables[1].required_column);
    }
}

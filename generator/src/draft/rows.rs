//! The reader of the row style (Kedacom): each endpoint opens with
//! `名称`/`URI`/`方法`/`说明`/`最低支持版本` lines, its tables have a
//! `参数名称 数据类型 说明` header and one row per line (`name* type text`),
//! nested rows are indented, and descriptions continue on the lines below
//! (`0-关闭;`).

use super::document::Row;
use super::document::{Document, Endpoint, Style, Table, TableRole};
use super::examples::examples;
use super::lexicon::{
    classify_type, column, example_caption, heading, indent, is_name, method, numbered, table_role,
    trim, Column, Line,
};
use super::tables::{starred_required, table};
use super::urls::set_url;

/// Whether `text` is in the row style: an endpoint header (`名称` then `URI`).
pub(crate) fn detect(text: &str) -> bool {
    let lines: Vec<Line> = numbered(text);
    !endpoint_starts(&lines).is_empty()
}

/// Reads a row-style document.
pub(crate) fn read(text: &str) -> Document {
    let lines = numbered(text);
    let starts = endpoint_starts(&lines);
    let mut doc = Document {
        style: Some(Style::Rows),
        ..Document::default()
    };
    let preamble = &lines[..starts.first().copied().unwrap_or(lines.len())];
    read_preamble(&mut doc, preamble);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        doc.endpoints.push(read_endpoint(&lines[start..end]));
    }
    doc
}

/// The value of a `key value` header line (`URI /api/v1/…`).
fn key_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = trim(line).strip_prefix(key)?;
    rest.starts_with(|c: char| c.is_whitespace() || c == ':' || c == '：')
        .then(|| trim(rest.trim_start_matches([':', '：'])))
}

/// Indexes of `名称` lines followed within a few lines by a `URI` line.
fn endpoint_starts(lines: &[Line]) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| key_value(lines[i].1, "名称").is_some_and(|v| !v.is_empty()))
        .filter(|&i| {
            lines[i + 1..lines.len().min(i + 6)]
                .iter()
                .any(|(_, l)| key_value(l, "URI").is_some())
        })
        .collect()
}

/// `API_Level:3` and a version line (`V6.1.0.4.0.20211123`) before the first
/// endpoint.
fn read_preamble(doc: &mut Document, lines: &[Line]) {
    for (_, line) in lines {
        let line = trim(line);
        if doc.title.is_none() && !line.is_empty() {
            doc.title = Some(line.to_string());
        } else if let Some(level) = line
            .strip_prefix("API_Level")
            .map(|r| r.trim_start_matches([':', '：', ' ']))
        {
            doc.api_level = level.parse().ok();
        } else if line.starts_with(['V', 'v'])
            && line[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            doc.version = Some(line.to_string());
        }
    }
}

/// One endpoint: its header lines, then its sections.
fn read_endpoint(lines: &[Line]) -> Endpoint {
    let mut ep = Endpoint {
        title: key_value(lines[0].1, "名称")
            .unwrap_or_default()
            .to_string(),
        line: lines[0].0,
        ..Endpoint::default()
    };
    let mut body_start = lines.len();
    for (i, (_, line)) in lines.iter().enumerate().skip(1) {
        if section_kind(line).is_some() {
            body_start = i;
            break;
        }
        read_header_line(&mut ep, line);
    }
    for section in sections(&lines[body_start..]) {
        read_section(&mut ep, section);
    }
    ep
}

/// One `key value` line of an endpoint header.
fn read_header_line(ep: &mut Endpoint, line: &str) {
    if let Some(uri) = key_value(line, "URI") {
        set_url(ep, uri);
    } else if let Some(m) = key_value(line, "方法") {
        ep.method = method(m).map(str::to_string);
    } else if let Some(text) = key_value(line, "说明") {
        ep.description = Some(text.to_string());
    } else if let Some(level) = key_value(line, "最低支持版本") {
        ep.min_api_level = level.parse().ok();
    }
}

/// What a section heading opens.
#[derive(Debug, Clone, PartialEq)]
enum Section {
    Table(TableRole),
    Example(super::document::ExampleKind),
}

/// What a heading line opens (a single word: `参数说明`, `成功回复示例`).
fn section_kind(line: &str) -> Option<Section> {
    let h = heading(line);
    if h.is_empty() || h.contains(char::is_whitespace) {
        return None;
    }
    example_caption(h)
        .map(Section::Example)
        .or_else(|| table_role(h).map(Section::Table))
}

/// The sections of an endpoint body: each heading with the lines up to the
/// next heading.
fn sections<'a, 'b>(lines: &'b [Line<'a>]) -> Vec<&'b [Line<'a>]> {
    let mut starts: Vec<usize> = (0..lines.len())
        .filter(|&i| section_kind(lines[i].1).is_some())
        .collect();
    starts.push(lines.len());
    starts.windows(2).map(|w| &lines[w[0]..w[1]]).collect()
}

/// Reads one section of an endpoint into its tables or examples.
fn read_section(ep: &mut Endpoint, section: &[Line]) {
    let Some(((line, caption), body)) = section.split_first() else {
        return;
    };
    match section_kind(caption) {
        Some(Section::Example(kind)) => {
            ep.examples
                .extend(examples(heading(caption), Some(kind), body));
        }
        Some(Section::Table(role)) => {
            if let Some(t) = read_table(role, caption, *line, body) {
                ep.tables.push(t);
            }
        }
        None => {}
    }
}

/// A table: the rows after its `参数名称 数据类型 说明` header line.
fn read_table(role: TableRole, caption: &str, line: usize, body: &[Line]) -> Option<Table> {
    let header = body.iter().position(|(_, l)| is_header(l))?;
    let (mut rows, any_star) = parse_rows(&body[header + 1..]);
    starred_required(&mut rows, any_star);
    Some(table(role, heading(caption), line, rows, any_star))
}

/// A header line: every word names a column, one of them the name column.
fn is_header(line: &str) -> bool {
    let words: Vec<Option<Column>> = trim(line).split_whitespace().map(column).collect();
    words.len() >= 2 && words.iter().all(Option::is_some) && words.contains(&Some(Column::Name))
}

/// The rows of a table, nested by indentation: a row is `name[*] [type] text`;
/// any other line continues the description of the row above it.
fn parse_rows(lines: &[Line]) -> (Vec<Row>, bool) {
    let mut stack: Vec<(usize, Row)> = Vec::new();
    let mut roots = Vec::new();
    let mut any_star = false;
    let mut blanks = 0;
    for &(number, line) in lines {
        let (depth, rest) = indent(line);
        if let Some(mut row) = parse_row(rest) {
            any_star |= row.required == Some(true);
            row.line = number;
            close_rows(&mut stack, &mut roots, depth);
            stack.push((depth, row));
            blanks = 0;
        } else if rest.is_empty() {
            blanks += 1;
        } else if let Some((_, row)) = stack.last_mut() {
            // Blank lines inside a description are kept, trailing ones not.
            for _ in 0..blanks {
                row.description.push('\n');
            }
            blanks = 0;
            row.description.push('\n');
            row.description.push_str(line.trim_end());
        }
    }
    close_rows(&mut stack, &mut roots, 0);
    (roots, any_star)
}

/// Pops the rows at `depth` or deeper, each into its parent (or the roots).
fn close_rows(stack: &mut Vec<(usize, Row)>, roots: &mut Vec<Row>, depth: usize) {
    while stack.last().is_some_and(|(d, _)| *d >= depth) {
        let Some((_, row)) = stack.pop() else { break };
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(row),
            None => roots.push(row),
        }
    }
}

/// `name[*] type text` or `name text` (no type: `params 请求内容…`).
fn parse_row(rest: &str) -> Option<Row> {
    let (first, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = first.trim_end_matches('*');
    if !is_name(name) || name.contains('.') {
        return None;
    }
    let after = trim(after);
    let (second, text) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
    let (type_text, description) = if classify_type(second).is_some() {
        (Some(second.to_string()), trim(text))
    } else if after.starts_with(|c: char| !c.is_ascii()) {
        (None, after)
    } else {
        return None;
    };
    Some(Row {
        name: name.to_string(),
        type_text,
        required: first.ends_with('*').then_some(true),
        description: description.to_string(),
        ..Row::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXCERPT: &str = "科达视讯平台会管API\n\nV6.1.0.4.0.20211123\n\nAPI_Level:3\n\n\
名称 创建会议\nURI /api/v1/mc/confs/{conf_id}\n方法 POST\n说明 创建会议\n最低支持版本 2\n\n参数说明\n\n\
参数名称 数据类型 说明\naccount_token* str 软件权限token\nparams 请求内容,以JSON形式发送\n\nparams示例\n\n{\n  \"a\": 1\n}\n\n\
params说明\n\n参数名称 数据类型 说明\nname* str 会议名称\n1.字符限制:\n2.最大字符长度:64个字节\n\
mix object 混音信息\n\u{a0} \u{a0} mode* int 混音模式\n1-智能混音;\n2-定制混音;\n\
\u{a0} \u{a0} members* array 成员\n\u{a0} \u{a0} \u{a0} \u{a0} name* str 名称\nconf_level int 会议等级 0—16\n\n\
成功回复说明\n\n参数名称 数据类型 说明\nsuccess int 是否成功\n";

    #[test]
    fn the_header_lines_give_title_path_method_and_level() {
        let doc = read(EXCERPT);
        assert_eq!(
            (doc.api_level, doc.version.as_deref()),
            (Some(3), Some("V6.1.0.4.0.20211123"))
        );
        let ep = &doc.endpoints[0];
        assert_eq!(ep.title, "创建会议");
        assert_eq!(ep.path.as_deref(), Some("/api/v1/mc/confs/{conf_id}"));
        assert_eq!(ep.placeholders, ["conf_id"]);
        assert_eq!(
            (ep.method.as_deref(), ep.min_api_level),
            (Some("POST"), Some(2))
        );
        assert_eq!(ep.line, 7);
    }

    #[test]
    fn rows_nest_by_indentation_and_keep_their_continuations() {
        let doc = read(EXCERPT);
        let tables = &doc.endpoints[0].tables;
        assert_eq!(tables.len(), 3);
        let params = &tables[1];
        assert_eq!(params.role, TableRole::Body);
        let names: Vec<&str> = params.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["name", "mix", "conf_level"]);
        assert_eq!(
            params.rows[0].description,
            "会议名称\n1.字符限制:\n2.最大字符长度:64个字节"
        );
        assert_eq!(params.rows[0].facts.limits[0].value, 64);
        let mix = &params.rows[1];
        assert_eq!(mix.required, Some(false));
        assert_eq!(
            mix.children[0]
                .facts
                .enumeration
                .as_ref()
                .unwrap()
                .values
                .len(),
            2
        );
        assert_eq!(mix.children[1].children[0].name, "name");
        assert_eq!(params.rows[2].facts.range, Some((0, 16)));
    }

    #[test]
    fn a_row_without_type_and_the_star_convention_are_read() {
        let doc = read(EXCERPT);
        let request = &doc.endpoints[0].tables[0];
        assert_eq!(request.rows[0].required, Some(true));
        assert_eq!(request.rows[1].name, "params");
        assert_eq!(request.rows[1].type_text, None);
        assert_eq!(request.rows[1].required, Some(false));
        let reply = &doc.endpoints[0].tables[2];
        assert_eq!(
            (reply.role.clone(), reply.rows[0].required),
            (TableRole::Reply, None)
        );
    }

    #[test]
    fn examples_are_kept_verbatim_with_their_lines() {
        let doc = read(EXCERPT);
        let ex = &doc.endpoints[0].examples[0];
        assert_eq!(ex.text, "{\n  \"a\": 1\n}");
        assert_eq!(ex.lines, (21, 23));
    }

    #[test]
    fn a_name_line_without_uri_is_no_endpoint() {
        assert!(!detect("名称 x\n说明 y\n"));
        assert!(detect(EXCERPT));
    }
}

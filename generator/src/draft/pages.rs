//! The reader of the cell style's pages (Tencent Meeting, YXT, Polyv):
//! headings on their own lines (`接口描述`, `请求方式`, `输入参数`,
//! `LiveConfig 对象`, `输出示例`) with their content below them.
//!
//! An endpoint starts at a title followed by `接口描述`, or at `简要描述`. A
//! page that lists several URLs, each under a label (`不含场次的更新`),
//! describes one endpoint per URL; a table under a label line
//! (`不含场次的:`) belongs to the endpoint whose label starts with it.

use super::cells;
use super::document::{Document, Endpoint, ExampleKind, Style, TableRole};
use super::examples::examples;
use super::lexicon::{example_caption, heading, method, numbered, table_role, trim, Line};
use super::tables::table;
use super::urls::{is_url, set_url, template_prefix};

/// What a heading line opens.
#[derive(Debug, Clone, PartialEq)]
enum Heading {
    /// Endpoint facts: description, method, URL.
    About,
    /// A parameter table.
    Table(TableRole),
    /// Examples (`None`: a bare `示例`, kinds decided by content).
    Example(Option<ExampleKind>),
    /// Text that is not part of the API description (code samples, history).
    Other,
}

/// Headings whose content describes the endpoint itself.
const ABOUT: &[&str] = &[
    "接口描述",
    "简要描述",
    "请求方式",
    "调用方式",
    "HTTP请求方法",
    "接口请求域名",
    "接口URL",
    "请求URL",
    "请求地址",
];

/// Headings whose content the draft does not use.
const OTHER: &[&str] = &[
    "修改历史",
    "错误代码列表",
    "接口约束",
    "在线API调用",
    "请求头",
    "Last updated",
];

/// What a line opens when it is a heading.
fn heading_kind(line: &str) -> Option<Heading> {
    let h = heading(line);
    if h.is_empty() {
        return None;
    }
    if ABOUT.contains(&h) {
        return Some(Heading::About);
    }
    if let Some(role) = table_role(h) {
        return Some(Heading::Table(role));
    }
    if h == "示例" {
        return Some(Heading::Example(None));
    }
    if let Some(kind) = example_caption(h) {
        return Some(Heading::Example(Some(kind)));
    }
    let other = OTHER.contains(&h) || (h.ends_with("示例") && !h.contains(char::is_whitespace));
    other.then_some(Heading::Other)
}

/// Reads a cell-style document.
pub(crate) fn read(text: &str) -> Document {
    let lines = numbered(text);
    let mut doc = Document {
        style: Some(Style::Cells),
        ..Document::default()
    };
    let starts = endpoint_starts(&lines);
    for (i, &(start, ref title)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(lines.len(), |s| s.0);
        let page = read_page(title, &lines[start..end], &mut doc.leftovers);
        doc.endpoints.extend(page);
    }
    doc
}

/// Where each endpoint starts and its title.
fn endpoint_starts(lines: &[Line]) -> Vec<(usize, String)> {
    let mut starts = Vec::new();
    for i in 0..lines.len() {
        let h = heading(lines[i].1);
        if h == "简要描述" {
            let next = next_text(lines, i + 1);
            let title = next.map_or("", |j| list_item(lines[j].1));
            starts.push((i, title.to_string()));
        } else if h == "接口描述" {
            if let Some(t) = title_above(lines, i) {
                starts.push((t, heading(lines[t].1).to_string()));
            }
        }
    }
    if starts.is_empty() {
        if let Some(first) = next_text(lines, 0) {
            starts.push((first, trim(lines[first].1).to_string()));
        }
    }
    starts
}

/// The title above an `接口描述` heading: the nearest line above it that is
/// no heading and no page metadata (`最近更新时间：2024-05-01`).
fn title_above(lines: &[Line], at: usize) -> Option<usize> {
    (0..at)
        .rev()
        .find(|&j| {
            let h = heading(lines[j].1);
            let meta = h.contains("更新时间") || h.starts_with(|c: char| c.is_ascii_digit());
            !h.is_empty() && !meta
        })
        .filter(|&j| heading_kind(lines[j].1).is_none())
}

/// Page metadata, not API text: an update time or a bare date.
fn is_meta(text: &str) -> bool {
    let chars: Vec<char> = text.chars().take(5).collect();
    let date = chars.len() == 5
        && chars[..4].iter().all(char::is_ascii_digit)
        && matches!(chars[4], '-' | '/' | '年');
    text.contains("更新时间") || date
}

/// The index of the next non-blank line at or after `i`.
fn next_text(lines: &[Line], i: usize) -> Option<usize> {
    (i..lines.len()).find(|&j| !trim(lines[j].1).is_empty())
}

/// A list item's text without its dash (`- PUT` → `PUT`).
fn list_item(line: &str) -> &str {
    trim(trim(line).trim_start_matches('-'))
}

/// The sections of a page: each heading with the lines below it.
fn sections<'a, 'b>(lines: &'b [Line<'a>]) -> Vec<(Heading, &'b [Line<'a>])> {
    let mut starts: Vec<(usize, Heading)> = vec![(0, Heading::About)];
    starts.extend((1..lines.len()).filter_map(|i| heading_kind(lines[i].1).map(|h| (i, h))));
    let mut out = Vec::new();
    for (k, (start, kind)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        out.push((kind.clone(), &lines[*start..end]));
    }
    out
}

/// A URL with the label line above it (`不含场次的更新`).
type Url = (Option<String>, String);

/// The endpoints of one page.
fn read_page(title: &str, lines: &[Line], leftovers: &mut Vec<(usize, String)>) -> Vec<Endpoint> {
    let mut ep = Endpoint {
        title: title.to_string(),
        line: lines.first().map_or(0, |l| l.0),
        ..Endpoint::default()
    };
    let mut urls: Vec<Url> = Vec::new();
    let mut description = Vec::new();
    for (kind, section) in sections(lines) {
        match kind {
            Heading::About => read_about(&mut ep, section, &mut urls, &mut description),
            Heading::Table(role) => read_tables(&mut ep, role, section),
            Heading::Example(kind) => {
                let body = &section[1..];
                ep.examples
                    .extend(examples(heading(section[0].1), kind, body));
            }
            Heading::Other => leftovers.extend(section.iter().map(|&(n, l)| (n, l.to_string()))),
        }
    }
    if !description.is_empty() {
        ep.description = Some(description.join("\n"));
    }
    split_variants(ep, urls)
}

/// Description, method and URLs from an endpoint heading's lines. A line
/// directly above a URL is that URL's label (`不含场次的更新`).
fn read_about(
    ep: &mut Endpoint,
    section: &[Line],
    urls: &mut Vec<Url>,
    description: &mut Vec<String>,
) {
    let is_heading = heading_kind(section[0].1) == Some(Heading::About);
    let body: Vec<&str> = section[usize::from(is_heading)..]
        .iter()
        .map(|(_, l)| trim(l))
        .filter(|t| !t.is_empty() && !is_meta(t) && *t != ep.title && list_item(t) != ep.title)
        .collect();
    for (i, text) in body.iter().enumerate() {
        let labels_url = body.get(i + 1).is_some_and(|next| is_url(next));
        if is_url(text) {
            let label = i
                .checked_sub(1)
                .map(|p| body[p])
                .filter(|p| !is_url(p) && method(list_item(p)).is_none());
            urls.push((label.map(str::to_string), list_item(text).to_string()));
        } else if let Some(m) = method(list_item(text)) {
            ep.method = Some(m.to_string());
        } else {
            let (before, found) = labelled_method(text);
            ep.method = found.map(str::to_string).or(ep.method.take());
            let before = trim(
                before
                    .strip_prefix("描述:")
                    .or(before.strip_prefix("描述："))
                    .unwrap_or(before),
            );
            if !before.is_empty() && (found.is_some() || !labels_url) {
                description.push(before.to_string());
            }
        }
    }
}

/// A method written after a label inside a line (`调用方式:PUT接口请求域名:`,
/// `请求方式:GET`): the text before the label, and the method.
fn labelled_method(text: &str) -> (&str, Option<&'static str>) {
    for label in ["调用方式", "请求方式", "HTTP请求方法"] {
        if let Some(at) = text.find(label) {
            let rest = text[at + label.len()..].trim_start_matches([':', '：', ' ']);
            let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            if let Some(m) = method(&word) {
                return (&text[..at], Some(m));
            }
        }
    }
    (text, None)
}

/// The tables under a table heading. A reply table whose every row is
/// documented as returned on failure (`失败时返回`) describes the failure.
fn read_tables(ep: &mut Endpoint, role: TableRole, section: &[Line]) {
    let caption = heading(section[0].1);
    let found = cells::read(&section[1..]);
    for t in found.tables {
        let failure =
            role == TableRole::Reply && t.rows.iter().all(|r| r.description.contains("失败时"));
        let role = if failure {
            TableRole::Failure
        } else {
            role.clone()
        };
        let mut table = table(role, caption, section[0].0, t.rows, t.required_column);
        table.variant = t.variant;
        ep.tables.push(table);
    }
    if role == TableRole::Reply {
        let prose: Vec<String> = found.prose.into_iter().map(|(_, p)| p).collect();
        if !prose.is_empty() {
            ep.reply_note = Some(prose.join("\n"));
        }
    }
}

/// One endpoint per URL when a page lists several: each titled with its
/// label, with the tables of its variant and those of none.
fn split_variants(ep: Endpoint, urls: Vec<Url>) -> Vec<Endpoint> {
    if urls.len() <= 1 {
        let mut ep = ep;
        if let Some((_, url)) = urls.first() {
            set_url(&mut ep, url);
        }
        return vec![ep];
    }
    urls.iter()
        .map(|(label, url)| variant(&ep, label.as_deref(), url))
        .collect()
}

/// The endpoint of one URL of a page, with the tables and request lines that belong to it.
fn variant(ep: &Endpoint, label: Option<&str>, url: &str) -> Endpoint {
    let mut v = ep.clone();
    set_url(&mut v, url);
    if let Some(label) = label {
        let short = label.split([',', '，']).next().unwrap_or(label);
        v.title = format!("{}({})", ep.title, trim(short));
        v.tables
            .retain(|t| t.variant.as_deref().is_none_or(|tv| label.starts_with(tv)));
    }
    let path = v.path.clone().unwrap_or_default();
    v.examples
        .retain(|e| e.kind != ExampleKind::RequestLine || matches_path(&e.text, &path));
    v
}

/// Whether a request line's URL is an instance of the path template.
fn matches_path(line: &str, template: &str) -> bool {
    let url = line.split_whitespace().last().unwrap_or_default();
    template_prefix(url, template).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::document::{Row, Table};
    use super::*;

    fn names(t: &Table) -> Vec<&str> {
        t.rows.iter().map(|r: &Row| r.name.as_str()).collect()
    }

    const TENCENT: &str = "通过会议 ID 修改\n接口描述\n描述:通过会议 ID 修改直播配置信息。调用方式:PUT接口请求域名:\n\
https://api.meeting.qq.com/v1/meetings/{meeting_id}/live_play/config\n输入参数\nHTTP 请求头公共参数参考签名验证章节里的 公共参数说明。\n\
userid |\n是 |\nString |\n用户 ID。 |\nlive_config |\n是 |\nLiveConfig 对象 |\n直播配置。 |\nLiveConfig 对象\n\
live_subject |\n否 |\nString |\n直播主题。 |\n输出参数\n无输出参数,则成功返回空消息体。\nerror_info |\n否 |\nErrorInfo 对象 |\n\
错误信息对象(失败时返回)。 |\n示例\n输入示例\nPUT https://api.meeting.qq.com/v1/meetings/{meeting_id}/live_play/config\n\
{ \"userid\": \"u\" }\n输出示例(失败时返回)\n{\"error_info\":{}}\n对腾讯办公协同的解决方案有疑惑?";

    #[test]
    fn a_tencent_page_gives_method_path_tables_and_examples() {
        let doc = read(TENCENT);
        assert_eq!(doc.endpoints.len(), 1);
        let ep = &doc.endpoints[0];
        assert_eq!(ep.title, "通过会议 ID 修改");
        assert_eq!(ep.method.as_deref(), Some("PUT"));
        assert_eq!(
            ep.description.as_deref(),
            Some("通过会议 ID 修改直播配置信息。")
        );
        assert_eq!(
            ep.path.as_deref(),
            Some("/v1/meetings/{meeting_id}/live_play/config")
        );
        let roles: Vec<&TableRole> = ep.tables.iter().map(|t| &t.role).collect();
        assert_eq!(
            roles,
            [
                &TableRole::Request,
                &TableRole::Object("LiveConfig".into()),
                &TableRole::Failure
            ]
        );
        assert_eq!(names(&ep.tables[0]), ["userid", "live_config"]);
        assert_eq!(
            ep.reply_note.as_deref(),
            Some("无输出参数,则成功返回空消息体。")
        );
        let kinds: Vec<ExampleKind> = ep.examples.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                ExampleKind::RequestLine,
                ExampleKind::Request,
                ExampleKind::Error
            ]
        );
        assert_eq!(ep.examples[2].text, "{\"error_info\":{}}");
    }

    const YXT: &str = "简要描述:\n- 修改直播室信息\n请求URL:\n不含场次的更新\n- /zhibo/rooms/{roomId}\n含场次的更新, 有返回结果\n\
- /zhibo/rooms/{roomId}/withsession\nHTTP请求方法:\n- PUT\nURL请求参数:\n| 名称 | 类型 | 是否必须 | 描述 |\n|---|---|---|---|\n\
| roomId | String | 是 | 直播间主键pid |\n请求体参数:\n不含场次的:\n| 参数名 | 是否必须 | 类型 | 输入校验 | 说明 |\n|---|---|---|---|---|\n\
| roomName | 是 | String | 最大长度100 | 直播间房间名称 |\n含场次的:\n| 参数名 | 是否必须 | 类型 | 输入校验 | 说明 |\n|---|---|---|---|---|\n\
| roomName | 是 | String | 最大长度100 | 直播间房间名称 |\n| ad.adLink | 否 | String | 500 | 广告链接 |\n返回参数说明:\n返回204的没有响应体的响应值\n\
示例:\n请求:\nPUT https://api-zhibo.yxt.com/v1/zhibo/rooms/fe04\n修改历史\n- 2018-02-12 请求body增加字段";

    #[test]
    fn page_metadata_between_title_and_description_is_skipped() {
        let text = "创建会议\n最近更新时间：2024-05-01 10:00:00\n\n接口描述\n描述:创建。\n请求方式:POST\n接口请求域名\n\
https://api.meeting.qq.com/v1/meetings\n";
        let doc = read(text);
        assert_eq!(doc.endpoints.len(), 1);
        assert_eq!(doc.endpoints[0].title, "创建会议");
        assert_eq!(doc.endpoints[0].method.as_deref(), Some("POST"));
        assert_eq!(doc.endpoints[0].description.as_deref(), Some("创建。"));
    }

    #[test]
    fn a_page_with_two_urls_gives_two_endpoints_with_their_tables() {
        let doc = read(YXT);
        assert_eq!(doc.endpoints.len(), 2);
        let (a, b) = (&doc.endpoints[0], &doc.endpoints[1]);
        assert_eq!(a.title, "修改直播室信息(不含场次的更新)");
        assert_eq!(b.title, "修改直播室信息(含场次的更新)");
        assert_eq!(
            (a.method.as_deref(), b.method.as_deref()),
            (Some("PUT"), Some("PUT"))
        );
        assert_eq!(b.path.as_deref(), Some("/zhibo/rooms/{roomId}/withsession"));
        assert_eq!(a.tables.len(), 2);
        assert_eq!(b.tables[1].rows[1].name, "ad");
        assert_eq!(a.reply_note.as_deref(), Some("返回204的没有响应体的响应值"));
        assert_eq!(a.examples.len(), 1);
        assert!(b.examples.is_empty());
        assert_eq!(doc.leftovers.len(), 2);
    }

    #[test]
    fn a_polyv_page_reads_headings_with_values_below() {
        let text = "修改频道角色权限设置\n\n接口描述\n\n1、修改频道角色权限设置\n\n接口URL\n\n\
https://api.polyv.net/live/v4/channel/role-config/update-by-role\n\n请求方式\n\nPOST\n\n请求参数描述\n\n参数名\n必选\n类型\n说明\n\n\
channelId\n\ntrue\n\nInteger\n\n频道号\n\n响应参数描述\n\n参数名\n类型\n说明\n\nerror\n\nObject\n\n错误信息【详见Error字段描述\n\n\
Error参数描述\n\n参数名\n类型\n说明\n\ncode\n\nInteger\n\n错误代码\n\nJava请求示例\n\nint channelId = 100033;";
        let doc = read(text);
        let ep = &doc.endpoints[0];
        assert_eq!(ep.method.as_deref(), Some("POST"));
        assert_eq!(ep.description.as_deref(), Some("1、修改频道角色权限设置"));
        assert_eq!(
            ep.tables[1].rows[0].facts.reference.as_deref(),
            Some("Error")
        );
        assert_eq!(ep.tables[2].role, TableRole::Object("Error".into()));
        assert_eq!(doc.leftovers.len(), 3);
    }
}

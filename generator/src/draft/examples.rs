//! Examples inside a block of lines under a caption: a request line
//! (`PUT https://…`, or a bare URL) and a JSON text, each kept verbatim with
//! its line span. Lines that are neither (HTTP headers, status lines) are not
//! examples.

use super::document::{Example, ExampleKind};
use super::lexicon::{method, trim};

/// The examples in `block` (numbered lines) under `caption`, whose kind the
/// caption gave (`None` for a bare `示例`).
pub(crate) fn examples(
    caption: &str,
    kind: Option<ExampleKind>,
    block: &[(usize, &str)],
) -> Vec<Example> {
    let mut found = Vec::new();
    if let Some(&(line, text)) = block.iter().find(|(_, t)| is_request_line(t)) {
        found.push(Example {
            caption: caption.to_string(),
            kind: ExampleKind::RequestLine,
            text: trim(text).to_string(),
            lines: (line, line),
        });
    }
    if let Some(json) = json_text(block) {
        let kind = kind.unwrap_or(ExampleKind::Response);
        found.push(Example {
            caption: caption.to_string(),
            kind,
            text: json.0,
            lines: json.1,
        });
    }
    found
}

/// `GET https://…` or a bare `http(s)://` URL.
pub(crate) fn is_request_line(text: &str) -> bool {
    let text = trim(text);
    let url = |t: &str| t.starts_with("http://") || t.starts_with("https://");
    match text.split_once(' ') {
        Some((m, rest)) if method(m).is_some() => url(trim(rest)) || trim(rest).starts_with('/'),
        _ => url(text) && !text.contains(char::is_whitespace),
    }
}

/// The JSON text of a block: from its first line that opens an object or an
/// array to the line that closes it (or the last non-blank line when it never
/// closes), verbatim. Text after it (advertising) is not part of it.
fn json_text(block: &[(usize, &str)]) -> Option<(String, (usize, usize))> {
    let start = block
        .iter()
        .position(|(_, t)| trim(t).starts_with(['{', '[']))?;
    let last = block.iter().rposition(|(_, t)| !trim(t).is_empty())?;
    let end = closing_line(&block[start..]).map_or(last, |i| start + i);
    let lines = &block[start..=end];
    let text = lines
        .iter()
        .map(|(_, t)| t.trim_end_matches(['\r', '\n']))
        .collect::<Vec<_>>()
        .join("\n");
    Some((text, (lines[0].0, lines[lines.len() - 1].0)))
}

/// The index of the line where the brackets opened on the first line close.
/// Brackets inside `"strings"` do not count.
fn closing_line(lines: &[(usize, &str)]) -> Option<usize> {
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    for (i, (_, line)) in lines.iter().enumerate() {
        for c in line.chars() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (_, _, '"') => in_string = !in_string,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::numbered;
    use super::*;

    #[test]
    fn a_block_yields_its_request_line_and_its_json() {
        let block = numbered("PUT https://a.b/v1/x\n{ \"a\": 1 }\n");
        let found = examples("输入示例", Some(ExampleKind::Request), &block);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, ExampleKind::RequestLine);
        assert_eq!(found[0].text, "PUT https://a.b/v1/x");
        assert_eq!(
            (found[1].kind, found[1].lines),
            (ExampleKind::Request, (2, 2))
        );
    }

    #[test]
    fn status_and_header_lines_are_not_examples() {
        let block = numbered("状态值: HTTP/1.1 400 Bad Request\n{\"error\": {}}\n\n");
        let found = examples("错误时返回", Some(ExampleKind::Error), &block);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].text.as_str(), found[0].lines),
            ("{\"error\": {}}", (2, 2))
        );
        assert!(examples(
            "正确时返回",
            None,
            &numbered("HTTP/1.1 200 OK.\nContent-Type: x")
        )
        .is_empty());
    }

    #[test]
    fn the_json_ends_where_its_brackets_close() {
        let block = numbered("{\"a\": \"}\",\n\"b\": [1]}\n对腾讯办公协同的解决方案有疑惑?");
        let found = examples("输出示例", None, &block);
        assert_eq!(found[0].lines, (1, 2));
        assert_eq!(found[0].kind, ExampleKind::Response);
    }

    #[test]
    fn a_bare_url_is_a_request_line_but_prose_with_a_url_is_not() {
        assert!(is_request_line("http://api.polyv.net/live?x=1"));
        assert!(is_request_line("GET https://api.meeting.qq.com/v1/m"));
        assert!(!is_request_line("详见 https://x.y 说明"));
    }
}

//! A printed URL or URI taken apart: the path, its `{placeholders}` and the
//! query template (`?userid={userid}&instanceid={instanceid}`).

use super::document::Endpoint;
use super::lexicon::trim;

/// Records the URL `text` on the endpoint (a list dash before it is dropped).
pub(crate) fn set_url(ep: &mut Endpoint, text: &str) {
    let url = trim(trim(text).trim_start_matches('-'));
    let (path, query) = split(url);
    ep.url = Some(url.to_string());
    ep.placeholders = placeholders(path);
    ep.path = Some(path.to_string());
    ep.query_template = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
}

/// Whether a line is a URL or an absolute path (`- /zhibo/rooms/{roomId}`).
pub(crate) fn is_url(text: &str) -> bool {
    let t = trim(trim(text).trim_start_matches('-'));
    let single = !t.contains(char::is_whitespace);
    single
        && (t.starts_with("http://")
            || t.starts_with("https://")
            || (t.starts_with('/') && t.len() > 1))
}

/// The path and the query of a URL (host dropped).
fn split(url: &str) -> (&str, &str) {
    let after_host = match url.find("://") {
        Some(at) => {
            let rest = &url[at + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => url,
    };
    after_host.split_once('?').unwrap_or((after_host, ""))
}

/// The `{name}` placeholders of a path, in order, each once.
pub(crate) fn placeholders(path: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in path.split('{').skip(1) {
        if let Some((name, _)) = part.split_once('}') {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_gives_path_placeholders_and_query_template() {
        let mut ep = Endpoint::default();
        set_url(
            &mut ep,
            "https://api.meeting.qq.com/v1/meetings/{meetingId}/live_play/replays?userid={userid}&instanceid={instanceid}",
        );
        assert_eq!(
            ep.path.as_deref(),
            Some("/v1/meetings/{meetingId}/live_play/replays")
        );
        assert_eq!(ep.placeholders, ["meetingId"]);
        assert_eq!(
            ep.query_template[0],
            ("userid".to_string(), "{userid}".to_string())
        );
    }

    #[test]
    fn a_bare_path_with_a_list_dash_is_a_url() {
        assert!(is_url("- /zhibo/rooms/{roomId}"));
        assert!(!is_url("- PUT"));
        let mut ep = Endpoint::default();
        set_url(&mut ep, "- /zhibo/rooms/{roomId}/withsession");
        assert_eq!(
            ep.path.as_deref(),
            Some("/zhibo/rooms/{roomId}/withsession")
        );
        assert_eq!(placeholders("/a/{b/c"), Vec::<String>::new());
    }
}

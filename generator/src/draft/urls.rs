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

/// `https://host` of a URL.
pub(crate) fn host(url: &str) -> Option<String> {
    let at = url.find("://")?;
    let rest = &url[at + 3..];
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    (end > 0).then(|| format!("{}{}", &url[..at + 3], &rest[..end]))
}

/// When the path of `url` ends with an instance of the path `template`, the
/// segments before that instance (`/v1` for `https://h/v1/rooms/1` and
/// `/rooms/{id}`; empty when it is all of it).
pub(crate) fn template_prefix(url: &str, template: &str) -> Option<String> {
    let (path, _) = split(url);
    let got: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let want: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if want.is_empty() || got.len() < want.len() {
        return None;
    }
    let cut = got.len() - want.len();
    let fits = got[cut..]
        .iter()
        .zip(&want)
        .all(|(g, w)| g == w || w.starts_with('{'));
    fits.then(|| got[..cut].iter().map(|s| format!("/{s}")).collect())
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
    fn an_example_url_matches_a_template_after_a_prefix() {
        let url = "https://api-zhibo.yxt.com/v1/zhibo/rooms/fe04?x=1";
        assert_eq!(
            template_prefix(url, "/zhibo/rooms/{roomId}").as_deref(),
            Some("/v1")
        );
        assert_eq!(
            template_prefix(url, "/zhibo/rooms/{roomId}/withsession"),
            None
        );
        assert_eq!(host(url).as_deref(), Some("https://api-zhibo.yxt.com"));
        assert_eq!(host("/no/host"), None);
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

//! A request as the mock received it: method, path, query, headers and the
//! body's bytes, with the body read as a form or as multipart parts when its
//! content type says so.

use url::form_urlencoded;

/// One part of a multipart body.
pub(crate) struct Part {
    /// The part's name.
    pub name: String,
    /// The file name, for a file part.
    pub file_name: Option<String>,
    /// The part's content type.
    pub content_type: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

/// A received request.
pub(crate) struct Incoming {
    /// As sent (`GET`, or `POST` carrying a method override).
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// Path and query exactly as sent (what Tencent signs).
    pub uri: String,
    /// Query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers (names lowercase), in order.
    pub headers: Vec<(String, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl Incoming {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of query parameter `name`.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        lookup(&self.query, name)
    }

    /// The body's form fields: an urlencoded form, or the text parts of a
    /// multipart body; none for other bodies.
    pub fn form(&self) -> Vec<(String, String)> {
        if self.content_type_is("application/x-www-form-urlencoded") {
            return form_urlencoded::parse(&self.body).into_owned().collect();
        }
        self.parts()
            .into_iter()
            .filter(|p| p.file_name.is_none())
            .map(|p| (p.name, String::from_utf8_lossy(&p.bytes).into_owned()))
            .collect()
    }

    /// The parameters that may carry credentials or a method override: query
    /// then form fields.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut all = self.query.clone();
        all.extend(self.form());
        all
    }

    /// The parts of a multipart body (none for other bodies).
    pub fn parts(&self) -> Vec<Part> {
        let boundary = self.header("content-type").and_then(|ct| {
            let (kind, rest) = ct.split_once(';')?;
            let boundary = rest.trim().strip_prefix("boundary=")?;
            (kind.trim() == "multipart/form-data").then(|| boundary.trim_matches('"').to_string())
        });
        boundary.map_or_else(Vec::new, |b| split_multipart(&self.body, &b))
    }

    fn content_type_is(&self, want: &str) -> bool {
        self.header("content-type")
            .is_some_and(|ct| ct.split(';').next().unwrap_or("").trim() == want)
    }
}

/// The value of `name` in a parameter list.
pub(crate) fn lookup<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The parts of a multipart body with this boundary.
fn split_multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut chunks = split_bytes(body, delimiter.as_bytes()).into_iter().skip(1);
    for chunk in chunks.by_ref() {
        if chunk.starts_with(b"--") {
            break;
        }
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        if let Some(part) = parse_part(chunk) {
            parts.push(part);
        }
    }
    parts
}

/// One part: its headers, a blank line, its content.
fn parse_part(chunk: &[u8]) -> Option<Part> {
    let split = chunk.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&chunk[..split]);
    let mut part = Part {
        name: String::new(),
        file_name: None,
        content_type: None,
        bytes: chunk[split + 4..].to_vec(),
    };
    for line in head.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-disposition" => {
                part.name = disposition(value, "name")?;
                part.file_name = disposition(value, "filename");
            }
            "content-type" => part.content_type = Some(value.trim().to_string()),
            _ => {}
        }
    }
    Some(part)
}

/// A quoted parameter of a `Content-Disposition` value.
fn disposition(value: &str, key: &str) -> Option<String> {
    value.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k == key).then(|| v.trim_matches('"').to_string())
    })
}

/// `haystack` split at each occurrence of `needle`.
fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            pieces.push(&haystack[start..i]);
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(&haystack[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_body_splits_into_text_and_file_parts() {
        let body = b"--XY\r\nContent-Disposition: form-data; name=\"account_token\"\r\n\r\ntok\r\n--XY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XY--\r\n";
        let parts = split_multipart(body, "XY");
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].bytes.as_slice()),
            ("account_token", &b"tok"[..])
        );
        assert_eq!(parts[1].file_name.as_deref(), Some("a.txt"));
        assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
        assert_eq!(parts[1].bytes, b"hello");
    }
}

//! Which operation a request is: the method (or the method-override
//! parameter a POST carries) and the path matched against each operation's
//! template, with the path parameters taken out.

use super::table::{Operation, Table};

/// An operation matched, with its path parameters (decoded) by name.
pub(crate) struct Route<'a> {
    pub operation: &'a Operation,
    pub path_params: Vec<(String, String)>,
}

/// The operation `method` and `path` name; `overrides` are the request's
/// parameters, where a POST may carry the real method (`_method=DELETE`).
pub(crate) fn route<'a>(
    table: &'a Table,
    method: &str,
    path: &str,
    overrides: &[(String, String)],
) -> Option<Route<'a>> {
    table.operations.iter().find_map(|op| {
        let effective = effective_method(op, method, overrides);
        if !effective.eq_ignore_ascii_case(&op.method) {
            return None;
        }
        let path_params = match_template(&op.path, path)?;
        Some(Route {
            operation: op,
            path_params,
        })
    })
}

/// The method a request means for `op`: its override parameter's value when
/// it is sent as POST with one.
fn effective_method<'r>(
    op: &Operation,
    method: &'r str,
    params: &'r [(String, String)],
) -> &'r str {
    let Some(name) = &op.method_override else {
        return method;
    };
    let overridden = params.iter().find(|(k, _)| k == name);
    match overridden {
        Some((_, value)) if method.eq_ignore_ascii_case("POST") => value,
        _ => method,
    }
}

/// The parameters of `path` when it fits `template` (`/rooms/{roomId}`),
/// segment by segment.
fn match_template(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let (want, got): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    if want.len() != got.len() {
        return None;
    }
    let mut params = Vec::new();
    for (w, g) in want.iter().zip(&got) {
        match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(name) if !g.is_empty() => params.push((name.to_string(), percent_decode(g))),
            Some(_) => return None,
            None if w == g => {}
            None => return None,
        }
    }
    Some(params)
}

/// A percent-encoded path segment, decoded (invalid UTF-8 replaced).
fn percent_decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_matches_its_literal_segments_and_takes_out_parameters() {
        let got = match_template("/rooms/{roomId}/withsession", "/rooms/a%20b/withsession");
        assert_eq!(got, Some(vec![("roomId".to_string(), "a b".to_string())]));
        assert_eq!(
            match_template("/rooms/{roomId}", "/rooms/a/withsession"),
            None
        );
        assert_eq!(match_template("/rooms/{roomId}", "/rooms/"), None);
        assert_eq!(match_template("/rooms", "/meetings"), None);
    }
}

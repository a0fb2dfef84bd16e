//! Whether a 3xx reply is followed, and where to: the [`RedirectPolicy`]
//! applied to one hop. Credentials are never carried along: the next hop is
//! a request without them, to which `auth` adds them afresh, and only when
//! the target has the base URL's origin.

use reqwest::header::LOCATION;

use crate::error::Error;
use crate::policy::RedirectPolicy;
use crate::reply::Reply;
use crate::request::RequestParts;
use crate::vendor::Method;

/// Where a request goes: the URL prefix to send to and the request (still
/// without credentials) to send there.
pub(crate) struct Hop {
    /// The base URL for the first hop; a redirect's origin
    /// (`scheme://host[:port]`) after it. No trailing slash.
    pub(crate) base: String,
    /// The request with the `Location`'s path and query.
    pub(crate) parts: RequestParts,
}

/// What this client may follow.
pub(crate) struct Rules<'a> {
    pub(crate) policy: RedirectPolicy,
    /// The base URL, whose origin alone redirects may reach.
    pub(crate) base_url: &'a str,
    /// Query parameters the credentials add; dropped from a `Location` (the
    /// next hop signs afresh).
    pub(crate) credential_query: &'a [&'a str],
}

/// The next hop of a redirect `reply` to the request `parts` sent to `url`,
/// after `hops` redirects in a row, or [`Error::Redirect`] when the rules
/// do not allow it.
pub(crate) fn next_hop(
    rules: &Rules<'_>,
    url: &url::Url,
    parts: &RequestParts,
    reply: &Reply,
    hops: u32,
) -> Result<Hop, Error> {
    let location = reply
        .headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| url.join(l).ok());
    let same_origin = match (&location, url::Url::parse(rules.base_url)) {
        (Some(to), Ok(base)) => to.origin() == base.origin(),
        _ => false,
    };
    let method_kept = match reply.status {
        307 | 308 => true,
        301..=303 => parts.method == Method::Get,
        _ => false,
    };
    match location {
        Some(to) if same_origin && method_kept && hops < rules.policy.max_hops() => Ok(Hop {
            base: to.origin().ascii_serialization(),
            parts: redirected(parts, &to, rules.credential_query),
        }),
        to => Err(Error::Redirect {
            status: reply.status,
            location: to.map(|u| without_query(&u)),
        }),
    }
}

/// `parts` sent to the path and query of `to`, less any credential the
/// `Location` echoes.
fn redirected(parts: &RequestParts, to: &url::Url, credential_query: &[&str]) -> RequestParts {
    let mut next = parts.clone();
    next.path = to.path().to_string();
    next.query = to
        .query_pairs()
        .filter(|(k, _)| !credential_query.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    next
}

/// A URL without query and fragment, which may echo a token or signature.
fn without_query(url: &url::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(status: u16, location: &str) -> Reply {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(LOCATION, location.parse().unwrap());
        Reply {
            status,
            headers,
            body: Vec::new(),
        }
    }

    fn rules(max_hops: u32) -> Rules<'static> {
        Rules {
            policy: RedirectPolicy::same_origin(max_hops),
            base_url: "https://api.example.com/prefix",
            credential_query: &["account_token"],
        }
    }

    fn sent_to() -> url::Url {
        url::Url::parse("https://api.example.com/prefix/a?account_token=t&x=1").unwrap()
    }

    #[test]
    fn a_same_origin_redirect_keeps_its_query_but_not_the_echoed_token() {
        let reply = redirect(307, "/prefix/b?x=2&account_token=t");
        let hop = next_hop(
            &rules(1),
            &sent_to(),
            &RequestParts::new(Method::Post),
            &reply,
            0,
        )
        .map_err(|e| e.to_string())
        .unwrap();
        assert_eq!(hop.base, "https://api.example.com");
        assert_eq!(hop.parts.path, "/prefix/b");
        assert_eq!(hop.parts.query, [("x".to_string(), "2".to_string())]);
    }

    #[test]
    fn a_redirect_to_another_origin_is_refused_and_named_without_its_query() {
        for to in [
            "https://evil.example.net/b?sign=s",
            "http://api.example.com/b",
            "https://api.example.com:8443/b",
        ] {
            let err = next_hop(
                &rules(5),
                &sent_to(),
                &RequestParts::new(Method::Get),
                &redirect(302, to),
                0,
            )
            .err()
            .expect("refused");
            let Error::Redirect { status, location } = err else {
                panic!("expected a redirect error, got {err:?}")
            };
            assert_eq!(status, 302);
            let location = location.expect("a location");
            assert!(!location.contains("sign="), "{location}");
            assert!(to.starts_with(location.trim_end_matches('/')), "{location}");
        }
    }

    #[test]
    fn a_302_is_followed_only_by_a_get_and_only_up_to_the_bound() {
        let reply = redirect(302, "/prefix/b");
        let post = next_hop(
            &rules(5),
            &sent_to(),
            &RequestParts::new(Method::Post),
            &reply,
            0,
        );
        assert!(matches!(post, Err(Error::Redirect { .. })));
        let get = RequestParts::new(Method::Get);
        assert!(next_hop(&rules(5), &sent_to(), &get, &reply, 4).is_ok());
        assert!(next_hop(&rules(5), &sent_to(), &get, &reply, 5).is_err());
        assert!(next_hop(&rules(0), &sent_to(), &get, &reply, 0).is_err());
    }
}

//! Security schemes per authentication scheme: what the hand-written runtime
//! (`generated-client/src/auth/`) sends, one `apiKey` scheme per credential
//! header, query parameter or cookie, with the signature algorithm in the
//! description of the scheme that carries the signature.

use crate::export::json::Json;
use crate::model::Auth;

/// One credential the runtime places on each request.
struct Credential {
    name: &'static str,
    place: &'static str,
    description: &'static str,
}

const fn credential(
    name: &'static str,
    place: &'static str,
    description: &'static str,
) -> Credential {
    Credential {
        name,
        place,
        description,
    }
}

const TENCENT_SIGNED: &[Credential] = &[
    credential("X-TC-Key", "header", "The enterprise SecretId."),
    credential("X-TC-Timestamp", "header", "Unix time in seconds."),
    credential(
        "X-TC-Nonce",
        "header",
        "A random positive integer, new for each request.",
    ),
    credential(
        "X-TC-Signature",
        "header",
        "base64 of the lowercase hex of HMAC-SHA256(SecretKey, METHOD + \"\\n\" + \
         \"X-TC-Key=<key>&X-TC-Nonce=<nonce>&X-TC-Timestamp=<timestamp>\" + \"\\n\" + \
         URI + \"\\n\" + BODY), where URI is the path and query exactly as sent and BODY \
         the exact bytes sent (empty for GET).",
    ),
    credential("AppId", "header", "The enterprise id."),
    credential(
        "X-TC-Registered",
        "header",
        "Always 1. An `SdkId` header is added when the application has one.",
    ),
];

const TENCENT_OAUTH: &[Credential] = &[
    credential(
        "AccessToken",
        "header",
        "An OAuth 2.0 access token (the alternative to the signed headers).",
    ),
    credential("OpenId", "header", "The OAuth 2.0 user's open id."),
];

const POLYV: &[Credential] = &[
    credential("appId", "query", "The application id."),
    credential(
        "timestamp",
        "query",
        "Unix time in milliseconds (13 digits), valid for 3 minutes.",
    ),
    credential(
        "sign",
        "query",
        "Uppercase hex MD5(appSecret + k1v1k2v2... + appSecret) over the non-empty query \
         parameters but sign, sorted by key in byte order, with raw (not URL-encoded) values.",
    ),
];

const YXT: &[Credential] = &[
    credential("appkey", "header", "The application key."),
    credential(
        "nonce",
        "header",
        "A random hex string, new for each request.",
    ),
    credential("timestamp", "header", "Unix time in seconds."),
    credential(
        "signature",
        "header",
        "Lowercase hex SHA-256 of appkey + secret + nonce + timestamp.",
    ),
    credential("source", "header", "The client code the vendor assigned."),
];

const KEDACOM_TOKEN: &[Credential] = &[credential(
    "account_token",
    "query",
    "The token of Kedacom's login call: in the query for GET and DELETE, in the form \
     (the same name) for POST and multipart bodies.",
)];

const KEDACOM_COOKIE: &[Credential] = &[credential(
    "SSO_COOKIE_KEY",
    "cookie",
    "The login cookie, sent back when the deployment needs it.",
)];

/// The alternatives a request may authenticate with, each a set of
/// credentials sent together.
fn alternatives(auth: Auth) -> Vec<Vec<&'static [Credential]>> {
    match auth {
        Auth::TencentMeeting => vec![vec![TENCENT_SIGNED], vec![TENCENT_OAUTH]],
        Auth::Polyv => vec![vec![POLYV]],
        Auth::Yxt => vec![vec![YXT]],
        Auth::Kedacom => vec![vec![KEDACOM_TOKEN, KEDACOM_COOKIE], vec![KEDACOM_TOKEN]],
        Auth::None => Vec::new(),
    }
}

/// `components.securitySchemes`: one `apiKey` scheme per credential, named
/// after it.
pub(crate) fn schemes(auth: Auth) -> Json {
    let mut schemes = Json::obj();
    for set in alternatives(auth) {
        for c in set.into_iter().flatten() {
            let scheme = Json::obj()
                .with("type", "apiKey")
                .with("in", c.place)
                .with("name", c.name)
                .with("description", c.description);
            schemes.set(c.name, scheme);
        }
    }
    schemes
}

/// The top-level `security`: each alternative a requirement naming all its
/// schemes (empty for `auth: none`).
pub(crate) fn requirements(auth: Auth) -> Json {
    alternatives(auth)
        .into_iter()
        .map(|set| {
            let mut requirement = Json::obj();
            for c in set.into_iter().flatten() {
                requirement.set(c.name, Json::Arr(Vec::new()));
            }
            requirement
        })
        .collect()
}

/// How the scheme signs, in one paragraph (for the document's description).
pub(crate) fn summary(auth: Auth) -> &'static str {
    match auth {
        Auth::TencentMeeting => "Enterprise-secret signature headers (HMAC-SHA256), or OAuth 2.0 token headers.",
        Auth::Polyv => "appId, timestamp and an MD5 sign over the sorted query parameters, in the query.",
        Auth::Yxt => "appkey, nonce, timestamp, source and a SHA-256 signature, as headers.",
        Auth::Kedacom => "The account_token of the login call (query or form), and the login cookie where needed.",
        Auth::None => "None.",
    }
}

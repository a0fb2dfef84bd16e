//! Shared by the integration tests: injectable clock and nonces, and servers
//! that check signatures the way each vendor does, written from the vendors'
//! rules and not from the code under test.

#![allow(dead_code)] // Each test binary uses a different part.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use base64::Engine;
use hmac::{Hmac, KeyInit as _, Mac};
use md5::{Digest as _, Md5};
use meeting_api_client::{Clock, NonceSource};
use sha2::Sha256;
use wiremock::{MockServer, Request, Respond, ResponseTemplate};

pub mod hostile;

#[cfg(all(
    feature = "tencent-meeting",
    feature = "polyv",
    feature = "yxt",
    feature = "kedacom"
))]
pub mod secret_clients;

/// A clock that starts at `start_ms` and moves one second per reading, so
/// every attempt has its own timestamp.
#[derive(Clone)]
pub struct SteppingClock {
    next_ms: Arc<AtomicU64>,
}

impl SteppingClock {
    pub fn new(start_ms: u64) -> Self {
        SteppingClock {
            next_ms: Arc::new(AtomicU64::new(start_ms)),
        }
    }
}

impl Clock for SteppingClock {
    fn now_millis(&self) -> u64 {
        self.next_ms.fetch_add(1000, Ordering::SeqCst)
    }
}

/// A clock that always reads the same time.
#[derive(Clone, Copy)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_millis(&self) -> u64 {
        self.0
    }
}

/// Nonces 1, 2, 3, …; `issued()` tells how many attempts were signed.
#[derive(Clone, Default)]
pub struct CountingNonce {
    issued: Arc<AtomicU64>,
}

impl CountingNonce {
    pub fn issued(&self) -> u64 {
        self.issued.load(Ordering::SeqCst)
    }
}

impl NonceSource for CountingNonce {
    fn nonce(&self) -> u64 {
        self.issued.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// A header of a received request as text.
pub fn header<'a>(req: &'a Request, name: &str) -> Result<&'a str, String> {
    req.headers
        .get(name)
        .ok_or_else(|| format!("no {name} header"))?
        .to_str()
        .map_err(|_| format!("{name} is not text"))
}

/// The request target as the server received it: path and query.
pub fn request_uri(req: &Request) -> String {
    match req.url.query() {
        Some(q) => format!("{}?{q}", req.url.path()),
        None => req.url.path().to_string(),
    }
}

/// The server side of Tencent Meeting's enterprise signature.
pub fn tencent_check(req: &Request, secret_id: &str, secret_key: &str) -> Result<(), String> {
    let key = header(req, "X-TC-Key")?;
    if key != secret_id {
        return Err(format!("unknown X-TC-Key {key}"));
    }
    let nonce = header(req, "X-TC-Nonce")?;
    if !nonce.parse::<u64>().is_ok_and(|n| n > 0) {
        return Err("X-TC-Nonce is not a positive integer".into());
    }
    let timestamp = header(req, "X-TC-Timestamp")?;
    if !(timestamp.len() == 10 && timestamp.bytes().all(|b| b.is_ascii_digit())) {
        return Err("X-TC-Timestamp is not Unix seconds".into());
    }
    if header(req, "X-TC-Registered")? != "1" {
        return Err("X-TC-Registered is not 1".into());
    }
    header(req, "AppId")?;
    if header(req, "Content-Type")? != "application/json" {
        return Err("Content-Type is not application/json".into());
    }
    let mut to_sign = format!(
        "{}\nX-TC-Key={key}&X-TC-Nonce={nonce}&X-TC-Timestamp={timestamp}\n{}\n",
        req.method,
        request_uri(req)
    )
    .into_bytes();
    to_sign.extend_from_slice(&req.body);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("any key length");
    mac.update(&to_sign);
    let expected =
        base64::engine::general_purpose::STANDARD.encode(hex::encode(mac.finalize().into_bytes()));
    if header(req, "X-TC-Signature")? != expected {
        return Err("X-TC-Signature does not match".into());
    }
    Ok(())
}

/// The server side of Polyv's `sign`.
pub fn polyv_check(req: &Request, app_id: &str, app_secret: &str) -> Result<(), String> {
    let pairs: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("no {name} in the query"))
    };
    if get("appId")? != app_id {
        return Err("unknown appId".into());
    }
    let ts = get("timestamp")?;
    if !(ts.len() == 13 && ts.bytes().all(|b| b.is_ascii_digit())) {
        return Err("timestamp is not 13-digit milliseconds".into());
    }
    let sign = get("sign")?;
    let mut signed: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, v)| k != "sign" && !v.is_empty())
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = app_secret.to_string();
    for (k, v) in signed {
        text.push_str(k);
        text.push_str(v);
    }
    text.push_str(app_secret);
    let expected = hex::encode_upper(Md5::digest(text.as_bytes()));
    if sign != expected {
        return Err("sign does not match".into());
    }
    Ok(())
}

/// The server side of YXT's `signature`.
pub fn yxt_check(req: &Request, app_key: &str, app_secret: &str) -> Result<(), String> {
    if header(req, "appkey")? != app_key {
        return Err("unknown appkey".into());
    }
    let nonce = header(req, "nonce")?;
    if nonce.is_empty() || nonce.chars().count() > 32 {
        return Err("nonce must be 1 to 32 characters".into());
    }
    let timestamp = header(req, "timestamp")?;
    if !(timestamp.len() == 10 && timestamp.bytes().all(|b| b.is_ascii_digit())) {
        return Err("timestamp is not Unix seconds".into());
    }
    header(req, "source")?;
    let expected = hex::encode(Sha256::digest(
        format!("{app_key}{app_secret}{nonce}{timestamp}").as_bytes(),
    ));
    if header(req, "signature")? != expected {
        return Err("signature does not match".into());
    }
    Ok(())
}

/// Answers `ok` when `check` accepts the request and `rejected` otherwise,
/// like a vendor gateway.
pub struct Verifying<F> {
    pub check: F,
    pub ok: ResponseTemplate,
    pub rejected: ResponseTemplate,
}

impl<F: Fn(&Request) -> Result<(), String> + Send + Sync> Respond for Verifying<F> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        match (self.check)(request) {
            Ok(()) => self.ok.clone(),
            Err(why) => self
                .rejected
                .clone()
                .insert_header("X-Rejected-Because", why),
        }
    }
}

/// The only request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "expected exactly one request");
    received.remove(0)
}

/// The fields of an `application/x-www-form-urlencoded` body, decoded once.
pub fn form_fields(req: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect()
}

/// One part of a multipart body.
#[derive(Debug)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Splits a `multipart/form-data` body into its parts.
pub fn multipart_parts(req: &Request) -> Vec<Part> {
    let content_type = header(req, "Content-Type").expect("a content type");
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a multipart boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &req.body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = find_all(body, delimiter.as_bytes());
    for pair in positions.windows(2) {
        let chunk = &body[pair[0] + delimiter.len()..pair[1]];
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split = find_all(chunk, b"\r\n\r\n")[0];
        let head = String::from_utf8_lossy(&chunk[..split]).into_owned();
        let attr = |name: &str| {
            head.split(';')
                .map(str::trim)
                .find_map(|a| a.strip_prefix(&format!("{name}=\"")))
                .map(|v| v.split('"').next().unwrap_or_default().to_string())
        };
        let content_type = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("content-type: ")
                    .or(l.strip_prefix("Content-Type: "))
            })
            .map(str::to_string);
        parts.push(Part {
            name: attr("name").expect("a part name"),
            file_name: attr("filename"),
            content_type,
            body: chunk[split + 4..].to_vec(),
        });
    }
    parts
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    (0..haystack.len().saturating_sub(needle.len() - 1))
        .filter(|&i| haystack[i..].starts_with(needle))
        .collect()
}

/// A local port nothing listens on.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound").port()
}

//! A local HTTP/1.1 server that misbehaves on demand: each request takes the
//! next scripted [`Fault`] (or the default one) and gets that answer: slow,
//! truncated, reset, huge, a redirect, any status, headers and body. Written
//! on a bare TCP listener, so it can do what a well-behaved server library
//! would refuse to (lie about lengths, hang up mid-body).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// A complete reply.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Waits, then answers `200 {}`.
    Slow(Duration),
    /// Declares a longer body than it sends, then hangs up.
    Truncated,
    /// Hangs up without answering.
    Reset,
    /// Streams `len` bytes of body in 64 KiB chunks; with `declared` the
    /// length is announced, else the body is chunked.
    Huge {
        status: u16,
        len: usize,
        declared: bool,
    },
}

impl Fault {
    /// `status` with this body and no extra header.
    pub fn reply(status: u16, body: impl Into<Vec<u8>>) -> Fault {
        Fault::Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// `status` with this JSON body.
    pub fn json(status: u16, body: &serde_json::Value) -> Fault {
        Fault::Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// The same fault with one more header (for `Reply` only).
    pub fn with_header(mut self, name: &str, value: &str) -> Fault {
        if let Fault::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Fault {
        Fault::reply(status, Vec::new()).with_header("Location", location)
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// The value of a header, by lowercase name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The request as text, to search for credentials.
    pub fn text(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect();
        format!(
            "{} {}\n{}\n\n{}",
            self.method,
            self.target,
            headers.join("\n"),
            String::from_utf8_lossy(&self.body)
        )
    }
}

#[derive(Default)]
struct State {
    script: Mutex<VecDeque<Fault>>,
    default: Mutex<Option<Fault>>,
    received: Mutex<Vec<Received>>,
    received_count: AtomicU64,
    count_only: AtomicBool,
    body_bytes_written: AtomicU64,
}

/// The server; it runs until the test's runtime ends.
#[derive(Clone)]
pub struct HostileServer {
    port: u16,
    state: Arc<State>,
}

impl HostileServer {
    /// A server answering `default` to every request not scripted.
    pub async fn start(default: Fault) -> HostileServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let state = Arc::new(State::default());
        *state.default.lock().unwrap() = Some(default);
        let server = HostileServer { port, state };
        let serving = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let conn = serving.clone();
                tokio::spawn(async move { conn.serve(stream).await });
            }
        });
        server
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Answers the next requests with these faults, in order.
    pub fn script(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.script.lock().unwrap().extend(faults);
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    /// Counts requests without keeping them (for load runs, whose memory
    /// is measured).
    pub fn count_only(&self) {
        self.state.count_only.store(true, Ordering::SeqCst);
    }

    /// How many requests arrived, kept or not.
    pub fn received_count(&self) -> u64 {
        self.state.received_count.load(Ordering::SeqCst)
    }

    /// Body bytes of `Huge` replies the client accepted before hanging up.
    pub fn body_bytes_written(&self) -> u64 {
        self.state.body_bytes_written.load(Ordering::SeqCst)
    }

    fn next_fault(&self) -> Fault {
        let scripted = self.state.script.lock().unwrap().pop_front();
        scripted.unwrap_or_else(|| {
            self.state
                .default
                .lock()
                .unwrap()
                .clone()
                .expect("a default")
        })
    }

    /// Serves one connection: requests in turn until a fault hangs up.
    async fn serve(&self, mut stream: TcpStream) {
        let mut buffer = Vec::new();
        while let Some(request) = read_request(&mut stream, &mut buffer).await {
            self.state.received_count.fetch_add(1, Ordering::SeqCst);
            if !self.state.count_only.load(Ordering::SeqCst) {
                self.state.received.lock().unwrap().push(request);
            }
            if !self.answer(&mut stream, self.next_fault()).await {
                return;
            }
        }
    }

    /// Answers one request; `false` when the connection is done.
    async fn answer(&self, stream: &mut TcpStream, fault: Fault) -> bool {
        match fault {
            Fault::Reply {
                status,
                headers,
                body,
            } => {
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\ncontent-length: {}\r\n",
                    reason(status),
                    body.len()
                );
                for (n, v) in headers {
                    head.push_str(&format!("{n}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let mut bytes = head.into_bytes();
                bytes.extend_from_slice(&body);
                stream.write_all(&bytes).await.is_ok()
            }
            Fault::Slow(wait) => {
                tokio::time::sleep(wait).await;
                let reply = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
                stream.write_all(reply).await.is_ok()
            }
            Fault::Truncated => {
                let reply = b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"success\":";
                let _ = stream.write_all(reply).await;
                false
            }
            Fault::Reset => false,
            Fault::Huge {
                status,
                len,
                declared,
            } => {
                self.stream_huge(stream, status, len, declared).await;
                false
            }
        }
    }

    async fn stream_huge(&self, stream: &mut TcpStream, status: u16, len: usize, declared: bool) {
        let framing = if declared {
            format!("content-length: {len}")
        } else {
            "transfer-encoding: chunked".to_string()
        };
        let head = format!("HTTP/1.1 {status} {}\r\n{framing}\r\n\r\n", reason(status));
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b'x'; 64 * 1024];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            let written = if declared {
                stream.write_all(&chunk[..n]).await
            } else {
                let mut framed = format!("{n:x}\r\n").into_bytes();
                framed.extend_from_slice(&chunk[..n]);
                framed.extend_from_slice(b"\r\n");
                stream.write_all(&framed).await
            };
            if written.is_err() {
                return;
            }
            self.state
                .body_bytes_written
                .fetch_add(n as u64, Ordering::SeqCst);
            left -= n;
        }
        if !declared {
            let _ = stream.write_all(b"0\r\n\r\n").await;
        }
    }
}

/// Reads one request (head and `content-length` body); `None` at the end of
/// the connection. Leftover bytes stay in `buffer` for the next request.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Received> {
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        read_more(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        read_more(stream, buffer).await?;
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => None,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            Some(())
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

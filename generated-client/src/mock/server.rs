//! The HTTP side: a hyper 1 HTTP/1.1 server on a local port, each request
//! read whole, answered by the exchange, delayed or faulted as scripted.

use std::io;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming as Body;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::exchange::Exchange;
use super::incoming::Incoming;

/// A scripted fault: hyper closes the connection without an answer.
#[derive(Debug)]
struct Fault;

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("scripted fault")
    }
}

impl std::error::Error for Fault {}

/// Accepts connections until `stop` changes.
pub(crate) async fn serve(
    listener: TcpListener,
    exchange: Arc<Exchange>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = stop.changed() => return,
        };
        let exchange = exchange.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(exchange.clone(), req));
            // A client that goes away mid-request is no concern of the mock.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// One request: read, answered, recorded.
async fn handle(
    exchange: Arc<Exchange>,
    req: Request<Body>,
) -> Result<Response<Full<Bytes>>, Fault> {
    let incoming = read(req).await.map_err(|_| Fault)?;
    let (rendered, received) = exchange.answer(&incoming);
    if !rendered.delay.is_zero() {
        tokio::time::sleep(rendered.delay).await;
    }
    exchange.record(received);
    if rendered.fault {
        return Err(Fault);
    }
    let mut response = Response::builder().status(rendered.status);
    let body = match rendered.body {
        Some(json) => {
            response = response.header("content-type", "application/json");
            Bytes::from(json.to_string())
        }
        None => Bytes::new(),
    };
    Ok(response
        .body(Full::new(body))
        .expect("a status and one header are valid"))
}

/// The request, its body read whole.
async fn read(req: Request<Body>) -> io::Result<Incoming> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(io::Error::other)?.to_bytes();
    let query = parts.uri.query().unwrap_or_default();
    Ok(Incoming {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        uri: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".into(), |p| p.to_string()),
        query: url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    })
}

/// Listens on `addr`.
pub(crate) async fn bind(addr: std::net::SocketAddr) -> io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

//! Fault injection: every vendor's client against a local server that
//! misbehaves on purpose (tests/support/hostile.rs). Each misbehaviour becomes
//! a typed error with the status and a bounded body, never a panic; size
//! limits hold while the body streams in; redirects never carry credentials to
//! another origin; retries honour `Retry-After` and a user's classification.
//!
//! The vendors come from `specs/` (a vendor without a row here fails the
//! first test); the replies come from each vendor's declared error envelope
//! and document examples.

mod support;

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use meeting_api_client::auth::{
    KedacomCredentials, PolyvCredentials, TencentMeetingCredentials, YxtCredentials,
};
use meeting_api_client::vendor::{JsonScalar, RetryCode, VendorInfo};
use meeting_api_client::{
    kedacom, polyv, tencent_meeting, yxt, CallOptions, ClientBuilder, Error, Jitter, RawBody,
    RedirectPolicy, RetryClass, RetryPolicy,
};
use serde_json::{json, Value};
use support::hostile::{Fault, HostileServer, Received};

type Outcome = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// How a test configures the client of every vendor.
#[derive(Clone)]
struct Setup {
    base: String,
    retry: Option<RetryPolicy>,
    retry_if: Option<fn(&Error) -> Option<RetryClass>>,
    retry_codes: &'static [RetryCode],
    idempotent_operations: &'static [&'static str],
    jitter: CountingJitter,
    redirect: RedirectPolicy,
    max_reply_bytes: Option<usize>,
    timeout: Duration,
}

impl Setup {
    fn new(server: &HostileServer) -> Setup {
        Setup {
            base: server.uri(),
            retry: None,
            retry_if: None,
            retry_codes: &[],
            idempotent_operations: &[],
            jitter: CountingJitter::default(),
            redirect: RedirectPolicy::none(),
            max_reply_bytes: None,
            timeout: Duration::from_secs(30),
        }
    }

    fn configure<C>(&self, builder: ClientBuilder<C>) -> ClientBuilder<C> {
        let mut b = builder
            .base_url(&self.base)
            .allow_http(true)
            .timeout(Some(self.timeout))
            .redirect(self.redirect)
            .retry_codes(self.retry_codes)
            .idempotent_operations(self.idempotent_operations)
            .jitter(self.jitter.clone());
        if let Some(policy) = self.retry {
            b = b.retry(policy);
        }
        if let Some(classify) = self.retry_if {
            b = b.retry_if(classify);
        }
        if let Some(limit) = self.max_reply_bytes {
            b = b.max_reply_bytes(limit);
        }
        b
    }
}

/// Jitter of 0.5, counting how often a backoff was computed.
#[derive(Clone, Default)]
struct CountingJitter(Arc<AtomicU64>);

impl CountingJitter {
    fn asked(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

impl Jitter for CountingJitter {
    fn unit(&self) -> f64 {
        self.0.fetch_add(1, Ordering::SeqCst);
        0.5
    }
}

/// One vendor: its declaration, one call that decodes a JSON reply, and
/// what marks its credentials in a request as received.
struct Case {
    vendor: &'static VendorInfo,
    operation: &'static str,
    call: fn(&Setup) -> Outcome,
    credential_marker: &'static str,
    /// Whether the reply is a generated type (else untyped JSON, which any
    /// JSON fits).
    typed_reply: bool,
    examples: &'static [meeting_api_client::__private::Example],
}

fn tencent_call(setup: &Setup) -> Outcome {
    let client = setup
        .configure(tencent_meeting::Client::builder(
            TencentMeetingCredentials::enterprise("AKID", "tc-secret", "app"),
        ))
        .build()
        .expect("valid configuration");
    Box::pin(async move {
        let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
            "1",
            "u",
            tencent_meeting::InstanceId::Pc,
        );
        client
            .list_live_replays_by_meeting_id(&request)
            .await
            .map(drop)
    })
}

fn yxt_call(setup: &Setup) -> Outcome {
    let client = setup
        .configure(yxt::Client::builder(YxtCredentials::new(
            "key",
            "yxt-secret",
            "src",
        )))
        .build()
        .expect("valid configuration");
    Box::pin(async move {
        let request = yxt::UpdateRoomWithSessionsRequest::new(
            "room",
            yxt::RoomUpdateWithSessions::new("name"),
        );
        client.update_room_with_sessions(&request).await.map(drop)
    })
}

fn polyv_call(setup: &Setup) -> Outcome {
    let client = setup
        .configure(polyv::Client::builder(PolyvCredentials::new(
            "app",
            "polyv-secret",
        )))
        .build()
        .expect("valid configuration");
    Box::pin(async move {
        let request = polyv::UpdateChannelRoleConfigRequest::new(
            1,
            polyv::Role::Guest,
            polyv::RoleConfig::default(),
        );
        client.update_channel_role_config(&request).await.map(drop)
    })
}

fn kedacom_call(setup: &Setup) -> Outcome {
    let client = setup
        .configure(kedacom::Client::builder(KedacomCredentials::new(
            "kd-token",
        )))
        .build()
        .expect("valid configuration");
    Box::pin(async move {
        let request = kedacom::ListBookedConferencesRequest::default();
        client.list_booked_conferences(&request).await.map(drop)
    })
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            vendor: &tencent_meeting::VENDOR,
            operation: "list_live_replays_by_meeting_id",
            call: tencent_call,
            credential_marker: "x-tc-signature",
            typed_reply: true,
            examples: tencent_meeting::__hooks::EXAMPLES,
        },
        Case {
            vendor: &yxt::VENDOR,
            operation: "update_room_with_sessions",
            call: yxt_call,
            credential_marker: "\nsignature:",
            typed_reply: false,
            examples: yxt::__hooks::EXAMPLES,
        },
        Case {
            vendor: &polyv::VENDOR,
            operation: "update_channel_role_config",
            call: polyv_call,
            credential_marker: "&sign=",
            typed_reply: true,
            examples: polyv::__hooks::EXAMPLES,
        },
        Case {
            vendor: &kedacom::VENDOR,
            operation: "list_booked_conferences",
            call: kedacom_call,
            credential_marker: "account_token=",
            typed_reply: true,
            examples: kedacom::__hooks::EXAMPLES,
        },
    ]
}

impl Case {
    /// A reply that decodes: the document's example when it has one, else an
    /// object with the success flag.
    fn success(&self) -> Fault {
        let example = self.examples.iter().find(|e| {
            e.operation == self.operation
                && e.kind == meeting_api_client::__private::ExampleKind::Response
        });
        let body = match example {
            Some(e) => serde_json::from_str(e.json).expect("examples are JSON"),
            None => {
                let mut body = json!({});
                if let Some((flag, ok)) = self.vendor.error.success {
                    set_path(&mut body, flag, scalar(ok));
                }
                body
            }
        };
        Fault::json(200, &body)
    }

    /// A failure reply in the vendor's declared envelope with this `code`
    /// (the success flag, when the vendor has one, saying failure).
    fn failure(&self, status: u16, code: &str) -> Fault {
        let env = &self.vendor.error;
        let mut body = json!({});
        for (path, value) in [(env.code, json!(code)), (env.message, json!("slow down"))] {
            if let Some(path) = path {
                set_path(&mut body, path, value);
            }
        }
        if let (Some(key), None) = (env.key, env.code) {
            set_path(&mut body, key, json!(code));
        }
        if let Some((flag, ok)) = env.success {
            set_path(&mut body, flag, not(ok));
        }
        Fault::json(status, &body)
    }

    fn name(&self) -> &'static str {
        self.vendor.name
    }
}

fn scalar(s: JsonScalar) -> Value {
    match s {
        JsonScalar::Int(i) => json!(i),
        JsonScalar::Str(s) => json!(s),
        JsonScalar::Bool(b) => json!(b),
        JsonScalar::Null => Value::Null,
    }
}

fn not(s: JsonScalar) -> Value {
    match s {
        JsonScalar::Int(i) => json!(i + 1),
        JsonScalar::Str(s) => json!(format!("not {s}")),
        JsonScalar::Bool(b) => json!(!b),
        JsonScalar::Null => json!(0),
    }
}

fn set_path(json: &mut Value, path: &str, value: Value) {
    let mut at = json;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let object = at.as_object_mut().expect("an object");
        if keys.peek().is_none() {
            object.insert(key.to_string(), value);
            return;
        }
        at = object.entry(key).or_insert_with(|| json!({}));
    }
}

/// The error's text, whatever it is, is bounded, and it names its status.
fn assert_bounded(case: &Case, err: &Error, status: Option<u16>) {
    let shown = err.to_string();
    let debug = format!("{err:?}");
    let bound = RawBody::SHOWN + 512;
    assert!(
        shown.len() < bound,
        "{}: Display {} bytes",
        case.name(),
        shown.len()
    );
    assert!(
        debug.len() < bound,
        "{}: Debug {} bytes",
        case.name(),
        debug.len()
    );
    assert_eq!(err.status(), status, "{}: {err:?}", case.name());
}

async fn run(case: &Case, setup: &Setup) -> Result<(), Error> {
    (case.call)(setup).await
}

fn spec_vendor_names() -> Vec<String> {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let mut names: Vec<String> = std::fs::read_dir(specs)
        .expect("the specs directory")
        .map(|e| e.expect("an entry").path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_string();
            (p.is_dir() || p.extension().is_some_and(|e| e == "yaml")).then_some(stem)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_vendor_of_the_specs_has_a_case_here() {
    let mut ours: Vec<String> = cases().iter().map(|c| c.name().to_string()).collect();
    ours.sort();
    assert_eq!(ours, spec_vendor_names());
}

#[tokio::test]
async fn every_vendors_success_reply_decodes_from_the_test_server() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        run(&case, &Setup::new(&server))
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.name()));
    }
}

#[tokio::test]
async fn a_server_slower_than_the_timeout_is_a_timeout_error() {
    for case in cases() {
        let server = HostileServer::start(Fault::Slow(Duration::from_secs(5))).await;
        let mut setup = Setup::new(&server);
        setup.timeout = Duration::from_millis(200);
        let err = run(&case, &setup).await.expect_err("too slow");
        assert!(matches!(err, Error::Timeout), "{}: {err:?}", case.name());
        assert_bounded(&case, &err, None);
    }
}

#[tokio::test]
async fn a_truncated_or_reset_reply_is_a_transport_error() {
    for case in cases() {
        for fault in [Fault::Truncated, Fault::Reset] {
            let server = HostileServer::start(fault.clone()).await;
            let err = run(&case, &Setup::new(&server))
                .await
                .expect_err("no full reply");
            assert!(
                matches!(err, Error::Transport(_)),
                "{} {fault:?}: {err:?}",
                case.name()
            );
            assert_bounded(&case, &err, None);
        }
    }
}

#[tokio::test]
async fn html_garbage_and_wrong_types_are_typed_errors_with_the_status_and_the_body() {
    let html = "<html><body>502 Bad Gateway</body></html>";
    for case in cases() {
        let faults = [
            (Fault::reply(502, html), 502),
            (Fault::reply(200, html), 200),
            (Fault::reply(200, b"\xff\xfe{garbage".to_vec()), 200),
            (Fault::reply(500, b"".to_vec()), 500),
        ];
        let wrong_types = Fault::json(200, &json!([1, "two", {"three": null}]));
        let faults = faults
            .into_iter()
            .chain(case.typed_reply.then_some((wrong_types, 200)));
        for (fault, status) in faults {
            let server = HostileServer::start(fault.clone()).await;
            let err = run(&case, &Setup::new(&server))
                .await
                .expect_err("not a valid reply");
            assert!(
                matches!(err, Error::Api(_) | Error::Decode { .. }),
                "{} {fault:?}: {err:?}",
                case.name()
            );
            assert_bounded(&case, &err, Some(status));
            if let Fault::Reply { body, .. } = fault {
                // A success reply that may hold a secret is not kept.
                let withheld =
                    matches!(err, Error::Decode { .. }) && operation(&case).reply_secrets;
                let kept = match withheld {
                    true => Error::WITHHELD.as_bytes(),
                    false => body.as_slice(),
                };
                assert_eq!(err.raw_body_bytes(), Some(kept), "{}", case.name());
            }
        }
    }
}

#[tokio::test]
async fn a_multi_megabyte_error_body_prints_bounded_and_stays_whole_for_code() {
    let page = format!("<html>{}</html>", "错误".repeat(600_000));
    for case in cases() {
        let server = HostileServer::start(Fault::reply(500, page.clone())).await;
        let err = run(&case, &Setup::new(&server)).await.expect_err("a 500");
        assert_bounded(&case, &err, Some(500));
        assert!(format!("{err:?}").contains(&format!("({} bytes total)", page.len())));
        assert_eq!(err.raw_body(), Some(page.as_str()));
    }
}

#[tokio::test]
async fn a_decode_error_quoting_a_huge_string_of_the_reply_prints_bounded() {
    let huge = json!("x".repeat(2_000_000));
    for case in cases() {
        let mut wrapped = json!({"data": huge, "meeting_number": huge, "total": huge});
        if let Some((flag, ok)) = case.vendor.error.success {
            set_path(&mut wrapped, flag, scalar(ok));
        }
        let failing = case.failure(400, &"x".repeat(2_000_000));
        let server = HostileServer::start(failing).await;
        let err = run(&case, &Setup::new(&server)).await.expect_err("a 400");
        assert_bounded(&case, &err, Some(400));
        for body in [huge.clone(), wrapped] {
            let server = HostileServer::start(Fault::json(200, &body)).await;
            // A reply type may take a string there (untyped JSON, Polyv's
            // `data`): then there is no error to print.
            if let Err(err) = run(&case, &Setup::new(&server)).await {
                assert_bounded(&case, &err, Some(200));
            }
        }
    }
}

#[tokio::test]
async fn a_reply_over_the_size_limit_stops_while_streaming_with_a_typed_error() {
    const LIMIT: usize = 256 * 1024;
    const SENT: usize = 64 * 1024 * 1024;
    for case in cases() {
        for (status, declared) in [(200, false), (200, true), (500, false)] {
            let server = HostileServer::start(Fault::Huge {
                status,
                len: SENT,
                declared,
            })
            .await;
            let mut setup = Setup::new(&server);
            setup.max_reply_bytes = Some(LIMIT);
            let err = run(&case, &setup).await.expect_err("too large");
            let Error::TooLarge {
                status: s,
                limit,
                prefix,
            } = &err
            else {
                panic!("{}: expected TooLarge, got {err:?}", case.name())
            };
            assert_eq!((*s, *limit), (status, LIMIT));
            assert!(!prefix.is_empty() && prefix.len() <= RawBody::SHOWN);
            assert_bounded(&case, &err, Some(status));
            // The client hung up long before the end: what the server could
            // push is the limit, a chunk and the sockets' buffers.
            let written = server.body_bytes_written() as usize;
            assert!(written < SENT / 4, "{}: {written} bytes sent", case.name());
        }
    }
}

#[tokio::test]
async fn the_default_size_limit_accepts_a_reply_just_under_it() {
    let limit = ClientBuilder::<tencent_meeting::Client>::DEFAULT_MAX_REPLY_BYTES;
    let case = &cases()[0];
    let server = HostileServer::start(Fault::reply(500, vec![b'x'; limit])).await;
    let err = run(case, &Setup::new(&server)).await.expect_err("a 500");
    assert_eq!(err.raw_body_bytes().map(<[u8]>::len), Some(limit));
    let server = HostileServer::start(Fault::reply(500, vec![b'x'; limit + 1])).await;
    let err = run(case, &Setup::new(&server)).await.expect_err("a 500");
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn redirects_are_not_followed_by_default_and_keep_status_and_location() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        server.script([Fault::redirect(307, "/moved?token=echoed")]);
        let err = run(&case, &Setup::new(&server))
            .await
            .expect_err("a redirect");
        let Error::Redirect { status, location } = &err else {
            panic!("{}: expected Redirect, got {err:?}", case.name())
        };
        assert_eq!(*status, 307);
        assert_eq!(
            location.as_deref(),
            Some(format!("{}/moved", server.uri()).as_str())
        );
        assert!(!err.to_string().contains("echoed"), "{err}");
        assert_eq!(server.received().len(), 1);
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_the_other_origin_receives_nothing() {
    for case in cases() {
        let elsewhere = HostileServer::start(case.success()).await;
        for policy in [RedirectPolicy::none(), RedirectPolicy::same_origin(5)] {
            for status in [301, 302, 303, 307, 308] {
                let server = HostileServer::start(case.success()).await;
                let target = format!("{}/steal", elsewhere.uri());
                server.script([Fault::redirect(status, &target)]);
                let mut setup = Setup::new(&server);
                setup.redirect = policy;
                let err = run(&case, &setup).await.expect_err("refused");
                assert!(
                    matches!(&err, Error::Redirect { location: Some(l), .. } if *l == target),
                    "{}: {err:?}",
                    case.name()
                );
                assert_bounded(&case, &err, Some(status));
            }
        }
        assert!(
            elsewhere.received().is_empty(),
            "{}: {:?}",
            case.name(),
            elsewhere.received()
        );
    }
}

#[tokio::test]
async fn a_users_reqwest_client_without_redirects_gets_the_same_refusal() {
    let case = &cases()[0];
    let elsewhere = HostileServer::start(case.success()).await;
    let server = HostileServer::start(case.success()).await;
    server.script([Fault::redirect(302, &format!("{}/steal", elsewhere.uri()))]);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let mut setup = Setup::new(&server);
    setup.redirect = RedirectPolicy::same_origin(5);
    let client = setup
        .configure(tencent_meeting::Client::builder(
            TencentMeetingCredentials::enterprise("AKID", "tc-secret", "app"),
        ))
        .http_client(http)
        .build()
        .expect("valid configuration");
    let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "u",
        tencent_meeting::InstanceId::Pc,
    );
    let err = client
        .list_live_replays_by_meeting_id(&request)
        .await
        .expect_err("refused");
    assert!(
        matches!(err, Error::Redirect { status: 302, .. }),
        "{err:?}"
    );
    assert!(elsewhere.received().is_empty());
}

#[tokio::test]
async fn an_opted_in_same_origin_redirect_is_followed_and_signed_afresh() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        // The Location echoes the request's query, credentials included, as
        // a careless gateway would.
        server.script([Fault::redirect(
            308,
            "/v2/moved?x=1&sign=old&account_token=old",
        )]);
        let mut setup = Setup::new(&server);
        setup.redirect = RedirectPolicy::same_origin(2);
        run(&case, &setup)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.name()));
        let received = server.received();
        assert_eq!(received.len(), 2, "{}", case.name());
        let hop = &received[1];
        assert!(hop.target.starts_with("/v2/moved"), "{}", hop.target);
        assert_eq!(hop.method, received[0].method);
        let echoed = format!("{}old", case.credential_marker);
        assert!(!hop.text().contains(&echoed), "{}", hop.target);
        let marks = |r: &Received| r.text().matches(case.credential_marker).count();
        assert_eq!((marks(&received[0]), marks(hop)), (1, 1), "{}", case.name());
    }
}

#[tokio::test]
async fn redirects_past_the_bound_stop_with_a_redirect_error() {
    for case in cases() {
        let server = HostileServer::start(Fault::redirect(307, "/again")).await;
        let mut setup = Setup::new(&server);
        setup.redirect = RedirectPolicy::same_origin(3);
        let err = run(&case, &setup).await.expect_err("a loop");
        assert!(
            matches!(err, Error::Redirect { status: 307, .. }),
            "{err:?}"
        );
        assert_eq!(server.received().len(), 4, "{}", case.name());
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(20),
    }
}

#[tokio::test]
async fn a_429_is_retried_for_every_method_after_the_servers_retry_after() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        server.script([case.failure(429, "busy").with_header("Retry-After", "0")]);
        let mut setup = Setup::new(&server);
        setup.retry = Some(fast_retries());
        run(&case, &setup)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.name()));
        assert_eq!(server.received().len(), 2, "{}", case.name());
        // The server's wait was used: no backoff was computed.
        assert_eq!(setup.jitter.asked(), 0, "{}", case.name());
    }
}

#[tokio::test]
async fn a_retry_after_date_or_none_falls_back_to_capped_backoff_when_needed() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        server.script([
            case.failure(429, "busy"),
            case.failure(429, "busy")
                .with_header("Retry-After", "Wed, 21 Oct 2065 07:28:00 GMT"),
        ]);
        let mut setup = Setup::new(&server);
        setup.retry = Some(fast_retries());
        run(&case, &setup)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.name()));
        assert_eq!(server.received().len(), 3, "{}", case.name());
        // Backoff only for the reply without Retry-After; the far date was
        // honoured, capped at max_delay.
        assert_eq!(setup.jitter.asked(), 1, "{}", case.name());
    }
}

fn rate_limit_code(e: &Error) -> Option<RetryClass> {
    let api = e.api()?;
    let code = api.code.as_deref().or(api.key.as_deref())?;
    (code == "RATE-LIMIT").then_some(RetryClass::RateLimited)
}

#[tokio::test]
async fn a_vendor_rate_limit_code_in_an_ordinary_envelope_is_retried_only_when_a_predicate_says_so()
{
    for case in cases() {
        for status in [200, 400] {
            let server = HostileServer::start(case.success()).await;
            server.script([case.failure(status, "RATE-LIMIT")]);
            let mut setup = Setup::new(&server);
            setup.retry = Some(fast_retries());
            let err = run(&case, &setup).await.expect_err("not retried");
            assert_bounded(&case, &err, Some(status));
            assert!(rate_limit_code(&err).is_some(), "{}: {err:?}", case.name());
            assert_eq!(server.received().len(), 1, "{} {status}", case.name());

            let server = HostileServer::start(case.success()).await;
            server.script([case.failure(status, "RATE-LIMIT")]);
            let mut setup = Setup::new(&server);
            setup.retry = Some(fast_retries());
            setup.retry_if = Some(rate_limit_code);
            run(&case, &setup)
                .await
                .unwrap_or_else(|e| panic!("{} {status}: {e:?}", case.name()));
            assert_eq!(server.received().len(), 2, "{} {status}", case.name());
        }
    }
}

#[tokio::test]
async fn a_vendor_code_listed_as_a_rate_limit_is_retried_in_any_envelope() {
    const CODES: &[RetryCode] = &[RetryCode {
        code: "RATE-LIMIT",
        class: RetryClass::RateLimited,
    }];
    for case in cases() {
        for status in [200, 400, 500] {
            let server = HostileServer::start(case.success()).await;
            server.script([case.failure(status, "RATE-LIMIT")]);
            let mut setup = Setup::new(&server);
            setup.retry = Some(fast_retries());
            setup.retry_codes = CODES;
            run(&case, &setup)
                .await
                .unwrap_or_else(|e| panic!("{} {status}: {e:?}", case.name()));
            assert_eq!(server.received().len(), 2, "{} {status}", case.name());
        }
    }
}

#[tokio::test]
async fn a_post_listed_as_idempotent_is_retried_after_a_503() {
    let case = cases()
        .into_iter()
        .find(|c| c.name() == "polyv")
        .expect("polyv");
    let server = HostileServer::start(case.success()).await;
    server.script([case.failure(503, "down")]);
    let mut setup = Setup::new(&server);
    setup.retry = Some(fast_retries());
    setup.idempotent_operations = &["update_channel_role_config"];
    run(&case, &setup).await.expect("retried");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_503_is_retried_only_for_idempotent_calls_unless_a_call_is_marked_idempotent() {
    for case in cases() {
        let server = HostileServer::start(case.success()).await;
        server.script([case.failure(503, "down")]);
        let mut setup = Setup::new(&server);
        setup.retry = Some(fast_retries());
        let result = run(&case, &setup).await;
        let idempotent = meeting_api_client::vendor::Method::is_idempotent(operation(&case).method);
        assert_eq!(result.is_ok(), idempotent, "{}: {result:?}", case.name());
        assert_eq!(server.received().len(), if idempotent { 2 } else { 1 });
    }
    // The one POST, marked idempotent for this call.
    let case = cases()
        .into_iter()
        .find(|c| c.name() == "polyv")
        .expect("polyv");
    let server = HostileServer::start(case.success()).await;
    server.script([case.failure(503, "down")]);
    let mut setup = Setup::new(&server);
    setup.retry = Some(fast_retries());
    let client = setup
        .configure(polyv::Client::builder(PolyvCredentials::new("app", "s")))
        .build()
        .expect("valid configuration");
    let request =
        polyv::UpdateChannelRoleConfigRequest::new(1, polyv::Role::Guest, Default::default());
    client
        .core()
        .send_with(&request, &CallOptions::new().idempotent(true))
        .await
        .expect("retried");
    assert_eq!(server.received().len(), 2);
}

fn operation(case: &Case) -> &'static meeting_api_client::vendor::OperationInfo {
    let all: &[&[meeting_api_client::vendor::OperationInfo]] = &[
        tencent_meeting::OPERATIONS,
        yxt::OPERATIONS,
        polyv::OPERATIONS,
        kedacom::OPERATIONS,
    ];
    all.iter()
        .flat_map(|ops| ops.iter())
        .find(|op| op.name == case.operation)
        .expect("a declared operation")
}

#[tokio::test]
async fn per_call_options_set_a_timeout_and_headers_but_never_replace_credentials() {
    let server = HostileServer::start(Fault::Slow(Duration::from_millis(1500))).await;
    let client = Setup::new(&server)
        .configure(tencent_meeting::Client::builder(
            TencentMeetingCredentials::enterprise("AKID", "tc-secret", "app"),
        ))
        .build()
        .expect("valid configuration");
    let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "u",
        tencent_meeting::InstanceId::Pc,
    );
    let short = CallOptions::new()
        .timeout(Duration::from_millis(100))
        .header("X-Trace-Id", "call-7");
    let err = client
        .core()
        .send_with(&request, &short)
        .await
        .expect_err("this call's timeout");
    assert!(matches!(err, Error::Timeout), "{err:?}");
    client
        .core()
        .send_with(&request, &CallOptions::new().header("X-Trace-Id", "call-8"))
        .await
        .expect("the client's timeout is 30 s");
    let traced: Vec<_> = server
        .received()
        .iter()
        .map(|r| r.header("x-trace-id").map(str::to_string))
        .collect();
    assert_eq!(traced, [Some("call-7".into()), Some("call-8".into())]);

    let forged = CallOptions::new().header("X-TC-Signature", "forged");
    let err = client
        .core()
        .send_with(&request, &forged)
        .await
        .expect_err("a credential header");
    assert!(
        matches!(&err, Error::Config(m) if m.contains("X-TC-Signature")),
        "{err:?}"
    );
    assert_eq!(server.received().len(), 2, "nothing more was sent");
}

#[tokio::test]
async fn kedacom_page_walks_stop_when_the_server_lies_about_paging() {
    let item = |i: usize| json!({"id": format!("c{i}")});
    let page = |n: usize, total: i64| {
        let items: Vec<Value> = (0..n).map(item).collect();
        Fault::json(
            200,
            &json!({"success": 1, "total": total, "booked_confs": items}),
        )
    };
    let lies = [
        // A total far beyond what is ever sent: the short page ends it.
        (vec![page(10, 1_000_000), page(3, 1_000_000)], 13, 2),
        // Full pages past a total that says fewer: the total ends it.
        (vec![page(10, 15), page(10, 15)], 20, 2),
        // A server that ignores the page size and sends more: taken as all.
        (vec![page(25, 1_000_000)], 25, 1),
        // An empty page while the total says more.
        (vec![page(10, 50), page(0, 50)], 10, 2),
    ];
    for (script, items, requests) in lies {
        let server = HostileServer::start(page(10, 1_000_000)).await;
        server.script(script);
        let client = Setup::new(&server)
            .configure(kedacom::Client::builder(KedacomCredentials::new("t")))
            .build()
            .expect("valid configuration");
        let all = client
            .core()
            .collect_pages(&kedacom::ListBookedConferencesRequest::default(), 10)
            .await
            .expect("a walk");
        assert_eq!(all.len(), items);
        assert_eq!(server.received().len(), requests);
    }
}

//! Under load: one client shared by 64 tasks sends 10,000 requests to a local
//! server; none fails and the process's memory does not grow with the count.
//!
//! Ignored by default (it takes seconds, and its figures are only meaningful
//! in a release build): `cargo test --release -p meeting-api-client --test
//! under_load -- --ignored --nocapture`. Figures are in docs/performance.md.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use meeting_api_client::auth::TencentMeetingCredentials;
use meeting_api_client::tencent_meeting;
use serde_json::json;
use support::hostile::{Fault, HostileServer};

const TASKS: usize = 64;
const REQUESTS: usize = 10_000;
/// A bound on the run, not a speed requirement: a hung run fails here.
const AT_MOST: Duration = Duration::from_secs(600);
/// Growth allowed between the first tenth of the run and its end.
const GROWTH_BOUND_KIB: u64 = 8 * 1024;

/// The resident set size of this process, from /proc (Linux).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn send(client: &tencent_meeting::Client, count: usize) {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..TASKS {
        let (client, next) = (client.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let request = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
                "1",
                "u",
                tencent_meeting::InstanceId::Pc,
            );
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < count {
                client
                    .list_live_replays_by_meeting_id(&request)
                    .await
                    .expect("no request fails");
            }
        }));
    }
    for t in tasks {
        t.await.expect("no task panics");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a load run: see the module docs"]
async fn one_client_shared_by_64_tasks_sends_10000_requests_without_error_or_growth() {
    let reply = json!({"meeting_number": 1, "meeting_info_list": [{"meeting_code": "1"}]});
    let server = HostileServer::start(Fault::json(200, &reply)).await;
    server.count_only();
    let client = tencent_meeting::Client::builder(TencentMeetingCredentials::enterprise(
        "AKID", "secret", "app",
    ))
    .base_url(server.uri())
    .allow_http(true)
    .build()
    .expect("valid configuration");
    let run = async {
        let warm = REQUESTS / 10;
        let start = Instant::now();
        send(&client, warm).await;
        let rss_warm = rss_kib();
        send(&client, REQUESTS - warm).await;
        (start.elapsed(), rss_warm, rss_kib())
    };
    let (elapsed, rss_warm, rss_end) = tokio::time::timeout(AT_MOST, run)
        .await
        .expect("the run ends within its bound");
    assert_eq!(server.received_count(), REQUESTS as u64);
    println!(
        "{REQUESTS} requests, {TASKS} tasks: {:.2} s, {:.0} requests/s; RSS after {} requests: {:?} KiB, at the end: {:?} KiB",
        elapsed.as_secs_f64(),
        REQUESTS as f64 / elapsed.as_secs_f64(),
        REQUESTS / 10,
        rss_warm,
        rss_end,
    );
    if let (Some(warm), Some(end)) = (rss_warm, rss_end) {
        assert!(
            end.saturating_sub(warm) < GROWTH_BOUND_KIB,
            "memory grew from {warm} KiB to {end} KiB"
        );
    }
}

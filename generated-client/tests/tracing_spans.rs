//! Tracing: every call runs in a `meeting_api_call` span naming vendor and
//! operation, and no span or event of a call holds a secret.
//!
//! Alone in its own test binary: tracing caches per-callsite interest, and a
//! test on another thread without this subscriber could make it miss events.

mod support;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
use support::secret_clients::{assert_no_secret, kedacom, polyv, tencent, tencent_oauth, yxt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Records every span and event as text.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        write!(self.0, " {}={value:?}", field.name()).expect("formatting");
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.lines.lock().expect("not poisoned").push(line);
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("not poisoned").clone()
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields(format!("span {}", span.metadata().name()));
        span.record(&mut fields);
        self.push(fields.0);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::SeqCst) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut fields = Fields("record".into());
        values.record(&mut fields);
        self.push(fields.0);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(format!("event {}", event.metadata().target()));
        event.record(&mut fields);
        self.push(fields.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn every_call_has_a_span_with_vendor_and_operation_and_no_log_line_holds_a_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    // A 503 first, so the GET below is retried and logs its retry.
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"success":1,"total":0,"booked_confs":[],"meeting_number":0,"code":200,"status":"success"}"#,
        ))
        .mount(&server)
        .await;
    let uri = server.uri();
    kedacom(&uri)
        .list_booked_conferences(&kedacom::ListBookedConferencesRequest::default())
        .await
        .expect("the retry succeeds");
    let replays = tencent_meeting::ListLiveReplaysByMeetingIdRequest::new(
        "1",
        "u",
        tencent_meeting::InstanceId::Pc,
    );
    tencent(&uri)
        .list_live_replays_by_meeting_id(&replays)
        .await
        .expect("decodes");
    tencent_oauth(&uri)
        .list_live_replays_by_meeting_id(&replays)
        .await
        .expect("decodes");
    let _ = polyv(&uri)
        .update_channel_role_config(&polyv::UpdateChannelRoleConfigRequest::new(
            1,
            polyv::Role::Guest,
            polyv::RoleConfig::default(),
        ))
        .await;
    let _ = yxt(&uri)
        .update_room(&yxt::UpdateRoomRequest::new(
            "room",
            yxt::RoomUpdate::new("name"),
        ))
        .await;
    let lines = capture.lines();
    let spans: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("span meeting_api_call"))
        .collect();
    assert_eq!(spans.len(), 5, "{lines:#?}");
    assert!(
        spans[0].contains(r#"vendor="kedacom""#)
            && spans[0].contains(r#"operation="list_booked_conferences""#)
            && spans[0].contains(r#"path="/api/v1/mc/booked_confs""#),
        "{}",
        spans[0]
    );
    assert!(lines.iter().any(|l| l.contains("retrying")), "{lines:#?}");
    for line in &lines {
        assert_no_secret(line);
        assert!(!line.contains("sso-cookie-4d90"), "{line}");
        assert!(!line.contains("sign="), "{line}");
    }
}

//! What the mock tests share: a client core of each built-in vendor pointed
//! at a mock, sending any operation from its JSON, the document's request
//! examples.

#![allow(dead_code)] // Each test uses a different part.

use meeting_api_client::mock::MockServer;
use meeting_api_client::{ClientBuilder, Clock, Core, SystemClock};
use serde_json::Value;

/// How a test client departs from one the mock accepts.
#[derive(Debug, Clone, Default)]
pub struct Tweaks {
    /// Sign with this secret instead of the mock's.
    pub secret: Option<String>,
    /// The client's clock runs this many milliseconds behind.
    pub clock_behind_ms: u64,
    /// Send without validating first.
    pub no_validation: bool,
}

/// A clock behind the system's.
struct Behind(u64);

impl Clock for Behind {
    fn now_millis(&self) -> u64 {
        SystemClock.now_millis() - self.0
    }
}

impl Tweaks {
    fn apply<C>(&self, builder: ClientBuilder<C>, mock: &MockServer) -> ClientBuilder<C> {
        let builder = builder.base_url(mock.base_url()).allow_http(true);
        let builder = builder.clock(Behind(self.clock_behind_ms));
        builder.validate(!self.no_validation)
    }
}

/// A client core of `vendor` pointed at the mock with its credentials.
pub fn core_for(vendor: &str, mock: &MockServer) -> Core {
    core_with(vendor, mock, &Tweaks::default())
}

/// A client core of `vendor` pointed at the mock, departing by `tweaks`.
pub fn core_with(vendor: &str, mock: &MockServer, tweaks: &Tweaks) -> Core {
    use meeting_api_client::auth::*;
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    let id = mock.credentials().id.clone();
    let secret = tweaks
        .secret
        .clone()
        .unwrap_or(mock.credentials().secret.clone());
    let core = match vendor {
        "tencent_meeting" => {
            let c = TencentMeetingCredentials::enterprise(id, secret, "app");
            let client = tweaks
                .apply(tencent_meeting::Client::builder(c), mock)
                .build();
            client.map(|c| c.core().clone())
        }
        "yxt" => {
            let c = YxtCredentials::new(id, secret, "source");
            let client = tweaks.apply(yxt::Client::builder(c), mock).build();
            client.map(|c| c.core().clone())
        }
        "polyv" => {
            let c = PolyvCredentials::new(id, secret);
            let client = tweaks.apply(polyv::Client::builder(c), mock).build();
            client.map(|c| c.core().clone())
        }
        "kedacom" => {
            let c = KedacomCredentials::new(secret);
            let client = tweaks.apply(kedacom::Client::builder(c), mock).build();
            client.map(|c| c.core().clone())
        }
        other => panic!("no client for {other}"),
    };
    core.unwrap()
}

/// Sends `json` as `operation`'s request of `vendor`.
pub async fn send(
    vendor: &str,
    core: &Core,
    operation: &str,
    json: &str,
) -> Result<Value, meeting_api_client::Error> {
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    let reply = match vendor {
        "tencent_meeting" => {
            tencent_meeting::__hooks::send_request_json(core, operation, json).await
        }
        "yxt" => yxt::__hooks::send_request_json(core, operation, json).await,
        "polyv" => polyv::__hooks::send_request_json(core, operation, json).await,
        "kedacom" => kedacom::__hooks::send_request_json(core, operation, json).await,
        _ => None,
    };
    reply.unwrap_or_else(|| panic!("{vendor} has no operation {operation}"))
}

/// The document's request examples (bodies) of `operation`.
pub fn examples(vendor: &str, operation: &str) -> Vec<Value> {
    use meeting_api_client::__private::ExampleKind;
    use meeting_api_client::{kedacom, polyv, tencent_meeting, yxt};
    let all = match vendor {
        "tencent_meeting" => tencent_meeting::__hooks::EXAMPLES,
        "yxt" => yxt::__hooks::EXAMPLES,
        "polyv" => polyv::__hooks::EXAMPLES,
        _ => kedacom::__hooks::EXAMPLES,
    };
    let mine = all
        .iter()
        .filter(|e| e.operation == operation && e.kind == ExampleKind::Request);
    mine.filter_map(|e| serde_json::from_str(e.json).ok())
        .collect()
}

//! The `meeting-api-mock` binary: the example programs run against it
//! unchanged (same environment variables), and it serves a user's own spec
//! given with `--specs`, logging one line per request.
//!
//! The examples are the binaries `cargo test` builds beside the tests
//! (`target/<profile>/examples/`); running them is milliseconds, where
//! `cargo run --example` would rebuild and lock the target directory.

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};

use serde_json::{json, Value};

/// A running `meeting-api-mock`, stopped on drop.
struct Mock {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    base_url: String,
}

impl Mock {
    /// Starts the binary with `args` and `env` on a free port.
    fn start(args: &[&str], env: &[(&str, &str)]) -> Mock {
        let mut child = Command::new(env!("CARGO_BIN_EXE_meeting-api-mock"))
            .args(args)
            .args(["--port", "0"])
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the mock binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("a first line").unwrap();
        let base_url = first.rsplit(' ').next().unwrap().to_string();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{first}");
        Mock {
            child,
            lines,
            base_url,
        }
    }

    /// Stops it; the lines it logged.
    fn stop(mut self) -> Vec<String> {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.lines.by_ref().map_while(Result::ok).collect()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Where `cargo test` put the example `name`.
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile = deps.parent().and_then(Path::parent).unwrap();
    let path = profile
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: `cargo test` builds the examples (or run `cargo build --examples`)",
        path.display()
    );
    path
}

/// Environment variables and their values.
type Env = &'static [(&'static str, &'static str)];

/// Each example, the vendor it calls, and its environment (credentials the
/// binary reads too; the base URL is added).
const EXAMPLES: &[(&str, &str, Env)] = &[
    (
        "tencent_meeting",
        "TENCENT_MEETING_BASE_URL",
        &[
            ("TENCENT_MEETING_SECRET_ID", "id-1"),
            ("TENCENT_MEETING_SECRET_KEY", "key-1"),
            ("TENCENT_MEETING_APP_ID", "app-1"),
        ],
    ),
    (
        "yxt",
        "YXT_BASE_URL",
        &[
            ("YXT_APP_KEY", "key-1"),
            ("YXT_APP_SECRET", "secret-1"),
            ("YXT_SOURCE", "source-1"),
        ],
    ),
    (
        "polyv",
        "POLYV_BASE_URL",
        &[("POLYV_APP_ID", "app-1"), ("POLYV_APP_SECRET", "secret-1")],
    ),
    (
        "kedacom",
        "KEDACOM_BASE_URL",
        &[("KEDACOM_ACCOUNT_TOKEN", "token-1")],
    ),
];

/// Runs the example `name` with `env`, its base URL (`base_var`) the mock's.
fn run_example(name: &str, base_var: &str, env: &[(&str, &str)], mock: &Mock) -> Output {
    let mut command = Command::new(example(name));
    command
        .envs(env.iter().copied())
        .env(base_var, &mock.base_url);
    command.output().unwrap()
}

#[test]
fn every_example_program_runs_against_the_binary_unchanged() {
    for (vendor, base_var, env) in EXAMPLES {
        let mock = Mock::start(&["--vendor", vendor], env);
        let output = run_example(vendor, base_var, env, &mock);
        let log = mock.stop();
        let shown = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{vendor}: {shown}\nmock log: {log:?}"
        );
        assert!(!log.is_empty(), "{vendor}: the mock logged no request");
        assert!(
            log.iter()
                .all(|l| l.ends_with("-> 200") || l.ends_with("-> 204")),
            "{vendor}: {log:?}"
        );
    }
}

#[test]
fn the_examples_fail_against_the_binary_with_other_credentials() {
    let (vendor, base_var, env) = EXAMPLES[1];
    let mock = Mock::start(&["--vendor", vendor], &[]);
    let output = run_example(vendor, base_var, env, &mock);
    let log = mock.stop();
    assert!(!output.status.success());
    assert!(log[0].ends_with("update_room -> 401"), "{log:?}");
}

/// A user's own vendor, in the spec format (docs/spec-format.md).
const USER_SPEC: &str = r#"
vendor:
  name: acme
  title: Acme rooms
  base_url: https://api.acme.example
  auth: kedacom
  error: {type: Failure, code: code, message: msg, success: {field: ok, equals: true}}
types:
  Failure:
    fields:
      ok: {type: boolean}
      code: {type: integer}
      msg: {type: string}
  Color:
    enum: string
    values:
      R: {name: Red, label: red}
      G: {name: Green, label: green}
  Room:
    fields:
      name: {type: string, required: true, max_chars: 5}
      color: {type: Color}
      size: {type: integer, min: 1, max: 10}
operations:
  create_room:
    title: Create a room
    method: POST
    path: /rooms/{id}
    path_params:
      id: {type: string, required: true}
    body: {encoding: json, type: Room}
    response: {type: Room}
    examples:
      - name: reply
        kind: response
        verbatim: '{"name": "lobby", "color": "R"}'
"#;

/// POSTs `body` to the user's operation with `token`: status and reply.
fn create_room(base_url: &str, token: &str, body: Value) -> (u16, Value) {
    let url = format!("{base_url}/rooms/r1?account_token={token}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let reply = reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = reply.status().as_u16();
        (
            status,
            serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap(),
        )
    })
}

#[test]
fn a_users_own_spec_is_routed_authenticated_validated_and_answered_with_its_example() {
    let dir = std::env::temp_dir().join(format!("meeting-api-mock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("acme.yaml"), USER_SPEC).unwrap();
    let specs = dir.to_str().unwrap();
    let mock = Mock::start(
        &["--vendor", "acme", "--specs", specs],
        &[("KEDACOM_ACCOUNT_TOKEN", "t1")],
    );
    let url = mock.base_url.clone();
    let ok = create_room(&url, "t1", json!({"name": "hall", "color": "G", "size": 3}));
    assert_eq!(
        ok,
        (200, json!({"name": "lobby", "color": "R", "ok": true}))
    );
    let refused = [
        (create_room(&url, "t2", json!({"name": "hall"})), 401, 40100),
        (create_room(&url, "t1", json!({"color": "G"})), 400, 40001),
        (
            create_room(&url, "t1", json!({"name": "too long"})),
            400,
            40001,
        ),
        (
            create_room(&url, "t1", json!({"name": "hall", "color": "X"})),
            400,
            40001,
        ),
        (
            create_room(&url, "t1", json!({"name": "hall", "size": 11})),
            400,
            40001,
        ),
    ];
    for ((status, body), want_status, want_code) in refused {
        assert_eq!(
            (status, &body["code"], &body["ok"]),
            (want_status, &json!(want_code), &json!(false)),
            "{body}"
        );
    }
    let log = mock.stop();
    assert_eq!(log.len(), 6, "{log:?}");
    assert!(
        log[0].starts_with("POST /rooms/r1?account_token=t1 create_room -> 200"),
        "{log:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

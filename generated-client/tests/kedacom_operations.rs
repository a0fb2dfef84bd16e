//! Every one of the 25 Kedacom operations against a local server: method, path,
//! `account_token` placement (query for GET/DELETE, form or multipart field for
//! POST), `params` encoded once as JSON, the `SSO_COOKIE_KEY` cookie, and a
//! documented success reply decoded into the generated types.
//!
//! Replies come from the document: its printed examples where it has one
//! (`kedacom::__hooks::EXAMPLES`), otherwise the fields of its 成功回复说明 table.

mod support;

use meeting_api_client::__private::ExampleKind;
use meeting_api_client::auth::KedacomCredentials;
use meeting_api_client::kedacom::{self, *};
use meeting_api_client::FilePart;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use support::{form_fields, header, multipart_parts, only_request};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "kd-token/+=&1";
const COOKIE: &str = "sso-cookie-1";

/// A server answering `reply` once, and a client with token and cookie.
async fn serve(reply: Value) -> (MockServer, kedacom::Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(reply))
        .expect(1)
        .mount(&server)
        .await;
    let client = kedacom::Client::builder(KedacomCredentials::new(TOKEN).with_sso_cookie(COOKIE))
        .base_url(server.uri())
        .allow_http(true)
        .build()
        .expect("valid configuration");
    (server, client)
}

/// The document's example of `kind` for `operation`, as JSON.
fn example(operation: &str, kind: ExampleKind) -> Value {
    let ex = kedacom::__hooks::EXAMPLES
        .iter()
        .find(|e| e.operation == operation && e.kind == kind)
        .unwrap_or_else(|| panic!("the document prints a {kind:?} example for {operation}"));
    serde_json::from_str(ex.json).expect("the example is JSON")
}

/// A request body built from the document's params示例.
fn example_body<T: DeserializeOwned>(operation: &str) -> T {
    serde_json::from_value(example(operation, ExampleKind::Request))
        .expect("the params example fits the generated type")
}

fn assert_method_path_cookie(req: &Request, method: &str, path: &str) {
    assert_eq!(req.method.as_str(), method);
    assert_eq!(req.url.path(), path);
    assert_eq!(
        header(req, "Cookie"),
        Ok(format!("SSO_COOKIE_KEY={COOKIE}").as_str())
    );
}

/// The query holds exactly `expected` plus the token.
fn assert_query(req: &Request, expected: &[(&str, &str)]) {
    let mut got: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    got.sort();
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    want.push(("account_token".into(), TOKEN.into()));
    want.sort();
    assert_eq!(got, want);
}

/// A GET or DELETE: token in the query, nothing in the body.
fn assert_bodiless(req: &Request, method: &str, path: &str, query: &[(&str, &str)]) {
    assert_method_path_cookie(req, method, path);
    assert_query(req, query);
    assert!(req.body.is_empty(), "no body on a {method}");
}

/// A form POST: `params` is the JSON of `params` (decoded once it parses as
/// JSON, so it was encoded once) and the token is a form field, not in the query.
fn assert_form_post(req: &Request, path: &str, params: &Value) {
    assert_method_path_cookie(req, "POST", path);
    assert_eq!(
        header(req, "Content-Type"),
        Ok("application/x-www-form-urlencoded")
    );
    assert_eq!(req.url.query(), None, "the token goes in the form");
    let fields = form_fields(req);
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["params", "account_token"]);
    let sent: Value = serde_json::from_str(&fields[0].1).expect("params is JSON text");
    assert_eq!(&sent, params);
    assert_eq!(fields[1].1, TOKEN);
}

#[tokio::test]
async fn list_booked_conferences_is_a_get_with_paging_and_time_filters_in_the_query() {
    let (server, client) = serve(json!({
        "success": 1, "total": 1,
        "booked_confs": [{"name": "周会", "conf_id": "123#456", "meeting_id": "123321",
            "conf_type": 0, "max_join_mt": 192,
            "creator": {"name": "张三", "account": "zs", "account_type": 1}}]
    }))
    .await;
    let request = ListBookedConferencesRequest::default()
        .with_start(0)
        .with_count(10)
        .with_order(1)
        .with_start_time("2020-07-24T15:30:00+08:00")
        .with_end_time("2020-07-31T15:30:00+08:00");
    let list = client
        .list_booked_conferences(&request)
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/booked_confs",
        &[
            ("start", "0"),
            ("count", "10"),
            ("order", "1"),
            ("start_time", "2020-07-24T15:30:00+08:00"),
            ("end_time", "2020-07-31T15:30:00+08:00"),
        ],
    );
    assert_eq!(list.total, Some(1));
    let conf = &list.booked_confs.expect("a list")[0];
    assert_eq!(conf.conf_type, Some(ConfType::Traditional));
    assert_eq!(conf.max_join_mt, Some(MaxJoinMt::Large192));
    assert_eq!(
        conf.creator.as_ref().and_then(|c| c.name.as_deref()),
        Some("张三")
    );
}

#[tokio::test]
async fn get_booked_conference_escapes_the_conf_id_and_decodes_the_printed_example() {
    let (server, client) = serve(example("get_booked_conference", ExampleKind::Response)).await;
    let conf = client
        .get_booked_conference(&GetBookedConferenceRequest::new("123#456"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/booked_confs/123%23456",
        &[],
    );
    assert_eq!(conf.name.as_deref(), Some("test1"));
    assert_eq!(conf.conf_id.as_deref(), Some("123#456"));
    assert_eq!(conf.duration, Some(240));
}

#[tokio::test]
async fn book_conference_posts_the_params_example_as_one_form_field() {
    let (server, client) =
        serve(json!({"success": 1, "conf_id": "7771234", "meeting_id": "m-1"})).await;
    let body: BookedConferenceParams = example_body("book_conference");
    let params = serde_json::to_value(&body).expect("serializable");
    assert_eq!(params["name"], "name");
    let result = client
        .book_conference(&BookConferenceRequest::new(body))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/booked_confs",
        &params,
    );
    assert_eq!(result.conf_id.as_deref(), Some("7771234"));
    assert_eq!(result.meeting_id.as_deref(), Some("m-1"));
}

#[tokio::test]
async fn update_booked_conference_posts_params_to_the_conference_path() {
    let (server, client) = serve(json!({"success": 1, "conf_id": "123#456"})).await;
    let body: BookedConferenceParams = example_body("update_booked_conference");
    let params = serde_json::to_value(&body).expect("serializable");
    let result = client
        .update_booked_conference(&UpdateBookedConferenceRequest::new("123#456", body))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/booked_confs/123%23456",
        &params,
    );
    assert_eq!(result.conf_id.as_deref(), Some("123#456"));
}

#[tokio::test]
async fn delete_booked_conference_is_a_delete_with_the_token_in_the_query() {
    let (server, client) = serve(json!({"success": 1, "description": "ok"})).await;
    let result = client
        .delete_booked_conference(&DeleteBookedConferenceRequest::new("123#456"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "DELETE",
        "/api/v1/mc/booked_confs/123%23456",
        &[],
    );
    assert_eq!(result.success, Some(1));
    assert_eq!(result.description.as_deref(), Some("ok"));
}

#[tokio::test]
async fn create_conference_posts_the_params_example_as_one_form_field() {
    let (server, client) =
        serve(json!({"success": 1, "conf_id": "0001234", "meeting_id": "m-2"})).await;
    let body: ConferenceParams = example_body("create_conference");
    let params = serde_json::to_value(&body).expect("serializable");
    assert_eq!(params["create_type"], 1);
    let result = client
        .create_conference(&CreateConferenceRequest::new(body))
        .await
        .expect("decodes");
    assert_form_post(&only_request(&server).await, "/api/v1/mc/confs", &params);
    assert_eq!(result.conf_id.as_deref(), Some("0001234"));
}

#[tokio::test]
async fn end_conference_is_a_delete_of_the_conference() {
    let (server, client) = serve(json!({"success": 1})).await;
    let result = client
        .end_conference(&EndConferenceRequest::new("0001234"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "DELETE",
        "/api/v1/mc/confs/0001234",
        &[],
    );
    assert_eq!(result.success, Some(1));
}

#[tokio::test]
async fn upload_meeting_file_sends_a_multipart_file_part_and_the_token_as_a_text_part() {
    let (server, client) = serve(json!({
        "success": 1, "description": "ok",
        "meeting_file": {"file_id": "f-1", "meeting_id": "m-1", "file_name": "议程.pdf",
            "file_type": "8", "extension_name": "pdf", "file_url": "/files/f-1",
            "file_size": "0.01", "creator_moid": "moid-1", "creator_name": "张三",
            "create_time": "2021-11-23T10:00:00+08:00"}
    }))
    .await;
    let content = b"%PDF-1.4 agenda".to_vec();
    let file = FilePart::new("议程.pdf", content.clone()).with_content_type("application/pdf");
    let upload = client
        .upload_meeting_file(&UploadMeetingFileRequest::new(
            "m-1",
            UploadMeetingFileBody::new(file),
        ))
        .await
        .expect("decodes");
    let req = only_request(&server).await;
    assert_method_path_cookie(&req, "POST", "/api/v1/mc/meeting_files/m-1");
    assert!(header(&req, "Content-Type").is_ok_and(|ct| ct.starts_with("multipart/form-data")));
    assert_eq!(req.url.query(), None);
    let parts = multipart_parts(&req);
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["account_token", "file"]);
    assert_eq!(parts[0].body, TOKEN.as_bytes());
    assert_eq!(parts[0].file_name, None);
    assert_eq!(parts[1].file_name.as_deref(), Some("议程.pdf"));
    assert_eq!(parts[1].content_type.as_deref(), Some("application/pdf"));
    assert_eq!(parts[1].body, content);
    let file = upload.meeting_file.expect("the uploaded file");
    assert_eq!(file.file_type, Some(FileType::Pdf));
    assert_eq!(file.file_id.as_deref(), Some("f-1"));
}

#[tokio::test]
async fn delete_meeting_file_is_a_delete_of_the_file() {
    let (server, client) = serve(json!({"success": 1, "description": "deleted"})).await;
    let result = client
        .delete_meeting_file(&DeleteMeetingFileRequest::new("f-1"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "DELETE",
        "/api/v1/mc/meeting_files/f-1",
        &[],
    );
    assert_eq!(result.description.as_deref(), Some("deleted"));
}

#[tokio::test]
async fn list_meeting_files_is_a_get_of_the_meeting_files() {
    let (server, client) = serve(json!({
        "success": 1, "total": 2,
        "meeting_files": [{"file_id": "f-1", "file_type": "3"}, {"file_id": "f-2", "file_type": "12"}]
    }))
    .await;
    let list = client
        .list_meeting_files(&ListMeetingFilesRequest::new("m-1"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/meeting_files/m-1",
        &[],
    );
    let files = list.meeting_files.expect("a list");
    assert_eq!(
        files
            .iter()
            .map(|f| f.file_type.clone())
            .collect::<Vec<_>>(),
        [Some(FileType::Docx), Some(FileType::Png)]
    );
}

#[tokio::test]
async fn list_meeting_room_areas_is_a_get_with_paging_in_the_query() {
    let (server, client) = serve(json!({
        "success": 1, "total": 1, "meeting_room_areas": [{"id": "a-1", "area": "三楼东"}]
    }))
    .await;
    let request = ListMeetingRoomAreasRequest::default()
        .with_start(5)
        .with_count(20)
        .with_order(0);
    let list = client
        .list_meeting_room_areas(&request)
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/meeting_room_areas",
        &[("start", "5"), ("count", "20"), ("order", "0")],
    );
    assert_eq!(
        list.meeting_room_areas.expect("a list")[0].area.as_deref(),
        Some("三楼东")
    );
}

#[tokio::test]
async fn create_meeting_room_area_posts_the_area_as_params_json() {
    let (server, client) = serve(json!({"success": 1, "id": "a-9"})).await;
    let result = client
        .create_meeting_room_area(&CreateMeetingRoomAreaRequest::new(
            MeetingRoomAreaParams::new("三楼 东&西=%"),
        ))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/meeting_room_areas",
        &json!({"area": "三楼 东&西=%"}),
    );
    assert_eq!(result.id.as_deref(), Some("a-9"));
}

#[tokio::test]
async fn update_meeting_room_area_posts_params_to_the_area_path() {
    let (server, client) = serve(json!({"success": 1})).await;
    let result = client
        .update_meeting_room_area(&UpdateMeetingRoomAreaRequest::new(
            "a-9",
            MeetingRoomAreaParams::new("四楼"),
        ))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/meeting_room_areas/a-9",
        &json!({"area": "四楼"}),
    );
    assert_eq!(result.success, Some(1));
}

#[tokio::test]
async fn delete_meeting_room_area_is_a_delete_of_the_area() {
    let (server, client) = serve(json!({"success": 1})).await;
    client
        .delete_meeting_room_area(&DeleteMeetingRoomAreaRequest::new("a-9"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "DELETE",
        "/api/v1/mc/meeting_room_areas/a-9",
        &[],
    );
}

#[tokio::test]
async fn list_meetings_is_a_get_with_paging_times_and_state_in_the_query() {
    let (server, client) = serve(json!({
        "success": 1, "total": 1,
        "meetings": [{"name": "周会", "conf_id": "0001234", "meeting_id": "m-1", "state": 2, "video": 1,
            "creator": {"name": "张三", "account": "zs", "account_type": 5}}]
    }))
    .await;
    let request = ListMeetingsRequest::default()
        .with_start(0)
        .with_count(5)
        .with_order(0)
        .with_start_time("2021-11-01T00:00:00+08:00")
        .with_end_time("2021-11-30T00:00:00+08:00")
        .with_state(MeetingState::Started);
    let list = client.list_meetings(&request).await.expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/meetings",
        &[
            ("start", "0"),
            ("count", "5"),
            ("order", "0"),
            ("start_time", "2021-11-01T00:00:00+08:00"),
            ("end_time", "2021-11-30T00:00:00+08:00"),
            ("state", "2"),
        ],
    );
    let meeting = &list.meetings.expect("a list")[0];
    assert_eq!(meeting.state, Some(MeetingState::Started));
    assert_eq!(meeting.video, Some(NoYes::Yes));
}

#[tokio::test]
async fn get_meeting_decodes_the_printed_example() {
    let (server, client) = serve(example("get_meeting", ExampleKind::Response)).await;
    let meeting = client
        .get_meeting(&GetMeetingRequest::new("123321"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/meetings/123321",
        &[],
    );
    assert_eq!(meeting.name.as_deref(), Some("test1"));
    assert_eq!(meeting.meeting_id.as_deref(), Some("123321"));
}

#[tokio::test]
async fn get_resources_decodes_resource_types_and_resolutions() {
    let (server, client) = serve(json!({
        "success": 1, "resource_type": 2,
        "resources": [{"name": "8方720P", "resolution": 12, "max_join_mt": 8, "total": 10, "used": 3}]
    }))
    .await;
    let resources = client
        .get_resources(&GetResourcesRequest::default())
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/resources",
        &[],
    );
    assert_eq!(
        resources.resource_type,
        Some(ResourceType::PartiesAndResolution)
    );
    let r = &resources.resources.expect("a list")[0];
    assert_eq!(r.resolution, Some(Resolution::Hd720p));
    assert_eq!(r.max_join_mt, Some(VideoConfMaxJoinMt::Video8));
    assert_eq!((r.total, r.used), (Some(10), Some(3)));
}

#[tokio::test]
async fn list_platforms_decodes_the_cloud_type() {
    let (server, client) = serve(json!({
        "success": 1, "platforms": [{"name": "总部", "platform_id": "moid-9", "type": 1}]
    }))
    .await;
    let platforms = client
        .list_platforms(&ListPlatformsRequest::default())
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/platforms",
        &[],
    );
    let p = &platforms.platforms.expect("a list")[0];
    assert_eq!(p.r#type, Some(PlatformType::Private));
    assert_eq!(p.platform_id.as_deref(), Some("moid-9"));
}

#[tokio::test]
async fn get_version_decodes_version_and_api_level() {
    let (server, client) =
        serve(json!({"success": 1, "version": "V6.1.0.4.0.20211123", "api_level": 3})).await;
    let version = client
        .get_version(&GetVersionRequest::default())
        .await
        .expect("decodes");
    // The document lists no parameters here; the token is sent anyway, as on
    // every call, which the server ignores.
    assert_bodiless(&only_request(&server).await, "GET", "/api/mc/version", &[]);
    assert_eq!(version.version.as_deref(), Some("V6.1.0.4.0.20211123"));
    assert_eq!(version.api_level, Some(3));
}

#[tokio::test]
async fn check_conference_name_sends_the_name_and_optional_filters_in_the_query() {
    let (server, client) = serve(json!({"success": 1, "result": 0})).await;
    let request = CheckConferenceNameRequest::new("周会 #1")
        .with_start_time("2020-07-24T15:30:00+08:00")
        .with_end_time("2020-07-24T17:30:00+08:00")
        .with_meeting_id("m-1");
    let check = client
        .check_conference_name(&request)
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/valid_conf_name",
        &[
            ("conf_name", "周会 #1"),
            ("start_time", "2020-07-24T15:30:00+08:00"),
            ("end_time", "2020-07-24T17:30:00+08:00"),
            ("meeting_id", "m-1"),
        ],
    );
    assert_eq!(check.result, Some(0));
}

#[tokio::test]
async fn create_virtual_meeting_room_posts_the_params_example_as_one_form_field() {
    let (server, client) = serve(json!({"success": 1, "id": "vmr-1"})).await;
    let body: VirtualMeetingRoomParams = example_body("create_virtual_meeting_room");
    let params = serde_json::to_value(&body).expect("serializable");
    assert_eq!(params["name"], "1234");
    let result = client
        .create_virtual_meeting_room(&CreateVirtualMeetingRoomRequest::new(body))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/virtual_meeting_rooms",
        &params,
    );
    assert_eq!(result.id.as_deref(), Some("vmr-1"));
}

#[tokio::test]
async fn update_virtual_meeting_room_posts_params_to_the_room_path() {
    let (server, client) = serve(json!({"success": 1})).await;
    let body: VirtualMeetingRoomUpdateParams = example_body("update_virtual_meeting_room");
    let params = serde_json::to_value(&body).expect("serializable");
    client
        .update_virtual_meeting_room(&UpdateVirtualMeetingRoomRequest::new("vmr-1", body))
        .await
        .expect("decodes");
    assert_form_post(
        &only_request(&server).await,
        "/api/v1/mc/virtual_meeting_rooms/vmr-1",
        &params,
    );
}

#[tokio::test]
async fn delete_virtual_meeting_room_is_a_delete_of_the_room() {
    let (server, client) = serve(json!({"success": 1, "description": "ok"})).await;
    client
        .delete_virtual_meeting_room(&DeleteVirtualMeetingRoomRequest::new("vmr-1"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "DELETE",
        "/api/v1/mc/virtual_meeting_rooms/vmr-1",
        &[],
    );
}

#[tokio::test]
async fn list_virtual_meeting_rooms_is_a_get_with_paging_and_sort_order() {
    let (server, client) = serve(json!({
        "success": 1, "total": 1,
        "virtual_meeting_rooms": [{"id": "vmr-1", "name": "1234", "status": 1, "resolution": 13,
            "exclusive": 1, "exclusive_users": [{"name": "张三", "account": "zs", "account_type": 1}]}]
    }))
    .await;
    let request = ListVirtualMeetingRoomsRequest::default()
        .with_start(0)
        .with_count(10)
        .with_order(SortOrder::Descending);
    let list = client
        .list_virtual_meeting_rooms(&request)
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/virtual_meeting_rooms",
        &[("start", "0"), ("count", "10"), ("order", "1")],
    );
    let room = &list.virtual_meeting_rooms.expect("a list")[0];
    assert_eq!(room.status, Some(VmrStatus::InUse));
    assert_eq!(room.resolution, Some(Resolution::Hd1080p));
    assert_eq!(room.exclusive, Some(NoYes::Yes));
}

#[tokio::test]
async fn get_virtual_meeting_room_decodes_the_printed_example() {
    let (server, client) = serve(example("get_virtual_meeting_room", ExampleKind::Response)).await;
    let room = client
        .get_virtual_meeting_room(&GetVirtualMeetingRoomRequest::new("vmr-1"))
        .await
        .expect("decodes");
    assert_bodiless(
        &only_request(&server).await,
        "GET",
        "/api/v1/mc/virtual_meeting_rooms/vmr-1",
        &[],
    );
    assert_eq!(room.name.as_deref(), Some("1234"));
    assert_eq!(room.e164.as_deref(), Some("6669077"));
}

#[test]
fn every_kedacom_operation_has_a_test_in_this_file() {
    let source = include_str!("kedacom_operations.rs");
    for op in kedacom::OPERATIONS {
        assert!(
            source.contains(&format!(".{}(&", op.name)),
            "no test calls {}",
            op.name
        );
    }
    assert_eq!(kedacom::OPERATIONS.len(), 25);
}

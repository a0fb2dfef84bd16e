//! The README's example of testing an integration against the mock
//! (quoted there verbatim; `mock_scripting` checks the quote).

use meeting_api_client::auth::YxtCredentials;
use meeting_api_client::mock::{MockServer, MockSpec, Reply};
use meeting_api_client::yxt::{Client, RoomUpdate, UpdateRoomRequest};
use meeting_api_client::Error;

/// The code under test: renames a live room.
async fn rename_room(client: &Client, room: &str, name: &str) -> Result<(), Error> {
    let request = UpdateRoomRequest::new(room, RoomUpdate::new(name));
    client.update_room(&request).await
}

#[tokio::test]
async fn renaming_a_room_sends_the_new_name_and_reports_the_vendors_refusal() {
    // A YXT server on a free local port, checking signatures like YXT.
    let mock = MockServer::start(MockSpec::builtin("yxt").unwrap())
        .await
        .unwrap();
    let accepted = mock.credentials();
    let credentials = YxtCredentials::new(&accepted.id, accepted.secret.as_str(), "my-app");
    let client = Client::builder(credentials)
        .base_url(mock.base_url())
        .allow_http(true)
        .build()
        .unwrap();

    // Answered with the document's reply; the request is recorded, decoded.
    rename_room(&client, "room-1", "Weekly").await.unwrap();
    let sent = mock.received("update_room");
    assert_eq!(sent[0].request["roomId"], "room-1");
    assert_eq!(sent[0].request["body"]["roomName"], "Weekly");

    // The document's failure reply, as YXT would send it.
    mock.reply("update_room", Reply::error_example());
    let Err(Error::Api(refused)) = rename_room(&client, "room-1", "Weekly").await else {
        panic!("the refusal is an API error");
    };
    assert_eq!(refused.key.as_deref(), Some("global.noprivilege"));

    // A name longer than the documented 100 characters never leaves the client.
    let long = "x".repeat(101);
    let invalid = rename_room(&client, "room-1", &long).await;
    assert!(matches!(invalid, Err(Error::Invalid(_))));
    assert_eq!(mock.received("update_room").len(), 2);
}

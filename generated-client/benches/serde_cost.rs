//! What the build-time economy of `object_serde!` costs at run time: one
//! representative struct (22 fields: text, integers, optional fields, a coded
//! enumeration, a nested struct and a list of structs) declared twice, once the
//! way generated code declares it (`object_serde!`, erased per-field plumbing)
//! and once with `#[derive(Serialize, Deserialize)]`, then
//!
//! - `serialize`: `serde_json::to_vec` of the same value through each;
//! - `deserialize`: `serde_json::from_slice` of the same bytes into each.
//!
//! The derive is the yardstick: generated serialization should stay within
//! 1.5x of it (issue 14). Both structs share their field types (the coded
//! enumeration included), so only the struct plumbing differs.
//!
//! Run: `cargo bench -p meeting-api-client --bench serde_cost -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use meeting_api_client::__private::{coded_enum, object_serde};
use serde::{Deserialize, Serialize};

/// A coded enumeration, as the generator declares one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `0`
    Draft,
    /// `1`
    Live,
    /// `2`
    Ended,
    /// Any other value.
    Unknown(i64),
}
coded_enum!(int Status { Draft = 0 => "草稿", Live = 1 => "直播中", Ended = 2 => "已结束" });

/// The nested struct, through `object_serde!`.
#[derive(Debug, Clone, PartialEq)]
pub struct Host {
    /// Wire `userId`.
    pub user_id: String,
    /// Wire `nickName`.
    pub nick_name: Option<String>,
    /// Wire `level`.
    pub level: i64,
}
object_serde!(Host { user_id req "userId", nick_name opt "nickName", level req "level" });

/// The list element, through `object_serde!`.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Wire `sessionId`.
    pub session_id: String,
    /// Wire `startTime`.
    pub start_time: i64,
    /// Wire `endTime`.
    pub end_time: Option<i64>,
    /// Wire `title`.
    pub title: Option<String>,
}
object_serde!(Session {
    session_id req "sessionId", start_time req "startTime", end_time opt "endTime",
    title opt "title"
});

/// The representative struct, through `object_serde!`.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    /// Wire `roomId`.
    pub room_id: String,
    /// Wire `roomName`.
    pub room_name: String,
    /// Wire `description`.
    pub description: Option<String>,
    /// Wire `coverUrl`.
    pub cover_url: Option<String>,
    /// Wire `orgId`.
    pub org_id: String,
    /// Wire `creator`.
    pub creator: String,
    /// Wire `createTime`.
    pub create_time: i64,
    /// Wire `updateTime`.
    pub update_time: Option<i64>,
    /// Wire `startTime`.
    pub start_time: i64,
    /// Wire `endTime`.
    pub end_time: i64,
    /// Wire `maxViewers`.
    pub max_viewers: Option<i64>,
    /// Wire `viewerCount`.
    pub viewer_count: i64,
    /// Wire `likeCount`.
    pub like_count: Option<i64>,
    /// Wire `status`.
    pub status: Status,
    /// Wire `password`.
    pub password: Option<String>,
    /// Wire `channel`.
    pub channel: Option<String>,
    /// Wire `category`.
    pub category: Option<String>,
    /// Wire `tags`.
    pub tags: Option<Vec<String>>,
    /// Wire `playbackUrl`.
    pub playback_url: Option<String>,
    /// Wire `unusedField`, never present.
    pub unused: Option<String>,
    /// Wire `host`.
    pub host: Host,
    /// Wire `sessions`.
    pub sessions: Vec<Session>,
}
object_serde!(Room {
    room_id req "roomId", room_name req "roomName", description opt "description",
    cover_url opt "coverUrl", org_id req "orgId", creator req "creator",
    create_time req "createTime", update_time opt "updateTime", start_time req "startTime",
    end_time req "endTime", max_viewers opt "maxViewers", viewer_count req "viewerCount",
    like_count opt "likeCount", status req "status", password opt "password",
    channel opt "channel", category opt "category", tags opt "tags",
    playback_url opt "playbackUrl", unused opt "unusedField", host req "host",
    sessions req "sessions"
});

/// The same shapes with the derives, as the yardstick.
mod derived {
    use super::*;

    /// The nested struct.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Host {
        #[serde(rename = "userId")]
        pub user_id: String,
        #[serde(rename = "nickName", default, skip_serializing_if = "Option::is_none")]
        pub nick_name: Option<String>,
        pub level: i64,
    }

    /// The list element.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Session {
        #[serde(rename = "sessionId")]
        pub session_id: String,
        #[serde(rename = "startTime")]
        pub start_time: i64,
        #[serde(rename = "endTime", default, skip_serializing_if = "Option::is_none")]
        pub end_time: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<String>,
    }

    /// The representative struct.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Room {
        #[serde(rename = "roomId")]
        pub room_id: String,
        #[serde(rename = "roomName")]
        pub room_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(rename = "coverUrl", default, skip_serializing_if = "Option::is_none")]
        pub cover_url: Option<String>,
        #[serde(rename = "orgId")]
        pub org_id: String,
        pub creator: String,
        #[serde(rename = "createTime")]
        pub create_time: i64,
        #[serde(
            rename = "updateTime",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub update_time: Option<i64>,
        #[serde(rename = "startTime")]
        pub start_time: i64,
        #[serde(rename = "endTime")]
        pub end_time: i64,
        #[serde(
            rename = "maxViewers",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub max_viewers: Option<i64>,
        #[serde(rename = "viewerCount")]
        pub viewer_count: i64,
        #[serde(rename = "likeCount", default, skip_serializing_if = "Option::is_none")]
        pub like_count: Option<i64>,
        pub status: Status,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub password: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub channel: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tags: Option<Vec<String>>,
        #[serde(
            rename = "playbackUrl",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub playback_url: Option<String>,
        #[serde(
            rename = "unusedField",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub unused: Option<String>,
        pub host: Host,
        pub sessions: Vec<Session>,
    }
}

/// A reply-sized value: every optional field but one set, eight sessions.
fn room() -> Room {
    let sessions = (0..8)
        .map(|i| Session {
            session_id: format!("s-{i:04}"),
            start_time: 1_721_291_107_000 + i * 3_600_000,
            end_time: (i % 2 == 0).then_some(1_721_294_707_000 + i * 3_600_000),
            title: Some(format!("第 {i} 场：产品发布会")),
        })
        .collect();
    Room {
        room_id: "10000000001".into(),
        room_name: "直播创建测试 live room".into(),
        description: Some("季度产品发布会，欢迎观看。Quarterly launch.".into()),
        cover_url: Some("https://example.com/covers/10000000001.png".into()),
        org_id: "org-8f14e45f".into(),
        creator: "zhang.san@example.com".into(),
        create_time: 1_721_291_107_000,
        update_time: Some(1_721_291_207_000),
        start_time: 1_721_291_107_000,
        end_time: 1_721_377_507_000,
        max_viewers: Some(10_000),
        viewer_count: 4_321,
        like_count: Some(98_765),
        status: Status::Live,
        password: Some("s3cret".into()),
        channel: Some("web".into()),
        category: Some("产品".into()),
        tags: Some(vec!["launch".into(), "q3".into(), "直播".into()]),
        playback_url: Some("https://example.com/replays/10000000001.m3u8".into()),
        unused: None,
        host: Host {
            user_id: "u-42".into(),
            nick_name: Some("主持人".into()),
            level: 3,
        },
        sessions,
    }
}

fn serde_cost(c: &mut Criterion) {
    let ours = room();
    let json = serde_json::to_vec(&ours).expect("the room serializes");
    let derived: derived::Room = serde_json::from_slice(&json).expect("the derive reads it");
    // Same bytes both ways, so both sides do the same work.
    assert_eq!(serde_json::to_vec(&derived).unwrap(), json);
    assert_eq!(serde_json::from_slice::<Room>(&json).unwrap(), ours);
    println!("serde_cost: the value is {} bytes of JSON", json.len());

    let mut group = c.benchmark_group("serialize");
    group.bench_function("object_serde", |b| {
        b.iter(|| serde_json::to_vec(black_box(&ours)).unwrap())
    });
    group.bench_function("derive", |b| {
        b.iter(|| serde_json::to_vec(black_box(&derived)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("deserialize");
    group.bench_function("object_serde", |b| {
        b.iter(|| serde_json::from_slice::<Room>(black_box(&json)).unwrap())
    });
    group.bench_function("derive", |b| {
        b.iter(|| serde_json::from_slice::<derived::Room>(black_box(&json)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, serde_cost);
criterion_main!(benches);

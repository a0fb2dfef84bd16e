//! The runtime's `coded_enum!` and `flag_set!`, which give every generated
//! enumeration and flag set its codes, labels, `Coded` and serde impls:
//! exercised here on types declared the way the generator declares them.

use meeting_api_client::__private::{coded_enum, flag_set, Coded};

/// An integer enumeration with a gap and a negative code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Switch {
    Off,
    On,
    Broken,
    Unknown(i64),
}
coded_enum!(int Switch { Off = 0 => "关闭", On = 1 => "开启", Broken = -1 => "故障" });

/// A string enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum YesNo {
    Yes,
    No,
    Unknown(String),
}
coded_enum!(str YesNo { Yes = "Y" => "是", No = "N" => "否" });

/// A set of flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Media(i64);
impl Media {
    const AUDIO: Self = Self(1);
    const VIDEO: Self = Self(2);
    const SCREEN: Self = Self(8);
}
flag_set!(Media { AUDIO = 1 => "音频", VIDEO = 2 => "视频", SCREEN = 8 => "共享" });

#[test]
fn an_integer_enumeration_maps_codes_labels_and_unknown_values_both_ways() {
    assert_eq!(Switch::ALL, [Switch::Off, Switch::On, Switch::Broken]);
    assert_eq!(Switch::from_code(-1), Switch::Broken);
    assert_eq!(Switch::from_code(7), Switch::Unknown(7));
    assert_eq!(Switch::Unknown(7).code(), 7);
    assert_eq!(Switch::On.label(), Some("开启"));
    assert_eq!(Switch::Unknown(7).label(), None);
    assert!(Switch::On.is_known() && !Switch::Unknown(7).is_known());
    assert!(!Switch::On.is_text());
    assert_eq!(Switch::Broken.code_text(), "-1");
}

#[test]
fn an_integer_enumeration_travels_as_its_code_and_keeps_an_unknown_one() {
    assert_eq!(serde_json::to_string(&Switch::On).unwrap(), "1");
    let back: Vec<Switch> = serde_json::from_str("[0, -1, 42]").unwrap();
    assert_eq!(back, [Switch::Off, Switch::Broken, Switch::Unknown(42)]);
    assert_eq!(serde_json::to_string(&back).unwrap(), "[0,-1,42]");
    assert!(serde_json::from_str::<Switch>("\"1\"").is_err());
}

#[test]
fn a_string_enumeration_travels_as_its_code_and_its_messages_quote_it() {
    assert_eq!(YesNo::from_code("N"), YesNo::No);
    assert_eq!(YesNo::from_code("ZZ"), YesNo::Unknown("ZZ".into()));
    assert_eq!(YesNo::Unknown("ZZ".into()).code(), "ZZ");
    assert_eq!(YesNo::Yes.label(), Some("是"));
    assert!(YesNo::Yes.is_text() && YesNo::Yes.is_known());
    assert!(!YesNo::Unknown("ZZ".into()).is_known());
    assert_eq!(serde_json::to_string(&YesNo::Yes).unwrap(), "\"Y\"");
    let back: Vec<YesNo> = serde_json::from_str(r#"["N","ZZ"]"#).unwrap();
    assert_eq!(back, [YesNo::No, YesNo::Unknown("ZZ".into())]);
    assert!(serde_json::from_str::<YesNo>("1").is_err());
}

#[test]
fn a_flag_set_combines_flags_and_keeps_undocumented_bits() {
    assert_eq!(Media::DOCUMENTED, 11);
    assert_eq!(Media::ALL, [Media::AUDIO, Media::VIDEO, Media::SCREEN]);
    let mut set = Media::AUDIO | Media::SCREEN;
    assert!(set.contains(Media::SCREEN) && !set.contains(Media::VIDEO));
    assert_eq!(set.labels(), ["音频", "共享"]);
    set |= Media::from_code(16);
    assert_eq!((set.code(), set.unknown_bits()), (25, 16));
    assert!(!set.is_known() && (Media::AUDIO | Media::VIDEO).is_known());
    assert!(!Media::from_code(-1).is_known());
    assert_eq!(set.code_text(), "25");
    assert_eq!(serde_json::to_string(&set).unwrap(), "25");
    assert_eq!(serde_json::from_str::<Media>("3").unwrap(), Media(3));
}

#[test]
fn a_repeated_inline_enumeration_is_one_type_under_every_name() {
    use meeting_api_tests::corpus::corpus_repeats::{Room, RoomAudio, RoomChat, RoomVideo};
    let room: Room = serde_json::from_str(r#"{"audio":1,"video":0,"chat":1,"share":1}"#).unwrap();
    let video: RoomAudio = room.video.expect("video decodes");
    assert_eq!(video, RoomVideo::Off);
    assert_eq!(RoomVideo::from_code(1), RoomAudio::On);
    assert_eq!(RoomChat::Off.label(), Some("关"));
    assert_eq!(serde_json::to_value(&room).unwrap()["video"], 0);
}

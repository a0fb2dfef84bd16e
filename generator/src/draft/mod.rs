//! Drafting a spec from a vendor's prose document (issue 13).
//!
//! `draft` reads a document in either table style the vendors use and writes
//! a spec in our format for every endpoint it describes. It transcribes; it
//! does not guess. Whatever the text leaves open is written as a marker (see
//! below) that a person resolves before the spec is checked.
//!
//! Layers, one job per file:
//!
//! - [`document`]: the typed model of what a document says (endpoints,
//!   tables, rows, examples, and the facts phrases state),
//! - [`lexicon`]: the vocabulary both readers share (names, types, required
//!   cells, headings),
//! - [`phrases`]: enumerations, limits, defaults, formats in descriptions,
//! - readers: [`pages`] with [`cells`] for the cell style (Tencent Meeting,
//!   YXT, Polyv), [`rows`] for the row style (Kedacom), sharing [`tables`],
//!   [`examples`] and [`urls`]; [`read`] picks the style,
//! - writer: [`write`] turns a document into spec nodes, [`yaml`] prints them.
//!
//! # Markers
//!
//! A question the document leaves open is written as a `resolve:` key on the
//! node it concerns: a field, a type, an enumeration, an operation or the
//! vendor header. Its value is one question (a string) or several (a list):
//!
//! ```yaml
//!       roomName:
//!         type: string
//!         required: true
//!         max_chars: 100
//!         resolve: "`最大长度100` does not say characters or bytes: keep max_chars or write max_bytes"
//! ```
//!
//! Where the draft can propose a value (a unit, a name) it writes the
//! proposal next to the marker, so resolving is deleting the marker or
//! correcting the value. `resolve:` is not a key of the spec format, so until
//! every marker is gone `check` rejects the file; a `check` that knows the
//! key can list each one with `file:line:col` and its question.

mod cells;
mod document;
mod examples;
mod fields;
mod lexicon;
mod pages;
mod phrases;
mod promote;
mod rows;
mod tables;
mod urls;
mod write;
mod yaml;

pub(crate) use document::Document;
pub use write::Options;

/// The spec draft of a vendor document's text, as YAML in the spec format:
/// every endpoint it describes, with a `resolve:` marker for every open
/// question (which `check` reports until a person answers it).
///
/// ```
/// let doc = "名称 获取版本\nURI /api/version\n方法 GET\n说明 版本\n";
/// let options = meeting_api_codegen::DraftOptions {
///     vendor: Some("kedacom".into()),
///     source: Some("version.txt".into()),
/// };
/// let yaml = meeting_api_codegen::draft(doc, &options);
/// assert!(yaml.contains("/api/version"));
/// ```
pub fn draft(text: &str, options: &Options) -> String {
    let doc = read(text);
    let source = options.source.as_deref().unwrap_or("the document");
    format!(
        "# Drafted by `meeting-api-codegen draft` from {source} ({} endpoints).\n\
         # Resolve every `resolve:` marker (answer it in the spec, then delete it), then run `check`.\n{}",
        doc.endpoints.len(),
        yaml::render(&{
            let mut root = write::write(&doc, options);
            promote::promote(&mut root);
            root
        })
    )
}

/// Reads a document in whichever style it is written: the row style when it
/// has `名称`/`URI` endpoint headers, the cell style otherwise.
pub(crate) fn read(text: &str) -> Document {
    if rows::detect(text) {
        rows::read(text)
    } else {
        pages::read(text)
    }
}

pub(crate) mod measure;
#[cfg(test)]
mod seeds;

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Text made of the characters and words the documents are made of, in
    /// random order: every reader path meets odd neighbours.
    fn noise_text(noise: &mut Noise) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "_",
            "0",
            "9",
            " ",
            "|",
            ":",
            "：",
            "=",
            "-",
            ";",
            ",",
            "、",
            "(",
            ")",
            "{",
            "}",
            "[",
            "]",
            "*",
            "#",
            "\n",
            "\n\n",
            "\t",
            "\u{a0} \u{a0} ",
            "是",
            "否",
            " |",
            "String",
            "int",
            "对象",
            "数组",
            "名称 ",
            "URI /a/{b}",
            "方法 GET",
            "说明",
            "参数名称 数据类型 说明",
            "接口描述",
            "简要描述:",
            "- /x/{y}",
            "最大长度",
            "个字节",
            "个字符",
            "默认为",
            "详见",
            "https://h/p?q={r}",
            "0:A1:B",
            "1-关闭;",
            "输入参数",
            "输出示例",
            "{\"a\":",
            "“",
            "sessions[].",
            "true",
            "LiveConfig 对象",
        ];
        let len = noise.below(300);
        (0..len)
            .map(|_| PIECES[noise.below(PIECES.len())])
            .collect()
    }

    fn drafts_cleanly(text: &str) {
        let yaml = draft(text, &Options::default());
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
            let line = e.location().map_or(0, |l| l.line());
            let near: Vec<&str> = yaml.lines().skip(line.saturating_sub(3)).take(4).collect();
            panic!("not YAML ({e}) near {near:#?}\nfor input {text:?}");
        }
    }

    #[test]
    fn no_text_makes_the_readers_or_the_writer_panic_and_the_draft_is_always_yaml() {
        let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400 {
            drafts_cleanly(&noise_text(&mut noise));
        }
        for _ in 0..100 {
            let bytes: Vec<u8> = (0..noise.below(200)).map(|_| noise.next() as u8).collect();
            drafts_cleanly(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn cut_and_shuffled_documents_draft_without_panic() {
        let doc = format!(
            "{}\n{}",
            include_str!("tests/kedacom.txt"),
            include_str!("tests/tencent.txt")
        );
        let mut noise = Noise(42);
        let lines: Vec<&str> = doc.lines().collect();
        for _ in 0..60 {
            let cut = noise.below(doc.len());
            let cut = (0..=cut)
                .rev()
                .find(|&i| doc.is_char_boundary(i))
                .unwrap_or(0);
            drafts_cleanly(&doc[..cut]);
            let mut shuffled = lines.clone();
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, noise.below(i + 1));
            }
            drafts_cleanly(&shuffled.join("\n"));
        }
    }

    /// A page shaped like Polyv's other pages (not a seed): a GET with a
    /// signed query, a reply whose `data` is described in its own table and
    /// whose list refers to another.
    const POLYV_GET: &str = "查询频道信息\n\n接口描述\n\n1、查询频道信息\n\n接口URL\n\n\
https://api.polyv.net/live/v4/channel/get\n\n请求方式\n\nGET\n\n请求参数描述\n\n参数名\n必选\n类型\n说明\n\n\
appId\n\ntrue\n\nString\n\n账号appId\n\ntimestamp\n\ntrue\n\nLong\n\n当前13位毫秒级时间戳\n\nsign\n\ntrue\n\nString\n\n签名\n\n\
channelId\n\ntrue\n\nString\n\n频道号,不超过32个字符\n\n响应参数描述\n\n参数名\n类型\n说明\n\ncode\n\nInteger\n\n状态码\n\n\
data\n\nObject\n\n频道信息【详见data参数描述\n\ndata参数描述\n\n参数名\n类型\n说明\n\nname\n\nString\n\n频道名称\n\n\
scene\n\nString\n\n场景 alone:活动拍摄、ppt:三分屏\n\nusers\n\nArray\n\n用户【详见user字段说明\n\nuser字段说明\n\n\
参数名\n类型\n说明\n\nuserId\n\nString\n\n用户ID\n";

    #[test]
    fn another_polyv_page_drafts_its_query_and_its_referenced_reply_tables() {
        let options = Options {
            vendor: Some("polyv".into()),
            source: None,
        };
        let yaml: serde_yaml::Value = serde_yaml::from_str(&draft(POLYV_GET, &options)).unwrap();
        let ops = yaml["operations"].as_mapping().unwrap();
        let (name, op) = ops.iter().next().unwrap();
        assert_eq!(name.as_str(), Some("get_live_v4_channel_get"));
        assert_eq!(op["method"].as_str(), Some("GET"));
        assert_eq!(op["query"]["channelId"]["max_chars"].as_u64(), Some(32));
        assert!(
            op["query"].get("sign").is_none(),
            "credentials belong to auth"
        );
        let data = op["response"]["fields"]["data"]["type"].as_str().unwrap();
        let data = &yaml["types"][data]["fields"];
        assert_eq!(
            data["scene"]["enum"]["values"]["ppt"]["label"].as_str(),
            Some("三分屏")
        );
        let user = data["users"]["items"].as_str().unwrap();
        assert!(yaml["types"][user]["fields"].get("userId").is_some());
    }

    #[test]
    fn the_style_is_detected_from_the_endpoint_headers() {
        let rows = read(include_str!("tests/kedacom.txt"));
        assert_eq!(rows.style, Some(document::Style::Rows));
        let cells = read(include_str!("tests/tencent.txt"));
        assert_eq!(cells.style, Some(document::Style::Cells));
        assert_eq!(read("").endpoints.len(), 0);
        let saved = read("\u{feff}名称 获取\r\nURI /a/{b}\r\n方法 GET\r\n");
        assert_eq!(
            saved.endpoints[0].title, "获取",
            "a byte-order mark and CRLF lines are blanks"
        );
        assert_eq!(saved.endpoints[0].placeholders, ["b"]);
    }

    #[test]
    fn a_draft_names_its_source_and_endpoint_count() {
        let options = Options {
            vendor: Some("kedacom".into()),
            source: Some("004.txt".into()),
        };
        let yaml = draft(include_str!("tests/kedacom.txt"), &options);
        assert!(
            yaml.starts_with(
                "# Drafted by `meeting-api-codegen draft` from 004.txt (2 endpoints)."
            ),
            "{yaml}"
        );
        assert!(yaml.contains("sources: [\"004.txt\"]"), "{yaml}");
    }
}

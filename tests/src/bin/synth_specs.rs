//! Writes a synthetic but realistic spec set of N endpoints, deterministic for a seed.
//!
//! `synth_specs --endpoints N [--seed S] --out DIR` writes one vendor folder
//! `DIR/synthetic/` shaped like the seeds: GET with path and query parameters,
//! POST/PUT with 10–60-field bodies, inline objects nested 2–3 deep, arrays of shared
//! objects, integer enums with gaps and string enums, length (characters and bytes),
//! character and format rules, conditional rules and shared types, and (as
//! vendor documents write them, "0-关闭; 1-开启;" on dozens of fields)
//! enumerations declared inline on their field: the same on/off and Y/N sets
//! repeated, and sets of their own. 100 operations per file, like a vendor
//! folder a person would keep.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (SplitMix64): same seed, same specs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const SHARED_OBJECTS: usize = 12;
const SHARED_ENUMS: usize = 8;

fn shared_types(out: &mut String, rng: &mut Rng) {
    out.push_str("types:\n");
    for e in 0..SHARED_ENUMS {
        if e % 3 == 2 {
            let _ = writeln!(
                out,
                "  Mode{e}:\n    doc: 共享字符串枚举 {e}\n    enum: string\n    values:"
            );
            for (code, name) in [
                ("Y", "On"),
                ("N", "Off"),
                ("video", "Video"),
                ("audio", "Audio"),
            ] {
                let _ = writeln!(out, "      {code}: {{name: {name}, label: 标签{code}}}");
            }
        } else {
            let _ = writeln!(
                out,
                "  Kind{e}:\n    doc: 共享整数枚举 {e}(有间隔)\n    enum: integer\n    values:"
            );
            let mut code = 0;
            for v in 0..rng.range(3, 12) {
                code += if rng.chance(25) { rng.range(2, 10) } else { 1 };
                let _ = writeln!(out, "      {code}: {{name: Value{v}, label: 取值{v}}}");
            }
        }
    }
    for o in 0..SHARED_OBJECTS {
        let _ = writeln!(out, "  Account{o}:\n    doc: 共享对象 {o}\n    fields:");
        let _ = writeln!(out, "      name: {{type: string, required: true, max_bytes: 128, doc: 名称 最大字符长度:128个字节}}");
        let _ = writeln!(
            out,
            "      account: {{type: string, required: true, max_chars: 64, doc: 帐号}}"
        );
        let _ = writeln!(
            out,
            "      account_type: {{type: Kind{}, required: true, doc: 帐号类型}}",
            (o % SHARED_ENUMS) / 3 * 3
        );
        for f in 0..rng.range(1, 4) {
            let _ = writeln!(
                out,
                "      extra_{f}: {{type: integer, min: 0, max: {}, doc: 附加字段}}",
                rng.range(10, 1000)
            );
        }
    }
}

fn enum_ref(rng: &mut Rng) -> String {
    let e = rng.below(SHARED_ENUMS as u64) as usize;
    if e % 3 == 2 {
        format!("Mode{e}")
    } else {
        format!("Kind{e}")
    }
}

/// One scalar field line (after the key), with constraints like the seeds'.
fn scalar_field(rng: &mut Rng, required: bool) -> String {
    let req = if required { "required: true, " } else { "" };
    match rng.below(13) {
        0 => format!("{{type: string, {req}max_bytes: {}, chars: {{forbid: \"%&*^~'?/<>|$\", forbid_at_ends: \"_-.@\"}}, doc: 会议名称 最大字符长度:64个字节}}", rng.range(16, 128)),
        1 => format!("{{type: string, {req}max_chars: {}, doc: 描述}}", rng.range(32, 500)),
        2 => format!("{{type: string, {req}max_bytes: 16, chars: {{allow: [letters, digits], extra: \"_.\"}}, doc: 密码}}"),
        3 => format!("{{type: string, {req}format: iso8601, doc: \"开始时间,格式为ISO8601:2000标准\"}}"),
        4 => format!("{{type: string, {req}format: datetime, doc: 日期格式yyyy-MM-dd HH:mm:ss}}"),
        5 => format!("{{type: integer, {req}min: 0, max: {}, doc: 数量}}", rng.range(16, 1000)),
        6 => format!("{{type: integer, {req}one_of: [3, 5, 15, 30], doc: 语音激励敏感度}}"),
        7 => format!("{{type: {}, {req}doc: 枚举字段}}", enum_ref(rng)),
        8 => format!("{{type: boolean, {req}doc: 开关}}"),
        9 | 10 => format!("{{type: integer, {req}enum: {{values: {{0: {{name: Off, label: 关闭}}, 1: {{name: On, label: 开启}}}}}}, doc: \"开关\\n0-关闭;\\n1-开启;\"}}"),
        11 => format!("{{type: string, {req}enum: {{values: {{Y: {{name: Yes, label: 是}}, N: {{name: No, label: 否}}}}}}, doc: \"是否启用 Y-是;N-否\"}}"),
        _ => inline_enum(rng, req),
    }
}

/// An integer enumeration of its own, declared on its field.
fn inline_enum(rng: &mut Rng, req: &str) -> String {
    let mut values = Vec::new();
    let mut code = rng.below(2);
    for v in 0..rng.range(2, 7) {
        values.push(format!("{code}: {{name: Mode{v}, label: 模式{code}}}"));
        code += rng.range(1, 4);
    }
    format!(
        "{{type: integer, {req}enum: {{values: {{{}}}}}, doc: 模式}}",
        values.join(", ")
    )
}

fn object_fields(out: &mut String, rng: &mut Rng, indent: usize, count: u64, depth: u32) {
    let pad = " ".repeat(indent);
    for f in 0..count {
        let required = rng.chance(30);
        if depth > 0 && rng.chance(6) {
            let _ = writeln!(
                out,
                "{pad}nested_{f}:\n{pad}  type: object\n{pad}  doc: 嵌套对象\n{pad}  fields:"
            );
            let count = rng.range(2, 6);
            object_fields(out, rng, indent + 4, count, depth - 1);
        } else if rng.chance(5) {
            let _ = writeln!(
                out,
                "{pad}members_{f}: {{type: array, items: Account{}, max_items: {}, doc: 成员列表}}",
                rng.below(SHARED_OBJECTS as u64),
                rng.range(8, 64)
            );
        } else {
            let _ = writeln!(out, "{pad}field_{f}: {}", scalar_field(rng, required));
        }
    }
}

fn operation(out: &mut String, rng: &mut Rng, i: usize) {
    // Four operations per resource, each on a path of its own: an OpenAPI
    // document (the export progenitor reads) holds one per path and method.
    let resource = format!("res{}/op{i}", i / 4);
    let _ = writeln!(out, "  op_{i:05}:\n    title: 合成接口 {i}\n    doc: 合成接口 {i} 的说明。\n    min_api_level: {}", rng.range(1, 3));
    if rng.chance(40) {
        let _ = writeln!(out, "    method: GET\n    path: /api/v1/{resource}/{{id}}/items\n    path_params:\n      id: {{type: string, required: true}}\n    query:");
        for q in 0..rng.range(2, 6) {
            let line = match q % 3 {
                0 => "{type: integer, min: 0, max: 1000, doc: 分页}".to_string(),
                1 => format!("{{type: {}, doc: 状态}}", enum_ref(rng)),
                _ => "{type: string, format: iso8601, doc: 开始时间}".to_string(),
            };
            let _ = writeln!(out, "      q_{q}: {line}");
        }
    } else {
        let method = if rng.chance(50) { "POST" } else { "PUT" };
        let encoding = if rng.chance(50) {
            "json"
        } else {
            "form_json\n      field: params"
        };
        let _ = writeln!(out, "    method: {method}\n    path: /api/v1/{resource}\n    body:\n      encoding: {encoding}\n      fields:");
        // Two fixed fields carry the conditional rule; the rest are random.
        let _ = writeln!(out, "        topic: {{type: string, max_chars: 100, doc: 主题}}\n        topic_flag: {{type: integer, doc: 主题开关}}");
        let count = rng.range(8, 58);
        object_fields(out, rng, 8, count, 2);
        let _ = writeln!(out, "      rules:\n        - require: [topic]\n          when: {{field: topic_flag, equals: 1}}");
    }
    let _ = writeln!(out, "    response:\n      fields:\n        success: {{type: integer, doc: 是否成功}}\n        total: {{type: integer}}");
    let _ = writeln!(
        out,
        "        items: {{type: array, items: Account{}, doc: 列表}}",
        rng.below(SHARED_OBJECTS as u64)
    );
    for r in 0..rng.range(3, 12) {
        let _ = writeln!(out, "        out_{r}: {}", scalar_field(rng, false));
    }
}

/// Every file of a synthetic vendor with `endpoints` operations.
pub fn synthesize(endpoints: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let mut header = String::from("vendor:\n  name: synthetic\n  title: 合成接口 (synthetic)\n  base_url: https://synthetic.example.com\n  auth: none\n  error:\n    type: Failure\n    code: error_code\n    message: description\n    success: {field: success, equals: 1}\n");
    shared_types(&mut header, &mut rng);
    header.push_str("  Failure:\n    fields:\n      success: {type: integer}\n      error_code: {type: integer}\n      description: {type: string}\n");
    let mut files = vec![("vendor.yaml".to_string(), header)];
    for chunk in 0..endpoints.div_ceil(100) {
        let mut text = String::from("operations:\n");
        for i in chunk * 100..((chunk + 1) * 100).min(endpoints) {
            operation(&mut text, &mut rng, i);
        }
        files.push((format!("ops_{chunk:04}.yaml"), text));
    }
    files
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(n), Some(out)) = (
        value("--endpoints").and_then(|n| n.parse().ok()),
        value("--out"),
    ) else {
        eprintln!("usage: synth_specs --endpoints N [--seed S] --out DIR");
        std::process::exit(2);
    };
    let seed = value("--seed").and_then(|s| s.parse().ok()).unwrap_or(7);
    let dir = PathBuf::from(out).join("synthetic");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("output folder is writable");
    for (name, text) in synthesize(n, seed) {
        std::fs::write(dir.join(name), text).expect("write a spec file");
    }
    println!("wrote {n} endpoints (seed {seed}) to {}", dir.display());
}

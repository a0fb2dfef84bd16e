//! What a description says, in the phrases the vendors use: enumerations (as
//! lines, prose or runs), length limits with their unit, defaults, formats,
//! ranges, allowed values and references to other tables.
//!
//! Every function works on `char`s, so no input can split a code point, and
//! returns `None` rather than a guess: a limit whose unit the text does not
//! state has `unit: None`, a default that depends on a condition carries a
//! question.

use super::document::{
    CharRule, DefaultValue, EnumForm, EnumValue, Enumeration, Facts, Format, Limit, LimitKind, Unit,
};
use super::lexicon::{trim, Scalar};

/// Everything the phrases of a description (and of a validation cell) say.
/// `scalar` is the documented type, when it is a scalar: it tells a number in
/// a validation cell from a length.
pub(crate) fn facts(description: &str, check: Option<&str>, scalar: Option<Scalar>) -> Facts {
    let mut facts = Facts {
        enumeration: enumeration(description),
        ..Facts::default()
    };
    let texts: Vec<&str> = check.into_iter().chain([description]).collect();
    for text in &texts {
        let (limits, questions) = limits(text);
        facts.limits.extend(limits);
        facts.questions.extend(questions);
        facts.format = facts.format.or(format(text));
    }
    if let Some(check) = check {
        let (limit, question) = bare_number(check, scalar);
        facts.limits.extend(limit);
        facts.questions.extend(question);
    }
    facts.questions.extend(condition(description));
    let first_line = description.lines().next().unwrap_or_default();
    facts.range = range(first_line);
    facts.one_of = one_of(first_line);
    facts.reference = reference(description);
    facts.chars = check.and_then(chars).or_else(|| chars(description));
    facts.default = default(description, facts.enumeration.as_ref());
    if let Some(q) = facts.default.as_ref().and_then(|d| d.question.clone()) {
        facts.questions.push(q);
    }
    if let Some(q) = facts.enumeration.as_ref().and_then(|e| e.question.clone()) {
        facts.questions.push(q);
    }
    facts
}

// ---------------------------------------------------------------- enumerations

/// The enumeration a description writes, as lines (`0-关闭;`) or, failing
/// that, in one line of prose (`1:是 0:否`) or as a run (`0:PSTN1:PC`).
pub(crate) fn enumeration(text: &str) -> Option<Enumeration> {
    lines_enumeration(text).or_else(|| text.lines().find_map(inline_enumeration))
}

/// The first block of consecutive `code-label;` / `code:label,` lines. One
/// line counts only when it ends with `;`: a lone `a:b` is prose.
fn lines_enumeration(text: &str) -> Option<Enumeration> {
    let mut block: Vec<(EnumValue, bool)> = Vec::new();
    for line in text.lines().chain([""]) {
        if let Some(value) = enum_line(line) {
            block.push(value);
            continue;
        }
        if accept_block(&block) {
            return Some(lines_block(block));
        }
        block.clear();
    }
    None
}

/// Whether a block of enum lines is an enumeration: two lines or more, or one
/// ending with `;`, and no code twice (`resource_type=1 …` lines are prose).
fn accept_block(block: &[(EnumValue, bool)]) -> bool {
    let enough = block.len() >= 2 || block.first().is_some_and(|(_, semi)| *semi);
    let mut codes: Vec<&str> = block.iter().map(|(v, _)| v.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    enough && codes.len() == block.len()
}

/// An accepted block of enum lines as an enumeration.
fn lines_block(block: Vec<(EnumValue, bool)>) -> Enumeration {
    let values: Vec<EnumValue> = block.into_iter().map(|(v, _)| v).collect();
    Enumeration {
        form: EnumForm::Lines,
        integer: values.iter().all(|v| v.code.parse::<i64>().is_ok()),
        values,
        question: None,
    }
}

/// One `code-label;` line: the value and whether it ends with `;`.
fn enum_line(line: &str) -> Option<(EnumValue, bool)> {
    let line = trim(line);
    let code_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    let (code, rest) = line.split_at(code_len);
    let mut rest_chars = rest.chars();
    let sep = rest_chars.next()?;
    if code.is_empty() || !matches!(sep, '-' | ':' | '：' | '=') {
        return None;
    }
    let raw = rest_chars.as_str();
    let semi = raw.ends_with([';', '；']);
    let label = trim(raw.trim_end_matches([';', '；', ',', '，', '。']));
    let numeric_label = label.starts_with(|c: char| c.is_ascii_digit());
    if label.is_empty() || (sep != '-' && numeric_label) || label.starts_with('/') {
        return None;
    }
    let value = EnumValue {
        code: code.to_string(),
        label: label.to_string(),
    };
    Some((value, semi))
}

/// A place in a line where a code ends: `start..colon` is the ASCII word (or
/// digit run) before a `:`/`=`, `colon` the separator's char index.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    colon: usize,
}

/// An enumeration written in one line: at least two `code:label` pairs.
fn inline_enumeration(line: &str) -> Option<Enumeration> {
    let chars: Vec<char> = line.chars().collect();
    let candidates = candidates(&chars);
    let parenthesised = |c: &Candidate| {
        let opened = c.start > 0 && matches!(chars[c.start - 1], '(' | '（');
        let closed = chars[c.colon..].iter().any(|x| matches!(x, ')' | '）'));
        chars[c.colon] == '=' && opened && closed
    };
    let single = candidates.len() == 1 && parenthesised(&candidates[0]);
    if candidates.len() < 2 && !single {
        return None;
    }
    let first: String = chars[candidates[0].start..candidates[0].colon]
        .iter()
        .collect();
    if first.chars().all(|c| c.is_ascii_digit()) {
        integer_pairs(&chars, &candidates)
    } else {
        word_pairs(&chars, &candidates)
    }
}

/// Every ASCII word directly before a `:`, `：` or `=` that is followed by a
/// label (not a digit, a `/` or the end: times, URLs and ratios are no codes).
fn candidates(chars: &[char]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (colon, c) in chars.iter().enumerate() {
        if !matches!(c, ':' | '：' | '=') {
            continue;
        }
        let mut start = colon;
        while start > 0 && (chars[start - 1].is_ascii_alphanumeric() || chars[start - 1] == '_') {
            start -= 1;
        }
        let next = chars.get(colon + 1).copied();
        let labelled = next.is_some_and(|n| !(n.is_ascii_digit() || n == '/' || n == ':'));
        if start < colon && labelled && next.is_some_and(|n| !n.is_whitespace()) {
            found.push(Candidate { start, colon });
        }
    }
    found
}

/// Pairs whose codes are words (`Y:开启、N:关闭`, `true:开启false:不开启`).
fn word_pairs(chars: &[char], candidates: &[Candidate]) -> Option<Enumeration> {
    let codes: Vec<(usize, usize)> = candidates.iter().map(|c| (c.start, c.colon)).collect();
    if codes
        .iter()
        .any(|&(s, e)| chars[s..e].iter().all(char::is_ascii_digit))
    {
        return None;
    }
    Some(pairs(chars, &codes, false, None))
}

/// Pairs whose codes are integers. In a run the code's digits follow the
/// previous label directly (`PSTN1:PC`), so where the code starts is chosen
/// to keep the codes increasing; a choice between several is a question.
fn integer_pairs(chars: &[char], candidates: &[Candidate]) -> Option<Enumeration> {
    let mut codes = Vec::new();
    let mut question = None;
    let mut previous: Option<i64> = None;
    for cand in candidates {
        let digits_start = (cand.start..cand.colon)
            .rev()
            .take_while(|&i| chars[i].is_ascii_digit())
            .last()?;
        let (start, ambiguous) = split_code(chars, digits_start, cand.colon, previous);
        if ambiguous && question.is_none() {
            let seen: String = chars[cand.start..=cand.colon].iter().collect();
            question = Some(format!(
                "the codes run into the labels at `{seen}`: check where each code starts"
            ));
        }
        previous = parse_code(&chars[start..cand.colon]);
        codes.push((start, cand.colon));
    }
    Some(pairs(chars, &codes, true, question))
}

/// Where a code whose digits span `digits_start..colon` starts: the longest
/// suffix greater than the previous code. Also whether another suffix fits.
fn split_code(
    chars: &[char],
    digits_start: usize,
    colon: usize,
    previous: Option<i64>,
) -> (usize, bool) {
    let glued = digits_start > 0 && chars[digits_start - 1].is_ascii_alphanumeric();
    let Some(prev) = previous.filter(|_| glued) else {
        return (digits_start, false);
    };
    let fitting: Vec<usize> = (digits_start..colon)
        .filter(|&s| s + 1 == colon || chars[s] != '0')
        .filter(|&s| parse_code(&chars[s..colon]).is_some_and(|v| v > prev))
        .collect();
    match fitting.first() {
        Some(&s) => (s, fitting.len() > 1),
        None => (digits_start, true),
    }
}

/// The integer the digits spell, if it fits.
fn parse_code(digits: &[char]) -> Option<i64> {
    digits.iter().collect::<String>().parse().ok()
}

/// The values between the codes: each label runs to the next code.
fn pairs(
    chars: &[char],
    codes: &[(usize, usize)],
    integer: bool,
    question: Option<String>,
) -> Enumeration {
    let mut values = Vec::new();
    let mut glued = false;
    let last_end = last_label_end(chars, codes);
    for (i, &(start, colon)) in codes.iter().enumerate() {
        let end = codes.get(i + 1).map_or(last_end, |n| n.0);
        let label: String = chars[colon + 1..end].iter().collect();
        let next_glued = end < chars.len() && !is_separator(chars[end - 1]);
        glued |= next_glued && i + 1 < codes.len();
        values.push(EnumValue {
            code: chars[start..colon].iter().collect(),
            label: clean_label(&label),
        });
    }
    Enumeration {
        form: if glued {
            EnumForm::Run
        } else {
            EnumForm::Prose
        },
        integer,
        values,
        question,
    }
}

/// Where the last label ends: where every pair before it is followed by the
/// same separator (`1:预约,2:开始,…,7:审批不通过, 不传返回所有`), at the first
/// such separator after the last code; else at the end of the line.
fn last_label_end(chars: &[char], codes: &[(usize, usize)]) -> usize {
    let seps: Vec<char> = codes
        .iter()
        .skip(1)
        .filter_map(|&(s, _)| s.checked_sub(1).map(|i| chars[i]))
        .collect();
    let Some(&sep) = seps.first() else {
        return chars.len();
    };
    let common = seps.iter().all(|c| *c == sep) && matches!(sep, ',' | '，' | '、' | ';' | '；');
    let last_colon = codes.last().map_or(0, |c| c.1);
    match (common, (last_colon..chars.len()).find(|&i| chars[i] == sep)) {
        (true, Some(at)) => at,
        _ => chars.len(),
    }
}

/// A character that separates pairs written in prose.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';' | '；' | '(' | '（' | '。')
}

/// A label without separators around it and without a closing parenthesis
/// that closes the enclosing text (`…,1=删除)`).
fn clean_label(label: &str) -> String {
    let mut label = trim(label).trim_end_matches(['、', ',', '，', ';', '；', '。']);
    let opens = label.matches(['(', '（']).count();
    let closes = label.matches([')', '）']).count();
    if closes > opens {
        label = label.trim_end_matches([')', '）']);
    }
    trim(label).to_string()
}

// ---------------------------------------------------------------- limits

/// Length limits and the questions they raise.
pub(crate) fn limits(text: &str) -> (Vec<Limit>, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut questions = Vec::new();
    for (at, keyword, kind) in keywords(&chars) {
        let after = at + keyword.chars().count();
        match number_with_unit(&chars, after) {
            Some((value, unit, end)) => found.push(Limit {
                kind,
                value,
                unit,
                phrase: chars[at..end].iter().collect(),
            }),
            None => questions.push(format!(
                "`{}` is not one length limit: say which rule applies",
                clause(&chars, at)
            )),
        }
    }
    digits(&chars, &mut found, &mut questions);
    (found, questions)
}

/// `N位数字` (exactly N digits) and `N~M位数字` (N to M digits): a length in
/// characters, and a question for what the format cannot hold as a length
/// (digits only, a minimum).
fn digits(chars: &[char], found: &mut Vec<Limit>, questions: &mut Vec<String>) {
    for at in (0..chars.len()).filter(|&i| starts_with(chars, i, "位数字")) {
        let Some((hi, hi_start)) = number_before(chars, at) else {
            continue;
        };
        let range = hi_start
            .checked_sub(1)
            .filter(|&i| matches!(chars[i], '~' | '～' | '-' | '—'))
            .and_then(|i| number_before(chars, i));
        let start = range.map_or(hi_start, |(_, s)| s);
        let phrase: String = chars[start..at + 3].iter().collect();
        let kind = if range.is_some() {
            LimitKind::Max
        } else {
            LimitKind::Exact
        };
        found.push(Limit {
            kind,
            value: u64::try_from(hi).unwrap_or_default(),
            unit: Some(Unit::Chars),
            phrase: phrase.clone(),
        });
        let minimum = range.map_or(String::new(), |(lo, _)| format!(", at least {lo}"));
        questions.push(format!(
            "`{phrase}`: digits only (`chars: {{allow: [digits]}}`){minimum}; the format has no minimum length"
        ));
    }
}

/// Where a length phrase starts: its keyword and what kind of limit it is.
fn keywords(chars: &[char]) -> Vec<(usize, &'static str, LimitKind)> {
    /// The phrases that open a length, longest first.
    const KEYWORDS: [(&str, LimitKind); 4] = [
        ("最大字符长度", LimitKind::Max),
        ("最大长度", LimitKind::Max),
        ("不超过", LimitKind::Max),
        ("长度", LimitKind::Exact),
    ];
    let mut found: Vec<(usize, &str, LimitKind)> = Vec::new();
    for at in 0..chars.len() {
        let covered = found
            .iter()
            .any(|(s, k, _)| at >= *s && at < s + k.chars().count());
        if covered {
            continue;
        }
        if let Some((k, kind)) = KEYWORDS.iter().find(|(k, _)| starts_with(chars, at, k)) {
            // 不超过 and 长度 count only before a number: 不超过会议码率 and
            // 验证长度和是否为字母 are no lengths.
            let numeric = chars
                .get(at + k.chars().count())
                .is_some_and(|c| c.is_ascii_digit() || *c == ':' || *c == '：');
            if k.starts_with('最') || numeric {
                found.push((at, k, *kind));
            }
        }
    }
    found
}

/// Whether `word` is written at char index `at`.
fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(i, w)| chars.get(at + i) == Some(&w))
}

/// A number after a keyword (`:64个字节`, `100`), its unit if stated, and
/// where the phrase ends. `None` when no number directly follows.
fn number_with_unit(chars: &[char], mut at: usize) -> Option<(u64, Option<Unit>, usize)> {
    while chars
        .get(at)
        .is_some_and(|c| matches!(c, ':' | '：' | '为' | ' '))
    {
        at += 1;
    }
    let start = at;
    while chars.get(at).is_some_and(char::is_ascii_digit) {
        at += 1;
    }
    let value: u64 = chars[start..at].iter().collect::<String>().parse().ok()?;
    for (word, unit) in [
        ("个字节", Unit::Bytes),
        ("字节", Unit::Bytes),
        ("个字符", Unit::Chars),
        ("字符", Unit::Chars),
        ("bytes", Unit::Bytes),
        ("characters", Unit::Chars),
    ] {
        if starts_with(chars, at, word) {
            return Some((value, Some(unit), at + word.chars().count()));
        }
    }
    // A number followed by more digits of another kind (`4位-…`) or a size
    // unit is not a length in characters or bytes.
    let next = chars.get(at).copied();
    if next.is_some_and(|c| c.is_ascii_alphabetic() || c == '位' || c == '-') {
        return None;
    }
    Some((value, None, at))
}

/// The clause around `at`: up to the next comma or line end.
fn clause(chars: &[char], at: usize) -> String {
    let end = (at..chars.len())
        .find(|&i| matches!(chars[i], '\n' | ',' | '，' | '。' | ';'))
        .unwrap_or(chars.len());
    chars[at..end].iter().collect()
}

/// A validation cell that is only a number (`50`): for a string a maximum
/// length is proposed, without unit, with a question; for another type it is
/// no stated rule, only a question.
fn bare_number(check: &str, scalar: Option<Scalar>) -> (Option<Limit>, Option<String>) {
    let check = trim(check);
    let Ok(value) = check.parse::<u64>() else {
        return (None, None);
    };
    if scalar == Some(Scalar::String) {
        let limit = Limit {
            kind: LimitKind::Max,
            value,
            unit: None,
            phrase: check.to_string(),
        };
        let q = format!("the validation column says only `{check}`: is it a maximum length?");
        (Some(limit), Some(q))
    } else {
        let q = format!(
            "the validation column says only `{check}` for a non-string value: which rule?"
        );
        (None, Some(q))
    }
}

/// A requirement that holds only under a condition (`当conf_type为4时必填`,
/// `仅当跟随类型为会控指定时才需要输入`): a question, since the required flag
/// alone cannot say it.
fn condition(text: &str) -> Option<String> {
    /// Phrases that make a requirement conditional.
    const PHRASES: [&str; 5] = [
        "时必填",
        "时需要填写",
        "才需要输入",
        "此字段必须",
        "时才需要",
    ];
    let at = PHRASES.iter().filter_map(|p| text.find(p)).min()?;
    let chars: Vec<char> = text.chars().collect();
    let char_at = text[..at].chars().count();
    let start = (0..char_at)
        .rev()
        .find(|&i| matches!(chars[i], ',' | '，' | '。' | '\n' | ' '))
        .map_or(0, |i| i + 1);
    Some(format!(
        "`{}` makes it required only under a condition: a rule (`require` … `when`)?",
        clause(&chars, start)
    ))
}

// ---------------------------------------------------------------- defaults

/// The documented default (默认为0, 默认为:#FFFFFF, 默认关闭). 默认 inside a
/// word (混音默认开关, 默认水印) is no default: it must be followed by 为, 值为,
/// 设为, 是, a colon, a literal or a label of the field's enumeration.
pub(crate) fn default(text: &str, enumeration: Option<&Enumeration>) -> Option<DefaultValue> {
    let chars: Vec<char> = text.chars().collect();
    let starts: Vec<usize> = (0..chars.len())
        .filter(|&i| starts_with(&chars, i, "默认") && states_default(&chars, i + 2, enumeration))
        .collect();
    let &at = starts.first()?;
    let mut value_at = at + 2;
    for word in ["值为", "设为", "为", "是", ":", "："] {
        if starts_with(&chars, value_at, word) {
            value_at += word.chars().count();
        }
    }
    while chars
        .get(value_at)
        .is_some_and(|c| matches!(c, ':' | '：' | ' '))
    {
        value_at += 1;
    }
    let (value, end) = literal(&chars, value_at, enumeration);
    let phrase: String = chars[at..end].iter().collect();
    let question = default_question(&chars, at, starts.len(), value.is_none(), &phrase);
    Some(DefaultValue {
        value,
        phrase,
        question,
    })
}

/// Whether the text after 默认 (at `at`) states a default.
fn states_default(chars: &[char], at: usize, enumeration: Option<&Enumeration>) -> bool {
    let rest: String = chars[at.min(chars.len())..].iter().take(16).collect();
    let linking = ["值为", "设为", "为", "是", ":", "："]
        .iter()
        .any(|w| rest.starts_with(w));
    let literal = rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#');
    let label =
        enumeration.is_some_and(|e| e.values.iter().any(|v| rest.starts_with(v.label.as_str())));
    linking
        || literal
        || label
        || ["关闭", "开启", "不开启"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// Why a default cannot be taken as printed, if so.
fn default_question(
    chars: &[char],
    at: usize,
    count: usize,
    prose: bool,
    phrase: &str,
) -> Option<String> {
    let clause_start = (0..at)
        .rev()
        .find(|&i| matches!(chars[i], ',' | '，' | '。' | '\n' | '(' | '（'))
        .map_or(0, |i| i + 1);
    // 永久会议时默认为0, 若…则默认, 其中租赁环境默认设为0: a default for some cases.
    let before: String = chars[clause_start..at].iter().collect();
    let conditional = ["时", "若", "当", "如果", "其中"]
        .iter()
        .any(|w| before.contains(w));
    if count > 1 {
        Some(format!(
            "several defaults are stated (`{phrase}` …): which applies?"
        ))
    } else if conditional {
        Some(format!(
            "`{phrase}` holds only under a condition: keep it as a default?"
        ))
    } else if prose {
        Some(format!(
            "`{phrase}` is not a literal value: what is the default?"
        ))
    } else {
        None
    }
}

/// A literal at `at`: a number, `#hex`, an ASCII word, or a label of the
/// enumeration (then its code). `None` with the end of the clause otherwise.
fn literal(
    chars: &[char],
    at: usize,
    enumeration: Option<&Enumeration>,
) -> (Option<String>, usize) {
    let ascii_end = (at..chars.len())
        .find(|&i| !(chars[i].is_ascii_alphanumeric() || matches!(chars[i], '#' | '-' | '.' | '_')))
        .unwrap_or(chars.len());
    let token: String = chars[at..ascii_end].iter().collect();
    let token = token.trim_end_matches('.');
    if !token.is_empty() && token != "-" {
        return (Some(token.to_string()), at + token.chars().count());
    }
    let rest: String = chars[at..].iter().collect();
    if let Some(v) = enumeration.and_then(|e| {
        e.values
            .iter()
            .filter(|v| rest.starts_with(v.label.as_str()))
            .max_by_key(|v| v.label.len())
    }) {
        return (Some(v.code.clone()), at + v.label.chars().count());
    }
    let end = (at..chars.len())
        .find(|&i| matches!(chars[i], '\n' | ',' | '，' | '。' | ';' | ')' | '）'))
        .unwrap_or(chars.len());
    (None, end)
}

// ---------------------------------------------------------------- characters

/// The character rules a text states: `仅支持 英文字母(大小写) 数字 下划线(_)`,
/// `字母或数字`, `不支持输入特殊字符:% & *`, `首字符和尾字符不支持输入,下划线(_) @`.
pub(crate) fn chars(text: &str) -> Option<CharRule> {
    let mut rule = CharRule::default();
    let mut phrases: Vec<&str> = Vec::new();
    for line in text.lines() {
        if let Some(at) = line.find("仅支持") {
            let list = &line[at + "仅支持".len()..];
            rule.restricted = true;
            rule.letters |= list.contains("字母");
            rule.digits |= list.contains("数字");
            rule.extra.push_str(&symbols(list, true));
            phrases.push(trim(&line[at..]));
        } else if line.contains("字母或数字") || line.contains("字母和数字") {
            rule.restricted = true;
            rule.letters = true;
            rule.digits = true;
            phrases.push(trim(line));
        }
        if let Some(at) = line.find("不支持输入特殊字符") {
            let list = line[at..].split_once([':', '：']).map_or("", |(_, l)| l);
            rule.forbid.push_str(&symbols(list, false));
            phrases.push(trim(line));
        }
        if let Some(at) = line.find("首字符和尾字符不支持输入") {
            let list = &line[at + "首字符和尾字符不支持输入".len()..];
            // The list follows a comma or colon, which is no listed symbol.
            let list = list.trim_start_matches([',', '，', ':', '：']);
            rule.forbid_at_ends.push_str(&symbols(list, false));
            phrases.push(trim(line));
        }
    }
    if phrases.is_empty() {
        return None;
    }
    rule.phrase = phrases.join("\n");
    Some(rule)
}

/// The ASCII symbols a list names, each once: inside parentheses
/// (`下划线(_)`) when `in_parens`, else every non-alphanumeric one.
fn symbols(list: &str, in_parens: bool) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in list.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            c if c.is_ascii_punctuation() && (!in_parens || depth > 0) && !out.contains(c) => {
                out.push(c)
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- the rest

/// A documented format: ISO 8601, `yyyy-MM-dd HH:mm:ss`, a 13-digit
/// millisecond timestamp, `#RGB`.
pub(crate) fn format(text: &str) -> Option<Format> {
    if text.contains("ISO8601") || text.contains("ISO 8601") {
        Some(Format::Iso8601)
    } else if shows(text, "dddd-dd-ddTdd:dd:dd+dd:dd") || shows(text, "dddd-dd-ddTdd:dd:dd-dd:dd") {
        // An example value after 格式为 (`2020-07-24T15:30:00+08:00`).
        Some(Format::Iso8601)
    } else if text.contains("yyyy-MM-dd HH:mm:ss") || shows(text, "dddd-dd-dd dd:dd:dd") {
        Some(Format::DateTime)
    } else if text.contains("13位毫秒") || text.contains("毫秒级时间戳") {
        Some(Format::TimestampMs)
    } else if text.contains("#RGB") || text.contains("#RRGGBB") {
        Some(Format::RgbHex)
    } else {
        None
    }
}

/// Whether `text` holds a value of the shape `pattern`, where `d` is any
/// ASCII digit and every other character stands for itself.
fn shows(text: &str, pattern: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    chars.windows(pattern.len()).any(|w| {
        w.iter().zip(&pattern).all(|(c, p)| {
            if *p == 'd' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
    })
}

/// A numeric range `a—b` (em or en dash, `~`) not followed by a unit of
/// length (`4~6位` is a length).
pub(crate) fn range(line: &str) -> Option<(i64, i64)> {
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '—' | '–' | '~' | '～') {
            continue;
        }
        let (lo, lo_start) = number_before(&chars, i)?;
        let (hi, hi_end) = number_after(&chars, i + 1)?;
        let before_ok = lo_start == 0 || !chars[lo_start - 1].is_ascii_alphanumeric();
        let unit_after = chars.get(hi_end).is_some_and(|c| matches!(c, '位' | '个'));
        if before_ok && !unit_after && lo <= hi {
            return Some((lo, hi));
        }
    }
    None
}

/// The number ending at `end` (blanks skipped) and where it starts.
fn number_before(chars: &[char], end: usize) -> Option<(i64, usize)> {
    let mut end = end;
    while end > 0 && chars[end - 1] == ' ' {
        end -= 1;
    }
    let start = (0..end)
        .rev()
        .take_while(|&i| chars[i].is_ascii_digit())
        .last()?;
    Some((
        chars[start..end].iter().collect::<String>().parse().ok()?,
        start,
    ))
}

/// The number starting at `start` (blanks skipped) and where it ends.
fn number_after(chars: &[char], start: usize) -> Option<(i64, usize)> {
    let mut start = start;
    while chars.get(start) == Some(&' ') {
        start += 1;
    }
    let end = (start..chars.len())
        .find(|&i| !chars[i].is_ascii_digit())
        .unwrap_or(chars.len());
    Some((
        chars[start..end].iter().collect::<String>().parse().ok()?,
        end,
    ))
}

/// Allowed values listed after 支持 and separated by `、` (`支持3、5、15、30`).
pub(crate) fn one_of(line: &str) -> Vec<i64> {
    let Some(at) = line.find("支持") else {
        return Vec::new();
    };
    let rest = &line[at + "支持".len()..];
    let list: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '、')
        .collect();
    let values: Vec<i64> = list.split('、').filter_map(|v| v.parse().ok()).collect();
    if values.len() >= 2 {
        values
    } else {
        Vec::new()
    }
}

/// The table a description refers to (`【详见Error字段描述`): the ASCII word
/// before 参数/字段.
pub(crate) fn reference(text: &str) -> Option<String> {
    let at = text.find("详见")?;
    let rest = &text[at + "详见".len()..];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let after = &rest[word.len()..];
    (!word.is_empty() && (after.starts_with("参数") || after.starts_with("字段"))).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(e: &Enumeration) -> Vec<(&str, &str)> {
        e.values
            .iter()
            .map(|v| (v.code.as_str(), v.label.as_str()))
            .collect()
    }

    #[test]
    fn a_run_splits_codes_from_labels_that_end_in_letters() {
        let e = enumeration("类型:0:PSTN1:PC2:Mac7:Android Pad8:小程序9:voip、sip 设备10:Linux20:Rooms for Touch Windows21:Rooms for Touch MacOS").unwrap();
        assert_eq!(e.form, EnumForm::Run);
        assert!(e.integer);
        assert_eq!(
            codes(&e),
            [
                ("0", "PSTN"),
                ("1", "PC"),
                ("2", "Mac"),
                ("7", "Android Pad"),
                ("8", "小程序"),
                ("9", "voip、sip 设备"),
                ("10", "Linux"),
                ("20", "Rooms for Touch Windows"),
                ("21", "Rooms for Touch MacOS"),
            ]
        );
        assert_eq!(e.question, None);
    }

    #[test]
    fn a_run_whose_split_is_ambiguous_asks() {
        let e = enumeration("0:A1:B23:C").unwrap();
        assert_eq!(codes(&e)[2], ("23", "C"));
        assert!(e.question.unwrap().contains("B23:"));
    }

    #[test]
    fn word_codes_run_together_too() {
        let e = enumeration("是否开启直播密码。true:开启false:不开启").unwrap();
        assert_eq!(codes(&e), [("true", "开启"), ("false", "不开启")]);
        assert!(!e.integer);
    }

    #[test]
    fn prose_pairs_are_separated_by_blanks_or_enumeration_commas() {
        let e = enumeration("1:是 0:否").unwrap();
        assert_eq!(e.form, EnumForm::Prose);
        assert_eq!(codes(&e), [("1", "是"), ("0", "否")]);
        let e = enumeration("角色类型 Teacher:讲师、Guest:嘉宾").unwrap();
        assert_eq!(codes(&e), [("Teacher", "讲师"), ("Guest", "嘉宾")]);
        let e = enumeration("直播场次删除标记(0=未删除,1=删除)").unwrap();
        assert_eq!(codes(&e), [("0", "未删除"), ("1", "删除")]);
    }

    #[test]
    fn a_prose_list_ends_its_last_label_at_its_separator() {
        let e = enumeration("会议状态:1:预约,2:开始,7:审批不通过, 不传返回所有").unwrap();
        assert_eq!(
            codes(&e),
            [("1", "预约"), ("2", "开始"), ("7", "审批不通过")]
        );
    }

    #[test]
    fn one_parenthesised_pair_is_an_enumeration_of_one() {
        let e = enumeration("开启直播图链广告广告类型(1=直播间图链广告)").unwrap();
        assert_eq!(codes(&e), [("1", "直播间图链广告")]);
        assert_eq!(enumeration("见(a=b"), None);
    }

    #[test]
    fn conditional_requirements_are_questions() {
        let f = facts("终端支持协议 当conf_type为4时必填", None, None);
        assert!(
            f.questions[0].contains("当conf_type为4时必填"),
            "{:?}",
            f.questions
        );
        assert!(facts("用户 ID。", None, None).questions.is_empty());
    }

    #[test]
    fn lines_are_read_with_dashes_colons_and_string_codes() {
        let e = enumeration("会议免打扰\n0-关闭;\n1-开启;").unwrap();
        assert_eq!(e.form, EnumForm::Lines);
        assert_eq!(codes(&e), [("0", "关闭"), ("1", "开启")]);
        let e = enumeration("会议类型\n0:传统会议,\n1:端口会议,\n4:auto 自动\n自动会议类型规则:")
            .unwrap();
        assert_eq!(codes(&e)[2], ("4", "auto 自动"));
        let e = enumeration("终端支持协议\nrtc-rtc协议;\nsip-协议;").unwrap();
        assert_eq!(codes(&e), [("rtc", "rtc协议"), ("sip", "协议")]);
        let e = enumeration("最大与会终端数\n8-小型8方会议;\n32-32方会议;").unwrap();
        assert_eq!(codes(&e)[1], ("32", "32方会议"));
    }

    #[test]
    fn prose_that_is_no_enumeration_is_left_alone() {
        assert_eq!(enumeration("开始时间,格式为ISO8601:2000标准"), None);
        assert_eq!(
            enumeration("名称:\nresource_type=1 时返回\nresource_type=2 返回"),
            None
        );
        assert_eq!(enumeration("1.字符限制:\n2.最大字符长度:16个字节"), None);
        assert_eq!(enumeration("见 https://a.b/c 与 http://d"), None);
        assert_eq!(enumeration("2016-11-11T15:30:00+08:00"), None);
    }

    #[test]
    fn limits_keep_the_unit_only_when_stated() {
        let (l, q) = limits("最大长度100");
        assert_eq!(
            (l[0].value, l[0].unit, l[0].kind),
            (100, None, LimitKind::Max)
        );
        assert!(q.is_empty());
        let (l, _) = limits("名称 最大字符长度:64个字节");
        assert_eq!((l[0].value, l[0].unit), (64, Some(Unit::Bytes)));
        let (l, _) = limits("1.最大字符长度:60个字符");
        assert_eq!((l[0].value, l[0].unit), (60, Some(Unit::Chars)));
        let (l, _) = limits("不超过20个字符");
        assert_eq!((l[0].value, l[0].unit), (20, Some(Unit::Chars)));
        let (l, _) = limits("长度11");
        assert_eq!(
            (l[0].kind, l[0].value, l[0].unit),
            (LimitKind::Exact, 11, None)
        );
    }

    #[test]
    fn default_inside_a_word_is_no_default() {
        assert_eq!(default("混音默认开关 Y:开启、N:关闭", None), None);
        let e = enumeration("水印选项,默认为0。0:默认水印1:无水印");
        let d = default("水印选项,默认为0。0:默认水印1:无水印", e.as_ref()).unwrap();
        assert_eq!((d.value.as_deref(), d.question), (Some("0"), None));
    }

    #[test]
    fn length_without_a_number_is_no_limit() {
        assert_eq!(limits("传值会验证长度和是否为字母或数字"), (vec![], vec![]));
    }

    #[test]
    fn digit_counts_are_lengths_with_a_question() {
        let (l, q) = limits("会议密码,4~6位数字");
        assert_eq!(
            (l[0].kind, l[0].value, l[0].unit),
            (LimitKind::Max, 6, Some(Unit::Chars))
        );
        assert!(q[0].contains("at least 4"), "{q:?}");
        let (l, _) = limits("手机号,11位数字");
        assert_eq!((l[0].kind, l[0].value), (LimitKind::Exact, 11));
    }

    #[test]
    fn a_composite_length_is_a_question_not_a_limit() {
        let (l, q) = limits("座机 最大字符长度:地区区号4位-字符电话16位-字符分机10位字符");
        assert!(l.is_empty());
        assert_eq!(q.len(), 1);
        assert!(limits("终端呼叫码率,不可超过会议码率").0.is_empty());
    }

    #[test]
    fn a_bare_number_in_a_validation_cell_is_a_question() {
        let f = facts("直播场次主讲人名称", Some("50"), Some(Scalar::String));
        assert_eq!((f.limits[0].value, f.limits[0].unit), (50, None));
        assert!(f.questions[0].contains("`50`"));
        let f = facts("删除标记", Some("500"), Some(Scalar::Integer));
        assert!(f.questions[0].contains("non-string"));
    }

    #[test]
    fn defaults_are_literals_labels_or_questions() {
        assert_eq!(
            default("水印选项,默认为0。", None)
                .unwrap()
                .value
                .as_deref(),
            Some("0")
        );
        let d = default("台标字体三原色,默认为:#FFFFFF白色", None).unwrap();
        assert_eq!(d.value.as_deref(), Some("#FFFFFF"));
        let e = enumeration("开启短信通知, 默认关闭\n0-关闭;\n1-开启;");
        let d = default("开启短信通知, 默认关闭", e.as_ref()).unwrap();
        assert_eq!(d.value.as_deref(), Some("0"));
        let d = default("终端呼叫码率,默认为会议码率", None).unwrap();
        assert_eq!(d.value, None);
        assert!(d.question.is_some());
        let d = default("是否自动结会,永久会议时默认为0", None).unwrap();
        assert!(d.question.unwrap().contains("condition"));
        let d = default("视频质量,其中租赁环境默认设为0,自建环境以api下参为准", None).unwrap();
        assert!(d.question.unwrap().contains("condition"));
        let d = default("租赁环境默认设为速度优先,自建环境默认为质量优先", None).unwrap();
        assert!(d.question.unwrap().contains("several"));
    }

    #[test]
    fn character_rules_are_read_in_the_documents_terms() {
        let r = chars("密码\n1.字符限制:仅支持 英文字母(大小写) 数字 下划线(_) 小数点(.)\n2.最大字符长度:16个字节").unwrap();
        assert!(r.restricted && r.letters && r.digits);
        assert_eq!(r.extra, "_.");
        assert_eq!(r.phrase, "仅支持 英文字母(大小写) 数字 下划线(_) 小数点(.)");
        let r = chars("  a.不支持输入特殊字符:% & * ^ ~ ' \" \" ? / \\ < > | ` \" $\n  b.且首字符和尾字符不支持输入,下划线(_) 减号(-) 小数点(.) @").unwrap();
        assert!(!r.restricted);
        assert_eq!(r.forbid, "%&*^~'\"?/\\<>|`$");
        assert_eq!(r.forbid_at_ends, "_-.@");
        let r = chars("直播间ID/Code, 传值会验证长度和是否为字母或数字").unwrap();
        assert!(r.letters && r.digits && r.extra.is_empty());
        assert_eq!(chars("直播间房间名称"), None);
    }

    #[test]
    fn formats_ranges_allowed_values_and_references_are_found() {
        assert_eq!(format("格式为ISO8601:2000标准"), Some(Format::Iso8601));
        assert_eq!(
            format("日期格式yyyy-MM-dd HH:mm:ss"),
            Some(Format::DateTime)
        );
        assert_eq!(format("当前13位毫秒级时间戳"), Some(Format::TimestampMs));
        assert_eq!(
            format("开始日期,格式为 2020-07-24T15:30:00+08:00,不填"),
            Some(Format::Iso8601)
        );
        assert_eq!(format("时间 2020-07-24 15:30:00"), Some(Format::DateTime));
        assert_eq!(format("2020-07-24"), None);
        assert_eq!(range("会议等级 0—16 数字越大会议等级越高"), Some((0, 16)));
        assert_eq!(range("4~6位数字"), None);
        assert_eq!(one_of("语音激励敏感度(s),支持3、5、15、30"), [3, 5, 15, 30]);
        assert_eq!(
            reference("状态码非200时的错误信息【详见Error字段描述").as_deref(),
            Some("Error")
        );
        assert_eq!(reference("账号appId【详见获取密钥"), None);
    }
}

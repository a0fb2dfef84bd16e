//! Requests the specs allow, built as JSON from the resolved model.
//!
//! This is the generator's own reading of the documents, written independently
//! of the runtime's validator: every value it builds keeps every documented
//! constraint (lengths in characters and bytes, character rules, formats,
//! ranges, enumerations, array sizes) and every rule across fields (conditional
//! requirements, fields allowed only under a condition, start before end,
//! periods that do not overlap). Property tests feed it random choices and
//! expect the validator to accept the result; boundary tests start from it and
//! move one value to the edge of one constraint.

use meeting_api_codegen::model::{
    CharRule, Check, CheckKind, Condition, Field, FieldPath, Format, Literal, NoOverlap, Operation,
    Rule, RuleKind, Struct, Test, Ty, TypeId, Vendor,
};
use serde_json::{json, Map, Value};

/// The choices a request is built from. Property tests fill it with random
/// words (and shrink it); other tests use a constant tape. Past its end every
/// choice is 0, the smallest one.
#[derive(Debug, Clone)]
pub struct Tape {
    words: Vec<u64>,
    pos: usize,
}

impl Tape {
    pub fn new(words: Vec<u64>) -> Tape {
        Tape { words, pos: 0 }
    }

    /// The same word for every choice (`u64::MAX`: every optional field given).
    pub fn constant(word: u64, len: usize) -> Tape {
        Tape::new(vec![word; len])
    }

    fn next(&mut self) -> u64 {
        let word = self.words.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        word
    }

    /// A choice in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn flip(&mut self) -> bool {
        self.below(2) == 1
    }

    /// A length in `lo..=hi`, at one of the two ends half of the time.
    fn length(&mut self, lo: usize, hi: usize) -> usize {
        match self.below(4) {
            3 => hi,
            0 => lo,
            _ => lo + self.below((hi - lo + 1) as u64) as usize,
        }
    }
}

/// Optional fields are left out below this depth (recursive types end).
const MAX_DEPTH: usize = 6;
/// Arrays without a documented maximum get at most this many items.
const ITEMS_CAP: usize = 3;
/// Strings without a documented maximum get at most this many characters.
const CHARS_CAP: usize = 12;

/// Builds valid requests of one vendor.
pub struct Requests<'a> {
    vendor: &'a Vendor,
}

/// What owns a set of fields and rules: the request itself, or a struct.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Request(&'a Operation),
    Struct(&'a Struct),
}

impl Owner<'_> {
    /// The generated type's name (`UpdateRoomRequest`, `Session`).
    pub fn type_name(&self) -> String {
        match self {
            Owner::Request(op) => op.request_type(),
            Owner::Struct(s) => s.name.clone(),
        }
    }
}

/// What a repair must leave as it is: a field of the repaired object whose
/// value a test set, and an array item holding such a value (the other items'
/// periods are placed around it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep<'k> {
    pub field: Option<&'k str>,
    pub item: Option<(&'k str, usize)>,
}

/// One field present in a built request.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// JSON pointer of the value (`/body/sessions/0/sessionName`).
    pub pointer: String,
    /// The path the validator reports (`sessions[0].sessionName`: the body is
    /// flattened into the request).
    pub path: String,
    pub field: Field,
    /// The struct (or request) that declares the field.
    pub owner: Owner<'a>,
    /// JSON pointer of the object holding the field.
    pub parent: String,
}

impl<'a> Requests<'a> {
    pub fn new(vendor: &'a Vendor) -> Requests<'a> {
        Requests { vendor }
    }

    /// A valid request of `op`, as the JSON of its generated request type.
    pub fn request(&self, op: &'a Operation, tape: &mut Tape) -> Value {
        let fields = op.request_fields();
        let mut object = self.object(&fields, tape, 0);
        self.repair(&mut object, &fields, &op.rules, tape, 0, Keep::default());
        Value::Object(object)
    }

    /// The fields and rules of `owner`.
    pub fn shape(&self, owner: Owner<'a>) -> (Vec<Field>, &'a [Rule]) {
        match owner {
            Owner::Request(op) => (op.request_fields(), &op.rules),
            Owner::Struct(s) => (s.fields.clone(), &s.rules),
        }
    }

    /// Makes the object at `pointer` of `request`, owned by `owner`, keep its
    /// rules again after one of its values was changed. `pinned` (a field of
    /// that object) is never touched.
    pub fn repair_at(&self, request: &mut Value, pointer: &str, owner: Owner<'a>, keep: Keep<'_>) {
        let (fields, rules) = self.shape(owner);
        let Some(Value::Object(object)) = request.pointer_mut(pointer) else {
            panic!("no object at {pointer}");
        };
        // A repair needs choices only for fields it adds; those take the
        // fullest ones, like the base request.
        let mut tape = Tape::constant(u64::MAX, 4096);
        self.repair(object, &fields, rules, &mut tape, 1, keep);
    }

    fn object(&self, fields: &[Field], tape: &mut Tape, depth: usize) -> Map<String, Value> {
        let mut object = Map::new();
        for f in fields {
            if f.required || (depth < MAX_DEPTH && tape.flip()) {
                object.insert(f.wire.clone(), self.value(&f.ty, &f.checks, tape, depth));
            }
        }
        object
    }

    /// The struct `id` refers to.
    fn structure_of(&self, id: TypeId) -> &'a Struct {
        self.vendor.structure(id).expect("a struct type")
    }

    fn structure(&self, id: TypeId, tape: &mut Tape, depth: usize) -> Value {
        let s = self.structure_of(id);
        let mut object = self.object(&s.fields, tape, depth + 1);
        self.repair(
            &mut object,
            &s.fields,
            &s.rules,
            tape,
            depth + 1,
            Keep::default(),
        );
        Value::Object(object)
    }

    /// A value of `ty` that keeps `checks`.
    pub fn value(&self, ty: &Ty, checks: &[Check], tape: &mut Tape, depth: usize) -> Value {
        match ty {
            Ty::String => Value::String(text(checks, tape)),
            Ty::Integer => integer(checks, tape),
            Ty::Number => number(checks, tape),
            Ty::Boolean => Value::Bool(tape.flip()),
            Ty::Json => json!({ "value": tape.below(100) }),
            Ty::File => file(checks, tape),
            Ty::Struct(id) => self.structure(*id, tape, depth),
            Ty::Enum(id, _) => {
                let e = self.vendor.enumeration(*id).expect("an enumeration");
                let v = &e.variants[tape.below(e.variants.len() as u64) as usize];
                literal_json(&v.code)
            }
            Ty::Array(item) => {
                let (lo, hi) = items_bounds(checks);
                let n = tape.length(lo, hi);
                Value::Array(
                    (0..n)
                        .map(|_| self.value(item, &[], tape, depth + 1))
                        .collect(),
                )
            }
        }
    }

    /// Applies the rules until nothing changes: a field added for one rule can
    /// make another one's condition true. The `pinned` field keeps its value.
    fn repair(
        &self,
        object: &mut Map<String, Value>,
        fields: &[Field],
        rules: &[Rule],
        tape: &mut Tape,
        depth: usize,
        keep: Keep<'_>,
    ) {
        for _ in 0..8 {
            let before = object.clone();
            for rule in rules {
                self.apply(object, rule, tape, depth, keep);
            }
            if *object == before {
                return;
            }
        }
        panic!("rules of {fields:?} do not settle");
    }

    fn apply(
        &self,
        object: &mut Map<String, Value>,
        rule: &Rule,
        tape: &mut Tape,
        depth: usize,
        keep: Keep<'_>,
    ) {
        let holds = rule
            .when
            .iter()
            .chain(&rule.also_when)
            .all(|c| condition(c, object));
        match &rule.kind {
            RuleKind::Require(paths) if holds => {
                for p in paths {
                    self.ensure(object, p, tape, depth);
                }
            }
            RuleKind::OnlyWhen(paths) if !holds => {
                for p in paths {
                    remove(object, p);
                }
            }
            RuleKind::Before(a, b, format) if holds => {
                let (Some(x), Some(shape)) = (get(object, a), get(object, b).cloned()) else {
                    return;
                };
                if let (Some(x), Some(y)) = (instant(*format, x), instant(*format, &shape)) {
                    if x >= y {
                        // Move whichever end is free to move.
                        if keep.field == Some(b.last().wire.as_str()) && b.steps.len() == 1 {
                            let earlier = format_instant(*format, y - step(*format), &shape);
                            set(object, a, earlier);
                        } else {
                            let later = format_instant(*format, x + step(*format), &shape);
                            set(object, b, later);
                        }
                    }
                }
            }
            RuleKind::NoOverlap(o) if holds => {
                let anchor = keep
                    .item
                    .filter(|(array, _)| o.array.steps.len() == 1 && *array == o.array.wire);
                let Some(Value::Array(items)) = get_mut(object, &o.array) else {
                    return;
                };
                space_periods(items, o, anchor.map(|(_, i)| i));
            }
            _ => {}
        }
    }

    /// Makes the field at `path` present in the objects and array items on
    /// the way that are present (a required field of an absent object is not
    /// required, as the validator reads `require`).
    fn ensure(
        &self,
        object: &mut Map<String, Value>,
        path: &FieldPath,
        tape: &mut Tape,
        depth: usize,
    ) {
        self.ensure_steps(object, None, &path.steps, tape, depth);
    }

    /// `ensure` below `object`, an instance of the struct `owner` (`None`:
    /// the object whose rules are being applied). A field added inside a
    /// nested object can make that object's own rules apply: they are
    /// applied again.
    fn ensure_steps(
        &self,
        object: &mut Map<String, Value>,
        owner: Option<TypeId>,
        steps: &[Field],
        tape: &mut Tape,
        depth: usize,
    ) {
        let Some((step, rest)) = steps.split_first() else {
            return;
        };
        if rest.is_empty() {
            if !object.contains_key(&step.wire) {
                let v = self.value(&step.ty, &step.checks, tape, depth);
                object.insert(step.wire.clone(), v);
                if let Some(id) = owner {
                    let s = self.structure_of(id);
                    self.repair(
                        object,
                        &s.fields,
                        &s.rules,
                        tape,
                        depth + 1,
                        Keep::default(),
                    );
                }
            }
            return;
        }
        let inner = match &step.ty {
            Ty::Struct(id) => Some(*id),
            Ty::Array(item) => match item.as_ref() {
                Ty::Struct(id) => Some(*id),
                _ => None,
            },
            _ => None,
        };
        match object.get_mut(&step.wire) {
            Some(Value::Object(next)) => self.ensure_steps(next, inner, rest, tape, depth),
            Some(Value::Array(items)) => {
                for next in items.iter_mut().filter_map(Value::as_object_mut) {
                    self.ensure_steps(next, inner, rest, tape, depth);
                }
            }
            _ => {}
        }
    }

    /// Every field present in `request` (a request of `op`), outermost first.
    pub fn sites(&self, op: &'a Operation, request: &Value) -> Vec<Site<'a>> {
        let mut out = Vec::new();
        let fields = op.request_fields();
        self.collect(&fields, Owner::Request(op), request, "", "", &mut out);
        out
    }

    fn collect(
        &self,
        fields: &[Field],
        owner: Owner<'a>,
        object: &Value,
        pointer: &str,
        path: &str,
        out: &mut Vec<Site<'a>>,
    ) {
        for f in fields {
            let Some(value) = object.get(&f.wire) else {
                continue;
            };
            let fpointer = format!("{pointer}/{}", escape_pointer(&f.wire));
            // The body is flattened into the request: its fields are reported
            // without a `body.` prefix.
            let is_body = matches!(owner, Owner::Request(_)) && f.wire == "body";
            let fpath = if path.is_empty() {
                f.wire.clone()
            } else {
                format!("{path}.{}", f.wire)
            };
            out.push(Site {
                pointer: fpointer.clone(),
                path: fpath.clone(),
                field: f.clone(),
                owner,
                parent: pointer.to_string(),
            });
            let inner_path = if is_body {
                String::new()
            } else {
                fpath.clone()
            };
            match (&f.ty, value) {
                (Ty::Struct(id), _) => {
                    let s = self.structure_of(*id);
                    let owner = Owner::Struct(s);
                    self.collect(&s.fields, owner, value, &fpointer, &inner_path, out);
                }
                (Ty::Array(item), Value::Array(items)) => {
                    if let Ty::Struct(id) = item.as_ref() {
                        let s = self.structure_of(*id);
                        for (i, v) in items.iter().enumerate() {
                            let owner = Owner::Struct(s);
                            let (p, q) = (format!("{fpointer}/{i}"), format!("{inner_path}[{i}]"));
                            self.collect(&s.fields, owner, v, &p, &q, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The documented codes of an enumeration.
    pub fn codes(&self, id: TypeId) -> Vec<Literal> {
        let e = self.vendor.enumeration(id).expect("an enumeration");
        e.variants.iter().map(|v| v.code.clone()).collect()
    }
}

/// Gives the items' periods one hour each, two hours apart, in array order;
/// around the `anchor` item's own period when there is one.
fn space_periods(items: &mut [Value], o: &NoOverlap, anchor: Option<usize>) {
    let period = |item: &Value| -> Option<(i64, i64)> {
        let start = instant(o.format, item.get(&o.start.wire)?)?;
        let end = instant(o.format, item.get(&o.end.wire)?)?;
        Some((start, end))
    };
    let unit = scale(o.format, 1);
    let fixed = anchor.and_then(|k| Some((k, period(items.get(k)?)?)));
    for (i, item) in items.iter_mut().enumerate() {
        let Value::Object(fields) = item else {
            continue;
        };
        if !(fields.contains_key(&o.start.wire) && fields.contains_key(&o.end.wire)) {
            continue;
        }
        let start = match fixed {
            _ if anchor == Some(i) => continue,
            Some((k, (s, _))) if i < k => s - unit * 7200 * (k - i) as i64,
            Some((k, (_, e))) => e + unit * 7200 * (i - k) as i64,
            None => scale(o.format, BASE_INSTANT + 7200 * i as i64),
        };
        let shape = fields[&o.start.wire].clone();
        fields.insert(
            o.start.wire.clone(),
            format_instant(o.format, start, &shape),
        );
        let end = format_instant(o.format, start + unit * 3600, &shape);
        fields.insert(o.end.wire.clone(), end);
    }
}

fn escape_pointer(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// `min_items..=max_items`, capped where the document sets no maximum.
pub fn items_bounds(checks: &[Check]) -> (usize, usize) {
    let mut lo = 0;
    let mut hi = None;
    for c in checks {
        match c.kind {
            CheckKind::MinItems(n) => lo = n as usize,
            CheckKind::MaxItems(n) => hi = Some(n as usize),
            _ => {}
        }
    }
    (lo, hi.unwrap_or(ITEMS_CAP.max(lo)))
}

pub fn literal_json(l: &Literal) -> Value {
    match l {
        Literal::Int(i) => json!(i),
        Literal::Str(s) => json!(s),
        Literal::Bool(b) => json!(b),
        Literal::Float(f) => json!(f),
    }
}

fn literal_matches(l: &Literal, v: &Value) -> bool {
    match (l, v) {
        (Literal::Int(i), Value::Number(n)) => n.as_i64() == Some(*i),
        (Literal::Str(s), Value::String(t)) => s == t,
        (Literal::Bool(b), Value::Bool(c)) => b == c,
        (Literal::Float(f), Value::Number(n)) => n.as_f64() == Some(*f),
        _ => false,
    }
}

/// Whether a rule's condition holds, read as the documents' rule says: an
/// absent field with a default compares as its default.
pub fn condition(c: &Condition, object: &Map<String, Value>) -> bool {
    let present = get(object, &c.field);
    let default = c.field.last().default.as_ref().map(literal_json);
    let value = present.cloned().or(default);
    match &c.test {
        Test::Equals(l) => value.is_some_and(|v| literal_matches(l, &v)),
        Test::NotEquals(l) => !value.is_some_and(|v| literal_matches(l, &v)),
        Test::In(ls) => value.is_some_and(|v| ls.iter().any(|l| literal_matches(l, &v))),
        Test::Present(p) => present.is_some() == *p,
    }
}

fn get<'v>(object: &'v Map<String, Value>, path: &FieldPath) -> Option<&'v Value> {
    let (last, init) = path.steps.split_last()?;
    let mut current = object;
    for step in init {
        current = current.get(&step.wire)?.as_object()?;
    }
    current.get(&last.wire)
}

fn get_mut<'v>(object: &'v mut Map<String, Value>, path: &FieldPath) -> Option<&'v mut Value> {
    let (last, init) = path.steps.split_last()?;
    let mut current = object;
    for step in init {
        current = current.get_mut(&step.wire)?.as_object_mut()?;
    }
    current.get_mut(&last.wire)
}

fn set(object: &mut Map<String, Value>, path: &FieldPath, value: Value) {
    if let Some(slot) = get_mut(object, path) {
        *slot = value;
    }
}

fn remove(object: &mut Map<String, Value>, path: &FieldPath) {
    let Some((last, init)) = path.steps.split_last() else {
        return;
    };
    let mut current = object;
    for step in init {
        match current.get_mut(&step.wire).and_then(Value::as_object_mut) {
            Some(next) => current = next,
            None => return,
        }
    }
    current.remove(&last.wire);
}

// ---- strings -------------------------------------------------------------

/// Characters strings are made of where the document does not restrict them:
/// ASCII, a space, JSON's escapes, 3-byte Chinese and a 4-byte emoji.
const OPEN_POOL: &[char] = &[
    'a', 'Z', '7', ' ', '_', '-', '.', '@', '"', '\\', '\n', '会', '議', '😀',
];

/// The characters a string under `rule` may hold: (anywhere, first and last).
pub fn char_pool(rule: Option<&CharRule>) -> (Vec<char>, Vec<char>) {
    let Some(rule) = rule else {
        return (OPEN_POOL.to_vec(), OPEN_POOL.to_vec());
    };
    let mut pool: Vec<char> = if rule.restricted {
        let mut p = Vec::new();
        if rule.letters {
            p.extend(['a', 'Q', 'z']);
        }
        if rule.digits {
            p.extend(['0', '5', '9']);
        }
        p.extend(rule.extra.chars());
        p
    } else {
        OPEN_POOL.to_vec()
    };
    pool.retain(|c| !rule.forbid.contains(*c));
    let ends: Vec<char> = pool
        .iter()
        .copied()
        .filter(|c| !rule.forbid_at_ends.contains(*c))
        .collect();
    assert!(
        !ends.is_empty(),
        "no character may start a string under {rule:?}"
    );
    (pool, ends)
}

/// The limits of a string field: (exact length, max characters, max bytes).
pub fn text_limits(checks: &[Check]) -> (Option<usize>, Option<usize>, Option<usize>) {
    let (mut exact, mut chars, mut bytes) = (None, None, None);
    for c in checks {
        match c.kind {
            CheckKind::Length(n) => exact = Some(n as usize),
            CheckKind::MaxChars(n) => chars = Some(n as usize),
            CheckKind::MaxBytes(n) => bytes = Some(n as usize),
            _ => {}
        }
    }
    (exact, chars, bytes)
}

pub fn char_rule(checks: &[Check]) -> Option<&CharRule> {
    checks.iter().find_map(|c| match &c.kind {
        CheckKind::Chars(r) => Some(r),
        _ => None,
    })
}

pub fn format_of(checks: &[Check]) -> Option<Format> {
    checks.iter().find_map(|c| match c.kind {
        CheckKind::Format(f) => Some(f),
        _ => None,
    })
}

fn text(checks: &[Check], tape: &mut Tape) -> String {
    if let Some(f) = format_of(checks) {
        let v = format_instant(f, random_instant(f, tape), &Value::Null);
        return match v {
            Value::String(s) => s,
            other => other.to_string(),
        };
    }
    if let Some(values) = one_of(checks) {
        let pick = &values[tape.below(values.len() as u64) as usize];
        return match pick {
            Literal::Str(s) => s.clone(),
            other => panic!("a string with a non-string allowed value {other:?}"),
        };
    }
    let (exact, max_chars, max_bytes) = text_limits(checks);
    let (pool, ends) = char_pool(char_rule(checks));
    let count = match exact {
        Some(n) => n,
        None => {
            let hi = max_chars
                .unwrap_or(CHARS_CAP)
                .min(max_bytes.unwrap_or(usize::MAX));
            tape.length(0, hi)
        }
    };
    let budget = max_bytes.unwrap_or(usize::MAX);
    let mut out = String::new();
    for i in 0..count {
        let choices = if i == 0 || i + 1 == count {
            &ends
        } else {
            &pool
        };
        let mut c = choices[tape.below(choices.len() as u64) as usize];
        // Keep room for the characters still to come, one byte each.
        let rest = count - i - 1;
        if out.len() + c.len_utf8() + rest > budget {
            c = *choices
                .iter()
                .find(|c| c.is_ascii())
                .expect("an ASCII character to stay within a byte limit");
        }
        out.push(c);
    }
    out
}

fn one_of(checks: &[Check]) -> Option<&Vec<Literal>> {
    checks.iter().find_map(|c| match &c.kind {
        CheckKind::OneOf(v) => Some(v),
        _ => None,
    })
}

pub fn range_of(checks: &[Check]) -> Option<(Option<i64>, Option<i64>)> {
    checks.iter().find_map(|c| match c.kind {
        CheckKind::Range { min, max } => Some((min, max)),
        _ => None,
    })
}

fn integer(checks: &[Check], tape: &mut Tape) -> Value {
    if let Some(values) = one_of(checks) {
        return literal_json(&values[tape.below(values.len() as u64) as usize]);
    }
    if let Some(f @ (Format::TimestampMs | Format::TimestampS)) = format_of(checks) {
        return json!(random_instant(f, tape));
    }
    let (lo, hi) = range_of(checks).unwrap_or((None, None));
    let (lo, hi) = (lo.unwrap_or(-1000), hi.unwrap_or(100_000));
    match tape.below(4) {
        0 => json!(lo),
        1 => json!(hi),
        _ => json!(lo + tape.below((hi - lo + 1) as u64) as i64),
    }
}

fn number(checks: &[Check], tape: &mut Tape) -> Value {
    let (lo, hi) = range_of(checks).unwrap_or((None, None));
    let (lo, hi) = (lo.unwrap_or(-1000), hi.unwrap_or(100_000));
    // x.5 keeps its fraction through serde (a whole f64 would print as `1.0`).
    let whole = lo + tape.below((hi - lo) as u64) as i64;
    json!(whole as f64 + 0.5)
}

fn file(checks: &[Check], tape: &mut Tape) -> Value {
    let limit = checks
        .iter()
        .find_map(|c| match c.kind {
            CheckKind::MaxFileBytes(n) => Some(n),
            _ => None,
        })
        .unwrap_or(u64::MAX);
    let len = tape.below(8).min(limit);
    let bytes: Vec<u64> = (0..len).map(|_| tape.below(256)).collect();
    json!({ "file_name": "会议纪要.txt", "content_type": null, "bytes": bytes })
}

// ---- times ---------------------------------------------------------------

/// 2020-07-24T15:30:00+08:00, the Kedacom example's instant, in seconds.
const BASE_INSTANT: i64 = 1_595_575_800;

/// One unit of a format's scale: seconds, or milliseconds for timestamps.
fn step(format: Format) -> i64 {
    scale(format, 3600)
}

fn scale(format: Format, secs: i64) -> i64 {
    match format {
        Format::TimestampMs => secs * 1000,
        _ => secs,
    }
}

fn random_instant(format: Format, tape: &mut Tape) -> i64 {
    // 2000-01-01 .. 2037-12-31, so that timestamps keep 13 digits.
    let secs = 946_684_800 + tape.below(1_200_000_000) as i64;
    scale(format, secs)
}

/// The instant a value of this crate's making stands for.
pub fn instant(format: Format, v: &Value) -> Option<i64> {
    match (format, v) {
        (Format::TimestampMs | Format::TimestampS, Value::Number(n)) => n.as_i64(),
        (Format::TimestampMs | Format::TimestampS, Value::String(s)) => s.parse().ok(),
        (Format::DateTime, Value::String(s)) => parse_civil(s, ' ').map(|(t, _)| t),
        (Format::Iso8601 | Format::Iso8601LocalOrOffset, Value::String(s)) => {
            let (t, rest) = parse_civil(s, 'T')?;
            let offset = match rest {
                "Z" => 0,
                r if r.len() == 6 => {
                    let sign = if r.starts_with('-') { -1 } else { 1 };
                    sign * (r[1..3].parse::<i64>().ok()? * 3600 + r[4..6].parse::<i64>().ok()? * 60)
                }
                _ => return None,
            };
            Some(t - offset)
        }
        _ => None,
    }
}

/// `t` written in `format`; `shape` tells a timestamp carried as a number from
/// one carried as a string.
pub fn format_instant(format: Format, t: i64, shape: &Value) -> Value {
    match format {
        Format::TimestampMs | Format::TimestampS if shape.is_number() => json!(t),
        Format::TimestampMs | Format::TimestampS => json!(t.to_string()),
        Format::DateTime => json!(civil(t, ' ')),
        // Written in the documents' zone, +08:00.
        Format::Iso8601 | Format::Iso8601LocalOrOffset => {
            json!(format!("{}+08:00", civil(t + 8 * 3600, 'T')))
        }
        Format::RgbHex => json!(format!("#{:06X}", t.rem_euclid(0x100_0000))),
    }
}

fn civil(t: i64, sep: char) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}{sep}{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn parse_civil(s: &str, sep: char) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if b.len() < 19 || b[10] as char != sep {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let days = days_from_civil(n(0..4)?, n(5..7)?, n(8..10)?);
    let t = days * 86_400 + n(11..13)? * 3600 + n(14..16)? * 60 + n(17..19)?;
    Some((t, &s[19..]))
}

/// Howard Hinnant's civil-from-days, for 1970-based day numbers.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_written_and_read_back_are_the_same_instant() {
        for t in [
            0,
            BASE_INSTANT,
            951_782_400, /* 2000-02-29 */
            2_145_916_799,
        ] {
            for f in [Format::DateTime, Format::Iso8601] {
                let v = format_instant(f, t, &Value::Null);
                assert_eq!(instant(f, &v), Some(t), "{v}");
            }
        }
        assert_eq!(
            format_instant(Format::Iso8601, BASE_INSTANT, &Value::Null),
            json!("2020-07-24T15:30:00+08:00")
        );
        assert_eq!(
            format_instant(Format::DateTime, 951_782_400, &Value::Null),
            json!("2000-02-29 00:00:00")
        );
    }

    #[test]
    fn an_empty_tape_chooses_the_smallest_values() {
        let mut tape = Tape::new(Vec::new());
        assert_eq!(tape.below(10), 0);
        assert!(!tape.flip());
    }
}

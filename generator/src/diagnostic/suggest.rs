//! "Did you mean": the hint for a name that is not known (a key, a format, a
//! type, a field, a method).
//!
//! A suggestion corrects a typo; it must never swap the meaning. So a
//! candidate is only offered when it is close in spelling *and* says the same
//! thing: the names are split into words (`min_chars` -> `min`, `chars`;
//! `sessionStartTime` -> `session`, `start`, `time`), and
//!
//! - a word that differs must be a misspelling of the other (one or two
//!   letters), never a known opposite or a different unit (`min`/`max`,
//!   `before`/`after`, `allow`/`forbid`, `s`/`ms`, `chars`/`bytes`, ...);
//! - a name with a word more than the candidate says something the candidate
//!   does not (`require_one_of` is not `require`), so it gets no suggestion;
//!   a name with a word less is an abbreviation, offered only when one
//!   candidate alone extends it.
//!
//! Names that try to say what the format says otherwise (or cannot say) get
//! that answer instead ([`INSTEAD`]).

/// Names people write for constructs the format spells otherwise or lacks,
/// and what to write instead.
const INSTEAD: &[(&[&str], &str)] = &[
    (
        &["require_one_of", "one_of_required", "require_any", "required_one_of", "require_either", "either", "any_of", "at_least_one"],
        "the format says \"at least one of\" with the rule `at_least_one_of: [a, b]`, and \"exactly one of\" with `exactly_one_of: [a, b]`",
    ),
    (
        &["pattern", "regex", "regexp", "match"],
        "the format has no regular expressions: list the allowed characters with `chars:` (`allow`, `extra`, `forbid`) and keep the document's words in `doc:`",
    ),
    (
        &["min_length", "minlength", "min_len"],
        "say what the document counts: `min_chars:` (characters) or `min_bytes:` (bytes)",
    ),
    (
        &["max_length", "maxlength", "max_len"],
        "say what the document counts: `max_chars:` (characters) or `max_bytes:` (bytes)",
    ),
];

/// Word pairs of opposite meaning: a name is never corrected into its opposite.
const OPPOSITES: &[(&str, &str)] = &[
    ("min", "max"),
    ("minimum", "maximum"),
    ("before", "after"),
    ("allow", "forbid"),
    ("allowed", "forbidden"),
    ("start", "end"),
    ("begin", "end"),
    ("first", "last"),
    ("request", "response"),
    ("on", "off"),
    ("true", "false"),
    ("yes", "no"),
    ("enable", "disable"),
    ("enabled", "disabled"),
    ("include", "exclude"),
    ("open", "close"),
    ("add", "remove"),
    ("get", "set"),
    ("lower", "upper"),
    ("prefix", "suffix"),
    ("from", "to"),
    ("input", "output"),
    ("next", "previous"),
    ("next", "prev"),
];

/// Words that name different things of one kind (units), each thing with
/// its synonyms: words of two different things differ in meaning however
/// alike they are spelt (`s` and `ms`), synonyms do not (`s` and `sec`).
const KINDS: &[&[&[&str]]] = &[
    &[
        &["s", "sec", "secs", "second", "seconds"],
        &["ms", "msec", "millis", "milliseconds"],
        &["us", "usec", "micros", "microseconds"],
        &["ns", "nsec", "nanos", "nanoseconds"],
        &["hour", "hours"],
        &["day", "days"],
    ],
    &[
        &["char", "chars", "characters"],
        &["byte", "bytes"],
        &["item", "items"],
        &["width"],
    ],
    &[&["page", "pages"], &["total"], &["count"], &["size"]],
];

/// "did you mean `x`?" for a close candidate of the same meaning, what to
/// write instead for a known construct, else the list of candidates.
pub(crate) fn suggest(word: &str, candidates: &[&str]) -> String {
    if let Some((_, instead)) = INSTEAD
        .iter()
        .find(|(names, _)| names.contains(&word.to_lowercase().as_str()))
    {
        return (*instead).to_string();
    }
    match best(word, candidates) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

/// The closest candidate that is a misspelling of `word`, or the one
/// candidate that `word` abbreviates.
fn best<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let typo = candidates
        .iter()
        .filter(|c| is_misspelling(word, c))
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    typo.or_else(|| match abbreviated(word, candidates)[..] {
        [only] => Some(only),
        _ => None,
    })
}

/// The words of a name, lower case: split at `_`, `-`, `.`, spaces and where
/// a lower-case letter or digit meets an upper-case one.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | ' ') {
            out.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    out.extend((!current.is_empty()).then_some(current));
    out
}

/// Whether two different words mean different things for sure: opposites,
/// or two things of one kind.
fn opposed(a: &str, b: &str) -> bool {
    let thing = |kind: &[&[&str]], w: &str| kind.iter().position(|t| t.contains(&w));
    let other_thing = |kind: &&[&[&str]]| match (thing(kind, a), thing(kind, b)) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    };
    a != b
        && (OPPOSITES
            .iter()
            .any(|&(x, y)| (a == x && b == y) || (a == y && b == x))
            || KINDS.iter().any(other_thing))
}

/// Whether `a` can be a slip of the keyboard for `b`: at most one edit in
/// three letters (at least one), and not a word of another meaning.
fn word_typo(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let longest = a.chars().count().max(b.chars().count());
    !opposed(a, b) && strsim::damerau_levenshtein(a, b) <= (longest / 3).max(1)
}

/// `word` is `candidate` misspelt: the same words up to separators and case,
/// or as many words, each the same or a typo of its counterpart.
fn is_misspelling(word: &str, candidate: &str) -> bool {
    let (w, c) = (words(word), words(candidate));
    if w.concat() == c.concat() {
        return true;
    }
    w.len() == c.len() && w.iter().zip(&c).all(|(a, b)| word_typo(a, b))
}

/// The candidates that `word` abbreviates: its words, each the same or a
/// typo, begin the candidate's, which has more.
fn abbreviated<'c>(word: &str, candidates: &[&'c str]) -> Vec<&'c str> {
    let w = words(word);
    candidates
        .iter()
        .filter(|c| {
            let c = words(c);
            !w.is_empty() && c.len() > w.len() && w.iter().zip(&c).all(|(a, b)| word_typo(a, b))
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_of_a_key_is_corrected() {
        let keys = [
            "base_url",
            "required",
            "max_chars",
            "operations",
            "type_name",
        ];
        for (typo, meant) in [
            ("base_ur", "base_url"),
            ("requried", "required"),
            ("max_char", "max_chars"),
            ("operation", "operations"),
            ("typename", "type_name"),
            ("maxChars", "max_chars"),
        ] {
            assert_eq!(
                suggest(typo, &keys),
                format!("did you mean `{meant}`?"),
                "{typo}"
            );
        }
    }

    #[test]
    fn a_name_is_never_corrected_into_its_opposite_or_another_unit() {
        for (word, other) in [
            ("min_chars", "max_chars"),
            ("min_file_bytes", "max_file_bytes"),
            ("timestamp_s", "timestamp_ms"),
            ("after", "before"),
            ("forbid_at_start", "forbid_at_ends"),
            ("sessionStartTime", "sessionEndTime"),
            ("max_bytes", "max_chars"),
            ("allow_chars", "forbid_chars"),
            ("page_count", "page_size"),
            ("timestamp_us", "timestamp_ms"),
        ] {
            let hint = suggest(word, &[other]);
            assert_eq!(
                hint,
                format!("expected one of: {other}"),
                "{word} -> {other}"
            );
        }
    }

    #[test]
    fn synonyms_of_a_unit_are_not_opposed() {
        assert!(!opposed("s", "sec"));
        assert!(!opposed("char", "chars"));
        assert!(opposed("s", "ms"));
        assert!(opposed("chars", "bytes"));
        assert_eq!(
            suggest("max_char", &["max_chars"]),
            "did you mean `max_chars`?"
        );
    }

    #[test]
    fn a_name_with_a_word_more_than_the_candidate_gets_no_suggestion() {
        assert_eq!(
            suggest("max_chars_count", &["max_chars"]),
            "expected one of: max_chars"
        );
        assert_eq!(
            suggest("doc_title", &["doc_name"]),
            "expected one of: doc_name"
        );
    }

    #[test]
    fn an_abbreviation_is_completed_only_when_one_candidate_extends_it() {
        assert_eq!(
            suggest("tencent", &["tencent_meeting", "polyv"]),
            "did you mean `tencent_meeting`?"
        );
        assert_eq!(
            suggest("max", &["max_chars", "max_bytes"]),
            "expected one of: max_chars, max_bytes"
        );
    }

    #[test]
    fn a_construct_the_format_spells_otherwise_is_named_instead_of_a_lookalike() {
        let hint = suggest("require_one_of", &["require", "only_when", "before"]);
        assert!(hint.contains("`at_least_one_of: [a, b]`"), "{hint}");
        assert!(hint.contains("`exactly_one_of: [a, b]`"), "{hint}");
        assert!(suggest("pattern", &["chars"]).contains("no regular expressions"));
    }

    #[test]
    fn words_split_at_separators_and_case_changes() {
        assert_eq!(words("sessionStartTime"), ["session", "start", "time"]);
        assert_eq!(words("max_file_bytes"), ["max", "file", "bytes"]);
        assert_eq!(words("X-Custom"), ["x", "custom"]);
        assert_eq!(words("iso8601"), ["iso8601"]);
        assert_eq!(words("LiveConfg"), ["live", "confg"]);
    }
}

//! An operation's `paging:`: its style (given, or read from the keys), the
//! query parameters that name a page and the reply fields that carry the
//! items and the end, each of the type the walk needs.
//!
//! Each style owns the keys that name its page; the reply's end signals
//! (`total`, `total_pages`, `remaining`, `has_more`) and `items` go with any
//! style. A key of another style, a missing key of this one, a name that is
//! no parameter or field, or one of the wrong type is reported at its key.

use super::ctxt::{Ctxt, Site};
use crate::model::{Field, Paging, PagingStyle, Response, Ty};
use crate::spec::ast;

/// A paging style and the keys that belong to it alone.
struct Style {
    name: &'static str,
    /// The keys the style needs.
    required: &'static [&'static str],
    /// The keys the style may have besides.
    optional: &'static [&'static str],
}

/// Every style, in the order the docs list them.
const STYLES: [Style; 4] = [
    Style {
        name: "offset",
        required: &["start"],
        optional: &["count"],
    },
    Style {
        name: "page",
        required: &["page", "first_page"],
        optional: &["size"],
    },
    Style {
        name: "position",
        required: &["position", "next_position"],
        optional: &["size"],
    },
    Style {
        name: "cursor",
        required: &["cursor", "next_cursor"],
        optional: &["size"],
    },
];

/// The style-specific keys a spec wrote, in key order.
fn style_keys(p: &ast::Paging) -> Vec<&'static str> {
    let present = [
        ("start", p.start.is_some()),
        ("count", p.count.is_some()),
        ("page", p.page.is_some()),
        ("first_page", p.first_page.is_some()),
        ("position", p.position.is_some()),
        ("next_position", p.next_position.is_some()),
        ("cursor", p.cursor.is_some()),
        ("next_cursor", p.next_cursor.is_some()),
        ("size", p.size.is_some()),
    ];
    present
        .iter()
        .filter(|(_, on)| *on)
        .map(|(k, _)| *k)
        .collect()
}

fn owns(style: &Style, key: &str) -> bool {
    style.required.contains(&key) || style.optional.contains(&key)
}

/// The styles whose own keys (not `size`, which three share) appear.
fn styles_named_by(keys: &[&str]) -> Vec<&'static Style> {
    STYLES
        .iter()
        .filter(|s| keys.iter().any(|k| *k != "size" && owns(s, k)))
        .collect()
}

/// The style `style:` names, or the one the keys imply; every problem with
/// either is reported.
fn style_of(cx: &mut Ctxt<'_>, at: &Site, p: &ast::Paging) -> Option<&'static Style> {
    let names: Vec<&str> = STYLES.iter().map(|s| s.name).collect();
    if let Some(name) = &p.style {
        let style = STYLES.iter().find(|s| s.name == name);
        if style.is_none() {
            cx.error(
                &at.key("style"),
                format!("unknown paging style `{name}`"),
                format!("the styles are {}", list(&names)),
            );
        }
        return style;
    }
    let keys = style_keys(p);
    match styles_named_by(&keys).as_slice() {
        [style] => Some(*style),
        [] => {
            cx.error(
                at,
                "paging names no page: give the keys of one style",
                "offset: `start` (and `count`); page: `page`, `first_page` (and `size`); position: `position`, `next_position`; cursor: `cursor`, `next_cursor`",
            );
            None
        }
        several => {
            let which: Vec<String> = several
                .iter()
                .map(|s| {
                    let own: Vec<&str> = keys.iter().copied().filter(|k| owns(s, k)).collect();
                    format!("{} ({})", s.name, list(&own))
                })
                .collect();
            let names: Vec<&str> = several.iter().map(|s| s.name).collect();
            let hint = if names == ["position", "cursor"] {
                // Tencent's meeting list sends back `next_pos` and `next_cursory`.
                "a walk sends back one token: name the one that pages (the position) and keep the other an ordinary parameter, with a `note:` saying the document returns both"
            } else {
                "a list pages one way: keep the keys of the style the document describes, and say it with `style:`"
            };
            cx.error(
                at,
                format!(
                    "paging mixes the keys of several styles: {}",
                    which.join(", ")
                ),
                hint,
            );
            None
        }
    }
}

/// `a`, `b` and `c`, each in backticks.
fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// Keys of other styles, and missing keys of this one.
fn check_keys(cx: &mut Ctxt<'_>, at: &Site, p: &ast::Paging, style: &Style) -> bool {
    let keys = style_keys(p);
    let mut ok = true;
    for key in keys.iter().filter(|k| !owns(style, k)) {
        let owner = STYLES.iter().filter(|s| owns(s, key)).map(|s| s.name);
        let owners: Vec<&str> = owner.collect();
        cx.error(
            &at.key(*key),
            format!(
                "`{key}` belongs to `style: {}`, not to `style: {}`",
                owners.join("` or `style: "),
                style.name
            ),
            format!(
                "`style: {}` names its page with {}",
                style.name,
                list(style.required)
            ),
        );
        ok = false;
    }
    for key in style.required.iter().filter(|k| !keys.contains(k)) {
        cx.error(
            at,
            format!("`style: {}` needs `{key}`", style.name),
            format!("it names its page with {}", list(style.required)),
        );
        ok = false;
    }
    ok
}

/// What a named field must be.
#[derive(Clone, Copy)]
enum Want {
    Integer,
    Boolean,
    Array,
    /// An integer or a string (a position or cursor).
    Token,
}

impl Want {
    fn fits(self, ty: &Ty) -> bool {
        match self {
            Want::Integer => *ty == Ty::Integer,
            Want::Boolean => *ty == Ty::Boolean,
            Want::Array => matches!(ty, Ty::Array(_)),
            Want::Token => matches!(ty, Ty::Integer | Ty::String),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Want::Integer => "an integer",
            Want::Boolean => "a boolean",
            Want::Array => "an array",
            Want::Token => "an integer or a string",
        }
    }
}

/// The field `wire` of `fields`, of the type `want`; else an error at `key`
/// that says whether it is missing or of another type, and lists the ones
/// that would fit.
fn find(
    cx: &mut Ctxt<'_>,
    at: &Site,
    (key, wire): (&'static str, &str),
    (fields, what): (&[Field], &str),
    want: Want,
) -> Option<Field> {
    let found = fields.iter().find(|f| f.wire == wire);
    if let Some(f) = found.filter(|f| want.fits(&f.ty)) {
        return Some(f.clone());
    }
    let fitting: Vec<&str> = fields
        .iter()
        .filter(|f| want.fits(&f.ty))
        .map(|f| f.wire.as_str())
        .collect();
    let hint = if fitting.is_empty() {
        format!("no {what} is {}", want.name())
    } else {
        format!("the {what}s that are {}: {}", want.name(), list(&fitting))
    };
    let message = match found {
        Some(_) => format!(
            "paging `{key}` names the {what} `{wire}`, which is not {}",
            want.name()
        ),
        None => format!("paging `{key}` names `{wire}`, which is not a {what}"),
    };
    cx.error(&at.key(key), message, hint);
    None
}

/// The checked paging of an operation, or `None` after reporting why not.
pub(super) fn paging(
    cx: &mut Ctxt<'_>,
    at: &Site,
    p: &ast::Paging,
    query: &[Field],
    response: &Response,
) -> Option<Paging> {
    let style = style_of(cx, at, p)?;
    if !check_keys(cx, at, p, style) {
        return None;
    }
    let reply = match &response.ty {
        Some(Ty::Struct(id)) => cx.space.fields_of(*id),
        _ => {
            cx.error(
                at,
                "paging needs a response object",
                "the reply's items and end are fields of it",
            );
            return None;
        }
    };
    let params = (query, "query parameter");
    let fields = (&reply[..], "response field");
    let size_key = match &p.count {
        Some(_) => ("count", &p.count),
        None => ("size", &p.size),
    };
    let size = optional(cx, at, size_key, params, Want::Integer);
    let total = optional(cx, at, ("total", &p.total), fields, Want::Integer);
    let total_pages = optional(
        cx,
        at,
        ("total_pages", &p.total_pages),
        fields,
        Want::Integer,
    );
    let remaining = optional(cx, at, ("remaining", &p.remaining), fields, Want::Integer);
    let has_more = optional(cx, at, ("has_more", &p.has_more), fields, Want::Boolean);
    let items = find(cx, at, ("items", &p.items), fields, Want::Array);
    let style = page_style(cx, at, p, style, params, fields);
    Some(Paging {
        style: style?,
        size: size.ok()?,
        items: items?,
        total: total.ok()?,
        total_pages: total_pages.ok()?,
        remaining: remaining.ok()?,
        has_more: has_more.ok()?,
    })
}

/// [`find`] for a key the spec may leave out: `Err` when it names a wrong
/// field (reported).
fn optional(
    cx: &mut Ctxt<'_>,
    at: &Site,
    (key, name): (&'static str, &Option<String>),
    target: (&[Field], &str),
    want: Want,
) -> Result<Option<Field>, ()> {
    match name {
        Some(wire) => find(cx, at, (key, wire), target, want).map(Some).ok_or(()),
        None => Ok(None),
    }
}

/// The style with its fields resolved.
fn page_style(
    cx: &mut Ctxt<'_>,
    at: &Site,
    p: &ast::Paging,
    style: &Style,
    params: (&[Field], &str),
    fields: (&[Field], &str),
) -> Option<PagingStyle> {
    let named = |key: &Option<String>| key.clone().unwrap_or_default();
    match style.name {
        "offset" => {
            let start = find(cx, at, ("start", &named(&p.start)), params, Want::Integer);
            Some(PagingStyle::Offset { start: start? })
        }
        "page" => {
            let page = find(cx, at, ("page", &named(&p.page)), params, Want::Integer);
            let first = p.first_page.filter(|f| matches!(f, 0 | 1));
            if first.is_none() {
                cx.error(
                    &at.key("first_page"),
                    "`first_page` is the number of the first page: 0 or 1",
                    "write the number the document gives its first page",
                );
            }
            Some(PagingStyle::Page {
                page: page?,
                first: first?,
            })
        }
        _ => {
            let (req, next) = if style.name == "position" {
                (
                    ("position", &p.position),
                    ("next_position", &p.next_position),
                )
            } else {
                (("cursor", &p.cursor), ("next_cursor", &p.next_cursor))
            };
            let request = find(cx, at, (req.0, &named(req.1)), params, Want::Token);
            let reply = find(cx, at, (next.0, &named(next.1)), fields, Want::Token);
            let (request, reply) = (request?, reply?);
            if request.ty != reply.ty {
                cx.error(
                    &at.key(next.0),
                    format!(
                        "`{}` and `{}` must have one type: the reply's value is sent back as is",
                        request.wire, reply.wire
                    ),
                    "both integer or both string, as the document types them",
                );
                return None;
            }
            Some(PagingStyle::Token {
                request: Box::new(request),
                reply: Box::new(reply),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, HEADER};
    use crate::model::{Paging, PagingStyle};

    /// A list operation with these query parameters and `paging:`, replying
    /// `{total: integer, more: boolean, next: string, rows: [string]}`.
    fn spec(query: &str, paging: &str) -> String {
        format!(
            "{HEADER}types:\n  Reply:\n    fields:\n      total: {{type: integer}}\n      more: {{type: boolean}}\n      next: {{type: string}}\n      rows: {{type: array, items: {{type: string}}}}\noperations:\n  list:\n    method: GET\n    path: /l\n    query: {{{query}}}\n    response: {{type: Reply}}\n    paging: {{{paging}}}\n"
        )
    }

    fn paging_of(query: &str, paging: &str) -> Paging {
        let vendor = check(&spec(query, paging)).expect("a valid spec");
        vendor.operations[0].paging.clone().expect("paged")
    }

    fn problems(query: &str, paging: &str) -> Vec<String> {
        check(&spec(query, paging)).expect_err("an invalid paging")
    }

    const INTS: &str = "p: {type: integer}, n: {type: integer}, c: {type: string}";

    #[test]
    fn without_a_style_the_keys_say_which_style_it_is() {
        let offset = paging_of(INTS, "start: p, count: n, items: rows");
        assert!(matches!(offset.style, PagingStyle::Offset { .. }));
        assert_eq!(offset.size.map(|f| f.wire), Some("n".into()));
        let cursor = paging_of(
            INTS,
            "cursor: c, next_cursor: next, has_more: more, items: rows",
        );
        assert!(matches!(cursor.style, PagingStyle::Token { .. }));
        assert_eq!(cursor.has_more.map(|f| f.wire), Some("more".into()));
        let page = paging_of(
            INTS,
            "style: page, page: p, first_page: 0, size: n, total: total, items: rows",
        );
        assert!(matches!(page.style, PagingStyle::Page { first: 0, .. }));
    }

    #[test]
    fn keys_of_two_styles_are_reported_with_the_style_of_each() {
        let found = problems(INTS, "start: p, cursor: c, next_cursor: next, items: rows");
        assert_eq!(
            found,
            ["paging mixes the keys of several styles: offset (`start`), cursor (`cursor` and `next_cursor`)"]
        );
    }

    #[test]
    fn a_position_beside_a_cursor_is_told_that_a_walk_sends_back_one_token() {
        let spec = spec(
            INTS,
            "position: p, next_position: total, cursor: c, next_cursor: next, items: rows",
        );
        let vendor = super::super::tests::check_with_hints(&spec).expect_err("two tokens");
        let [(message, hint)] = &vendor[..] else {
            panic!("one problem: {vendor:?}")
        };
        assert!(
            message.starts_with("paging mixes the keys of several styles: position"),
            "{message}"
        );
        assert!(hint.starts_with("a walk sends back one token"), "{hint}");
    }

    #[test]
    fn a_key_of_another_style_names_the_style_it_belongs_to() {
        let found = problems(INTS, "style: offset, start: p, page: n, items: rows");
        assert_eq!(
            found,
            ["`page` belongs to `style: page`, not to `style: offset`"]
        );
        let found = problems(INTS, "style: offset, start: p, size: n, items: rows");
        assert_eq!(
            found,
            ["`size` belongs to `style: page` or `style: position` or `style: cursor`, not to `style: offset`"]
        );
    }

    #[test]
    fn a_missing_key_of_the_style_is_named() {
        let found = problems(INTS, "style: cursor, cursor: c, items: rows");
        assert_eq!(found, ["`style: cursor` needs `next_cursor`"]);
        let found = problems(INTS, "style: page, page: p, items: rows");
        assert_eq!(found, ["`style: page` needs `first_page`"]);
    }

    #[test]
    fn a_name_that_is_no_field_or_of_the_wrong_type_is_reported_apart() {
        let found = problems(
            INTS,
            "start: offset, count: c, has_more: total, items: next",
        );
        assert_eq!(
            found,
            [
                "paging `count` names the query parameter `c`, which is not an integer",
                "paging `has_more` names the response field `total`, which is not a boolean",
                "paging `items` names the response field `next`, which is not an array",
                "paging `start` names `offset`, which is not a query parameter",
            ]
        );
    }

    #[test]
    fn a_first_page_other_than_zero_or_one_is_refused() {
        let found = problems(INTS, "style: page, page: p, first_page: 2, items: rows");
        assert_eq!(
            found,
            ["`first_page` is the number of the first page: 0 or 1"]
        );
    }

    #[test]
    fn a_token_sent_back_must_have_the_type_it_arrives_with() {
        let found = problems(INTS, "position: p, next_position: next, items: rows");
        assert_eq!(
            found,
            ["`p` and `next` must have one type: the reply's value is sent back as is"]
        );
    }

    #[test]
    fn an_unknown_style_lists_the_styles() {
        let found = problems(INTS, "style: pages, page: p, first_page: 1, items: rows");
        assert_eq!(found, ["unknown paging style `pages`"]);
    }
}

//! How a paged list is walked: the contract a paged request implements
//! ([`Paged`]: ask for a page, read a reply), and the one walk every paging
//! style shares (where the next page starts, and when the list has ended).
//!
//! Styles differ only in how the next page is named: an item offset, a page
//! number, or a token (a position or a cursor) the previous reply hands back.
//! The end is read from whatever the reply carries (a total, a page count,
//! a remaining count, a has-more flag, the next token), and a server that
//! lies about it is stopped by the same guards in every style: an empty page,
//! a page longer or shorter than asked (offset and page number), a token that
//! comes back a second time (a cursor that repeats, a position that does not
//! advance).

use std::collections::HashSet;

use crate::error::Error;
use crate::request::ApiRequest;

/// How a paged request names the page it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    /// An item offset (`start`/`count`, `offset`/`limit`): the next page
    /// starts after the items received so far.
    Offset,
    /// A page number (`page`/`size`), counted from `first`.
    Page {
        /// The number of the first page (0 or 1, as the document says).
        first: i64,
    },
    /// A token the previous reply hands back: a position (Tencent `pos` and
    /// `next_pos`) or a cursor (`cursor` and `next_cursor`).
    Token,
}

/// A position or cursor, as the reply hands it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Token {
    /// An integer token (Tencent `next_pos`, `next_cursory`).
    Int(i64),
    /// A text token; an empty one ends the list.
    Text(String),
}

/// The page a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt {
    /// Skip this many items (offset style).
    Offset(i64),
    /// This page number (page style).
    Number(i64),
    /// Send this token; `None` on the first page, which keeps the request's
    /// own value (token style).
    Token(Option<Token>),
}

/// One reply of a paged list: its items and what it says about the rest.
/// A field the spec does not name is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// This page's items.
    pub items: Vec<T>,
    /// How many items the list has in all.
    pub total: Option<i64>,
    /// How many pages the list has in all.
    pub total_pages: Option<i64>,
    /// How many items remain after this page.
    pub remaining: Option<i64>,
    /// Whether another page follows.
    pub has_more: Option<bool>,
    /// The token that asks for the next page (token style).
    pub next: Option<Token>,
}

/// A list request that pages; generated for every operation with `paging:`.
pub trait Paged: ApiRequest + Clone {
    /// One element of the list.
    type Item;
    /// How the request names its page.
    const STYLE: PagingStyle;
    /// This request asking for the page `at`, `size` items per page (`None`
    /// keeps the request's own size, and is the only choice when the
    /// operation has no size parameter).
    fn page(&self, at: &PageAt, size: Option<i64>) -> Self;
    /// The token this request sends as it stands (token style), so that a
    /// reply handing it back is seen as not advancing.
    fn token(&self) -> Option<Token> {
        None
    }
    /// A reply split into its items and what it says about the rest.
    fn split(response: Self::Response) -> Page<Self::Item>;
}

/// Where a walk stands: the page to ask for next, or the end.
#[derive(Debug, Clone)]
pub(crate) struct Walk {
    style: PagingStyle,
    size: Option<i64>,
    /// The next page to ask for; `None` once the list has ended.
    at: Option<PageAt>,
    items: i64,
    pages: i64,
    /// Every token sent so far, to stop a server that hands one back again.
    sent: HashSet<Token>,
}

impl Walk {
    /// A walk from the first page; a size that is not positive is refused
    /// (Kedacom reads `count: 0` as "everything", which is no page at all).
    pub(crate) fn new(
        style: PagingStyle,
        size: Option<i64>,
        token: Option<Token>,
    ) -> Result<Walk, Error> {
        if let Some(size) = size.filter(|s| *s <= 0) {
            return Err(Error::Config(format!(
                "page size must be positive, not {size}"
            )));
        }
        let at = match style {
            PagingStyle::Offset => PageAt::Offset(0),
            PagingStyle::Page { first } => PageAt::Number(first),
            PagingStyle::Token => PageAt::Token(None),
        };
        Ok(Walk {
            style,
            size,
            at: Some(at),
            items: 0,
            pages: 0,
            sent: token.into_iter().collect(),
        })
    }

    /// The page to ask for next; `None` when the list has ended.
    pub(crate) fn at(&self) -> Option<&PageAt> {
        self.at.as_ref()
    }

    /// Takes in one reply: the next page to ask for, or the end.
    pub(crate) fn advance<T>(&mut self, page: &Page<T>) {
        let got = page.items.len() as i64;
        self.items += got;
        self.pages += 1;
        self.at = if self.ended(page, got) {
            None
        } else {
            self.next_at(page)
        };
    }

    /// What the reply says, and the guards every style shares.
    fn ended<T>(&self, page: &Page<T>, got: i64) -> bool {
        let said_so = page.has_more == Some(false)
            || page.remaining.is_some_and(|r| r <= 0)
            || page.total.is_some_and(|t| self.items >= t)
            || page.total_pages.is_some_and(|t| self.pages >= t);
        // A page of another size than asked ends a counted list: a short one
        // is the last, a longer one means the server ignored the size (and
        // the next offset or number would repeat items).
        let counted = matches!(self.style, PagingStyle::Offset | PagingStyle::Page { .. });
        let odd_size = counted && self.size.is_some_and(|s| got != s);
        said_so || got == 0 || odd_size
    }

    /// The page after this reply; `None` when a token style has no new token.
    fn next_at<T>(&mut self, page: &Page<T>) -> Option<PageAt> {
        match self.style {
            PagingStyle::Offset => Some(PageAt::Offset(self.items)),
            PagingStyle::Page { first } => Some(PageAt::Number(first + self.pages)),
            PagingStyle::Token => {
                let next = page.next.clone()?;
                let fresh = next != Token::Text(String::new()) && self.sent.insert(next.clone());
                fresh.then_some(PageAt::Token(Some(next)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> Page<u8> {
        Page {
            items: vec![0; n],
            total: None,
            total_pages: None,
            remaining: None,
            has_more: None,
            next: None,
        }
    }

    fn walk(style: PagingStyle, size: Option<i64>) -> Walk {
        Walk::new(style, size, None).expect("a positive size")
    }

    #[test]
    fn an_offset_walk_starts_at_zero_and_advances_by_the_items_received() {
        let mut w = walk(PagingStyle::Offset, Some(2));
        assert_eq!(w.at(), Some(&PageAt::Offset(0)));
        w.advance(&page(2));
        assert_eq!(w.at(), Some(&PageAt::Offset(2)));
        w.advance(&page(1));
        assert_eq!(w.at(), None, "a short page is the last");
    }

    #[test]
    fn a_page_walk_counts_pages_from_the_documented_first_number() {
        let mut w = walk(PagingStyle::Page { first: 1 }, Some(2));
        assert_eq!(w.at(), Some(&PageAt::Number(1)));
        w.advance(&page(2));
        assert_eq!(w.at(), Some(&PageAt::Number(2)));
        let mut w = walk(PagingStyle::Page { first: 0 }, None);
        w.advance(&page(5));
        assert_eq!(w.at(), Some(&PageAt::Number(1)));
    }

    #[test]
    fn a_page_longer_than_asked_ends_a_counted_walk() {
        let mut w = walk(PagingStyle::Offset, Some(2));
        w.advance(&page(3));
        assert_eq!(w.at(), None);
    }

    #[test]
    fn each_end_signal_of_a_reply_ends_any_walk() {
        let signals: [fn(&mut Page<u8>); 4] = [
            |p| p.has_more = Some(false),
            |p| p.remaining = Some(0),
            |p| p.total = Some(2),
            |p| p.total_pages = Some(1),
        ];
        for signal in signals {
            let mut w = walk(PagingStyle::Token, None);
            let mut p = page(2);
            p.next = Some(Token::Int(7));
            w.advance(&p);
            assert!(w.at().is_some(), "no signal, a new token: go on");
            let mut w = walk(PagingStyle::Token, None);
            signal(&mut p);
            w.advance(&p);
            assert_eq!(w.at(), None, "{p:?}");
        }
    }

    #[test]
    fn an_empty_page_ends_the_walk_whatever_the_reply_claims() {
        let mut w = walk(PagingStyle::Token, None);
        let mut p = page(0);
        p.has_more = Some(true);
        p.next = Some(Token::Text("c2".into()));
        w.advance(&p);
        assert_eq!(w.at(), None);
    }

    #[test]
    fn a_token_handed_back_twice_or_empty_or_absent_ends_the_walk() {
        let with_next = |t: Option<Token>| Page { next: t, ..page(1) };
        let mut w = Walk::new(PagingStyle::Token, None, Some(Token::Int(0))).expect("no size");
        w.advance(&with_next(Some(Token::Int(0))));
        assert_eq!(w.at(), None, "the position did not advance");
        let mut w = walk(PagingStyle::Token, None);
        w.advance(&with_next(Some(Token::Text("a".into()))));
        assert_eq!(w.at(), Some(&PageAt::Token(Some(Token::Text("a".into())))));
        w.advance(&with_next(Some(Token::Text("b".into()))));
        w.advance(&with_next(Some(Token::Text("a".into()))));
        assert_eq!(w.at(), None, "the cursor repeats");
        let mut w = walk(PagingStyle::Token, None);
        w.advance(&with_next(Some(Token::Text(String::new()))));
        assert_eq!(w.at(), None, "an empty cursor");
        let mut w = walk(PagingStyle::Token, None);
        w.advance(&with_next(None));
        assert_eq!(w.at(), None, "no cursor");
    }

    #[test]
    fn a_size_that_is_not_positive_is_a_configuration_error() {
        for size in [0, -3] {
            let err = Walk::new(PagingStyle::Offset, Some(size), None).expect_err("refused");
            assert!(matches!(err, Error::Config(_)), "{err}");
        }
    }
}

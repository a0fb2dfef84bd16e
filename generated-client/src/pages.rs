//! The walkers of a paged list: a stream of its pages ([`Pages`]) or of its
//! items ([`Items`]), each page a call through [`Core::send`], and every
//! item collected at once ([`Core::collect_pages`]). Where each page starts
//! and when the list ends is the shared walk of `paging`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::error::Error;
use crate::paging::{Paged, Walk};
use crate::send::Core;

/// The pages of a list, one call each, in order; ends after the last page
/// or after the first error. A [`Stream`]; [`Pages::next_page`] reads it
/// without a stream library.
///
/// ```no_run
/// use meeting_api_client::auth::KedacomCredentials;
/// use meeting_api_client::kedacom::{Client, ListBookedConferencesRequest};
///
/// # async fn run() -> Result<(), meeting_api_client::Error> {
/// let client = Client::builder(KedacomCredentials::new("token"))
///     .base_url("https://mcu.example.com")
///     .build()?;
/// let request = ListBookedConferencesRequest::default();
/// let mut pages = client.list_booked_conferences_pages(&request, 50);
/// while let Some(page) = pages.next_page().await {
///     println!("{} conferences", page?.len());
/// }
/// # Ok(())
/// # }
/// ```
pub struct Pages<'a, T> {
    inner: Pin<Box<dyn Stream<Item = Result<Vec<T>, Error>> + Send + 'a>>,
}

/// The items of a list, page after page; ends after the last item or after
/// the first error. A [`Stream`]; [`Items::next_item`] reads it without a
/// stream library.
pub struct Items<'a, T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>,
}

impl<'a, T: Send + 'a> Pages<'a, T> {
    /// The next page; `None` once the list has ended.
    pub async fn next_page(&mut self) -> Option<Result<Vec<T>, Error>> {
        self.inner.next().await
    }

    /// The same walk, item by item.
    pub fn items(self) -> Items<'a, T> {
        let items = self
            .inner
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten();
        Items {
            inner: Box::pin(items),
        }
    }

    /// Every item of every page, or the first error.
    pub async fn collect_items(self) -> Result<Vec<T>, Error> {
        self.inner
            .try_fold(Vec::new(), |mut all, page| async move {
                all.extend(page);
                Ok(all)
            })
            .await
    }
}

impl<T> Items<'_, T> {
    /// The next item; `None` once the list has ended.
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        self.inner.next().await
    }
}

impl<T> Stream for Pages<'_, T> {
    type Item = Result<Vec<T>, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> Stream for Items<'_, T> {
    type Item = Result<T, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl Core {
    /// Walks a paged list from its first page, `page_size` items a page
    /// (`None`: the request's own size, or the server's). A size that is not
    /// positive fails the first page with [`Error::Config`].
    pub fn pages<'a, R>(&'a self, request: &R, page_size: Option<i64>) -> Pages<'a, R::Item>
    where
        R: Paged + Send + Sync + 'a,
        R::Item: Send + 'a,
        R::Response: Send,
    {
        let start = Walk::new(R::STYLE, page_size, request.token());
        let request = request.clone();
        let walk = stream::try_unfold(start, move |walk| {
            let request = request.clone();
            async move {
                let mut walk = walk?;
                let Some(at) = walk.at() else {
                    return Ok(None);
                };
                let page = R::split(self.send(&request.page(at, page_size)).await?);
                walk.advance(&page);
                Ok(Some((page.items, Ok(walk))))
            }
        });
        Pages {
            inner: Box::pin(walk),
        }
    }

    /// Every item of a paged list, `page_size` items a page ([`Core::pages`],
    /// collected; `Core::pages(..).collect_items()` for a list without a size
    /// parameter).
    pub async fn collect_pages<R>(&self, request: &R, page_size: i64) -> Result<Vec<R::Item>, Error>
    where
        R: Paged + Send + Sync,
        R::Item: Send,
        R::Response: Send,
    {
        self.pages(request, Some(page_size)).collect_items().await
    }
}

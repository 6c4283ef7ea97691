//! A list read a page at a time, newest first (keyset paging): the first page, a fresh
//! first page when something changed, and "Load more" appending older rows.
//!
//! A state embeds a [`Paged`], wraps [`Paging`] in one of its actions and implements
//! [`PagedState`]; `crate::hooks::paging::use_paging` then sends every page request.

use yew::Reducible;

use super::remote::{Remote, Request};

/// The number of rows asked for per page.
pub const PAGE_SIZE: u32 = 50;

/// A row of a paged list; ids fall from the newest row to the oldest.
pub trait Keyed {
    fn id(&self) -> i64;
}

/// One page as the app answers it, whatever the command calls its rows.
pub struct Page<R> {
    pub rows: Vec<R>,
    pub total: i64,
    pub next_before_id: Option<i64>,
}

/// The rows shown and the two requests that fill them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<R> {
    pub rows: Vec<R>,
    /// How many rows there are in all (matching the filter, if any).
    pub total: i64,
    /// Where the next page starts; `None` when all are shown.
    pub next_before_id: Option<i64>,
    /// The first page has arrived at least once.
    pub loaded: bool,
    /// The first page; its `seq` is bumped for a fresh one, which the effect keys on.
    pub load: Request<()>,
    /// The next page, appended to the rows.
    pub more: Request<()>,
}

impl<R> Default for Paged<R> {
    /// Starts by asking for the first page.
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            total: 0,
            next_before_id: None,
            loaded: false,
            load: Request::started(),
            more: Request::default(),
        }
    }
}

/// What happens to a paged list.
pub enum Paging<P> {
    /// "Load more".
    More,
    /// The answer to first page number `seq`.
    Loaded { seq: u64, result: Result<P, String> },
    /// The answer to next page number `seq`.
    MoreLoaded { seq: u64, result: Result<P, String> },
}

/// A state holding a paged list, so that one hook sends its page requests.
pub trait PagedState: Reducible {
    type Row;
    /// The app's answer: one page.
    type Page;
    /// The app's request for one page.
    type Query;

    fn paged(&self) -> &Paged<Self::Row>;

    /// The request for the page that starts below `before_id` (`None`: the first page).
    fn page_query(&self, before_id: Option<i64>) -> Self::Query;

    /// The state's action that carries `paging`.
    fn paging(paging: Paging<Self::Page>) -> Self::Action;
}

impl<R: Keyed> Paged<R> {
    /// Asks for the first page again, showing "loading"; a next page still on its way
    /// belongs to the rows being replaced, so its answer will be dropped.
    pub fn reload(&mut self) {
        self.load.start();
        self.more.remote = Remote::Idle;
    }

    /// Asks for the first page again while the rows and their status stay on show.
    pub fn refresh(&mut self) {
        self.load.seq += 1;
    }

    /// Whether "Load more" is on its way.
    pub fn is_loading_more(&self) -> bool {
        self.more.is_loading()
    }

    /// Applies `paging`; false when nothing changes: no next page to ask for, or an
    /// answer to a request overtaken since.
    pub fn apply<P: Into<Page<R>>>(&mut self, paging: Paging<P>) -> bool {
        match paging {
            Paging::More if self.next_before_id.is_none() || self.more.is_loading() => false,
            Paging::More => {
                self.more.start();
                true
            }
            Paging::Loaded { seq, result } if seq == self.load.seq => {
                let result = result.map(|page| {
                    let page = page.into();
                    self.rows = page.rows;
                    self.total = page.total;
                    self.next_before_id = page.next_before_id;
                    self.loaded = true;
                    // The fresh first page replaces what a next page would extend.
                    self.more.remote = Remote::Idle;
                });
                self.load.remote = Remote::from_result(result);
                true
            }
            Paging::MoreLoaded { seq, result }
                if seq == self.more.seq && self.more.is_loading() =>
            {
                let result = result.map(|page| {
                    let page = page.into();
                    // Keyset paging: keep only rows older than the ones already shown.
                    let oldest = self.rows.last().map_or(i64::MAX, Keyed::id);
                    self.rows
                        .extend(page.rows.into_iter().filter(|r| r.id() < oldest));
                    self.total = page.total;
                    self.next_before_id = page.next_before_id;
                });
                self.more.remote = Remote::from_result(result);
                true
            }
            Paging::Loaded { .. } | Paging::MoreLoaded { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Row(i64);

    impl Keyed for Row {
        fn id(&self) -> i64 {
            self.0
        }
    }

    fn page(ids: std::ops::RangeInclusive<i64>, total: i64, next: Option<i64>) -> Page<Row> {
        Page {
            rows: ids.rev().map(Row).collect(),
            total,
            next_before_id: next,
        }
    }

    fn first(ids: std::ops::RangeInclusive<i64>, next: Option<i64>) -> Paged<Row> {
        let mut paged = Paged::default();
        assert!(paged.apply(Paging::Loaded {
            seq: 1,
            result: Ok(page(ids, 120, next)),
        }));
        paged
    }

    #[test]
    fn starts_by_asking_for_the_first_page() {
        let paged = Paged::<Row>::default();
        assert!(paged.load.is_loading());
        assert_eq!(paged.load.seq, 1);
        assert!(!paged.loaded);
    }

    #[test]
    fn pages_append_older_rows_and_stop_at_the_end() {
        let mut paged = first(51..=100, Some(51));
        assert_eq!(paged.rows.len(), 50);
        assert!(paged.loaded);
        assert!(paged.apply(Paging::<Page<Row>>::More));
        assert!(paged.is_loading_more());
        assert!(
            !paged.apply(Paging::<Page<Row>>::More),
            "no second Load more while one runs"
        );
        let seq = paged.more.seq;
        // The page overlaps the one shown by a row; it must not appear twice.
        assert!(paged.apply(Paging::MoreLoaded {
            seq,
            result: Ok(page(1..=51, 120, None)),
        }));
        let ids: Vec<_> = paged.rows.iter().map(|r| r.0).collect();
        assert_eq!(ids.len(), 100);
        assert!(
            ids.windows(2).all(|w| w[0] > w[1]),
            "newest first, no repeats"
        );
        assert_eq!(paged.next_before_id, None);
        assert!(
            !paged.apply(Paging::<Page<Row>>::More),
            "nothing more to ask for"
        );
        assert_eq!(paged.more.remote, Remote::Loaded(()));
    }

    #[test]
    fn a_reload_drops_the_next_page_it_overtook() {
        let mut paged = first(51..=100, Some(51));
        assert!(paged.apply(Paging::<Page<Row>>::More));
        let stale = paged.more.seq;
        paged.reload();
        assert!(paged.load.is_loading());
        assert!(!paged.apply(Paging::MoreLoaded {
            seq: stale,
            result: Ok(page(1..=50, 100, None)),
        }));
        assert_eq!(paged.rows.len(), 50);
    }

    #[test]
    fn a_fresh_first_page_replaces_the_rows_and_stale_answers_are_dropped() {
        let mut paged = first(1..=1, None);
        paged.refresh();
        assert_eq!(paged.rows.len(), 1, "the rows stay while the page loads");
        assert!(!paged.apply(Paging::Loaded {
            seq: 1,
            result: Ok(Page {
                rows: Vec::new(),
                total: 0,
                next_before_id: None,
            }),
        }));
        assert_eq!(paged.rows.len(), 1);
        let seq = paged.load.seq;
        assert!(paged.apply(Paging::Loaded {
            seq,
            result: Ok(page(52..=101, 101, Some(52))),
        }));
        assert_eq!(paged.rows.first(), Some(&Row(101)));
        assert_eq!(paged.total, 101);
    }

    #[test]
    fn failures_are_kept_for_the_view() {
        let mut paged = Paged::<Row>::default();
        assert!(paged.apply(Paging::<Page<Row>>::Loaded {
            seq: 1,
            result: Err("Database is busy.".into()),
        }));
        assert_eq!(paged.load.remote.failure(), Some("Database is busy."));
        let mut paged = first(51..=100, Some(51));
        paged.apply(Paging::<Page<Row>>::More);
        let seq = paged.more.seq;
        assert!(paged.apply(Paging::<Page<Row>>::MoreLoaded {
            seq,
            result: Err("Database is busy.".into()),
        }));
        assert_eq!(paged.more.remote.failure(), Some("Database is busy."));
        assert_eq!(paged.rows.len(), 50);
    }
}

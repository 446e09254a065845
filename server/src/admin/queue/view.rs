//! What the queue's address asks for: the tab, the filters, the order and the page.

use std::fmt::Write;

use super::query_value;
use crate::admin::{DeskError, Fields};
use crate::store::admin::{Cursor, DeskState, Order};

/// What the queue's address asks for.
pub(super) struct View {
    pub(super) state: DeskState,
    pub(super) article: Option<String>,
    pub(super) search: Option<String>,
    pub(super) order: Order,
    pub(super) after: Option<Cursor>,
    pub(super) done: Option<i64>,
}

impl View {
    pub(super) fn of(fields: &Fields) -> Result<View, DeskError> {
        let bad = DeskError::BadRequest(|t| t.bad_address);
        Ok(View {
            state: match fields.get("tab") {
                None => DeskState::Pending,
                Some(t) => DeskState::parse(t).ok_or(bad)?,
            },
            article: fields.get("article").map(str::to_owned),
            search: fields.get("q").map(str::to_owned),
            order: match fields.get("sort") {
                Some("oldest") => Order::OldestFirst,
                _ => Order::NewestFirst,
            },
            after: match fields.get("after") {
                None => None,
                Some(a) => Some(Cursor::decode(a).ok_or(bad)?),
            },
            done: fields.get("done").and_then(|d| d.parse().ok()),
        })
    }

    /// The address of this view with another tab and cursor (the filters kept).
    pub(super) fn href(&self, state: DeskState, after: Option<Cursor>) -> String {
        let mut q = format!("/admin/?tab={}", state.as_str());
        if let Some(a) = &self.article {
            let _ = write!(q, "&article={}", query_value(a));
        }
        if let Some(s) = &self.search {
            let _ = write!(q, "&q={}", query_value(s));
        }
        if self.order == Order::OldestFirst {
            q.push_str("&sort=oldest");
        }
        if let Some(c) = after {
            let _ = write!(q, "&after={}", c.encode());
        }
        q
    }
}

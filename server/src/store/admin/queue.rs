//! The queue: its order, cursor and pages, the comment as an editor sees it, the counts.

use super::DeskState;

/// Which way the queue runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Newest first.
    NewestFirst,
    /// Oldest first.
    OldestFirst,
}

/// A place in the queue: the last comment of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Its creation time.
    pub created_at_ms: i64,
    /// Its id.
    pub id: i64,
}

impl Cursor {
    /// The cursor as it goes into a page's address (`1712345678901.42`).
    pub fn encode(self) -> String {
        format!("{}.{}", self.created_at_ms, self.id)
    }

    /// The inverse of [`Cursor::encode`].
    pub fn decode(text: &str) -> Option<Cursor> {
        let (ms, id) = text.split_once('.')?;
        Some(Cursor {
            created_at_ms: ms.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the queue to read.
#[derive(Clone, Debug)]
pub struct QueueQuery {
    /// The tab.
    pub state: DeskState,
    /// Only this article's comments.
    pub article: Option<String>,
    /// Only comments whose text or name contains this.
    pub search: Option<String>,
    /// Newest or oldest first.
    pub order: Order,
    /// Start after this comment.
    pub after: Option<Cursor>,
    /// At most this many.
    pub limit: u32,
}

/// One page of the queue.
#[derive(Clone, Debug)]
pub struct QueuePage {
    /// The comments.
    pub items: Vec<DeskComment>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

impl QueuePage {
    /// The page of `items`, fetched with one more than `limit` to learn whether a next page
    /// exists without counting.
    pub(crate) fn of_rows(mut items: Vec<DeskComment>, limit: u32) -> QueuePage {
        let more = items.len() > limit as usize;
        items.truncate(limit as usize);
        let next = items.last().filter(|_| more).map(|c| Cursor {
            created_at_ms: c.created_at_ms,
            id: c.id,
        });
        QueuePage { items, next }
    }
}

/// The columns a store reads a [`DeskComment`] from, in its field order, from
/// `comments c LEFT JOIN comment_desk d` (the same tables on every store).
pub(crate) const DESK_COLUMNS: &str = "c.id, c.status, d.deleted_from, c.spam_reason,
    d.reject_reason, c.article_id, c.article_url, c.article_title, c.name, c.email, c.ip,
    c.content, c.typing_ms, c.client_rules_version, c.client_ok, c.created_at_ms";

/// `text` as a LIKE pattern that matches it anywhere, its wildcards taken literally with
/// backslash as the escape (PostgreSQL's default; SQLite's with `ESCAPE '\'`).
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A comment with everything an editor sees.
#[derive(Clone, Debug)]
pub struct DeskComment {
    /// Its id.
    pub id: i64,
    /// Where it stands.
    pub state: DeskState,
    /// Why the server judged it spam, if it did.
    pub spam_reason: Option<String>,
    /// Why an editor rejected it, if one said.
    pub reject_reason: Option<String>,
    /// The article as the site names it.
    pub article_id: String,
    /// The article's address.
    pub article_url: String,
    /// The article's title.
    pub article_title: String,
    /// The name given.
    pub name: String,
    /// The e-mail given.
    pub email: String,
    /// The client's address.
    pub ip: String,
    /// The comment.
    pub content: String,
    /// Milliseconds from the first keystroke to submit, as the widget measured them.
    pub typing_ms: Option<i64>,
    /// The rules version the widget reported.
    pub client_rules_version: String,
    /// Whether the widget's own verdict said ok.
    pub client_ok: Option<bool>,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// How many comments stand in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    /// Waiting.
    pub pending: u64,
    /// Spam.
    pub spam: u64,
    /// Published.
    pub published: u64,
    /// Rejected.
    pub rejected: u64,
    /// Deleted.
    pub deleted: u64,
}

impl StateCounts {
    /// The count of one state.
    pub fn of(&self, state: DeskState) -> u64 {
        match state {
            DeskState::Pending => self.pending,
            DeskState::Spam => self.spam,
            DeskState::Published => self.published,
            DeskState::Rejected => self.rejected,
            DeskState::Deleted => self.deleted,
            DeskState::Purged => 0,
        }
    }

    /// Adds `n` to one state's count (none is kept of purged comments).
    pub fn add(&mut self, state: DeskState, n: u64) {
        let slot = match state {
            DeskState::Purged => return,
            DeskState::Pending => &mut self.pending,
            DeskState::Spam => &mut self.spam,
            DeskState::Published => &mut self.published,
            DeskState::Rejected => &mut self.rejected,
            DeskState::Deleted => &mut self.deleted,
        };
        *slot += n;
    }
}

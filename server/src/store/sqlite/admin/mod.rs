//! [`AdminStore`] on the SQLite file: the desk's tables beside `comments` (schema.rs). The
//! work is done by job in the submodules; the trait's impl here only points to it.

mod accounts;
mod articles;
mod audit;
mod comments;
mod moderation;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension};

use super::{unexpected, SqliteStore};
use crate::store::admin::{
    Action, AdminStore, AuditEntry, ClosedArticle, DeskComment, DeskState, Moderation, NewSession,
    QueuePage, QueueQuery, Role, Session, StateCounts, User,
};
use crate::store::schema::connect;
use crate::store::StoreError;

/// The desk's own two connections to the store's file: its calls are synchronous (run on
/// blocking tasks), so they do not queue behind the readers' posts and lists. WAL lets
/// them run beside the store's threads; a write waits for the file's lock (busy timeout).
pub(super) struct DeskConnections {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

impl DeskConnections {
    pub(super) fn open(path: &Path) -> Result<DeskConnections, StoreError> {
        let reader = connect(path)?;
        reader.pragma_update(None, "query_only", true)?;
        Ok(DeskConnections {
            writer: Mutex::new(connect(path)?),
            reader: Mutex::new(reader),
        })
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        lock(&self.writer)
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        lock(&self.reader)
    }
}

/// A poisoned lock only means another request panicked mid-way; SQLite rolled its
/// transaction back, so the connection is still good.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether `article` is closed, on any connection to the file.
pub(super) fn is_closed_on(conn: &Connection, article: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM closed_articles WHERE article_id = ?1")?
        .query_row([article], |_| Ok(()))
        .optional()?
        .is_some())
}

fn role_of(code: String) -> rusqlite::Result<Role> {
    Role::parse(&code).ok_or_else(|| unexpected("role", &code))
}

fn desk_state_of(code: String) -> rusqlite::Result<DeskState> {
    DeskState::parse(&code).ok_or_else(|| unexpected("desk state", &code))
}

fn action_of(code: String) -> rusqlite::Result<Action> {
    Action::parse(&code).ok_or_else(|| unexpected("action", &code))
}

impl AdminStore for SqliteStore {
    fn add_user(
        &self,
        name: &str,
        role: Role,
        password_hash: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        accounts::add_user(self, name, role, password_hash, at_ms)
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        accounts::user(self, name)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users(self)
    }

    fn remove_user(&self, name: &str) -> Result<bool, StoreError> {
        accounts::remove_user(self, name)
    }

    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        accounts::set_password(self, name, password_hash)
    }

    fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        accounts::create_session(self, s)
    }

    fn session(&self, token_hash: &str, now_ms: i64) -> Result<Option<Session>, StoreError> {
        accounts::session(self, token_hash, now_ms)
    }

    fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        accounts::end_session(self, token_hash)
    }

    fn end_sessions_of(&self, user_id: i64) -> Result<u64, StoreError> {
        accounts::end_sessions_of(self, user_id)
    }

    fn counts(&self, article: Option<&str>) -> Result<StateCounts, StoreError> {
        comments::counts(self, article)
    }

    fn queue(&self, q: &QueueQuery) -> Result<QueuePage, StoreError> {
        comments::queue(self, q)
    }

    fn comment(&self, id: i64) -> Result<Option<DeskComment>, StoreError> {
        comments::comment(self, id)
    }

    fn moderate(&self, m: &Moderation<'_>) -> Result<Option<AuditEntry>, StoreError> {
        moderation::moderate(self, m)
    }

    fn undo(&self, entry: i64, actor: &str, at_ms: i64) -> Result<Option<AuditEntry>, StoreError> {
        moderation::undo(self, entry, actor, at_ms)
    }

    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        audit::audit(self, before, comment, limit)
    }

    fn set_closed(
        &self,
        article: &str,
        closed: bool,
        actor: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        articles::set_closed(self, article, closed, actor, at_ms)
    }

    fn is_closed(&self, article: &str) -> Result<bool, StoreError> {
        articles::is_closed(self, article)
    }

    fn closed_articles(&self) -> Result<Vec<ClosedArticle>, StoreError> {
        articles::closed_articles(self)
    }
}

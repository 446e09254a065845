//! [`AdminStore`] on the SQLite file: the desk's tables beside `comments` (schema.rs). The
//! work is done by job in the submodules; the trait's impl here only points to it.

mod accounts;
mod articles;
mod audit;
mod comments;
mod moderation;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use super::{unexpected, SqliteStore};
use crate::store::admin::{
    Action, AdminStore, AuditEntry, ClosedArticle, DeskComment, DeskState, Moderation, NewSession,
    QueuePage, QueueQuery, Role, Session, StateCounts, User,
};
use crate::store::schema::connect;
use crate::store::workers::Workers;
use crate::store::{StoreError, StoreFuture};

/// The desk's own two connections to the store's file, each on a thread of its own, so its
/// calls do not queue behind the readers' posts and lists. WAL lets them run beside the
/// store's threads; a write waits for the file's lock (busy timeout).
pub(super) struct DeskConnections {
    writer: Workers,
    reader: Workers,
}

impl DeskConnections {
    pub(super) fn open(path: &Path) -> Result<DeskConnections, StoreError> {
        let reader = connect(path)?;
        reader.pragma_update(None, "query_only", true)?;
        Ok(DeskConnections {
            writer: Workers::start("sqlite-desk-writer", vec![connect(path)?])?,
            reader: Workers::start("sqlite-desk-reader", vec![reader])?,
        })
    }
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
    DeskState::parse_logged(&code).ok_or_else(|| unexpected("desk state", &code))
}

fn action_of(code: String) -> rusqlite::Result<Action> {
    Action::parse(&code).ok_or_else(|| unexpected("action", &code))
}

impl AdminStore for SqliteStore {
    fn add_user(
        &self,
        name: String,
        role: Role,
        password_hash: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::add_user(conn, &name, role, &password_hash, at_ms)),
        )
    }

    fn user(&self, name: String) -> StoreFuture<'_, Option<User>> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| accounts::user(conn, &name)),
        )
    }

    fn users(&self) -> StoreFuture<'_, Vec<User>> {
        Box::pin(self.desk.reader.run(accounts::users))
    }

    fn remove_user(&self, name: String) -> StoreFuture<'_, bool> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::remove_user(conn, &name)),
        )
    }

    fn set_password(&self, name: String, password_hash: String) -> StoreFuture<'_, bool> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::set_password(conn, &name, &password_hash)),
        )
    }

    fn create_session(&self, s: NewSession) -> StoreFuture<'_, ()> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::create_session(conn, &s)),
        )
    }

    fn session(&self, token_hash: String, now_ms: i64) -> StoreFuture<'_, Option<Session>> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| accounts::session(conn, &token_hash, now_ms)),
        )
    }

    fn end_session(&self, token_hash: String) -> StoreFuture<'_, ()> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::end_session(conn, &token_hash)),
        )
    }

    fn end_sessions_of(&self, user_id: i64) -> StoreFuture<'_, u64> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| accounts::end_sessions_of(conn, user_id)),
        )
    }

    fn counts(&self, article: Option<String>) -> StoreFuture<'_, StateCounts> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| comments::counts(conn, article.as_deref())),
        )
    }

    fn queue(&self, q: QueueQuery) -> StoreFuture<'_, QueuePage> {
        Box::pin(self.desk.reader.run(move |conn| comments::queue(conn, &q)))
    }

    fn comment(&self, id: i64) -> StoreFuture<'_, Option<DeskComment>> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| comments::comment(conn, id)),
        )
    }

    fn moderate(&self, m: Moderation) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| moderation::moderate(conn, &m)),
        )
    }

    fn undo(&self, entry: i64, actor: String, at_ms: i64) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| moderation::undo(conn, entry, &actor, at_ms)),
        )
    }

    fn purge(
        &self,
        deleted_before_ms: i64,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| moderation::purge(conn, deleted_before_ms, &actor, at_ms)),
        )
    }

    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<AuditEntry>> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| audit::audit(conn, before, comment, limit)),
        )
    }

    fn set_closed(
        &self,
        article: String,
        closed: bool,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool> {
        Box::pin(
            self.desk
                .writer
                .run(move |conn| articles::set_closed(conn, &article, closed, &actor, at_ms)),
        )
    }

    fn is_closed(&self, article: String) -> StoreFuture<'_, bool> {
        Box::pin(
            self.desk
                .reader
                .run(move |conn| is_closed_on(conn, &article)),
        )
    }

    fn closed_articles(&self) -> StoreFuture<'_, Vec<ClosedArticle>> {
        Box::pin(self.desk.reader.run(articles::closed_articles))
    }
}

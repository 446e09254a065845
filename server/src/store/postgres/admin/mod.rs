//! [`AdminStore`] on PostgreSQL: the desk's tables beside `comments` (schema.rs), shared by
//! every instance. A move takes the row locks of the comments it moves (in id order, so two
//! selections never wait for each other in a circle) before reading where they stand, so
//! editors on different instances never both move one comment from the same state.

mod accounts;
mod comments;
mod moderation;

use tokio_postgres::Row;

use super::PostgresStore;
use crate::store::admin::{
    Action, AdminStore, AuditEntry, ClosedArticle, DeskComment, DeskState, Moderation, NewSession,
    QueuePage, QueueQuery, Role, Session, StateCounts, User,
};
use crate::store::{StoreError, StoreFuture};

fn role_of(code: &str) -> Result<Role, StoreError> {
    Role::parse(code).ok_or_else(|| format!("unknown role {code:?}").into())
}

fn desk_state_of(code: &str) -> Result<DeskState, StoreError> {
    DeskState::parse_logged(code).ok_or_else(|| format!("unknown desk state {code:?}").into())
}

fn action_of(code: &str) -> Result<Action, StoreError> {
    Action::parse(code).ok_or_else(|| format!("unknown action {code:?}").into())
}

fn closed_article_of(r: &Row) -> ClosedArticle {
    ClosedArticle {
        article_id: r.get(0),
        closed_at_ms: r.get(1),
        closed_by: r.get(2),
    }
}

impl AdminStore for PostgresStore {
    fn add_user(
        &self,
        name: String,
        role: Role,
        password_hash: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool> {
        Box::pin(accounts::add_user(self, name, role, password_hash, at_ms))
    }

    fn user(&self, name: String) -> StoreFuture<'_, Option<User>> {
        Box::pin(accounts::user(self, name))
    }

    fn users(&self) -> StoreFuture<'_, Vec<User>> {
        Box::pin(accounts::users(self))
    }

    fn remove_user(&self, name: String) -> StoreFuture<'_, bool> {
        Box::pin(accounts::remove_user(self, name))
    }

    fn set_password(&self, name: String, password_hash: String) -> StoreFuture<'_, bool> {
        Box::pin(accounts::set_password(self, name, password_hash))
    }

    fn create_session(&self, s: NewSession) -> StoreFuture<'_, ()> {
        Box::pin(accounts::create_session(self, s))
    }

    fn session(&self, token_hash: String, now_ms: i64) -> StoreFuture<'_, Option<Session>> {
        Box::pin(accounts::session(self, token_hash, now_ms))
    }

    fn end_session(&self, token_hash: String) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            self.writes
                .get()
                .await?
                .execute(
                    "DELETE FROM admin_sessions WHERE token_hash = $1",
                    &[&token_hash],
                )
                .await?;
            Ok(())
        })
    }

    fn end_sessions_of(&self, user_id: i64) -> StoreFuture<'_, u64> {
        Box::pin(async move {
            Ok(self
                .writes
                .get()
                .await?
                .execute("DELETE FROM admin_sessions WHERE user_id = $1", &[&user_id])
                .await?)
        })
    }

    fn counts(&self, article: Option<String>) -> StoreFuture<'_, StateCounts> {
        Box::pin(comments::counts(self, article))
    }

    fn queue(&self, q: QueueQuery) -> StoreFuture<'_, QueuePage> {
        Box::pin(comments::queue(self, q))
    }

    fn comment(&self, id: i64) -> StoreFuture<'_, Option<DeskComment>> {
        Box::pin(comments::comment(self, id))
    }

    fn moderate(&self, m: Moderation) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(moderation::moderate(self, m))
    }

    fn undo(&self, entry: i64, actor: String, at_ms: i64) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(moderation::undo(self, entry, actor, at_ms))
    }

    fn purge(
        &self,
        deleted_before_ms: i64,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, Option<AuditEntry>> {
        Box::pin(moderation::purge(self, deleted_before_ms, actor, at_ms))
    }

    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<AuditEntry>> {
        Box::pin(moderation::audit(self, before, comment, limit))
    }

    fn set_closed(
        &self,
        article: String,
        closed: bool,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool> {
        Box::pin(moderation::set_closed(self, article, closed, actor, at_ms))
    }

    fn is_closed(&self, article: String) -> StoreFuture<'_, bool> {
        crate::store::Store::is_closed(self, article)
    }

    fn closed_articles(&self) -> StoreFuture<'_, Vec<ClosedArticle>> {
        Box::pin(async move {
            let rows = self
                .reads
                .get()
                .await?
                .query(
                    "SELECT article_id, closed_at_ms, closed_by FROM closed_articles
                     ORDER BY closed_at_ms DESC, article_id",
                    &[],
                )
                .await?;
            Ok(rows.iter().map(closed_article_of).collect())
        })
    }
}

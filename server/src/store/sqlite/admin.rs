//! [`AdminStore`] on the SQLite file: the desk's tables beside `comments` (schema.rs).

use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};

use super::{lock, status_of, unexpected, SqliteStore};
use crate::store::admin::{
    Action, AdminStore, AuditEntry, Change, ClosedArticle, Cursor, DeskComment, DeskState,
    Moderation, NewSession, Order, QueuePage, QueueQuery, Role, Session, StateCounts, User,
};
use crate::store::StoreError;

fn role_of(code: String) -> rusqlite::Result<Role> {
    Role::parse(&code).ok_or_else(|| unexpected("role", &code))
}

fn desk_state_of(code: String) -> rusqlite::Result<DeskState> {
    DeskState::parse(&code).ok_or_else(|| unexpected("desk state", &code))
}

fn action_of(code: String) -> rusqlite::Result<Action> {
    Action::parse(&code).ok_or_else(|| unexpected("action", &code))
}

fn user_of(r: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        role: role_of(r.get(2)?)?,
        password_hash: r.get(3)?,
        created_at_ms: r.get(4)?,
    })
}

/// The columns [`desk_comment_of`] reads, from `comments c LEFT JOIN comment_desk d`.
const DESK_COLUMNS: &str = "c.id, c.status, d.deleted_from, c.spam_reason, d.reject_reason,
    c.article_id, c.article_url, c.article_title, c.name, c.email, c.ip, c.content, c.typing_ms,
    c.client_rules_version, c.client_ok, c.created_at_ms";

fn desk_comment_of(r: &Row<'_>) -> rusqlite::Result<DeskComment> {
    let deleted_from: Option<String> = r.get(2)?;
    Ok(DeskComment {
        id: r.get(0)?,
        state: match deleted_from {
            Some(_) => DeskState::Deleted,
            None => status_of(r.get(1)?)?.into(),
        },
        spam_reason: r.get(3)?,
        reject_reason: r.get(4)?,
        article_id: r.get(5)?,
        article_url: r.get(6)?,
        article_title: r.get(7)?,
        name: r.get(8)?,
        email: r.get(9)?,
        ip: r.get(10)?,
        content: r.get(11)?,
        typing_ms: r.get(12)?,
        client_rules_version: r.get(13)?,
        client_ok: r.get(14)?,
        created_at_ms: r.get(15)?,
    })
}

/// Where comment `id` stands, and where it stood before a deletion.
fn desk_state(
    tx: &Transaction<'_>,
    id: i64,
) -> rusqlite::Result<Option<(DeskState, Option<DeskState>)>> {
    tx.query_row(
        "SELECT c.status, d.deleted_from FROM comments c
         LEFT JOIN comment_desk d ON d.comment_id = c.id WHERE c.id = ?1",
        [id],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
    )
    .optional()?
    .map(|(status, deleted_from)| {
        let deleted_from = deleted_from.map(desk_state_of).transpose()?;
        let state = match deleted_from {
            Some(_) => DeskState::Deleted,
            None => status_of(status)?.into(),
        };
        Ok((state, deleted_from))
    })
    .transpose()
}

/// Moves comment `id` from `from` to `to`; a rejection's reason is set when `reason` is
/// `Some` (an undo leaves the old one).
fn move_comment(
    tx: &Transaction<'_>,
    id: i64,
    from: DeskState,
    to: DeskState,
    reason: Option<Option<&str>>,
    at_ms: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE comments SET status = ?2 WHERE id = ?1",
        params![id, to.status().as_str()],
    )?;
    let deleted = (to == DeskState::Deleted).then(|| from.as_str());
    tx.execute(
        "INSERT INTO comment_desk (comment_id, reject_reason, deleted_from, deleted_at_ms)
             VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (comment_id) DO UPDATE SET
             reject_reason = CASE WHEN ?5 THEN excluded.reject_reason ELSE reject_reason END,
             deleted_from = excluded.deleted_from,
             deleted_at_ms = excluded.deleted_at_ms",
        params![
            id,
            reason.flatten(),
            deleted,
            deleted.map(|_| at_ms),
            reason.is_some()
        ],
    )?;
    Ok(())
}

/// Records an action and its changes; returns it as an entry.
#[allow(clippy::too_many_arguments)] // one row's columns, each named at the call
fn record(
    tx: &Transaction<'_>,
    action: Action,
    actor: &str,
    reason: Option<&str>,
    article_id: Option<&str>,
    undoes: Option<i64>,
    changes: Vec<Change>,
    at_ms: i64,
) -> rusqlite::Result<AuditEntry> {
    tx.execute(
        "INSERT INTO audit_actions (at_ms, actor, action, reason, article_id, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at_ms, actor, action.as_str(), reason, article_id, undoes],
    )?;
    let id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(
        "INSERT INTO audit_changes (action_id, comment_id, from_state, to_state)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &changes {
        insert.execute(params![id, c.comment_id, c.from.as_str(), c.to.as_str()])?;
    }
    Ok(AuditEntry {
        id,
        at_ms,
        actor: actor.to_owned(),
        action,
        reason: reason.map(str::to_owned),
        article_id: article_id.map(str::to_owned),
        undoes,
        changes,
    })
}

/// `text` as a LIKE pattern that matches it anywhere, its wildcards taken literally.
fn contains_pattern(text: &str) -> String {
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

impl AdminStore for SqliteStore {
    fn add_user(
        &self,
        name: &str,
        role: Role,
        password_hash: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        let conn = lock(&self.writer);
        let added = conn.execute(
            "INSERT INTO admin_users (name, role, password_hash, created_at_ms)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
            params![name, role.as_str(), password_hash, at_ms],
        )?;
        Ok(added == 1)
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let conn = self.reader();
        Ok(conn
            .query_row(
                "SELECT id, name, role, password_hash, created_at_ms FROM admin_users
                 WHERE name = ?1",
                [name],
                user_of,
            )
            .optional()?)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, role, password_hash, created_at_ms FROM admin_users ORDER BY name",
        )?;
        let users = stmt.query_map([], user_of)?;
        Ok(users.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn remove_user(&self, name: &str) -> Result<bool, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM admin_sessions WHERE user_id IN
                 (SELECT id FROM admin_users WHERE name = ?1)",
            [name],
        )?;
        let removed = tx.execute("DELETE FROM admin_users WHERE name = ?1", [name])?;
        tx.commit()?;
        Ok(removed == 1)
    }

    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE admin_users SET password_hash = ?2 WHERE name = ?1",
            params![name, password_hash],
        )?;
        tx.execute(
            "DELETE FROM admin_sessions WHERE user_id IN
                 (SELECT id FROM admin_users WHERE name = ?1)",
            [name],
        )?;
        tx.commit()?;
        Ok(changed == 1)
    }

    fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM admin_sessions WHERE expires_at_ms <= ?1",
            [s.created_at_ms],
        )?;
        tx.execute(
            "INSERT INTO admin_sessions (token_hash, user_id, csrf, created_at_ms, expires_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                s.token_hash,
                s.user_id,
                s.csrf,
                s.created_at_ms,
                s.expires_at_ms
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn session(&self, token_hash: &str, now_ms: i64) -> Result<Option<Session>, StoreError> {
        let conn = self.reader();
        Ok(conn
            .query_row(
                "SELECT u.id, u.name, u.role, s.csrf FROM admin_sessions s
                 JOIN admin_users u ON u.id = s.user_id
                 WHERE s.token_hash = ?1 AND s.expires_at_ms > ?2",
                params![token_hash, now_ms],
                |r| {
                    Ok(Session {
                        user_id: r.get(0)?,
                        name: r.get(1)?,
                        role: role_of(r.get(2)?)?,
                        csrf: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let conn = lock(&self.writer);
        conn.execute(
            "DELETE FROM admin_sessions WHERE token_hash = ?1",
            [token_hash],
        )?;
        Ok(())
    }

    fn end_sessions_of(&self, user_id: i64) -> Result<u64, StoreError> {
        let conn = lock(&self.writer);
        let ended = conn.execute("DELETE FROM admin_sessions WHERE user_id = ?1", [user_id])?;
        Ok(ended as u64)
    }

    fn counts(&self, article: Option<&str>) -> Result<StateCounts, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT CASE WHEN d.deleted_from IS NULL THEN c.status ELSE 'deleted' END AS s,
                    count(*)
             FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
             WHERE ?1 IS NULL OR c.article_id = ?1
             GROUP BY s",
        )?;
        let mut counts = StateCounts::default();
        let rows = stmt.query_map([article], |r| {
            Ok((desk_state_of(r.get(0)?)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (state, n) = row?;
            counts.add(state, n.max(0) as u64);
        }
        Ok(counts)
    }

    fn queue(&self, q: &QueueQuery) -> Result<QueuePage, StoreError> {
        let (direction, after) = match q.order {
            Order::NewestFirst => ("DESC", "<"),
            Order::OldestFirst => ("ASC", ">"),
        };
        let state = if q.state == DeskState::Deleted {
            "d.deleted_from IS NOT NULL"
        } else {
            "c.status = ?1 AND d.deleted_from IS NULL"
        };
        let sql = format!(
            "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
             WHERE {state}
               AND (?2 IS NULL OR c.article_id = ?2)
               AND (?3 IS NULL OR c.content LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\')
               AND (?4 IS NULL OR (c.created_at_ms, c.id) {after} (?4, ?5))
             ORDER BY c.created_at_ms {direction}, c.id {direction} LIMIT ?6"
        );
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql)?;
        let limit = q.limit.max(1);
        let mut items = stmt
            .query_map(
                params![
                    q.state.status().as_str(),
                    q.article,
                    q.search.as_deref().map(contains_pattern),
                    q.after.map(|c| c.created_at_ms),
                    q.after.map(|c| c.id),
                    i64::from(limit) + 1,
                ],
                desk_comment_of,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|c| Cursor {
                created_at_ms: c.created_at_ms,
                id: c.id,
            })
        } else {
            None
        };
        Ok(QueuePage { items, next })
    }

    fn comment(&self, id: i64) -> Result<Option<DeskComment>, StoreError> {
        let conn = self.reader();
        let sql = format!(
            "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
             WHERE c.id = ?1"
        );
        Ok(conn.query_row(&sql, [id], desk_comment_of).optional()?)
    }

    fn moderate(&self, m: &Moderation<'_>) -> Result<Option<AuditEntry>, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let reason = (m.action == Action::Reject).then_some(m.reason);
        let mut changes = Vec::new();
        for &id in m.ids {
            if changes.iter().any(|c: &Change| c.comment_id == id) {
                continue;
            }
            let Some((from, deleted_from)) = desk_state(&tx, id)? else {
                continue;
            };
            let Some(to) = m.action.target(from, deleted_from) else {
                continue;
            };
            move_comment(&tx, id, from, to, reason, m.at_ms)?;
            changes.push(Change {
                comment_id: id,
                from,
                to,
            });
        }
        if changes.is_empty() {
            return Ok(None);
        }
        let entry = record(
            &tx,
            m.action,
            m.actor,
            reason.flatten(),
            None,
            None,
            changes,
            m.at_ms,
        )?;
        tx.commit()?;
        Ok(Some(entry))
    }

    fn undo(&self, entry: i64, actor: &str, at_ms: i64) -> Result<Option<AuditEntry>, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let moved = tx
            .prepare_cached(
                "SELECT comment_id, from_state, to_state FROM audit_changes WHERE action_id = ?1",
            )?
            .query_map([entry], |r| {
                Ok(Change {
                    comment_id: r.get(0)?,
                    from: desk_state_of(r.get(1)?)?,
                    to: desk_state_of(r.get(2)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut changes = Vec::new();
        for c in moved {
            match desk_state(&tx, c.comment_id)? {
                Some((now, _)) if now == c.to => {
                    move_comment(&tx, c.comment_id, c.to, c.from, None, at_ms)?;
                    changes.push(Change {
                        comment_id: c.comment_id,
                        from: c.to,
                        to: c.from,
                    });
                }
                _ => {}
            }
        }
        if changes.is_empty() {
            return Ok(None);
        }
        let entry = record(
            &tx,
            Action::Undo,
            actor,
            None,
            None,
            Some(entry),
            changes,
            at_ms,
        )?;
        tx.commit()?;
        Ok(Some(entry))
    }

    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let mut entries = tx
            .prepare_cached(
                "SELECT id, at_ms, actor, action, reason, article_id, undoes FROM audit_actions
                 WHERE (?1 IS NULL OR id < ?1)
                   AND (?2 IS NULL OR id IN
                        (SELECT action_id FROM audit_changes WHERE comment_id = ?2))
                 ORDER BY id DESC LIMIT ?3",
            )?
            .query_map(params![before, comment, limit], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at_ms: r.get(1)?,
                    actor: r.get(2)?,
                    action: action_of(r.get(3)?)?,
                    reason: r.get(4)?,
                    article_id: r.get(5)?,
                    undoes: r.get(6)?,
                    changes: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut changes = tx.prepare_cached(
            "SELECT comment_id, from_state, to_state FROM audit_changes
             WHERE action_id = ?1 ORDER BY comment_id",
        )?;
        for e in &mut entries {
            e.changes = changes
                .query_map([e.id], |r| {
                    Ok(Change {
                        comment_id: r.get(0)?,
                        from: desk_state_of(r.get(1)?)?,
                        to: desk_state_of(r.get(2)?)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(entries)
    }

    fn set_closed(
        &self,
        article: &str,
        closed: bool,
        actor: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = if closed {
            tx.execute(
                "INSERT INTO closed_articles (article_id, closed_at_ms, closed_by)
                 VALUES (?1, ?2, ?3) ON CONFLICT (article_id) DO NOTHING",
                params![article, at_ms, actor],
            )?
        } else {
            tx.execute(
                "DELETE FROM closed_articles WHERE article_id = ?1",
                [article],
            )?
        };
        if changed == 0 {
            return Ok(false);
        }
        let action = if closed {
            Action::Close
        } else {
            Action::Reopen
        };
        record(
            &tx,
            action,
            actor,
            None,
            Some(article),
            None,
            Vec::new(),
            at_ms,
        )?;
        tx.commit()?;
        Ok(true)
    }

    fn is_closed(&self, article: &str) -> Result<bool, StoreError> {
        let conn = self.reader();
        Ok(conn
            .query_row(
                "SELECT 1 FROM closed_articles WHERE article_id = ?1",
                [article],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn closed_articles(&self) -> Result<Vec<ClosedArticle>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT article_id, closed_at_ms, closed_by FROM closed_articles
             ORDER BY closed_at_ms DESC, article_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ClosedArticle {
                article_id: r.get(0)?,
                closed_at_ms: r.get(1)?,
                closed_by: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

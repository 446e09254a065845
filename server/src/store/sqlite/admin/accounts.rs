//! Accounts and their sessions.

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use super::role_of;
use crate::store::admin::{NewSession, Role, Session, User};
use crate::store::StoreError;

fn user_of(r: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        role: role_of(r.get(2)?)?,
        password_hash: r.get(3)?,
        created_at_ms: r.get(4)?,
    })
}

pub(super) fn add_user(
    conn: &mut Connection,
    name: &str,
    role: Role,
    password_hash: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let added = conn.execute(
        "INSERT INTO admin_users (name, role, password_hash, created_at_ms)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
        params![name, role.as_str(), password_hash, at_ms],
    )?;
    Ok(added == 1)
}

pub(super) fn user(conn: &mut Connection, name: &str) -> Result<Option<User>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, name, role, password_hash, created_at_ms FROM admin_users
             WHERE name = ?1",
            [name],
            user_of,
        )
        .optional()?)
}

pub(super) fn users(conn: &mut Connection) -> Result<Vec<User>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role, password_hash, created_at_ms FROM admin_users ORDER BY name",
    )?;
    let users = stmt.query_map([], user_of)?;
    Ok(users.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(super) fn remove_user(conn: &mut Connection, name: &str) -> Result<bool, StoreError> {
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

pub(super) fn set_password(
    conn: &mut Connection,
    name: &str,
    password_hash: &str,
) -> Result<bool, StoreError> {
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

pub(super) fn create_session(conn: &mut Connection, s: &NewSession) -> Result<(), StoreError> {
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

pub(super) fn session(
    conn: &mut Connection,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<Session>, StoreError> {
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

pub(super) fn end_session(conn: &mut Connection, token_hash: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM admin_sessions WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}

pub(super) fn end_sessions_of(conn: &mut Connection, user_id: i64) -> Result<u64, StoreError> {
    let ended = conn.execute("DELETE FROM admin_sessions WHERE user_id = ?1", [user_id])?;
    Ok(ended as u64)
}

//! Accounts and their sessions.

use tokio_postgres::Row;

use super::role_of;
use crate::store::admin::{NewSession, Role, Session, User};
use crate::store::postgres::PostgresStore;
use crate::store::StoreError;

const USER_COLUMNS: &str = "id, name, role, password_hash, created_at_ms";

fn user_of(r: &Row) -> Result<User, StoreError> {
    Ok(User {
        id: r.get(0),
        name: r.get(1),
        role: role_of(r.get(2))?,
        password_hash: r.get(3),
        created_at_ms: r.get(4),
    })
}

pub(super) async fn add_user(
    store: &PostgresStore,
    name: String,
    role: Role,
    password_hash: String,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let added = store
        .writes
        .get()
        .await?
        .execute(
            "INSERT INTO admin_users (name, role, password_hash, created_at_ms)
             VALUES ($1, $2, $3, $4) ON CONFLICT ((lower(name))) DO NOTHING",
            &[&name, &role.as_str(), &password_hash, &at_ms],
        )
        .await?;
    Ok(added == 1)
}

pub(super) async fn user(store: &PostgresStore, name: String) -> Result<Option<User>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM admin_users WHERE lower(name) = lower($1)");
    let row = store.reads.get().await?.query_opt(&sql, &[&name]).await?;
    row.as_ref().map(user_of).transpose()
}

pub(super) async fn users(store: &PostgresStore) -> Result<Vec<User>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM admin_users ORDER BY lower(name), name");
    let rows = store.reads.get().await?.query(&sql, &[]).await?;
    rows.iter().map(user_of).collect()
}

pub(super) async fn remove_user(store: &PostgresStore, name: String) -> Result<bool, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let removed = tx
        .query_opt(
            "DELETE FROM admin_users WHERE lower(name) = lower($1) RETURNING id",
            &[&name],
        )
        .await?;
    if let Some(row) = &removed {
        let id: i64 = row.get(0);
        tx.execute("DELETE FROM admin_sessions WHERE user_id = $1", &[&id])
            .await?;
    }
    tx.commit().await?;
    Ok(removed.is_some())
}

pub(super) async fn set_password(
    store: &PostgresStore,
    name: String,
    password_hash: String,
) -> Result<bool, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let changed = tx
        .query_opt(
            "UPDATE admin_users SET password_hash = $2 WHERE lower(name) = lower($1)
             RETURNING id",
            &[&name, &password_hash],
        )
        .await?;
    if let Some(row) = &changed {
        let id: i64 = row.get(0);
        tx.execute("DELETE FROM admin_sessions WHERE user_id = $1", &[&id])
            .await?;
    }
    tx.commit().await?;
    Ok(changed.is_some())
}

pub(super) async fn create_session(store: &PostgresStore, s: NewSession) -> Result<(), StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    tx.execute(
        "DELETE FROM admin_sessions WHERE expires_at_ms <= $1",
        &[&s.created_at_ms],
    )
    .await?;
    tx.execute(
        "INSERT INTO admin_sessions (token_hash, user_id, csrf, created_at_ms, expires_at_ms)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &s.token_hash,
            &s.user_id,
            &s.csrf,
            &s.created_at_ms,
            &s.expires_at_ms,
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn session(
    store: &PostgresStore,
    token_hash: String,
    now_ms: i64,
) -> Result<Option<Session>, StoreError> {
    let row = store
        .reads
        .get()
        .await?
        .query_opt(
            "SELECT u.id, u.name, u.role, s.csrf FROM admin_sessions s
             JOIN admin_users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at_ms > $2",
            &[&token_hash, &now_ms],
        )
        .await?;
    row.map(|r| {
        Ok(Session {
            user_id: r.get(0),
            name: r.get(1),
            role: role_of(r.get(2))?,
            csrf: r.get(3),
        })
    })
    .transpose()
}

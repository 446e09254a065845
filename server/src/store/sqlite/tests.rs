//! The SQLite store against real database files.

use super::super::schema::MIGRATIONS;
use super::*;

fn comment(article: &str, key: Option<&str>, content: &str, at: i64) -> NewComment {
    NewComment {
        article_id: article.into(),
        article_url: String::new(),
        article_title: String::new(),
        name: "Lan".into(),
        email: "lan@example.com".into(),
        content: content.into(),
        status: Status::Published,
        reply_status: CommentStatus::Published,
        spam_reason: None,
        ip: "127.0.0.1".into(),
        typing_ms: Some(9000),
        client_rules_version: String::new(),
        client_ok: None,
        idempotency_key: key.map(str::to_owned),
        created_at_ms: at,
    }
}

#[test]
fn idempotency_is_per_article_and_checks_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("a/b/db.sqlite3")).unwrap();
    let first = store.insert(&comment("x", Some("k"), "một", 1)).unwrap();
    let Outcome::Created { id, .. } = first else {
        panic!("{first:?}")
    };
    assert_eq!(
        store.insert(&comment("x", Some("k"), "một", 2)).unwrap(),
        Outcome::Replayed {
            id,
            reply_status: CommentStatus::Published
        }
    );
    assert_eq!(
        store.insert(&comment("x", Some("k"), "hai", 3)).unwrap(),
        Outcome::KeyReused
    );
    assert!(matches!(
        store.insert(&comment("y", Some("k"), "một", 4)).unwrap(),
        Outcome::Created { .. }
    ));
    assert_eq!(store.published("x", 0, 20).unwrap().total, 1);
}

#[test]
fn listing_is_newest_first_and_published_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap();
    for (i, at) in [(0, 30), (1, 10), (2, 20), (3, 20)] {
        store
            .insert(&comment("x", None, &format!("c{i}"), at))
            .unwrap();
    }
    let mut hidden = comment("x", None, "hidden", 40);
    hidden.status = Status::Pending;
    store.insert(&hidden).unwrap();
    let page = store.published("x", 0, 20).unwrap();
    let order: Vec<_> = page.comments.iter().map(|c| c.content.as_str()).collect();
    assert_eq!(order, ["c0", "c3", "c2", "c1"]);
    assert_eq!(page.total, 4);
    let second = store.published("x", 3, 3).unwrap();
    assert_eq!(second.comments.len(), 1);
    assert_eq!(second.comments[0].content, "c1");
}

/// The trigger-kept totals equal a count of the rows, through inserts, moderation and
/// deletes, and the migration that adds them counts the rows already there.
#[test]
fn published_totals_follow_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        // A database from before the totals: schema version 1 with rows in it.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        for (article, status) in [("x", "published"), ("x", "published"), ("x", "pending")] {
            conn.execute(
                "INSERT INTO comments (article_id, content, status, reply_status, created_at_ms)
                 VALUES (?1, 'c', ?2, ?2, 0)",
                params![article, status],
            )
            .unwrap();
        }
    }
    let store = SqliteStore::open(&path).unwrap();
    let counted = |article: &str| -> u64 {
        let conn = lock(&store.writer);
        conn.query_row(
            "SELECT count(*) FROM comments WHERE article_id = ?1 AND status = 'published'",
            [article],
            |r| r.get(0),
        )
        .unwrap()
    };
    let check = |article: &str| {
        assert_eq!(
            store.published(article, 0, 1).unwrap().total,
            counted(article)
        );
    };
    check("x");
    assert_eq!(store.published("x", 0, 1).unwrap().total, 2);
    let mut pending = comment("y", None, "p", 1);
    pending.status = Status::Pending;
    let Outcome::Created { id, .. } = store.insert(&pending).unwrap() else {
        panic!()
    };
    store.insert(&comment("y", None, "q", 2)).unwrap();
    check("y");
    for status in [
        Status::Published,
        Status::Published,
        Status::Rejected,
        Status::Spam,
        Status::Published,
    ] {
        store.set_status(id, status).unwrap();
        check("y");
        check("x");
    }
    lock(&store.writer)
        .execute("UPDATE comments SET article_id = 'x' WHERE id = ?1", [id])
        .unwrap();
    check("x");
    check("y");
    lock(&store.writer)
        .execute("DELETE FROM comments WHERE article_id = 'x'", [])
        .unwrap();
    check("x");
    assert_eq!(store.published("x", 0, 1).unwrap().total, 0);
}

#[test]
fn reopening_keeps_the_schema_and_refuses_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open(&path).unwrap();
    assert!(!store.set_status(1, Status::Published).unwrap());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
        .unwrap();
    drop(conn);
    assert!(SqliteStore::open(&path).is_err());
}

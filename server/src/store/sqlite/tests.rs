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

#[tokio::test]
async fn idempotency_is_per_article_and_checks_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("a/b/db.sqlite3")).unwrap();
    let first = store
        .insert(comment("x", Some("k"), "một", 1))
        .await
        .unwrap();
    let Outcome::Created { id, .. } = first else {
        panic!("{first:?}")
    };
    assert_eq!(
        store
            .insert(comment("x", Some("k"), "một", 2))
            .await
            .unwrap(),
        Outcome::Replayed {
            id,
            reply_status: CommentStatus::Published
        }
    );
    assert_eq!(
        store
            .insert(comment("x", Some("k"), "hai", 3))
            .await
            .unwrap(),
        Outcome::KeyReused
    );
    assert!(matches!(
        store
            .insert(comment("y", Some("k"), "một", 4))
            .await
            .unwrap(),
        Outcome::Created { .. }
    ));
    assert_eq!(
        store
            .published("x".into(), PageStart::Offset(0), 20)
            .await
            .unwrap()
            .total,
        1
    );
}

#[tokio::test]
async fn listing_is_newest_first_and_published_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap();
    for (i, at) in [(0, 30), (1, 10), (2, 20), (3, 20)] {
        store
            .insert(comment("x", None, &format!("c{i}"), at))
            .await
            .unwrap();
    }
    let mut hidden = comment("x", None, "hidden", 40);
    hidden.status = Status::Pending;
    store.insert(hidden).await.unwrap();
    let page = store
        .published("x".into(), PageStart::Offset(0), 20)
        .await
        .unwrap();
    let order: Vec<_> = page.comments.iter().map(|c| c.content.as_str()).collect();
    assert_eq!(order, ["c0", "c3", "c2", "c1"]);
    assert_eq!(page.total, 4);
    let second = store
        .published("x".into(), PageStart::Offset(3), 3)
        .await
        .unwrap();
    assert_eq!(second.comments.len(), 1);
    assert_eq!(second.comments[0].content, "c1");
}

/// Asserts that the total of `article`'s page is a count of its published rows.
async fn check(store: &SqliteStore, article: &'static str) {
    let counted = store
        .readers
        .run(move |conn| {
            Ok(conn.query_row(
                "SELECT count(*) FROM comments WHERE article_id = ?1 AND status = 'published'",
                [article],
                |r| r.get::<_, u64>(0),
            )?)
        })
        .await
        .unwrap();
    let page = store.published(article.into(), PageStart::Offset(0), 1);
    assert_eq!(page.await.unwrap().total, counted);
}

/// The trigger-kept totals equal a count of the rows, through inserts, moderation and
/// deletes, and the migration that adds them counts the rows already there.
#[tokio::test]
async fn published_totals_follow_every_change() {
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
    let sql = |sql: &'static str, article: &'static str| {
        store
            .writer
            .run(move |conn| Ok(conn.execute(sql, [article])?))
    };
    check(&store, "x").await;
    let page = store.published("x".into(), PageStart::Offset(0), 1);
    assert_eq!(page.await.unwrap().total, 2);
    let mut pending = comment("y", None, "p", 1);
    pending.status = Status::Pending;
    let Outcome::Created { id, .. } = store.insert(pending).await.unwrap() else {
        panic!()
    };
    store.insert(comment("y", None, "q", 2)).await.unwrap();
    check(&store, "y").await;
    for status in [
        Status::Published,
        Status::Published,
        Status::Rejected,
        Status::Spam,
        Status::Published,
    ] {
        let set = store.writer.run(move |conn| {
            Ok(conn.execute(
                "UPDATE comments SET status = ?2 WHERE id = ?1",
                params![id, status.as_str()],
            )?)
        });
        assert_eq!(set.await.unwrap(), 1);
        check(&store, "y").await;
        check(&store, "x").await;
    }
    let moved = store.writer.run(move |conn| {
        Ok(conn.execute("UPDATE comments SET article_id = 'x' WHERE id = ?1", [id])?)
    });
    assert_eq!(moved.await.unwrap(), 1);
    check(&store, "x").await;
    check(&store, "y").await;
    sql("DELETE FROM comments WHERE article_id = ?1", "x")
        .await
        .unwrap();
    check(&store, "x").await;
    let page = store.published("x".into(), PageStart::Offset(0), 1);
    assert_eq!(page.await.unwrap().total, 0);
}

/// The database and the files SQLite makes beside it hold readers' e-mails and
/// addresses: nobody but the server's user may read them.
#[cfg(unix)]
#[tokio::test]
async fn database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/db.sqlite3");
    let store = SqliteStore::open(&path).unwrap();
    store.insert(comment("x", None, "một", 1)).await.unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for suffix in ["", "-wal", "-shm"] {
        let file = path.with_file_name(format!("db.sqlite3{suffix}"));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert_eq!(mode(path.parent().unwrap()), 0o700);
}

/// A page by cursor starts right after the cursor, however many comments share its
/// millisecond, and says where the next one starts until the last.
#[tokio::test]
async fn pages_by_cursor_walk_the_whole_list_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap();
    for i in 0..23 {
        let at = [5, 5, 5, 7, 9][i % 5];
        store
            .insert(comment("x", None, &format!("c{i}"), at))
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut start = PageStart::Offset(0);
    loop {
        let page = store.published("x".into(), start, 4).await.unwrap();
        assert_eq!(page.total, 23);
        seen.extend(page.comments.iter().map(|c| (c.created_at_ms, c.id)));
        match page.next {
            Some(next) => start = PageStart::After(next),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(seen, sorted, "newest first, each once");
    assert_eq!(seen.len(), 23);
}

#[tokio::test]
async fn reopening_keeps_the_schema_and_refuses_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open(&path).unwrap();
    let page = store.published("x".into(), PageStart::Offset(0), 1);
    assert_eq!(page.await.unwrap().total, 0);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
        .unwrap();
    drop(conn);
    assert!(SqliteStore::open(&path).is_err());
}

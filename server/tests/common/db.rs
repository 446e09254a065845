//! The databases the tests run on: a SQLite file in a temporary folder, or a fresh database
//! in the throw-away PostgreSQL cluster that `server/tests/pg.sh` starts around the tests.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Which store a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

/// A database for one test: what `--db` is given, and the folder to delete afterwards.
pub struct TestDb {
    /// Which store it is.
    pub kind: Kind,
    /// The `--db` argument: a file path or a `postgres://` URL.
    pub arg: String,
    /// The temporary folder (SQLite; the cluster's databases go with the cluster).
    pub dir: tempfile::TempDir,
}

impl TestDb {
    /// A SQLite file that does not exist yet, in folders that do not exist yet.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/folder/binhluan.sqlite3");
        TestDb {
            kind: Kind::Sqlite,
            arg: path.to_str().unwrap().to_owned(),
            dir,
        }
    }

    /// The SQLite file at `path`, in a folder the caller keeps (and deletes).
    pub fn sqlite_file(path: &std::path::Path) -> TestDb {
        TestDb {
            kind: Kind::Sqlite,
            arg: path.to_str().unwrap().to_owned(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A new, empty PostgreSQL database, or None (with a note) when no cluster runs and
    /// none is required. With `BINHLUAN_TEST_PG=required` (CI) a missing cluster fails.
    pub async fn postgres() -> Option<TestDb> {
        let Some(admin) = std::env::var("BINHLUAN_TEST_PG_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            assert!(
                std::env::var("BINHLUAN_TEST_PG").as_deref() != Ok("required"),
                "BINHLUAN_TEST_PG=required but no BINHLUAN_TEST_PG_URL: run the tests \
                 through server/tests/pg.sh"
            );
            eprintln!("PostgreSQL skipped: run through server/tests/pg.sh to include it");
            return None;
        };
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "t_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let (client, connection) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
        let connection = tokio::spawn(connection);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        drop(client);
        let _ = connection.await;
        let base = admin.rsplit_once('/').expect("a URL with a database").0;
        Some(TestDb {
            kind: Kind::Postgres,
            arg: format!("{base}/{name}"),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    /// The SQLite file (None on PostgreSQL).
    pub fn path(&self) -> Option<PathBuf> {
        (self.kind == Kind::Sqlite).then(|| PathBuf::from(&self.arg))
    }
}

/// Runs each named `async fn NAME(db: TestDb)` of the calling file on both stores, as the
/// tests `sqlite::NAME` and `postgres::NAME`.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::common::db::TestDb::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(db) = $crate::common::db::TestDb::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

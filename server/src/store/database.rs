//! `--db`: which store a server or a moderation command works on.

use std::path::PathBuf;
use std::sync::Arc;

use super::admin::AdminStore;
use super::{PostgresStore, SqliteStore, Store, StoreError};

/// Which database `--db` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file, created with its folder on first start.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by its `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Database {
    /// `--db` as given: a URL with a PostgreSQL scheme, else a file path.
    pub fn parse(arg: &str) -> Database {
        let lower = arg.get(..13).unwrap_or(arg).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Database::Postgres(arg.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(arg))
        }
    }

    /// Opens (creating and migrating as needed) the store. `create` false refuses a SQLite
    /// file that does not exist yet: a mistyped path must not look like "no comments".
    pub async fn open(&self, create: bool) -> Result<Arc<dyn Store>, StoreError> {
        Ok(self.open_with_desk(create).await?.store)
    }

    /// Opens the store, and the editors' desk on it.
    pub async fn open_with_desk(&self, create: bool) -> Result<OpenStore, StoreError> {
        match self {
            Database::Sqlite(path) if !create && !path.is_file() => {
                Err(format!("no database at {}", path.display()).into())
            }
            Database::Sqlite(path) => {
                let path = path.clone();
                let store = tokio::task::spawn_blocking(move || SqliteStore::open(&path)).await??;
                let store = Arc::new(store);
                Ok(OpenStore {
                    store: store.clone(),
                    desk: store,
                })
            }
            Database::Postgres(url) => {
                let store = Arc::new(PostgresStore::open(url).await?);
                Ok(OpenStore {
                    store: store.clone(),
                    desk: store,
                })
            }
        }
    }
}

/// An opened database: the comments, and the desk's tables beside them.
pub struct OpenStore {
    /// The comments.
    pub store: Arc<dyn Store>,
    /// The desk's accounts, queue and audit log.
    pub desk: Arc<dyn AdminStore>,
}

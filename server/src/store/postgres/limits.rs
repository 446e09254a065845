//! Post limits shared by every instance on one database: a token bucket per client in the
//! unlogged table `rate_buckets`, taken with one upsert on the database's clock.

use std::net::IpAddr;
use std::time::Duration;

use deadpool_postgres::Pool;

use super::PostgresStore;
use crate::store::StoreError;

impl PostgresStore {
    /// Takes one post from `client`'s bucket, shared by every instance on this database:
    /// `per_minute` posts in a burst and as many back a minute, on the database's clock.
    /// `Ok` if there was a post to take, else `Err(seconds)` until there is.
    pub(super) async fn take(
        &self,
        client: IpAddr,
        per_minute: u32,
    ) -> Result<Result<(), u64>, StoreError> {
        let capacity = f64::from(per_minute.max(1));
        let per_ms = capacity / 60_000.0;
        let conn = self.writes.get().await?;
        let stmt = conn
            .prepare_cached(
                "WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms),
                      arg AS (SELECT $1::text AS client, $2::float8 AS capacity, $3::float8 AS per_ms)
                 INSERT INTO rate_buckets AS b (client, tokens, taken, at_ms)
                 SELECT client, capacity - 1, true, ms FROM now, arg
                 ON CONFLICT (client) DO UPDATE SET
                     taken = least($2, b.tokens + greatest(0, excluded.at_ms - b.at_ms) * $3) >= 1,
                     tokens = least($2, b.tokens + greatest(0, excluded.at_ms - b.at_ms) * $3)
                         - CASE WHEN least($2, b.tokens + greatest(0, excluded.at_ms - b.at_ms)
                             * $3) >= 1 THEN 1 ELSE 0 END,
                     at_ms = greatest(b.at_ms, excluded.at_ms)
                 RETURNING taken, tokens",
            )
            .await?;
        let row = conn
            .query_one(&stmt, &[&client.to_string(), &capacity, &per_ms])
            .await?;
        if row.get::<_, bool>(0) {
            return Ok(Ok(()));
        }
        let tokens: f64 = row.get(1);
        let wait = (1.0 - tokens) / per_ms / 1000.0;
        Ok(Err((wait - 1e-9).ceil().max(1.0) as u64))
    }
}

/// Forgets, every minute, the buckets untouched for a minute: they are full, the same as none.
pub(super) async fn forget_full_buckets(writes: Pool) {
    let mut every = tokio::time::interval(Duration::from_secs(60));
    loop {
        every.tick().await;
        let forgot = async {
            writes
                .get()
                .await?
                .execute(
                    "DELETE FROM rate_buckets WHERE at_ms
                         < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000",
                    &[],
                )
                .await
                .map_err(StoreError::from)
        };
        if let Err(e) = forgot.await {
            tracing::warn!(error = %e, "forgetting full rate buckets");
        }
    }
}

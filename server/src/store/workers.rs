//! Threads of their own for SQLite's blocking calls: a few connections, each owned by one
//! thread, taking jobs from one bounded queue. Reads and writes get separate [`Workers`], so
//! a flood of posts waits in the writer's queue while lists go on being read, and the
//! number of threads stays what the store opened, however many requests wait.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::StoreError;

/// One unit of work on a connection.
type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// Jobs waiting per worker thread before callers wait to queue theirs.
const QUEUE_PER_THREAD: usize = 256;

/// A group of threads, one connection each, behind one queue.
pub struct Workers {
    queue: mpsc::Sender<Job>,
}

impl Workers {
    /// Starts one thread per connection, named `name-N`.
    pub fn start(name: &str, connections: Vec<Connection>) -> Result<Workers, StoreError> {
        let (queue, jobs) = mpsc::channel::<Job>(QUEUE_PER_THREAD * connections.len().max(1));
        let jobs = Arc::new(Mutex::new(jobs));
        for (i, mut conn) in connections.into_iter().enumerate() {
            let jobs = jobs.clone();
            std::thread::Builder::new()
                .name(format!("{name}-{i}"))
                .spawn(move || loop {
                    // The lock is held only while waiting for the next job; the job itself
                    // runs with the queue free for the other threads.
                    let job = jobs
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .blocking_recv();
                    let Some(job) = job else { break };
                    // A job that panics fails its own request (its reply channel is dropped);
                    // the thread and its connection go on serving the others.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| job(&mut conn)));
                })?;
        }
        Ok(Workers { queue })
    }

    /// Runs `work` on one of the connections and returns what it returned.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let _ = reply.send(work(conn));
        });
        self.queue
            .send(job)
            .await
            .map_err(|_| "the database threads have stopped")?;
        answer
            .await
            .map_err(|_| "a database job failed without an answer")?
    }
}

//! `bianmin county serve`: the HTTP endpoints of docs/sync-protocol.md, on hyper over a small
//! tokio runtime (two workers), with TLS by rustls when given a certificate. Each connection is
//! a task, not a thread; every SQLite call runs on the blocking pool (`--workers` threads, one
//! connection each). The limits (`Limits`) keep slow or idle clients from holding memory or
//! the server: a deadline for request heads (which is also the keep-alive idle time), a
//! deadline and minimum rate for bodies, a size limit, a budget for bodies in memory, a stall
//! limit for clients that stop reading, and a bounded number of connections.
//! Shutdown (SIGTERM/SIGINT set the flag) stops taking connections; requests being handled
//! finish first.

mod body;
mod pool;
mod routes;
mod stall;
mod tls;

use crate::explain::Explain;
use std::convert::Infallible;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use tls::TlsFiles;

use super::{CountyError, CountyStore};
use crate::i18n::Language;
use crate::t;

/// Most events per pull page.
const MAX_PAGE: usize = 5000;
/// How often the server looks at the shutdown flag.
const POLL: Duration = Duration::from_millis(50);
/// How long requests in flight may take to finish after a shutdown.
const GRACE: Duration = Duration::from_secs(30);

/// What one client may take. The defaults are what `county serve` uses.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request head (and the TLS handshake) must arrive within this; an idle keep-alive
    /// connection is closed after it too.
    pub header_timeout: Duration,
    /// A body must arrive within this plus one second per `min_rate` bytes received.
    pub body_timeout: Duration,
    /// Bytes per second a long body must keep up (on average) once `body_timeout` is used up.
    pub min_rate: f64,
    /// The largest push body (413 past it).
    pub max_body: usize,
    /// The most events in one push (413 past it).
    pub max_events: usize,
    /// Bytes of request bodies in memory at once, all connections together (503 past it).
    pub body_budget: usize,
    /// Connections served at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// A client that reads none of an answer for this long is dropped.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            min_rate: 64.0 * 1024.0,
            max_body: 16 * 1024 * 1024,
            max_events: crate::domain::sync::batch::MAX_EVENTS,
            body_budget: 64 * 1024 * 1024,
            max_connections: 256,
            write_timeout: Duration::from_secs(30),
        }
    }
}

pub struct ServeOptions {
    pub listen: String,
    pub data: PathBuf,
    /// Threads (each with its own SQLite connection) for the database work.
    pub workers: usize,
    /// Certificate and key; without them only a loopback address may be served (plain HTTP).
    pub tls: Option<TlsFiles>,
    pub limits: Limits,
}

impl ServeOptions {
    pub fn new(listen: &str, data: &Path) -> ServeOptions {
        ServeOptions {
            listen: listen.to_owned(),
            data: data.to_path_buf(),
            workers: 4,
            tls: None,
            limits: Limits::default(),
        }
    }
}

/// Why the county server did not start, in words for its operator.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("not an address to listen on: {0}")]
    BadListen(String),
    #[error("plain HTTP only on a loopback address, not on {0}; give --tls-cert and --tls-key")]
    PlainHttp(String),
    #[error("cannot listen on {addr}: {detail}")]
    Listen { addr: String, detail: String },
    #[error("the certificate file {file} cannot be used: {detail}")]
    TlsCert { file: String, detail: String },
    #[error("the key file {file} cannot be used: {detail}")]
    TlsKey { file: String, detail: String },
    #[error("the certificate and key do not make a TLS set-up: {0}")]
    Tls(String),
    #[error(transparent)]
    County(#[from] CountyError),
}

impl Explain for ServeError {
    fn words(&self, l: Language) -> String {
        match self {
            ServeError::BadListen(addr) => t!(l, "county-error-bad-listen", addr = addr.as_str()),
            ServeError::PlainHttp(addr) => t!(l, "county-error-plain-http", addr = addr.as_str()),
            ServeError::Listen { addr, detail } => t!(
                l,
                "county-error-listen",
                addr = addr.as_str(),
                detail = detail.as_str()
            ),
            ServeError::TlsCert { file, detail } => t!(
                l,
                "county-error-tls-cert",
                file = file.as_str(),
                detail = detail.as_str()
            ),
            ServeError::TlsKey { file, detail } => t!(
                l,
                "county-error-tls-key",
                file = file.as_str(),
                detail = detail.as_str()
            ),
            ServeError::Tls(detail) => t!(l, "county-error-tls", detail = detail.as_str()),
            ServeError::County(error) => error.words(l),
        }
    }
}

/// The address to listen on; plain HTTP only if every address it names is a loopback one.
fn listen_address(options: &ServeOptions) -> Result<SocketAddr, ServeError> {
    let bad = || ServeError::BadListen(options.listen.clone());
    let addrs: Vec<SocketAddr> = options
        .listen
        .to_socket_addrs()
        .map_err(|_| bad())?
        .collect();
    let first = *addrs.first().ok_or_else(bad)?;
    if options.tls.is_none() && !addrs.iter().all(|addr| addr.ip().is_loopback()) {
        return Err(ServeError::PlainHttp(options.listen.clone()));
    }
    Ok(first)
}

/// Serves until `shutdown` is set; `ready` learns the bound address (port 0 picks one).
pub fn serve(
    options: &ServeOptions,
    shutdown: Arc<AtomicBool>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let addr = listen_address(options)?;
    let acceptor = options.tls.as_ref().map(tls::acceptor).transpose()?;
    // Migrate once before the pool opens its connections.
    drop(CountyStore::open_dir(&options.data)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(options.workers.max(1))
        .thread_name("county")
        .enable_all()
        .build()
        .map_err(CountyError::Io)?;
    let listen_error = |error: std::io::Error| ServeError::Listen {
        addr: addr.to_string(),
        detail: error.to_string(),
    };
    runtime.block_on(async {
        let listener = TcpListener::bind(addr).await.map_err(listen_error)?;
        ready(listener.local_addr().map_err(listen_error)?);
        let shared = Arc::new(routes::Shared {
            pool: pool::Pool::new(options.data.clone()),
            limits: options.limits.clone(),
            bodies: Arc::new(Semaphore::new(
                body::units(options.limits.body_budget) as usize
            )),
        });
        accept_until_shutdown(listener, acceptor, shared, shutdown).await;
        Ok::<(), ServeError>(())
    })?;
    // Blocking jobs still queued (none once the connections are done) are not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

async fn flag_set(flag: &AtomicBool) {
    while !flag.load(Ordering::SeqCst) {
        tokio::time::sleep(POLL).await;
    }
}

async fn accept_until_shutdown(
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    shared: Arc<routes::Shared>,
    shutdown: Arc<AtomicBool>,
) {
    let connections = Arc::new(Semaphore::new(shared.limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    loop {
        // At the limit, new connections wait in the kernel's backlog.
        let permit = tokio::select! {
            permit = Arc::clone(&connections).acquire_owned() => permit,
            () = flag_set(&shutdown) => break,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = flag_set(&shutdown) => break,
        };
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(error) => {
                // Out of file descriptors, or a connection reset before it was taken.
                tracing::warn!("county: accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let watcher = graceful.watcher();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let limits = shared.limits.clone();
            match acceptor {
                None => connection(stream, shared, watcher).await,
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(limits.header_timeout, acceptor.accept(stream)).await;
                    if let Ok(Ok(stream)) = handshake {
                        connection(stream, shared, watcher).await;
                    }
                }
            }
        });
    }
    drop(listener);
    // Idle connections close now; requests in flight finish (within the grace time).
    let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
}

async fn connection<S>(stream: S, shared: Arc<routes::Shared>, watcher: Watcher)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let limits = &shared.limits;
    let io = TokioIo::new(stall::StallGuard::new(stream, limits.write_timeout));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024)
        .keep_alive(true);
    let service_shared = Arc::clone(&shared);
    let service = service_fn(move |request| {
        let shared = Arc::clone(&service_shared);
        async move { Ok::<_, Infallible>(routes::handle(shared, request).await) }
    });
    // Errors here are the client's (gone, too slow, not HTTP): nothing to answer.
    let _ = watcher.watch(builder.serve_connection(io, service)).await;
}

/// For tests and the benchmark: a server on a thread, stopped by the returned guard.
pub struct Running {
    pub addr: SocketAddr,
    tls: bool,
    shutdown: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Result<(), ServeError>>>,
}

impl Running {
    /// Plain HTTP on 127.0.0.1, a free port, `workers` database threads.
    pub fn start(data: &Path, workers: usize) -> Result<Running, ServeError> {
        let mut options = ServeOptions::new("127.0.0.1:0", data);
        options.workers = workers;
        Running::start_with(options)
    }

    /// Any options (TLS, other limits); give port 0 for a free port.
    pub fn start_with(options: ServeOptions) -> Result<Running, ServeError> {
        let shutdown = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = std::sync::mpsc::channel();
        let tls = options.tls.is_some();
        let flag = Arc::clone(&shutdown);
        let thread = std::thread::spawn(move || {
            serve(&options, flag, |addr| {
                let _ = sender.send(addr);
            })
        });
        match receiver.recv() {
            Ok(addr) => Ok(Running {
                addr,
                tls,
                shutdown,
                thread: Some(thread),
            }),
            // It stopped before listening: its own error says why.
            Err(_) => Err(match thread.join() {
                Ok(Err(error)) => error,
                _ => ServeError::County(CountyError::Io(std::io::Error::other(
                    "the county server did not start",
                ))),
            }),
        }
    }

    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

//! `bianmin county serve`: the HTTP endpoints of docs/sync-protocol.md on a small thread pool,
//! each worker with its own SQLite connection. Shutdown (SIGTERM/SIGINT set the flag) stops
//! taking requests; requests being handled finish first.

use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, Server};

use super::{CountyError, CountyStore, Device, Ingested};
use crate::sync::wire::{ErrorBody, Identity, PushRequest, PushResponse};

/// The largest push accepted (about 20,000 typical events).
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// Most events per pull page.
const MAX_PAGE: usize = 5000;
/// How often an idle worker looks at the shutdown flag.
const POLL: Duration = Duration::from_millis(100);

pub struct ServeOptions {
    pub listen: String,
    pub data: PathBuf,
    pub workers: usize,
}

/// Serves until `shutdown` is set; `ready` learns the bound address (port 0 picks one).
pub fn serve(
    options: &ServeOptions,
    shutdown: Arc<AtomicBool>,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), CountyError> {
    // Migrate once before the workers open their connections.
    drop(CountyStore::open_dir(&options.data)?);
    let server = Server::http(&options.listen)
        .map_err(|error| CountyError::Io(std::io::Error::other(error.to_string())))?;
    let server = Arc::new(server);
    if let Some(addr) = server.server_addr().to_ip() {
        ready(addr);
    }
    let mut workers = Vec::new();
    for _ in 0..options.workers.max(1) {
        let server = Arc::clone(&server);
        let shutdown = Arc::clone(&shutdown);
        let mut store = CountyStore::open_dir(&options.data)?;
        workers.push(std::thread::spawn(move || {
            while !shutdown.load(Ordering::SeqCst) {
                match server.recv_timeout(POLL) {
                    Ok(Some(request)) => handle(&mut store, request),
                    Ok(None) => {}
                    Err(_) => std::thread::sleep(POLL),
                }
            }
        }));
    }
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

fn handle(store: &mut CountyStore, mut request: Request) {
    let (status, body) = route(store, &mut request);
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(Header::from_bytes("Content-Type", "application/json").expect("valid header"));
    // The client may have given up (its timeout); nothing more to do then.
    let _ = request.respond(response);
}

fn json<T: Serialize>(status: u16, value: &T) -> (u16, Vec<u8>) {
    match serde_json::to_vec(value) {
        Ok(body) => (status, body),
        Err(_) => (500, br#"{"error":"internal"}"#.to_vec()),
    }
}

fn error(status: u16, message: &str) -> (u16, Vec<u8>) {
    json(
        status,
        &ErrorBody {
            error: message.to_owned(),
            expected_seq: None,
        },
    )
}

fn route(store: &mut CountyStore, request: &mut Request) -> (u16, Vec<u8>) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let Some(device) = authenticate(store, request) else {
        return error(401, "unauthorized");
    };
    let result = match (request.method(), path) {
        (Method::Get, "/v1/whoami") => Ok(json(
            200,
            &Identity {
                hall: device.hall.clone(),
                device: device.code.clone(),
                name: device.name.clone(),
            },
        )),
        (Method::Post, "/v1/events") => push(store, &device, request),
        (Method::Get, "/v1/events") => pull(store, &device, query),
        _ => Ok(error(404, "not found")),
    };
    result.unwrap_or_else(|_| error(500, "internal"))
}

fn authenticate(store: &CountyStore, request: &Request) -> Option<Device> {
    let header = request
        .headers()
        .iter()
        .find(|header| header.field.equiv("Authorization"))?;
    let token = header.value.as_str().strip_prefix("Bearer ")?.trim();
    store.authenticate(token).ok().flatten()
}

fn push(
    store: &mut CountyStore,
    device: &Device,
    request: &mut Request,
) -> Result<(u16, Vec<u8>), CountyError> {
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)?;
    if body.len() as u64 > MAX_BODY {
        return Ok(error(413, "too large"));
    }
    let Ok(push) = serde_json::from_slice::<PushRequest>(&body) else {
        return Ok(error(400, "bad request"));
    };
    Ok(match store.ingest(device, &push.events)? {
        Ingested::Acks(acks) => json(200, &PushResponse { acks }),
        Ingested::Gap { expected } => json(
            409,
            &ErrorBody {
                error: "gap".into(),
                expected_seq: Some(expected),
            },
        ),
    })
}

fn pull(store: &CountyStore, device: &Device, query: &str) -> Result<(u16, Vec<u8>), CountyError> {
    let mut since = 0u64;
    let mut limit = 1000usize;
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("since", value)) => match value.parse() {
                Ok(value) => since = value,
                Err(_) => return Ok(error(400, "bad since")),
            },
            Some(("limit", value)) => match value.parse::<usize>() {
                Ok(value) => limit = value.clamp(1, MAX_PAGE),
                Err(_) => return Ok(error(400, "bad limit")),
            },
            _ => {}
        }
    }
    let page = store.pull(&device.hall, &device.code, since, limit)?;
    Ok(json(200, &page))
}

/// For tests and the benchmark: a server on a thread, stopped by the returned guard.
pub struct Running {
    pub addr: SocketAddr,
    shutdown: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<Result<(), CountyError>>>,
}

impl Running {
    pub fn start(data: &Path, workers: usize) -> Result<Running, CountyError> {
        let shutdown = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = std::sync::mpsc::channel();
        let options = ServeOptions {
            listen: "127.0.0.1:0".into(),
            data: data.to_path_buf(),
            workers,
        };
        let flag = Arc::clone(&shutdown);
        let thread = std::thread::spawn(move || {
            serve(&options, flag, |addr| {
                let _ = sender.send(addr);
            })
        });
        let addr = receiver.recv().map_err(|_| {
            CountyError::Io(std::io::Error::other("the county server did not start"))
        })?;
        Ok(Running {
            addr,
            shutdown,
            thread: Some(thread),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
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

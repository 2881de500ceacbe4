//! Sync figures, over loopback with the release build: pushing 100,000 events to a county
//! server (a child process: `bianmin county serve`), the same push while 64 slow clients hold
//! connections, the county's memory at rest and with 1,000 idle connections open, exporting and
//! importing a 100,000-event USB bundle both ways, and the peak memory (VmHWM) of the hall
//! process and the county server.
//! Targets: push ≥ 28,000 events/s; county < 100 MB with 1,000 idle connections; each
//! export/import ≤ 10 s; memory < 100 MB on both sides.
//!
//! `cargo bench --bench sync` (add `-- --events N`, `-- --batch N` (the first push) or
//! `-- --max-batch N` (the largest) to vary the sizes)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bianmin::clock;
use bianmin::county::CountyStore;
use bianmin::domain::application::CaseState;
use bianmin::domain::case_number::{CaseNumber, DeviceCode};
use bianmin::domain::sync::event::{
    ApplicationCreated, CaseRecord, HistoryRecord, MaterialRecord, Payload,
};
use bianmin::store::Store;
use bianmin::sync::{SyncConfig, SyncOptions, export_bundle, import_reply, sync_store};

const HALL: &str = "621023202";

fn main() {
    let events = argument("--events").unwrap_or(100_000);
    let batch = argument("--batch").unwrap_or(SyncOptions::default().batch);
    let max_batch = argument("--max-batch").unwrap_or(SyncOptions::default().max_batch);
    println!(
        "sync benchmark, {events} events, pushes of {batch} at first, growing up to {max_batch}"
    );
    println!("load average at the start: {}", load_average());
    push(events, (batch, max_batch), false);
    push(events, (batch, max_batch), true);
    idle_connections(1000);
    bundles(events);
    println!(
        "hall process peak memory (VmHWM): {} MB",
        vm_hwm("self") / 1024
    );
}

fn argument(name: &str) -> Option<usize> {
    std::env::args()
        .skip_while(|arg| arg != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
}

/// A terminal with `count` events queued (written straight to the outbox, one transaction).
fn terminal(dir: &Path, device: &str, token: &str, url: &str, count: usize) -> Store {
    let opened = bianmin::startup::open(dir).expect("a new data directory opens");
    let mut store = opened.store;
    store
        .set_device_code(&DeviceCode::parse(device).expect("device code"))
        .expect("device code set");
    SyncConfig::new(url, token)
        .expect("config")
        .save(&mut store)
        .expect("config saved");
    let code = DeviceCode::parse(device).expect("device code");
    let mut conn = rusqlite::Connection::open(dir.join(bianmin::store::DATABASE_FILE)).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO outbox (id, kind, entity_id, payload, created_at, seq)
                 VALUES (?1, 'application_created', ?2, ?3, ?4, ?5)",
            )
            .unwrap();
        let at = clock::now();
        let first_day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for n in 0..count {
            // A real case taken at the desk: its checklist and first history lines, numbered by
            // this terminal (9,999 a day at most), so the county's checks run as they would.
            let day = first_day + chrono::Duration::days((n / 9_999) as i64);
            let number = CaseNumber::new(HALL, day, &code, (n % 9_999) as u32 + 1).unwrap();
            let payload = Payload::ApplicationCreated(ApplicationCreated {
                case: sample_case(number.as_str(), &at.to_rfc3339()),
            });
            insert
                .execute(rusqlite::params![
                    uuid::Uuid::new_v4().to_string(),
                    payload.entity_id(),
                    payload.encode().unwrap(),
                    at.to_rfc3339(),
                    n as i64 + 1
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    store
}

/// A case as the desk sends it when it is taken (about 1 KB of JSON).
fn sample_case(number: &str, at: &str) -> CaseRecord {
    let material = |name: &str| MaterialRecord {
        name: name.into(),
        required: true,
        received: true,
    };
    let line = |kind: &str, to: CaseState| HistoryRecord {
        at: at.into(),
        actor: "李代办".into(),
        actor_login: Some("agent01".into()),
        kind: kind.into(),
        from: None,
        to: Some(to),
        to_agent: None,
        note: "材料齐全，当场受理".into(),
    };
    CaseRecord {
        id: uuid::Uuid::new_v4().to_string(),
        number: Some(number.into()),
        reference: None,
        household_id: uuid::Uuid::new_v4().to_string(),
        item_id: "pension-enrolment".into(),
        state: CaseState::Accepted,
        applicant_name: "王堃".into(),
        applicant_id_number: "34052419800101001X".into(),
        village: "高台村".into(),
        agent: "李代办".into(),
        agent_login: Some("agent01".into()),
        created_at: at.into(),
        accepted_at: Some(at.into()),
        due_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 18),
        materials: vec![
            material("居民身份证"),
            material("户口簿（首页及本人页）"),
            material("城乡居民基本养老保险参保登记表"),
        ],
        history: vec![
            line("created", CaseState::AwaitingCorrection),
            line("state", CaseState::Accepted),
        ],
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

fn county_child(data: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .args(["county", "serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .env("BIANMIN_LANG", "en")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the county server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line.trim().rsplit(' ').next().unwrap().to_owned();
    (child, format!("http://{addr}"))
}

/// Pushes `count` events; with `slow`, 64 slow clients hold connections throughout.
fn push(count: usize, (batch, max_batch): (usize, usize), slow: bool) {
    let county_dir = tempfile::tempdir().unwrap();
    let mut county = CountyStore::open_dir(county_dir.path()).unwrap();
    let token = county
        .add_device(HALL, "bench", Some("01"), None)
        .unwrap()
        .token;
    let slow_token = county
        .add_device(HALL, "slow", Some("02"), None)
        .unwrap()
        .token;
    drop(county);
    let (mut child, url) = county_child(county_dir.path());
    let hall_dir = tempfile::tempdir().unwrap();
    let mut store = terminal(hall_dir.path(), "01", &token, &url, count);
    let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let slow_clients = slow.then(|| SlowClients::start(addr, 64, slow_token));
    let options = SyncOptions {
        forced: true,
        batch,
        max_batch,
        timeout: Duration::from_secs(60),
        ..SyncOptions::default()
    };
    let started = Instant::now();
    let report = sync_store(&mut store, &options).expect("the push succeeds");
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.accepted as usize, count);
    let with = if slow {
        ", 64 slow clients holding connections"
    } else {
        ""
    };
    println!(
        "push {count} events over loopback{with}: {seconds:.2} s, {:.0} events/s (target ≥ 28,000)",
        count as f64 / seconds
    );
    if let Some(slow_clients) = slow_clients {
        let reconnects = slow_clients.stop();
        println!("  slow clients cut off by the county and replaced meanwhile: {reconnects}");
    }
    println!(
        "county server peak memory (VmHWM): {} MB",
        vm_hwm(&child.id().to_string()) / 1024
    );
    // SIGTERM: a graceful stop.
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    let _ = child.wait();
}

/// Slow clients that keep `n` connections busy: each sends one byte a second (of a head that
/// never ends, or of a body that never completes); one the county closes is replaced at once.
struct SlowClients {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<usize>,
}

impl SlowClients {
    fn start(addr: SocketAddr, n: usize, token: String) -> SlowClients {
        let open = move |i: usize| -> Option<TcpStream> {
            let mut stream = TcpStream::connect(addr).ok()?;
            let start = if i.is_multiple_of(2) {
                "POST /v1/events HTTP/1.1\r\nHost: county\r\nX-Slow: ".to_owned()
            } else {
                format!(
                    "POST /v1/events HTTP/1.1\r\nHost: county\r\nAuthorization: Bearer {token}\r\n\
                     Content-Length: 2000\r\n\r\n{{"
                )
            };
            stream.write_all(start.as_bytes()).ok()?;
            Some(stream)
        };
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut streams: Vec<Option<TcpStream>> = (0..n).map(&open).collect();
            let mut reconnects = 0;
            while !flag.load(Ordering::SeqCst) {
                for (i, slot) in streams.iter_mut().enumerate() {
                    let alive = slot
                        .as_mut()
                        .is_some_and(|stream| stream.write_all(b"a").is_ok());
                    if !alive {
                        *slot = open(i);
                        reconnects += 1;
                    }
                }
                std::thread::sleep(Duration::from_secs(1));
            }
            reconnects
        });
        SlowClients { stop, thread }
    }

    fn stop(self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        self.thread.join().unwrap_or(0)
    }
}

/// `GET /health` over a new connection: how long the answer took.
fn health(addr: SocketAddr) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: county\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.ends_with("ok"), "{answer}");
    started.elapsed()
}

/// The county's memory at rest, then with `n` idle connections open (the county serves 256 at
/// once; the others wait in the listen backlog).
fn idle_connections(n: usize) {
    let county_dir = tempfile::tempdir().unwrap();
    let (mut child, url) = county_child(county_dir.path());
    let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let pid = child.id().to_string();
    health(addr);
    std::thread::sleep(Duration::from_millis(300));
    println!(
        "county server at rest: VmRSS {} MB ({} kB; of which the program file {} kB), {} threads",
        vm_field(&pid, "VmRSS:") / 1024,
        vm_field(&pid, "VmRSS:"),
        vm_field(&pid, "RssFile:"),
        vm_field(&pid, "Threads:")
    );
    let connections: Vec<TcpStream> = (0..n)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    std::thread::sleep(Duration::from_secs(2));
    println!(
        "county server with {} idle connections open: peak memory (VmHWM) {} MB, {} threads",
        connections.len(),
        vm_hwm(&pid) / 1024,
        vm_field(&pid, "Threads:")
    );
    drop(connections);
    let took = health(addr);
    println!(
        "  health after the idle connections closed: {} ms",
        took.as_millis()
    );
    let _ = Command::new("kill").arg(&pid).status();
    let _ = child.wait();
}

fn bundles(count: usize) {
    let county_dir = tempfile::tempdir().unwrap();
    let mut county = CountyStore::open_dir(county_dir.path()).unwrap();
    let token = county
        .add_device(HALL, "bench", Some("01"), None)
        .unwrap()
        .token;
    let hall_dir = tempfile::tempdir().unwrap();
    let mut store = terminal(
        hall_dir.path(),
        "01",
        &token,
        "https://county.invalid",
        count,
    );
    let files = tempfile::tempdir().unwrap();
    let events = files.path().join("events.bundle");
    let reply = files.path().join("reply.bundle");

    let timed = |what: &str, work: &mut dyn FnMut()| {
        let started = Instant::now();
        work();
        println!(
            "{what}: {:.2} s (target ≤ 10 s)",
            started.elapsed().as_secs_f64()
        );
    };
    timed(&format!("hall export of {count} events"), &mut || {
        export_bundle(&store, &events).expect("export");
    });
    let size = std::fs::metadata(&events).unwrap().len();
    println!("  bundle size: {:.1} MB", size as f64 / 1e6);
    timed(&format!("county import of {count} events"), &mut || {
        let summary = county.import_bundle(&events).expect("import");
        assert_eq!(summary.accepted as usize, count);
    });
    timed("county export of the reply", &mut || {
        county.export_reply(HALL, &reply).expect("reply");
    });
    timed("hall import of the reply", &mut || {
        let report = import_reply(&mut store, &reply).expect("reply import");
        assert_eq!(report.acks.accepted as usize, count);
    });
}

/// Peak resident memory in kB of a process (`self` or a pid), from /proc.
fn vm_hwm(process: &str) -> u64 {
    vm_field(process, "VmHWM:")
}

/// A number from /proc/<process>/status (kB for the memory fields).
fn vm_field(process: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{process}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with(field))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

//! The county server as server software, on 127.0.0.1: slow and stalled clients do not stop it
//! answering, its deadlines and limits cut such clients off, it speaks TLS to a hall that trusts
//! its certificate (and a hall that does not refuses it), and it will not serve plain HTTP on a
//! network address.

mod sync_support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bianmin::county::server::{Limits, Running, ServeOptions, TlsFiles};
use bianmin::sync::{SyncConfig, SyncError, SyncOptions, sync_store};
use sync_support::{Terminal, county_with};

fn now_sync() -> SyncOptions {
    SyncOptions {
        forced: true,
        timeout: Duration::from_secs(5),
        ..SyncOptions::default()
    }
}

/// Sends a raw request and reads the whole answer (the request asks to close).
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// `GET /health`: asserts the answer and returns how long it took.
fn health(addr: SocketAddr) -> Duration {
    let started = Instant::now();
    let answer = exchange(
        addr,
        b"GET /health HTTP/1.1\r\nHost: county\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("text/plain"), "{answer}");
    assert!(answer.ends_with("\r\n\r\nok"), "{answer}");
    started.elapsed()
}

/// The three kinds of bad client: a request head that never ends, a body announced and never
/// sent, and a body sent a byte at a time.
enum Slow {
    PartialHead,
    StalledBody,
    Trickle,
}

fn slow_client(addr: SocketAddr, kind: &Slow, token: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /v1/events HTTP/1.1\r\nHost: county\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n"
    );
    match kind {
        Slow::PartialHead => stream.write_all(b"POST /v1/events HTTP/1.1\r\nHost: cou"),
        Slow::StalledBody => stream.write_all(head.as_bytes()),
        Slow::Trickle => stream.write_all(format!("{head}{{").as_bytes()),
    }
    .unwrap();
    stream
}

#[test]
fn slow_and_stalled_clients_do_not_stop_health_or_a_real_push() {
    let (county_dir, tokens) = county_with(&["01", "02"]);
    let county = Running::start(county_dir.path(), 2).unwrap();
    let mut hall = Terminal::new("01");
    hall.configure(&county.url(), &tokens[0]);

    // 72 bad clients at once, a third of each kind; the tricklers send a byte a second.
    let kinds = [Slow::PartialHead, Slow::StalledBody, Slow::Trickle];
    let mut trickling = Vec::new();
    let mut holding = Vec::new();
    for n in 0..72 {
        let kind = &kinds[n % 3];
        let stream = slow_client(county.addr, kind, &tokens[1]);
        match kind {
            Slow::Trickle => trickling.push(stream),
            _ => holding.push(stream),
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let trickler = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                for stream in &mut trickling {
                    let _ = stream.write_all(b" ");
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };

    // Throughout (well inside the 10 s head deadline, so every bad client is still there):
    // health and a real terminal's sync are answered quickly.
    let started = Instant::now();
    let mut pushes = 0;
    while started.elapsed() < Duration::from_secs(6) {
        let took = health(county.addr);
        assert!(took < Duration::from_secs(2), "health took {took:?}");
        let household = hall.household(pushes + 1);
        hall.case(&household, pushes as usize);
        let sync_started = Instant::now();
        let report = sync_store(&mut hall.store, &now_sync()).unwrap();
        let took = sync_started.elapsed();
        assert!(took < Duration::from_secs(2), "a push took {took:?}");
        // A household and a case (and, the first time, the terminal's admin account).
        assert_eq!(report.accepted, if pushes == 0 { 3 } else { 2 });
        pushes += 1;
        std::thread::sleep(Duration::from_millis(300));
    }
    assert!(pushes >= 5, "only {pushes} pushes");
    stop.store(true, Ordering::SeqCst);
    trickler.join().unwrap();
    drop(holding);
}

#[test]
fn the_deadlines_and_limits_cut_slow_idle_and_oversized_clients_off() {
    let (county_dir, tokens) = county_with(&["01"]);
    let mut options = ServeOptions::new("127.0.0.1:0", county_dir.path());
    options.limits = Limits {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(2),
        max_body: 4096,
        ..Limits::default()
    };
    let county = Running::start_with(options).unwrap();
    let token = &tokens[0];

    let started = Instant::now();
    let mut idle = TcpStream::connect(county.addr).unwrap();
    let mut partial = slow_client(county.addr, &Slow::PartialHead, token);
    let mut stalled = slow_client(county.addr, &Slow::StalledBody, token);
    let mut trickle = slow_client(county.addr, &Slow::Trickle, token);
    for stream in [&mut idle, &mut partial, &mut stalled, &mut trickle] {
        stream
            .set_read_timeout(Some(Duration::from_secs(6)))
            .unwrap();
    }
    // An idle connection and an unfinished head are closed after the head deadline.
    for stream in [&mut idle, &mut partial] {
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        assert!(
            answer.is_empty() || String::from_utf8_lossy(&answer).contains("408"),
            "{}",
            String::from_utf8_lossy(&answer)
        );
    }
    let head_cut = started.elapsed();
    assert!(
        head_cut >= Duration::from_millis(900) && head_cut < Duration::from_secs(3),
        "{head_cut:?}"
    );
    // A body that stops, or trickles, gets 408 after the body deadline.
    for _ in 0..3 {
        let _ = trickle.write_all(b" ");
        std::thread::sleep(Duration::from_millis(700));
    }
    for stream in [&mut stalled, &mut trickle] {
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    assert!(started.elapsed() < Duration::from_secs(5));

    // Too large: announced (answered at once) or sent.
    let announced = exchange(
        county.addr,
        format!(
            "POST /v1/events HTTP/1.1\r\nHost: c\r\nAuthorization: Bearer {token}\r\n\
             Content-Length: 5000\r\n\r\n"
        )
        .as_bytes(),
    );
    assert!(announced.starts_with("HTTP/1.1 413"), "{announced}");
    let mut chunked = format!(
        "POST /v1/events HTTP/1.1\r\nHost: c\r\nAuthorization: Bearer {token}\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    for _ in 0..5 {
        chunked.push_str(&format!("400\r\n{}\r\n", " ".repeat(1024)));
    }
    chunked.push_str("0\r\n\r\n");
    let sent = exchange(county.addr, chunked.as_bytes());
    assert!(sent.starts_with("HTTP/1.1 413"), "{sent}");
    // No token: 401 before any body is read; health needs none.
    let unauthorized = exchange(
        county.addr,
        b"GET /v1/whoami HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n",
    );
    assert!(unauthorized.starts_with("HTTP/1.1 401"), "{unauthorized}");
    health(county.addr);
}

/// A self-signed certificate for localhost and 127.0.0.1: (certificate PEM, key file, cert file).
fn self_signed(dir: &Path) -> (String, PathBuf, PathBuf) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let cert_pem = certified.cert.pem();
    let cert = dir.join("county.crt");
    let key = dir.join("county.key");
    std::fs::write(&cert, &cert_pem).unwrap();
    // The key is a secret: only its owner may read it.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&key)
        .unwrap();
    file.write_all(certified.signing_key.serialize_pem().as_bytes())
        .unwrap();
    (cert_pem, key, cert)
}

#[test]
fn a_hall_that_trusts_the_county_certificate_syncs_over_https_and_others_refuse_it() {
    let (county_dir, tokens) = county_with(&["01", "02", "03"]);
    let files = tempfile::tempdir().unwrap();
    let (cert_pem, key, cert) = self_signed(files.path());
    let mut options = ServeOptions::new("127.0.0.1:0", county_dir.path());
    options.tls = Some(TlsFiles { cert, key });
    let county = Running::start_with(options).unwrap();
    let url = county.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    // Told to trust it: syncs over https.
    let mut trusting = Terminal::new("01");
    SyncConfig::new(&url, &tokens[0])
        .unwrap()
        .with_ca_cert(&cert_pem)
        .unwrap()
        .save(&mut trusting.store)
        .unwrap();
    assert_eq!(
        SyncConfig::load(&trusting.store).unwrap().unwrap().ca_cert,
        Some(cert_pem.clone())
    );
    let household = trusting.household(1);
    trusting.case(&household, 0);
    let report = sync_store(&mut trusting.store, &now_sync()).unwrap();
    // The terminal's admin account, the household and the case.
    assert_eq!(report.accepted, 3);

    // Not told: the public roots do not know it; nothing is sent.
    let mut stranger = Terminal::new("02");
    stranger.configure(&url, &tokens[1]);
    stranger.household(2);
    let error = sync_store(&mut stranger.store, &now_sync()).unwrap_err();
    assert!(matches!(error, SyncError::Certificate(_)), "{error:?}");
    let words = bianmin::explain::Explain::words(&error, bianmin::i18n::Language::En);
    assert!(words.contains("--ca-cert"), "{words}");

    // Told to trust another county's certificate: refused as well.
    let other = tempfile::tempdir().unwrap();
    let (other_pem, _, _) = self_signed(other.path());
    let mut misled = Terminal::new("03");
    SyncConfig::new(&url, &tokens[2])
        .unwrap()
        .with_ca_cert(&other_pem)
        .unwrap()
        .save(&mut misled.store)
        .unwrap();
    misled.household(3);
    let error = sync_store(&mut misled.store, &now_sync()).unwrap_err();
    assert!(matches!(error, SyncError::Certificate(_)), "{error:?}");

    let county_store = bianmin::county::CountyStore::open_dir(county_dir.path()).unwrap();
    assert_eq!(county_store.stats().unwrap().events, 3);
}

#[test]
fn county_serve_refuses_plain_http_on_a_network_address() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .args(["county", "serve", "--listen", "0.0.0.0:0", "--data"])
        .arg(data.path())
        .env("BIANMIN_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--tls-cert"), "{stderr}");
    assert!(stderr.contains("0.0.0.0:0"), "{stderr}");

    // With a certificate the same address is served (over TLS); SIGTERM stops it cleanly.
    let files = tempfile::tempdir().unwrap();
    let (_, key, cert) = self_signed(files.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .args(["county", "serve", "--listen", "0.0.0.0:0", "--data"])
        .arg(data.path())
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .env("BIANMIN_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert!(line.contains("listening on 0.0.0.0:"), "{line}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
}

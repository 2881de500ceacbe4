//! Telling the service manager (systemd) how the kiosk is: `READY=1` once the first frame is
//! drawn, then `WATCHDOG=1` from the window's own message loop, so a window that stops handling
//! messages is killed and restarted (`packaging/kiosk/bianmin-kiosk.service`).
//!
//! Written here rather than with the `sd-notify` crate: under cage the service's main process is
//! the compositor, so systemd's `WATCHDOG_PID` names cage, and the crate's check (that the PID is
//! ours) would turn the watchdog off. The protocol is one datagram on a Unix socket.

use std::io;
use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;
use std::time::Duration;

/// Where to send notifications, and how often the watchdog must hear from us.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notifier {
    socket: Option<PathBuf>,
    watchdog: Option<Duration>,
}

impl Notifier {
    /// From `NOTIFY_SOCKET` and `WATCHDOG_USEC`; a notifier that sends nothing when they are not
    /// set (started by hand, or from a desktop session).
    pub fn from_environment() -> Notifier {
        let socket = std::env::var_os("NOTIFY_SOCKET")
            .filter(|path| !path.is_empty())
            .map(PathBuf::from);
        let watchdog = std::env::var("WATCHDOG_USEC")
            .ok()
            .and_then(|usec| usec.trim().parse::<u64>().ok());
        Notifier::new(socket, watchdog)
    }

    pub fn new(socket: Option<PathBuf>, watchdog_usec: Option<u64>) -> Notifier {
        let watchdog = watchdog_usec
            .filter(|usec| *usec > 0)
            .map(Duration::from_micros);
        Notifier {
            watchdog: socket.is_some().then_some(watchdog).flatten(),
            socket,
        }
    }

    /// How often to ping: half the watchdog's time, as systemd advises; None without a watchdog.
    pub fn ping_every(&self) -> Option<Duration> {
        self.watchdog
            .map(|limit| (limit / 2).max(Duration::from_millis(500)))
    }

    pub fn ready(&self) -> io::Result<()> {
        self.send("READY=1\nSTATUS=kiosk shown")
    }

    pub fn ping(&self) -> io::Result<()> {
        self.send("WATCHDOG=1")
    }

    fn send(&self, state: &str) -> io::Result<()> {
        let Some(path) = &self.socket else {
            return Ok(());
        };
        let socket = UnixDatagram::unbound()?;
        let bytes = path.as_os_str().as_encoded_bytes();
        // A leading '@' names a socket in Linux's abstract namespace.
        if let Some(name) = bytes.strip_prefix(b"@") {
            use std::os::linux::net::SocketAddrExt;
            let address = std::os::unix::net::SocketAddr::from_abstract_name(name)?;
            socket.send_to_addr(state.as_bytes(), &address)?;
        } else {
            socket.send_to(state.as_bytes(), path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_and_pings_reach_the_service_managers_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let manager = UnixDatagram::bind(&path).unwrap();
        let notifier = Notifier::new(Some(path), Some(30_000_000));
        assert_eq!(notifier.ping_every(), Some(Duration::from_secs(15)));
        notifier.ready().unwrap();
        notifier.ping().unwrap();
        let mut buffer = [0u8; 64];
        let n = manager.recv(&mut buffer).unwrap();
        assert!(buffer[..n].starts_with(b"READY=1"));
        let n = manager.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..n], b"WATCHDOG=1");
    }

    #[test]
    fn without_a_socket_nothing_is_sent_and_no_watchdog_runs() {
        let notifier = Notifier::new(None, Some(30_000_000));
        assert_eq!(notifier.ping_every(), None);
        notifier.ready().unwrap();
        assert_eq!(Notifier::new(None, None), Notifier::default());
    }

    #[test]
    fn a_missing_manager_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let notifier = Notifier::new(Some(dir.path().join("gone")), None);
        assert!(notifier.ready().is_err());
    }
}

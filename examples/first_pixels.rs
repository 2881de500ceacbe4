//! Launch-to-first-pixels probe for benches/startup.sh: starts a command, watches the X server
//! until a window of that command shows anything but black, then waits until five seconds after
//! launch and reads the process's proportional set size (PSS) from /proc.
//!
//! Usage: `first_pixels [--memory-after-secs N] -- COMMAND [ARG…]`; prints
//! `first_pixels_ms=<f> pss_kb=<n>` and stops the command. Run it under Xvfb with a window
//! manager (matchbox): the root window is black, and so is a window before its first frame.

use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat, MapState, Window};

/// How long to wait for a first frame before giving up.
const GIVE_UP: Duration = Duration::from_secs(20);

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut memory_after = Duration::from_secs(5);
    if args.first().map(String::as_str) == Some("--memory-after-secs") && args.len() > 1 {
        memory_after = Duration::from_secs_f64(args[1].parse().unwrap_or(5.0));
        args.drain(..2);
    }
    if args.first().map(String::as_str) == Some("--") {
        args.remove(0);
    }
    let Some((program, rest)) = args.split_first() else {
        eprintln!("usage: first_pixels [--memory-after-secs N] -- COMMAND [ARG…]");
        return ExitCode::from(2);
    };
    match probe(program, rest, memory_after) {
        Ok((first, pss_kb)) => {
            println!(
                "first_pixels_ms={:.1} pss_kb={pss_kb}",
                first.as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("first_pixels: {error}");
            ExitCode::FAILURE
        }
    }
}

fn probe(
    program: &str,
    args: &[String],
    memory_after: Duration,
) -> Result<(Duration, u64), Box<dyn std::error::Error>> {
    let (x, screen) = x11rb::connect(None)?;
    let root = x.setup().roots[screen].root;
    let before: Vec<Window> = x.query_tree(root)?.reply()?.children;

    let launched = Instant::now();
    let mut child = Command::new(program).args(args).spawn()?;
    let first = loop {
        if launched.elapsed() > GIVE_UP {
            let _ = child.kill();
            return Err("no window showed anything within 20 s".into());
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!("the command ended before showing a window: {status}").into());
        }
        if shows_something(&x, root, &before)? {
            break launched.elapsed();
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    if let Some(rest) = memory_after.checked_sub(launched.elapsed()) {
        std::thread::sleep(rest);
    }
    let pss_kb = pss_kb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Ok((first, pss_kb?))
}

/// Whether a new viewable top-level window has a non-black pixel in a band across its middle.
fn shows_something(
    x: &impl Connection,
    root: Window,
    before: &[Window],
) -> Result<bool, Box<dyn std::error::Error>> {
    for window in x.query_tree(root)?.reply()?.children {
        if before.contains(&window) {
            continue;
        }
        let attributes = x.get_window_attributes(window)?.reply()?;
        if attributes.map_state != MapState::VIEWABLE {
            continue;
        }
        let geometry = x.get_geometry(window)?.reply()?;
        if geometry.width < 64 || geometry.height < 64 {
            continue;
        }
        // Reading a window that is being unmapped fails: it shows nothing yet.
        let Ok(cookie) = x.get_image(
            ImageFormat::Z_PIXMAP,
            window,
            0,
            (geometry.height / 2) as i16,
            geometry.width,
            8,
            !0,
        ) else {
            continue;
        };
        if let Ok(image) = cookie.reply()
            && image.data.iter().any(|&byte| byte != 0)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The process's proportional set size, from /proc/PID/smaps_rollup.
fn pss_kb(pid: u32) -> Result<u64, Box<dyn std::error::Error>> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no Pss line in smaps_rollup".into())
}

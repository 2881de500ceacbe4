//! The system's print service (CUPS, through its `lpstat` and `lp` commands): the printers it
//! offers and sending a PDF to one. A job that cannot be sent keeps its PDF on disk and says
//! where, so nothing printed is lost.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::PrintError;

/// Where a document goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A printer of the print service, by name.
    Printer {
        name: String,
        copies: u32,
        /// Both sides of the sheet, flipped on the long edge.
        duplex: bool,
    },
    /// A folder (a USB stick): the file is named after the document.
    Folder(PathBuf),
    /// Exactly this file.
    File(PathBuf),
}

/// A printer the print service offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
    /// False when the queue is disabled or refuses jobs.
    pub accepting: bool,
    pub description: String,
}

/// The print service's printers, the default first.
pub fn printers() -> Result<Vec<Printer>, PrintError> {
    // `-l` lists descriptions; the C locale keeps the output parseable.
    let queues = lpstat(&["-l", "-p"])?;
    let accepting = lpstat(&["-a"]).unwrap_or_default();
    let default = lpstat(&["-d"]).unwrap_or_default();
    let mut printers = parse_printers(&queues, &accepting, &default);
    printers.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.name.cmp(&b.name)));
    Ok(printers)
}

fn lpstat(args: &[&str]) -> Result<String, PrintError> {
    let output = run("lpstat", args)?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        // No printer at all is not an error: lpstat -p says so on stderr and fails.
        if stderr.contains("No destinations added") {
            return Ok(String::new());
        }
        return Err(PrintError::PrintServiceStopped(stderr));
    }
    Ok(stdout)
}

/// How long the print service may take to answer before it counts as stopped: a hung
/// scheduler must not hang the desk.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

fn run(program: &str, args: &[&str]) -> Result<Output, PrintError> {
    run_within(program, args, ANSWER_WITHIN)
}

/// Runs `program`, killed after `limit`. Its output is read at the end: lpstat and lp print a
/// few lines, far below what a pipe holds.
fn run_within(program: &str, args: &[&str], limit: Duration) -> Result<Output, PrintError> {
    let failed = |error: std::io::Error| match error.kind() {
        ErrorKind::NotFound => PrintError::NoPrintService,
        _ => PrintError::PrintServiceStopped(error.to_string()),
    };
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(failed)?;
    let started = Instant::now();
    while child.try_wait().map_err(failed)?.is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PrintError::PrintServiceStopped(format!(
                "{program} did not answer within {} s",
                limit.as_secs_f32()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().map_err(failed)
}

/// Reads `lpstat -l -p`, `lpstat -a` and `lpstat -d` (C locale).
fn parse_printers(queues: &str, accepting: &str, default: &str) -> Vec<Printer> {
    let default = default
        .lines()
        .find_map(|line| line.strip_prefix("system default destination: "))
        .map(str::trim);
    let accepts = |name: &str| {
        accepting.lines().any(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some(name) && words.next() == Some("accepting")
        })
    };
    let mut printers: Vec<Printer> = Vec::new();
    for line in queues.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            let Some(name) = rest.split_whitespace().next() else {
                continue;
            };
            printers.push(Printer {
                name: name.to_owned(),
                is_default: default == Some(name),
                accepting: !rest.contains("disabled") && accepts(name),
                description: String::new(),
            });
        } else if let Some(description) = line.trim().strip_prefix("Description: ")
            && let Some(printer) = printers.last_mut()
        {
            description.trim().clone_into(&mut printer.description);
        }
    }
    printers
}

/// Which sides of the sheet a job prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sides {
    One,
    /// Duplex, turned over like a book's page (portrait documents, card sheets).
    LongEdge,
    /// Duplex, turned over top to bottom: A5 booklets imposed on landscape A4.
    ShortEdge,
}

impl Sides {
    /// How the print log names it.
    pub fn name(self) -> &'static str {
        match self {
            Sides::One => "one-sided",
            Sides::LongEdge => "duplex-long-edge",
            Sides::ShortEdge => "duplex-short-edge",
        }
    }

    fn option(self) -> &'static str {
        match self {
            Sides::One => "sides=one-sided",
            Sides::LongEdge => "sides=two-sided-long-edge",
            Sides::ShortEdge => "sides=two-sided-short-edge",
        }
    }
}

/// Sends `pdf` to `printer` with `lp`; returns the print service's job id. On failure the PDF
/// stays in the temp folder and the error says where.
pub fn send(
    printer: &str,
    copies: u32,
    sides: Sides,
    media: &str,
    title: &str,
    pdf: &[u8],
) -> Result<String, PrintError> {
    let file = std::env::temp_dir().join(format!("bianmin-{}.pdf", uuid::Uuid::new_v4()));
    write_file(&file, pdf)?;
    let copies = copies.clamp(1, 99).to_string();
    let sides = sides.option();
    let file_arg = file.to_string_lossy();
    let media = format!("media={media}");
    let args = [
        "-d", printer, "-n", &copies, "-o", sides, "-o", &media, "-t", title, &file_arg,
    ];
    let output = match run("lp", &args) {
        Ok(output) => output,
        Err(PrintError::PrintServiceStopped(reason)) => {
            return Err(PrintError::PrinterRefused {
                printer: printer.to_owned(),
                reason,
                kept: file,
            });
        }
        Err(error) => return Err(error),
    };
    if !output.status.success() {
        return Err(PrintError::PrinterRefused {
            printer: printer.to_owned(),
            reason: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            kept: file,
        });
    }
    // CUPS has its own copy now.
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(job_id(&stdout).unwrap_or_else(|| stdout.trim().to_owned()))
}

/// "request id is test-pdf-3 (1 file(s))" → "test-pdf-3".
fn job_id(lp_output: &str) -> Option<String> {
    lp_output
        .lines()
        .find_map(|line| line.strip_prefix("request id is "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
}

/// Writes the whole file or nothing: a half-written PDF on a USB stick helps nobody.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    let failed = |error: std::io::Error| PrintError::Write {
        path: path.to_path_buf(),
        detail: error.to_string(),
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(failed)?;
    std::fs::rename(&partial, path).map_err(|error| {
        let _ = std::fs::remove_file(&partial);
        failed(error)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUEUES: &str = "printer office is idle.  enabled since Fri 27 Nov 2026 08:00:00 AM UTC
\tForm mounted:
\tDescription: 大厅办公室打印机
\tLocation: 窗口 2
printer card-printer disabled since Fri 27 Nov 2026 08:00:00 AM UTC -
\tPaused
\tDescription: Card printer
";
    const ACCEPTING: &str = "office accepting requests since Fri 27 Nov 2026 08:00:00 AM UTC
card-printer not accepting requests since Fri 27 Nov 2026 08:00:00 AM UTC -
";

    #[test]
    fn printers_are_read_with_their_state_and_description() {
        let printers = parse_printers(QUEUES, ACCEPTING, "system default destination: office\n");
        assert_eq!(
            printers,
            [
                Printer {
                    name: "office".into(),
                    is_default: true,
                    accepting: true,
                    description: "大厅办公室打印机".into(),
                },
                Printer {
                    name: "card-printer".into(),
                    is_default: false,
                    accepting: false,
                    description: "Card printer".into(),
                },
            ]
        );
    }

    #[test]
    fn no_default_and_no_printers_are_read_as_such() {
        assert!(parse_printers("", "", "no system default destination\n").is_empty());
        let printers = parse_printers(QUEUES, ACCEPTING, "no system default destination\n");
        assert!(printers.iter().all(|printer| !printer.is_default));
    }

    #[test]
    fn a_print_service_that_does_not_answer_counts_as_stopped() {
        let started = Instant::now();
        let error = run_within("sleep", &["5"], Duration::from_millis(200)).unwrap_err();
        assert!(
            matches!(error, PrintError::PrintServiceStopped(_)),
            "{error:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(matches!(
            run_within("no-such-print-command", &[], Duration::from_secs(1)),
            Err(PrintError::NoPrintService)
        ));
    }

    #[test]
    fn the_job_id_is_read_from_lp() {
        assert_eq!(
            job_id("request id is test-pdf-3 (1 file(s))\n").as_deref(),
            Some("test-pdf-3")
        );
        assert_eq!(job_id("something else"), None);
    }

    #[test]
    fn a_file_is_written_whole_and_a_bad_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_file(&path, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF");
        assert!(!dir.path().join("a.pdf.partial").exists());
        let missing = dir.path().join("no-such-folder").join("a.pdf");
        assert!(matches!(
            write_file(&missing, b"%PDF"),
            Err(PrintError::Write { .. })
        ));
    }
}

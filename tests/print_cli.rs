//! `bianmin print …` as a real process: handbooks, cards and receipts to files, bad input refused
//! with nothing written, every print in the log, and a card and a handbook through a real CUPS
//! queue (the cups-pdf virtual printer `bianmin-test-pdf`, made by `packaging/cups-test-queue.sh`,
//! which `.ci/run` runs).
//!
//! Needs poppler-utils (pdftotext, pdfinfo) and, for the queue test, CUPS with cups-pdf.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The cups-pdf queue the CUPS test prints to.
const TEST_QUEUE: &str = "bianmin-test-pdf";

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("bianmin runs")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A small training hall: households in several villages and applications in every state.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(bianmin(dir.path(), &["device", "code", "01"]));
    ok(bianmin(
        dir.path(),
        &["demo", "seed", "--households", "40", "--applications", "60"],
    ));
    dir
}

fn text_of(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages(path: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(path).output().unwrap();
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

fn json(output: Output) -> serde_json::Value {
    serde_json::from_str(&ok(output)).unwrap()
}

fn first_household(dir: &Path) -> (String, String) {
    let households = json(bianmin(dir, &["household", "list", "--json"]));
    let first = &households[0];
    (
        first["id"].as_str().unwrap().to_owned(),
        first["village"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn both_handbooks_print_to_files_as_a5_and_as_a4_booklets() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let service = out.path().join("service.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "service",
            "--out",
            service.to_str().unwrap(),
        ],
    ));
    let text = text_of(&service);
    for field in [
        "便民服务手册",
        "目录",
        "服务承诺与联系方式",
        "首问负责制",
        "办事流程",
        "一次性告知",
    ] {
        assert!(text.contains(field), "the service handbook lacks {field}");
    }
    let content = bianmin::content::shipped().unwrap();
    for item in &content.items {
        let name: String = item.name.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.matches(&name).count() >= 2,
            "{name}: contents and section"
        );
    }
    let a5 = pages(&service);
    let booklet = out.path().join("service-booklet.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "service",
            "--booklet",
            "--out",
            booklet.to_str().unwrap(),
        ],
    ));
    assert_eq!(pages(&booklet), a5.div_ceil(4) * 2);

    let policy = out.path().join("policy.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "policy",
            "--out",
            policy.to_str().unwrap(),
        ],
    ));
    assert!(text_of(&policy).contains("惠农政策补贴手册"));

    let refused = bianmin(
        data.path(),
        &["print", "handbook", "recipes", "--out", "x.pdf"],
    );
    assert!(!refused.status.success());
}

#[test]
fn every_case_has_a_reference_and_a_notice_prints_by_its_reference() {
    let data = seeded();
    let cases = json(bianmin(data.path(), &["application", "list", "--json"]));
    let cases = cases.as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let reference = case["reference"].as_str().unwrap();
        match case["number"].as_str() {
            Some(number) => assert_eq!(reference, number),
            None => {
                assert_eq!(reference.len(), 14, "{case}");
                assert!(reference.chars().all(|c| c.is_ascii_digit()), "{case}");
            }
        }
    }
    let pending = cases
        .iter()
        .find(|case| case["state"] == "awaiting_correction")
        .expect("a 待补正 case in the demo data");
    let reference = pending["reference"].as_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let notice = out.path().join("notice.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "receipt",
            "--application",
            reference,
            "--out",
            notice.to_str().unwrap(),
        ],
    ));
    let text = text_of(&notice);
    assert!(
        text.contains("一次性告知单") && text.contains("登记号"),
        "{text}"
    );
    assert!(text.contains(&reference[..3]), "{text}");
}

#[test]
fn bad_households_villages_and_cases_exit_non_zero_and_write_nothing() {
    let data = seeded();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("never.pdf");
    let file_arg = file.to_str().unwrap();
    for args in [
        vec!["print", "card", "--household", "no-such", "--out", file_arg],
        vec![
            "print",
            "card",
            "--village",
            "不存在村",
            "--sheet",
            "a4",
            "--out",
            file_arg,
        ],
        vec![
            "print",
            "receipt",
            "--application",
            "62102320220250930079999",
            "--out",
            file_arg,
        ],
    ] {
        let output = bianmin(data.path(), &args);
        assert!(!output.status.success(), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("没有找到") || message.contains("不是本乡的村"),
            "{message}"
        );
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn a_reprinted_card_keeps_its_number_and_says_so_and_every_print_is_logged() {
    let data = seeded();
    let out = tempfile::tempdir().unwrap();
    let (household, _) = first_household(data.path());
    let print = |name: &str| -> PathBuf {
        let path = out.path().join(name);
        ok(bianmin(
            data.path(),
            &[
                "print",
                "card",
                "--household",
                &household,
                "--out",
                path.to_str().unwrap(),
            ],
        ));
        path
    };
    let first = text_of(&print("first.pdf"));
    let second = text_of(&print("second.pdf"));
    let third = text_of(&print("third.pdf"));
    assert!(!first.contains("补印"), "{first}");
    assert!(second.contains("补印第1次"), "{second}");
    assert!(third.contains("补印第2次"), "{third}");
    let number = |text: &str| -> String {
        let at = text.find("卡号").expect("a card number") + "卡号".len();
        text[at..].chars().take(18).collect()
    };
    assert_eq!(number(&first), number(&third));
    assert!(number(&first).chars().all(|c| c.is_ascii_digit()));

    let log = json(bianmin(data.path(), &["print", "log", "--json"]));
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3);
    for entry in log {
        assert_eq!(entry["document"], "card");
        assert_eq!(entry["subject"], household.as_str());
        assert!(entry["at"].as_str().unwrap().starts_with("20"));
    }
    // Newest first.
    assert!(
        log[0]["destination"]
            .as_str()
            .unwrap()
            .ends_with("third.pdf")
    );
}

/// The QR codes on the first page, rasterised at 300 dpi.
fn qr_codes(pdf: &Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs (apt-get install poppler-utils)");
    assert!(status.success());
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "png"))
        .expect("a page image");
    let image = image::open(png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Waits for cups-pdf to write the job's PDF into one of `folders`.
fn wait_for_pdf(folders: &[PathBuf], job: &str, timeout: Duration) -> PathBuf {
    let number = job.rsplit('-').next().unwrap();
    let suffix = format!("job_{number}.pdf");
    let start = Instant::now();
    loop {
        for entries in folders
            .iter()
            .filter_map(|folder| std::fs::read_dir(folder).ok())
        {
            for entry in entries.flatten() {
                let path = entry.path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                // cups-pdf writes under a temporary name first; the size settles when done.
                if name.ends_with(&suffix) {
                    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                    std::thread::sleep(Duration::from_millis(300));
                    if size > 0 && std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) == size {
                        return path;
                    }
                }
            }
        }
        assert!(
            start.elapsed() < timeout,
            "cups-pdf wrote no {suffix} into {folders:?} within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Where cups-pdf may put what it prints: `Out` in /etc/cups/cups-pdf.conf (`${HOME}/PDF` by
/// default) under the job owner's home as the password file gives it (cups-pdf's own lookup) or
/// as `HOME` says, and its folder for anonymous jobs.
fn cups_pdf_folders() -> Vec<PathBuf> {
    let conf = std::fs::read_to_string("/etc/cups/cups-pdf.conf").unwrap_or_default();
    let setting = |key: &str, default: &str| {
        conf.lines()
            .find_map(|line| line.strip_prefix(key).map(|value| value.trim().to_owned()))
            .unwrap_or_else(|| default.to_owned())
    };
    let out = setting("Out ", "${HOME}/PDF");
    let anonymous = setting("AnonDirName ", "/var/spool/cups-pdf/ANONYMOUS");
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    let passwd_home = std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.len() > 5 && fields[2] == uid)
        .map(|fields| fields[5].to_owned());
    let mut folders: Vec<PathBuf> = passwd_home
        .into_iter()
        .chain(std::env::var("HOME").ok())
        .map(|home| PathBuf::from(out.replace("${HOME}", &home)))
        .collect();
    folders.push(PathBuf::from(anonymous));
    folders
}

#[test]
fn a_card_and_a_handbook_go_through_a_real_cups_queue() {
    let queues = Command::new("lpstat")
        .arg("-p")
        .output()
        .unwrap_or_else(|error| {
            panic!("lpstat cannot run ({error}): install CUPS and run packaging/cups-test-queue.sh")
        });
    assert!(
        String::from_utf8_lossy(&queues.stdout).contains(TEST_QUEUE),
        "no CUPS queue {TEST_QUEUE}: run packaging/cups-test-queue.sh (as root)"
    );
    let data = seeded();
    let (household, _) = first_household(data.path());
    let folders = cups_pdf_folders();

    let job = ok(bianmin(
        data.path(),
        &[
            "print",
            "card",
            "--household",
            &household,
            "--printer",
            TEST_QUEUE,
        ],
    ));
    // cups-pdf redraws the document through Ghostscript, which drops the text layer: what came
    // out is checked by its pages and by the card's QR code read off the printed page.
    let printed = wait_for_pdf(&folders, job.trim(), Duration::from_secs(60));
    assert_eq!(pages(&printed), 2, "front and back");
    let codes = qr_codes(&printed);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(codes[0].starts_with("BIANMIN:CARD:621023202"), "{codes:?}");
    std::fs::remove_file(&printed).ok();

    let handbook = tempfile::tempdir().unwrap();
    let original = handbook.path().join("policy.pdf");
    ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "policy",
            "--out",
            original.to_str().unwrap(),
        ],
    ));
    let job = ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "policy",
            "--printer",
            TEST_QUEUE,
            "--copies",
            "1",
            "--duplex",
        ],
    ));
    let printed = wait_for_pdf(&folders, job.trim(), Duration::from_secs(60));
    assert_eq!(pages(&printed), pages(&original));
    std::fs::remove_file(&printed).ok();

    // A booklet to a printer is always two-sided on the short edge, even without --duplex.
    let booklet_job = ok(bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "policy",
            "--booklet",
            "--printer",
            TEST_QUEUE,
            "--actor",
            "clerk-on-duty",
        ],
    ));
    let printed = wait_for_pdf(&folders, booklet_job.trim(), Duration::from_secs(60));
    std::fs::remove_file(&printed).ok();
    // The log has each job's id, what was asked of the printer, and who printed.
    let log = json(bianmin(data.path(), &["print", "log", "--json"]));
    let log = log.as_array().unwrap();
    assert_eq!(log[0]["job"], booklet_job.trim());
    assert_eq!(log[0]["options"], "booklet duplex-short-edge media=A4");
    assert_eq!(log[0]["actor"], "clerk-on-duty");
    assert_eq!(log[1]["job"], job.trim());
    assert_eq!(log[1]["options"], "duplex-long-edge media=A5");
    assert!(
        log[1]["actor"]
            .as_str()
            .is_some_and(|actor| !actor.is_empty())
    );
    // log[2] is the handbook written to a file: no job, no printer options.
    assert_eq!(log[2]["job"], serde_json::Value::Null);
    assert_eq!(log[2]["options"], "");
    assert_eq!(log[3]["options"], "one-sided media=Custom.85.6x54mm");

    // A queue that does not exist: a clear message, the document kept where it says.
    let refused = bianmin(
        data.path(),
        &[
            "print",
            "handbook",
            "policy",
            "--printer",
            "no-such-printer",
        ],
    );
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("no-such-printer") && message.contains("文件已保留在"),
        "{message}"
    );
    let kept = message
        .split("文件已保留在")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|path| path.trim_end_matches('。'))
        .unwrap();
    assert!(Path::new(kept).exists(), "{kept}");
    std::fs::remove_file(kept).ok();
}

/// `BIANMIN_FONT_DIRS` replaces the system's font directories: pointed at an empty one, the
/// computer has only the bundled font, as one without fonts-hanazono. A name with an Extension B
/// character then stops printing, naming its code point and the package that would draw it; with
/// the system's fonts (tests/prepare installs them) the same card prints.
#[test]
fn without_the_level_3_fonts_a_rare_name_stops_printing_and_says_which_package_to_install() {
    let data = seeded();
    let (_, village) = first_household(data.path());
    let household = ok(bianmin(
        data.path(),
        &[
            "household",
            "add",
            "--head",
            "王𪚥",
            "--id-number",
            "34052419800101001X",
            "--village",
            &village,
            "--group",
            "1",
            "--phone",
            "13900000001",
        ],
    ))
    .trim()
    .to_owned();
    let out = tempfile::tempdir().unwrap();
    let card = out.path().join("card.pdf");
    let print = ["print", "card", "--household", &household, "--out"];
    let no_fonts = tempfile::tempdir().unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .env("BIANMIN_FONT_DIRS", no_fonts.path())
        .arg("--data-dir")
        .arg(data.path())
        .args(print)
        .arg(&card)
        .output()
        .expect("bianmin runs");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("⟨U+2A6A5⟩"), "{said}");
    assert!(said.contains("fonts-hanazono"), "{said}");
    assert!(!card.exists(), "nothing is written");

    let mut args: Vec<&str> = print.to_vec();
    args.push(card.to_str().unwrap());
    ok(bianmin(data.path(), &args));
    assert!(text_of(&card).contains("王𪚥"));
}

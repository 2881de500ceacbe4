//! `bianmin db …` and the one-window rule, run as real processes on temporary data directories.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use bianmin::dir_lock::DirLock;
use bianmin::store::DATABASE_FILE;
use rusqlite::Connection;

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("bianmin runs")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(output: &Output) -> String {
    assert!(!output.status.success(), "should have been refused");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every row of every table, in order: equal dumps mean equal records.
fn dump(database: &Path) -> Vec<String> {
    let conn = Connection::open(database).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(|row| row.unwrap())
        .collect();
    let mut lines = Vec::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                Ok((0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(|row| format!("{table}: {}", row.unwrap()))
            .collect();
        rows.sort();
        lines.extend(rows);
    }
    lines
}

fn count(database: &Path, table: &str) -> i64 {
    Connection::open(database)
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_taken_while_another_process_saves_restores_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&bianmin(&data, &["device", "code", "01"]));
    ok(&bianmin(
        &data,
        &["demo", "seed", "--households", "20", "--applications", "30"],
    ));
    let database = data.join(DATABASE_FILE);

    // Another process keeps saving applications while the backup is taken.
    let mut writer = Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(&data)
        .args(["demo", "stress", "--count", "100000"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while count(&database, "application") <= 30 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        count(&database, "application") > 30,
        "the other process is saving"
    );
    let backup = dir.path().join("copy.sqlite3");
    let printed = ok(&bianmin(
        &data,
        &["db", "backup", "--out", backup.to_str().unwrap()],
    ));
    let _ = writer.kill();
    let _ = writer.wait();
    assert!(printed.contains("copy.sqlite3"), "{printed}");
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600);
    let backed_up = dump(&backup);
    assert!(count(&backup, "application") > 30);

    // Files that must never replace the database.
    let bytes = std::fs::read(&backup).unwrap();
    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "not a database at all\n".repeat(100)).unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photo (id INTEGER PRIMARY KEY); PRAGMA user_version = 2;")
        .unwrap();
    let current = dump(&database);
    for (file, words) in [
        (&truncated, "不是完好的数据库"),
        (&text, "not a sound database"),
        (&foreign, "不是便民的数据库"),
    ] {
        let stderr = refused(&bianmin(&data, &["db", "restore", file.to_str().unwrap()]));
        assert!(stderr.contains(words), "{}: {stderr}", file.display());
        assert_eq!(
            dump(&database),
            current,
            "{} changed the database",
            file.display()
        );
    }

    // Not while the window runs.
    {
        let _window = DirLock::try_acquire(&data.join("gui.lock"))
            .unwrap()
            .unwrap();
        let stderr = refused(&bianmin(
            &data,
            &["db", "restore", backup.to_str().unwrap()],
        ));
        assert!(stderr.contains("便民窗口正在运行"), "{stderr}");
        assert!(stderr.contains("Close the window first"), "{stderr}");
        assert_eq!(dump(&database), current);
    }

    let stdout = ok(&bianmin(
        &data,
        &["db", "restore", backup.to_str().unwrap()],
    ));
    assert!(stdout.contains("pre-restore-"), "{stdout}");
    assert_eq!(dump(&database), backed_up);
    let kept: Vec<_> = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains("pre-restore-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(dump(&kept[0]), current, "the replaced database is kept");
    assert_eq!(ok(&bianmin(&data, &["db", "check"])).trim(), "ok");
}

#[test]
fn check_names_each_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    ok(&bianmin(dir.path(), &["device", "code", "01"]));
    ok(&bianmin(
        dir.path(),
        &["demo", "seed", "--households", "5", "--applications", "5"],
    ));
    assert_eq!(ok(&bianmin(dir.path(), &["db", "check"])).trim(), "ok");
    let conn = Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute("DELETE FROM household", []).unwrap();
    drop(conn);
    let output = bianmin(dir.path(), &["db", "check"]);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("foreign key: application"), "{stdout}");
}

#[test]
fn a_second_window_on_the_same_data_is_turned_away_before_anything_opens() {
    let dir = tempfile::tempdir().unwrap();
    let _first = DirLock::try_acquire(&dir.path().join("gui.lock"))
        .unwrap()
        .unwrap();
    let stderr = refused(&bianmin(dir.path(), &["--exit-after-first-frame"]));
    assert!(stderr.contains("已经在运行"), "{stderr}");
    assert!(stderr.contains("already running"), "{stderr}");
    assert!(
        !dir.path().join(DATABASE_FILE).exists(),
        "refused before the database is opened or a window made"
    );
    // Commands still run beside the window.
    ok(&bianmin(dir.path(), &["catalog", "list", "--json"]));
}

#[test]
fn every_command_writes_an_owner_only_log() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("b.sqlite3");
    ok(&bianmin(dir.path(), &["catalog", "list", "--json"]));
    ok(&bianmin(
        dir.path(),
        &["db", "backup", "--out", backup.to_str().unwrap()],
    ));
    let logs = dir.path().join("logs");
    let files: Vec<_> = std::fs::read_dir(&logs)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("manual backup written"), "{text}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&logs), 0o700);
        assert_eq!(mode(&files[0]), 0o600);
    }
}

//! Household rosters (花名册) and `household add`, run as the real binary on real files in a
//! temporary directory: CSV (UTF-8 with a BOM, GBK) and XLSX, all or nothing.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn bianmin(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bianmin"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("BIANMIN_LANG", "zh-CN")
        .output()
        .expect("bianmin runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON on stdout: {}\n{}", stdout(output), stderr(output)))
}

/// A valid 18-character ID number from its first 17 digits (GB 11643 check character).
fn id_number(body: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// The same number with a wrong check character.
fn with_bad_check(number: &str) -> String {
    let last = number.chars().last().unwrap();
    let wrong = if last == '0' { '1' } else { '0' };
    format!("{}{wrong}", &number[..17])
}

fn households(data_dir: &Path) -> Vec<Value> {
    let out = bianmin(data_dir, &["household", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out).as_array().unwrap().clone()
}

fn household_events(data_dir: &Path) -> usize {
    let out = bianmin(data_dir, &["outbox", "list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "household_registered")
        .count()
}

/// Rows as staff type them: head, ID number, village, group, phone.
struct Rows {
    good: Vec<[String; 5]>,
    bad_check: [String; 5],
    duplicate: [String; 5],
    unknown_village: [String; 5],
}

fn rows() -> Rows {
    let a = id_number("62102319800101001");
    let b = id_number("62102319751203002");
    let c = id_number("62102319900615003");
    let row = |name: &str, id: &str, village: &str, group: &str, phone: &str| {
        [name, id, village, group, phone].map(str::to_owned)
    };
    Rows {
        good: vec![
            row("王堃", &a, "高台村", "3", "13812345678"),
            row("李玥", &b, "上里塬村", "1", "13912345670"),
            row("张秀英", &c, "老庄村", "7", "0934-5581001"),
        ],
        bad_check: row(
            "赵德胜",
            &with_bad_check(&id_number("62102319660322004")),
            "西掌村",
            "2",
            "13712345671",
        ),
        duplicate: row("王堃", &a, "高台村", "3", "13812345678"),
        unknown_village: row(
            "刘桂兰",
            &id_number("62102319580909005"),
            "不存在村",
            "1",
            "13612345672",
        ),
    }
}

/// Good, good, bad check digit, good, duplicate of the first, unknown village: spreadsheet rows
/// 2–7 under the header (row 1).
fn bad_table() -> Vec<[String; 5]> {
    let rows = rows();
    vec![
        rows.good[0].clone(),
        rows.good[1].clone(),
        rows.bad_check,
        rows.good[2].clone(),
        rows.duplicate,
        rows.unknown_village,
    ]
}

/// The same roster with the bad rows fixed (the duplicate removed).
fn fixed_table() -> Vec<[String; 5]> {
    let rows = rows();
    let mut bad_check = rows.bad_check;
    bad_check[1] = id_number(&bad_check[1][..17]);
    let mut unknown_village = rows.unknown_village;
    unknown_village[2] = "东峁村".into();
    let mut table = rows.good;
    table.push(bad_check);
    table.push(unknown_village);
    table
}

const HEADER: [&str; 6] = ["序号", "户主姓名", "身份证号码", "村", "组", "联系电话"];

fn csv_text(table: &[[String; 5]]) -> String {
    let mut text = HEADER.join(",") + "\r\n";
    for (n, row) in table.iter().enumerate() {
        text += &format!("{},{}\r\n", n + 1, row.join(","));
    }
    text
}

fn write_csv(path: &Path, table: &[[String; 5]]) {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(csv_text(table).as_bytes());
    std::fs::write(path, bytes).unwrap();
}

/// An XLSX roster as staff make it: a title row above the header, so the header is row 2 and the
/// first household row 3.
fn write_xlsx(path: &Path, table: &[[String; 5]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "上里塬乡农户花名册").unwrap();
    for (col, name) in HEADER.iter().enumerate() {
        sheet.write_string(1, col as u16, *name).unwrap();
    }
    for (n, row) in table.iter().enumerate() {
        let r = n as u32 + 2;
        sheet.write_number(r, 0, (n + 1) as f64).unwrap();
        for (col, value) in row.iter().enumerate() {
            // The group as a number, the way Excel keeps a typed 3; the rest as text.
            if col == 3 {
                sheet
                    .write_number(r, col as u16 + 1, value.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, col as u16 + 1, value).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn problem_rows(report: &Value) -> Vec<u64> {
    let mut rows: Vec<u64> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|problem| problem["row"].as_u64())
        .collect();
    rows.dedup();
    rows
}

fn problem_at(report: &Value, row: u64) -> &Value {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|problem| problem["row"] == row)
        .unwrap_or_else(|| panic!("no problem reported at row {row}: {report}"))
}

/// The bad roster is refused whole, with every bad row named; then the fixed one imports.
fn refuse_then_import(bad: &Path, fixed: &Path, first_row: u64) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = bianmin(
        &data,
        &["household", "import", bad.to_str().unwrap(), "--json"],
    );
    assert!(!out.status.success(), "a roster with bad rows must fail");
    let report = json(&out);
    assert_eq!(report["applied"], false);
    // Rows 3 (check digit), 5 (duplicate of row 1 of the data), 6 (unknown village), counted
    // from the first household row as the spreadsheet numbers it.
    let bad_check = first_row + 2;
    let duplicate = first_row + 4;
    let unknown_village = first_row + 5;
    assert_eq!(
        problem_rows(&report),
        vec![bad_check, duplicate, unknown_village],
        "{report}"
    );
    let check = problem_at(&report, bad_check);
    assert_eq!(check["column"], "身份证号码");
    assert!(
        check["message"].as_str().unwrap().contains("校验位"),
        "{check}"
    );
    let repeated = problem_at(&report, duplicate);
    assert_eq!(repeated["column"], "身份证号码");
    assert!(
        repeated["message"]
            .as_str()
            .unwrap()
            .contains(&format!("第 {first_row} 行")),
        "the duplicate names the row it repeats: {repeated}"
    );
    let village = problem_at(&report, unknown_village);
    assert_eq!(village["column"], "村");
    assert!(
        village["message"].as_str().unwrap().contains("不存在村"),
        "{village}"
    );
    assert!(households(&data).is_empty(), "nothing may be applied");
    assert_eq!(household_events(&data), 0);

    let out = bianmin(
        &data,
        &["household", "import", fixed.to_str().unwrap(), "--json"],
    );
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let report = json(&out);
    assert_eq!(report["applied"], true);
    assert_eq!(report["problems"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(report["created"].as_array().unwrap().len(), 5);
    let listed = households(&data);
    assert_eq!(listed.len(), 5);
    assert!(listed.iter().any(|h| h["head_name"] == "张秀英"));
    assert_eq!(
        household_events(&data),
        5,
        "each household goes to the outbox"
    );
}

#[test]
fn a_csv_roster_with_bad_rows_applies_nothing_and_the_fixed_one_imports_all() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("花名册.csv");
    let fixed = dir.path().join("花名册-改.csv");
    write_csv(&bad, &bad_table());
    write_csv(&fixed, &fixed_table());
    refuse_then_import(&bad, &fixed, 2);
}

#[test]
fn an_xlsx_roster_with_bad_rows_applies_nothing_and_the_fixed_one_imports_all() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("花名册.xlsx");
    let fixed = dir.path().join("花名册-改.xlsx");
    write_xlsx(&bad, &bad_table());
    write_xlsx(&fixed, &fixed_table());
    refuse_then_import(&bad, &fixed, 3);
}

#[test]
fn a_gbk_csv_from_excel_reads_its_chinese_names_right() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gbk.csv");
    let text = csv_text(&fixed_table());
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is GBK"
    );
    std::fs::write(&file, &bytes).unwrap();
    let data = dir.path().join("data");
    let out = bianmin(&data, &["household", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let mut names: Vec<String> = households(&data)
        .iter()
        .map(|h| h["head_name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = fixed_table().iter().map(|row| row[0].clone()).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert!(
        households(&data).iter().any(|h| h["village"] == "上里塬村"),
        "village names survive the decoding"
    );
}

#[test]
fn a_dry_run_reports_a_clean_roster_but_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.csv");
    write_csv(&file, &fixed_table());
    let data = dir.path().join("data");
    let out = bianmin(
        &data,
        &[
            "household",
            "import",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["applied"], false);
    assert_eq!(report["households"], 5);
    assert!(households(&data).is_empty());
}

#[test]
fn a_roster_without_an_id_number_column_names_the_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roster.csv");
    std::fs::write(
        &file,
        "姓名,村名,村民小组,手机号,备注\n王堃,高台村,3,13812345678,\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    let out = bianmin(&data, &["household", "import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = stdout(&out) + &stderr(&out);
    assert!(said.contains("身份证号"), "{said}");
    assert!(households(&data).is_empty());
}

#[test]
fn a_roster_row_already_registered_is_refused_with_the_existing_household() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = &fixed_table()[0];
    let out = bianmin(
        &data,
        &[
            "household",
            "add",
            "--head",
            &first[0],
            "--id-number",
            &first[1],
            "--village",
            &first[2],
            "--group",
            &first[3],
            "--phone",
            &first[4],
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let existing = stdout(&out).trim().to_owned();
    let file = dir.path().join("roster.csv");
    write_csv(&file, &fixed_table());
    let out = bianmin(
        &data,
        &["household", "import", file.to_str().unwrap(), "--json"],
    );
    assert!(!out.status.success());
    let report = json(&out);
    assert_eq!(problem_rows(&report), vec![2]);
    assert_eq!(problem_at(&report, 2)["household"], existing.as_str());
    assert_eq!(
        households(&data).len(),
        1,
        "the rest was not applied either"
    );
}

fn add_args<'a>(head: &'a str, id: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "household",
        "add",
        "--head",
        head,
        "--id-number",
        id,
        "--village",
        "高台村",
        "--group",
        "3",
        "--phone",
        "138 1234 5678",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn household_add_with_a_bad_id_number_refuses_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad = with_bad_check(&id_number("62102319800101001"));
    let out = bianmin(&data, &add_args("王堃", &bad, &[]));
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("身份证号码校验位不对"), "{said}");
    assert!(
        !said.contains("check character"),
        "no English detail: {said}"
    );
    assert!(households(&data).is_empty());
    assert_eq!(household_events(&data), 0);
}

#[test]
fn household_add_prints_the_new_id_and_a_known_number_gives_the_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let head = id_number("62102319800101001");
    let spouse = id_number("62102319820202002");
    let member = format!("李玥,{spouse},配偶");
    let out = bianmin(&data, &add_args("王堃", &head, &["--member", &member]));
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_owned();
    assert!(!id.is_empty());
    let listed = households(&data);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(household_events(&data), 1);

    let out = bianmin(&data, &add_args("王堃", &head, &[]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), id, "the existing household's id");
    assert!(stderr(&out).contains("已经登记"), "{}", stderr(&out));
    assert_eq!(households(&data).len(), 1, "no duplicate");
    assert_eq!(household_events(&data), 1);
}

/// A batch refused half-way by the database (a member registered in the meantime) leaves
/// nothing behind: no household, no outbox event.
#[test]
fn a_batch_refused_at_its_third_household_writes_nothing() {
    use bianmin::domain::household::{HouseholdForm, MemberForm};
    use bianmin::store::{BatchError, HouseholdError, Store};

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let now = bianmin::clock::now();
    let household = |head: &str, member: Option<&str>| {
        HouseholdForm {
            head_name: "王堃".into(),
            id_number: id_number(head),
            phone: "13812345678".into(),
            village: "高台村".into(),
            group: "3".into(),
            members: member
                .map(|body| MemberForm {
                    name: "李玥".into(),
                    id_number: id_number(body),
                    relation: "配偶".into(),
                })
                .into_iter()
                .collect(),
        }
        .check(uuid_like(head), now.date_naive(), |_| Some(6))
        .unwrap()
    };
    // Someone registered on another terminal after the roster was checked.
    let earlier = household("62102319700101001", None);
    store.register_household_as(&earlier, None, now).unwrap();
    let events_before = store.outbox().unwrap().len();
    let batch = [
        household("62102319800101001", None),
        household("62102319800101002", None),
        household("62102319800101003", Some("62102319700101001")),
        household("62102319800101004", None),
    ];
    let refused = store.register_households(&batch, None, now).unwrap_err();
    assert!(
        matches!(
            refused,
            BatchError::Refused {
                index: 2,
                error: HouseholdError::PersonElsewhere { .. }
            }
        ),
        "{refused:?}"
    );
    assert_eq!(store.households("", 100).unwrap().len(), 1);
    assert_eq!(store.outbox().unwrap().len(), events_before);

    let fine = &batch[..2];
    assert_eq!(store.register_households(fine, None, now).unwrap(), 2);
    assert_eq!(store.households("", 100).unwrap().len(), 3);
    assert_eq!(store.outbox().unwrap().len(), events_before + 2);
}

fn uuid_like(seed: &str) -> String {
    format!("test-{seed}")
}

//! Printed documents, checked the way a reader sees them: the text poppler extracts from the PDF,
//! and the QR codes decoded from the page rasterised at 300 dpi.
//!
//! Needs `pdftotext`, `pdftoppm` and `pdffonts` (Debian: poppler-utils). Without them these tests
//! fail and say so; they never pass silently.

use bianmin::explain::Explain;
use std::path::{Path, PathBuf};
use std::process::Command;

use bianmin::clock::Timestamp;
use bianmin::domain::Content;
use bianmin::domain::account::{AccountStatus, Role};
use bianmin::domain::application::{CaseState, Transition};
use bianmin::domain::calendar::HolidayCalendar;
use bianmin::domain::case_number::DeviceCode;
use bianmin::domain::household::HouseholdForm;
use bianmin::domain::id_number::IdNumber;
use bianmin::i18n::Language;
use bianmin::print::card::{CARD, slot_origin};
use bianmin::print::{
    CardLayout, HandbookKind, PrintError, PrintJob, card_pdf_at, policy_handbook_pdf_at,
    receipt_pdf_at, village_cards_pdf_at,
};
use bianmin::store::{Account, Case, CaseRules, NewAccount, NewApplication, Registered, Store};
use chrono::{DateTime, NaiveDate};

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A hall with the shipped content, an agent and an admin, on an in-memory database.
struct Hall {
    store: Store,
    content: Content,
    calendar: HolidayCalendar,
    agent: Account,
    other_agent: Account,
    serial: u32,
}

fn account(store: &mut Store, login: &str, name: &str, phone: &str, role: Role) -> Account {
    store
        .add_account(
            &NewAccount {
                login: login.into(),
                name: name.into(),
                phone: phone.into(),
                password: "password-123".into(),
                role,
                status: AccountStatus::Active,
            },
            None,
            at("2025-11-03T08:00:00+08:00"),
        )
        .unwrap()
}

/// A valid ID number (GB 11643 check character) for a serial.
fn id_number(serial: u32) -> String {
    let body = format!(
        "62102319{:02}0101{:03}",
        60 + serial / 1000 % 40,
        serial % 1000
    );
    "0123456789X"
        .chars()
        .map(|check| format!("{body}{check}"))
        .find(|candidate| IdNumber::parse(candidate).is_ok())
        .unwrap()
}

impl Hall {
    fn new() -> Hall {
        let content = bianmin::content::shipped().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.replace_content(&content).unwrap();
        store
            .set_device_code(&DeviceCode::parse("07").unwrap())
            .unwrap();
        let agent = account(&mut store, "agent01", "李代办", "13800000001", Role::Agent);
        let other_agent = account(&mut store, "agent02", "赵喆", "13800000002", Role::Agent);
        account(&mut store, "admin", "管理员", "13800000009", Role::Admin);
        Hall {
            store,
            content,
            calendar: HolidayCalendar::shipped(),
            agent,
            other_agent,
            serial: 0,
        }
    }

    fn village(&self, index: usize) -> String {
        self.content.villages[index].name.clone()
    }

    /// Registers a household headed by `head` in `village`, by `by`.
    fn household(&mut self, head: &str, village: &str, group: u32, by: &Account) -> String {
        self.serial += 1;
        let form = HouseholdForm {
            head_name: head.into(),
            id_number: if self.serial == 1 {
                "34052419800101001X".into()
            } else {
                id_number(self.serial)
            },
            phone: "0934-5581001".into(),
            village: village.into(),
            group: group.to_string(),
            members: vec![],
        };
        let household = form
            .check(
                uuid::Uuid::new_v4().to_string(),
                NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(),
                |name| self.content.village(name).map(|village| village.groups),
            )
            .unwrap();
        let when = at("2025-11-03T09:00:00+08:00") + chrono::Duration::seconds(self.serial.into());
        match self
            .store
            .register_household(&household, by.id, when)
            .unwrap()
        {
            Registered::Created(household) | Registered::Existing(household) => household.id,
        }
    }

    fn apply(&mut self, household: &str, item: &str, all_received: bool) -> Case {
        let received = self
            .content
            .item(item)
            .unwrap()
            .materials
            .iter()
            .map(|material| all_received || !material.required)
            .collect();
        self.save(household, item, received)
    }

    /// Saves `item` for `household` with these materials received.
    fn save(&mut self, household: &str, item: &str, received: Vec<bool>) -> Case {
        let applicant = self.store.household(household).unwrap().unwrap().id_number;
        let new = NewApplication {
            request_key: uuid::Uuid::new_v4().to_string(),
            household_id: household.into(),
            applicant,
            item_id: item.into(),
            received,
        };
        let rules = CaseRules {
            content: &self.content,
            calendar: &self.calendar,
        };
        self.store
            .create_application(&new, &self.agent, &rules, at("2025-09-30T10:00:00+08:00"))
            .unwrap()
    }
}

fn printed_at() -> Timestamp {
    at("2025-11-04T15:30:00+08:00")
}

/// A household's card alone on its page, printed at [`printed_at`].
fn single_card(hall: &Hall, household: &str) -> Result<Vec<u8>, PrintError> {
    card_pdf_at(
        &hall.store,
        &hall.content,
        household,
        CardLayout::Single,
        printed_at(),
    )
}

/// A scratch directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bianmin-print-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a poppler tool; a missing tool fails the test with a message naming it.
fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "`{tool}` could not run ({error}). These tests read the PDFs back with poppler: \
             install poppler-utils (apt-get install poppler-utils)."
            )
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn write(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    path
}

/// The names of a PDF's fonts (without the subset tag), as pdffonts lists them; each must be
/// embedded as a subset with a Unicode map.
fn embedded_subset_fonts(path: &Path) -> Vec<String> {
    let fonts = poppler("pdffonts", &[path.to_str().unwrap()]);
    fonts
        .lines()
        .skip(2)
        .map(|row| {
            let columns: Vec<&str> = row.split_whitespace().collect();
            // name, type…, encoding, emb, sub, uni, object, id
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(
                flags,
                ["yes", "yes", "yes"],
                "embedded, subset, unicode: {row}"
            );
            assert_eq!(columns[0].chars().nth(6), Some('+'), "not a subset: {row}");
            columns[0][7..].to_owned()
        })
        .collect()
}

/// The text of a PDF as pdftotext reads it, with all white space removed (titles are set with
/// letter spacing, and justified lines with extra space, which pdftotext may turn into spaces).
fn text_of(path: &Path) -> String {
    poppler("pdftotext", &[path.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn page_count(path: &Path) -> usize {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .expect("pdfinfo reports the page count")
}

/// Every QR code on page `page` of the PDF, rasterised at 300 dpi and decoded with rqrr.
fn qr_codes(path: &Path, page: usize) -> Vec<String> {
    qr_codes_in(&raster(path, page), None)
}

/// Page `page` of the PDF as a 300 dpi grey image.
fn raster(path: &Path, page: usize) -> image::GrayImage {
    let page_text = page.to_string();
    let prefix = path.with_extension(format!("p{page}"));
    poppler(
        "pdftoppm",
        &[
            "-r",
            "300",
            // Crisp module edges, as a printer draws them.
            "-aa",
            "no",
            "-aaVector",
            "no",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &page_text,
            "-l",
            &page_text,
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = prefix.with_extension(format!("p{page}.png"));
    image::open(&png)
        .unwrap_or_else(|error| panic!("{}: {error}", png.display()))
        .to_luma8()
}

/// The QR codes inside a rectangle (x, y, width, height in points from the bottom-left) of a
/// 300 dpi page image, or on the whole page.
fn qr_codes_in(image: &image::GrayImage, area: Option<(f32, f32, f32, f32)>) -> Vec<String> {
    let image = match area {
        Some((x, y, width, height)) => {
            let px = |pt: f32| (pt * 300.0 / 72.0).round() as u32;
            let top = image.height() - px(y + height);
            image::imageops::crop_imm(image, px(x), top, px(width), px(height)).to_image()
        }
        None => image.clone(),
    };
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let mut found: Vec<String> = prepared
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("a detected QR code decodes").1)
        .collect();
    found.sort();
    found.dedup();
    found
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn receipt_shows_case_item_applicant_materials_agent_dates_and_how_to_follow_up() {
    let mut hall = Hall::new();
    let village = hall.village(1);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 3, &agent);
    // 城乡居民基本养老保险参保登记 promises 3 working days; accepted 2025-09-30 it is due on
    // the adjusted working Saturday 2025-10-11.
    let case = hall.apply(&household, "pension-enrolment", true);
    assert_eq!(case.state, CaseState::Accepted);
    let number = case.number.clone().unwrap();
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &number,
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("receipt");
    let path = write(&dir, "receipt.pdf", &pdf);
    assert_eq!(page_count(&path), 1, "a receipt fits one A5 page");
    let text = text_of(&path);
    let item = hall.content.item("pension-enrolment").unwrap();
    let expected = [
        "受理回执",
        hall.content.hall.name.as_str(),
        number.as_str(),
        item.name.as_str(),
        "王堃",
        "340524********001X",
        &format!("{village}3组"),
        "2025年9月30日10:00",
        "2025年10月11日前",
        "李代办",
        "13800000001",
        hall.content.hall.phone.as_str(),
        "查进度",
        "12345",
        "受理单位（盖章）",
    ];
    for field in expected {
        assert!(
            text.contains(&without_spaces(field)),
            "receipt lacks {field:?}:\n{text}"
        );
    }
    for material in case.materials.iter().filter(|material| material.received) {
        assert!(
            text.contains(&without_spaces(&material.name)),
            "receipt lacks the material {:?}",
            material.name
        );
    }
    // The full ID number is never printed.
    assert!(!text.contains("34052419800101001X"));
    assert_eq!(qr_codes(&path, 1), [format!("BIANMIN:CASE:{number}")]);
    // A case number typed with spaces finds the same case; so does the case's id.
    let spaced = format!("{} {}", &number[..9], &number[9..]);
    assert!(
        receipt_pdf_at(
            &hall.store,
            &hall.content,
            &spaced,
            Language::ZhCn,
            printed_at()
        )
        .is_ok()
    );
    assert!(
        receipt_pdf_at(
            &hall.store,
            &hall.content,
            &case.id,
            Language::ZhCn,
            printed_at()
        )
        .is_ok()
    );
}

#[test]
fn receipt_prints_in_english_with_the_same_facts() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 1, &agent);
    let case = hall.apply(&household, "pension-enrolment", true);
    let number = case.number.unwrap();
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &number,
        Language::En,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("receipt-en");
    let path = write(&dir, "receipt-en.pdf", &pdf);
    assert_eq!(
        page_count(&path),
        1,
        "the English receipt fits one A5 page too"
    );
    let text = text_of(&path);
    for field in [
        "Receipt",
        "Caseno.",
        number.as_str(),
        "2025-10-11",
        "王堃",
        "12345",
    ] {
        assert!(
            text.contains(field),
            "English receipt lacks {field:?}:\n{text}"
        );
    }
}

#[test]
fn one_time_notice_lists_every_missing_material_at_once() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 2, &agent);
    let case = hall.apply(&household, "minimum-living-allowance", false);
    assert_eq!(case.state, CaseState::AwaitingCorrection);
    let missing = case.missing_materials();
    assert!(missing.len() >= 3);
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &case.id,
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("notice");
    let path = write(&dir, "notice.pdf", &pdf);
    let text = text_of(&path);
    assert!(text.contains("一次性告知单"), "{text}");
    assert!(text.contains(&format!("共{}项", missing.len())), "{text}");
    for name in &missing {
        assert!(
            text.contains(&without_spaces(name)),
            "the notice lacks {name:?}:\n{text}"
        );
    }
    let item = hall.content.item("minimum-living-allowance").unwrap();
    for field in [
        "王堃",
        item.name.as_str(),
        "不会再要求您提供其他材料",
        "李代办",
        item.consult_phone.as_str(),
        "12345",
    ] {
        assert!(
            text.contains(&without_spaces(field)),
            "notice lacks {field:?}"
        );
    }
    // No case number yet: the QR holds the notice's 登记号.
    let reference = case.reference.clone().expect("a 待补正 case has a 登记号");
    assert_eq!(qr_codes(&path, 1), [format!("BIANMIN:REF:{reference}")]);
}

/// Saves `item` for `household` with only the first `received` required materials received.
fn apply_with(hall: &mut Hall, household: &str, item: &str, received_required: usize) -> Case {
    let mut seen = 0;
    let received = hall
        .content
        .item(item)
        .unwrap()
        .materials
        .iter()
        .map(|material| {
            if material.required {
                seen += 1;
                seen <= received_required
            } else {
                false
            }
        })
        .collect();
    hall.save(household, item, received)
}

fn decide(hall: &mut Hall, case: &Case, transition: Transition, note: &str) -> Case {
    let rules = CaseRules {
        content: &hall.content,
        calendar: &hall.calendar,
    };
    let agent = hall.agent.clone();
    hall.store
        .change_state(
            &case.id,
            transition,
            None,
            note,
            &agent,
            &rules,
            at("2025-10-09T11:00:00+08:00"),
        )
        .unwrap()
}

#[test]
fn the_one_time_notice_carries_everything_the_duty_requires_on_one_page_with_its_reference() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 2, &agent);
    // 农村最低生活保障申请: five required materials, the first received, four missing; four
    // conditions and six steps.
    let case = apply_with(&mut hall, &household, "minimum-living-allowance", 1);
    assert_eq!(case.missing_materials().len(), 4);
    let reference = case.reference.clone().expect("a 登记号");
    assert_eq!(reference.len(), 14, "{reference}");
    assert!(
        reference.starts_with("202250930"),
        "township, day: {reference}"
    );
    assert_eq!(&reference[9..11], "07", "device code");
    // The 登记号 finds the case, with or without its hyphens, like a case number.
    let grouped = format!(
        "{}-{}-{}-{}",
        &reference[..3],
        &reference[3..9],
        &reference[9..11],
        &reference[11..]
    );
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &grouped,
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("notice-complete");
    let path = write(&dir, "notice.pdf", &pdf);
    assert_eq!(
        page_count(&path),
        1,
        "the notice and its signatures on one page"
    );
    let text = text_of(&path);
    let item = hall.content.item("minimum-living-allowance").unwrap();
    let mut expected: Vec<String> = vec![
        "一次性告知单".into(),
        "登记号".into(),
        grouped.clone(),
        item.name.clone(),
        "受理条件".into(),
        "办理流程".into(),
        "法律依据".into(),
        "收费".into(),
        "不收费".into(),
        "承诺时限".into(),
        format!("{}个工作日", item.promised_days),
        "法定时限".into(),
        format!("{}个工作日", item.legal_days.unwrap()),
        item.consult_phone.clone(),
        "12345".into(),
        "行政复议".into(),
        "行政诉讼".into(),
        "申请人签收".into(),
        "告知单位（盖章）".into(),
    ];
    expected.extend(item.conditions.iter().cloned());
    expected.extend(item.legal_basis.iter().cloned());
    expected.extend(item.steps.iter().map(|step| step.title.clone()));
    expected.extend(case.missing_materials());
    for field in &expected {
        assert!(
            text.contains(&without_spaces(field)),
            "the notice lacks {field:?}:\n{text}"
        );
    }
    // No internal UUID is printed.
    assert!(!text.contains(&case.id), "{text}");
    assert_eq!(qr_codes(&path, 1), [format!("BIANMIN:REF:{reference}")]);

    // The next 待补正 case of the day takes the next serial.
    let other = hall.household("张三", &village, 1, &agent);
    let again = apply_with(&mut hall, &other, "minimum-living-allowance", 0);
    let next = again.reference.clone().unwrap();
    assert_eq!(
        &next[11..],
        "002",
        "the terminal's second 登记号 of the day"
    );
}

#[test]
fn a_refused_case_prints_a_refusal_notice_with_reason_basis_next_steps_and_appeal_routes() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 2, &agent);
    let case = hall.apply(&household, "minimum-living-allowance", true);
    let number = case.number.clone().unwrap();
    let reason = "经入户调查，家庭人均收入高于本县最低生活保障标准。";
    decide(&mut hall, &case, Transition::Refuse, reason);
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &number,
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("refusal");
    let path = write(&dir, "refusal.pdf", &pdf);
    assert_eq!(page_count(&path), 1);
    let text = text_of(&path);
    let item = hall.content.item("minimum-living-allowance").unwrap();
    for field in [
        "不予受理告知书",
        number.as_str(),
        item.name.as_str(),
        "王堃",
        reason,
        "法律依据",
        item.legal_basis[0].as_str(),
        "您可以",
        "重新提出申请",
        "救济途径",
        "60日内",
        "华池县人民政府申请行政复议",
        "6个月内",
        "行政诉讼",
        "12345",
        "2025年10月9日",
    ] {
        assert!(
            text.contains(&without_spaces(field)),
            "the refusal lacks {field:?}:\n{text}"
        );
    }
    // It never promises completion.
    for promise in ["受理回执", "承诺办结", "办结后凭本回执"] {
        assert!(!text.contains(promise), "{promise:?} in a refusal:\n{text}");
    }

    // A 待补正 case refused before it was accepted gets one too, under its 登记号.
    let other = hall.household("张三", &village, 1, &agent);
    let pending = apply_with(&mut hall, &other, "minimum-living-allowance", 0);
    decide(
        &mut hall,
        &pending,
        Transition::Refuse,
        "申请人户籍不在本乡。",
    );
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        pending.reference.as_deref().unwrap(),
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let path = write(&dir, "refusal-pending.pdf", &pdf);
    let text = text_of(&path);
    assert!(text.contains("不予受理告知书"), "{text}");
    assert!(text.contains("申请人户籍不在本乡"), "{text}");
}

#[test]
fn a_returned_case_prints_a_return_notice_and_a_completed_receipt_says_it_is_a_reprint() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 2, &agent);
    let case = hall.apply(&household, "pension-enrolment", true);
    let number = case.number.clone().unwrap();
    let reason = "户口簿复印件不清晰，请重新复印全部页。";
    decide(&mut hall, &case, Transition::Return, reason);
    let dir = scratch("return");
    for language in [Language::ZhCn, Language::En] {
        let pdf =
            receipt_pdf_at(&hall.store, &hall.content, &number, language, printed_at()).unwrap();
        let path = write(&dir, &format!("return-{language:?}.pdf"), &pdf);
        let text = text_of(&path);
        let title = match language {
            Language::ZhCn => "退回通知书",
            Language::En => "Noticeofreturn",
        };
        assert!(text.contains(title), "{text}");
        assert!(text.contains(&without_spaces(reason)), "{text}");
        assert!(text.contains("12345"), "{text}");
        assert!(
            !text.contains("受理回执") && !text.contains("Receipt"),
            "{text}"
        );
    }

    let other = hall.household("张三", &village, 1, &agent);
    let done = hall.apply(&other, "pension-enrolment", true);
    let done_number = done.number.clone().unwrap();
    let done = decide(&mut hall, &done, Transition::StartHandling, "");
    decide(&mut hall, &done, Transition::Complete, "");
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        &done_number,
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let path = write(&dir, "reprint.pdf", &pdf);
    assert_eq!(page_count(&path), 1);
    let text = text_of(&path);
    assert!(text.contains("受理回执"), "{text}");
    assert!(text.contains("补打"), "{text}");
    assert!(text.contains("2025年10月9日办结"), "{text}");
}

#[test]
fn card_shows_the_household_its_agent_and_the_hall_and_its_qr_holds_no_personal_data() {
    let mut hall = Hall::new();
    let village = hall.village(1);
    let agent = hall.agent.clone();
    let other = hall.other_agent.clone();
    hall.household("张三", &village, 1, &agent);
    let household = hall.household("王堃", &village, 4, &other);
    let pdf = single_card(&hall, &household).unwrap();
    let dir = scratch("card");
    let path = write(&dir, "card.pdf", &pdf);
    assert_eq!(page_count(&path), 2, "front and back");
    let text = text_of(&path);
    let hall_profile = &hall.content.hall;
    // The second village on the list, this terminal's device code, the first card it issues there.
    let card_number = format!(
        "{}002{}0001",
        hall_profile.township_code,
        hall.store.device_code().unwrap().unwrap().as_str()
    );
    for field in [
        "便民服务卡",
        hall_profile.name.as_str(),
        card_number.as_str(),
        "王堃",
        &format!("{village}4组"),
        // The agent who registered the household, not the hall's first agent.
        "赵喆",
        "13800000002",
        hall_profile.phone.as_str(),
        "8:30",
        "168",
        "12345",
        "常用服务",
    ] {
        assert!(
            text.contains(&without_spaces(field)),
            "card lacks {field:?}:\n{text}"
        );
    }
    assert!(!text.contains("李代办"));
    let codes = qr_codes(&path, 1);
    assert_eq!(
        codes,
        [format!(
            "BIANMIN:CARD:{card_number}:TOWN:{}",
            hall_profile.township_code
        )]
    );
    assert!(!codes[0].contains("340524") && !codes[0].contains("王"));
}

/// The `serial`th of twelve villagers' names (a name holds no digits).
fn villager(serial: u32) -> String {
    let stems = "甲乙丙丁戊己庚辛壬癸子丑";
    format!("村民{}号", stems.chars().nth(serial as usize).unwrap())
}

#[test]
fn a_village_prints_on_a4_sheets_of_ten_each_followed_by_its_backs() {
    let mut hall = Hall::new();
    let village = hall.village(2);
    let agent = hall.agent.clone();
    for serial in 0..12 {
        hall.household(&villager(serial), &village, 1 + serial % 3, &agent);
    }
    // Another village's household is not printed.
    let elsewhere = hall.village(0);
    hall.household("王堃", &elsewhere, 1, &agent);
    let pdf = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        &village,
        CardLayout::A4Sheet,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("sheet");
    let path = write(&dir, "sheet.pdf", &pdf);
    assert_eq!(page_count(&path), 4, "two sheets, each front then back");
    let text = text_of(&path);
    for serial in 0..12 {
        assert!(text.contains(&villager(serial)));
    }
    assert!(!text.contains("王堃"));
    assert!(text.contains("第1张，共2张"), "{text}");
    // Each card's own QR code, read from its place on the sheet (rqrr mixes up the finder
    // patterns of ten codes on one page, so each card is cut out as the paper cutter would).
    let (width, height) = CARD;
    let mut numbers = Vec::new();
    let front = raster(&path, 1);
    for slot in 0..10 {
        let (x, y) = slot_origin(slot);
        let codes = qr_codes_in(&front, Some((x, y, width, height)));
        assert_eq!(codes.len(), 1, "slot {slot}: {codes:?}");
        assert!(
            codes[0].starts_with("BIANMIN:CARD:621023202003"),
            "{codes:?}"
        );
        numbers.push(codes[0].clone());
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 10, "ten different cards");
    let (x, y) = slot_origin(1);
    assert_eq!(
        qr_codes_in(&raster(&path, 3), Some((x, y, width, height))).len(),
        1
    );
    assert!(qr_codes(&path, 2).is_empty(), "backs carry no QR code");
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household("王堃", &village, 1, &agent);
    let pdf = single_card(&hall, &household).unwrap();
    assert!(pdf.len() < 300_000, "a card is {} bytes", pdf.len());
    // printed_at() is 15:30 in Beijing: 07:30 UTC in the document's dates.
    let info = poppler(
        "pdfinfo",
        &[write(&scratch("dates"), "card.pdf", &pdf).to_str().unwrap()],
    );
    assert!(info.contains("Nov  4 07:30:00 2025 UTC"), "{info}");
    let dir = scratch("fonts");
    let path = write(&dir, "card.pdf", &pdf);
    let fonts = embedded_subset_fonts(&path);
    assert_eq!(fonts.len(), 2, "regular and bold: {fonts:?}");
}

#[test]
fn a_character_no_installed_font_draws_stops_printing_with_its_code_point_and_package_named() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let good = hall.household("王堃", &village, 1, &agent);
    assert!(single_card(&hall, &good).is_ok());
    // U+30000 is in CJK Extension G: no font of Debian's main archive draws it (Extension B's 𠀀
    // prints since the installed fonts are used, see the level-3 test below).
    let bad = hall.household("王\u{30000}", &village, 1, &agent);
    let error = single_card(&hall, &bad).unwrap_err();
    assert!(
        matches!(&error, PrintError::MissingGlyphs(missing) if missing == &['\u{30000}']),
        "{error:?}"
    );
    let words = error.words(Language::ZhCn);
    assert!(words.contains("⟨U+30000⟩"), "{words}");
    assert!(words.contains("fonts-babelstone-han"), "{words}");
    // A whole village still prints: every other card, and a list of the households left off
    // with the character (code point) that stopped each.
    let pdf = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        &village,
        CardLayout::A4Sheet,
        printed_at(),
    )
    .unwrap();
    let dir = scratch("skipped");
    let path = write(&dir, "village.pdf", &pdf);
    assert_eq!(
        page_count(&path),
        3,
        "fronts, backs, the list of households left off"
    );
    let text = text_of(&path);
    assert!(text.contains("王堃"), "{text}");
    let list: String = poppler(
        "pdftotext",
        &["-f", "3", "-l", "3", path.to_str().unwrap(), "-"],
    )
    .chars()
    .filter(|c| !c.is_whitespace())
    .collect();
    for field in ["未打印", "王[U+30000]", "621023********", "U+30000"] {
        assert!(list.contains(field), "the list lacks {field:?}:\n{list}");
    }
    assert!(!list.contains("王堃"), "{list}");
    let document = PrintJob::VillageCards {
        village: village.clone(),
        layout: CardLayout::A4Sheet,
    }
    .document(&hall.store, &hall.content, Language::ZhCn, printed_at())
    .unwrap();
    assert_eq!(document.skipped.len(), 1);
    assert_eq!(document.skipped[0].characters, ['\u{30000}']);
    // A village whose every name is unprintable has nothing to print.
    let lonely = hall.village(2);
    hall.household("李\u{30000}", &lonely, 1, &agent);
    let error = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        &lonely,
        CardLayout::A4Sheet,
        printed_at(),
    )
    .unwrap_err();
    assert!(matches!(error, PrintError::MissingGlyphs(_)));
    let flower = hall.household("小花\u{30000}", &hall.village(1), 1, &agent);
    let case = hall.apply(&flower, "pension-enrolment", true);
    let error = receipt_pdf_at(
        &hall.store,
        &hall.content,
        case.number.as_deref().unwrap(),
        Language::ZhCn,
        printed_at(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, PrintError::MissingGlyphs(missing) if missing == &['\u{30000}']),
        "{error:?}"
    );
}

/// A head's name with a character from every block of GB 18030-2022 level 3: the unified block,
/// Extensions A (䶮) to F, the compatibility block's unified ideograph 﨎, the first amendment's
/// U+9FF0, and the separator "·".
const LEVEL_3_NAME: &str = "王䶮𪚥𠀾𪜀𫝀𫠠𬺰﨎\u{9FF0}·明";

/// The ink of one character cell of a 300 dpi page: the dark pixels, trimmed to their bounds.
struct Ink {
    width: u32,
    height: u32,
    dark: Vec<bool>,
}

impl Ink {
    fn of(image: &image::GrayImage, (x, y, width, height): (f32, f32, f32, f32)) -> Ink {
        let px = |pt: f32| (pt * 300.0 / 72.0).round() as u32;
        let top = image.height() - px(y + height);
        let cell = image::imageops::crop_imm(image, px(x), top, px(width), px(height)).to_image();
        let dark: Vec<(u32, u32)> = cell
            .enumerate_pixels()
            .filter(|(_, _, pixel)| pixel.0[0] < 128)
            .map(|(x, y, _)| (x, y))
            .collect();
        let (Some(left), Some(right)) = (
            dark.iter().map(|p| p.0).min(),
            dark.iter().map(|p| p.0).max(),
        ) else {
            return Ink {
                width: 0,
                height: 0,
                dark: Vec::new(),
            };
        };
        let up = dark.iter().map(|p| p.1).min().unwrap();
        let down = dark.iter().map(|p| p.1).max().unwrap();
        let (width, height) = (right - left + 1, down - up + 1);
        let mut bits = vec![false; (width * height) as usize];
        for (x, y) in dark {
            bits[((y - up) * width + (x - left)) as usize] = true;
        }
        Ink {
            width,
            height,
            dark: bits,
        }
    }

    fn count(&self) -> usize {
        self.dark.iter().filter(|&&dark| dark).count()
    }

    /// Whether two cells hold the same shape (a missing glyph's box drawn twice), allowing for
    /// a pixel of rounding.
    fn same_shape(&self, other: &Ink) -> bool {
        if self.width.abs_diff(other.width) > 2 || self.height.abs_diff(other.height) > 2 {
            return false;
        }
        let (width, height) = (self.width.min(other.width), self.height.min(other.height));
        let mut differ = 0;
        for y in 0..height {
            for x in 0..width {
                let at = |ink: &Ink| ink.dark[(y * ink.width + x) as usize];
                differ += usize::from(at(self) != at(other));
            }
        }
        differ * 5 < self.count().max(other.count())
    }
}

/// Needs Debian's fonts-noto-cjk, fonts-hanazono and fonts-unifont (tests/prepare installs them).
#[test]
fn a_card_prints_a_name_from_every_level_3_block_with_the_installed_fonts_embedded() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    let household = hall.household(LEVEL_3_NAME, &village, 1, &agent);
    let started = std::time::Instant::now();
    let pdf = single_card(&hall, &household).unwrap();
    // Not asserted (no timed assertions): the first print that needs the installed fonts reads
    // their character maps and subsets three of them.
    eprintln!(
        "the first card with rare characters took {:?} ({} bytes)",
        started.elapsed(),
        pdf.len()
    );
    let dir = scratch("level-3");
    let path = write(&dir, "card.pdf", &pdf);
    // The name reads back exactly, code point for code point.
    let text = text_of(&path);
    assert!(
        text.contains(LEVEL_3_NAME),
        "the card does not read back {LEVEL_3_NAME:?}:\n{text}"
    );
    // The bundled faces, and a subset of each installed face that draws a rare character: Noto
    // Sans CJK SC Bold (the name is bold) for Extension A, Hanazono for B to F, Unifont for the
    // amendment's characters.
    let names = embedded_subset_fonts(&path);
    for wanted in ["NotoSansCJKsc-Bold", "HanaMinB", "Unifont"] {
        assert!(
            names.iter().any(|name| name.starts_with(wanted)),
            "no {wanted} among {names:?}"
        );
    }
    assert!(pdf.len() < 400_000, "a card is {} bytes", pdf.len());
    // Every character is drawn with its own glyph: each inks a shape of its own (a missing glyph
    // would be blank, or the same box each time).
    let document = PrintJob::Card {
        household: household.clone(),
        layout: CardLayout::Single,
    }
    .document(&hall.store, &hall.content, Language::ZhCn, printed_at())
    .unwrap();
    let run = document.pages[0]
        .text_runs()
        .find(|run| run.text.contains(LEVEL_3_NAME))
        .expect("the name is on the front");
    let face = bianmin::print::metrics::FaceMetrics::of(run.weight);
    let page = raster(&path, 1);
    let mut x = run.x + face.width(&run.text[..run.text.find(LEVEL_3_NAME).unwrap()], run.size);
    let mut cells: Vec<(char, Ink)> = Vec::new();
    for ch in LEVEL_3_NAME.chars() {
        let advance = face.advance(ch, run.size);
        let cell = (x, run.y - 0.2 * run.size, advance, 1.2 * run.size);
        cells.push((ch, Ink::of(&page, cell)));
        x += advance;
    }
    for (ch, ink) in &cells {
        assert!(ink.count() > 30, "{ch} inks {} pixels", ink.count());
    }
    for (i, (a, ink_a)) in cells.iter().enumerate() {
        for (b, ink_b) in &cells[i + 1..] {
            assert!(!ink_a.same_shape(ink_b), "{a} and {b} print the same shape");
        }
    }
}

#[test]
fn a_receipt_prints_an_applicant_s_rare_name() {
    let mut hall = Hall::new();
    let village = hall.village(1);
    let agent = hall.agent.clone();
    let household = hall.household("𪚥𠀾·䶮", &village, 2, &agent);
    let case = hall.apply(&household, "pension-enrolment", true);
    let pdf = receipt_pdf_at(
        &hall.store,
        &hall.content,
        case.number.as_deref().unwrap(),
        Language::ZhCn,
        printed_at(),
    )
    .unwrap();
    let path = write(&scratch("rare-receipt"), "receipt.pdf", &pdf);
    let text = text_of(&path);
    assert!(text.contains("𪚥𠀾·䶮"), "{text}");
    assert!(text.contains("受理回执"), "{text}");
}

#[test]
fn unknown_cases_households_and_villages_are_refused_with_a_message() {
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    hall.household("王堃", &village, 1, &agent);
    let unknown_case = receipt_pdf_at(
        &hall.store,
        &hall.content,
        "62102320220250930079999",
        Language::ZhCn,
        printed_at(),
    )
    .unwrap_err();
    assert!(matches!(unknown_case, PrintError::UnknownCase(_)));
    assert!(unknown_case.words(Language::ZhCn).contains("没有找到办件"));
    let unknown_household = single_card(&hall, "no-such-household").unwrap_err();
    assert!(matches!(unknown_household, PrintError::UnknownHousehold(_)));
    let unknown_village = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        "不存在村",
        CardLayout::A4Sheet,
        printed_at(),
    )
    .unwrap_err();
    assert!(matches!(unknown_village, PrintError::UnknownVillage(_)));
    let empty = hall.village(3);
    let no_households = village_cards_pdf_at(
        &hall.store,
        &hall.content,
        &empty,
        CardLayout::A4Sheet,
        printed_at(),
    )
    .unwrap_err();
    assert!(matches!(no_households, PrintError::NoHouseholds(_)));
    assert!(no_households.words(Language::En).contains(&empty));
}

#[test]
fn policy_handbook_has_cover_contents_every_policy_and_the_unverified_note() {
    let content = bianmin::content::shipped().unwrap();
    let pdf = policy_handbook_pdf_at(&content, false, printed_at()).unwrap();
    let dir = scratch("handbook");
    let path = write(&dir, "policy-handbook.pdf", &pdf);
    let pages = page_count(&path);
    assert!(pages >= 4, "{pages} pages");
    let text = text_of(&path);
    for field in [
        "惠农政策补贴手册",
        "2025年版",
        "目录",
        content.hall.name.as_str(),
        "以当地最新政策为准",
    ] {
        assert!(text.contains(field), "the handbook lacks {field:?}");
    }
    for policy in &content.policies {
        assert!(
            text.matches(&without_spaces(&policy.name)).count() >= 2,
            "{} should be in the contents and have a section",
            policy.name
        );
    }
    assert!(pdf.len() < 800_000, "{} bytes", pdf.len());

    // The booklet: two A5 pages to each A4 side, padded to a multiple of four.
    let booklet = policy_handbook_pdf_at(&content, true, printed_at()).unwrap();
    let path = write(&dir, "policy-booklet.pdf", &booklet);
    assert_eq!(page_count(&path), pages.div_ceil(4) * 2);
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("841.89 x 595.2"), "landscape A4:\n{info}");
}

#[test]
fn handbooks_end_with_a_back_cover_and_are_whole_folded_sheets() {
    use bianmin::print::handbook::handbook_pdf_at;
    let content = bianmin::content::shipped().unwrap();
    let hall = &content.hall;
    let dir = scratch("back-cover");
    for kind in HandbookKind::ALL {
        let pdf = handbook_pdf_at(&content, kind, false, printed_at()).unwrap();
        let path = write(&dir, &format!("{kind:?}.pdf"), &pdf);
        let pages = page_count(&path);
        assert!(pages.is_multiple_of(4), "{kind:?}: {pages} pages");
        let last = pages.to_string();
        let back: String = poppler(
            "pdftotext",
            &["-f", &last, "-l", &last, path.to_str().unwrap(), "-"],
        )
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
        for field in [
            hall.name.as_str(),
            hall.address.as_str(),
            hall.hours.as_str(),
            hall.phone.as_str(),
            hall.supervision_phone.as_str(),
            hall.hotline_168.as_str(),
            "2025年版",
        ] {
            assert!(
                back.contains(&without_spaces(field)),
                "{kind:?}: the back cover lacks {field:?}:\n{back}"
            );
        }
        let booklet = handbook_pdf_at(&content, kind, true, printed_at()).unwrap();
        let path = write(&dir, &format!("{kind:?}-booklet.pdf"), &booklet);
        assert_eq!(
            page_count(&path) * 2,
            pages,
            "{kind:?}: no page added or lost"
        );
    }
}

#[test]
fn everything_on_the_card_sheet_keeps_five_mm_from_the_paper_edge_and_bands_bleed_two_mm() {
    use bianmin::print::card::{BLEED, CARD_SAFE, SHEET_SAFE};
    use bianmin::print::page::{Color, Mark, mm};
    let mut hall = Hall::new();
    let village = hall.village(0);
    let agent = hall.agent.clone();
    for serial in 0..12 {
        hall.household(
            &format!(
                "王{}",
                "一二三四五六七八九十冬春".chars().nth(serial).unwrap()
            ),
            &village,
            1,
            &agent,
        );
    }
    let document = PrintJob::VillageCards {
        village: village.clone(),
        layout: CardLayout::A4Sheet,
    }
    .document(&hall.store, &hall.content, Language::ZhCn, printed_at())
    .unwrap();
    assert_eq!(document.pages.len(), 4, "two sheets, fronts and backs");
    for (index, page) in document.pages.iter().enumerate() {
        for mark in &page.marks {
            let (left, bottom, right, top) = mark.bounds();
            let nearest = left
                .min(bottom)
                .min(page.width - right)
                .min(page.height - top);
            assert!(
                nearest >= SHEET_SAFE - 0.01,
                "page {}: {:.2} mm from the edge: {mark:?}",
                index + 1,
                nearest / mm(1.0)
            );
        }
    }
    // Every card's band runs 2 mm past its trim at the top and the sides.
    let front = &document.pages[0];
    for slot in 0..10 {
        let (x, y) = slot_origin(slot);
        let band = front.marks.iter().find_map(|mark| match mark {
            Mark::Rect {
                x: bx,
                y: by,
                width,
                height,
                fill: Some(fill),
                ..
            } if *fill == Color::RED
                && (by + height - (y + CARD.1 + BLEED)).abs() < 0.01
                && (bx - (x - BLEED)).abs() < 0.01 =>
            {
                Some((*bx, *width))
            }
            _ => None,
        });
        let (bx, width) = band.unwrap_or_else(|| panic!("slot {slot}: no band with a bleed"));
        assert!((bx - (x - BLEED)).abs() < 0.01, "slot {slot}");
        assert!((width - (CARD.0 + 2.0 * BLEED)).abs() < 0.01, "slot {slot}");
    }
    // On the card itself, text keeps 3 mm from the trim.
    let single = PrintJob::VillageCards {
        village,
        layout: CardLayout::Single,
    }
    .document(&hall.store, &hall.content, Language::ZhCn, printed_at())
    .unwrap();
    for (index, page) in single.pages.iter().enumerate() {
        for run in page.text_runs() {
            let (left, bottom, right, top) = Mark::Text(run.clone()).bounds();
            let nearest = left
                .min(bottom)
                .min(page.width - right)
                .min(page.height - top);
            assert!(
                nearest >= CARD_SAFE - 0.01,
                "card page {}: {:?} is {:.2} mm from the trim",
                index + 1,
                run.text,
                nearest / mm(1.0)
            );
        }
    }
}

#[test]
fn a_long_booklet_is_split_into_signatures_of_at_most_eight_sheets_with_creep() {
    use bianmin::print::handbook::{
        CREEP_PER_SHEET, MAX_SHEETS_PER_SIGNATURE, booklet_order, creep, impose_booklet, signatures,
    };
    use bianmin::print::page::{A5, Document, Mark, Page, Style, mm};
    assert_eq!(MAX_SHEETS_PER_SIGNATURE, 8);
    assert!((CREEP_PER_SHEET - mm(0.1)).abs() < 1e-4, "0.1 mm per sheet");
    let content = bianmin::content::shipped().unwrap();
    let service = HandbookKind::Service.document(&content, printed_at());
    let pages = service.pages.len();
    assert!(pages.is_multiple_of(4), "{pages}");
    let split = signatures(pages);
    assert!(
        split.len() > 1,
        "the service handbook is too thick for one staple: {split:?}"
    );
    assert!(split.iter().all(|&sheets| sheets <= 8), "{split:?}");
    assert_eq!(split.iter().sum::<usize>() * 4, pages);
    assert!(
        split.iter().max().unwrap() - split.iter().min().unwrap() <= 1,
        "even: {split:?}"
    );
    assert_eq!(signatures(40), [5, 5], "ten sheets: two signatures of five");
    assert_eq!(signatures(32), [8]);

    // Each A5 page carries its number; the imposed sides must place them in booklet order,
    // moved towards the fold by 0.1 mm per sheet inside its signature.
    let numbered: Vec<Page> = (1..=pages)
        .map(|number| {
            let mut page = Page::new(A5);
            page.text(
                100.0,
                100.0,
                Style::regular(10.0),
                bianmin::print::page::Align::Left,
                &number.to_string(),
            );
            page
        })
        .collect();
    let document = Document {
        pages: numbered,
        ..service
    };
    let imposed = impose_booklet(document);
    assert_eq!(imposed.pages.len() * 2, pages);
    let order = booklet_order(pages);
    let mut sheet_in_signature = Vec::new();
    for sheets in &split {
        for k in 0..*sheets {
            sheet_in_signature.extend([k, k]);
        }
    }
    for (side, ((left, right), &k)) in imposed
        .pages
        .iter()
        .zip(order.iter().zip(&sheet_in_signature))
    {
        let runs: Vec<(f32, String)> = side
            .marks
            .iter()
            .filter_map(|mark| match mark {
                Mark::Text(run) => Some((run.x, run.text.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].1, left.to_string());
        assert_eq!(runs[1].1, right.to_string());
        assert!(
            (runs[0].0 - (100.0 + creep(k))).abs() < 1e-3,
            "left page of sheet {k}"
        );
        assert!(
            (runs[1].0 - (A5.0 + 100.0 - creep(k))).abs() < 1e-3,
            "right page of sheet {k}"
        );
    }
}

#[test]
fn the_service_handbook_keeps_headings_with_their_text_charts_whole_and_no_page_nearly_empty() {
    use bianmin::print::page::{A5, Role, mm};
    use std::collections::HashMap;
    let content = bianmin::content::shipped().unwrap();
    let document = HandbookKind::Service.document(&content, printed_at());
    let pages = &document.pages;
    // The body's measure on an A5 page (the running head is above, the page number below).
    let (top, bottom) = (A5.1 - mm(20.0), mm(18.0));
    let in_body = |bounds: (f32, f32, f32, f32)| bounds.3 <= top + 1.0 && bounds.1 >= bottom - 1.0;
    let tagged: Vec<usize> = (0..pages.len())
        .filter(|&i| !pages[i].tags.is_empty())
        .collect();
    let (first, last) = (tagged[0], *tagged.last().unwrap());
    let mut figures: HashMap<u32, usize> = HashMap::new();
    let mut problems = Vec::new();
    for index in first..=last {
        let page = &pages[index];
        let number = index + 1;
        for tag in page.tags.iter().filter(|tag| tag.role == Role::Heading) {
            let followed = page.marks.iter().any(|mark| {
                let bounds = mark.bounds();
                in_body(bounds) && bounds.3 < tag.bottom + 0.5
            });
            if !followed {
                problems.push(format!(
                    "page {number}: a heading is the last thing on the page"
                ));
            }
        }
        for tag in &page.tags {
            if let Role::Figure(figure) = tag.role {
                let first_page = *figures.entry(figure).or_insert(index);
                if first_page != index {
                    problems.push(format!(
                        "the flow chart of item {figure:02} runs from page {} to page {number}",
                        first_page + 1
                    ));
                }
            }
        }
        let lowest = page
            .marks
            .iter()
            .map(|mark| mark.bounds())
            .filter(|&bounds| in_body(bounds))
            .map(|bounds| bounds.1)
            .fold(top, f32::min);
        let filled = (top - lowest) / (top - bottom);
        let ends_chapter = index == last
            || pages[index + 1]
                .tags
                .iter()
                .any(|tag| tag.role == Role::Chapter);
        if filled < 0.25 && !ends_chapter {
            problems.push(format!(
                "page {number} is only {:.0} % full",
                filled * 100.0
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(figures.len() >= 30, "flow charts tagged: {}", figures.len());
}

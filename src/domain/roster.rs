//! A village roster (花名册) as staff keep it in a spreadsheet: which column is which (headers
//! written the way people write them), and every row checked with the desk's own household form
//! ([`HouseholdForm::check`]) plus what only a whole file can get wrong: the same person twice,
//! a person already registered. Pure: the rows come from a file reader, the registered people
//! from the store.
//!
//! One row is one household. When the roster has a 与户主关系 column it lists people instead:
//! a row whose relation is 户主 (or 本人, or empty) starts a household, and the rows below it
//! with another relation are its members.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::hall::Village;
use super::household::{FieldError, Household, HouseholdField, HouseholdForm, MemberForm};
use super::id_number::IdNumber;
use super::text::to_halfwidth;

/// One row of the file, numbered as the spreadsheet shows it (the first row is 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub number: usize,
    pub cells: Vec<String>,
}

/// The fields a roster column can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RosterField {
    HeadName,
    IdNumber,
    Village,
    Group,
    Phone,
    /// 与户主关系: present only in rosters that list people rather than households.
    Relation,
}

impl RosterField {
    /// Every field a household roster must have.
    pub const REQUIRED: [RosterField; 5] = [
        RosterField::HeadName,
        RosterField::IdNumber,
        RosterField::Village,
        RosterField::Group,
        RosterField::Phone,
    ];

    /// A stable name for JSON reports.
    pub fn code(self) -> &'static str {
        match self {
            RosterField::HeadName => "head_name",
            RosterField::IdNumber => "id_number",
            RosterField::Village => "village",
            RosterField::Group => "group",
            RosterField::Phone => "phone",
            RosterField::Relation => "relation",
        }
    }

    /// The header names staff write, most usual first. A header that is none of these exactly
    /// is still recognised by [`match_header`] when it contains the field's key word.
    fn names(self) -> &'static [&'static str] {
        match self {
            RosterField::HeadName => &["户主姓名", "户主", "姓名", "户主名", "户名", "户主名称"],
            RosterField::IdNumber => &[
                "身份证号",
                "身份证号码",
                "公民身份号码",
                "身份证",
                "户主身份证号",
                "户主身份证号码",
                "证件号码",
            ],
            RosterField::Village => &["村", "村名", "行政村", "所在村", "村别", "村委会"],
            RosterField::Group => &["组", "村民小组", "社", "小组", "组别", "组号", "队"],
            RosterField::Phone => &[
                "电话",
                "联系电话",
                "手机号",
                "手机",
                "手机号码",
                "电话号码",
                "联系方式",
            ],
            RosterField::Relation => &["与户主关系", "关系", "家庭关系", "与户主的关系"],
        }
    }
}

/// Columns that rosters often carry and that the household needs no word about: a running
/// number, remarks, and what the ID number already says.
const KNOWN_UNUSED: [&str; 9] = [
    "序号",
    "编号",
    "备注",
    "性别",
    "出生日期",
    "出生年月",
    "年龄",
    "民族",
    "家庭人口",
];

/// What the header says: the column of each field, and what was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The row the header is on.
    pub row: usize,
    /// Field → (column index, the header as written).
    pub columns: HashMap<RosterField, (usize, String)>,
    pub notes: Vec<ColumnNote>,
    pub missing: Vec<RosterField>,
}

/// A column that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnNote {
    /// No field has this name: the column is left out.
    Unknown { header: String },
    /// Another column already gives this field: this one is left out.
    Repeated { header: String, used: String },
}

/// A header as compared: no spaces, half-width, without a required-mark or a parenthesised
/// hint (身份证号（18位） → 身份证号).
fn normalise(header: &str) -> String {
    let mut text = String::new();
    let mut depth = 0_usize;
    for c in to_halfwidth(header).chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            '*' | ':' | '：' => {}
            c if c.is_whitespace() => {}
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    text
}

/// The field a header names, and how good the match is (lower is better).
fn field_of(header: &str, people: bool) -> Option<(RosterField, usize)> {
    let name = normalise(header);
    if name.is_empty() {
        return None;
    }
    for field in [
        RosterField::IdNumber,
        RosterField::Phone,
        RosterField::Relation,
        RosterField::Group,
        RosterField::Village,
        RosterField::HeadName,
    ] {
        if let Some(rank) = field.names().iter().position(|known| *known == name) {
            // In a list of people, 姓名 is the person's name and the head's is only repeated.
            let rank = match (field, people, name.as_str()) {
                (RosterField::HeadName, true, "姓名") => 0,
                (RosterField::HeadName, true, _) => rank + 1,
                _ => rank,
            };
            return Some((field, rank));
        }
    }
    if KNOWN_UNUSED.contains(&name.as_str()) {
        return None;
    }
    // Not an exact name: the key word decides, in an order that keeps 户主身份证号 an ID number
    // and 村民小组 a group.
    let contains = |words: &[&str]| words.iter().any(|word| name.contains(word));
    let field = if contains(&["身份证", "身份号码", "证件号"]) {
        RosterField::IdNumber
    } else if contains(&["电话", "手机"]) {
        RosterField::Phone
    } else if contains(&["关系"]) {
        RosterField::Relation
    } else if contains(&["小组", "组别"]) || name.ends_with('组') || name.ends_with('社') {
        RosterField::Group
    } else if name.ends_with('村') || contains(&["村名", "行政村"]) {
        RosterField::Village
    } else if contains(&["姓名"]) {
        RosterField::HeadName
    } else {
        return None;
    };
    Some((field, 100))
}

/// How many header cells of `cells` name a required field.
fn required_found(cells: &[String]) -> usize {
    let mut found: Vec<RosterField> = cells
        .iter()
        .filter_map(|cell| field_of(cell, false).map(|(field, _)| field))
        .filter(|field| RosterField::REQUIRED.contains(field))
        .collect();
    found.sort();
    found.dedup();
    found.len()
}

/// Rows above the header that a roster may have (a title, the village, the date).
const HEADER_SEARCH_ROWS: usize = 10;

/// Finds the header: the first of the top rows naming at least two required fields (a title
/// row above it is common), else the first row with anything in it.
pub fn match_header(rows: &[SheetRow]) -> Option<Header> {
    let filled = rows
        .iter()
        .filter(|row| row.cells.iter().any(|cell| !cell.trim().is_empty()));
    let mut top = filled.take(HEADER_SEARCH_ROWS).peekable();
    let first = top.peek().copied()?;
    let header = top
        .find(|row| required_found(&row.cells) >= 2)
        .unwrap_or(first);
    let people = header
        .cells
        .iter()
        .any(|cell| matches!(field_of(cell, false), Some((RosterField::Relation, _))));
    let mut best: HashMap<RosterField, (usize, usize, String)> = HashMap::new();
    let mut notes = Vec::new();
    for (index, cell) in header.cells.iter().enumerate() {
        let written = cell.trim().to_owned();
        match field_of(cell, people) {
            None if written.is_empty() || KNOWN_UNUSED.contains(&normalise(cell).as_str()) => {}
            None => notes.push(ColumnNote::Unknown { header: written }),
            Some((field, rank)) => match best.get(&field) {
                Some((held, _, used)) if *held <= rank => notes.push(ColumnNote::Repeated {
                    header: written,
                    used: used.clone(),
                }),
                Some((_, _, replaced)) => {
                    notes.push(ColumnNote::Repeated {
                        header: replaced.clone(),
                        used: written.clone(),
                    });
                    best.insert(field, (rank, index, written));
                }
                None => {
                    best.insert(field, (rank, index, written));
                }
            },
        }
    }
    let columns: HashMap<RosterField, (usize, String)> = best
        .into_iter()
        .map(|(field, (_, index, written))| (field, (index, written)))
        .collect();
    let missing = RosterField::REQUIRED
        .into_iter()
        .filter(|field| !columns.contains_key(field))
        .collect();
    Some(Header {
        row: header.number,
        columns,
        notes,
        missing,
    })
}

/// What is wrong, in a row or with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterError {
    /// The file has nothing in it.
    Empty,
    /// The header has no column for this field.
    MissingColumn(RosterField),
    /// Below the header there is no household.
    NoHouseholds,
    /// What the desk's form would say about this field.
    Field(FieldError),
    /// A village that is not among the hall's villages (the name as written).
    UnknownVillage(String),
    /// The same ID number on an earlier row of the file.
    RepeatedInFile { first_row: usize },
    /// The person is registered already, in this household.
    AlreadyRegistered { household: String },
    /// A member row with no household row above it.
    MemberWithoutHead,
}

/// One problem, where staff will find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterProblem {
    /// The spreadsheet row; none for a problem with the whole file.
    pub row: Option<usize>,
    pub field: Option<RosterField>,
    /// The column's header as written in the file.
    pub column: Option<String>,
    pub error: RosterError,
}

/// A household ready to store, with the row it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterHousehold {
    pub row: usize,
    pub household: Household,
}

/// The whole roster checked: the households it gives, and everything that stops it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterCheck {
    pub header_row: Option<usize>,
    pub households: Vec<RosterHousehold>,
    pub problems: Vec<RosterProblem>,
    pub notes: Vec<ColumnNote>,
}

impl RosterCheck {
    /// Nothing stops the import.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && !self.households.is_empty()
    }
}

/// What a roster is checked against: the hall's villages, who is registered already (ID
/// number → household id), today (no one is born tomorrow), and where new ids come from.
pub struct RosterContext<'a, F: FnMut() -> String> {
    pub villages: &'a [Village],
    pub registered: &'a HashMap<IdNumber, String>,
    pub today: NaiveDate,
    pub new_id: F,
}

/// A household's rows: the head's row and its members' rows.
struct Group<'r> {
    head: &'r SheetRow,
    members: Vec<&'r SheetRow>,
}

/// Checks every row below the header; see the module's note.
pub fn check_roster<F: FnMut() -> String>(
    rows: &[SheetRow],
    context: &mut RosterContext<'_, F>,
) -> RosterCheck {
    let Some(header) = match_header(rows) else {
        return RosterCheck {
            problems: vec![file_problem(RosterError::Empty)],
            ..RosterCheck::default()
        };
    };
    let mut check = RosterCheck {
        header_row: Some(header.row),
        notes: header.notes.clone(),
        ..RosterCheck::default()
    };
    if !header.missing.is_empty() {
        check.problems = header
            .missing
            .iter()
            .map(|field| RosterProblem {
                field: Some(*field),
                ..file_problem(RosterError::MissingColumn(*field))
            })
            .collect();
        return check;
    }
    let cell = |row: &SheetRow, field: RosterField| -> String {
        header
            .columns
            .get(&field)
            .and_then(|(index, _)| row.cells.get(*index))
            .map(|text| text.trim().to_owned())
            .unwrap_or_default()
    };
    let problem = |row: &SheetRow, field: RosterField, error: RosterError| RosterProblem {
        row: Some(row.number),
        field: Some(field),
        column: header.columns.get(&field).map(|(_, name)| name.clone()),
        error,
    };
    let mut groups: Vec<Group<'_>> = Vec::new();
    for row in rows.iter().filter(|row| row.number > header.row) {
        if row.cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let relation = cell(row, RosterField::Relation);
        let is_head = matches!(relation.as_str(), "" | "户主" | "本人");
        match groups.last_mut() {
            Some(group) if !is_head => group.members.push(row),
            None if !is_head => check.problems.push(problem(
                row,
                RosterField::Relation,
                RosterError::MemberWithoutHead,
            )),
            _ => groups.push(Group {
                head: row,
                members: Vec::new(),
            }),
        }
    }
    if groups.is_empty() && check.problems.is_empty() {
        check.problems.push(file_problem(RosterError::NoHouseholds));
    }
    let mut seen: HashMap<IdNumber, (usize, usize)> = HashMap::new();
    for (index, group) in groups.iter().enumerate() {
        let village = resolve_village(context.villages, &cell(group.head, RosterField::Village));
        let form = HouseholdForm {
            head_name: cell(group.head, RosterField::HeadName),
            id_number: cell(group.head, RosterField::IdNumber),
            phone: cell(group.head, RosterField::Phone),
            village: village.clone(),
            group: group_number(&cell(group.head, RosterField::Group)),
            members: group
                .members
                .iter()
                .map(|row| MemberForm {
                    name: cell(row, RosterField::HeadName),
                    id_number: cell(row, RosterField::IdNumber),
                    relation: cell(row, RosterField::Relation),
                })
                .collect(),
        };
        let mut problems = Vec::new();
        // The same person twice in the file, or registered already.
        for row in std::iter::once(group.head).chain(group.members.iter().copied()) {
            let Ok(number) = IdNumber::parse(&cell(row, RosterField::IdNumber)) else {
                continue;
            };
            match seen.get(&number) {
                // Twice in one household: the form says so.
                Some((_, first_group)) if *first_group == index => {}
                Some((first_row, _)) => problems.push(problem(
                    row,
                    RosterField::IdNumber,
                    RosterError::RepeatedInFile {
                        first_row: *first_row,
                    },
                )),
                None => {
                    if let Some(household) = context.registered.get(&number) {
                        problems.push(problem(
                            row,
                            RosterField::IdNumber,
                            RosterError::AlreadyRegistered {
                                household: household.clone(),
                            },
                        ));
                    }
                    seen.insert(number, (row.number, index));
                }
            }
        }
        let groups_of = |name: &str| {
            context
                .villages
                .iter()
                .find(|known| known.name == name)
                .map(|known| known.groups)
        };
        match form.check((context.new_id)(), context.today, groups_of) {
            Ok(household) if problems.is_empty() => check.households.push(RosterHousehold {
                row: group.head.number,
                household,
            }),
            Ok(_) => {}
            Err(errors) => {
                for (field, error) in errors {
                    let (row, field) = match field {
                        HouseholdField::HeadName => (group.head, RosterField::HeadName),
                        HouseholdField::IdNumber => (group.head, RosterField::IdNumber),
                        HouseholdField::Phone => (group.head, RosterField::Phone),
                        HouseholdField::Village => (group.head, RosterField::Village),
                        HouseholdField::Group => (group.head, RosterField::Group),
                        HouseholdField::MemberName(i) => (group.members[i], RosterField::HeadName),
                        HouseholdField::MemberIdNumber(i) => {
                            (group.members[i], RosterField::IdNumber)
                        }
                        HouseholdField::MemberRelation(i) => {
                            (group.members[i], RosterField::Relation)
                        }
                    };
                    let error = match error {
                        FieldError::UnknownVillage => RosterError::UnknownVillage(village.clone()),
                        other => RosterError::Field(other),
                    };
                    problems.push(problem(row, field, error));
                }
            }
        }
        check.problems.extend(problems);
    }
    check
        .problems
        .sort_by_key(|problem| (problem.row, problem.field));
    check
}

fn file_problem(error: RosterError) -> RosterProblem {
    RosterProblem {
        row: None,
        field: None,
        column: None,
        error,
    }
}

/// The hall's name for a village as written: exact, or without its 村 (高台 → 高台村).
fn resolve_village(villages: &[Village], written: &str) -> String {
    let written = normalise(written);
    if villages.iter().any(|village| village.name == written) {
        return written;
    }
    let with_suffix = format!("{written}村");
    villages
        .iter()
        .find(|village| village.name == with_suffix)
        .map_or(written, |village| village.name.clone())
}

/// A group as written (3, 3组, 第三组, 三社) as the form's digits; anything else is left as it
/// was for the form to refuse.
pub fn group_number(written: &str) -> String {
    let text = normalise(written);
    let core = text.strip_prefix('第').unwrap_or(&text);
    let core = ["村民小组", "小组", "组", "社", "队"]
        .iter()
        .find_map(|suffix| core.strip_suffix(suffix))
        .unwrap_or(core);
    if !core.is_empty() && core.bytes().all(|b| b.is_ascii_digit()) {
        return core.trim_start_matches('0').to_owned();
    }
    chinese_number(core).map_or(text, |n| n.to_string())
}

/// 一 … 九十九 as a number.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    let value = match chars.as_slice() {
        [one] if *one == '十' => 10,
        [one] => digit(*one)?,
        ['十', ones] => 10 + digit(*ones)?,
        [tens, '十'] => digit(*tens)? * 10,
        [tens, '十', ones] => digit(*tens)? * 10 + digit(*ones)?,
        _ => return None,
    };
    u32::try_from(value).ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id_number::IdNumberError;

    fn rows(lines: &[&[&str]]) -> Vec<SheetRow> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| SheetRow {
                number: i + 1,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect()
    }

    fn villages() -> Vec<Village> {
        vec![
            Village {
                name: "高台村".into(),
                groups: 6,
            },
            Village {
                name: "老庄村".into(),
                groups: 7,
            },
        ]
    }

    fn check(lines: &[&[&str]], registered: &HashMap<IdNumber, String>) -> RosterCheck {
        let villages = villages();
        let mut n = 0;
        let mut context = RosterContext {
            villages: &villages,
            registered,
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            new_id: || {
                n += 1;
                format!("h{n}")
            },
        };
        check_roster(&rows(lines), &mut context)
    }

    const HEAD: &[&str] = &["户主姓名", "身份证号码", "村", "组", "联系电话"];

    #[test]
    fn headers_are_matched_as_staff_write_them() {
        let header = match_header(&rows(&[&[
            "序号",
            " 户主 ",
            "公民身份号码（18位）",
            "行政村",
            "村民小组",
            "手机号*",
            "备注",
            "土地面积",
        ]]))
        .unwrap();
        assert!(header.missing.is_empty(), "{header:?}");
        assert_eq!(header.columns[&RosterField::HeadName].0, 1);
        assert_eq!(header.columns[&RosterField::IdNumber].0, 2);
        assert_eq!(header.columns[&RosterField::Village].0, 3);
        assert_eq!(header.columns[&RosterField::Group].0, 4);
        assert_eq!(header.columns[&RosterField::Phone].0, 5);
        assert_eq!(
            header.notes,
            vec![ColumnNote::Unknown {
                header: "土地面积".into()
            }]
        );
    }

    #[test]
    fn a_title_row_above_the_header_is_passed_over() {
        let header = match_header(&rows(&[&["高台村花名册"], &[], HEAD])).unwrap();
        assert_eq!(header.row, 3);
        assert!(header.missing.is_empty());
    }

    #[test]
    fn missing_required_columns_are_named() {
        let checked = check(&[&["姓名", "村名", "社"]], &HashMap::new());
        let missing: Vec<RosterError> = checked.problems.into_iter().map(|p| p.error).collect();
        assert_eq!(
            missing,
            vec![
                RosterError::MissingColumn(RosterField::IdNumber),
                RosterError::MissingColumn(RosterField::Phone),
            ]
        );
    }

    #[test]
    fn a_second_column_for_the_same_field_is_left_out_with_a_note() {
        let header = match_header(&rows(&[&[
            "户主姓名",
            "身份证号",
            "村",
            "组",
            "电话",
            "手机号",
        ]]))
        .unwrap();
        assert_eq!(header.columns[&RosterField::Phone].1, "电话");
        assert_eq!(
            header.notes,
            vec![ColumnNote::Repeated {
                header: "手机号".into(),
                used: "电话".into()
            }]
        );
    }

    #[test]
    fn groups_are_read_as_staff_write_them() {
        for (written, read) in [
            ("3", "3"),
            ("03", "3"),
            ("3组", "3"),
            ("第3组", "3"),
            ("第三组", "3"),
            ("十二社", "12"),
            ("二十", "20"),
            ("三村民小组", "3"),
            ("甲", "甲"),
        ] {
            assert_eq!(group_number(written), read, "{written}");
        }
    }

    #[test]
    fn good_rows_give_households_with_their_rows_and_a_village_without_its_suffix() {
        let checked = check(
            &[
                HEAD,
                &["王堃", "34052419800101001x", "高台", "3组", "138 1234 5678"],
                &["李玥", "11010519491231002X", "老庄村", "7", "0934-5581001"],
            ],
            &HashMap::new(),
        );
        assert!(checked.is_clean(), "{checked:?}");
        assert_eq!(checked.households.len(), 2);
        assert_eq!(checked.households[0].row, 2);
        assert_eq!(checked.households[0].household.village, "高台村");
        assert_eq!(checked.households[0].household.group, 3);
        assert_eq!(checked.households[1].household.id, "h2");
    }

    #[test]
    fn every_bad_row_is_reported_with_its_row_and_column() {
        let checked = check(
            &[
                HEAD,
                &["王堃", "34052419800101001X", "高台村", "3", "13812345678"],
                &["赵德胜", "340524198001010013", "高台村", "3", "13812345679"],
                &["王堃", "34052419800101001X", "高台村", "3", "13812345678"],
                &[
                    "刘桂兰",
                    "11010519491231002X",
                    "不存在村",
                    "1",
                    "13612345672",
                ],
                &["", "", "", "", ""],
                &["张三", "", "老庄村", "8", "123"],
            ],
            &HashMap::new(),
        );
        assert!(!checked.is_clean());
        let found: Vec<(Option<usize>, Option<RosterField>, RosterError)> = checked
            .problems
            .iter()
            .map(|p| (p.row, p.field, p.error.clone()))
            .collect();
        use RosterField as F;
        assert_eq!(
            found,
            vec![
                (
                    Some(3),
                    Some(F::IdNumber),
                    RosterError::Field(FieldError::IdNumber(IdNumberError::BadCheckDigit {
                        expected: 'X'
                    }))
                ),
                (
                    Some(4),
                    Some(F::IdNumber),
                    RosterError::RepeatedInFile { first_row: 2 }
                ),
                (
                    Some(5),
                    Some(F::Village),
                    RosterError::UnknownVillage("不存在村".into())
                ),
                (
                    Some(7),
                    Some(F::IdNumber),
                    RosterError::Field(FieldError::IdNumber(IdNumberError::Empty))
                ),
                (
                    Some(7),
                    Some(F::Group),
                    RosterError::Field(FieldError::NoSuchGroup { groups: 7 })
                ),
                (
                    Some(7),
                    Some(F::Phone),
                    RosterError::Field(FieldError::Phone(
                        crate::domain::phone::PhoneError::WrongLength(3)
                    ))
                ),
            ]
        );
        assert_eq!(checked.problems[0].column.as_deref(), Some("身份证号码"));
    }

    #[test]
    fn a_person_already_registered_is_refused_with_the_household_holding_them() {
        let registered = HashMap::from([(
            IdNumber::parse("11010519491231002X").unwrap(),
            "old-household".to_owned(),
        )]);
        let checked = check(
            &[
                HEAD,
                &["李玥", "11010519491231002X", "老庄村", "7", "13612345672"],
            ],
            &registered,
        );
        assert_eq!(
            checked.problems[0].error,
            RosterError::AlreadyRegistered {
                household: "old-household".into()
            }
        );
        assert!(checked.households.is_empty());
    }

    #[test]
    fn a_list_of_people_gives_households_with_their_members() {
        let checked = check(
            &[
                &[
                    "姓名",
                    "与户主关系",
                    "身份证号",
                    "户主姓名",
                    "村",
                    "组",
                    "电话",
                ],
                &[
                    "王堃",
                    "户主",
                    "34052419800101001X",
                    "王堃",
                    "高台村",
                    "3",
                    "13812345678",
                ],
                &["李玥", "配偶", "11010519491231002X", "王堃", "", "", ""],
                &[
                    "张秀英",
                    "本人",
                    "62102319900615003X",
                    "张秀英",
                    "老庄村",
                    "1",
                    "13912345670",
                ],
            ],
            &HashMap::new(),
        );
        // 62102319900615003X has a wrong check character: that row is named, the rest is fine.
        assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
        assert_eq!(checked.problems[0].row, Some(4));
        let wang = &checked.households[0].household;
        assert_eq!(wang.head_name, "王堃");
        assert_eq!(wang.members.len(), 1);
        assert_eq!(wang.members[0].name, "李玥");
        assert_eq!(wang.members[0].relation, "配偶");
    }

    #[test]
    fn a_member_row_above_every_household_is_refused() {
        let checked = check(
            &[
                &["姓名", "与户主关系", "身份证号", "村", "组", "电话"],
                &["李玥", "配偶", "11010519491231002X", "高台村", "3", ""],
            ],
            &HashMap::new(),
        );
        assert_eq!(checked.problems[0].error, RosterError::MemberWithoutHead);
        assert_eq!(checked.problems[0].row, Some(2));
    }

    #[test]
    fn an_empty_file_and_a_header_alone_are_refused() {
        assert_eq!(
            check(&[], &HashMap::new()).problems[0].error,
            RosterError::Empty
        );
        assert_eq!(
            check(&[HEAD], &HashMap::new()).problems[0].error,
            RosterError::NoHouseholds
        );
    }
}

//! Reads the hall's content (TOML files) into domain types, reporting every problem by file,
//! entry and field.

mod error;
mod file_set;
mod files;
pub mod folder;
mod render;
pub mod words;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;

pub use error::{ContentError, problem_text};
pub use file_set::FileSet;
pub use files::{ContentFiles, Folder, ReadFailure, Shipped, WithHall, write_folder};
pub use render::render;

use crate::domain::content::EntryKind;
use crate::domain::{
    Board, Category, Content, HallProfile, KioskSettings, Notice, Policy, Problem, ServiceItem,
    ServiceWindow, Village,
};

const MANIFEST: &str = "manifest.toml";
/// The hall's own file: its profile, windows and kiosk settings.
pub const HALL: &str = "hall.toml";
const CATEGORIES: &str = "categories.toml";
const POLICIES: &str = "policies.toml";
const NOTICES: &str = "notices.toml";
/// The township's villages: the hall's own, like [`HALL`].
pub const VILLAGES: &str = "villages.toml";
/// Every content file but the items.
const FILES: [&str; 6] = [MANIFEST, HALL, CATEGORIES, POLICIES, NOTICES, VILLAGES];

/// The content shipped with this build.
pub fn shipped() -> Result<Content, Vec<ContentError>> {
    load(&Shipped)
}

/// The version of the content shipped with this build (its manifest alone: cheap).
pub fn shipped_version() -> Option<String> {
    let manifest = Shipped.read(MANIFEST).ok().flatten()?;
    let table = manifest.parse::<toml::Table>().ok()?;
    table.get("version")?.as_str().map(str::to_owned)
}

/// A content folder with the layout of `assets/content`.
pub fn load_dir(path: &Path) -> Result<Content, Vec<ContentError>> {
    load(&Folder(path.to_path_buf()))
}

/// Every file of `source` read once, then loaded and checked: the content and the very files it
/// came from.
pub fn load_files(source: &dyn ContentFiles) -> Result<(Content, FileSet), Vec<ContentError>> {
    let files = FileSet::read_from(source)?;
    let content = load(&files)?;
    Ok((content, files))
}

/// Loads and checks every file; returns all problems found, not just the first.
pub fn load(files: &dyn ContentFiles) -> Result<Content, Vec<ContentError>> {
    let mut reader = Reader {
        files,
        errors: Vec::new(),
        origins: HashMap::new(),
        broken: HashSet::new(),
    };

    let manifest = reader.table(MANIFEST);
    let version = manifest
        .as_ref()
        .and_then(|table| table.get("version"))
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
        .to_owned();

    let hall_table = reader.table(HALL);
    let hall = hall_table
        .as_ref()
        .and_then(|table| reader.single::<HallProfile>(HALL, table, "hall", true));
    let kiosk = hall_table
        .as_ref()
        .and_then(|table| reader.single::<KioskSettings>(HALL, table, "kiosk", false))
        .unwrap_or_default();
    let windows: Vec<ServiceWindow> = reader.entries(HALL, hall_table.as_ref(), "window", |_| None);

    let categories_table = reader.table(CATEGORIES);
    let categories: Vec<Category> = reader.entries(
        CATEGORIES,
        categories_table.as_ref(),
        "category",
        |c: &Category| Some((EntryKind::Category, c.id.clone())),
    );

    let mut items: Vec<ServiceItem> = Vec::new();
    match files.item_files() {
        Ok(names) if !names.is_empty() => {
            for name in names {
                let table = reader.table(&name);
                items.extend(reader.entries(
                    &name,
                    table.as_ref(),
                    "item",
                    |item: &ServiceItem| Some((EntryKind::Item, item.id.clone())),
                ));
            }
        }
        Ok(_) => reader.error("items/", "item", "item", Problem::EmptyList),
        Err(error) => reader.error(
            "items/",
            "item",
            "item",
            Problem::Invalid(error.to_string()),
        ),
    }
    items.sort_by_key(|item| item.number);

    let policies_table = reader.table(POLICIES);
    let policies: Vec<Policy> =
        reader.entries(POLICIES, policies_table.as_ref(), "policy", |p: &Policy| {
            Some((EntryKind::Policy, p.id.clone()))
        });

    let notices_table = reader.table(NOTICES);
    let boards: Vec<Board> =
        reader.entries(NOTICES, notices_table.as_ref(), "board", |b: &Board| {
            Some((EntryKind::Board, b.id.clone()))
        });
    let notices: Vec<Notice> =
        reader.entries(NOTICES, notices_table.as_ref(), "notice", |n: &Notice| {
            Some((EntryKind::Notice, n.id.clone()))
        });

    let villages_table = reader.table(VILLAGES);
    let villages: Vec<Village> = reader.entries(
        VILLAGES,
        villages_table.as_ref(),
        "village",
        |v: &Village| Some((EntryKind::Village, v.name.clone())),
    );

    let Some(hall) = hall else {
        return Err(reader.errors);
    };
    let content = Content {
        version,
        hall,
        windows,
        kiosk,
        categories,
        items,
        policies,
        boards,
        notices,
        villages,
    };
    for problem in content.problems() {
        if let Problem::UnknownReference(name) = &problem.problem.problem
            && reader.broken.contains(name)
        {
            continue;
        }
        let file = reader.file_of(problem.kind, &problem.entry);
        reader.error(
            &file,
            &problem.entry,
            &problem.problem.field,
            problem.problem.problem,
        );
    }
    if reader.errors.is_empty() {
        Ok(content)
    } else {
        Err(reader.errors)
    }
}

struct Reader<'a> {
    files: &'a dyn ContentFiles,
    errors: Vec<ContentError>,
    /// Which file each item, category, policy, board and notice came from.
    origins: HashMap<(EntryKind, String), String>,
    /// Entries that did not decode: references to them are not reported a second time.
    broken: HashSet<String>,
}

impl Reader<'_> {
    fn error(&mut self, file: &str, entry: &str, field: &str, problem: Problem) {
        self.errors.push(ContentError {
            file: file.to_owned(),
            entry: entry.to_owned(),
            field: field.to_owned(),
            problem,
        });
    }

    /// A whole file parsed as a TOML table; problems are recorded and give None.
    fn table(&mut self, file: &str) -> Option<toml::Table> {
        match self.files.read(file) {
            Ok(Some(text)) => match text.parse::<toml::Table>() {
                Ok(table) => Some(table),
                Err(error) => {
                    let detail = error.message().to_owned();
                    let place = error
                        .span()
                        .map(|span| line_of(&text, span.start))
                        .map(|line| format!("line {line}"))
                        .unwrap_or_default();
                    self.error(file, &place, "-", Problem::Invalid(detail));
                    None
                }
            },
            Ok(None) => {
                self.error(file, "-", "-", Problem::Invalid("file not found".into()));
                None
            }
            Err(ReadFailure::Io(error)) => {
                self.error(file, "-", "-", Problem::Invalid(error.to_string()));
                None
            }
            Err(ReadFailure::Refused(problem)) => {
                self.error(file, "-", "-", problem);
                None
            }
        }
    }

    /// Refuses what no real content holds, before decoding: ids that are not plain slugs and
    /// text of absurd length, named by their field path. True when the entry is acceptable.
    fn sane(&mut self, file: &str, entry: &str, value: &toml::Value) -> bool {
        let mut problems = Vec::new();
        raw_problems(value, "", &mut problems);
        let ok = problems.is_empty();
        for (field, problem) in problems {
            self.error(file, entry, &field, problem);
        }
        if !ok {
            self.broken.insert(entry.to_owned());
        }
        ok
    }

    /// One `[key]` table of a file.
    fn single<T: DeserializeOwned>(
        &mut self,
        file: &str,
        table: &toml::Table,
        key: &str,
        required: bool,
    ) -> Option<T> {
        match table.get(key) {
            Some(value) if !self.sane(file, key, value) => None,
            Some(value) => self.decode(file, key, value),
            None => {
                if required {
                    self.error(file, key, key, Problem::EmptyList);
                }
                None
            }
        }
    }

    /// Every `[[key]]` entry of a file that decodes; each entry that does not is reported by id.
    fn entries<T: DeserializeOwned>(
        &mut self,
        file: &str,
        table: Option<&toml::Table>,
        key: &str,
        origin: impl Fn(&T) -> Option<(EntryKind, String)>,
    ) -> Vec<T> {
        let Some(table) = table else {
            return Vec::new();
        };
        let Some(values) = table.get(key).and_then(toml::Value::as_array) else {
            self.error(file, key, key, Problem::EmptyList);
            return Vec::new();
        };
        let mut decoded = Vec::new();
        for (index, value) in values.iter().enumerate() {
            let entry = value
                .get("id")
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{key}[{index}]"));
            if !self.sane(file, &entry, value) {
                continue;
            }
            if let Some(item) = self.decode::<T>(file, &entry, value) {
                if let Some(origin) = origin(&item) {
                    self.origins.insert(origin, file.to_owned());
                }
                decoded.push(item);
            }
        }
        decoded
    }

    fn decode<T: DeserializeOwned>(
        &mut self,
        file: &str,
        entry: &str,
        value: &toml::Value,
    ) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(decoded) => Some(decoded),
            Err(error) => {
                let path = error.path().to_string();
                let full = error.inner().to_string();
                let detail = full.lines().next().unwrap_or_default().to_owned();
                // serde names a missing field only in its message: "missing field `x`".
                let missing = detail
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split('`').next());
                let field = match (path.as_str(), missing) {
                    (".", Some(name)) => name.to_owned(),
                    (".", None) => "-".to_owned(),
                    (_, Some(name)) => format!("{path}.{name}"),
                    (_, None) => path,
                };
                self.broken.insert(entry.to_owned());
                self.error(file, entry, &field, Problem::Invalid(detail));
                None
            }
        }
    }

    fn file_of(&self, kind: EntryKind, entry: &str) -> String {
        match kind {
            EntryKind::Manifest => MANIFEST.to_owned(),
            EntryKind::Hall | EntryKind::Kiosk | EntryKind::Window => HALL.to_owned(),
            _ => self
                .origins
                .get(&(kind, entry.to_owned()))
                .cloned()
                .unwrap_or_else(|| "-".to_owned()),
        }
    }
}

/// The most characters in one text field (the longest shipped text is well under 1,000).
pub const MAX_FIELD_CHARS: usize = 4000;
const MAX_ID_CHARS: usize = 64;

/// Problems of a raw TOML value and everything inside it, with their field paths.
fn raw_problems(value: &toml::Value, path: &str, problems: &mut Vec<(String, Problem)>) {
    match value {
        toml::Value::String(text) => {
            let chars = text.chars().count();
            if chars > MAX_FIELD_CHARS {
                problems.push((
                    path.to_owned(),
                    Problem::TooLong {
                        chars,
                        max: MAX_FIELD_CHARS,
                    },
                ));
            }
        }
        toml::Value::Array(values) => {
            for (index, value) in values.iter().enumerate() {
                raw_problems(value, &format!("{path}[{index}]"), problems);
            }
        }
        toml::Value::Table(table) => {
            for (key, value) in table {
                let field = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if key == "id"
                    && let Some(id) = value.as_str()
                    && !is_slug(id)
                {
                    let shown: String = id.chars().take(MAX_ID_CHARS).collect();
                    problems.push((field.clone(), Problem::NotASlug(shown)));
                }
                raw_problems(value, &field, problems);
            }
        }
        _ => {}
    }
}

/// `a-z`, `0-9` and `-`, starting with a letter or digit, at most 64 characters.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
pub(crate) mod tests;

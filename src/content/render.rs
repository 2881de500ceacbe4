//! Content back into its files, for an edit made on the desk. Every file whose entries did not
//! change is kept exactly as it was, comments and all; a changed file is written anew from its
//! entries, keeping its leading comment and any other top-level keys. An item stays in the file
//! it came from; a new one joins the file of its category's other items.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use toml::{Table, Value};

use super::file_set::{FileSet, is_item_file};
use super::{CATEGORIES, HALL, MANIFEST, NOTICES, POLICIES, VILLAGES, is_slug};
use crate::domain::{Content, ServiceItem};

/// The files of `after`, made from `previous` (the files `before` was loaded from).
pub fn render(
    before: &Content,
    previous: &FileSet,
    after: &Content,
) -> Result<FileSet, toml::ser::Error> {
    let mut files = BTreeMap::new();
    let mut put = |path: &str, same: bool, entries: Vec<(&str, Value)>| {
        let text = match previous.0.get(path) {
            Some(text) if same => text.clone(),
            old => write_file(old.map(String::as_str), entries)?,
        };
        files.insert(path.to_owned(), text);
        Ok::<(), toml::ser::Error>(())
    };
    put(
        MANIFEST,
        before.version == after.version,
        vec![("version", Value::String(after.version.clone()))],
    )?;
    put(
        HALL,
        before.hall == after.hall && before.windows == after.windows && before.kiosk == after.kiosk,
        vec![
            ("hall", value(&after.hall)?),
            ("window", value(&after.windows)?),
            ("kiosk", value(&after.kiosk)?),
        ],
    )?;
    put(
        CATEGORIES,
        before.categories == after.categories,
        vec![("category", value(&after.categories)?)],
    )?;
    put(
        POLICIES,
        before.policies == after.policies,
        vec![("policy", value(&after.policies)?)],
    )?;
    put(
        NOTICES,
        before.boards == after.boards && before.notices == after.notices,
        vec![
            ("board", value(&after.boards)?),
            ("notice", value(&after.notices)?),
        ],
    )?;
    put(
        VILLAGES,
        before.villages == after.villages,
        vec![("village", value(&after.villages)?)],
    )?;

    // Where each item lived, and what each file held.
    let mut home: HashMap<String, String> = HashMap::new();
    let mut held: HashMap<String, HashSet<String>> = HashMap::new();
    for (path, text) in previous.0.iter().filter(|(path, _)| is_item_file(path)) {
        for id in item_ids(text) {
            home.insert(id.clone(), path.clone());
            held.entry(path.clone()).or_default().insert(id);
        }
    }
    let category_home: HashMap<&str, &String> = before
        .items
        .iter()
        .filter_map(|item| Some((item.category.as_str(), home.get(&item.id)?)))
        .collect();
    let mut placed: BTreeMap<String, Vec<&ServiceItem>> = BTreeMap::new();
    for item in &after.items {
        let path = home
            .get(&item.id)
            .or_else(|| category_home.get(item.category.as_str()).copied())
            .cloned()
            .unwrap_or_else(|| new_item_file(&item.category));
        placed.entry(path).or_default().push(item);
    }
    let was: HashMap<&str, &ServiceItem> = before
        .items
        .iter()
        .map(|item| (item.id.as_str(), item))
        .collect();
    for (path, items) in placed {
        let ids: HashSet<String> = items.iter().map(|item| item.id.clone()).collect();
        let same = held.get(&path) == Some(&ids)
            && items
                .iter()
                .all(|item| was.get(item.id.as_str()) == Some(item));
        let text = match previous.0.get(&path) {
            Some(text) if same => text.clone(),
            old => write_file(old.map(String::as_str), vec![("item", value(&items)?)])?,
        };
        files.insert(path, text);
    }
    Ok(FileSet(files))
}

fn value<T: Serialize + ?Sized>(entries: &T) -> Result<Value, toml::ser::Error> {
    Value::try_from(entries)
}

/// A file for a category with no item file yet.
fn new_item_file(category: &str) -> String {
    let name = if is_slug(category) { category } else { "other" };
    format!("items/{name}.toml")
}

/// The ids of the `[[item]]` entries of an item file (none when it does not parse).
fn item_ids(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<Table>() else {
        return Vec::new();
    };
    table
        .get("item")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// A file with `entries` (in this order), after the old file's leading comment and with its
/// other top-level keys where they were.
fn write_file(old: Option<&str>, entries: Vec<(&str, Value)>) -> Result<String, toml::ser::Error> {
    let mut table = Table::new();
    let mut entries: Vec<(&str, Option<Value>)> = entries
        .into_iter()
        .map(|(key, value)| (key, Some(value)))
        .collect();
    let old_table = old
        .and_then(|text| text.parse::<Table>().ok())
        .unwrap_or_default();
    for (key, old_value) in old_table {
        match entries.iter_mut().find(|(name, _)| *name == key) {
            Some((_, new)) => {
                if let Some(new) = new.take() {
                    table.insert(key, new);
                }
            }
            None => {
                table.insert(key, old_value);
            }
        }
    }
    for (key, value) in entries {
        if let Some(value) = value {
            table.insert(key.to_owned(), value);
        }
    }
    let mut text = old.map(leading_comment).unwrap_or_default();
    text.push_str(&toml::to_string(&table)?);
    Ok(text)
}

/// The comment lines a file starts with, and the blank line after them.
fn leading_comment(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .take_while(|line| line.trim_start().starts_with('#'))
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("{}\n\n", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Shipped, load};
    use crate::domain::{ItemKind, Material};

    fn shipped() -> (Content, FileSet) {
        let files = FileSet::read_from(&Shipped).unwrap();
        (load(&files).unwrap(), files)
    }

    #[test]
    fn unchanged_content_keeps_every_file_as_it_was() {
        let (content, files) = shipped();
        assert_eq!(render(&content, &files, &content).unwrap(), files);
    }

    #[test]
    fn an_edited_item_rewrites_its_own_file_only_and_loads_back_as_edited() {
        let (before, files) = shipped();
        let mut after = before.clone();
        let item = &mut after.items[11];
        item.kind = ItemKind::Promised;
        item.promised_days = 15;
        item.legal_days = None;
        item.materials.push(Material {
            name: "代办委托书".into(),
            required: false,
            copies: 1,
            form: "原件".into(),
            source: "申请人自备".into(),
            check: "有本人签字".into(),
        });
        item.steps[0].detail = "第一行\n\n第二段，带\"引号\"".into();
        let rendered = render(&before, &files, &after).unwrap();
        assert_eq!(load(&rendered).unwrap(), after);
        let changed: Vec<&String> = rendered
            .0
            .iter()
            .filter(|(path, text)| files.0.get(*path) != Some(*text))
            .map(|(path, _)| path)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].starts_with("items/"));
        let text = &rendered.0[changed[0]];
        assert!(
            text.starts_with("# "),
            "the file's leading comment is kept: {text:.80}"
        );
    }

    #[test]
    fn new_and_removed_entries_of_every_file_load_back() {
        let (before, files) = shipped();
        let mut after = before.clone();
        after.hall.follow_up_working_days = 7;
        after.windows[0].name = "综合窗口".into();
        after.villages.remove(0);
        after.policies[0].unverified = false;
        after.notices[0].expires = Some("2027-12-31".parse().unwrap());
        after.notices.remove(1);
        // A new item of an existing category joins its category's file.
        let mut copy = after.items[0].clone();
        copy.id = "pension-copy".into();
        copy.number = 99;
        after.items.push(copy);
        after.items.remove(3);
        let rendered = render(&before, &files, &after).unwrap();
        assert_eq!(load(&rendered).unwrap(), after);
        let home = rendered
            .0
            .iter()
            .find(|(_, text)| text.contains("pension-copy"))
            .map(|(path, _)| path.as_str());
        assert_eq!(home, Some("items/a-social-security.toml"));
        assert!(
            rendered.0[VILLAGES].contains("sample = true"),
            "other top-level keys stay"
        );
    }

    #[test]
    fn a_file_left_without_items_is_dropped() {
        let (before, files) = shipped();
        let mut after = before.clone();
        let first_category = after.items[0].category.clone();
        after.items.retain(|item| item.category != first_category);
        let kept: Vec<String> = after.items.iter().map(|item| item.id.clone()).collect();
        for policy in &mut after.policies {
            policy.related_items.retain(|id| kept.contains(id));
        }
        let rendered = render(&before, &files, &after).unwrap();
        assert!(!rendered.0.contains_key("items/a-social-security.toml"));
        assert_eq!(load(&rendered).unwrap(), after);
    }
}

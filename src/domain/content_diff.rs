//! What changed between two versions of the hall's content, entry by entry and field by field:
//! the summary of an edit in the content history, and what an import will change before it is
//! applied. Field paths are those of the content files (`promised_days`, `material[2].copies`),
//! so a change, a problem and a form field name the same thing.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::content::{Content, EntryKind};

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: EntryKind,
    /// The entry's key: an id, a window's number, a village's name; empty for the hall, the
    /// kiosk settings, the manifest and a whole list's order.
    pub entry: String,
    /// How people know the entry (an item's number and name, a notice's title): as it is after
    /// the change, or as it was when removed.
    pub label: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum What {
    Added,
    Removed,
    /// The entries of this kind are in another order.
    Reordered,
    /// One field, by its path inside the entry.
    Field {
        field: String,
        before: Shown,
        after: Shown,
    },
}

/// A field's value as the history shows it: long texts shortened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Shown {
    Text(String),
    Flag(bool),
    /// No value (an optional field left empty).
    Nothing,
}

/// The most characters of one value kept in a change.
pub const SHOWN_CHARS: usize = 60;

/// Every difference from `before` to `after`, in the order of the content files.
pub fn changes(before: &Content, after: &Content) -> Vec<Change> {
    let mut found = Vec::new();
    if before.version != after.version {
        found.push(Change {
            kind: EntryKind::Manifest,
            entry: String::new(),
            label: String::new(),
            what: What::Field {
                field: "version".into(),
                before: Shown::Text(before.version.clone()),
                after: Shown::Text(after.version.clone()),
            },
        });
    }
    one(&mut found, EntryKind::Hall, &before.hall, &after.hall);
    one(&mut found, EntryKind::Kiosk, &before.kiosk, &after.kiosk);
    let ordered = true;
    list(
        &mut found,
        EntryKind::Window,
        (&before.windows, &after.windows, ordered),
        |w| w.number.to_string(),
        |w| format!("{} {}", w.number, w.name),
    );
    list(
        &mut found,
        EntryKind::Category,
        (&before.categories, &after.categories, ordered),
        |c| c.id.clone(),
        |c| c.name.clone(),
    );
    // Items are in the order of their numbers: a new order is a new number.
    list(
        &mut found,
        EntryKind::Item,
        (&before.items, &after.items, false),
        |i| i.id.clone(),
        |i| format!("{} {}", i.number, i.name),
    );
    list(
        &mut found,
        EntryKind::Policy,
        (&before.policies, &after.policies, ordered),
        |p| p.id.clone(),
        |p| p.name.clone(),
    );
    list(
        &mut found,
        EntryKind::Board,
        (&before.boards, &after.boards, ordered),
        |b| b.id.clone(),
        |b| b.name.clone(),
    );
    list(
        &mut found,
        EntryKind::Notice,
        (&before.notices, &after.notices, ordered),
        |n| n.id.clone(),
        |n| n.title.clone(),
    );
    list(
        &mut found,
        EntryKind::Village,
        (&before.villages, &after.villages, ordered),
        |v| v.name.clone(),
        |v| v.name.clone(),
    );
    found
}

/// The hall profile or the kiosk settings: fields only.
fn one<T: Serialize>(found: &mut Vec<Change>, kind: EntryKind, before: &T, after: &T) {
    for (field, before, after) in field_changes(&json(before), &json(after)) {
        found.push(Change {
            kind,
            entry: String::new(),
            label: String::new(),
            what: What::Field {
                field,
                before,
                after,
            },
        });
    }
}

fn list<T: Serialize>(
    found: &mut Vec<Change>,
    kind: EntryKind,
    (before, after, ordered): (&[T], &[T], bool),
    key: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
) {
    let old: HashMap<String, &T> = before.iter().map(|entry| (key(entry), entry)).collect();
    let new: HashMap<String, &T> = after.iter().map(|entry| (key(entry), entry)).collect();
    for entry in after {
        let change = |what| Change {
            kind,
            entry: key(entry),
            label: label(entry),
            what,
        };
        match old.get(&key(entry)) {
            None => found.push(change(What::Added)),
            Some(was) => {
                for (field, before, after) in field_changes(&json(*was), &json(entry)) {
                    found.push(change(What::Field {
                        field,
                        before,
                        after,
                    }));
                }
            }
        }
    }
    for entry in before {
        if !new.contains_key(&key(entry)) {
            found.push(Change {
                kind,
                entry: key(entry),
                label: label(entry),
                what: What::Removed,
            });
        }
    }
    if ordered {
        let kept = |entries: &[T], other: &HashMap<String, &T>| -> Vec<String> {
            entries
                .iter()
                .map(&key)
                .filter(|key| other.contains_key(key))
                .collect()
        };
        if kept(before, &new) != kept(after, &old) {
            found.push(Change {
                kind,
                entry: String::new(),
                label: String::new(),
                what: What::Reordered,
            });
        }
    }
}

fn json<T: Serialize>(value: &T) -> Json {
    // The content's types are plain data: serialising them cannot fail.
    serde_json::to_value(value).unwrap_or(Json::Null)
}

/// The fields that differ between two entries, by path.
fn field_changes(before: &Json, after: &Json) -> Vec<(String, Shown, Shown)> {
    let mut found = Vec::new();
    compare("", before, after, &mut found);
    found
}

fn compare(path: &str, before: &Json, after: &Json, found: &mut Vec<(String, Shown, Shown)>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Json::Object(old), Json::Object(new)) => {
            let keys = new
                .keys()
                .chain(old.keys().filter(|key| !new.contains_key(*key)));
            for key in keys {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let missing = Json::Null;
                compare(
                    &inner,
                    old.get(key).unwrap_or(&missing),
                    new.get(key).unwrap_or(&missing),
                    found,
                );
            }
        }
        // The same materials (or steps) in the same order: what changed inside each.
        (Json::Array(old), Json::Array(new))
            if old.len() == new.len()
                && old.iter().all(Json::is_object)
                && new.iter().all(Json::is_object)
                && old.iter().map(name_of).eq(new.iter().map(name_of)) =>
        {
            for (index, (old, new)) in old.iter().zip(new).enumerate() {
                compare(&format!("{path}[{index}]"), old, new, found);
            }
        }
        _ => found.push((path.to_owned(), shown(before), shown(after))),
    }
}

/// What an element of a list is called: a material's name, a step's title.
fn name_of(value: &Json) -> String {
    ["name", "title"]
        .iter()
        .find_map(|key| value.get(key).and_then(Json::as_str))
        .unwrap_or_default()
        .to_owned()
}

fn shown(value: &Json) -> Shown {
    match value {
        Json::Null => Shown::Nothing,
        Json::Bool(flag) => Shown::Flag(*flag),
        Json::String(text) => Shown::Text(shorten(text)),
        Json::Number(number) => Shown::Text(number.to_string()),
        Json::Array(values) if values.is_empty() => Shown::Nothing,
        Json::Array(values) => {
            let names: Vec<String> = values
                .iter()
                .map(|value| match value {
                    Json::String(text) => text.clone(),
                    Json::Object(_) => name_of(value),
                    other => other.to_string(),
                })
                .collect();
            Shown::Text(shorten(&names.join("、")))
        }
        Json::Object(_) => Shown::Text(shorten(&value.to_string())),
    }
}

/// At most [`SHOWN_CHARS`] characters, on one line.
fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SHOWN_CHARS {
        return one_line;
    }
    let mut short: String = one_line.chars().take(SHOWN_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests;

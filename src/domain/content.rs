//! All the hall's published content, and the checks that tie its parts together.

use std::collections::HashSet;

use super::problem::{FieldProblem, Problem};
use super::{
    Board, Category, HallProfile, KioskSettings, Notice, Policy, ServiceItem, ServiceWindow,
    Village,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// The shipped content version; a new version is loaded into the database on start.
    pub version: String,
    pub hall: HallProfile,
    pub windows: Vec<ServiceWindow>,
    pub kiosk: KioskSettings,
    pub categories: Vec<Category>,
    /// In the hall's numbering order.
    pub items: Vec<ServiceItem>,
    pub policies: Vec<Policy>,
    pub boards: Vec<Board>,
    pub notices: Vec<Notice>,
    /// The township's villages, for household registration.
    pub villages: Vec<Village>,
}

/// Which kind of entry a problem (or a change) is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Manifest,
    Hall,
    Kiosk,
    Window,
    Category,
    Item,
    Policy,
    Board,
    Notice,
    Village,
}

/// A problem in one entry of the content, before the loader names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub kind: EntryKind,
    pub entry: String,
    pub problem: FieldProblem,
}

impl Content {
    pub fn item(&self, id: &str) -> Option<&ServiceItem> {
        self.items.iter().find(|item| item.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|category| category.id == id)
    }

    pub fn items_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a ServiceItem> {
        self.items
            .iter()
            .filter(move |item| item.category == category)
    }

    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|policy| policy.id == id)
    }

    pub fn board(&self, id: &str) -> Option<&Board> {
        self.boards.iter().find(|board| board.id == id)
    }

    pub fn notice(&self, id: &str) -> Option<&Notice> {
        self.notices.iter().find(|notice| notice.id == id)
    }

    /// A board's notices, newest first.
    pub fn notices_on<'a>(&'a self, board: &str) -> Vec<&'a Notice> {
        let mut notices: Vec<_> = self
            .notices
            .iter()
            .filter(|notice| notice.board == board)
            .collect();
        notices.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        notices
    }

    pub fn window(&self, number: u32) -> Option<&ServiceWindow> {
        self.windows.iter().find(|window| window.number == number)
    }

    /// Every problem in the content: inside entries, duplicate ids, and broken references.
    pub fn problems(&self) -> Vec<EntryProblem> {
        let mut found = Vec::new();
        let mut push = |kind, entry: &str, problems: Vec<FieldProblem>| {
            found.extend(problems.into_iter().map(|problem| EntryProblem {
                kind,
                entry: entry.to_owned(),
                problem,
            }));
        };
        if self.version.trim().is_empty() {
            push(
                EntryKind::Manifest,
                "manifest",
                vec![FieldProblem::new("version", Problem::Empty)],
            );
        }
        push(EntryKind::Hall, "hall", self.hall.problems());
        push(EntryKind::Kiosk, "kiosk", self.kiosk.problems());
        if self.windows.is_empty() {
            push(
                EntryKind::Window,
                "window",
                vec![FieldProblem::new("window", Problem::EmptyList)],
            );
        }

        let mut windows = HashSet::new();
        for window in &self.windows {
            let mut problems = window.problems();
            if !windows.insert(window.number) {
                problems.push(FieldProblem::new(
                    "number",
                    Problem::Duplicate(window.number.to_string()),
                ));
            }
            push(EntryKind::Window, &window.number.to_string(), problems);
        }
        let window_ref = |number: u32| {
            (!windows.contains(&number))
                .then(|| FieldProblem::new("window", Problem::UnknownReference(number.to_string())))
        };

        let mut seen = HashSet::new();
        for category in &self.categories {
            let mut problems = category.problems();
            problems.extend(duplicate(&mut seen, "category", &category.id));
            problems.extend(window_ref(category.window));
            push(EntryKind::Category, &category.id, problems);
        }

        let categories: HashSet<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
        let mut numbers = HashSet::new();
        for item in &self.items {
            let mut problems = item.problems();
            problems.extend(duplicate(&mut seen, "item", &item.id));
            if !numbers.insert(item.number) {
                problems.push(FieldProblem::new(
                    "number",
                    Problem::Duplicate(item.number.to_string()),
                ));
            }
            if !categories.contains(item.category.as_str()) {
                problems.push(FieldProblem::new(
                    "category",
                    Problem::UnknownReference(item.category.clone()),
                ));
            }
            problems.extend(window_ref(item.window));
            push(EntryKind::Item, &item.id, problems);
        }

        let items: HashSet<&str> = self.items.iter().map(|i| i.id.as_str()).collect();
        for policy in &self.policies {
            let mut problems = policy.problems();
            problems.extend(duplicate(&mut seen, "policy", &policy.id));
            for (index, related) in policy.related_items.iter().enumerate() {
                if !items.contains(related.as_str()) {
                    problems.push(FieldProblem::new(
                        format!("related_items[{index}]"),
                        Problem::UnknownReference(related.clone()),
                    ));
                }
            }
            push(EntryKind::Policy, &policy.id, problems);
        }

        for board in &self.boards {
            let mut problems = board.problems();
            problems.extend(duplicate(&mut seen, "board", &board.id));
            push(EntryKind::Board, &board.id, problems);
        }
        let boards: HashSet<&str> = self.boards.iter().map(|b| b.id.as_str()).collect();
        for notice in &self.notices {
            let mut problems = notice.problems();
            problems.extend(duplicate(&mut seen, "notice", &notice.id));
            if !boards.contains(notice.board.as_str()) {
                problems.push(FieldProblem::new(
                    "board",
                    Problem::UnknownReference(notice.board.clone()),
                ));
            }
            push(EntryKind::Notice, &notice.id, problems);
        }
        for village in &self.villages {
            let mut problems = village.problems();
            problems.extend(duplicate(&mut seen, "village", &village.name));
            push(EntryKind::Village, &village.name, problems);
        }
        found
    }

    pub fn village(&self, name: &str) -> Option<&Village> {
        self.villages.iter().find(|village| village.name == name)
    }
}

/// Ids are unique within their kind; `seen` holds "kind:id".
fn duplicate(seen: &mut HashSet<String>, kind: &str, id: &str) -> Option<FieldProblem> {
    (!seen.insert(format!("{kind}:{id}")))
        .then(|| FieldProblem::new("id", Problem::Duplicate(id.to_owned())))
}

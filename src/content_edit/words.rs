//! A revision in words, for the desk's history and `bianmin content history`.

use crate::content::words::change_line;
use crate::i18n::Language;
use crate::store::{Author, Revision, RevisionReason};
use crate::t;

/// Why: 修改, 导入, 恢复到第 3 版 …
pub fn reason(language: Language, revision: &Revision) -> String {
    let l = language;
    match revision.reason {
        RevisionReason::Shipped => t!(l, "content-reason-shipped"),
        RevisionReason::Folder => t!(l, "content-reason-folder"),
        RevisionReason::Setup => t!(l, "content-reason-setup"),
        RevisionReason::Edit => t!(l, "content-reason-edit"),
        RevisionReason::Import => t!(l, "content-reason-import"),
        RevisionReason::Undo => t!(
            l,
            "content-reason-undo",
            id = revision
                .restored
                .map_or_else(|| "?".to_owned(), |id| id.to_string())
        ),
    }
}

/// Who: the person's name and login, or 程序.
pub fn author(language: Language, author: &Author) -> String {
    match (&author.login, author.name.trim()) {
        (None, _) => t!(language, "content-author-program"),
        (Some(login), "") => login.clone(),
        (Some(login), name) if name == login => name.to_owned(),
        (Some(login), name) => format!("{name}（{login}）"),
    }
}

/// What changed: each kept change in one line, and how many more there were.
pub fn change_lines(language: Language, revision: &Revision) -> Vec<String> {
    let mut lines: Vec<String> = revision
        .changes
        .iter()
        .map(|change| change_line(language, change))
        .collect();
    let more = revision.change_count.saturating_sub(revision.changes.len());
    if more > 0 {
        lines.push(t!(language, "content-more-changes", count = more));
    }
    lines
}

/// A summary for a list: the first `shown` changes and "等 N 处改动".
pub fn summary(language: Language, revision: &Revision, shown: usize) -> String {
    if revision.change_count == 0 {
        return t!(language, "content-no-changes");
    }
    let mut lines: Vec<String> = revision
        .changes
        .iter()
        .take(shown)
        .map(|change| change_line(language, change))
        .collect();
    let more = revision.change_count.saturating_sub(lines.len());
    if more > 0 {
        lines.push(t!(language, "content-more-changes", count = more));
    }
    lines.join("\n")
}

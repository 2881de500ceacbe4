//! Content changes and field names in words: the history's lines, an import's preview and the
//! labels of the desk's content forms all name a field the same way.

use crate::domain::content::EntryKind;
use crate::domain::content_diff::{Change, Shown, What};
use crate::i18n::Language;
use crate::t;

/// What a kind of entry is called: 事项, 公告 …
pub fn kind_name(language: Language, kind: EntryKind) -> String {
    let l = language;
    match kind {
        EntryKind::Manifest => t!(l, "content-kind-manifest"),
        EntryKind::Hall => t!(l, "content-kind-hall"),
        EntryKind::Kiosk => t!(l, "content-kind-kiosk"),
        EntryKind::Window => t!(l, "content-kind-window"),
        EntryKind::Category => t!(l, "content-kind-category"),
        EntryKind::Item => t!(l, "content-kind-item"),
        EntryKind::Policy => t!(l, "content-kind-policy"),
        EntryKind::Board => t!(l, "content-kind-board"),
        EntryKind::Notice => t!(l, "content-kind-notice"),
        EntryKind::Village => t!(l, "content-kind-village"),
    }
}

/// A field path in words: `promised_days` → 承诺办结时限（工作日）, `material[2].copies` →
/// 申请材料 3 · 份数. A field without words keeps its name.
pub fn field_label(language: Language, kind: EntryKind, path: &str) -> String {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, index)) => {
                let number = index
                    .trim_end_matches(']')
                    .parse::<usize>()
                    .map_or_else(|_| index.to_owned(), |index| (index + 1).to_string());
                format!("{} {number}", one_field(language, kind, name))
            }
            None => one_field(language, kind, part),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn one_field(language: Language, kind: EntryKind, name: &str) -> String {
    let l = language;
    match (kind, name) {
        (EntryKind::Window, "number") => t!(l, "content-field-window-number"),
        (EntryKind::Village, "name") => t!(l, "content-field-village-name"),
        (_, "number") => t!(l, "content-field-number"),
        (_, "name") => t!(l, "content-field-name"),
        (_, "name_en") => t!(l, "content-field-name-en"),
        (_, "township") => t!(l, "content-field-township"),
        (_, "county") => t!(l, "content-field-county"),
        (_, "township_code") => t!(l, "content-field-township-code"),
        (_, "address") => t!(l, "content-field-address"),
        (_, "hours") => t!(l, "content-field-hours"),
        (_, "hours_en") => t!(l, "content-field-hours-en"),
        (_, "phone") => t!(l, "content-field-phone"),
        (_, "hotline_168") => t!(l, "content-field-hotline-168"),
        (_, "hotline_168_note") => t!(l, "content-field-hotline-168-note"),
        (_, "supervision_phone") => t!(l, "content-field-supervision-phone"),
        (_, "supervision_note") => t!(l, "content-field-supervision-note"),
        (_, "sample") => t!(l, "content-field-sample"),
        (_, "follow_up_working_days") => t!(l, "content-field-follow-up-days"),
        (_, "idle_seconds") => t!(l, "content-field-idle-seconds"),
        (_, "prompt_seconds") => t!(l, "content-field-prompt-seconds"),
        (_, "default_text_size") => t!(l, "content-field-text-size"),
        (_, "default_language") => t!(l, "content-field-language"),
        (_, "desk_logout_seconds") => t!(l, "content-field-desk-logout-seconds"),
        (_, "groups") => t!(l, "content-field-groups"),
        (_, "id") => t!(l, "content-field-id"),
        (_, "code") => t!(l, "content-field-code"),
        (_, "window") => t!(l, "content-field-window"),
        (_, "category") => t!(l, "content-field-category"),
        (_, "keywords") => t!(l, "content-field-keywords"),
        (_, "summary") => t!(l, "content-field-summary"),
        (_, "department") => t!(l, "content-field-department"),
        (_, "kind") => t!(l, "content-field-kind"),
        (_, "legal_days") => t!(l, "content-field-legal-days"),
        (_, "promised_days") => t!(l, "content-field-promised-days"),
        (_, "fee_yuan") => t!(l, "content-field-fee"),
        (_, "fee_note") => t!(l, "content-field-fee-note"),
        (_, "visits") => t!(l, "content-field-visits"),
        (_, "legal_basis") => t!(l, "content-field-legal-basis"),
        (_, "conditions") => t!(l, "content-field-conditions"),
        (_, "consult_phone") => t!(l, "content-field-consult-phone"),
        (_, "unverified") => t!(l, "content-field-unverified"),
        (_, "source") => t!(l, "content-field-source"),
        (_, "material") => t!(l, "content-field-material"),
        (_, "step") => t!(l, "content-field-step"),
        (_, "required") => t!(l, "content-field-required"),
        (_, "copies") => t!(l, "content-field-copies"),
        (_, "form") => t!(l, "content-field-form"),
        (_, "check") => t!(l, "content-field-check"),
        (_, "title") => t!(l, "content-field-title"),
        (_, "title_en") => t!(l, "content-field-title-en"),
        (_, "actor") => t!(l, "content-field-actor"),
        (_, "detail") => t!(l, "content-field-detail"),
        (_, "days") => t!(l, "content-field-days"),
        (_, "who") => t!(l, "content-field-who"),
        (_, "standard") => t!(l, "content-field-standard"),
        (_, "how_to_apply") => t!(l, "content-field-how-to-apply"),
        (_, "source_year") => t!(l, "content-field-source-year"),
        (_, "related_items") => t!(l, "content-field-related-items"),
        (_, "board") => t!(l, "content-field-board"),
        (_, "date") => t!(l, "content-field-date"),
        (_, "expires") => t!(l, "content-field-expires"),
        (_, "body") => t!(l, "content-field-body"),
        (_, "version") => t!(l, "content-field-version"),
        _ => name.to_owned(),
    }
}

fn shown(language: Language, value: &Shown) -> String {
    match value {
        Shown::Text(text) => text.clone(),
        Shown::Flag(true) => t!(language, "content-value-yes"),
        Shown::Flag(false) => t!(language, "content-value-no"),
        Shown::Nothing => t!(language, "content-value-none"),
    }
}

/// One change in one line: "事项 12 城乡居民…：承诺办结时限（工作日） 20 → 15".
pub fn change_line(language: Language, change: &Change) -> String {
    let l = language;
    let kind = kind_name(l, change.kind);
    let entry = if change.label.is_empty() {
        kind.clone()
    } else {
        format!("{kind} {}", change.label)
    };
    match &change.what {
        What::Added => t!(l, "content-change-added", entry = entry),
        What::Removed => t!(l, "content-change-removed", entry = entry),
        What::Reordered => t!(l, "content-change-reordered", kind = kind),
        What::Field {
            field,
            before,
            after,
        } => t!(
            l,
            "content-change-field",
            entry = entry,
            field = field_label(l, change.kind, field),
            before = shown(l, before),
            after = shown(l, after)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_time_limit_reads_as_the_hall_says_it() {
        let change = Change {
            kind: EntryKind::Item,
            entry: "pension-claim".into(),
            label: "12 城乡居民养老保险待遇领取".into(),
            what: What::Field {
                field: "promised_days".into(),
                before: Shown::Text("20".into()),
                after: Shown::Text("15".into()),
            },
        };
        let line = change_line(Language::ZhCn, &change);
        assert!(line.contains("事项 12 城乡居民养老保险待遇领取"), "{line}");
        assert!(line.contains("承诺办结时限"), "{line}");
        assert!(line.contains("20 → 15"), "{line}");
    }

    #[test]
    fn a_place_in_a_list_is_counted_from_one() {
        assert_eq!(
            field_label(Language::ZhCn, EntryKind::Item, "material[2].copies"),
            "申请材料 3 · 份数"
        );
        assert_eq!(
            field_label(Language::En, EntryKind::Window, "number"),
            "Window number"
        );
    }
}

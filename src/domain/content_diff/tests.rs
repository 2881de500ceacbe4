use super::*;
use crate::domain::{ItemKind, Material, Notice};

fn shipped() -> Content {
    crate::content::shipped().expect("the shipped content loads")
}

fn field(change: &Change) -> Option<(&str, &Shown, &Shown)> {
    match &change.what {
        What::Field {
            field,
            before,
            after,
        } => Some((field.as_str(), before, after)),
        _ => None,
    }
}

#[test]
fn the_same_content_has_no_changes() {
    assert_eq!(changes(&shipped(), &shipped()), vec![]);
}

#[test]
fn a_new_time_limit_is_one_field_change_named_by_the_items_number_and_name() {
    let before = shipped();
    let mut after = before.clone();
    let item = after
        .items
        .iter_mut()
        .find(|item| item.kind == ItemKind::Promised && item.promised_days > 2)
        .unwrap();
    let was = item.promised_days;
    item.promised_days = was - 1;
    let label = format!("{} {}", item.number, item.name);
    let found = changes(&before, &after);
    let days: Vec<_> = found
        .iter()
        .filter(|change| field(change).is_some_and(|(name, _, _)| name == "promised_days"))
        .collect();
    assert_eq!(days.len(), 1, "{found:?}");
    assert_eq!(days[0].kind, EntryKind::Item);
    assert_eq!(days[0].label, label);
    assert_eq!(
        field(days[0]).unwrap(),
        (
            "promised_days",
            &Shown::Text(was.to_string()),
            &Shown::Text((was - 1).to_string())
        )
    );
}

#[test]
fn a_materials_copies_are_named_by_their_place_and_a_new_material_by_the_list() {
    let before = shipped();
    let mut after = before.clone();
    after.items[0].materials[1].copies += 1;
    let found = changes(&before, &after);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(field(&found[0]).unwrap().0, "material[1].copies");

    let mut after = before.clone();
    after.items[0].materials.push(Material {
        name: "委托书".into(),
        required: false,
        copies: 1,
        form: "原件".into(),
        source: "自备".into(),
        check: "签字".into(),
    });
    let found = changes(&before, &after);
    assert_eq!(found.len(), 1, "{found:?}");
    let (name, _, after) = field(&found[0]).unwrap();
    assert_eq!(name, "material");
    let Shown::Text(names) = after else {
        panic!("{after:?}")
    };
    assert!(names.ends_with("委托书"), "{names}");
}

#[test]
fn a_materials_new_order_is_the_list_not_every_field() {
    let before = shipped();
    let mut after = before.clone();
    after.items[0].materials.swap(0, 1);
    let found = changes(&before, &after);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(field(&found[0]).unwrap().0, "material");
}

#[test]
fn added_removed_and_reordered_entries_are_reported() {
    let before = shipped();
    let mut after = before.clone();
    let removed = after.villages.remove(0);
    after.villages.swap(0, 1);
    let notice = Notice {
        id: "new-notice".into(),
        board: before.boards[0].id.clone(),
        title: "春耕备耕通知".into(),
        title_en: "Spring ploughing".into(),
        date: "2027-03-01".parse().unwrap(),
        expires: Some("2027-04-30".parse().unwrap()),
        body: "请及时备耕。".into(),
        sample: false,
    };
    after.notices.push(notice);
    let found = changes(&before, &after);
    let whats: Vec<_> = found
        .iter()
        .map(|change| (change.kind, change.label.as_str(), &change.what))
        .collect();
    assert_eq!(
        whats,
        vec![
            (EntryKind::Notice, "春耕备耕通知", &What::Added),
            (EntryKind::Village, removed.name.as_str(), &What::Removed),
            (EntryKind::Village, "", &What::Reordered),
        ]
    );
}

#[test]
fn hall_flags_and_empty_options_are_shown_as_such() {
    let before = shipped();
    let mut after = before.clone();
    after.hall.sample = !before.hall.sample;
    after.hall.follow_up_working_days = 7;
    after.items[0].fee_note = None;
    let found = changes(&before, &after);
    let hall: Vec<_> = found.iter().filter_map(field).collect();
    assert!(hall.contains(&(
        "sample",
        &Shown::Flag(before.hall.sample),
        &Shown::Flag(after.hall.sample)
    )));
    assert!(hall.contains(&(
        "follow_up_working_days",
        &Shown::Text("5".into()),
        &Shown::Text("7".into())
    )));
    assert!(
        hall.iter()
            .any(|(name, _, after)| *name == "fee_note" && **after == Shown::Nothing)
    );
}

#[test]
fn long_texts_are_shortened_to_one_line() {
    let before = shipped();
    let mut after = before.clone();
    after.notices[0].body = "第一段。\n\n".repeat(40);
    let found = changes(&before, &after);
    let (_, _, after) = field(&found[0]).unwrap();
    let Shown::Text(text) = after else {
        panic!("{after:?}")
    };
    assert_eq!(text.chars().count(), SHOWN_CHARS);
    assert!(text.ends_with('…') && !text.contains('\n'));
}

#[test]
fn changes_survive_their_json_in_the_history() {
    let before = shipped();
    let mut after = before.clone();
    after.policies[0].unverified = false;
    after.policies[0].source_year = 2026;
    after.windows.pop();
    let found = changes(&before, &after);
    let json = serde_json::to_string(&found).unwrap();
    let back: Vec<Change> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, found);
}

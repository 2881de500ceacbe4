use std::sync::Arc;

use super::lookup::{self, Query};
use super::*;
use crate::chars::{self, CharsError};
use crate::domain::household::HouseholdField;

const ZH: Language = Language::ZhCn;

/// Runs `message`, the work it starts left aside.
fn send(picker: &mut Picker, message: Message) -> Option<Event> {
    let (_work, event) = picker.update(message, ZH);
    event
}

fn picker() -> Picker {
    Picker::open(Target::Household(HouseholdField::HeadName)).0
}

/// Runs `message`, then answers what it asked (on this thread) as the lookup thread would.
fn answered(picker: &mut Picker, message: Message) -> Option<Event> {
    let event = send(picker, message);
    if let Some(query) = picker.asked.clone() {
        let answer = lookup::answer(&query);
        send(picker, Message::Found(query, answer));
    }
    event
}

fn shown_chars(picker: &Picker) -> String {
    picker.page().0.iter().map(|c| c.char.as_str()).collect()
}

fn all_found(picker: &Picker) -> Vec<String> {
    picker
        .found()
        .unwrap_or_default()
        .iter()
        .map(|c| c.char.clone())
        .collect()
}

#[test]
fn typing_pinyin_asks_for_it_and_shows_the_common_characters_first() {
    let mut picker = picker();
    assert_eq!(picker.query(), None);
    send(&mut picker, Message::Pinyin("yan".into()));
    assert_eq!(picker.query(), Some(Query::Pinyin("yan".into())));
    assert!(picker.is_busy(), "asked and not answered yet");
    answered(&mut picker, Message::Pinyin(" yan ".into()));
    assert!(all_found(&picker).contains(&"䶮".to_owned()));
    let first = picker.page().0;
    assert_eq!(first.len(), PAGE);
    assert!(
        first.iter().all(|c| c.block == "URO"),
        "{}",
        shown_chars(&picker)
    );
}

#[test]
fn an_answer_to_a_query_no_longer_asked_is_dropped() {
    let mut picker = picker();
    send(&mut picker, Message::Pinyin("ya".into()));
    let old = lookup::answer(&Query::Pinyin("ya".into()));
    send(&mut picker, Message::Pinyin("yan".into()));
    send(&mut picker, Message::Found(Query::Pinyin("ya".into()), old));
    assert_eq!(picker.found(), None, "ya's answer is not shown for yan");
    assert!(picker.is_busy());
    let yan = lookup::answer(&Query::Pinyin("yan".into()));
    send(
        &mut picker,
        Message::Found(Query::Pinyin("yan".into()), yan),
    );
    assert!(all_found(&picker).contains(&"䶮".to_owned()));
}

#[test]
fn results_page_by_24_and_a_new_answer_starts_at_the_first_page() {
    let mut picker = picker();
    answered(&mut picker, Message::Pinyin("yan".into()));
    let total = picker.found().unwrap().len();
    let (_, page, pages) = picker.page();
    assert_eq!((page, pages), (0, total.div_ceil(PAGE)));
    send(&mut picker, Message::PreviousPage);
    assert_eq!(picker.page().1, 0, "no page before the first");
    let first = shown_chars(&picker);
    send(&mut picker, Message::NextPage);
    assert_eq!(picker.page().1, 1);
    assert_ne!(shown_chars(&picker), first);
    for _ in 0..pages + 3 {
        send(&mut picker, Message::NextPage);
    }
    let (last, page, _) = picker.page();
    assert_eq!(page, pages - 1, "no page after the last");
    assert_eq!(last.len(), total - (pages - 1) * PAGE);
    answered(&mut picker, Message::Pinyin("yan3".into()));
    assert_eq!(picker.page().1, 0);
}

#[test]
fn a_radical_and_its_strokes_find_yan_and_the_grid_comes_back_for_another() {
    let mut picker = picker();
    let radicals = Arc::new(chars::table().unwrap().radical_forms());
    send(&mut picker, Message::Loaded(Ok(radicals)));
    send(&mut picker, Message::Mode(Mode::Radical));
    assert_eq!(picker.query(), None, "no radical yet: the grid shows");
    answered(&mut picker, Message::ChooseRadical('龙'));
    assert_eq!(picker.radical(), Some("龙"));
    answered(&mut picker, Message::Strokes("4".into()));
    assert_eq!(picker.query(), Some(Query::Radical("龙".into(), Some(4))));
    assert!(all_found(&picker).contains(&"䶮".to_owned()));
    send(&mut picker, Message::OtherRadical);
    assert_eq!(picker.radical(), None);
    assert_eq!(picker.found(), None);
}

#[test]
fn the_stroke_steps_count_from_none_through_zero_and_typing_keeps_only_numbers() {
    let mut picker = picker();
    send(&mut picker, Message::Mode(Mode::Radical));
    let step = |picker: &mut Picker, by: i8| {
        send(picker, Message::StrokesStep(by));
        picker.strokes()
    };
    assert_eq!(step(&mut picker, -1), None);
    assert_eq!(step(&mut picker, 1), Some(0));
    assert_eq!(step(&mut picker, 1), Some(1));
    assert_eq!(step(&mut picker, -1), Some(0));
    assert_eq!(
        step(&mut picker, -1),
        None,
        "below 0: any number of strokes"
    );
    send(&mut picker, Message::Strokes("12".into()));
    assert_eq!(picker.strokes(), Some(12));
    send(&mut picker, Message::Strokes("12a".into()));
    assert_eq!(picker.strokes(), Some(12), "a letter is not kept");
    send(&mut picker, Message::Strokes(String::new()));
    assert_eq!(picker.strokes(), None);
}

#[test]
fn only_the_extensions_leave_the_basic_block_out_but_never_a_code_point() {
    let mut picker = picker();
    answered(&mut picker, Message::Pinyin("yan".into()));
    let all = picker.found().unwrap().len();
    send(&mut picker, Message::NextPage);
    send(&mut picker, Message::RareOnly(true));
    assert_eq!(picker.page().1, 0, "the first page of the fewer");
    let rare = picker.found().unwrap();
    assert!(rare.len() < all);
    assert!(rare.iter().all(|c| c.block != "URO"));
    assert_eq!(rare[0].block, "Ext A", "Ext A first");
    assert!(
        picker.page().0.iter().any(|c| c.char == "䶮"),
        "䶮 on the first page"
    );
    send(&mut picker, Message::Mode(Mode::Code));
    answered(&mut picker, Message::Code("U+4E00".into()));
    assert_eq!(all_found(&picker), ["一"]);
}

#[test]
fn a_code_point_finds_its_one_character() {
    let mut picker = picker();
    send(&mut picker, Message::Mode(Mode::Code));
    answered(&mut picker, Message::Code("U+2A6A5".into()));
    assert_eq!(all_found(&picker), ["𪚥"]);
    let zhe = &picker.page().0[0];
    assert_eq!((zhe.code_point.as_str(), zhe.block), ("U+2A6A5", "Ext B"));
    // Each way keeps its own box: back to pinyin, nothing is asked.
    send(&mut picker, Message::Mode(Mode::Pinyin));
    assert_eq!(picker.found(), None);
}

#[test]
fn what_is_not_pinyin_or_a_code_point_is_said_in_words() {
    let mut picker = picker();
    answered(&mut picker, Message::Pinyin("火".into()));
    assert!(
        picker.refused().unwrap().contains("不是拼音"),
        "{:?}",
        picker.refused()
    );
    assert_eq!(picker.found(), None);
    send(&mut picker, Message::Mode(Mode::Code));
    answered(&mut picker, Message::Code("U+12".into()));
    assert!(picker.refused().unwrap().contains("不是码位"));
    answered(&mut picker, Message::Code("U+2A6A5".into()));
    assert_eq!(picker.refused(), None);
}

#[test]
fn a_table_that_cannot_be_read_is_said_and_the_picker_is_not_busy_forever() {
    let mut picker = picker();
    assert!(picker.is_busy(), "reading the table");
    send(
        &mut picker,
        Message::Loaded(Err(Arc::new(CharsError::Damaged("test".into())))),
    );
    assert!(!picker.is_busy());
    assert!(picker.refused().unwrap().contains("字表已损坏"));
}

#[test]
fn tapping_a_character_deleting_and_closing_are_asked_of_the_desk() {
    let mut picker = picker();
    assert_eq!(
        send(&mut picker, Message::Pick('䶮')),
        Some(Event::Insert('䶮'))
    );
    assert_eq!(
        send(&mut picker, Message::DeleteLast),
        Some(Event::DeleteLast)
    );
    assert_eq!(send(&mut picker, Message::Close), Some(Event::Close));
}

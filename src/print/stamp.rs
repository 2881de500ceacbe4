//! The mark on every page printed while the hall's data is not real: 示例 while the hall's profile
//! is the shipped sample (the model hall's address and phones), 培训 on a training database
//! (`bianmin demo seed`). Drawn first on each page, large and pale, so it sits behind the content:
//! nobody can take the paper for a real one, and the content stays readable.

use crate::domain::Content;
use crate::i18n::Language;
use crate::store::{Store, StoreError};
use crate::t;

use super::page::{Align, Color, Document, Mark, Page, Style};

/// Printed documents speak the hall's language.
const LANGUAGE: Language = Language::ZhCn;
const PALE_RED: Color = Color::rgb(0xf8, 0xd8, 0xd5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    Sample,
    Training,
}

impl Stamp {
    /// What this terminal's prints must carry: training data first, then a sample profile.
    pub fn of(content: &Content, store: &Store) -> Result<Option<Stamp>, StoreError> {
        Ok(if store.is_training()? {
            Some(Stamp::Training)
        } else if content.hall.sample {
            Some(Stamp::Sample)
        } else {
            None
        })
    }

    pub fn word(self) -> String {
        match self {
            Stamp::Sample => t!(LANGUAGE, "print-stamp-sample"),
            Stamp::Training => t!(LANGUAGE, "print-stamp-training"),
        }
    }

    fn note(self) -> String {
        match self {
            Stamp::Sample => t!(LANGUAGE, "print-stamp-sample-note"),
            Stamp::Training => t!(LANGUAGE, "print-stamp-training-note"),
        }
    }

    /// Puts the mark behind the content of every page.
    pub fn apply(self, document: &mut Document) {
        let (word, note) = (self.word(), self.note());
        for page in &mut document.pages {
            let (w, h) = (page.width, page.height);
            let size = w.min(h) * 0.34;
            let big = Style::bold(size).color(PALE_RED);
            let small = Style::bold(size * 0.16)
                .color(PALE_RED)
                .fitted(&note, w * 0.9, 7.0);
            let mut stamp = Page::new((w, h));
            let baseline = h / 2.0 - size * 0.3;
            stamp.text(w / 2.0, baseline, big, Align::Center, &word);
            stamp.text(
                w / 2.0,
                baseline - small.size * 1.6,
                small,
                Align::Center,
                &note,
            );
            // A QR code must scan: the mark is cleared from under each one, quiet zone and all.
            for mark in &page.marks {
                if let Mark::Qr { module, .. } = mark {
                    let (left, bottom, right, top) = mark.bounds();
                    let quiet = module * 6.0;
                    stamp.fill(
                        left - quiet,
                        bottom - quiet,
                        right - left + 2.0 * quiet,
                        top - bottom + 2.0 * quiet,
                        Color::WHITE,
                    );
                }
            }
            page.marks.splice(0..0, stamp.marks);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_carries_the_mark_behind_its_content() {
        let mut document = Document {
            title: "t".into(),
            created: crate::clock::now(),
            pages: vec![Page::new((420.0, 595.0)), Page::new((242.6, 153.0))],
            skipped: Vec::new(),
        };
        document.pages[0].text(10.0, 10.0, Style::regular(10.0), Align::Left, "内容");
        Stamp::Sample.apply(&mut document);
        for page in &document.pages {
            let Some(Mark::Text(first)) = page.marks.first() else {
                panic!("the stamp comes first");
            };
            assert_eq!(first.text, "示例");
            let (left, bottom, right, top) = page.marks[0].bounds();
            assert!(left >= 0.0 && bottom >= 0.0 && right <= page.width && top <= page.height);
        }
        let Some(Mark::Text(last)) = document.pages[0].marks.last() else {
            panic!("content stays on top");
        };
        assert_eq!(last.text, "内容");
    }
}

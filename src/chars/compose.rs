//! The pinyin keyboard's state: letters tapped build a syllable (or several, "zhangsan"); the
//! characters read as the first syllable are offered a page at a time; picking one takes that
//! syllable's letters away and offers the next syllable's characters.
//!
//! The letters are kept as tapped (the keypad's capitals), so a search still reads them as
//! pinyin initials (`GDDL`) when no character is picked.

use super::readings::Readings;

/// The longest syllable (zhuang, chuang, shuang).
const LONGEST_SYLLABLE: usize = 6;
/// More letters than anyone types for one name or search.
const MAX_LETTERS: usize = 24;

/// Candidates shown a screenful at a time: how many fit is the screen's business (a wide screen
/// shows more), so a page is `shown` candidates from `start`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    items: Vec<char>,
    start: usize,
}

/// Which way a page turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Previous,
    Next,
}

impl Pages {
    pub fn new(items: Vec<char>) -> Pages {
        Pages { items, start: 0 }
    }

    /// Every candidate, best first.
    pub fn all(&self) -> &[char] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Where the page shown starts in [`Pages::all`].
    pub fn start(&self) -> usize {
        self.start
    }

    /// The `shown` candidates of the page shown.
    pub fn page(&self, shown: usize) -> &[char] {
        let end = (self.start + shown).min(self.items.len());
        &self.items[self.start.min(end)..end]
    }

    pub fn has_previous(&self) -> bool {
        self.start > 0
    }

    pub fn has_next(&self, shown: usize) -> bool {
        self.start + shown < self.items.len()
    }

    /// Turns a page of `shown` candidates; never past either end.
    pub fn turn(&mut self, turn: Turn, shown: usize) {
        match turn {
            Turn::Next if self.has_next(shown) => self.start += shown,
            Turn::Next => {}
            Turn::Previous => self.start = self.start.saturating_sub(shown),
        }
    }

    /// The candidate at `index` of [`Pages::all`].
    pub fn get(&self, index: usize) -> Option<char> {
        self.items.get(index).copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composer {
    letters: String,
    /// How many of the letters the candidates are for.
    head: usize,
    candidates: Pages,
}

impl Composer {
    /// The letters tapped and not yet turned into a character.
    pub fn letters(&self) -> &str {
        &self.letters
    }

    pub fn is_empty(&self) -> bool {
        self.letters.is_empty()
    }

    /// The letters the candidates are for, lower case ("zhang" of "ZHANGSAN").
    pub fn syllable(&self) -> String {
        self.letters[..self.head].to_lowercase()
    }

    /// Adds a letter (A–Z; V stands for ü); anything else is ignored. `readings` is None while
    /// the index is still being built: the candidates come with [`Composer::refresh`].
    pub fn push(&mut self, letter: char, readings: Option<&Readings>) {
        if letter.is_ascii_alphabetic() && self.letters.len() < MAX_LETTERS {
            self.letters.push(letter);
            self.refresh(readings);
        }
    }

    /// Takes back the last letter; false when there was none.
    pub fn pop(&mut self, readings: Option<&Readings>) -> bool {
        let popped = self.letters.pop().is_some();
        self.refresh(readings);
        popped
    }

    pub fn clear(&mut self) {
        *self = Composer::default();
    }

    /// Works out the candidates again (the index has just been built, or the letters changed),
    /// from the first page.
    pub fn refresh(&mut self, readings: Option<&Readings>) {
        let (head, candidates) = match readings {
            Some(readings) => head(&self.letters.to_lowercase(), readings),
            None => (0, Vec::new()),
        };
        self.head = head;
        self.candidates = Pages::new(candidates);
    }

    pub fn candidates(&self) -> &Pages {
        &self.candidates
    }

    pub fn turn(&mut self, turn: Turn, shown: usize) {
        self.candidates.turn(turn, shown);
    }

    /// Picks the candidate at `index` (of all of them): its letters go, the character comes
    /// back, and the letters left (if any) get their own candidates.
    pub fn pick(&mut self, index: usize, readings: Option<&Readings>) -> Option<char> {
        let picked = self.candidates.get(index)?;
        self.letters.drain(..self.head);
        self.refresh(readings);
        Some(picked)
    }
}

/// The letters at the start that make a syllable, and its characters: the longest whole
/// syllable ("zhang" of "zhangsan"), else the longest start of one ("zh": 这, 中, 知…).
fn head(letters: &str, readings: &Readings) -> (usize, Vec<char>) {
    let longest = letters.len().min(LONGEST_SYLLABLE);
    if let Some(len) = (1..=longest)
        .rev()
        .find(|&len| readings.is_syllable(&letters[..len]))
    {
        return (len, readings.of(&letters[..len]));
    }
    match (1..=longest)
        .rev()
        .find(|&len| readings.begins_syllable(&letters[..len]))
    {
        Some(len) => (len, readings.of_start(&letters[..len])),
        None => (0, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::readings::readings;

    /// Candidates per page in these tests.
    const SHOWN: usize = 5;

    fn typed(letters: &str) -> Composer {
        let readings = readings().unwrap();
        let mut composer = Composer::default();
        for letter in letters.chars() {
            composer.push(letter, Some(readings));
        }
        composer
    }

    fn at(composer: &Composer, wanted: char) -> usize {
        let page = composer.candidates().page(SHOWN);
        let on_page = page.iter().position(|&c| c == wanted);
        composer.candidates().start()
            + on_page.unwrap_or_else(|| panic!("{wanted} not in {page:?}"))
    }

    #[test]
    fn zhang_offers_zhang_on_the_first_page_and_picking_it_clears_the_letters() {
        let mut composer = typed("ZHANG");
        assert_eq!(composer.letters(), "ZHANG");
        assert_eq!(composer.syllable(), "zhang");
        let zhang = at(&composer, '张');
        assert_eq!(composer.pick(zhang, readings().ok()), Some('张'));
        assert!(composer.is_empty());
        assert!(composer.candidates().is_empty());
    }

    #[test]
    fn several_syllables_are_picked_one_after_the_other() {
        let readings = readings().ok();
        let mut composer = typed("zhangsan");
        assert_eq!(composer.syllable(), "zhang");
        composer.pick(at(&composer, '张'), readings);
        assert_eq!(composer.letters(), "san");
        assert_eq!(composer.syllable(), "san");
        assert_eq!(composer.pick(at(&composer, '三'), readings), Some('三'));
        assert!(composer.is_empty());
    }

    #[test]
    fn pages_turn_within_the_candidates_and_a_new_letter_starts_at_the_first() {
        let readings = readings().ok();
        let mut composer = typed("yan");
        let pages = composer.candidates().clone();
        assert!(!pages.has_previous());
        assert_eq!(pages.page(SHOWN).len(), SHOWN);
        let first = pages.page(SHOWN).to_vec();
        composer.turn(Turn::Next, SHOWN);
        assert!(composer.candidates().has_previous());
        assert_eq!(
            composer.candidates().page(SHOWN),
            &pages.all()[SHOWN..2 * SHOWN]
        );
        // A picked candidate is the one shown, on any page.
        let second_page_first = composer.candidates().page(SHOWN)[0];
        assert_eq!(
            composer
                .clone()
                .pick(composer.candidates().start(), readings),
            Some(second_page_first)
        );
        composer.turn(Turn::Previous, SHOWN);
        assert_eq!(composer.candidates().page(SHOWN), first.as_slice());
        composer.turn(Turn::Previous, SHOWN);
        assert_eq!(composer.candidates().start(), 0, "no page before the first");
        while composer.candidates().has_next(SHOWN) {
            composer.turn(Turn::Next, SHOWN);
        }
        let last = composer.candidates().page(SHOWN).to_vec();
        assert!(!last.is_empty() && last.len() <= SHOWN);
        composer.turn(Turn::Next, SHOWN);
        assert_eq!(
            composer.candidates().page(SHOWN),
            last.as_slice(),
            "no page past the last"
        );
        // The rare 䶮 of personal names is there, pages on.
        assert!(composer.candidates().all().contains(&'䶮'));
        composer.push('G', readings);
        assert!(!composer.candidates().has_previous());
        assert_eq!(composer.syllable(), "yang");
    }

    #[test]
    fn initials_alone_still_offer_something_and_keep_every_letter() {
        let readings = readings().ok();
        let mut composer = typed("GDDL");
        assert_eq!(composer.letters(), "GDDL");
        // "g" starts syllables; its characters are offered for the first letter only.
        assert_eq!(composer.syllable(), "g");
        assert!(!composer.candidates().is_empty());
        assert!(composer.pop(readings));
        assert_eq!(composer.letters(), "GDD");
        composer.clear();
        assert_eq!(composer, Composer::default());
        assert!(!composer.pop(readings));
    }

    #[test]
    fn letters_before_the_index_is_built_get_their_candidates_on_refresh() {
        let mut composer = Composer::default();
        for letter in "wang".chars() {
            composer.push(letter, None);
        }
        assert!(composer.candidates().is_empty());
        composer.refresh(readings().ok());
        assert_eq!(composer.candidates().get(0), Some('王'));
        // Not a letter: ignored.
        composer.push('1', readings().ok());
        assert_eq!(composer.letters(), "wang");
    }
}

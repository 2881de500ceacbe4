//! Search without a keyboard: pinyin initials (`GDDL`), full pinyin (`gengdi`), Chinese text
//! (`低保`, also as an abbreviation of 最低生活保障) and English words, across items, policies and
//! notices, best match first.

use pinyin::ToPinyin;
use serde::Serialize;

use super::Content;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Item,
    Policy,
    Notice,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub id: String,
    pub title: String,
    pub title_en: String,
    #[serde(skip)]
    pub score: u32,
}

/// A title (or keyword) with its pinyin spelled out once, so each keystroke only compares.
#[derive(Debug, Clone)]
struct Spelled {
    text: String,
    /// First letters of each syllable: 耕地地力 → "gddl".
    initials: String,
    /// Toneless syllables joined: "gengdidili".
    full: String,
    /// Byte offsets in `full` where a syllable starts.
    syllable_starts: Vec<usize>,
}

impl Spelled {
    fn new(text: &str) -> Spelled {
        let mut initials = String::new();
        let mut full = String::new();
        let mut syllable_starts = Vec::new();
        for c in text.chars() {
            if let Some(pinyin) = c.to_pinyin() {
                syllable_starts.push(full.len());
                initials.push_str(pinyin.first_letter());
                full.push_str(pinyin.plain());
            } else if c.is_ascii_alphanumeric() {
                syllable_starts.push(full.len());
                let lower = c.to_ascii_lowercase();
                initials.push(lower);
                full.push(lower);
            }
        }
        Spelled {
            text: text.to_owned(),
            initials,
            full,
            syllable_starts,
        }
    }

    /// How well an ASCII query (lower case, no spaces) matches the pinyin of this text.
    fn pinyin_score(&self, query: &str) -> u32 {
        if self.initials == query {
            return 1000;
        }
        if self.initials.starts_with(query) {
            return 900;
        }
        if self.full.starts_with(query) {
            return 880;
        }
        if let Some(start) = self.full.find(query) {
            // A match that begins on a syllable is what a person means; inside one is a fluke.
            let on_syllable = self.syllable_starts.contains(&start)
                || self
                    .full
                    .match_indices(query)
                    .any(|(at, _)| self.syllable_starts.contains(&at));
            if on_syllable {
                return 700;
            }
        }
        if query.len() >= 2 && self.initials.contains(query) {
            return 650;
        }
        0
    }

    /// How well a query with Chinese characters matches this text.
    fn text_score(&self, query: &str) -> u32 {
        if self.text == query {
            1000
        } else if self.text.starts_with(query) {
            920
        } else if self.text.contains(query) {
            850
        } else if query.chars().count() >= 2 {
            // 低保 for 最低生活保障: the query's characters in order, the tighter the better.
            subsequence_span(&self.text, query)
                .map(|span| 600u32.saturating_sub(10 * span as u32).max(400))
                .unwrap_or(0)
        } else {
            0
        }
    }
}

/// The number of characters between the first and last matched character, when every query
/// character occurs in `text` in order.
fn subsequence_span(text: &str, query: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let wanted: Vec<char> = query.chars().collect();
    let mut best: Option<usize> = None;
    for start in 0..chars.len() {
        if chars[start] != wanted[0] {
            continue;
        }
        let mut position = start;
        let mut matched = 1;
        while matched < wanted.len() {
            match chars[position + 1..]
                .iter()
                .position(|&c| c == wanted[matched])
            {
                Some(offset) => {
                    position += 1 + offset;
                    matched += 1;
                }
                None => break,
            }
        }
        if matched == wanted.len() {
            let span = position - start + 1 - wanted.len();
            best = Some(best.map_or(span, |b| b.min(span)));
        }
    }
    best
}

#[derive(Debug, Clone)]
struct Entry {
    kind: HitKind,
    id: String,
    title: Spelled,
    title_en_lower: String,
    title_en: String,
    keywords: Vec<Spelled>,
    /// Body text, searched only for Chinese queries and with a low score.
    body: String,
}

impl Entry {
    fn score(&self, query: &Query) -> u32 {
        match query {
            Query::Pinyin(ascii) => {
                let title = self.title.pinyin_score(ascii);
                let keyword = self.best_keyword(|k| k.pinyin_score(ascii));
                let english = english_score(&self.title_en_lower, ascii);
                title.max(keyword * 9 / 10).max(english)
            }
            Query::Text(text) => {
                let title = self.title.text_score(text);
                let keyword = self.best_keyword(|k| k.text_score(text));
                let body = if self.body.contains(text.as_str()) {
                    200
                } else {
                    0
                };
                title.max(keyword * 9 / 10).max(body)
            }
        }
    }

    fn best_keyword(&self, score: impl Fn(&Spelled) -> u32) -> u32 {
        self.keywords.iter().map(score).max().unwrap_or(0)
    }
}

fn english_score(title: &str, query: &str) -> u32 {
    if query.len() < 3 {
        return 0;
    }
    if title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.starts_with(query))
    {
        600
    } else if title.contains(query) {
        300
    } else {
        0
    }
}

enum Query {
    /// Letters and digits only: pinyin or English.
    Pinyin(String),
    /// Anything with Chinese in it.
    Text(String),
}

impl Query {
    fn parse(raw: &str) -> Option<Query> {
        let trimmed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if trimmed.is_empty() {
            return None;
        }
        if trimmed.chars().all(|c| c.is_ascii_alphanumeric()) {
            Some(Query::Pinyin(trimmed.to_ascii_lowercase()))
        } else {
            Some(Query::Text(trimmed))
        }
    }
}

/// Everything the kiosk can find, spelled out once when content loads.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(content: &Content) -> SearchIndex {
        let mut entries = Vec::new();
        for item in &content.items {
            let mut body = item.summary.clone();
            body.push_str(&item.department);
            for condition in &item.conditions {
                body.push_str(condition);
            }
            for material in &item.materials {
                body.push_str(&material.name);
            }
            entries.push(Entry {
                kind: HitKind::Item,
                id: item.id.clone(),
                title: Spelled::new(&item.name),
                title_en_lower: item.name_en.to_lowercase(),
                title_en: item.name_en.clone(),
                keywords: item.keywords.iter().map(|k| Spelled::new(k)).collect(),
                body,
            });
        }
        for policy in &content.policies {
            entries.push(Entry {
                kind: HitKind::Policy,
                id: policy.id.clone(),
                title: Spelled::new(&policy.name),
                title_en_lower: policy.name_en.to_lowercase(),
                title_en: policy.name_en.clone(),
                keywords: policy.keywords.iter().map(|k| Spelled::new(k)).collect(),
                body: format!("{}{}{}", policy.who, policy.standard, policy.how_to_apply),
            });
        }
        for notice in &content.notices {
            entries.push(Entry {
                kind: HitKind::Notice,
                id: notice.id.clone(),
                title: Spelled::new(&notice.title),
                title_en_lower: notice.title_en.to_lowercase(),
                title_en: notice.title_en.clone(),
                keywords: Vec::new(),
                body: notice.body.clone(),
            });
        }
        SearchIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Results for what was typed so far, best first; empty for an empty query.
    pub fn search(&self, raw: &str, limit: usize) -> Vec<Hit> {
        let Some(query) = Query::parse(raw) else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let score = entry.score(&query);
                (score > 0).then(|| Hit {
                    kind: entry.kind,
                    id: entry.id.clone(),
                    title: entry.title.text.clone(),
                    title_en: entry.title_en.clone(),
                    score,
                })
            })
            .collect();
        // Ties: services before policies before notices, then shorter (more specific) titles.
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.title.chars().count().cmp(&b.title.chars().count()))
                .then(a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_gives_initials_and_syllables() {
        let spelled = Spelled::new("耕地地力保护补贴");
        assert_eq!(spelled.initials, "gddlbhbt");
        assert!(spelled.full.starts_with("gengdidili"));
    }

    #[test]
    fn initials_full_pinyin_and_partial_pinyin_match() {
        let spelled = Spelled::new("耕地地力保护补贴");
        assert_eq!(spelled.pinyin_score("gddl"), 900);
        assert_eq!(spelled.pinyin_score("gengdi"), 880);
        assert_eq!(spelled.pinyin_score("baohu"), 700);
        // Inside a syllable is no match: "ngdi" is not how anyone spells it.
        assert_eq!(spelled.pinyin_score("ngdi"), 0);
    }

    #[test]
    fn a_chinese_abbreviation_matches_its_full_name() {
        let spelled = Spelled::new("最低生活保障");
        assert!(spelled.text_score("低保") >= 400);
        assert_eq!(spelled.text_score("生活"), 850);
        assert_eq!(spelled.text_score("保低"), 0);
    }

    #[test]
    fn subsequence_span_prefers_tight_matches() {
        assert_eq!(subsequence_span("最低生活保障", "低保"), Some(2));
        assert_eq!(subsequence_span("低保低保", "低保"), Some(0));
        assert_eq!(subsequence_span("最低生活", "低保"), None);
    }
}

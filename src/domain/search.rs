//! Search without a keyboard: pinyin initials (`GDDL`), full pinyin (`gengdi`), Chinese text
//! (`低保`, also as an abbreviation of 最低生活保障) and English words, across items, policies and
//! notices, best match first.

mod sieve;

use pinyin::ToPinyin;
use serde::Serialize;

use super::Content;
use sieve::{AsciiSieve, CharSieve};

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
    /// The characters of `text`, for matching a query's characters in order.
    chars: Vec<char>,
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
            chars: text.chars().collect(),
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
    #[cfg(test)]
    fn text_score(&self, query: &str) -> u32 {
        self.text_query_score(&TextQuery::new(query.to_owned()))
    }

    /// How well a query with Chinese characters matches this text.
    fn text_query_score(&self, query: &TextQuery) -> u32 {
        let text = query.text.as_str();
        if self.text == text {
            1000
        } else if self.text.starts_with(text) {
            920
        } else if self.text.contains(text) {
            850
        } else if query.chars.len() >= 2 {
            // 低保 for 最低生活保障: the query's characters in order, the tighter the better.
            span_in(&self.chars, &query.chars)
                .map(|span| 600u32.saturating_sub(10 * span as u32).max(400))
                .unwrap_or(0)
        } else {
            0
        }
    }
}

/// [`span_in`] of two strings.
#[cfg(test)]
fn subsequence_span(text: &str, query: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let wanted: Vec<char> = query.chars().collect();
    span_in(&chars, &wanted)
}

/// The number of characters between the first and last matched character, when every
/// character of `wanted` (not empty) occurs in `chars` in order.
fn span_in(chars: &[char], wanted: &[char]) -> Option<usize> {
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
    /// Characters in the title: shorter (more specific) titles come first among equals.
    title_chars: usize,
    title_en_lower: String,
    title_en: String,
    keywords: Vec<Spelled>,
    /// Body text, searched only for Chinese queries and with a low score.
    body: String,
    /// What a pinyin or English query needs of this entry to match at all.
    ascii: AsciiSieve,
    /// What a Chinese query needs of this entry to match at all.
    chars: CharSieve,
}

impl Entry {
    fn new(
        kind: HitKind,
        id: &str,
        title: &str,
        title_en: &str,
        keywords: &[String],
        body: String,
    ) -> Entry {
        let title = Spelled::new(title);
        let keywords: Vec<Spelled> = keywords.iter().map(|k| Spelled::new(k)).collect();
        let title_en_lower = title_en.to_lowercase();
        let mut ascii = AsciiSieve::default();
        for spelled in std::iter::once(&title).chain(&keywords) {
            ascii.add(&spelled.initials);
            ascii.add(&spelled.full);
        }
        ascii.add(&title_en_lower);
        let chars = CharSieve::new(
            std::iter::once(title.text.as_str())
                .chain(keywords.iter().map(|k| k.text.as_str()))
                .chain(std::iter::once(body.as_str())),
        );
        Entry {
            kind,
            id: id.to_owned(),
            title_chars: title.chars.len(),
            title,
            title_en_lower,
            title_en: title_en.to_owned(),
            keywords,
            body,
            ascii,
            chars,
        }
    }

    /// The entry's score, or 0 at once when the sieve shows it cannot match.
    fn sifted_score(&self, query: &Query) -> u32 {
        let may_match = match query {
            Query::Pinyin { sieve, .. } => self.ascii.covers(sieve),
            Query::Text(text) => self.chars.covers(&text.distinct),
        };
        if may_match { self.score(query) } else { 0 }
    }

    fn score(&self, query: &Query) -> u32 {
        match query {
            Query::Pinyin { ascii, .. } => {
                let title = self.title.pinyin_score(ascii);
                let keyword = self.best_keyword(|k| k.pinyin_score(ascii));
                let english = english_score(&self.title_en_lower, ascii);
                title.max(keyword * 9 / 10).max(english)
            }
            Query::Text(text) => {
                let title = self.title.text_query_score(text);
                let keyword = self.best_keyword(|k| k.text_query_score(text));
                let body = if self.body.contains(text.text.as_str()) {
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

/// A query with Chinese in it, split into characters once.
struct TextQuery {
    text: String,
    chars: Vec<char>,
    /// Its characters without repeats, for the sieve.
    distinct: Vec<char>,
}

impl TextQuery {
    fn new(text: String) -> TextQuery {
        let chars: Vec<char> = text.chars().collect();
        let mut distinct = chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        TextQuery {
            text,
            chars,
            distinct,
        }
    }
}

enum Query {
    /// Letters and digits only: pinyin or English.
    Pinyin { ascii: String, sieve: AsciiSieve },
    /// Anything with Chinese in it.
    Text(TextQuery),
}

impl Query {
    fn parse(raw: &str) -> Option<Query> {
        let trimmed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if trimmed.is_empty() {
            return None;
        }
        if trimmed.chars().all(|c| c.is_ascii_alphanumeric()) {
            let ascii = trimmed.to_ascii_lowercase();
            let mut sieve = AsciiSieve::default();
            sieve.add(&ascii);
            Some(Query::Pinyin { ascii, sieve })
        } else {
            Some(Query::Text(TextQuery::new(trimmed)))
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
            entries.push(Entry::new(
                HitKind::Item,
                &item.id,
                &item.name,
                &item.name_en,
                &item.keywords,
                body,
            ));
        }
        for policy in &content.policies {
            entries.push(Entry::new(
                HitKind::Policy,
                &policy.id,
                &policy.name,
                &policy.name_en,
                &policy.keywords,
                format!("{}{}{}", policy.who, policy.standard, policy.how_to_apply),
            ));
        }
        for notice in &content.notices {
            entries.push(Entry::new(
                HitKind::Notice,
                &notice.id,
                &notice.title,
                &notice.title_en,
                &[],
                notice.body.clone(),
            ));
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
        // Scores and places first; only the results shown are copied out.
        let mut scored: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(at, entry)| {
                let score = entry.sifted_score(&query);
                (score > 0).then_some((score, at))
            })
            .collect();
        // Ties: services before policies before notices, then shorter (more specific) titles,
        // then the id, then the order the entries were built in.
        scored.sort_unstable_by(|&(score_a, a), &(score_b, b)| {
            let (a_entry, b_entry) = (&self.entries[a], &self.entries[b]);
            score_b
                .cmp(&score_a)
                .then(a_entry.kind.cmp(&b_entry.kind))
                .then(a_entry.title_chars.cmp(&b_entry.title_chars))
                .then(a_entry.id.cmp(&b_entry.id))
                .then(a.cmp(&b))
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, at)| {
                let entry = &self.entries[at];
                Hit {
                    kind: entry.kind,
                    id: entry.id.clone(),
                    title: entry.title.text.clone(),
                    title_en: entry.title_en.clone(),
                    score,
                }
            })
            .collect()
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

    /// The search as it was before the sieves: every entry scored, every hit copied, then a
    /// stable sort.
    fn search_without_sieves(index: &SearchIndex, raw: &str, limit: usize) -> Vec<Hit> {
        let Some(query) = Query::parse(raw) else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = index
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

    /// Queries a person could type for this content: every one or two letters or digits, the
    /// starts and pieces of every spelling and English title, pieces of every Chinese title,
    /// keyword and body, and pairs of characters far apart (abbreviations).
    fn queries(index: &SearchIndex) -> Vec<String> {
        let symbols: Vec<char> = ('a'..='z').chain('0'..='9').collect();
        let mut queries: Vec<String> = symbols.iter().map(char::to_string).collect();
        for a in &symbols {
            for b in &symbols {
                queries.push(format!("{a}{b}"));
            }
        }
        let pieces = |queries: &mut Vec<String>, text: &str, longest: usize| {
            let chars: Vec<char> = text.chars().collect();
            for start in 0..chars.len() {
                for end in start + 1..=(start + longest).min(chars.len()) {
                    queries.push(chars[start..end].iter().collect());
                }
                if start + 3 < chars.len() {
                    queries.push(format!("{}{}", chars[start], chars[start + 3]));
                }
            }
        };
        for entry in &index.entries {
            for spelled in std::iter::once(&entry.title).chain(&entry.keywords) {
                pieces(&mut queries, &spelled.initials, 5);
                pieces(&mut queries, &spelled.full, 7);
                pieces(&mut queries, &spelled.text, 4);
                queries.push(spelled.initials.to_uppercase());
            }
            pieces(&mut queries, &entry.title_en_lower, 6);
            let body: String = entry.body.chars().take(120).collect();
            pieces(&mut queries, &body, 3);
        }
        queries
            .extend(["a-b", "低保 ", " GD DL", "最低x", "Ｇ", "ü", "lü", "lv"].map(String::from));
        queries.sort();
        queries.dedup();
        queries
    }

    #[test]
    fn the_sieves_change_no_result_and_no_order() {
        let index = SearchIndex::build(&crate::content::shipped().unwrap());
        let queries = queries(&index);
        assert!(queries.len() > 5_000, "{}", queries.len());
        let mut found = 0;
        for query in &queries {
            for limit in [30, 3] {
                let sifted = index.search(query, limit);
                assert_eq!(
                    sifted,
                    search_without_sieves(&index, query, limit),
                    "{query:?}"
                );
                found += usize::from(!sifted.is_empty());
            }
        }
        // The comparison means something: most of these queries find something.
        assert!(found > queries.len(), "{found} of {}", queries.len() * 2);
    }

    #[test]
    fn ties_keep_services_first_then_shorter_titles() {
        let index = SearchIndex::build(&crate::content::shipped().unwrap());
        let hits = index.search("b", 100);
        assert!(hits.len() > 3);
        for pair in hits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                a.score > b.score
                    || (a.score == b.score && a.kind < b.kind)
                    || (a.score == b.score
                        && a.kind == b.kind
                        && a.title.chars().count() <= b.title.chars().count()),
                "{a:?} before {b:?}"
            );
        }
    }
}

//! Line breaking for Chinese mixed with Latin, by measured advances.
//!
//! The rules (after GB/T 15834 and the usual 避头尾 practice):
//! - no line starts with closing punctuation (，。、；：？！）」》… and the like) and no line ends with
//!   opening punctuation (（「《 …);
//! - a run of Latin letters, digits and ASCII signs (a word, a number, a phone number, `8:30—12:00`)
//!   is not split unless it alone is longer than a line;
//! - a dash (——) or an ellipsis (……) is never split;
//! - a break at ASCII spaces drops those spaces; every other character is kept, so the lines
//!   joined give back the input minus the spaces at the breaks;
//! - every line but a paragraph's last is justified: the spare width is spread evenly over the
//!   gaps between Chinese characters and after spaces (never inside a Latin word).
//!
//! Everything here is pure: the caller passes the advance of each character.

use std::ops::Range;

/// Characters that must not start a line.
pub const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '」', '》', '』', '】', '〉', '〕', '〗', '〙',
    '〛', '］', '｝', '”', '’', '…', '‥', '％', '·', '・', '～', '々', '〻', '゛', '゜', 'ー',
    '．', '｡', '､', ',', '.', ';', ':', '?', '!', ')', ']', '}', '%', '‰', '℃', '°',
];

/// Characters that must not end a line.
pub const NO_LINE_END: &[char] = &[
    '（', '「', '《', '『', '【', '〈', '〔', '〖', '〘', '〚', '［', '｛', '“', '‘', '(', '[',
    '{', '￥', '¥', '$', '＄', '#', '＃', '№',
];

/// Characters that are never separated from an identical neighbour (——, ……).
const INSEPARABLE_PAIRS: &[char] = &['—', '…', '‥', '─'];

pub fn is_no_line_start(ch: char) -> bool {
    NO_LINE_START.contains(&ch)
}

pub fn is_no_line_end(ch: char) -> bool {
    NO_LINE_END.contains(&ch)
}

/// A space at which a line may break; it is dropped there.
fn is_break_space(ch: char) -> bool {
    ch == ' '
}

/// Part of a Latin word or number: such runs are kept whole.
fn is_word(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_graphic();
    }
    // Latin letters with accents, the en and em dashes of "8:30—12:00"; not CJK.
    (ch.is_alphanumeric() && !is_cjk(ch)) || matches!(ch, '–' | '—')
}

/// Characters set on the ideographic em grid: Han, kana, Hangul and full-width forms.
fn is_cjk(ch: char) -> bool {
    matches!(u32::from(ch),
        0x1100..=0x11FF
        | 0x2E80..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// How to wrap one block of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WrapOptions {
    /// The measure, in points.
    pub width: f32,
    /// Indent of each paragraph's first line, in points (two ems for body text).
    pub first_indent: f32,
    /// Spread each full line to the measure.
    pub justify: bool,
}

impl WrapOptions {
    /// Body text: justified, first line indented by two ems of `size`.
    pub fn paragraph(width: f32, size: f32) -> WrapOptions {
        WrapOptions {
            width,
            first_indent: 2.0 * size,
            justify: true,
        }
    }

    /// Ragged lines with no indent (labels, list entries, table cells).
    pub fn ragged(width: f32) -> WrapOptions {
        WrapOptions {
            width,
            first_indent: 0.0,
            justify: false,
        }
    }

    /// Justified lines with no indent (list entries).
    pub fn justified(width: f32) -> WrapOptions {
        WrapOptions {
            width,
            first_indent: 0.0,
            justify: true,
        }
    }
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's characters, without the spaces dropped at its break.
    pub text: String,
    /// Where `text` is in the input (bytes).
    pub range: Range<usize>,
    /// Points from the left edge of the measure to the first character.
    pub indent: f32,
    /// The width of `text` set solid, in points (trailing spaces not counted).
    pub width: f32,
    /// Extra points added at each position in `stretch_before` (0 for a ragged or last line).
    pub stretch: f32,
    /// Byte offsets into `text` before which `stretch` is added.
    pub stretch_before: Vec<usize>,
    /// The last line of its paragraph.
    pub ends_paragraph: bool,
}

impl Line {
    /// The width the line occupies once justified, indent excluded.
    pub fn set_width(&self) -> f32 {
        self.width + self.stretch * self.stretch_before.len() as f32
    }
}

struct Glyph {
    at: usize,
    ch: char,
    advance: f32,
}

/// Wraps `text` (paragraphs separated by `\n`) to `options.width`.
pub fn wrap(text: &str, options: &WrapOptions, advance: impl Fn(char) -> f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(text, start, paragraph, options, &advance, &mut lines);
        start += paragraph.len() + 1;
    }
    lines
}

fn wrap_paragraph(
    full: &str,
    offset: usize,
    paragraph: &str,
    options: &WrapOptions,
    advance: &impl Fn(char) -> f32,
    lines: &mut Vec<Line>,
) {
    let glyphs: Vec<Glyph> = paragraph
        .char_indices()
        .map(|(at, ch)| Glyph {
            at: offset + at,
            ch,
            advance: if ch == '\r' { 0.0 } else { advance(ch) },
        })
        .collect();
    let n = glyphs.len();
    if n == 0 {
        lines.push(Line {
            text: String::new(),
            range: offset..offset,
            indent: options.first_indent,
            width: 0.0,
            stretch: 0.0,
            stretch_before: Vec::new(),
            ends_paragraph: true,
        });
        return;
    }
    let allowed = break_opportunities(&glyphs);
    let mut start = 0;
    let mut first = true;
    while start < n {
        let indent = if first { options.first_indent } else { 0.0 };
        let available = options.width - indent;
        let mut end = line_end(&glyphs, &allowed, start, available);
        // A paragraph's last line is never a single character (with its punctuation): the
        // break moves back to the previous opportunity, so two or more come down together.
        if end < n && end > start + 5 {
            let rest = glyphs[end..]
                .iter()
                .filter(|glyph| !is_break_space(glyph.ch) && !is_no_line_start(glyph.ch))
                .count();
            if rest <= 1
                && let Some(earlier) = (start + 2..end).rev().find(|&at| allowed[at])
            {
                end = earlier;
            }
        }
        // The next line starts after the spaces dropped at this break.
        let mut next = end;
        while next < n && is_break_space(glyphs[next].ch) && end < n {
            next += 1;
        }
        let last = next >= n;
        let mut visible_end = end;
        if !last {
            while visible_end > start && is_break_space(glyphs[visible_end - 1].ch) {
                visible_end -= 1;
            }
        }
        lines.push(make_line(
            full,
            &glyphs,
            &allowed,
            start..visible_end,
            indent,
            if options.justify && !last {
                Some(available)
            } else {
                None
            },
            last,
        ));
        start = next;
        first = false;
    }
}

/// `allowed[i]`: a line may break before glyph `i`.
fn break_opportunities(glyphs: &[Glyph]) -> Vec<bool> {
    let mut allowed = vec![false; glyphs.len()];
    let mut last_visible: Option<char> = None;
    for i in 0..glyphs.len() {
        let ch = glyphs[i].ch;
        if i > 0 {
            let prev = glyphs[i - 1].ch;
            let before = last_visible.unwrap_or(prev);
            allowed[i] = if is_break_space(ch) || is_no_line_start(ch) || is_no_line_end(before) {
                false
            } else if is_break_space(prev) {
                true
            } else if prev == ch && INSEPARABLE_PAIRS.contains(&ch) {
                false
            } else {
                !(is_word(prev) && is_word(ch))
            };
        }
        if !is_break_space(ch) {
            last_visible = Some(ch);
        }
    }
    allowed
}

/// The end (exclusive) of the line starting at `start`.
fn line_end(glyphs: &[Glyph], allowed: &[bool], start: usize, available: f32) -> usize {
    const EPSILON: f32 = 1e-3;
    let n = glyphs.len();
    let mut width = 0.0;
    let mut last_break = None;
    let mut i = start;
    while i < n {
        if i > start && allowed[i] {
            last_break = Some(i);
        }
        width += glyphs[i].advance;
        if !is_break_space(glyphs[i].ch) && width > available + EPSILON {
            break;
        }
        i += 1;
    }
    if i == n {
        return n;
    }
    if let Some(at) = last_break {
        return at;
    }
    // Nothing breakable fits: split the run, at a place the punctuation rules allow if any.
    let overflow = i.max(start + 1);
    (start + 1..=overflow)
        .rev()
        .find(|&j| {
            j < n
                && !is_no_line_start(glyphs[j].ch)
                && !is_no_line_end(glyphs[j - 1].ch)
                && !is_break_space(glyphs[j].ch)
        })
        .unwrap_or(overflow)
}

fn make_line(
    full: &str,
    glyphs: &[Glyph],
    allowed: &[bool],
    span: Range<usize>,
    indent: f32,
    justify_to: Option<f32>,
    ends_paragraph: bool,
) -> Line {
    let byte_start = glyphs.get(span.start).map_or(0, |g| g.at);
    let byte_end = if span.end > span.start {
        let g = &glyphs[span.end - 1];
        g.at + g.ch.len_utf8()
    } else {
        byte_start
    };
    let mut solid_end = span.end;
    while solid_end > span.start && glyphs[solid_end - 1].ch.is_whitespace() {
        solid_end -= 1;
    }
    let width: f32 = glyphs[span.start..solid_end]
        .iter()
        .map(|g| g.advance)
        .sum();
    let mut stretch_before = Vec::new();
    let mut stretch = 0.0;
    if let Some(available) = justify_to {
        for i in span.start + 1..solid_end {
            let (prev, ch) = (glyphs[i - 1].ch, glyphs[i].ch);
            let inseparable = prev == ch && INSEPARABLE_PAIRS.contains(&ch);
            let latin_or_space =
                is_word(prev) || is_word(ch) || prev.is_whitespace() || ch.is_whitespace();
            let between_ideographs = !latin_or_space && !inseparable;
            if allowed[i] || between_ideographs {
                stretch_before.push(glyphs[i].at - byte_start);
            }
        }
        if !stretch_before.is_empty() && available > width {
            stretch = (available - width) / stretch_before.len() as f32;
        } else {
            stretch_before.clear();
        }
    }
    Line {
        text: full[byte_start..byte_end].to_owned(),
        range: byte_start..byte_end,
        indent,
        width,
        stretch,
        stretch_before,
        ends_paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::metrics;

    /// Chinese and full-width punctuation one em, Latin half an em: a font-free measure.
    fn grid(ch: char) -> f32 {
        if is_cjk(ch) || !ch.is_ascii() {
            10.0
        } else {
            5.0
        }
    }

    fn real(ch: char) -> f32 {
        metrics::advance(ch, 10.0)
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
            options[(self.next() % options.len() as u64) as usize]
        }
    }

    /// Text like the hall's: Chinese with punctuation, numbers, phone numbers, Latin words,
    /// brackets, quotes, dashes and ellipses.
    fn sample_text(rng: &mut Rng, pieces: usize) -> String {
        const HAN: &[&str] = &[
            "申请",
            "材料",
            "身份证",
            "户口簿",
            "原件",
            "复印件",
            "代办员",
            "便民服务大厅",
            "耕地地力保护补贴",
            "最低生活保障",
            "审核",
            "王堃",
            "村委会",
            "乡人民政府",
            "办结",
            "工作日",
            "的",
            "和",
            "在",
        ];
        const AFTER: &[&str] = &["，", "。", "、", "；", "：", "？", "！", "……", "——", "%"];
        const WRAPPED: &[(&str, &str)] = &[("（", "）"), ("《", "》"), ("“", "”"), ("「", "」")];
        const LATIN: &[&str] = &[
            " 0934-5581001 ",
            "12345",
            " ID ",
            " Convenience service ",
            "8:30—12:00",
            " https://zwfw.gansu.gov.cn/service/item/0001 ",
            "3",
            "2025",
            " A5 ",
        ];
        let mut text = String::from(rng.pick(HAN));
        for _ in 0..pieces {
            match rng.next() % 6 {
                0 | 1 => text.push_str(rng.pick(HAN)),
                2 => {
                    text.push_str(rng.pick(AFTER));
                    text.push_str(rng.pick(HAN));
                }
                3 => {
                    let (open, close) = WRAPPED[(rng.next() % WRAPPED.len() as u64) as usize];
                    text.push_str(open);
                    text.push_str(rng.pick(HAN));
                    text.push_str(close);
                }
                4 => text.push_str(rng.pick(LATIN)),
                _ => text.push_str(rng.pick(HAN)),
            }
        }
        text
    }

    /// What the lines must satisfy, whatever the width.
    fn check(text: &str, options: &WrapOptions, measure: &impl Fn(char) -> f32) {
        let lines = wrap(text, options, measure);
        assert!(!lines.is_empty());
        // The text survives: between consecutive lines only break spaces (or a paragraph's
        // line end) are dropped.
        assert_eq!(lines[0].range.start, 0);
        assert_eq!(lines.last().unwrap().range.end, text.len());
        for pair in lines.windows(2) {
            let gap = &text[pair[0].range.end..pair[1].range.start];
            let expected_gap = if pair[0].ends_paragraph {
                gap == "\n"
            } else {
                gap.chars().all(is_break_space)
            };
            assert!(expected_gap, "dropped {gap:?} in {text:?}");
        }
        for line in &lines {
            assert_eq!(line.text, text[line.range.clone()]);
            let measured: f32 = line.text.trim_end().chars().map(measure).sum();
            assert!((measured - line.width).abs() < 1e-3);
            let chars: Vec<char> = line.text.chars().collect();
            // No line overflows, unless it is one character wider than the measure.
            assert!(
                line.indent + line.set_width() <= options.width + 1e-2 || chars.len() == 1,
                "overflow at width {}: {:?}",
                options.width,
                line.text
            );
            if let (Some(&first), Some(&last)) = (chars.first(), chars.last()) {
                let starts_paragraph =
                    line.range.start == 0 || text.as_bytes()[line.range.start - 1] == b'\n';
                assert!(
                    starts_paragraph || !is_no_line_start(first),
                    "line starts with {first:?} at width {}: {:?} in {text:?}",
                    options.width,
                    line.text
                );
                assert!(
                    line.ends_paragraph || !is_no_line_end(last),
                    "line ends with {last:?} at width {}: {:?}",
                    options.width,
                    line.text
                );
                assert!(line.ends_paragraph || !is_break_space(last));
            }
            // Justified lines fill the measure exactly.
            if options.justify && !line.ends_paragraph && line.stretch > 0.0 {
                let filled = line.indent + line.set_width();
                assert!((filled - options.width).abs() < 1e-2, "{filled}");
            }
        }
    }

    #[test]
    fn lines_never_overflow_or_break_punctuation_rules_and_keep_the_text_at_any_width() {
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        for round in 0..60 {
            let paragraphs: Vec<String> = (0..1 + round % 3)
                .map(|_| sample_text(&mut rng, 10 + round % 25))
                .collect();
            let text = paragraphs.join("\n");
            // The longest run the rules keep together here is five ems ("「在」……"): every
            // measure is at least that, the indented first line included.
            let mut width = 50.0;
            while width <= 400.0 {
                check(&text, &WrapOptions::paragraph(width + 20.0, 10.0), &grid);
                check(&text, &WrapOptions::ragged(width), &real);
                check(&text, &WrapOptions::justified(width + 0.37), &real);
                width += 7.0;
            }
        }
    }

    #[test]
    fn closing_punctuation_moves_down_with_the_character_before_it() {
        // Three ems wide: "申请人" fills the first line, so "，" may not start the second.
        let lines = wrap("申请人，请带身份证。", &WrapOptions::ragged(30.0), grid);
        let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["申请", "人，请", "带身份", "证。"]);
    }

    #[test]
    fn opening_punctuation_moves_down_with_what_it_opens() {
        let lines = wrap("请阅读《告知单》", &WrapOptions::ragged(40.0), grid);
        let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["请阅读", "《告知", "单》"]);
    }

    #[test]
    fn numbers_and_words_stay_whole_and_spaces_at_breaks_are_dropped() {
        let lines = wrap(
            "电话 0934-5581001 工作时间",
            &WrapOptions::ragged(70.0),
            grid,
        );
        let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["电话", "0934-5581001", "工作时间"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let lines = wrap("abcdefghij", &WrapOptions::ragged(20.0), grid);
        let texts: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(texts, ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn dashes_and_ellipses_are_not_split() {
        for width in [30.0, 40.0, 50.0, 60.0] {
            for line in wrap("他说——这是……好事", &WrapOptions::ragged(width), grid) {
                assert!(!line.text.starts_with('—') || line.text.starts_with("——"));
                assert!(!line.text.ends_with('—') || line.text.ends_with("——"));
                assert!(!line.text.starts_with('…'));
            }
        }
    }

    #[test]
    fn paragraphs_get_a_two_em_indent_and_full_lines_are_justified() {
        let text = "村民持便民服务卡到大厅办理，或者请本村代办员代办。";
        let lines = wrap(text, &WrapOptions::paragraph(105.0, 10.0), grid);
        assert_eq!(lines[0].indent, 20.0);
        assert_eq!(lines[1].indent, 0.0);
        assert!(lines[0].stretch >= 0.0);
        for line in &lines[..lines.len() - 1] {
            assert!((line.indent + line.set_width() - 105.0).abs() < 1e-3);
        }
        let last = lines.last().unwrap();
        assert_eq!(last.stretch, 0.0);
        assert!(last.ends_paragraph);
    }

    #[test]
    fn latin_words_are_never_letter_spaced() {
        let lines = wrap(
            "请拨打 Hotline 12345 咨询",
            &WrapOptions::justified(90.0),
            grid,
        );
        for line in &lines {
            for &at in &line.stretch_before {
                let before = line.text[..at].chars().last().unwrap();
                let after = line.text[at..].chars().next().unwrap();
                assert!(!(is_word(before) && is_word(after)), "{line:?}");
            }
        }
    }

    #[test]
    fn empty_paragraphs_keep_their_place() {
        let lines = wrap(
            "第一段\n\n第三段",
            &WrapOptions::paragraph(100.0, 10.0),
            grid,
        );
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].text, "");
        assert!(lines.iter().all(|line| line.ends_paragraph));
    }
}

//! Text as it is said: numbers, dates, times, money, percentages, ranges and code numbers turned
//! into Chinese words (2026年3月5日 → 二〇二六年三月五日, ¥1,250.50 → 一千二百五十元五角, 30% →
//! 百分之三十, 0934-5581002 → 〇九三四，五五八幺〇〇二), Latin letters spelled one by one. What is
//! not a number is left as it is, punctuation included (it becomes a pause later).

use super::numbers;

/// Characters that count things: a 2 before them is 两 (两份, 两个工作日), not 二.
const COUNTED: &str =
    "个名张份次天户人件项本条位种年周倍万千百只间台辆套块家所处类批元角亩斤株棵头口遍趟岁";
/// What a telephone or code number follows: its digits are said one by one.
const CODE_CUES: [&str; 14] = [
    "拨打",
    "电话",
    "热线",
    "号码",
    "编号",
    "账号",
    "尾号",
    "卡号",
    "代码",
    "编码",
    "密码",
    "验证码",
    "手机",
    "传真",
];
/// Units a long number of things is followed by (a number, not a code).
const QUANTITY_UNITS: &str = "元万亿亩人户个份张次年天斤株棵名件项";
/// Dashes that stand for "to" between two numbers (16—60周岁, 8:30-12:00).
const RANGE_DASHES: &str = "-–—~～";

/// `text` with every number, date, amount and code written out in Chinese words.
pub fn said(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(halfwidth).collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            i = number(&chars, i, false, &mut out);
            continue;
        }
        match c {
            '¥' | '￥' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                i = number(&chars, i + 1, true, &mut out);
                continue;
            }
            'a'..='z' | 'A'..='Z' => {
                // Each letter on its own: the voice names it (K B, L P R).
                out.push(' ');
                out.push(c.to_ascii_uppercase());
                out.push(' ');
            }
            '℃' => out.push_str("摄氏度"),
            '㎡' => out.push_str("平方米"),
            '‰' => out.push_str("千分号"),
            // 元/亩: "per".
            '/' if i > 0 && "元角分人次".contains(chars[i - 1]) => out.push('每'),
            '/' | '\\' | '|' => out.push('，'),
            // Marks nobody says.
            '#' | '*' | '_' | '^' | '`' | '<' | '>' | '=' | '@' | '&' | '+' | '%' => out.push(' '),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Full-width digits, letters and signs as their ASCII forms; everything else as it is.
fn halfwidth(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' | '：' | '－' | '／' => {
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// The ASCII digits from `start`, as a string, and where they end.
fn digits_at(chars: &[char], start: usize) -> (String, usize) {
    let end = chars[start..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(chars.len(), |len| start + len);
    (chars[start..end].iter().collect(), end)
}

/// Reads the number at `start` (its first digit) with what belongs to it (a date's parts, a
/// fraction, a percent sign, a money sign), writes it out in words, and returns where it ends.
fn number(chars: &[char], start: usize, yuan_sign: bool, out: &mut String) -> usize {
    let end = one_number(chars, start, yuan_sign, out);
    let at = |index: usize| chars.get(index).copied();
    let next = at(end);
    let digit_after = at(end + 1).is_some_and(|c| c.is_ascii_digit());
    // A range: 16—60周岁, 事项10—16, 8:30-12:00.
    if next.is_some_and(|c| RANGE_DASHES.contains(c)) && digit_after {
        out.push('到');
        return end + 1;
    }
    // 352×440: times.
    if matches!(next, Some('×' | '*' | 'x' | 'X')) && digit_after {
        out.push('乘');
        return end + 1;
    }
    end
}

/// One number, date, time or code at `start`, written out; returns where it ends.
fn one_number(chars: &[char], start: usize, yuan_sign: bool, out: &mut String) -> usize {
    let (run, end) = digits_at(chars, start);
    let at = |index: usize| chars.get(index).copied();
    let prev = start.checked_sub(1).and_then(at);

    if let Some(end) = date(chars, &run, end, out)
        .or_else(|| clock_time(chars, &run, end, out))
        .or_else(|| landline(chars, &run, end, out))
    {
        return end;
    }

    // 1,250 and 1,250.50: the commas group thousands.
    let mut whole = run.clone();
    let mut end = end;
    if run.len() <= 3 {
        while at(end) == Some(',') {
            let (group, group_end) = digits_at(chars, end + 1);
            if group.len() != 3 {
                break;
            }
            whole.push_str(&group);
            end = group_end;
        }
    }
    let fraction = if at(end) == Some('.') && at(end + 1).is_some_and(|c| c.is_ascii_digit()) {
        let (fraction, fraction_end) = digits_at(chars, end + 1);
        end = fraction_end;
        Some(fraction)
    } else {
        None
    };
    let grouped = whole != run;
    let Ok(value) = whole.parse::<u64>() else {
        // Too long to be a number: a code.
        out.push_str(&code(&whole));
        return end;
    };
    let next = at(end);
    // What follows past a space ("3 个工作日" from a translated sentence).
    let next_word = chars[end..].iter().copied().find(|c| *c != ' ');

    if next == Some('%') {
        out.push_str("百分之");
        out.push_str(&plain(value, fraction.as_deref()));
        return end + 1;
    }
    if yuan_sign || (next == Some('元') && fraction.is_some()) {
        let (jiao, fen) = cents(fraction.as_deref());
        out.push_str(&numbers::money(value, jiao, fen));
        return if next == Some('元') { end + 1 } else { end };
    }
    if fraction.is_none() && !grouped {
        let quoted =
            matches!(prev, Some('“' | '"' | '「')) && matches!(next, Some('”' | '"' | '」'));
        let is_code = (run.len() >= 2 && run.starts_with('0'))
            || (run.len() >= 5 && !next_word.is_some_and(|c| QUANTITY_UNITS.contains(c)))
            || (run.len() >= 3 && (quoted || after_code_cue(chars, start)))
            || (run.len() >= 3 && starts_with(chars, end, "热线"));
        if is_code {
            out.push_str(&code(&run));
            return end;
        }
        if is_year(chars, start, &run, end) {
            out.push_str(&numbers::one_by_one(&run, '一'));
            return end;
        }
    }
    let counts_things = value == 2
        && fraction.is_none()
        && prev != Some('第')
        && next_word.is_some_and(|c| COUNTED.contains(c));
    if counts_things {
        out.push('两');
    } else {
        out.push_str(&plain(value, fraction.as_deref()));
    }
    end
}

/// A number with perhaps a fraction.
fn plain(value: u64, fraction: Option<&str>) -> String {
    match fraction {
        Some(fraction) => numbers::decimal(value, fraction),
        None => numbers::integer(value),
    }
}

/// The 角 and 分 of a fraction of a yuan (".5" is 5 角; a third digit is dropped).
fn cents(fraction: Option<&str>) -> (u8, u8) {
    let mut digits = fraction
        .unwrap_or("")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| d as u8);
    (digits.next().unwrap_or(0), digits.next().unwrap_or(0))
}

/// YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD as 年月日, and YYYY-MM or YYYY/MM as 年月; None when
/// the digits are not a date.
fn date(chars: &[char], year: &str, end: usize, out: &mut String) -> Option<usize> {
    let separator = *chars.get(end)?;
    if year.len() != 4 || !"-/.".contains(separator) {
        return None;
    }
    let (month, month_end) = digits_at(chars, end + 1).into_short(2)?;
    if chars.get(month_end) != Some(&separator) {
        // A month of a year (2026-03); 2026.3 is a decimal.
        let m = month.parse::<u8>().ok()?;
        if separator == '.' || !(1..=12).contains(&m) || !year.starts_with(['1', '2']) {
            return None;
        }
        out.push_str(&numbers::one_by_one(year, '一'));
        out.push('年');
        out.push_str(&numbers::integer(u64::from(m)));
        out.push('月');
        return Some(month_end);
    }
    let (day, day_end) = digits_at(chars, month_end + 1).into_short(2)?;
    let (m, d) = (month.parse::<u8>().ok()?, day.parse::<u8>().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    out.push_str(&numbers::one_by_one(year, '一'));
    out.push('年');
    out.push_str(&numbers::integer(u64::from(m)));
    out.push('月');
    out.push_str(&numbers::integer(u64::from(d)));
    out.push('日');
    Some(day_end)
}

/// H:MM as 点 and 分 (8:30 → 八点三十, 12:00 → 十二点); None when it is not a time of day.
fn clock_time(chars: &[char], hour: &str, end: usize, out: &mut String) -> Option<usize> {
    if hour.len() > 2 || chars.get(end) != Some(&':') {
        return None;
    }
    let (minutes, minutes_end) = digits_at(chars, end + 1);
    let (h, m) = (hour.parse::<u8>().ok()?, minutes.parse::<u8>().ok()?);
    if minutes.len() != 2 || h > 24 || m > 59 {
        return None;
    }
    out.push_str(&numbers::integer(u64::from(h)));
    out.push('点');
    match m {
        0 => {}
        1..=9 => {
            out.push('零');
            out.push_str(&numbers::integer(u64::from(m)));
            out.push('分');
        }
        _ => out.push_str(&numbers::integer(u64::from(m))),
    }
    Some(minutes_end)
}

/// An area code and a number (0934-5581002), digit by digit with a pause between.
fn landline(chars: &[char], area: &str, end: usize, out: &mut String) -> Option<usize> {
    if !area.starts_with('0') || !(3..=4).contains(&area.len()) || chars.get(end) != Some(&'-') {
        return None;
    }
    let (number, number_end) = digits_at(chars, end + 1).into_short(8)?;
    if number.len() < 7 {
        return None;
    }
    out.push_str(&numbers::one_by_one(area, '幺'));
    out.push('，');
    out.push_str(&numbers::one_by_one(&number, '幺'));
    Some(number_end)
}

/// A code (a hotline, a mobile, a case number) digit by digit, with 1 as 幺 and a pause every
/// few digits so it can be written down: 3-4-4 for a mobile, fours for longer ones.
fn code(digits: &str) -> String {
    let groups: Vec<&str> = if digits.len() == 11 && digits.starts_with('1') {
        vec![&digits[..3], &digits[3..7], &digits[7..]]
    } else if digits.len() >= 8 {
        digits
            .as_bytes()
            .chunks(4)
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or(""))
            .collect()
    } else {
        vec![digits]
    };
    groups
        .iter()
        .map(|group| numbers::one_by_one(group, '幺'))
        .collect::<Vec<_>>()
        .join("，")
}

/// Whether a four-digit number is a year: before 年, inside 〔〕 or brackets (国发〔2014〕8号), or
/// the first of a range of years (2024—2026年).
fn is_year(chars: &[char], start: usize, run: &str, end: usize) -> bool {
    let Ok(value) = run.parse::<u16>() else {
        return false;
    };
    if run.len() != 4 || !(1900..=2100).contains(&value) {
        return false;
    }
    let prev = start.checked_sub(1).map(|i| chars[i]);
    let next = chars.get(end).copied();
    let bracketed = matches!(prev, Some('〔' | '[' | '(' | '（' | '【'))
        && matches!(next, Some('〕' | ']' | ')' | '）' | '】'));
    let range_of_years =
        next.is_some_and(|c| RANGE_DASHES.contains(c)) && digits_at(chars, end + 1).0.len() == 4;
    // The second of a range of years: 2021—2025.
    let after_a_year = start >= 5
        && RANGE_DASHES.contains(chars[start - 1])
        && chars[start - 5..start - 1].iter().all(char::is_ascii_digit)
        && (start == 5 || !chars[start - 6].is_ascii_digit())
        && matches!(chars[start - 5], '1' | '2');
    next == Some('年') || bracketed || range_of_years || after_a_year
}

/// Whether a telephone or code cue (拨打, 热线, 编号…) comes just before `start`, perhaps with a
/// colon, a quote or a space between.
fn after_code_cue(chars: &[char], start: usize) -> bool {
    let mut end = start;
    while end > 0 && matches!(chars[end - 1], ':' | '：' | '“' | '"' | ' ' | '「') {
        end -= 1;
    }
    let before: String = chars[end.saturating_sub(3)..end].iter().collect();
    CODE_CUES.iter().any(|cue| before.ends_with(cue))
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    let word: Vec<char> = word.chars().collect();
    chars.get(at..at + word.len()) == Some(word.as_slice())
}

trait Short {
    /// Some((digits, end)) when there are 1 to `max` digits.
    fn into_short(self, max: usize) -> Option<(String, usize)>;
}

impl Short for (String, usize) {
    fn into_short(self, max: usize) -> Option<(String, usize)> {
        (1..=max).contains(&self.0.len()).then_some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::said;

    #[test]
    fn dates_are_said_with_the_year_digit_by_digit() {
        assert_eq!(said("2026年3月5日"), "二〇二六年三月五日");
        assert_eq!(said("2026-11-01"), "二〇二六年十一月一日");
        assert_eq!(said("截至2026.11.2。"), "截至二〇二六年十一月二日。");
        assert_eq!(said("2024—2026年"), "二〇二四到二〇二六年");
        assert_eq!(said("国发〔2014〕8号"), "国发〔二〇一四〕八号");
        assert_eq!(said("2027年度"), "二〇二七年度");
        assert_eq!(said("（2021—2025）"), "（二〇二一到二〇二五）");
        assert_eq!(said("2021-2025"), "二〇二一到二〇二五");
        assert_eq!(said("2026-03起"), "二〇二六年三月起");
        assert_eq!(said("2026.3"), "二千零二十六点三");
    }

    #[test]
    fn money_and_percentages_are_said_as_amounts() {
        assert_eq!(said("¥1,250.50"), "一千二百五十元五角");
        assert_eq!(said("1250.5元"), "一千二百五十元五角");
        assert_eq!(said("每亩每年2.5元"), "每亩每年两元五角");
        assert_eq!(said("每亩补助1200元"), "每亩补助一千二百元");
        assert_eq!(said("5万元"), "五万元");
        assert_eq!(said("补贴50%"), "补贴百分之五十");
        assert_eq!(said("100％"), "百分之一百");
        assert_eq!(said("0.5%"), "百分之零点五");
        assert_eq!(said("补助850元/亩"), "补助八百五十元每亩");
    }

    #[test]
    fn telephone_and_case_numbers_are_said_digit_by_digit() {
        assert_eq!(said("0934-5581002"), "〇九三四，五五八幺〇〇二");
        assert_eq!(said("拨打12345投诉"), "拨打幺二三四五投诉");
        assert_eq!(said("请立即拨打110报警"), "请立即拨打幺幺〇报警");
        assert_eq!(said("“168”农资热线"), "“幺六八”农资热线");
        assert_eq!(said("13800138000"), "幺三八，〇〇幺三，八〇〇〇");
        assert_eq!(
            said("62102320220261127010042"),
            "六二幺〇，二三二〇，二二〇二，六幺幺二，七〇幺〇，〇四二"
        );
    }

    #[test]
    fn counts_time_limits_and_ranges_are_said_as_words() {
        assert_eq!(said("5个工作日"), "五个工作日");
        assert_eq!(said("2个工作日内"), "两个工作日内");
        assert_eq!(said("第2个"), "第二个");
        assert_eq!(said("年满16周岁"), "年满十六周岁");
        assert_eq!(said("事项10—16"), "事项十到十六");
        assert_eq!(said("8:30—12:00"), "八点三十到十二点");
        assert_eq!(said("14：05"), "十四点零五分");
        assert_eq!(said("352×440像素"), "三百五十二乘四百四十像素");
        assert_eq!(said("0.5亩"), "零点五亩");
        assert_eq!(said("39项"), "三十九项");
        assert_eq!(said("共10000户"), "共一万户");
    }

    #[test]
    fn letters_are_spelled_and_the_rest_kept() {
        assert_eq!(said("C级危房"), " C 级危房");
        assert_eq!(said("U盘"), " U 盘");
        assert_eq!(said("银行，补贴。"), "银行，补贴。");
    }
}

//! Numbers as they are said in Mandarin: 39 → 三十九, 10500 → 一万零五百, 0.5 → 零点五, money in
//! 元角分, and digit strings (years, telephone and case numbers) one digit at a time.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// The units of a four-digit group, from the thousands down.
const PLACES: [&str; 4] = ["千", "百", "十", ""];
/// The units of the groups of four, from the ones up.
const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// An integer said as a number: 10 → 十, 105 → 一百零五, 1250 → 一千二百五十.
pub fn integer(n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as u16);
        rest /= 10_000;
    }
    let mut said = String::new();
    let mut gap = false;
    for (index, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            gap |= !said.is_empty();
            continue;
        }
        // 一万零五百, 一亿零一万: a missing thousand (or a whole missing group) is a 零.
        if !said.is_empty() && (gap || group < 1000) {
            said.push('零');
        }
        said.push_str(&four(group, said.is_empty()));
        said.push_str(GROUPS[index]);
        gap = false;
    }
    said
}

/// One group of four digits (1–9999). `leading`: the first group said, where 10–19 are 十…
/// rather than 一十….
fn four(group: u16, leading: bool) -> String {
    let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
    let mut said = String::new();
    let mut zero = false;
    for (place, &digit) in digits.iter().enumerate() {
        if digit == 0 {
            zero |= !said.is_empty();
            continue;
        }
        if zero {
            said.push('零');
            zero = false;
        }
        let tens_first = leading && said.is_empty() && place == 2 && digit == 1;
        if !tens_first {
            said.push(DIGITS[usize::from(digit)]);
        }
        said.push_str(PLACES[place]);
    }
    said
}

/// A string of ASCII digits said one by one; `one` is how 1 is said (一 in years, 幺 in
/// telephone numbers, where it cannot be heard as 七). Anything else in `digits` is skipped.
pub fn one_by_one(digits: &str, one: char) -> String {
    digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| match d {
            0 => '〇',
            1 => one,
            d => DIGITS[d as usize],
        })
        .collect()
}

/// A decimal number: 0.5 → 零点五, 2.75 → 二点七五 (the integer part said as a number, the
/// fraction digit by digit). `whole` and `fraction` are ASCII digits.
pub fn decimal(whole: u64, fraction: &str) -> String {
    let fraction = one_by_one(fraction, '一').replace('〇', "零");
    if fraction.is_empty() {
        return integer(whole);
    }
    format!("{}点{fraction}", integer(whole))
}

/// An amount of money: 1250.5 元 → 一千二百五十元五角, 0.05 → 五分, 2 → 两元.
pub fn money(yuan: u64, jiao: u8, fen: u8) -> String {
    let mut said = String::new();
    if yuan > 0 {
        said.push_str(&counted(yuan));
        said.push('元');
    }
    if jiao > 0 {
        said.push_str(&counted(u64::from(jiao)));
        said.push('角');
    }
    if fen > 0 {
        if yuan > 0 && jiao == 0 {
            said.push('零');
        }
        said.push_str(&counted(u64::from(fen)));
        said.push('分');
    }
    if said.is_empty() {
        said.push_str("零元");
    }
    said
}

/// A number of things: 2 is 两 (两份, 两元), every other number as [`integer`].
pub fn counted(n: u64) -> String {
    if n == 2 { "两".to_owned() } else { integer(n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_said_with_their_places_and_zeros() {
        let cases = [
            (0, "零"),
            (7, "七"),
            (10, "十"),
            (16, "十六"),
            (39, "三十九"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (850, "八百五十"),
            (1005, "一千零五"),
            (1050, "一千零五十"),
            (1200, "一千二百"),
            (1250, "一千二百五十"),
            (10_000, "一万"),
            (10_500, "一万零五百"),
            (10_010, "一万零一十"),
            (100_000, "十万"),
            (110_000, "十一万"),
            (1_000_001, "一百万零一"),
            (100_010_000, "一亿零一万"),
            (120_000_000, "一亿二千万"),
        ];
        for (n, said) in cases {
            assert_eq!(integer(n), said, "{n}");
        }
    }

    #[test]
    fn digit_strings_decimals_and_money() {
        assert_eq!(one_by_one("2026", '一'), "二〇二六");
        assert_eq!(one_by_one("0934-5581002", '幺'), "〇九三四五五八幺〇〇二");
        assert_eq!(decimal(0, "5"), "零点五");
        assert_eq!(decimal(2, "05"), "二点零五");
        assert_eq!(money(1250, 5, 0), "一千二百五十元五角");
        assert_eq!(money(2, 5, 0), "两元五角");
        assert_eq!(money(7, 0, 5), "七元零五分");
        assert_eq!(money(0, 0, 5), "五分");
        assert_eq!(money(0, 0, 0), "零元");
        assert_eq!(counted(2), "两");
        assert_eq!(counted(12), "十二");
    }
}

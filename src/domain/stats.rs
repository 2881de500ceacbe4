//! 统计: what the hall counts over a period (a day, a month, a year, or any run of days), and
//! how. The store counts rows in SQL ([`crate::store`]'s `statistics`); everything that can be
//! decided without the database is decided here, so the desk, the command line, the monthly
//! report and the public display agree.
//!
//! A period is whole days, both ends included. Figures about the period count what happened in
//! it; figures about the state of cases are taken at the end of its **as-of day**: the period's
//! last day, or today while the period is still running ([`Period::as_of`]).
//!
//! - 受理 `accepted`: cases accepted (case number issued) on a day of the period.
//! - 办结 `completed`: cases completed on a day of the period; `completed_on_time` those of them
//!   completed on or before their due date.
//! - 退回 `returned`, 不予受理 `refused`: cases returned or refused on a day of the period.
//! - 在办 `in_progress`: cases accepted by the end of the as-of day and not closed (completed,
//!   returned, refused) by then. 待补正 cases are not in progress: their deadline has not started.
//! - 超期 `overdue`: cases in progress at the end of the as-of day whose due date is before it
//!   ([`is_overdue`], the rule the case list and the kiosk use): a case due on the as-of day is not
//!   overdue; one due the day before and still open is.
//! - 待补正 `awaiting_correction`: cases taken by the end of the as-of day, neither accepted nor
//!   closed by then.
//! - Ratings (好差评) are counted by the day they were given. A skip (未评价) is counted apart as
//!   `unrated`, never in 满意度; a rating whose appeal (申诉复核) was upheld is set aside: it is
//!   neither a 差评 nor in 满意度, and is counted as `set_aside`. 满意度 = (ratings given − 差评) /
//!   ratings given ([`crate::domain::rating::satisfaction`]).
//! - 差评整改: `opened`, the follow-ups opened on a day of the period, and `closed`, those of them
//!   closed now (整改完成率 = closed / opened); `open`, every follow-up not closed now, whatever the
//!   period, and `overdue`, those of them past their due date today.
//!
//! Breakdowns: by service item; by village (the applicant's household's); by window (the item's
//! window in the hall's content; a rating names its own window); by agent (the case's responsible
//! agent now, and the agent a rating names). Ratings are broken down by what the hall answers
//! for — item, window, agent — not by village.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::Content;
use super::rating::{RatingLevel, satisfaction};

/// A custom period may span at most this many days (ten years): longer is a typing slip.
pub const MAX_CUSTOM_DAYS: i64 = 3660;
/// A custom period up to this many days long is charted day by day; a longer one by month.
pub const DAILY_CHART_DAYS: i64 = 62;

/// The kinds of period the desk offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Day,
    Month,
    Year,
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Day,
        PeriodKind::Month,
        PeriodKind::Year,
        PeriodKind::Custom,
    ];
}

/// Whole days, both ends included. Made through the constructors, which keep a month on its
/// first day and a custom period in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day(NaiveDate),
    /// The month holding this date, kept as its first day.
    Month(NaiveDate),
    Year(i32),
    Custom {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// Why a period cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodProblem {
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    #[error("the period is longer than {MAX_CUSTOM_DAYS} days")]
    TooLong,
    #[error("\"{0}\" is not a date written YYYY-MM-DD")]
    BadDate(String),
    #[error("\"{0}\" is not a month written YYYY-MM")]
    BadMonth(String),
    #[error("\"{0}\" is not a year")]
    BadYear(String),
}

/// How a chart's series steps through a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Day,
    Month,
}

impl Period {
    pub fn day(date: NaiveDate) -> Period {
        Period::Day(date)
    }

    /// The month holding `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month(first_of_month(date))
    }

    pub fn year_of(date: NaiveDate) -> Period {
        Period::Year(date.year())
    }

    pub fn custom(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodProblem> {
        if to < from {
            return Err(PeriodProblem::EndsBeforeStart);
        }
        if (to - from).num_days() >= MAX_CUSTOM_DAYS {
            return Err(PeriodProblem::TooLong);
        }
        Ok(Period::Custom { from, to })
    }

    /// Today, for the public display and the desk's first view.
    pub fn today(today: NaiveDate) -> Period {
        Period::day(today)
    }

    /// This month, for the public display and the command line's default.
    pub fn this_month(today: NaiveDate) -> Period {
        Period::month_of(today)
    }

    /// A day written "2026-03-05".
    pub fn parse_date(text: &str) -> Result<NaiveDate, PeriodProblem> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| PeriodProblem::BadDate(text.trim().to_owned()))
    }

    /// "2026-03".
    pub fn parse_month(text: &str) -> Result<Period, PeriodProblem> {
        NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
            .ok()
            .filter(|_| text.trim().len() == 7)
            .map(Period::month_of)
            .ok_or_else(|| PeriodProblem::BadMonth(text.trim().to_owned()))
    }

    /// "2026".
    pub fn parse_year(text: &str) -> Result<Period, PeriodProblem> {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|year| (1900..=9999).contains(year))
            .and_then(|year| NaiveDate::from_ymd_opt(year, 1, 1))
            .map(Period::year_of)
            .ok_or_else(|| PeriodProblem::BadYear(text.trim().to_owned()))
    }

    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Day(_) => PeriodKind::Day,
            Period::Month(_) => PeriodKind::Month,
            Period::Year(_) => PeriodKind::Year,
            Period::Custom { .. } => PeriodKind::Custom,
        }
    }

    /// The first day counted.
    pub fn first(&self) -> NaiveDate {
        match *self {
            Period::Day(date) => date,
            Period::Month(date) => first_of_month(date),
            Period::Year(year) => year_start(year),
            Period::Custom { from, .. } => from,
        }
    }

    /// The last day counted.
    pub fn last(&self) -> NaiveDate {
        match *self {
            Period::Day(date) => date,
            Period::Month(date) => next_month(first_of_month(date)).pred_opt().unwrap_or(date),
            Period::Year(year) => year_start(year + 1).pred_opt().unwrap_or(NaiveDate::MAX),
            Period::Custom { to, .. } => to,
        }
    }

    /// How many days the period spans.
    pub fn days(&self) -> i64 {
        (self.last() - self.first()).num_days() + 1
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first() <= date && date <= self.last()
    }

    /// The day whose end the state of cases is taken at: the period's last day, or today while
    /// the period is still running (or has not started).
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.last().min(today)
    }

    /// The month a monthly report of this period covers: the month of its as-of day.
    pub fn report_month(&self, today: NaiveDate) -> Period {
        match self {
            Period::Month(_) => *self,
            _ => Period::month_of(self.as_of(today).max(self.first())),
        }
    }

    /// Day by day for a day, a month or a short custom period; month by month otherwise.
    pub fn step(&self) -> Step {
        match self {
            Period::Day(_) | Period::Month(_) => Step::Day,
            Period::Year(_) => Step::Month,
            Period::Custom { .. } if self.days() <= DAILY_CHART_DAYS => Step::Day,
            Period::Custom { .. } => Step::Month,
        }
    }

    /// The first day of each step of the chart, in order (a month step's first bucket may
    /// start before the period: it is named by its month).
    pub fn buckets(&self) -> Vec<NaiveDate> {
        let (first, last) = (self.first(), self.last());
        match self.step() {
            Step::Day => first.iter_days().take_while(|day| *day <= last).collect(),
            Step::Month => {
                let mut months = Vec::new();
                let mut month = first_of_month(first);
                while month <= last {
                    months.push(month);
                    month = next_month(month);
                }
                months
            }
        }
    }

    /// The period just before this one, of the same kind (a custom period moves by its length).
    pub fn previous(&self) -> Period {
        match *self {
            Period::Day(date) => Period::Day(date.pred_opt().unwrap_or(date)),
            Period::Month(first) => {
                Period::Month(first.checked_sub_months(Months::new(1)).unwrap_or(first))
            }
            Period::Year(year) => Period::Year(year - 1),
            Period::Custom { from, to } => {
                let length = to - from + chrono::Duration::days(1);
                Period::Custom {
                    from: from - length,
                    to: to - length,
                }
            }
        }
    }

    /// The period just after this one, of the same kind.
    pub fn next(&self) -> Period {
        match *self {
            Period::Day(date) => Period::Day(date.succ_opt().unwrap_or(date)),
            Period::Month(first) => Period::Month(next_month(first)),
            Period::Year(year) => Period::Year(year + 1),
            Period::Custom { from, to } => {
                let length = to - from + chrono::Duration::days(1);
                Period::Custom {
                    from: from + length,
                    to: to + length,
                }
            }
        }
    }

    /// A period of another kind around the same day (this period's as-of day): switching the
    /// desk from 月 to 日 shows that month's last day, or today in the current month.
    pub fn with_kind(&self, kind: PeriodKind, today: NaiveDate) -> Period {
        let anchor = self.as_of(today).max(self.first());
        match kind {
            PeriodKind::Day => Period::day(anchor),
            PeriodKind::Month => Period::month_of(anchor),
            PeriodKind::Year => Period::year_of(anchor),
            PeriodKind::Custom => Period::Custom {
                from: self.first(),
                to: self.last(),
            },
        }
    }
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX)
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn next_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a case still open at the end of `as_of` and due on `due` is overdue that day: after
/// its due date, never on it. The case list and the kiosk use the same rule
/// ([`crate::domain::deadline::urgency`]); the store's SQL says `due_date < as_of`.
pub fn is_overdue(due: NaiveDate, as_of: NaiveDate) -> bool {
    super::deadline::is_overdue(due, as_of)
}

/// How many cases of each kind; see the module's notes for what each counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CaseFigures {
    pub accepted: u64,
    pub completed: u64,
    pub completed_on_time: u64,
    pub returned: u64,
    pub refused: u64,
    pub in_progress: u64,
    pub overdue: u64,
    pub awaiting_correction: u64,
}

impl CaseFigures {
    /// 按时办结率: the share of the cases completed that were completed by their due date.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.completed > 0).then(|| self.completed_on_time as f64 / self.completed as f64)
    }

    pub fn is_empty(&self) -> bool {
        *self == CaseFigures::default()
    }
}

impl AddAssign for CaseFigures {
    fn add_assign(&mut self, other: CaseFigures) {
        self.accepted += other.accepted;
        self.completed += other.completed;
        self.completed_on_time += other.completed_on_time;
        self.returned += other.returned;
        self.refused += other.refused;
        self.in_progress += other.in_progress;
        self.overdue += other.overdue;
        self.awaiting_correction += other.awaiting_correction;
    }
}

/// Ratings given in a period, by level (best first, set-aside ones left out), with the skips
/// and the ratings set aside by an upheld appeal counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatingCounts {
    /// By [`RatingLevel::ALL`]'s order.
    pub levels: [u64; 5],
    /// 未评价: the farmer skipped.
    pub unrated: u64,
    /// Set aside by an upheld appeal (申诉复核).
    pub set_aside: u64,
}

impl RatingCounts {
    /// Counts `count` ratings of `level` (None: skipped); `set_aside` when their appeal was
    /// upheld.
    pub fn add(&mut self, level: Option<RatingLevel>, set_aside: bool, count: u64) {
        match level {
            None => self.unrated += count,
            Some(_) if set_aside => self.set_aside += count,
            Some(level) => self.levels[level_index(level)] += count,
        }
    }

    pub fn of(&self, level: RatingLevel) -> u64 {
        self.levels[level_index(level)]
    }

    /// The ratings that count: given, not skipped, not set aside.
    pub fn given(&self) -> u64 {
        self.levels.iter().sum()
    }

    /// 差评 that count.
    pub fn bad(&self) -> u64 {
        RatingLevel::ALL
            .into_iter()
            .filter(|level| level.is_bad())
            .map(|level| self.of(level))
            .sum()
    }

    /// 满意度, None when no rating counts.
    pub fn satisfaction(&self) -> Option<f64> {
        satisfaction(self.given(), self.bad())
    }

    pub fn is_empty(&self) -> bool {
        *self == RatingCounts::default()
    }
}

impl AddAssign for RatingCounts {
    fn add_assign(&mut self, other: RatingCounts) {
        for (mine, theirs) in self.levels.iter_mut().zip(other.levels) {
            *mine += theirs;
        }
        self.unrated += other.unrated;
        self.set_aside += other.set_aside;
    }
}

fn level_index(level: RatingLevel) -> usize {
    RatingLevel::ALL
        .iter()
        .position(|l| *l == level)
        .unwrap_or_default()
}

/// 差评 follow-ups (回访/整改); see the module's notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FollowUpFigures {
    /// Opened on a day of the period.
    pub opened: u64,
    /// Of those, closed now.
    pub closed: u64,
    /// Not closed now (any period).
    pub open: u64,
    /// Not closed now and past their due date today.
    pub overdue: u64,
}

impl FollowUpFigures {
    /// 整改完成率: closed / opened, None when none was opened.
    pub fn completion(&self) -> Option<f64> {
        (self.opened > 0).then(|| self.closed as f64 / self.opened as f64)
    }
}

/// One step of a chart's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The step's first day (the 1st for a month step).
    pub start: NaiveDate,
    pub accepted: u64,
    pub completed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub step: Step,
    /// Every step of the period, zero where nothing happened.
    pub points: Vec<Point>,
    /// How many of the points have begun by the as-of day; the rest are still to come (charts
    /// leave them empty rather than drawing a fall to zero).
    pub elapsed: usize,
}

impl Series {
    /// Every step of `period`, zero where nothing happened; `accepted` and `completed` are keyed
    /// by the step's first day; the steps after `as_of` are still to come.
    pub fn fill(
        period: &Period,
        as_of: NaiveDate,
        accepted: &BTreeMap<NaiveDate, u64>,
        completed: &BTreeMap<NaiveDate, u64>,
    ) -> Series {
        let points = period
            .buckets()
            .into_iter()
            .map(|start| Point {
                start,
                accepted: accepted.get(&start).copied().unwrap_or_default(),
                completed: completed.get(&start).copied().unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        Series {
            step: period.step(),
            elapsed: points.iter().filter(|point| point.start <= as_of).count(),
            points,
        }
    }

    /// The points that have begun by the as-of day.
    pub fn elapsed_points(&self) -> &[Point] {
        &self.points[..self.elapsed.min(self.points.len())]
    }

    /// The largest count, for a chart's scale.
    pub fn peak(&self) -> u64 {
        self.points
            .iter()
            .map(|point| point.accepted.max(point.completed))
            .max()
            .unwrap_or_default()
    }
}

/// One line of a breakdown: an item, a village, a window or an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The item's id, the village's name, the window's number or the agent's login.
    pub key: String,
    /// In the hall's language.
    pub name: String,
    /// In English, where the content has it (items, windows); else empty.
    pub name_en: String,
    pub cases: CaseFigures,
    pub ratings: RatingCounts,
}

/// Which breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Item,
    Village,
    Window,
    Agent,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Item,
        Dimension::Village,
        Dimension::Window,
        Dimension::Agent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Item => "item",
            Dimension::Village => "village",
            Dimension::Window => "window",
            Dimension::Agent => "agent",
        }
    }
}

/// Case figures of one (item, village, agent) group, as the store counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseGroup {
    pub item_id: String,
    pub village: String,
    pub agent_login: String,
    pub cases: CaseFigures,
}

/// Ratings of one group, as the store counts them: what the rating names, its level (None:
/// skipped), whether it was set aside, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingGroup {
    pub item_id: Option<String>,
    pub window: Option<u32>,
    pub agent_login: Option<String>,
    pub level: Option<RatingLevel>,
    pub set_aside: bool,
    pub count: u64,
}

/// What the store counted, before it is put together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    pub cases: Vec<CaseGroup>,
    pub ratings: Vec<RatingGroup>,
    pub follow_ups: FollowUpFigures,
    /// Keyed by the step's first day.
    pub accepted_by_step: BTreeMap<NaiveDate, u64>,
    pub completed_by_step: BTreeMap<NaiveDate, u64>,
    /// Agents' names by login.
    pub agents: BTreeMap<String, String>,
}

/// All the statistics of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    pub period: Period,
    /// The day the state of cases is taken at (see [`Period::as_of`]).
    pub as_of: NaiveDate,
    pub cases: CaseFigures,
    pub ratings: RatingCounts,
    pub follow_ups: FollowUpFigures,
    pub items: Vec<Line>,
    pub villages: Vec<Line>,
    pub windows: Vec<Line>,
    pub agents: Vec<Line>,
    pub series: Series,
}

impl Statistics {
    /// Puts the store's counts together: totals, the four breakdowns (names from the content and
    /// the accounts) and the chart's series.
    pub fn gather(period: Period, today: NaiveDate, content: &Content, counted: &Counted) -> Self {
        let mut cases = CaseFigures::default();
        let mut ratings = RatingCounts::default();
        let mut lines: BTreeMap<(Dimension, String), (CaseFigures, RatingCounts)> = BTreeMap::new();
        let item_window = |item: &str| content.item(item).map(|item| item.window);
        for group in &counted.cases {
            cases += group.cases;
            let mut keys = vec![
                (Dimension::Item, group.item_id.clone()),
                (Dimension::Village, group.village.clone()),
                (Dimension::Agent, group.agent_login.clone()),
            ];
            // An item no longer in the content has no window: it is counted in the totals,
            // its item and its village, not in a window.
            if let Some(window) = item_window(&group.item_id) {
                keys.push((Dimension::Window, window.to_string()));
            }
            for key in keys {
                lines.entry(key).or_default().0 += group.cases;
            }
        }
        for group in &counted.ratings {
            let mut one = RatingCounts::default();
            one.add(group.level, group.set_aside, group.count);
            ratings += one;
            let window = group
                .window
                .or_else(|| group.item_id.as_deref().and_then(item_window));
            let keys = [
                group.item_id.clone().map(|key| (Dimension::Item, key)),
                window.map(|window| (Dimension::Window, window.to_string())),
                group.agent_login.clone().map(|key| (Dimension::Agent, key)),
            ];
            for key in keys.into_iter().flatten() {
                lines.entry(key).or_default().1 += one;
            }
        }
        let mut by: BTreeMap<Dimension, Vec<Line>> = BTreeMap::new();
        for ((dimension, key), (cases, ratings)) in lines {
            let (name, name_en) = names(content, &counted.agents, dimension, &key);
            by.entry(dimension).or_default().push(Line {
                key,
                name,
                name_en,
                cases,
                ratings,
            });
        }
        let mut take = |dimension: Dimension| {
            let mut lines = by.remove(&dimension).unwrap_or_default();
            if dimension == Dimension::Window {
                lines.sort_by_key(|line| line.key.parse::<u32>().unwrap_or(u32::MAX));
            } else {
                lines.sort_by(|a, b| {
                    b.cases
                        .accepted
                        .cmp(&a.cases.accepted)
                        .then(b.ratings.given().cmp(&a.ratings.given()))
                        .then_with(|| a.key.cmp(&b.key))
                });
            }
            lines
        };
        Statistics {
            period,
            as_of: period.as_of(today),
            cases,
            ratings,
            follow_ups: counted.follow_ups,
            items: take(Dimension::Item),
            villages: take(Dimension::Village),
            windows: take(Dimension::Window),
            agents: take(Dimension::Agent),
            series: Series::fill(
                &period,
                period.as_of(today),
                &counted.accepted_by_step,
                &counted.completed_by_step,
            ),
        }
    }

    pub fn lines(&self, dimension: Dimension) -> &[Line] {
        match dimension {
            Dimension::Item => &self.items,
            Dimension::Village => &self.villages,
            Dimension::Window => &self.windows,
            Dimension::Agent => &self.agents,
        }
    }
}

/// A line's name in the hall's language and in English (empty when the content has none).
fn names(
    content: &Content,
    agents: &BTreeMap<String, String>,
    dimension: Dimension,
    key: &str,
) -> (String, String) {
    match dimension {
        Dimension::Item => content
            .item(key)
            .map(|item| (item.name.clone(), item.name_en.clone()))
            .unwrap_or_else(|| (key.to_owned(), String::new())),
        Dimension::Village => (key.to_owned(), String::new()),
        Dimension::Window => content
            .windows
            .iter()
            .find(|window| window.number.to_string() == key)
            .map(|window| (window.name.clone(), window.name_en.clone()))
            .unwrap_or_else(|| (key.to_owned(), String::new())),
        Dimension::Agent => (
            agents.get(key).cloned().unwrap_or_else(|| key.to_owned()),
            String::new(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_whole_days_both_ends_included() {
        let march = Period::month_of(day(2026, 3, 17));
        assert_eq!(march, Period::Month(day(2026, 3, 1)));
        assert_eq!(
            (march.first(), march.last()),
            (day(2026, 3, 1), day(2026, 3, 31))
        );
        assert_eq!(march.days(), 31);
        let february = Period::month_of(day(2028, 2, 3));
        assert_eq!(february.last(), day(2028, 2, 29), "a leap year");
        let year = Period::year_of(day(2026, 7, 1));
        assert_eq!(
            (year.first(), year.last()),
            (day(2026, 1, 1), day(2026, 12, 31))
        );
        let one = Period::day(day(2026, 3, 5));
        assert_eq!(
            (one.first(), one.last(), one.days()),
            (day(2026, 3, 5), day(2026, 3, 5), 1)
        );
        let custom = Period::custom(day(2026, 3, 5), day(2026, 3, 5)).unwrap();
        assert_eq!(custom.days(), 1);
        assert!(custom.contains(day(2026, 3, 5)));
        assert!(!custom.contains(day(2026, 3, 6)));
    }

    #[test]
    fn a_custom_period_must_be_in_order_and_not_absurdly_long() {
        assert_eq!(
            Period::custom(day(2026, 3, 5), day(2026, 3, 4)),
            Err(PeriodProblem::EndsBeforeStart)
        );
        assert_eq!(
            Period::custom(day(2000, 1, 1), day(2026, 1, 1)),
            Err(PeriodProblem::TooLong)
        );
    }

    #[test]
    fn months_and_years_parse_strictly() {
        assert_eq!(
            Period::parse_month("2026-03"),
            Ok(Period::Month(day(2026, 3, 1)))
        );
        for bad in ["2026-13", "2026-3", "2026", "March", "2026-03-01"] {
            assert!(Period::parse_month(bad).is_err(), "{bad}");
        }
        assert_eq!(Period::parse_year("2026"), Ok(Period::Year(2026)));
        assert_eq!(Period::parse_date(" 2026-03-05 "), Ok(day(2026, 3, 5)));
        assert!(Period::parse_date("2026-02-30").is_err());
        assert!(Period::parse_year("26x").is_err());
    }

    #[test]
    fn the_state_of_cases_is_taken_at_the_period_end_or_today() {
        let today = day(2026, 3, 17);
        assert_eq!(Period::this_month(today).as_of(today), today);
        let february = Period::month_of(day(2026, 2, 10));
        assert_eq!(february.as_of(today), day(2026, 2, 28));
        assert_eq!(Period::year_of(today).as_of(today), today);
    }

    #[test]
    fn a_case_due_on_the_as_of_day_is_not_overdue_the_day_after_it_is() {
        let due = day(2026, 3, 16);
        assert!(!is_overdue(due, day(2026, 3, 16)));
        assert!(is_overdue(due, day(2026, 3, 17)));
        assert!(!is_overdue(due, day(2026, 3, 15)));
    }

    #[test]
    fn charts_step_by_day_through_a_month_and_by_month_through_a_year() {
        let march = Period::month_of(day(2026, 3, 1));
        assert_eq!(march.step(), Step::Day);
        let buckets = march.buckets();
        assert_eq!(buckets.len(), 31);
        assert_eq!(buckets[30], day(2026, 3, 31));
        let year = Period::year_of(day(2026, 1, 1));
        assert_eq!(year.step(), Step::Month);
        assert_eq!(year.buckets().len(), 12);
        assert_eq!(year.buckets()[11], day(2026, 12, 1));
        let long = Period::custom(day(2026, 1, 20), day(2026, 5, 2)).unwrap();
        assert_eq!(long.step(), Step::Month);
        assert_eq!(
            long.buckets(),
            [
                day(2026, 1, 1),
                day(2026, 2, 1),
                day(2026, 3, 1),
                day(2026, 4, 1),
                day(2026, 5, 1)
            ]
        );
        let short = Period::custom(day(2026, 1, 20), day(2026, 2, 2)).unwrap();
        assert_eq!(short.step(), Step::Day);
        assert_eq!(short.buckets().len(), 14);
    }

    #[test]
    fn previous_and_next_move_by_the_period_s_own_length() {
        let march = Period::month_of(day(2026, 3, 31));
        assert_eq!(march.previous(), Period::Month(day(2026, 2, 1)));
        assert_eq!(march.next(), Period::Month(day(2026, 4, 1)));
        assert_eq!(
            Period::Month(day(2026, 1, 1)).previous(),
            Period::Month(day(2025, 12, 1))
        );
        assert_eq!(Period::Year(2026).previous(), Period::Year(2025));
        assert_eq!(
            Period::day(day(2026, 3, 1)).previous(),
            Period::day(day(2026, 2, 28))
        );
        let week = Period::custom(day(2026, 3, 2), day(2026, 3, 8)).unwrap();
        assert_eq!(
            week.next(),
            Period::custom(day(2026, 3, 9), day(2026, 3, 15)).unwrap()
        );
    }

    #[test]
    fn switching_kind_keeps_the_as_of_day() {
        let today = day(2026, 3, 17);
        let february = Period::month_of(day(2026, 2, 1));
        assert_eq!(
            february.with_kind(PeriodKind::Day, today),
            Period::day(day(2026, 2, 28))
        );
        assert_eq!(
            Period::this_month(today).with_kind(PeriodKind::Day, today),
            Period::day(today)
        );
        assert_eq!(
            Period::day(today).with_kind(PeriodKind::Year, today),
            Period::Year(2026)
        );
        assert_eq!(
            february.with_kind(PeriodKind::Custom, today),
            Period::custom(day(2026, 2, 1), day(2026, 2, 28)).unwrap()
        );
        assert_eq!(
            Period::day(day(2026, 2, 3)).report_month(today),
            Period::Month(day(2026, 2, 1))
        );
    }

    #[test]
    fn skips_and_upheld_appeals_stay_out_of_satisfaction() {
        let mut counts = RatingCounts::default();
        counts.add(Some(RatingLevel::VerySatisfied), false, 6);
        counts.add(Some(RatingLevel::BasicallySatisfied), false, 1);
        counts.add(Some(RatingLevel::Dissatisfied), false, 1);
        counts.add(Some(RatingLevel::VeryDissatisfied), false, 1);
        // Upheld: neither a 差评 nor in 满意度.
        counts.add(Some(RatingLevel::VeryDissatisfied), true, 2);
        counts.add(None, false, 4);
        assert_eq!(counts.given(), 9);
        assert_eq!(counts.bad(), 2);
        assert_eq!(counts.unrated, 4);
        assert_eq!(counts.set_aside, 2);
        assert_eq!(counts.of(RatingLevel::VeryDissatisfied), 1);
        assert_eq!(counts.satisfaction(), Some(7.0 / 9.0));
        let mut none = RatingCounts::default();
        none.add(None, false, 3);
        assert_eq!(none.satisfaction(), None, "skips alone give no 满意度");
    }

    #[test]
    fn follow_up_completion_is_closed_over_opened() {
        let figures = FollowUpFigures {
            opened: 4,
            closed: 3,
            open: 5,
            overdue: 1,
        };
        assert_eq!(figures.completion(), Some(0.75));
        assert_eq!(FollowUpFigures::default().completion(), None);
    }

    fn content() -> Content {
        crate::content::shipped().unwrap()
    }

    fn figures(accepted: u64, completed: u64, in_progress: u64, overdue: u64) -> CaseFigures {
        CaseFigures {
            accepted,
            completed,
            completed_on_time: completed,
            in_progress,
            overdue,
            ..CaseFigures::default()
        }
    }

    #[test]
    fn groups_add_up_to_totals_and_fold_into_every_breakdown() {
        let content = content();
        let (a, b) = (&content.items[0], &content.items[1]);
        let village = content.villages[0].name.clone();
        let counted = Counted {
            cases: vec![
                CaseGroup {
                    item_id: a.id.clone(),
                    village: village.clone(),
                    agent_login: "agent01".into(),
                    cases: figures(3, 1, 2, 1),
                },
                CaseGroup {
                    item_id: b.id.clone(),
                    village: village.clone(),
                    agent_login: "agent02".into(),
                    cases: figures(5, 2, 0, 0),
                },
                CaseGroup {
                    item_id: "retired-item".into(),
                    village: "别村".into(),
                    agent_login: "agent01".into(),
                    cases: figures(1, 0, 1, 0),
                },
            ],
            ratings: vec![
                RatingGroup {
                    item_id: Some(a.id.clone()),
                    window: None,
                    agent_login: Some("agent01".into()),
                    level: Some(RatingLevel::Dissatisfied),
                    set_aside: false,
                    count: 1,
                },
                // 咨询 at a window, no case.
                RatingGroup {
                    item_id: None,
                    window: Some(b.window),
                    agent_login: None,
                    level: Some(RatingLevel::Satisfied),
                    set_aside: false,
                    count: 2,
                },
            ],
            agents: [("agent01".to_owned(), "赵喆".to_owned())].into(),
            ..Counted::default()
        };
        let today = day(2026, 3, 17);
        let stats = Statistics::gather(Period::this_month(today), today, &content, &counted);
        assert_eq!(stats.cases, figures(9, 3, 3, 1));
        assert_eq!(stats.ratings.given(), 3);
        assert_eq!(stats.ratings.bad(), 1);
        // Items by accepted, most first; the retired item keeps its id as its name.
        let items: Vec<(&str, u64)> = stats
            .items
            .iter()
            .map(|line| (line.key.as_str(), line.cases.accepted))
            .collect();
        assert_eq!(
            items,
            [(b.id.as_str(), 5), (a.id.as_str(), 3), ("retired-item", 1)]
        );
        assert_eq!(stats.items[0].name, b.name);
        assert_eq!(stats.items[2].name, "retired-item");
        let village_line = stats.villages.iter().find(|l| l.key == village).unwrap();
        assert_eq!(village_line.cases.accepted, 8);
        assert!(
            village_line.ratings.is_empty(),
            "ratings are not broken down by village"
        );
        // Agents named from the accounts; an unknown login stands for itself.
        let zhao = stats.agents.iter().find(|l| l.key == "agent01").unwrap();
        assert_eq!((zhao.name.as_str(), zhao.cases.accepted), ("赵喆", 4));
        assert_eq!(
            stats
                .agents
                .iter()
                .find(|l| l.key == "agent02")
                .unwrap()
                .name,
            "agent02"
        );
        // Windows from the items (the retired item has none), and the 咨询 rating's own window.
        let window_total: u64 = stats.windows.iter().map(|l| l.cases.accepted).sum();
        assert_eq!(window_total, 8);
        let b_window = stats
            .windows
            .iter()
            .find(|l| l.key == b.window.to_string())
            .unwrap();
        assert!(b_window.ratings.of(RatingLevel::Satisfied) >= 2);
        let numbers: Vec<u32> = stats
            .windows
            .iter()
            .map(|l| l.key.parse().unwrap())
            .collect();
        assert!(
            numbers.windows(2).all(|pair| pair[0] < pair[1]),
            "by number"
        );
    }

    #[test]
    fn the_series_has_every_step_zero_where_nothing_happened() {
        let march = Period::month_of(day(2026, 3, 1));
        let accepted = [(day(2026, 3, 2), 4), (day(2026, 3, 31), 1)].into();
        let completed = [(day(2026, 3, 2), 2)].into();
        let series = Series::fill(&march, day(2026, 3, 17), &accepted, &completed);
        assert_eq!(series.points.len(), 31);
        assert_eq!(series.elapsed, 17, "the 18th to the 31st are still to come");
        assert_eq!(series.points[1].accepted, 4);
        assert_eq!(series.points[1].completed, 2);
        assert_eq!(series.points[0].accepted, 0);
        assert_eq!(series.points[30].accepted, 1);
        assert_eq!(series.peak(), 4);
    }
}

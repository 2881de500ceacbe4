//! 统计 for staff and admins: a period (day, month, year, or any run of days), its figures, charts
//! and breakdowns, counted on the store's thread; and the month's report exported as PDF or CSV
//! on a thread of its own, into the save folder, the screen saying where the file went.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{column, container, row};
use iced::{Alignment, Element, Length, Task};

use super::chart;
use super::form;
use super::office::Office;
use crate::domain::stats::{Dimension, Line, Period, PeriodKind, Statistics};
use crate::explain::shown;
use crate::i18n::Language;
use crate::print::PrintError;
use crate::print::report::MonthlyReport;
use crate::print::report::words::{self, percent};
use crate::store::StoreError;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// Widget ids of the custom period's two dates.
pub const FROM_INPUT: &str = "stats-from";
pub const TO_INPUT: &str = "stats-to";
/// Widget id of the folder the exports go to.
pub const FOLDER_INPUT: &str = "stats-folder";
/// The most lines a breakdown's chart draws (its table lists them all).
const CHART_LINES: usize = 12;

/// What the export buttons make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Pdf,
    Csv,
}

#[derive(Debug, Clone)]
pub struct StatsScreen {
    period: Period,
    /// The custom period's dates as typed.
    from: String,
    to: String,
    /// Why the typed dates make no period.
    problem: Option<String>,
    statistics: Option<Arc<Statistics>>,
    /// The latest query asked for; older answers are dropped.
    asked: u64,
    loading: bool,
    error: Option<String>,
    dimension: Dimension,
    /// Where exports go: the save folder, or a USB stick typed in.
    folder: String,
    exporting: bool,
    /// Where the last export went, or why it did not.
    exported: Option<Result<String, String>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Kind(PeriodKind),
    Previous,
    Next,
    From(String),
    To(String),
    Apply,
    Loaded(u64, Result<Arc<Statistics>, Arc<StoreError>>),
    Breakdown(Dimension),
    Folder(String),
    Export(Export),
    Counted(Export, Result<Arc<MonthlyReport>, Arc<PrintError>>),
    Exported(Result<PathBuf, Arc<PrintError>>),
}

impl StatsScreen {
    /// This month's statistics, on their way.
    pub fn open(office: &Office, today: NaiveDate) -> (StatsScreen, Task<Message>) {
        let period = Period::this_month(today);
        let mut screen = StatsScreen {
            period,
            from: period.first().to_string(),
            to: period.last().to_string(),
            problem: None,
            statistics: None,
            asked: 0,
            loading: false,
            error: None,
            dimension: Dimension::Item,
            folder: office.save_folder().display().to_string(),
            exporting: false,
            exported: None,
        };
        let load = screen.load(office, today);
        (screen, load)
    }

    pub fn period(&self) -> Period {
        self.period
    }

    pub fn statistics(&self) -> Option<&Statistics> {
        self.statistics.as_deref()
    }

    pub fn is_busy(&self) -> bool {
        self.loading || self.exporting
    }

    fn load(&mut self, office: &Office, today: NaiveDate) -> Task<Message> {
        self.asked += 1;
        self.loading = true;
        let (asked, period) = (self.asked, self.period);
        office.run(
            move |store, rules| {
                store
                    .statistics(&period, today, rules.content)
                    .map(Arc::new)
            },
            move |result| Message::Loaded(asked, result),
        )
    }

    /// Shows `period` and counts it.
    fn show(&mut self, period: Period, office: &Office, today: NaiveDate) -> Task<Message> {
        self.period = period;
        self.from = period.first().to_string();
        self.to = period.last().to_string();
        self.problem = None;
        self.load(office, today)
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        today: NaiveDate,
    ) -> Task<Message> {
        match message {
            Message::Kind(kind) => {
                let period = self.period.with_kind(kind, today);
                return self.show(period, office, today);
            }
            Message::Previous => return self.show(self.period.previous(), office, today),
            Message::Next => return self.show(self.period.next(), office, today),
            Message::From(from) => self.from = from,
            Message::To(to) => self.to = to,
            Message::Apply => {
                let period = Period::parse_date(&self.from).and_then(|from| {
                    Period::parse_date(&self.to).and_then(|to| Period::custom(from, to))
                });
                match period {
                    Ok(period) => return self.show(period, office, today),
                    Err(problem) => self.problem = Some(shown(language, &problem)),
                }
            }
            Message::Loaded(asked, _) if asked != self.asked => {}
            Message::Loaded(_, result) => {
                self.loading = false;
                match result {
                    Ok(statistics) => {
                        self.statistics = Some(statistics);
                        self.error = None;
                    }
                    Err(error) => self.error = Some(shown(language, &*error)),
                }
            }
            Message::Breakdown(dimension) => self.dimension = dimension,
            Message::Folder(folder) => self.folder = folder,
            Message::Export(_) if self.exporting => {}
            Message::Export(_) if self.folder.trim().is_empty() => {
                self.exported = Some(Err(t!(language, "print-screen-folder-empty")));
            }
            Message::Export(export) => {
                self.exporting = true;
                self.exported = None;
                let month = self.period.report_month(today);
                return office.run(
                    move |store, rules| {
                        MonthlyReport::count(store, rules.content, &month, today).map(Arc::new)
                    },
                    move |result| Message::Counted(export, result),
                );
            }
            Message::Counted(export, Ok(report)) => {
                let folder = PathBuf::from(self.folder.trim());
                return crate::ui::background::on_thread(
                    "bianmin-report",
                    move || write_report(&report, export, &folder),
                    || {
                        Err(Arc::new(PrintError::Pdf(
                            "the report thread stopped".into(),
                        )))
                    },
                    Message::Exported,
                );
            }
            Message::Counted(_, Err(error)) | Message::Exported(Err(error)) => {
                self.exporting = false;
                let reason = shown(language, &*error);
                self.exported = Some(Err(t!(language, "stats-export-failed", reason = reason)));
            }
            Message::Exported(Ok(path)) => {
                self.exporting = false;
                tracing::info!(path = %path.display(), "statistics exported");
                self.exported = Some(Ok(t!(
                    language,
                    "stats-exported",
                    path = path.display().to_string()
                )));
            }
        }
        Task::none()
    }

    pub fn view(&self, look: Look, today: NaiveDate) -> Element<'_, Message> {
        let language = look.language;
        let kind = self.period.kind();
        let mut kinds = row![look.heading(t!(language, "stats-title"))]
            .spacing(look.scale.pad)
            .align_y(Alignment::Center);
        for (choice, key, label) in [
            (
                PeriodKind::Day,
                "stats-kind-day",
                t!(language, "stats-kind-day"),
            ),
            (
                PeriodKind::Month,
                "stats-kind-month",
                t!(language, "stats-kind-month"),
            ),
            (
                PeriodKind::Year,
                "stats-kind-year",
                t!(language, "stats-kind-year"),
            ),
            (
                PeriodKind::Custom,
                "stats-kind-custom",
                t!(language, "stats-kind-custom"),
            ),
        ] {
            let style = if choice == kind {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            kinds = kinds.push(look.tap(key, look.strong(label), Message::Kind(choice), style));
        }
        // The arrows come before the period's name, so a longer name never moves them.
        let controls = kinds
            .push(look.tap(
                "stats-previous",
                look.strong(t!(language, "stats-previous")),
                Message::Previous,
                theme::secondary_button,
            ))
            .push(look.tap(
                "stats-next",
                look.strong(t!(language, "stats-next")),
                Message::Next,
                theme::secondary_button,
            ))
            .push(look.heading(words::period(language, &self.period)));
        let mut page = column![controls.wrap().vertical_spacing(look.scale.pad)]
            .spacing(look.scale.space * 0.6);
        if kind == PeriodKind::Custom {
            page = page.push(self.custom(look));
        }
        // One line says what is happening: counting, why it failed, or the day the state of
        // cases is taken at.
        let busy = self.loading.then(|| t!(language, "stats-loading"));
        let said = match (&self.error, &self.statistics) {
            (Some(reason), _) => Some(Err(t!(language, "stats-failed", reason = reason.as_str()))),
            (None, Some(statistics)) => Some(Ok(t!(
                language,
                "stats-as-of",
                date = words::date(language, statistics.as_of)
            ))),
            (None, None) => None,
        };
        page = page.push(form::answer(look, busy, said.as_ref()));
        if let Some(statistics) = &self.statistics {
            page = page.push(self.results(look, statistics));
        }
        page.push(self.exports(look, today)).into()
    }

    fn custom(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let date =
            |id: &'static str, label: String, value: &str, on_input: fn(String) -> Message| {
                column![
                    look.strong(label),
                    form::text_box(look, "", value)
                        .id(id)
                        .on_input(on_input)
                        .on_submit(Message::Apply),
                ]
                .spacing(look.scale.space * 0.3)
                .width(Length::FillPortion(2))
            };
        column![
            row![
                date(
                    FROM_INPUT,
                    t!(language, "stats-from"),
                    &self.from,
                    Message::From
                ),
                date(TO_INPUT, t!(language, "stats-to"), &self.to, Message::To),
                look.tap(
                    "stats-apply",
                    look.strong(t!(language, "stats-apply"))
                        .color(theme::ON_PRIMARY),
                    Message::Apply,
                    theme::primary_button
                ),
            ]
            .spacing(look.scale.pad)
            .align_y(Alignment::End),
            form::error_slot(look, self.problem.as_deref()),
        ]
        .into()
    }

    fn results<'a>(&'a self, look: Look, statistics: &'a Statistics) -> Element<'a, Message> {
        let language = look.language;
        let cases = &statistics.cases;
        let ratings = &statistics.ratings;
        let follow_ups = &statistics.follow_ups;
        let figure = |label: String, value: String| -> Element<'a, Message> {
            container(column![look.small(label), look.title(value)].spacing(2.0))
                .padding(look.scale.pad)
                .width(look.scale.body * 8.0)
                .style(theme::card)
                .into()
        };
        let figures = row![
            figure(t!(language, "stats-accepted"), cases.accepted.to_string()),
            figure(t!(language, "stats-completed"), cases.completed.to_string()),
            figure(
                t!(language, "stats-in-progress"),
                cases.in_progress.to_string()
            ),
            figure(t!(language, "stats-overdue"), cases.overdue.to_string()),
            figure(
                t!(language, "stats-on-time-rate"),
                percent(language, cases.on_time_rate())
            ),
            figure(
                t!(language, "stats-awaiting"),
                cases.awaiting_correction.to_string()
            ),
            figure(
                t!(language, "stats-satisfaction"),
                percent(language, ratings.satisfaction())
            ),
            figure(t!(language, "stats-rated"), ratings.given().to_string()),
            figure(t!(language, "stats-bad"), ratings.bad().to_string()),
            figure(t!(language, "stats-unrated"), ratings.unrated.to_string()),
            figure(
                t!(language, "stats-completion"),
                percent(language, follow_ups.completion())
            ),
            figure(
                t!(language, "stats-follow-ups-open"),
                follow_ups.open.to_string()
            ),
        ]
        .spacing(look.scale.pad)
        .wrap()
        .vertical_spacing(look.scale.pad);
        let trend_title = match statistics.series.step {
            crate::domain::stats::Step::Day => t!(language, "stats-chart-daily"),
            crate::domain::stats::Step::Month => t!(language, "stats-chart-monthly"),
        };
        let charts = row![
            container(look.section(trend_title, chart::trend(look, &statistics.series)))
                .width(Length::FillPortion(3)),
            container(look.section(
                t!(language, "stats-chart-ratings"),
                chart::levels(look, ratings)
            ))
            .width(Length::FillPortion(2)),
        ]
        .spacing(look.scale.pad);
        let mut tabs = row![].spacing(look.scale.pad);
        for dimension in Dimension::ALL {
            let style = if dimension == self.dimension {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            tabs = tabs.push(look.tap(
                &format!("stats-by-{}", dimension.code()),
                look.strong(words::breakdown(language, dimension)),
                Message::Breakdown(dimension),
                style,
            ));
        }
        let lines = statistics.lines(self.dimension);
        let breakdown: Element<'a, Message> = if lines.is_empty() {
            look.body(t!(language, "stats-no-cases")).into()
        } else {
            column![
                chart::bars(look, lines, CHART_LINES),
                table(look, self.dimension, lines),
            ]
            .spacing(look.scale.space)
            .into()
        };
        column![
            figures,
            charts,
            tabs.wrap().vertical_spacing(look.scale.pad),
            look.section(words::breakdown(language, self.dimension), breakdown),
        ]
        .spacing(look.scale.space)
        .into()
    }

    fn exports(&self, look: Look, today: NaiveDate) -> Element<'_, Message> {
        let language = look.language;
        let month = words::month(language, self.period.report_month(today).first());
        let busy = self.exporting.then(|| t!(language, "stats-exporting"));
        column![
            look.strong(t!(language, "print-screen-folder")),
            form::text_box(look, "", &self.folder)
                .id(FOLDER_INPUT)
                .on_input(Message::Folder),
            row![
                look.tap(
                    "stats-export-pdf",
                    look.strong(t!(language, "stats-export-pdf", month = month.as_str())),
                    Message::Export(Export::Pdf),
                    theme::secondary_button
                ),
                look.tap(
                    "stats-export-csv",
                    look.strong(t!(language, "stats-export-csv", month = month.as_str())),
                    Message::Export(Export::Csv),
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad)
            .wrap()
            .vertical_spacing(look.scale.pad),
            form::answer(look, busy, self.exported.as_ref()),
        ]
        .spacing(look.scale.space * 0.4)
        .into()
    }
}

/// A breakdown as a table: the name, then the figures right-aligned, with a total row.
fn table<'a, M: 'a>(look: Look, dimension: Dimension, lines: &'a [Line]) -> Element<'a, M> {
    let language = look.language;
    let number = look.scale.body * 5.5;
    let cells = |name: String, values: Vec<String>, bold: bool| -> Element<'a, M> {
        let cell = |content: String| {
            if bold {
                look.strong(content)
            } else {
                look.body(content)
            }
        };
        let mut line = row![cell(name).width(Length::Fill)].spacing(look.scale.pad);
        for value in values {
            line = line.push(
                cell(value)
                    .width(number)
                    .align_x(iced::alignment::Horizontal::Right),
            );
        }
        line.into()
    };
    let mut rows = column![cells(
        words::column(language, dimension),
        words::columns(dimension)
            .iter()
            .map(|column| column.heading(language))
            .collect(),
        true,
    )]
    .spacing(look.scale.space * 0.4);
    for line in lines {
        rows = rows.push(cells(
            crate::ui::names::shown(words::name(language, line)),
            words::columns(dimension)
                .iter()
                .map(|column| column.value(language, line))
                .collect(),
            false,
        ));
    }
    let mut total = Line {
        key: String::new(),
        name: t!(language, "stats-total"),
        name_en: String::new(),
        cases: Default::default(),
        ratings: Default::default(),
    };
    for line in lines {
        total.cases += line.cases;
        total.ratings += line.ratings;
    }
    rows = rows.push(cells(
        total.name.clone(),
        words::columns(dimension)
            .iter()
            .map(|column| column.value(language, &total))
            .collect(),
        true,
    ));
    rows.into()
}

/// Writes the month's PDF or CSV into `folder` (which must exist: a USB stick not plugged in is
/// not made up as a folder); returns where it went.
fn write_report(
    report: &MonthlyReport,
    export: Export,
    folder: &std::path::Path,
) -> Result<PathBuf, Arc<PrintError>> {
    let (bytes, extension) = match export {
        Export::Pdf => (report.pdf(crate::clock::now()).map_err(Arc::new)?, "pdf"),
        Export::Csv => (report.csv(), "csv"),
    };
    let path = folder.join(format!("{}.{extension}", report.file_stem()));
    crate::print::cups::write_file(&path, &bytes).map_err(Arc::new)?;
    Ok(path)
}

//! A period of statistics that cannot be counted, in words.

use super::Explain;
use crate::domain::stats::PeriodProblem;
use crate::i18n::Language;
use crate::t;

impl Explain for PeriodProblem {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            PeriodProblem::EndsBeforeStart => t!(l, "stats-period-ends-before-start"),
            PeriodProblem::TooLong => t!(l, "stats-period-too-long"),
            PeriodProblem::BadDate(text) => t!(l, "stats-period-bad-date", text = text.as_str()),
            PeriodProblem::BadMonth(text) => {
                t!(l, "stats-period-bad-month", text = text.as_str())
            }
            PeriodProblem::BadYear(text) => t!(l, "stats-period-bad-year", text = text.as_str()),
        }
    }
}

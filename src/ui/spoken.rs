//! What 朗读 reads on each kiosk page: the same content the page shows, with the page's own
//! labels, in Chinese whatever language the screen is in (the hall's content is Chinese, and the
//! voice speaks Mandarin).

use crate::domain::type_scale::{TextSize, TypeScale};
use crate::domain::{Content, Notice, Policy, ServiceItem};
use crate::i18n::Language;
use crate::store::PublicStatus;
use crate::t;
use crate::ui::screen::item;
use crate::ui::widget::Look;

/// The language read aloud.
const ZH: Language = Language::ZhCn;

/// A script: sentences, each ended by a full stop unless it has its own ending.
#[derive(Default)]
struct Script(String);

impl Script {
    /// Adds a sentence.
    fn say(&mut self, sentence: impl AsRef<str>) {
        let sentence = sentence.as_ref().trim();
        if sentence.is_empty() {
            return;
        }
        self.0.push_str(sentence);
        if !sentence.ends_with(['。', '！', '？', '：', '；']) {
            self.0.push('。');
        }
        self.0.push('\n');
    }

    /// A label ("办结时限：") and its value as one sentence.
    fn field(&mut self, label: String, value: impl AsRef<str>) {
        self.say(format!("{label}{}", value.as_ref().trim()));
    }
}

/// An item's one-time notice (一次性告知): what it is, time limit and fee, conditions, what to
/// bring, the steps and whom to call.
pub fn item(content: &Content, item: &ServiceItem) -> String {
    let mut script = Script::default();
    script.say(format!("{}. {}", item.number, item.name));
    script.say(&item.summary);
    if item.unverified {
        script.say(t!(ZH, "unverified-note"));
    }
    let look = Look {
        scale: TypeScale::new(TextSize::DEFAULT),
        language: ZH,
    };
    script.field(
        t!(ZH, "item-promise"),
        crate::ui::screen::catalog::time_limit(look, item),
    );
    script.field(t!(ZH, "item-legal-limit"), item::legal_limit(ZH, item));
    script.field(t!(ZH, "item-fee"), item::fee(ZH, item));
    script.field(
        t!(ZH, "item-visits"),
        t!(ZH, "item-visits-count", visits = item.visits),
    );
    script.field(t!(ZH, "item-department"), &item.department);
    script.field(t!(ZH, "item-window"), item::window(ZH, content, item));
    script.say(t!(ZH, "item-conditions"));
    for condition in &item.conditions {
        script.say(condition);
    }
    script.say(t!(
        ZH,
        "item-materials",
        count = item.materials.len(),
        required = item.required_materials().count()
    ));
    for (index, material) in item.materials.iter().enumerate() {
        let need = if material.required {
            t!(ZH, "material-required")
        } else {
            t!(ZH, "material-optional")
        };
        script.say(format!(
            "{}. {}，{need}，{}",
            index + 1,
            material.name,
            item::copies(ZH, material)
        ));
        script.field(t!(ZH, "material-form"), &material.form);
        script.field(t!(ZH, "material-source"), &material.source);
    }
    script.say(t!(ZH, "item-procedure"));
    for (index, step) in item.steps.iter().enumerate() {
        script.say(format!("{}. {}，{}", index + 1, step.title, step.actor));
        script.say(&step.detail);
    }
    script.field(t!(ZH, "item-consult-phone"), &item.consult_phone);
    script.field(t!(ZH, "item-supervision-phone"), &item.supervision_phone);
    script.field(t!(ZH, "hall-phone"), &content.hall.phone);
    script.0
}

/// A policy: who, how much, how to apply, whom to ask.
pub fn policy(policy: &Policy) -> String {
    let mut script = Script::default();
    script.say(&policy.name);
    if policy.unverified {
        script.say(t!(ZH, "unverified-note"));
    }
    for (heading, body) in [
        (t!(ZH, "policy-who"), &policy.who),
        (t!(ZH, "policy-standard"), &policy.standard),
        (t!(ZH, "policy-how"), &policy.how_to_apply),
    ] {
        script.say(heading);
        script.say(body);
    }
    script.field(t!(ZH, "policy-department"), &policy.department);
    script.field(t!(ZH, "item-consult-phone"), &policy.phone);
    script.0
}

/// A notice of the 公开栏: its title, date and paragraphs.
pub fn notice(notice: &Notice) -> String {
    let mut script = Script::default();
    script.say(&notice.title);
    script.say(notice.date.to_string());
    if notice.sample {
        script.say(t!(ZH, "notice-sample"));
    }
    for paragraph in notice.paragraphs() {
        script.say(paragraph);
    }
    script.0
}

/// 查进度's answer: each case's item, state, the stages reached and what to do next.
pub fn status(content: &Content, found: &[PublicStatus]) -> String {
    use crate::domain::progress::{Outcome, Stage};
    let mut script = Script::default();
    for status in found {
        if let Some(item) = content.item(&status.item_id) {
            script.say(&item.name);
        }
        script.field(
            t!(ZH, "case-state"),
            crate::ui::desk::words::state(ZH, status.state),
        );
        for mark in &status.progress.stages {
            let stage = match mark.stage {
                Stage::Accepted => t!(ZH, "status-stage-accepted"),
                Stage::Handling => t!(ZH, "status-stage-handling"),
                Stage::County => t!(ZH, "status-stage-county"),
                Stage::Completed => t!(ZH, "status-stage-completed"),
            };
            let when = mark
                .reached
                .map_or_else(|| t!(ZH, "status-stage-pending"), |on| on.to_string());
            script.say(format!("{stage}，{when}"));
        }
        let reason = |why: &str| {
            if why.is_empty() {
                t!(ZH, "status-no-reason")
            } else {
                why.to_owned()
            }
        };
        match &status.progress.outcome {
            Outcome::Open => script.say(match status.due_date {
                Some(due) => t!(ZH, "status-due", date = due.to_string()),
                None => t!(ZH, "status-no-due"),
            }),
            Outcome::AwaitingCorrection { missing } => {
                script.say(t!(ZH, "status-correction"));
                for material in missing {
                    script.say(material);
                }
            }
            Outcome::Completed { on } => {
                script.say(t!(ZH, "status-completed-on", date = on.to_string()));
            }
            Outcome::Returned { on, reason: why } => {
                script.say(t!(
                    ZH,
                    "status-returned",
                    date = on.to_string(),
                    reason = reason(why)
                ));
                script.say(t!(ZH, "status-returned-next"));
            }
            Outcome::Refused { on, reason: why } => {
                script.say(t!(
                    ZH,
                    "status-refused",
                    date = on.to_string(),
                    reason = reason(why)
                ));
                script.say(t!(ZH, "status-refused-next"));
            }
        }
    }
    script.0
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_items_script_says_what_its_page_shows() {
        let content = crate::content::shipped().expect("shipped content");
        let item = &content.items[0];
        let script = super::item(&content, item);
        assert!(
            script.starts_with(&format!("1. {}。", item.name)),
            "{script}"
        );
        for shown in [
            item.summary.as_str(),
            item.materials[0].name.as_str(),
            item.materials[0].form.as_str(),
            item.steps[0].detail.as_str(),
            item.consult_phone.as_str(),
        ] {
            assert!(script.contains(shown), "{shown} missing from\n{script}");
        }
        assert!(script.contains("个工作日内办结"), "{script}");
    }

    #[test]
    fn a_policys_and_a_notices_script_say_their_text() {
        let content = crate::content::shipped().expect("shipped content");
        let policy = &content.policies[0];
        let script = super::policy(policy);
        assert!(
            script.contains(&policy.standard) && script.contains("补贴标准"),
            "{script}"
        );
        let notice = &content.notices[0];
        let script = super::notice(notice);
        assert!(script.contains(&notice.title), "{script}");
        assert!(
            script.contains(notice.paragraphs().next().unwrap()),
            "{script}"
        );
    }

    /// Every Chinese character of every page's script is said (none dropped for want of a
    /// reading), and no digit is left for the voice to spell in English.
    #[test]
    fn every_character_of_the_shipped_pages_is_said() {
        use crate::domain::speech::{Sound, words};
        let content = crate::content::shipped().expect("shipped content");
        let mut scripts: Vec<String> = content
            .items
            .iter()
            .map(|item| super::item(&content, item))
            .collect();
        scripts.extend(content.policies.iter().map(super::policy));
        scripts.extend(content.notices.iter().map(super::notice));
        for script in scripts {
            let said = words::said(&script);
            assert!(!said.chars().any(|c| c.is_ascii_digit()), "{said}");
            let han = said
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || *c == '〇')
                .count();
            let reading = crate::speech::Speech::reading(&script).expect("a reading");
            let syllables = reading
                .sounds()
                .iter()
                .filter(|sound| matches!(sound, Sound::Syllable(_)))
                .count();
            assert_eq!(han, syllables, "{said}");
        }
    }

    #[test]
    fn a_status_answer_says_the_item_the_stages_reached_and_what_to_do() {
        use crate::domain::application::CaseState;
        use crate::domain::progress::{Outcome, Progress, Stage, StageMark};
        let content = crate::content::shipped().expect("shipped content");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let found = crate::store::PublicStatus {
            case_id: "case-1".into(),
            item_id: "pension-enrolment".into(),
            state: CaseState::Returned,
            due_date: None,
            progress: Progress {
                stages: vec![
                    StageMark {
                        stage: Stage::Accepted,
                        reached: Some(day),
                    },
                    StageMark {
                        stage: Stage::Handling,
                        reached: None,
                    },
                ],
                outcome: Outcome::Returned {
                    on: day,
                    reason: "户口簿页不全".into(),
                },
            },
        };
        let script = super::status(&content, &[found]);
        let item = content.item("pension-enrolment").unwrap();
        assert!(script.starts_with(&format!("{}。", item.name)), "{script}");
        assert!(script.contains("受理，2026-11-03。"), "{script}");
        assert!(script.contains("办理，未到。"), "{script}");
        assert!(script.contains("退回原因：户口簿页不全"), "{script}");
        assert!(!script.contains("case-1"), "{script}");
        let said = crate::domain::speech::words::said(&script);
        assert!(said.contains("受理，二〇二六年十一月三日"), "{said}");
    }
}

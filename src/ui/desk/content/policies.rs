//! 政策: one subsidy policy at a time — its year, amounts (the standard), who qualifies, how to
//! apply, and whether its figures are confirmed for this county (已核实).

use iced::widget::{column, pick_list, row};
use iced::{Element, Length};

use super::fields::{self, Problems};
use crate::content::ContentError;
use crate::content::words::field_label;
use crate::domain::content::EntryKind;
use crate::domain::{Content, Policy};
use crate::t;
use crate::ui::desk::choice::Choice;
use crate::ui::desk::form;
use crate::ui::widget::Look;

/// The policy's fields, in the order drawn; the year and the phone share a row.
const TEXTS: [&str; 8] = [
    "name",
    "name_en",
    "source_year",
    "phone",
    "standard",
    "who",
    "how_to_apply",
    "department",
];

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyForm {
    id: String,
    texts: [String; 8],
    verified: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick(Choice<String>),
    Text(usize, String),
    Verified(bool),
}

impl PolicyForm {
    pub fn new(policy: &Policy) -> PolicyForm {
        PolicyForm {
            id: policy.id.clone(),
            texts: TEXTS.map(|field| match field {
                "name" => policy.name.clone(),
                "name_en" => policy.name_en.clone(),
                "source_year" => policy.source_year.to_string(),
                "phone" => policy.phone.clone(),
                "standard" => policy.standard.clone(),
                "who" => policy.who.clone(),
                "how_to_apply" => policy.how_to_apply.clone(),
                _ => policy.department.clone(),
            }),
            verified: !policy.unverified,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn update(&mut self, message: Message) {
        match message {
            Message::Pick(_) => {}
            Message::Text(index, value) => {
                if let Some(text) = self.texts.get_mut(index) {
                    *text = value;
                }
            }
            Message::Verified(verified) => self.verified = verified,
        }
    }

    pub fn apply(&self, content: &mut Content, found: &mut Vec<ContentError>) {
        let Some(policy) = content
            .policies
            .iter_mut()
            .find(|policy| policy.id == self.id)
        else {
            return;
        };
        let text = |index: usize| self.texts[index].trim().to_owned();
        policy.name = text(0);
        policy.name_en = text(1);
        if let Some(year) = fields::number(&text(2), &self.id, "source_year", found) {
            policy.source_year = i32::try_from(year).unwrap_or(i32::MAX);
        }
        policy.phone = text(3);
        policy.standard = text(4);
        policy.who = text(5);
        policy.how_to_apply = text(6);
        policy.department = text(7);
        policy.unverified = !self.verified;
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &Content,
        problems: &Problems,
    ) -> Element<'a, Message> {
        let language = look.language;
        let choices: Vec<Choice<String>> = content
            .policies
            .iter()
            .map(|policy| Choice::new(policy.id.clone(), policy.name.clone()))
            .collect();
        let picked = choices
            .iter()
            .find(|choice| choice.value == self.id)
            .cloned();
        let field = |index: usize| {
            let name = TEXTS[index];
            fields::text_field(
                look,
                format!("content-policy-{name}"),
                field_label(language, EntryKind::Policy, name),
                &self.texts[index],
                move |value| Message::Text(index, value),
                problems.at(language, &self.id, name),
            )
        };
        column![
            look.strong(t!(language, "content-pick-policy")),
            form::target(
                "content-policy-pick",
                form::choice_list(look, pick_list(choices, picked, Message::Pick))
                    .width(Length::Fill)
            ),
            row![field(0), field(1)].spacing(look.scale.pad * 2.0),
            row![field(2), field(3)].spacing(look.scale.pad * 2.0),
            field(4),
            field(5),
            field(6),
            field(7),
            form::tick(
                look,
                "content-policy-verified",
                self.verified,
                t!(language, "content-policy-verified"),
                Message::Verified
            ),
        ]
        .spacing(look.scale.space * 0.5)
        .into()
    }
}

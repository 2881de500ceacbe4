//! 惠农政策: the subsidy policies and one policy's details.

use iced::Element;
use iced::widget::column;

use super::Route;
use crate::domain::Content;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

pub fn list<'a>(look: Look, content: &'a Content) -> Element<'a, Route> {
    let language = look.language;
    let rows = content.policies.iter().map(|policy| {
        look.tap_wide(
            &format!("policy-{}", policy.id),
            column![
                look.heading(language.pick(&policy.name, &policy.name_en)),
                look.small(policy.department.as_str()),
            ],
            Route::Policy(policy.id.clone()),
            theme::secondary_button,
        )
    });
    column![look.title(t!(language, "policies-title"))]
        .extend(look.chinese_only())
        .push(column(rows).spacing(look.scale.space))
        .spacing(look.scale.space)
        .into()
}

pub fn detail<'a>(look: Look, content: &'a Content, id: &str) -> Element<'a, Route> {
    let language = look.language;
    let Some(policy) = content.policy(id) else {
        return look.body(t!(language, "not-found")).into();
    };
    let mut page = column![look.title(language.pick(&policy.name, &policy.name_en))]
        .extend(look.chinese_only())
        .spacing(look.scale.space);
    if policy.unverified {
        page = page.push(look.caution(t!(language, "unverified-note")));
    }
    page = page
        .push(look.section(t!(language, "policy-who"), look.body(policy.who.as_str())))
        .push(look.section(
            t!(language, "policy-standard"),
            look.body(policy.standard.as_str()),
        ))
        .push(look.section(
            t!(language, "policy-how"),
            look.body(policy.how_to_apply.as_str()),
        ))
        .push(
            look.section(
                t!(language, "policy-contact"),
                column![
                    look.field(t!(language, "policy-department"), policy.department.clone()),
                    look.field(t!(language, "item-consult-phone"), policy.phone.clone()),
                    look.field(t!(language, "policy-year"), policy.source_year.to_string()),
                ]
                .spacing(look.scale.space * 0.5),
            ),
        );
    let related: Vec<_> = policy
        .related_items
        .iter()
        .filter_map(|id| content.item(id))
        .collect();
    if !related.is_empty() {
        page = page.push(
            look.section(
                t!(language, "policy-related"),
                column(
                    related
                        .into_iter()
                        .map(|item| super::catalog::item_row(look, item)),
                )
                .spacing(look.scale.space),
            ),
        );
    }
    page.into()
}

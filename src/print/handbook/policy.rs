//! 《惠农政策补贴手册》: a foreword, then one section per policy (who qualifies, the standard,
//! how to apply, the department and phone, the policy's year).

use crate::clock::Timestamp;
use crate::domain::{Content, Policy};
use crate::t;

use super::super::flow::Flow;
use super::super::page::{Color, Document, Style};
use super::{
    BODY, CoverText, Entry, LANGUAGE, LEADING, assemble, body_flow, centered_title, label,
    section_title, unverified_note,
};

/// The policy handbook's A5 pages in reading order.
pub fn policy_handbook_document(content: &Content, printed_at: Timestamp) -> Document {
    // The sections first, so that the contents can give their page numbers.
    let mut body = body_flow();
    foreword(&mut body, content);
    let mut entries = Vec::new();
    for (index, policy) in content.policies.iter().enumerate() {
        if index > 0 {
            body.gap(14.0);
        }
        let marker = format!("{:02}", index + 1);
        let start = section(&mut body, &marker, policy);
        entries.push(Entry {
            marker,
            name: policy.name.clone(),
            start,
        });
    }
    let cover = CoverText {
        title: t!(LANGUAGE, "handbook-policy-title"),
        subtitle: t!(LANGUAGE, "handbook-policy-subtitle"),
        count: t!(
            LANGUAGE,
            "handbook-policy-count",
            count = content.policies.len().to_string()
        ),
    };
    assemble(content, &cover, &entries, body, printed_at)
}

fn foreword(flow: &mut Flow, content: &Content) {
    centered_title(flow, &t!(LANGUAGE, "handbook-foreword-title"));
    flow.paragraph(
        Style::regular(BODY),
        LEADING,
        &t!(
            LANGUAGE,
            "handbook-foreword",
            hall = content.hall.name.as_str(),
            phone = content.hall.phone.as_str()
        ),
    );
    flow.gap(16.0);
}

/// One policy; returns the index of the body page it starts on.
fn section(flow: &mut Flow, marker: &str, policy: &Policy) -> usize {
    let start = section_title(flow, marker, &policy.name);
    let body = Style::regular(BODY);
    for (heading, text, is_standard) in [
        (t!(LANGUAGE, "policy-who"), &policy.who, false),
        (t!(LANGUAGE, "policy-standard"), &policy.standard, true),
        (t!(LANGUAGE, "policy-how"), &policy.how_to_apply, false),
    ] {
        label(flow, &heading);
        flow.paragraph(body, LEADING, text);
        if is_standard && policy.unverified {
            unverified_note(flow);
        }
        flow.gap(3.0);
    }
    let contact = Style::regular(9.0).color(Color::GRAY);
    // The department and the year stay together.
    flow.keep(28.0);
    let (x, width) = (flow.left(), flow.width());
    flow.text(
        x,
        width,
        contact,
        14.0,
        &format!(
            "{}{}    {}",
            t!(LANGUAGE, "policy-department"),
            policy.department,
            t!(LANGUAGE, "handbook-phone", phone = policy.phone.as_str())
        ),
    );
    flow.text(
        x,
        width,
        contact,
        14.0,
        &format!("{}{}", t!(LANGUAGE, "policy-year"), policy.source_year),
    );
    start
}

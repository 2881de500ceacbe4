//! Measuring what people tap: the bounds of every control on screen, found with the simulator's
//! own search, which walks the whole widget tree with iced's widget `Operation`s (scrolled out of
//! view or not) and reports each widget's layout bounds.
//!
//! Buttons made with `Look::tap` are containers whose id starts with `TARGET_ID_PREFIX`, the
//! desk's other controls (pick lists, checkboxes, made with `ui::desk::form::target`) containers
//! whose id starts with `CONTROL_ID_PREFIX`; both take their control's size. Text boxes are found
//! as text inputs, with or without an id.

#![allow(dead_code)]

use bianmin::ui::App;
use bianmin::ui::desk::form::CONTROL_ID_PREFIX;
use bianmin::ui::widget::TARGET_ID_PREFIX;
use iced::Rectangle;
use iced_test::selector::Candidate;

/// One control on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    /// The widget id, or "text box" for a text input without one.
    pub name: String,
    pub bounds: Rectangle,
}

/// Every touch target and text box on screen, in the order they are drawn.
pub fn controls(app: &App) -> Vec<Control> {
    let mut ui = super::ui(app);
    let mut found = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| {
        match candidate {
            Candidate::Container {
                id: Some(id),
                bounds,
                ..
            } => {
                let name = format!("{id:?}");
                if name.contains(TARGET_ID_PREFIX) || name.contains(CONTROL_ID_PREFIX) {
                    found.push(Control { name, bounds });
                }
            }
            Candidate::TextInput { id, bounds, .. } => found.push(Control {
                name: id.map_or_else(|| "text box".to_owned(), |id| format!("{id:?}")),
                bounds,
            }),
            _ => {}
        }
        None::<()>
    });
    found
}

/// The controls on screen less than `min` pixels tall.
pub fn shorter_than(app: &App, min: f32) -> Vec<Control> {
    controls(app)
        .into_iter()
        .filter(|control| control.bounds.height < min)
        .collect()
}

/// Where the control named `key` (a touch target's key or a text box's id) is.
pub fn bounds_of(app: &App, key: &str) -> Rectangle {
    let wanted = [
        format!("\"{TARGET_ID_PREFIX}{key}\""),
        format!("\"{CONTROL_ID_PREFIX}{key}\""),
        format!("\"{key}\""),
    ];
    controls(app)
        .into_iter()
        .find(|control| {
            wanted
                .iter()
                .any(|name| control.name.contains(name.as_str()))
        })
        .unwrap_or_else(|| panic!("no control {key} on screen"))
        .bounds
}

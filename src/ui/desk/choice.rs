//! A value with the words shown for it in a pick list.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

impl<T> Choice<T> {
    pub fn new(value: T, label: impl Into<String>) -> Choice<T> {
        Choice {
            value,
            label: label.into(),
        }
    }
}

impl<T> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The choice whose value is `value`, from a list.
pub fn selected<T: PartialEq + Clone>(options: &[Choice<T>], value: &T) -> Option<Choice<T>> {
    options
        .iter()
        .find(|choice| &choice.value == value)
        .cloned()
}

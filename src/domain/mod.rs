//! Pure types and rules of the hall: no I/O, no SQLite, no iced.

pub mod account;
pub mod application;
pub mod calendar;
pub mod case_entry;
pub mod case_number;
pub mod catalog;
pub mod content;
pub mod content_diff;
pub mod deadline;
pub mod display;
pub mod follow_up;
pub mod hall;
pub mod household;
pub mod id_number;
pub mod idle;
pub mod notice;
pub mod phone;
pub mod policy;
pub mod problem;
pub mod progress;
pub mod rating;
pub mod rating_page;
pub mod reference;
pub mod roster;
pub mod search;
pub mod stats;
pub mod status_query;
pub mod sync;
pub mod text;
pub mod type_scale;

pub use catalog::{Category, ItemKind, Material, ServiceItem, Step};
pub use content::Content;
pub use hall::{HallProfile, KioskSettings, ServiceWindow, Village};
pub use notice::{Board, Notice};
pub use policy::Policy;
pub use problem::{FieldProblem, Problem};

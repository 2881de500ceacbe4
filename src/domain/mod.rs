//! Pure types and rules of the hall: no I/O, no SQLite, no iced.

pub mod catalog;
pub mod content;
pub mod hall;
pub mod idle;
pub mod notice;
pub mod policy;
pub mod problem;
pub mod search;
pub mod type_scale;

pub use catalog::{Category, ItemKind, Material, ServiceItem, Step};
pub use content::Content;
pub use hall::{HallProfile, KioskSettings, ServiceWindow};
pub use notice::{Board, Notice};
pub use policy::Policy;
pub use problem::{FieldProblem, Problem};

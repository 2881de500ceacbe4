//! The kiosk's screens. Navigation-only screens return `Element<Route>`: the route tapped.

pub mod catalog;
pub mod home;
pub mod item;
pub mod notices;
pub mod policies;
pub mod rating;
pub mod search;
pub mod status;

/// Where the kiosk can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// 办事指南: the categories.
    Categories,
    /// The items of one category.
    Category(String),
    /// One item's one-time notice and procedure.
    Item(String),
    Policies,
    Policy(String),
    /// 公开栏, showing one board (the first when None).
    Notices(Option<String>),
    Notice(String),
    Search,
    /// 查进度: a case's state and due date.
    Status,
    /// The agents' desk (login first).
    Desk,
    /// 评价服务 (好差评): a case by its number or the receipt's QR, or a visit (咨询).
    Rate,
}

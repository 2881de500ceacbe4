//! bianmin (便民): the offline-first kiosk of a township convenience-service hall.

pub mod auth;
pub mod chars;
pub mod cli;
pub mod clock;
pub mod content;
pub mod content_edit;
pub mod county;
pub mod daily_backup;
pub mod demo;
pub mod dir_lock;
pub mod domain;
pub mod explain;
pub mod i18n;
pub mod logging;
pub mod print;
pub mod private_file;
pub mod roster;
pub mod service_manager;
pub mod settings;
pub mod setup;
pub mod speech;
pub mod startup;
pub mod store;
pub mod sync;
pub mod ui;

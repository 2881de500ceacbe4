//! The county's receiver: its own SQLite database, the HTTP server halls sync with, and the
//! USB exchange. It keeps every event it accepted (once), answers per event, hands each hall
//! its stream back in order, and keeps a view of the applications built from those events.


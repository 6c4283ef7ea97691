//! Small building blocks shared by the pages.

pub mod badge;
pub mod banner;
pub mod icon;
pub mod sidebar;
pub mod strength_meter;
pub mod text_field;
pub mod top_bar;

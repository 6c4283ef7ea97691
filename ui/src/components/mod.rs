//! Small building blocks shared by the pages.

pub mod add_staff_dialog;
pub mod badge;
pub mod banner;
pub mod confirm_dialog;
pub mod customer_form;
pub mod customer_history;
pub mod customer_login;
pub mod customer_mails;
pub mod erase_customer_dialog;
pub mod icon;
pub mod linked_staff;
pub mod modal;
pub mod outbox_indicator;
pub mod password_change_form;
pub mod select;
pub mod settings_mail;
pub mod sidebar;
pub mod strength_meter;
pub mod temporary_password_dialog;
pub mod text_field;
pub mod top_bar;

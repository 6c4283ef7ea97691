//! What the screens and their building blocks use again and again, imported at once with
//! `use crate::prelude::*;`: Yew, the command names, the shared components, the form
//! layer and the call hook.

pub use keydesk_api::commands;
pub use yew::prelude::*;

pub use crate::components::badge::Badge;
pub use crate::components::banner::Banner;
pub use crate::components::busy_button::BusyButton;
pub use crate::components::check_field::{checked, CheckField};
pub use crate::components::field_error::FieldError;
pub use crate::components::field_frame::{described_by, FieldFrame};
pub use crate::components::icon::{Icon, IconName};
pub use crate::components::modal::Modal;
pub use crate::components::modal_head::ModalHead;
pub use crate::components::select::{choices, known_choices, Select};
pub use crate::components::submit_button::SubmitButton;
pub use crate::components::text_field::TextField;
pub use crate::dom::{local_time, local_time_short, typed};
pub use crate::form::{use_form, Field, Form, FormAction, FormState};
pub use crate::hooks::use_command::{use_command, Command};
pub use crate::state::page::Page;
pub use crate::state::remote::Remote;
pub use crate::state::tone::Tone;
pub use crate::words::use_words;

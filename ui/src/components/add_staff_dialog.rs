use keydesk_api::{commands, StaffWithTemporaryPassword};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::banner::Banner;
use super::icon::{Icon, IconName};
use super::modal::Modal;
use super::select::Select;
use super::text_field::TextField;
use crate::dom::{focus, focus_id};
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::staff::{role_from_value, role_summary, role_value};
use crate::state::staff_form::{AddStaffAction, AddStaffForm, StaffField, NEW_MEMBER_ROLES};

#[derive(Properties, PartialEq)]
pub struct AddStaffDialogProps {
    /// The member was added; the answer carries their temporary password.
    pub onadded: Callback<StaffWithTemporaryPassword>,
    pub oncancel: Callback<()>,
}

/// `#staff-add-dialog`: email, name and role of a new member.
#[component]
pub fn AddStaffDialog(props: &AddStaffDialogProps) -> Html {
    let app = use_context::<AppDispatch>();
    let form = use_reducer(AddStaffForm::default);
    let refs = [use_node_ref(), use_node_ref()];

    {
        let form = form.clone();
        let onadded = props.onadded.clone();
        use_effect_with(form.submit_seq, move |&seq| {
            if seq > 0 && form.busy {
                let request = form.request();
                let dispatcher = form.dispatcher();
                spawn_local(async move {
                    let answer: Result<StaffWithTemporaryPassword, _> =
                        ipc::call(commands::ADD_STAFF, &request).await;
                    match answer {
                        Ok(added) => onadded.emit(added),
                        Err(error) => {
                            dispatcher.dispatch(AddStaffAction::Failed(error.clone()));
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }
    {
        let form = form.clone();
        let refs = refs.clone();
        use_effect_with(form.attempts, move |&attempts| {
            if attempts > 0 && !form.busy {
                match form.first_error_field() {
                    Some(StaffField::Role) => focus_id(StaffField::Role.input_id()),
                    Some(field) => focus(&refs[field as usize]),
                    None => {}
                }
            }
        });
    }

    let onsubmit = {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatcher.dispatch(AddStaffAction::Submit);
        })
    };
    let on_email = {
        let dispatcher = form.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(AddStaffAction::EditEmail(v)))
    };
    let on_name = {
        let dispatcher = form.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(AddStaffAction::EditName(v)))
    };
    let on_role = {
        let dispatcher = form.dispatcher();
        Callback::from(move |v: String| {
            if let Some(role) = role_from_value(&v) {
                dispatcher.dispatch(AddStaffAction::ChooseRole(role));
            }
        })
    };
    let blur = |field: StaffField| {
        let dispatcher = form.dispatcher();
        Some(Callback::from(move |()| {
            dispatcher.dispatch(AddStaffAction::Blur(field))
        }))
    };
    let dismiss = {
        let dispatcher = form.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(AddStaffAction::DismissBanner))
    };
    let cancel = {
        let oncancel = props.oncancel.clone();
        Callback::from(move |_: MouseEvent| oncancel.emit(()))
    };

    let role_error = form.field_error(StaffField::Role);
    let role_options = NEW_MEMBER_ROLES
        .iter()
        .map(|role| {
            (
                AttrValue::from(role_value(*role)),
                AttrValue::from(role.label()),
            )
        })
        .collect::<Vec<_>>();
    let role_described_by = if role_error.is_some() {
        "staff-role-hint staff-role-error"
    } else {
        "staff-role-hint"
    };

    html! {
        <Modal id="staff-add-dialog" labelledby="staff-add-title" onclose={props.oncancel.clone()}
            busy={form.busy}>
            <form class="modal-form" novalidate=true {onsubmit}>
                <div class="modal-head">
                    <span class="card-icon tone-accent"><Icon name={IconName::UserPlus} size={20} /></span>
                    <div>
                        <h2 class="modal-title" id="staff-add-title">{ "Add staff member" }</h2>
                        <p class="muted small">
                            { "They get a temporary password, shown to you once, and choose their own when they first sign in." }
                        </p>
                    </div>
                </div>
                if let Some(message) = &form.banner {
                    <Banner id="staff-add-error" message={message.clone()} ondismiss={dismiss} />
                }
                <TextField
                    id={StaffField::Email.input_id()}
                    label="Email"
                    input_type="email"
                    autocomplete="off"
                    value={form.email.clone()}
                    error={form.field_error(StaffField::Email)}
                    input_ref={refs[0].clone()}
                    oninput={on_email}
                    onblur={blur(StaffField::Email)}
                />
                <TextField
                    id={StaffField::DisplayName.input_id()}
                    label="Name"
                    autocomplete="off"
                    value={form.display_name.clone()}
                    error={form.field_error(StaffField::DisplayName)}
                    input_ref={refs[1].clone()}
                    oninput={on_name}
                    onblur={blur(StaffField::DisplayName)}
                />
                <div class={classes!("field", role_error.is_some().then_some("has-error"))}>
                    <label class="field-label" for="staff-role">{ "Role" }</label>
                    <Select id={StaffField::Role.input_id()} value={role_value(form.role)}
                        options={role_options} onchange={on_role} invalid={role_error.is_some()}
                        aria_describedby={role_described_by} />
                    <p class="field-hint" id="staff-role-hint">{ role_summary(form.role) }</p>
                    if let Some(error) = role_error {
                        <p class="field-error" id="staff-role-error" role="alert">
                            <Icon name={IconName::Alert} size={14} />
                            <span>{ error }</span>
                        </p>
                    }
                </div>
                <div class="modal-actions">
                    <button type="button" id="staff-add-cancel" class="btn btn-secondary"
                        disabled={form.busy} onclick={cancel}>
                        { "Cancel" }
                    </button>
                    <button type="submit" id="staff-add-submit" class="btn btn-primary"
                        disabled={form.busy} aria-busy={form.busy.then_some("true")}>
                        if form.busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                            { "Adding…" }
                        } else {
                            { "Add staff member" }
                        }
                    </button>
                </div>
            </form>
        </Modal>
    }
}

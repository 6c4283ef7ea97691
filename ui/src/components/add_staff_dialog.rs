use keydesk_api::{Role, StaffWithTemporaryPassword};

use crate::prelude::*;
use crate::state::staff::role_summary;
use crate::state::staff_form::{AddStaffForm, StaffField, NEW_MEMBER_ROLES};

#[derive(Properties, PartialEq)]
pub struct AddStaffDialogProps {
    /// The member was added; the answer carries their temporary password.
    pub onadded: Callback<StaffWithTemporaryPassword>,
    pub oncancel: Callback<()>,
}

/// `#staff-add-dialog`: email, name and role of a new member.
#[component]
pub fn AddStaffDialog(props: &AddStaffDialogProps) -> Html {
    let onadded = props.onadded.clone();
    let form = use_form(
        AddStaffForm::default,
        false,
        move |form: &AddStaffForm, submission| {
            submission.call(
                commands::ADD_STAFF,
                form.request(),
                move |added: StaffWithTemporaryPassword, _| onadded.emit(added),
            );
        },
    );

    let field = |f: StaffField, label: &'static str, input_type: &'static str, value: &str| {
        html! {
            <TextField id={f.input_id()} {label} {input_type} autocomplete="off"
                value={value.to_owned()} error={form.field_error(f)} input_ref={form.node(f)}
                oninput={form.edit(f)} onblur={form.blur(f)} />
        }
    };
    let role_error = form.field_error(StaffField::Role);
    let role_described_by = described_by("staff-role", None, true, role_error.is_some());

    html! {
        <Modal id="staff-add-dialog" labelledby="staff-add-title" onclose={props.oncancel.clone()}
            busy={form.meta.busy}>
            <form class="modal-form" novalidate=true onsubmit={form.onsubmit()}>
                <ModalHead icon={IconName::UserPlus} title_id="staff-add-title" title="Add staff member">
                    <p class="muted small">
                        { "They get a temporary password, shown to you once, and choose their own when they first sign in." }
                    </p>
                </ModalHead>
                if let Some(message) = &form.meta.banner {
                    <Banner id="staff-add-error" message={message.clone()} ondismiss={form.dismiss()} />
                }
                { field(StaffField::Email, "Email", "email", &form.email) }
                { field(StaffField::DisplayName, "Name", "text", &form.display_name) }
                <FieldFrame id="staff-role" label="Role" hint={role_summary(form.role)} error={role_error.clone()}>
                    <Select id={StaffField::Role.input_id()} value={form.role.as_str()}
                        options={choices(&NEW_MEMBER_ROLES, Role::as_str, Role::label)} onchange={form.edit(StaffField::Role)} invalid={role_error.is_some()}
                        aria_describedby={role_described_by} />
                </FieldFrame>
                <div class="modal-actions">
                    <button type="button" id="staff-add-cancel" class="btn btn-secondary"
                        disabled={form.meta.busy} onclick={props.oncancel.reform(|_: MouseEvent| ())}>
                        { "Cancel" }
                    </button>
                    <SubmitButton id="staff-add-submit" label="Add staff member"
                        busy_label="Adding…" busy={form.meta.busy} />
                </div>
            </form>
        </Modal>
    }
}

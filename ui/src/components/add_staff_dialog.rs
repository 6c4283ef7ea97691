use keydesk_api::StaffWithTemporaryPassword;

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
    let words = use_words();
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

    let field = |f: StaffField, label: String, input_type: &'static str, value: &str| {
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
                <ModalHead icon={IconName::UserPlus} title_id="staff-add-title" title={words.t("staff-add")}>
                    <p class="muted small">{ words.t("staff-add-lead") }</p>
                </ModalHead>
                if let Some(message) = form.banner() {
                    <Banner id="staff-add-error" {message} ondismiss={form.dismiss()} />
                }
                { field(StaffField::Email, words.t("staff-add-email"), "email", &form.email) }
                { field(StaffField::DisplayName, words.t("staff-add-name"), "text", &form.display_name) }
                <FieldFrame id="staff-role" label={words.t("staff-add-role")} hint={words.t(role_summary(form.role))} error={role_error.clone()}>
                    <Select id={StaffField::Role.input_id()} value={form.role.as_str()}
                        options={words.choices(&NEW_MEMBER_ROLES)} onchange={form.edit(StaffField::Role)} invalid={role_error.is_some()}
                        aria_describedby={role_described_by} />
                </FieldFrame>
                <div class="modal-actions">
                    <button type="button" id="staff-add-cancel" class="btn btn-secondary"
                        disabled={form.meta.busy} onclick={props.oncancel.reform(|_: MouseEvent| ())}>
                        { words.t("cancel") }
                    </button>
                    <SubmitButton id="staff-add-submit" label={words.t("staff-add")}
                        busy_label={words.t("staff-add-busy")} busy={form.meta.busy} />
                </div>
            </form>
        </Modal>
    }
}

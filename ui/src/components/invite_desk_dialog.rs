//! `#invite-desk-dialog` from Staff, for owners of a desk that syncs: whose new desk it is
//! and its name, then the one-time code to hand over (like a password: it lets one
//! computer join as that member's desk, once, within 24 hours).

use keydesk_api::{CopyRequest, DeskInvitationCode, StaffMember};

use crate::prelude::*;
use crate::state::agency::{InviteField, InviteForm};

#[derive(Properties, PartialEq)]
pub struct InviteDeskDialogProps {
    /// The active members a desk may be invited for.
    pub members: Vec<StaffMember>,
    pub onclose: Callback<()>,
}

#[component]
pub fn InviteDeskDialog(props: &InviteDeskDialogProps) -> Html {
    let command = use_command();
    let words = use_words();
    let invitation = use_state(|| None::<DeskInvitationCode>);
    let copied = use_state(|| None::<Result<(), String>>);
    let form = {
        let invitation = invitation.clone();
        use_form(
            InviteForm::default,
            true,
            move |form: &InviteForm, submission| {
                let invitation = invitation.clone();
                submission.call(
                    commands::INVITE_DESK,
                    form.request(),
                    move |code: DeskInvitationCode, _| invitation.set(Some(code)),
                );
            },
        )
    };
    let onclose = props.onclose.clone();

    let Some(code) = (*invitation).clone() else {
        let member_error = form.field_error(InviteField::Member);
        let member_described = described_by(
            InviteField::Member.input_id(),
            None,
            true,
            member_error.is_some(),
        );
        let options = known_choices(
            words.t("invite-desk-choose"),
            props.members.iter().map(|m| {
                (
                    m.id.to_string(),
                    words.t_with(
                        "invite-desk-member-option",
                        &[("name", &m.display_name), ("role", &words.role(m.role))],
                    ),
                )
            }),
            None,
        );
        return html! {
            <Modal id="invite-desk-dialog" labelledby="invite-desk-title" onclose={onclose.clone()}
                busy={form.meta.busy}>
                <form class="modal-form" novalidate=true onsubmit={form.onsubmit()}>
                    <ModalHead icon={IconName::UserPlus} title_id="invite-desk-title" title={words.t("invite-desk-title")}>
                        <p class="muted small">
                            { words.t("invite-desk-lead") }
                        </p>
                    </ModalHead>
                    if let Some(message) = form.banner() {
                        <Banner id="invite-desk-error" {message} ondismiss={form.dismiss()} />
                    }
                    <FieldFrame id={InviteField::Member.input_id()} label={words.t("invite-desk-member")} error={member_error.clone()}
                        hint={words.t("invite-desk-member-hint")}>
                        <Select id={InviteField::Member.input_id()} value={form.member.clone()}
                            {options} onchange={form.edit(InviteField::Member)}
                            invalid={member_error.is_some()} aria_describedby={member_described} />
                    </FieldFrame>
                    <TextField id={InviteField::Label.input_id()} label={words.t("invite-desk-label")} input_type="text"
                        autocomplete="off" value={form.label.clone()} error={form.field_error(InviteField::Label)}
                        input_ref={form.node(InviteField::Label)} oninput={form.edit(InviteField::Label)}
                        onblur={form.blur(InviteField::Label)} placeholder={words.t("invite-desk-label-placeholder")}
                        hint={words.t("invite-desk-label-hint")} />
                    <div class="modal-actions">
                        <button type="button" id="invite-desk-cancel" class="btn btn-secondary"
                            disabled={form.meta.busy} onclick={onclose.reform(|_: MouseEvent| ())}>
                            { words.t("cancel") }
                        </button>
                        <SubmitButton id="invite-desk-submit" label={words.t("invite-desk-submit")}
                            busy_label={words.t("invite-desk-busy")} busy={form.meta.busy} />
                    </div>
                </form>
            </Modal>
        };
    };

    let copy = {
        let (text, copied) = (code.code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            command.call(
                commands::COPY_TO_CLIPBOARD,
                CopyRequest { text: text.clone() },
                move |answer: Result<(), keydesk_api::Error>| {
                    copied.set(Some(answer.map_err(|e| e.message)));
                },
            );
        })
    };
    let copied_note = match &*copied {
        None => Html::default(),
        Some(Ok(())) => html! {
            <p class="small" id="invitation-copied" role="status">{ words.t("invite-desk-copied") }</p>
        },
        Some(Err(message)) => {
            html! { <Banner id="invitation-copy-error" message={message.clone()} /> }
        }
    };
    html! {
        <Modal id="invite-desk-dialog" labelledby="invite-desk-title" onclose={onclose.clone()}>
            <div class="modal-form">
                <ModalHead icon={IconName::Key} title_id="invite-desk-title" title={words.t_with("invite-desk-code-title", &[("member", &code.member)])}>
                    <p class="muted small">
                        { words.t("invite-desk-code-lead") }
                    </p>
                </ModalHead>
                <textarea id="invitation-code" class="invitation-code" readonly=true rows="5"
                    aria-label={words.t("invite-desk-code")} value={code.code.clone()} />
                <p class="muted small" id="invitation-expiry">
                    { words.t_with("invite-desk-expiry", &[("time", &local_time_short(&code.expires_at))]) }
                </p>
                { copied_note }
                <div class="modal-actions">
                    <button type="button" id="invitation-copy" class="btn btn-secondary" onclick={copy}>
                        <Icon name={IconName::Copy} size={16} />{ words.t("invite-desk-copy") }
                    </button>
                    <button type="button" id="invitation-done" class="btn btn-primary" data-autofocus="true"
                        onclick={onclose.reform(|_: MouseEvent| ())}>
                        { words.t("invite-desk-done") }
                    </button>
                </div>
            </div>
        </Modal>
    }
}

use keydesk_api::PendingHandoff;

use super::channel_select::ChannelSelect;
use super::confirm_dialog::ConfirmDialog;
use crate::prelude::*;
use crate::state::handoffs::{Dialog, DialogKind, QueueAction};

#[derive(Properties, PartialEq)]
pub struct HandoffDialogProps {
    pub row: PendingHandoff,
    pub dialog: Dialog,
    pub dispatch: Callback<QueueAction>,
    pub onconfirm: Callback<()>,
}

/// The dialog on show about a pending login; Enter confirms, Esc cancels.
/// - `#mark-sent-dialog`: how the login reached the customer (channel and an optional note).
/// - `#send-mail-dialog`: queue the mail that carries it. It goes to the login's username;
///   when the customer's email changed since, the owner chooses between the two
///   (`#send-mail-to-username`, `#send-mail-to-current`).
/// - `#confirm-dialog`: revoke it.
#[component]
pub fn HandoffDialog(props: &HandoffDialogProps) -> Html {
    let words = use_words();
    let (row, dialog, dispatch) = (&props.row, &props.dialog, &props.dispatch);
    let (name, username) = (&row.customer_name, &row.username);
    let busy = dialog.busy;
    let error = dialog.error.clone().map(AttrValue::from);
    let oncancel = dispatch.reform(|()| QueueAction::CancelDialog);
    match &dialog.kind {
        DialogKind::MarkSent { channel, note } => {
            let oninput = dispatch.reform(|e: InputEvent| QueueAction::Note(typed(e)));
            html! {
                <ConfirmDialog id="mark-sent" message_id="mark-sent-lead" confirm_id="mark-sent-confirm"
                    icon={(IconName::CheckCircle, Tone::Success)} title={words.t("logins-mark-sent-title")} message_class="muted small"
                    message={words.t_with("logins-mark-sent-lead", &[("name", name), ("username", username)])}
                    confirm_label={words.t("logins-mark-sent")} busy_label={words.t("logins-saving")} alert=false autofocus=false {busy}
                    onconfirm={props.onconfirm.clone()} {oncancel}>
                    <FieldFrame id="mark-sent-channel" label={words.t("logins-channel")}>
                        <ChannelSelect id="mark-sent-channel" value={*channel} disabled={busy}
                            onchange={dispatch.reform(QueueAction::Channel)} autofocus=true />
                    </FieldFrame>
                    <div class={classes!("field", error.is_some().then_some("has-error"))}>
                        <label class="field-label" for="mark-sent-note">{ words.t("logins-note") }</label>
                        <textarea id="mark-sent-note" class="input textarea" rows="2" maxlength="600"
                            placeholder={words.t("logins-note-placeholder")}
                            value={note.clone()} disabled={busy} {oninput}
                            aria-invalid={error.is_some().then_some("true")}
                            aria-describedby={error.is_some().then_some("mark-sent-error")} />
                        <FieldError id="mark-sent-error" {error} />
                    </div>
                </ConfirmDialog>
            }
        }
        DialogKind::SendMail { recipient } => {
            let choose = |address: &String| {
                let address = address.clone();
                dispatch.reform(move |_: Event| QueueAction::Recipient(address.clone()))
            };
            let lead = match &row.current_email {
                Some(_) => words.t_with("logins-send-mail-changed", &[("name", name)]),
                None => words.t_with("logins-send-mail-lead", &[("username", username)]),
            };
            html! {
                <ConfirmDialog id="send-mail" message_id="send-mail-lead" confirm_id="send-mail-confirm"
                    icon={(IconName::Outbox, Tone::Accent)} title={words.t("logins-send-mail-title")} message_class="muted small"
                    message={lead} confirm_label={words.t("logins-send-mail")} busy_label={words.t("logins-queuing")} alert=false
                    autofocus={row.current_email.is_none()} {busy} onconfirm={props.onconfirm.clone()} {oncancel}>
                    if let Some(current) = &row.current_email {
                        <fieldset class="radio-group" id="send-mail-recipient">
                            <legend class="field-label">{ words.t("logins-send-to") }</legend>
                            for (id, address, what) in [("send-mail-to-username", username, "logins-send-to-username"),
                                ("send-mail-to-current", current, "logins-send-to-current")] {
                                <label class="radio">
                                    <input type="radio" name="send-mail-recipient" {id} checked={recipient == address}
                                        disabled={busy} onchange={choose(address)}
                                        data-autofocus={(address == username).then_some("true")} />
                                    <span>{ address.clone() }<span class="muted small">{ " · " }{ words.t(what) }</span></span>
                                </label>
                            }
                        </fieldset>
                    }
                    <FieldError id="send-mail-error" {error} />
                </ConfirmDialog>
            }
        }
        DialogKind::Revoke => html! {
            <ConfirmDialog
                title={words.t_with("logins-revoke-title", &[("name", name)])}
                message={words.t("logins-revoke-text")}
                confirm_label={words.t("logins-revoke")}
                destructive=true
                {busy}
                onconfirm={props.onconfirm.clone()}
                {oncancel} />
        },
    }
}

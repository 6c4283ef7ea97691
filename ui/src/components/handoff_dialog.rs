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
                    icon={(IconName::CheckCircle, Tone::Success)} title="Mark as handed over" message_class="muted small"
                    message={format!("{name} ({username}) has their login. Keydesk then forgets the password for good.")}
                    confirm_label="Mark as sent" busy_label="Saving…" alert=false autofocus=false {busy}
                    onconfirm={props.onconfirm.clone()} {oncancel}>
                    <FieldFrame id="mark-sent-channel" label="How did it reach them?">
                        <ChannelSelect id="mark-sent-channel" value={*channel} disabled={busy}
                            onchange={dispatch.reform(QueueAction::Channel)} autofocus=true />
                    </FieldFrame>
                    <div class={classes!("field", error.is_some().then_some("has-error"))}>
                        <label class="field-label" for="mark-sent-note">{ "Note (optional)" }</label>
                        <textarea id="mark-sent-note" class="input textarea" rows="2" maxlength="600"
                            placeholder="e.g. read out over the phone, customer confirmed"
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
                Some(_) => format!("{name}'s email changed since this login was made. Choose where the mail with the login goes."),
                None => format!("The login is mailed to {username} as soon as the mail server takes it; the handoff then closes as sent by email."),
            };
            html! {
                <ConfirmDialog id="send-mail" message_id="send-mail-lead" confirm_id="send-mail-confirm"
                    icon={(IconName::Outbox, Tone::Accent)} title="Send the login by mail" message_class="muted small"
                    message={lead} confirm_label="Send by mail" busy_label="Queuing…" alert=false
                    autofocus={row.current_email.is_none()} {busy} onconfirm={props.onconfirm.clone()} {oncancel}>
                    if let Some(current) = &row.current_email {
                        <fieldset class="radio-group" id="send-mail-recipient">
                            <legend class="field-label">{ "Send to" }</legend>
                            for (id, address, what) in [("send-mail-to-username", username, " · the username"),
                                ("send-mail-to-current", current, " · the current email")] {
                                <label class="radio">
                                    <input type="radio" name="send-mail-recipient" {id} checked={recipient == address}
                                        disabled={busy} onchange={choose(address)}
                                        data-autofocus={(address == username).then_some("true")} />
                                    <span>{ address.clone() }<span class="muted small">{ what }</span></span>
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
                title={format!("Revoke {name}'s login handoff?")}
                message="The waiting password is destroyed and stops working on the customer's account, even if someone already saw or copied it. A mail waiting to carry it is cancelled. The customer then needs a new login: reset their password to issue one."
                confirm_label="Revoke"
                destructive=true
                {busy}
                onconfirm={props.onconfirm.clone()}
                {oncancel} />
        },
    }
}

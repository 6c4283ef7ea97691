use keydesk_api::HandoffChannel;
use web_sys::HtmlTextAreaElement;

use super::channel_select::ChannelSelect;
use super::confirm_dialog::ConfirmDialog;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MarkSentDialogProps {
    pub customer_name: AttrValue,
    pub username: AttrValue,
    pub channel: HandoffChannel,
    pub note: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub onchannel: Callback<HandoffChannel>,
    pub onnote: Callback<String>,
    pub onconfirm: Callback<()>,
    pub oncancel: Callback<()>,
}

/// `#mark-sent-dialog`: how a login reached the customer (channel and an optional note).
/// Enter records it, Esc cancels.
#[component]
pub fn MarkSentDialog(props: &MarkSentDialogProps) -> Html {
    let oninput = props
        .onnote
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let busy = props.busy;
    html! {
        <ConfirmDialog id="mark-sent" message_id="mark-sent-lead" confirm_id="mark-sent-confirm"
            icon={(IconName::CheckCircle, Tone::Success)} title="Mark as handed over" message_class="muted small"
            message={format!("{} ({}) has their login. Keydesk then forgets the password for good.",
                props.customer_name, props.username)}
            confirm_label="Mark as sent" busy_label="Saving…" alert=false autofocus=false {busy}
            onconfirm={props.onconfirm.clone()} oncancel={props.oncancel.clone()}>
            <FieldFrame id="mark-sent-channel" label="How did it reach them?">
                <ChannelSelect id="mark-sent-channel" value={props.channel} disabled={busy}
                    onchange={props.onchannel.clone()} autofocus=true />
            </FieldFrame>
            <div class={classes!("field", props.error.is_some().then_some("has-error"))}>
                <label class="field-label" for="mark-sent-note">{ "Note (optional)" }</label>
                <textarea id="mark-sent-note" class="input textarea" rows="2" maxlength="600"
                    placeholder="e.g. read out over the phone, customer confirmed"
                    value={props.note.clone()} disabled={busy} {oninput}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some("mark-sent-error")} />
                <FieldError id="mark-sent-error" error={props.error.clone()} />
            </div>
        </ConfirmDialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct SendMailDialogProps {
    pub customer_name: AttrValue,
    pub username: AttrValue,
    /// The customer's email when it changed since the login was made: the owner picks
    /// one of the two addresses.
    #[prop_or_default]
    pub current_email: Option<AttrValue>,
    pub recipient: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub onrecipient: Callback<String>,
    pub onconfirm: Callback<()>,
    pub oncancel: Callback<()>,
}

/// `#send-mail-dialog`: queue the mail that carries a pending login. It goes to the
/// login's username; when the customer's email changed since, the owner chooses between
/// the two (`#send-mail-to-username`, `#send-mail-to-current`). Enter sends, Esc cancels.
#[component]
pub fn SendMailDialog(props: &SendMailDialogProps) -> Html {
    let choose = |address: AttrValue| {
        props
            .onrecipient
            .reform(move |_: Event| address.to_string())
    };
    let busy = props.busy;
    let lead = match &props.current_email {
        Some(_) => format!(
            "{}'s email changed since this login was made. Choose where the mail with the login goes.",
            props.customer_name
        ),
        None => format!(
            "The login is mailed to {} as soon as the mail server takes it; the handoff then closes as sent by email.",
            props.username
        ),
    };
    html! {
        <ConfirmDialog id="send-mail" message_id="send-mail-lead" confirm_id="send-mail-confirm"
            icon={(IconName::Outbox, Tone::Accent)} title="Send the login by mail" message_class="muted small"
            message={lead} confirm_label="Send by mail" busy_label="Queuing…" alert=false
            autofocus={props.current_email.is_none()} {busy}
            onconfirm={props.onconfirm.clone()} oncancel={props.oncancel.clone()}>
            if let Some(current) = &props.current_email {
                <fieldset class="radio-group" id="send-mail-recipient">
                    <legend class="field-label">{ "Send to" }</legend>
                    for (id, address, what) in [("send-mail-to-username", &props.username, " · the username"),
                        ("send-mail-to-current", current, " · the current email")] {
                        <label class="radio">
                            <input type="radio" name="send-mail-recipient" {id} checked={props.recipient == *address}
                                disabled={busy} onchange={choose(address.clone())}
                                data-autofocus={(*address == props.username).then_some("true")} />
                            <span>{ address.clone() }<span class="muted small">{ what }</span></span>
                        </label>
                    }
                </fieldset>
            }
            <FieldError id="send-mail-error" error={props.error.clone()} />
        </ConfirmDialog>
    }
}

use keydesk_api::HandoffChannel;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::channel_select::ChannelSelect;
use super::icon::{Icon, IconName};
use super::modal::Modal;
use super::submit_button::SubmitButton;

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
    let onsubmit = props.onconfirm.reform(|e: SubmitEvent| e.prevent_default());
    let oninput = props
        .onnote
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let cancel = props.oncancel.reform(|_: MouseEvent| ());
    let busy = props.busy;
    html! {
        <Modal id="mark-sent-dialog" labelledby="mark-sent-title" describedby="mark-sent-lead"
            busy={busy} onclose={props.oncancel.clone()} class="modal-sm">
            <form class="modal-form" novalidate=true {onsubmit}>
                <div class="modal-head">
                    <span class="card-icon tone-ok"><Icon name={IconName::CheckCircle} size={20} /></span>
                    <div>
                        <h2 class="modal-title" id="mark-sent-title">{ "Mark as handed over" }</h2>
                        <p class="muted small" id="mark-sent-lead">
                            { format!("{} ({}) has their login. Keydesk then forgets the password for good.",
                                props.customer_name, props.username) }
                        </p>
                    </div>
                </div>
                <div class="field">
                    <label class="field-label" for="mark-sent-channel">{ "How did it reach them?" }</label>
                    <ChannelSelect id="mark-sent-channel" value={props.channel} disabled={busy}
                        onchange={props.onchannel.clone()} autofocus=true />
                </div>
                <div class={classes!("field", props.error.is_some().then_some("has-error"))}>
                    <label class="field-label" for="mark-sent-note">{ "Note (optional)" }</label>
                    <textarea id="mark-sent-note" class="input textarea" rows="2" maxlength="600"
                        placeholder="e.g. read out over the phone, customer confirmed"
                        value={props.note.clone()} disabled={busy} {oninput}
                        aria-invalid={props.error.is_some().then_some("true")}
                        aria-describedby={props.error.is_some().then_some("mark-sent-error")} />
                    if let Some(error) = &props.error {
                        <p class="field-error" id="mark-sent-error" role="alert">
                            <Icon name={IconName::Alert} size={14} />
                            <span>{ error.clone() }</span>
                        </p>
                    }
                </div>
                <div class="modal-actions">
                    <button type="button" id="mark-sent-cancel" class="btn btn-secondary"
                        disabled={busy} onclick={cancel}>
                        { "Cancel" }
                    </button>
                    <SubmitButton id="mark-sent-confirm" label="Mark as sent" busy_label="Saving…" {busy} />
                </div>
            </form>
        </Modal>
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
    let onsubmit = props.onconfirm.reform(|e: SubmitEvent| e.prevent_default());
    let cancel = props.oncancel.reform(|_: MouseEvent| ());
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
        <Modal id="send-mail-dialog" labelledby="send-mail-title" describedby="send-mail-lead"
            busy={busy} onclose={props.oncancel.clone()} class="modal-sm">
            <form class="modal-form" novalidate=true {onsubmit}>
                <div class="modal-head">
                    <span class="card-icon tone-accent"><Icon name={IconName::Outbox} size={20} /></span>
                    <div>
                        <h2 class="modal-title" id="send-mail-title">{ "Send the login by mail" }</h2>
                        <p class="muted small" id="send-mail-lead">{ lead }</p>
                    </div>
                </div>
                if let Some(current) = &props.current_email {
                    <fieldset class="radio-group" id="send-mail-recipient">
                        <legend class="field-label">{ "Send to" }</legend>
                        <label class="radio">
                            <input type="radio" name="send-mail-recipient" id="send-mail-to-username"
                                checked={props.recipient == props.username} disabled={busy}
                                onchange={choose(props.username.clone())} data-autofocus="true" />
                            <span>{ props.username.clone() }<span class="muted small">{ " · the username" }</span></span>
                        </label>
                        <label class="radio">
                            <input type="radio" name="send-mail-recipient" id="send-mail-to-current"
                                checked={props.recipient == *current} disabled={busy}
                                onchange={choose(current.clone())} />
                            <span>{ current.clone() }<span class="muted small">{ " · the current email" }</span></span>
                        </label>
                    </fieldset>
                }
                if let Some(error) = &props.error {
                    <p class="field-error" id="send-mail-error" role="alert">
                        <Icon name={IconName::Alert} size={14} />
                        <span>{ error.clone() }</span>
                    </p>
                }
                <div class="modal-actions">
                    <button type="button" id="send-mail-cancel" class="btn btn-secondary"
                        disabled={busy} onclick={cancel}>
                        { "Cancel" }
                    </button>
                    <SubmitButton id="send-mail-confirm" label="Send by mail" busy_label="Queuing…" {busy}
                        autofocus={props.current_email.is_none()} />
                </div>
            </form>
        </Modal>
    }
}

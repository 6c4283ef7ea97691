use yew::prelude::*;

use super::banner::Banner;
use super::icon::{Icon, IconName};
use super::modal::Modal;
use super::submit_button::SubmitButton;
use super::text_field::TextField;

#[derive(Properties, PartialEq)]
pub struct EraseCustomerDialogProps {
    /// "Ann Smith".
    pub name: AttrValue,
    /// What must be typed to confirm.
    pub email: AttrValue,
    pub typed: AttrValue,
    /// The typed text repeats the email (the erase button is enabled).
    pub confirmed: bool,
    pub busy: bool,
    /// The shell refused the confirmation.
    #[prop_or_default]
    pub error: Option<String>,
    /// Any other failure.
    #[prop_or_default]
    pub banner: Option<String>,
    pub ontype: Callback<String>,
    pub onconfirm: Callback<()>,
    pub oncancel: Callback<()>,
}

/// `#erase-dialog`: says what erasing does and enables `#erase-confirm` only once the
/// customer's email is typed into `#erase-confirmation`. Enter erases (when enabled),
/// Esc or `#erase-cancel` closes; focus starts in the field.
#[component]
pub fn EraseCustomerDialog(props: &EraseCustomerDialogProps) -> Html {
    let onsubmit = {
        let onconfirm = props.onconfirm.clone();
        let confirmed = props.confirmed;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if confirmed {
                onconfirm.emit(());
            }
        })
    };
    html! {
        <Modal id="erase-dialog" labelledby="erase-title" describedby="erase-message"
            alert=true busy={props.busy} onclose={props.oncancel.clone()} class="modal-sm">
            <form class="modal-form" novalidate=true {onsubmit}>
                <div class="modal-head">
                    <span class="card-icon tone-danger"><Icon name={IconName::Alert} size={20} /></span>
                    <div>
                        <h2 class="modal-title" id="erase-title">{ format!("Erase {}?", props.name) }</h2>
                        <p class="modal-text" id="erase-message">
                            { "Erasing deletes this customer's personal data, portal login and links to staff for good. It cannot be undone. The audit log keeps only a line saying that customer's number was erased, by whom and when." }
                        </p>
                    </div>
                </div>
                <p class="modal-text small">
                    { "To keep the customer but take them off the everyday list, archive them instead." }
                </p>
                if let Some(message) = &props.banner {
                    <Banner id="erase-error" message={message.clone()} />
                }
                <TextField id="erase-confirmation" label="Type the customer's email to confirm"
                    value={props.typed.clone()} oninput={props.ontype.clone()}
                    autocomplete="off" input_type="email"
                    hint={format!("Type {}", props.email)}
                    error={props.error.clone()} disabled={props.busy} />
                <div class="modal-actions">
                    <button type="button" id="erase-cancel" class="btn btn-secondary"
                        disabled={props.busy} onclick={props.oncancel.reform(|_: MouseEvent| ())}>
                        { "Cancel" }
                    </button>
                    <SubmitButton id="erase-confirm" class="btn btn-danger" label="Erase for good"
                        busy_label="Erasing…" busy={props.busy} disabled={!props.confirmed} />
                </div>
            </form>
        </Modal>
    }
}

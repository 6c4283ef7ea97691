use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    pub message: AttrValue,
    pub confirm_label: AttrValue,
    /// Draws the confirm button in the danger colour.
    #[prop_or_default]
    pub destructive: bool,
    /// The confirmed action is running.
    #[prop_or_default]
    pub busy: bool,
    pub onconfirm: Callback<()>,
    pub oncancel: Callback<()>,
}

/// The one confirmation dialog (`#confirm-dialog`): Enter confirms (focus starts on
/// `#confirm-ok`), Esc or `#confirm-cancel` cancels.
#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let onsubmit = props.onconfirm.reform(|e: SubmitEvent| e.prevent_default());
    let oncancel = props.oncancel.reform(|_: MouseEvent| ());
    let ok_class = if props.destructive {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };
    html! {
        <Modal id="confirm-dialog" labelledby="confirm-title" describedby="confirm-message"
            alert=true busy={props.busy} onclose={props.oncancel.clone()} class="modal-sm">
            <form class="modal-form" {onsubmit}>
                <h2 class="modal-title" id="confirm-title">{ props.title.clone() }</h2>
                <p class="modal-text" id="confirm-message">{ props.message.clone() }</p>
                <div class="modal-actions">
                    <button type="button" id="confirm-cancel" class="btn btn-secondary"
                        disabled={props.busy} onclick={oncancel}>
                        { "Cancel" }
                    </button>
                    <SubmitButton id="confirm-ok" class={ok_class} label={props.confirm_label.clone()}
                        busy_label="Working…" busy={props.busy} autofocus=true />
                </div>
            </form>
        </Modal>
    }
}

use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// How the ids start: `{id}-dialog`, `{id}-title` and `{id}-cancel`.
    #[prop_or(AttrValue::Static("confirm"))]
    pub id: AttrValue,
    #[prop_or(AttrValue::Static("confirm-message"))]
    pub message_id: AttrValue,
    #[prop_or(AttrValue::Static("confirm-ok"))]
    pub confirm_id: AttrValue,
    pub title: AttrValue,
    pub message: AttrValue,
    #[prop_or(AttrValue::Static("modal-text"))]
    pub message_class: AttrValue,
    /// Drawn beside the title, in its tone.
    #[prop_or_default]
    pub icon: Option<(IconName, Tone)>,
    pub confirm_label: AttrValue,
    /// What the confirm button says while the action runs ("Working…" unless given).
    #[prop_or_default]
    pub busy_label: Option<AttrValue>,
    /// Draws the confirm button in the danger colour.
    #[prop_or_default]
    pub destructive: bool,
    /// An `alertdialog`, which interrupts the person; a plain dialog asks for details.
    #[prop_or(true)]
    pub alert: bool,
    /// The confirmed action is running.
    #[prop_or_default]
    pub busy: bool,
    /// Confirming waits for the fields to be filled in.
    #[prop_or_default]
    pub disabled: bool,
    /// Focus starts on the confirm button; otherwise on the first field.
    #[prop_or(true)]
    pub autofocus: bool,
    /// Fields between the message and the buttons.
    #[prop_or_default]
    pub children: Html,
    pub onconfirm: Callback<()>,
    pub oncancel: Callback<()>,
}

/// The one confirmation dialog (`#confirm-dialog` unless named otherwise): Enter
/// confirms, Esc or `#confirm-cancel` cancels.
#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let words = use_words();
    let busy_label = props
        .busy_label
        .clone()
        .unwrap_or_else(|| words.t("working").into());
    let onsubmit = {
        let onconfirm = props.onconfirm.clone();
        let disabled = props.disabled;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !disabled {
                onconfirm.emit(());
            }
        })
    };
    let oncancel = props.oncancel.reform(|_: MouseEvent| ());
    let ok_class = if props.destructive {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };
    let id = &props.id;
    let title_id = format!("{id}-title");
    let message = html! {
        <p class={props.message_class.clone()} id={props.message_id.clone()}>{ props.message.clone() }</p>
    };
    html! {
        <Modal id={format!("{id}-dialog")} labelledby={title_id.clone()} describedby={props.message_id.clone()}
            alert={props.alert} busy={props.busy} onclose={props.oncancel.clone()} class="modal-sm">
            <form class="modal-form" novalidate=true {onsubmit}>
                if let Some((icon, tone)) = props.icon {
                    <ModalHead {icon} {tone} title_id={title_id.clone()} title={props.title.clone()}>
                        { message }
                    </ModalHead>
                } else {
                    <h2 class="modal-title" id={title_id.clone()}>{ props.title.clone() }</h2>
                    { message }
                }
                { props.children.clone() }
                <div class="modal-actions">
                    <button type="button" id={format!("{id}-cancel")} class="btn btn-secondary"
                        disabled={props.busy} onclick={oncancel}>
                        { words.t("cancel") }
                    </button>
                    <SubmitButton id={props.confirm_id.clone()} class={ok_class} label={props.confirm_label.clone()}
                        {busy_label} busy={props.busy} disabled={props.disabled}
                        autofocus={props.autofocus} />
                </div>
            </form>
        </Modal>
    }
}

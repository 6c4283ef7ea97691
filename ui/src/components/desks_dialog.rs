//! `#desks-dialog` from Staff, for owners of a desk that syncs: the agency's desks, whose
//! each is, and *Revoke*, which ends a desk's access at once.

use keydesk_api::AgencyServerView;

use super::agency_desks::AgencyDesks;
use crate::hooks::use_answer::use_answer;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DesksDialogProps {
    pub onclose: Callback<()>,
}

#[component]
pub fn DesksDialog(props: &DesksDialogProps) -> Html {
    let words = use_words();
    let (view, reload) = use_answer::<AgencyServerView>(commands::AGENCY_SERVER, true);
    let body = match &view {
        Some(view) => html! { <AgencyDesks view={view.clone()} onchanged={reload} /> },
        None => html! { <p class="muted small">{ words.t("desks-loading") }</p> },
    };
    html! {
        <Modal id="desks-dialog" labelledby="desks-title" onclose={props.onclose.clone()}
            class="modal-wide">
            <div class="modal-form">
                <ModalHead icon={IconName::Staff} title_id="desks-title" title={words.t("desks-dialog-title")}>
                    <p class="muted small">
                        { words.t("desks-dialog-lead") }
                    </p>
                </ModalHead>
                { body }
                <div class="modal-actions">
                    <button type="button" id="desks-close" class="btn btn-primary" data-autofocus="true"
                        onclick={props.onclose.reform(|_: MouseEvent| ())}>
                        { words.t("desks-close") }
                    </button>
                </div>
            </div>
        </Modal>
    }
}

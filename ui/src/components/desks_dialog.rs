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
    let (view, reload) = use_answer::<AgencyServerView>(commands::AGENCY_SERVER, true);
    let body = match &view {
        Some(view) => html! { <AgencyDesks view={view.clone()} onchanged={reload} /> },
        None => html! { <p class="muted small">{ "Loading the agency's desks…" }</p> },
    };
    html! {
        <Modal id="desks-dialog" labelledby="desks-title" onclose={props.onclose.clone()}
            class="modal-wide">
            <div class="modal-form">
                <ModalHead icon={IconName::Staff} title_id="desks-title" title="The agency's desks">
                    <p class="muted small">
                        { "Every computer that syncs with the agency server, and whose desk it is. A revoked desk can no longer reach the server, from that moment; what it has not sent stays on it." }
                    </p>
                </ModalHead>
                { body }
                <div class="modal-actions">
                    <button type="button" id="desks-close" class="btn btn-primary" data-autofocus="true"
                        onclick={props.onclose.reform(|_: MouseEvent| ())}>
                        { "Close" }
                    </button>
                </div>
            </div>
        </Modal>
    }
}

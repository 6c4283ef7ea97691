use keydesk_api::{CustomerIdRequest, IssuedLogin};

use super::confirm_dialog::ConfirmDialog;
use super::handoff_queue::error_text;
use crate::hooks::busy_call::call_unless_busy;
use crate::hooks::handoff_count::announce_handoffs_changed;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HandoffLostProps {
    pub handoff_id: i64,
    pub customer_id: i64,
    pub customer_name: AttrValue,
}

/// A pending login that no current owner can open any more (the owners it was sealed to
/// were demoted or disabled before sharing it): it can only be replaced, so the queue row
/// says so and offers the customer's *Reset password* in place.
#[component]
pub fn HandoffLost(props: &HandoffLostProps) -> Html {
    let words = use_words();
    let command = use_command();
    let confirming = use_state(|| false);
    let resetting = use_state(|| false);
    let failed = use_state(|| None::<String>);
    let id = props.handoff_id;

    let cancel = {
        let (confirming, resetting) = (confirming.clone(), resetting.clone());
        Callback::from(move |()| {
            if !*resetting {
                confirming.set(false);
            }
        })
    };
    let reset = {
        let (confirming, failed) = (confirming.clone(), failed.clone());
        let done = Callback::from(move |answer: Result<IssuedLogin, _>| {
            confirming.set(false);
            match answer {
                // The queue reloads: the new login replaces this row.
                Ok(_) => announce_handoffs_changed(),
                Err(error) => failed.set(Some(error_text(&error))),
            }
        });
        let request = CustomerIdRequest {
            customer_id: props.customer_id,
        };
        call_unless_busy(
            &command,
            &resetting,
            commands::RESET_CUSTOMER_PASSWORD,
            request,
            done,
        )
    };

    html! {
        <div class="handoff-lost" id={format!("handoff-lost-{id}")} role="status">
            <Badge tone={Tone::Danger} text={words.t("logins-lost")} />
            <span class="small muted">{ words.t("logins-lost-text") }</span>
            <button type="button" class="btn btn-secondary btn-sm" id={format!("handoff-reset-{id}")}
                disabled={*resetting} onclick={confirming.setter().to_callback().reform(|_: MouseEvent| true)}>
                <Icon name={IconName::Key} size={14} />{ words.t("logins-reset-password") }
            </button>
            if let Some(message) = &*failed {
                <p class="field-error" role="alert">{ message.clone() }</p>
            }
            if *confirming {
                <ConfirmDialog
                    title={words.t_with("logins-reset-title", &[("name", &props.customer_name)])}
                    message={words.t("logins-reset-text")}
                    confirm_label={words.t("logins-reset-password")}
                    destructive={true}
                    busy={*resetting}
                    onconfirm={reset}
                    oncancel={cancel} />
            }
        </div>
    }
}

//! The agency's desks, each with *Revoke* after a confirmation: in Settings → Agency server
//! and in Staff → Desks.

use keydesk_api::{AgencyDesk, AgencyServerView, RevokeDeskRequest};

use super::confirm_dialog::ConfirmDialog;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AgencyDesksProps {
    pub view: AgencyServerView,
    /// A desk was revoked: the view is to be read again.
    pub onchanged: Callback<()>,
}

#[component]
pub fn AgencyDesks(props: &AgencyDesksProps) -> Html {
    let command = use_command();
    let revoking = use_state(|| None::<AgencyDesk>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let Some(server) = &props.view.server else {
        return Html::default();
    };
    let confirm = {
        let (revoking, busy, error, onchanged) = (
            revoking.clone(),
            busy.clone(),
            error.clone(),
            props.onchanged.clone(),
        );
        Callback::from(move |()| {
            let Some(desk) = (*revoking).clone() else {
                return;
            };
            busy.set(true);
            let (revoking, busy, error, onchanged) = (
                revoking.clone(),
                busy.clone(),
                error.clone(),
                onchanged.clone(),
            );
            command.call(
                commands::REVOKE_DESK,
                RevokeDeskRequest { desk: desk.desk },
                move |answer: Result<(), _>| {
                    busy.set(false);
                    revoking.set(None);
                    match answer {
                        Ok(()) => error.set(None),
                        Err(e) => error.set(Some(e.message)),
                    }
                    onchanged.emit(());
                },
            );
        })
    };
    let rows = props.view.desks.iter().map(|desk| {
        let state = match (&desk.revoked_at, &desk.enrolled_at) {
            (Some(at), _) => (Tone::Danger, format!("Revoked {}", local_time_short(at))),
            (None, Some(_)) if desk.this_desk => (Tone::Accent, "This desk".to_owned()),
            (None, Some(at)) => (Tone::Success, format!("Joined {}", local_time_short(at))),
            (None, None) => (Tone::Warning, "Invited, not joined yet".to_owned()),
        };
        let onrevoke = {
            let (revoking, desk) = (revoking.clone(), desk.clone());
            Callback::from(move |_: MouseEvent| revoking.set(Some(desk.clone())))
        };
        html! {
            <li key={desk.desk.clone()} class={classes!("desk-row", desk.revoked_at.is_some().then_some("revoked"))}
                data-desk={desk.desk.clone()}>
                <div>
                    <div class="desk-name">{ desk.label.clone() }</div>
                    <div class="muted small">{ format!("{} · {}", desk.member, desk.role.label()) }</div>
                </div>
                <div class="row-actions">
                    <Badge tone={state.0} text={state.1} />
                    if desk.revoked_at.is_none() && !desk.this_desk {
                        <button type="button" class="btn btn-ghost btn-sm btn-danger-text desk-revoke"
                            onclick={onrevoke} aria-label={format!("Revoke {}", desk.label)}>
                            { "Revoke" }
                        </button>
                    }
                </div>
            </li>
        }
    });
    html! {
        <>
            <dl class="agency-facts" id="agency-facts">
                <dt>{ "Server" }</dt><dd id="agency-address">{ server.address.clone() }</dd>
                <dt>{ "This desk joined" }</dt><dd>{ local_time_short(&server.joined_at) }</dd>
            </dl>
            if let Some(message) = &*error {
                <Banner id="agency-desks-error" message={message.clone()} />
            }
            if let Some(message) = &props.view.desks_error {
                <Banner id="agency-offline" tone={Tone::Warning}
                    message={format!("The agency's desks cannot be listed now: {message}")} />
            }
            <h3 class="section-title">{ "Desks" }</h3>
            <ul class="desk-list" id="agency-desks">{ for rows }</ul>
            if let Some(desk) = &*revoking {
                <ConfirmDialog id="revoke-desk" confirm_id="revoke-desk-confirm" title="Revoke this desk?"
                    message={format!("{} ({}) can no longer reach the agency server, from now on. What it has not sent yet stays on that computer. This cannot be undone: the member's next desk needs a new invitation.", desk.label, desk.member)}
                    confirm_label="Revoke desk" busy_label="Revoking…" destructive=true busy={*busy}
                    onconfirm={confirm} oncancel={{
                        let revoking = revoking.clone();
                        move |()| revoking.set(None)
                    }} />
            }
        </>
    }
}

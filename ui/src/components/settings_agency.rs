//! Settings → Agency server, for owners. On a desk of its own: publish it to an empty
//! agency server with the administrator's URL (used once, never kept). On one of the
//! agency's desks: where the server is, and the agency's desks, each of which can be
//! revoked at once. Desks are invited from Staff.

use keydesk_api::{AgencyDesk, AgencyServerView, PublishReport, RevokeDeskRequest};

use super::confirm_dialog::ConfirmDialog;
use super::form_card_head::FormCardHead;
use crate::hooks::use_answer::use_answer;
use crate::prelude::*;
use crate::state::agency::{PublishField, PublishForm};

#[derive(Properties, PartialEq)]
pub struct SettingsAgencyProps {
    pub title_id: AttrValue,
}

#[component]
pub fn SettingsAgency(props: &SettingsAgencyProps) -> Html {
    let (view, reload) = use_answer::<AgencyServerView>(commands::AGENCY_SERVER, true);
    let published = use_state(|| None::<u64>);
    let form = {
        let (reload, published) = (reload.clone(), published.clone());
        use_form(
            PublishForm::default,
            false,
            move |form: &PublishForm, submission| {
                let (reload, published) = (reload.clone(), published.clone());
                submission.call(
                    commands::PUBLISH_AGENCY_SERVER,
                    form.request(),
                    move |report: PublishReport, dispatcher| {
                        // The administrator's password goes with the form.
                        dispatcher
                            .dispatch(FormAction::Edit(PublishField::AdminUrl, String::new()));
                        published.set(Some(report.pushed));
                        reload.emit(());
                    },
                );
            },
        )
    };

    let body = match &view {
        None => html! { <p class="muted small">{ "Loading…" }</p> },
        Some(AgencyServerView { server: None, .. }) => publish_form(&form),
        Some(view) => html! {
            <>
                if let Some(pushed) = *published {
                    <Banner id="agency-published" tone={Tone::Success}
                        message={format!("This desk is the agency's first: {pushed} changes were sent to the server.")} />
                }
                <AgencyDesks view={view.clone()} onchanged={reload.clone()} />
            </>
        },
    };
    html! {
        <article class="card form-card" id="agency-card">
            <FormCardHead icon={IconName::Refresh} title_id={props.title_id.clone()} title="Agency server"
                lead="Several desks, one agency: every desk keeps working on its own, online or not, and exchanges its changes with the agency's PostgreSQL server. Agents' desks receive only their own customers." />
            { body }
        </article>
    }
}

fn publish_form(form: &Form<PublishForm>) -> Html {
    let field = |f: PublishField,
                 label: &'static str,
                 input_type: &'static str,
                 hint: &'static str,
                 placeholder: &'static str| {
        html! {
            <TextField id={f.input_id()} {label} {input_type} autocomplete="off"
                value={form.value(f).to_owned()} error={form.field_error(f)} input_ref={form.node(f)}
                oninput={form.edit(f)} onblur={form.blur(f)} {hint} {placeholder} disabled={form.meta.busy} />
        }
    };
    html! {
        <form id="agency-publish-form" class="form" novalidate=true onsubmit={form.onsubmit()}
            onkeydown={form.onkeydown()}>
            <p class="muted">
                { "This desk works on its own. To share its customers and staff with other desks, publish it to an empty agency server that its administrator prepared with keydesk admin server-init." }
            </p>
            if let Some(message) = &form.meta.banner {
                <Banner id="agency-publish-error" message={message.clone()} ondismiss={form.dismiss()} />
            }
            { field(PublishField::AdminUrl, "Administrator's URL", "password",
                "With the administrator's password. Used once to enrol this desk, never kept.",
                "postgres://keydesk_admin:…@db.example.com/keydesk") }
            { field(PublishField::Label, "This desk's name", "text",
                "How the agency's list of desks shows this computer.", "Office desktop") }
            <div class="form-actions">
                <SubmitButton id="agency-publish-submit" label="Publish to the agency server"
                    busy_label="Publishing…" busy={form.meta.busy} />
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct AgencyDesksProps {
    view: AgencyServerView,
    onchanged: Callback<()>,
}

#[component]
fn AgencyDesks(props: &AgencyDesksProps) -> Html {
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
            <p class="muted small">{ "To add a desk, choose “Invite a desk” on the Staff page: the new computer joins with the code shown there." }</p>
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

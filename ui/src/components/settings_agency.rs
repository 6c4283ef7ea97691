//! Settings → Agency server, for owners. On a desk of its own: publish it to an empty
//! agency server with the administrator's URL (used once, never kept). On one of the
//! agency's desks: where the server is, and the agency's desks, each of which can be
//! revoked at once. Desks are invited from Staff.

use keydesk_api::{AgencyServerView, DeskKeysRotated, PublishReport};

use super::agency_desks::AgencyDesks;
use super::form_card_head::FormCardHead;
use crate::hooks::use_answer::use_answer;
use crate::prelude::*;
use crate::state::agency::{
    KeysRotated, PublishField, PublishForm, RotateKeysField, RotateKeysForm,
};

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

    let rotated = use_state(|| None::<u32>);
    let rotate = {
        let rotated = rotated.clone();
        use_form(
            RotateKeysForm::default,
            false,
            move |form: &RotateKeysForm, submission| {
                let rotated = rotated.clone();
                submission.call(
                    commands::ROTATE_DESK_KEYS,
                    form.request(),
                    move |done: DeskKeysRotated, dispatcher| {
                        // The password goes with the form.
                        dispatcher.dispatch(FormAction::Own(KeysRotated));
                        rotated.set(Some(done.resealed));
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
                <p class="muted small">{ "To add a desk, choose “Invite a desk” on the Staff page: the new computer joins with the code shown there." }</p>
                { rotate_form(&rotate, *rotated) }
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

/// This desk's keys: rotate them, sealing every pending login anew for the new ones.
fn rotate_form(form: &Form<RotateKeysForm>, rotated: Option<u32>) -> Html {
    let f = RotateKeysField::Password;
    html! {
        <form id="rotate-keys-form" class="form rotate-keys" novalidate=true onsubmit={form.onsubmit()}
            onkeydown={form.onkeydown()}>
            <h3 class="section-title">{ "This desk's keys" }</h3>
            <p class="muted small">
                { "Pending logins are sealed to each owner's desk keys. Rotating gives this desk new keys, seals every pending login it can open to them, and retires the old ones across the agency." }
            </p>
            if let Some(count) = rotated {
                <Banner id="rotate-keys-done" tone={Tone::Success}
                    message={format!("This desk has new keys; {count} pending {} sealed anew for them.",
                        if count == 1 { "login was" } else { "logins were" })} />
            }
            if let Some(message) = &form.meta.banner {
                <Banner id="rotate-keys-error" message={message.clone()} ondismiss={form.dismiss()} />
            }
            <TextField id={f.input_id()} label="Your password" input_type="password" autocomplete="current-password"
                value={form.value(f).to_owned()} error={form.field_error(f)} input_ref={form.node(f)}
                oninput={form.edit(f)} onblur={form.blur(f)} hint="It seals the new keys on this desk."
                disabled={form.meta.busy} />
            <div class="form-actions">
                <SubmitButton id="rotate-keys-submit" label="Rotate this desk's keys"
                    busy_label="Rotating…" busy={form.meta.busy} />
            </div>
        </form>
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

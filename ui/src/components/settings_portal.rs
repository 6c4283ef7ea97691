//! Settings → Customer portal. With an agency server the website reads the accounts
//! there and nothing needs doing here; without one, owners save the accounts for the
//! website's identity product (Auth0 or Keycloak, with the argon2id hashes, so customers
//! keep the password they were handed) and owners and admins bring back the website's
//! sign-ins from its CSV file.

use keydesk_api::{IdentityProduct, PortalAccountsExport, SignInImportReport};

use super::form_card_head::FormCardHead;
use crate::hooks::busy_call::call_unless_busy;
use crate::prelude::*;
use crate::state::portal::{
    exported_text, report_text, SignInsField, SignInsForm, SignInsImported,
};

#[derive(Properties, PartialEq)]
pub struct SettingsPortalProps {
    pub title_id: AttrValue,
    pub can_export: bool,
    pub can_import: bool,
}

#[component]
pub fn SettingsPortal(props: &SettingsPortalProps) -> Html {
    html! {
        <article class="card form-card" id="portal-card">
            <FormCardHead icon={IconName::Customers} title_id={props.title_id.clone()} title="Customer portal"
                lead="Your website signs customers in with the logins Keydesk hands over. With an agency server, it reads the accounts there, as a login in the server's portal role, and its sign-ins and verified emails come back by themselves. Without one, give its identity product the accounts here, and bring its sign-ins back." />
            if props.can_export {
                <PortalExport />
            }
            if props.can_import {
                <SignInsImport />
            }
        </article>
    }
}

/// One button per identity product; the answer names the files written.
#[component]
fn PortalExport() -> Html {
    let command = use_command();
    let busy = use_state(|| false);
    let outcome = use_state(|| None::<Result<String, String>>);
    let button = |product: IdentityProduct| {
        let outcome = outcome.clone();
        let done = Callback::from(
            move |answer: Result<PortalAccountsExport, keydesk_api::Error>| {
                outcome.set(Some(
                    answer
                        .map(|export| exported_text(product, &export))
                        .map_err(|error| format!("Could not save the accounts: {}", error.message)),
                ));
            },
        );
        let request = keydesk_api::ExportPortalAccountsRequest { product };
        let onclick = call_unless_busy::<MouseEvent, _, _>(
            &command,
            &busy,
            commands::EXPORT_PORTAL_ACCOUNTS,
            request,
            done,
        );
        html! {
            <BusyButton id={format!("portal-export-{}", product.as_str())} class="btn btn-secondary"
                busy={*busy} busy_label="Saving…" {onclick}
                title={format!("Save every customer's login for {} in your Downloads folder", product.label())}>
                <Icon name={IconName::Download} size={16} />
                { format!("Save for {}", product.label()) }
            </BusyButton>
        }
    };
    html! {
        <section class="portal-export" aria-labelledby="portal-export-title">
            <h3 class="section-title" id="portal-export-title">{ "Accounts for your website" }</h3>
            <p class="muted small">
                { "Auth0: bulk user import files of at most 500 KB each; customers sign in with their email. Keycloak (24 or later): a partial import of the realm's users. Each account carries its email, name, whether it is verified, must change its password or is archived, and its argon2id hash." }
            </p>
            <div class="form-actions">
                { for IdentityProduct::ALL.into_iter().map(button) }
            </div>
            if let Some(outcome) = &*outcome {
                <p id="portal-export-result" role="status"
                    class={classes!("verify-result", "export-result",
                        if outcome.is_ok() { "text-ok" } else { "text-danger" })}>
                    <Icon name={if outcome.is_ok() { IconName::Download } else { IconName::Alert }} size={16} />
                    <span>{ outcome.clone().unwrap_or_else(|e| e) }</span>
                </p>
            }
        </section>
    }
}

/// The website's sign-in file: chosen or pasted, then imported with a report.
#[component]
fn SignInsImport() -> Html {
    let command = use_command();
    let report = use_state(|| None::<SignInImportReport>);
    let form = {
        let report = report.clone();
        use_form(
            SignInsForm::default,
            false,
            move |form: &SignInsForm, submission| {
                let report = report.clone();
                // A report stays only beside the file it is about.
                report.set(None);
                submission.call(
                    commands::IMPORT_PORTAL_SIGN_INS,
                    form.request(),
                    move |done: SignInImportReport, dispatcher| {
                        report.set(Some(done));
                        dispatcher.dispatch(FormAction::Own(SignInsImported));
                    },
                );
            },
        )
    };
    let choose = {
        let (command, dispatcher) = (command.clone(), form.dispatcher());
        Callback::from(move |_: MouseEvent| {
            let dispatcher = dispatcher.clone();
            command.call(
                commands::CHOOSE_SIGN_IN_FILE,
                (),
                move |chosen: Result<Option<String>, _>| {
                    if let Ok(Some(path)) = chosen {
                        dispatcher.dispatch(FormAction::Edit(SignInsField::Path, path));
                    }
                },
            );
        })
    };
    let f = SignInsField::Path;
    html! {
        <form id="sign-ins-form" class="form portal-sign-ins" novalidate=true onsubmit={form.onsubmit()}
            onkeydown={form.onkeydown()}>
            <h3 class="section-title">{ "Sign-ins on your website" }</h3>
            <p class="muted small">
                { "A CSV file from your website with a line per sign-in: email, time (such as 2026-11-28T09:15:00Z) and, if known, the IP address. Each customer's last sign-in and count follow; a sign-in already here is not counted twice, so importing the same file again changes nothing." }
            </p>
            if let Some(message) = &form.meta.banner {
                <Banner id="sign-ins-error" message={message.clone()} ondismiss={form.dismiss()} />
            }
            <div class="import-file-row">
                <TextField id={f.input_id()} label="File" value={form.value(f).to_owned()}
                    placeholder="Choose a file, or paste its path" autocomplete="off"
                    error={form.field_error(f)} input_ref={form.node(f)}
                    oninput={form.edit(f)} onblur={form.blur(f)} disabled={form.meta.busy} />
                <button type="button" id="sign-ins-choose" class="btn btn-secondary"
                    disabled={form.meta.busy} onclick={choose}>
                    { "Choose file…" }
                </button>
            </div>
            <div class="form-actions">
                <SubmitButton id="sign-ins-submit" label="Import sign-ins"
                    busy_label="Importing…" busy={form.meta.busy} />
            </div>
            if let Some(report) = &*report {
                <div id="sign-ins-report" class="sign-ins-report" role="status">
                    <p>{ report_text(report) }</p>
                    if !report.problems.is_empty() {
                        <ul class="sign-ins-problems">
                            { for report.problems.iter().map(|p| html! {
                                <li>{ format!("Line {}: {}", p.line, p.message) }</li>
                            }) }
                            if report.problem_count > report.problems.len() as u64 {
                                <li class="muted">{ format!("…and {} more.",
                                    report.problem_count - report.problems.len() as u64) }</li>
                            }
                        </ul>
                    }
                </div>
            }
        </form>
    }
}

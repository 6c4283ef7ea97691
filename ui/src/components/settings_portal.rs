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
    exported_text, product_name, report_text, SignInsField, SignInsForm, SignInsImported,
};

#[derive(Properties, PartialEq)]
pub struct SettingsPortalProps {
    pub title_id: AttrValue,
    pub can_export: bool,
    pub can_import: bool,
}

#[component]
pub fn SettingsPortal(props: &SettingsPortalProps) -> Html {
    let words = use_words();
    html! {
        <article class="card form-card" id="portal-card">
            <FormCardHead icon={IconName::Customers} title_id={props.title_id.clone()} title={words.t("settings-customer")}
                lead={words.t("settings-portal-lead")} />
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
    let words = use_words();
    let busy = use_state(|| false);
    // The answer, said at each draw: in the language of the moment.
    let outcome = use_state(|| {
        None::<(
            IdentityProduct,
            Result<PortalAccountsExport, keydesk_api::Error>,
        )>
    });
    let button = |product: IdentityProduct| {
        let outcome = outcome.clone();
        let done = Callback::from(
            move |answer: Result<PortalAccountsExport, keydesk_api::Error>| {
                outcome.set(Some((product, answer)));
            },
        );
        let product_name = [("product", product_name(product))];
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
                busy={*busy} busy_label={words.t("saving")} {onclick}
                title={words.t_with("settings-portal-export-hint", &product_name)}>
                <Icon name={IconName::Download} size={16} />
                { words.t_with("settings-portal-export-save", &product_name) }
            </BusyButton>
        }
    };
    html! {
        <section class="portal-export" aria-labelledby="portal-export-title">
            <h3 class="section-title" id="portal-export-title">{ words.t("settings-portal-export-heading") }</h3>
            <p class="muted small">{ words.t("settings-portal-export-about") }</p>
            <div class="form-actions">
                { for IdentityProduct::ALL.into_iter().map(button) }
            </div>
            if let Some((product, answer)) = &*outcome {
                <p id="portal-export-result" role="status"
                    class={classes!("verify-result", "export-result",
                        if answer.is_ok() { "text-ok" } else { "text-danger" })}>
                    <Icon name={if answer.is_ok() { IconName::Download } else { IconName::Alert }} size={16} />
                    <span>{ match answer {
                        Ok(export) => exported_text(&words, *product, export),
                        Err(error) => words.t_with("settings-portal-export-failed", &[("reason", &error.message)]),
                    } }</span>
                </p>
            }
        </section>
    }
}

/// The website's sign-in file: chosen or pasted, then imported with a report.
#[component]
fn SignInsImport() -> Html {
    let command = use_command();
    let words = use_words();
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
            <h3 class="section-title">{ words.t("settings-portal-sign-ins-heading") }</h3>
            <p class="muted small">{ words.t("settings-portal-sign-ins-about") }</p>
            if let Some(message) = form.banner() {
                <Banner id="sign-ins-error" {message} ondismiss={form.dismiss()} />
            }
            <div class="import-file-row">
                <TextField id={f.input_id()} label={words.t("settings-portal-sign-ins-file")} value={form.value(f).to_owned()}
                    placeholder={words.t("settings-portal-sign-ins-file-placeholder")} autocomplete="off"
                    error={form.field_error(f)} input_ref={form.node(f)}
                    oninput={form.edit(f)} onblur={form.blur(f)} disabled={form.meta.busy} />
                <button type="button" id="sign-ins-choose" class="btn btn-secondary"
                    disabled={form.meta.busy} onclick={choose}>
                    { words.t("settings-portal-sign-ins-choose") }
                </button>
            </div>
            <div class="form-actions">
                <SubmitButton id="sign-ins-submit" label={words.t("settings-portal-sign-ins-import")}
                    busy_label={words.t("settings-portal-sign-ins-importing")} busy={form.meta.busy} />
            </div>
            if let Some(report) = &*report {
                <div id="sign-ins-report" class="sign-ins-report" role="status">
                    <p>{ report_text(&words, report) }</p>
                    if !report.problems.is_empty() {
                        <ul class="sign-ins-problems">
                            { for report.problems.iter().map(|p| html! {
                                <li>{ words.t_with("settings-portal-sign-ins-line",
                                    &[("line", &words.number(p.line)), ("problem", &words.say(&p.message))]) }</li>
                            }) }
                            if report.problem_count > report.problems.len() as u64 {
                                <li class="muted">{ words.t_with("settings-portal-sign-ins-more", &[("n",
                                    &words.number(report.problem_count - report.problems.len() as u64))]) }</li>
                            }
                        </ul>
                    }
                </div>
            }
        </form>
    }
}

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
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct SettingsAgencyProps {
    pub title_id: AttrValue,
}

#[component]
pub fn SettingsAgency(props: &SettingsAgencyProps) -> Html {
    let words = use_words();
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
        None => html! { <p class="muted small">{ words.t("settings-agency-loading") }</p> },
        Some(AgencyServerView { server: None, .. }) => publish_form(&form, &words),
        Some(view) => html! {
            <>
                if let Some(pushed) = *published {
                    <Banner id="agency-published" tone={Tone::Success}
                        message={words.t_with("settings-agency-published", &[("n", &words.number(pushed))])} />
                }
                <AgencyDesks view={view.clone()} onchanged={reload.clone()} />
                <p class="muted small">{ words.t("settings-agency-invite-from-staff") }</p>
                { rotate_form(&rotate, *rotated, &words) }
            </>
        },
    };
    html! {
        <article class="card form-card" id="agency-card">
            <FormCardHead icon={IconName::Refresh} title_id={props.title_id.clone()} title={words.t("settings-agency")}
                lead={words.t("settings-agency-lead")} />
            { body }
        </article>
    }
}

/// This desk's keys: rotate them, sealing every pending login anew for the new ones.
fn rotate_form(form: &Form<RotateKeysForm>, rotated: Option<u32>, words: &Words) -> Html {
    let f = RotateKeysField::Password;
    html! {
        <form id="rotate-keys-form" class="form rotate-keys" novalidate=true onsubmit={form.onsubmit()}
            onkeydown={form.onkeydown()}>
            <h3 class="section-title">{ words.t("settings-agency-keys-title") }</h3>
            <p class="muted small">{ words.t("settings-agency-keys-lead") }</p>
            if let Some(count) = rotated {
                <Banner id="rotate-keys-done" tone={Tone::Success}
                    message={words.count("settings-agency-keys-rotated", count.into())} />
            }
            if let Some(message) = form.banner() {
                <Banner id="rotate-keys-error" {message} ondismiss={form.dismiss()} />
            }
            <TextField id={f.input_id()} label={words.t("settings-agency-keys-password")} input_type="password"
                autocomplete="current-password" value={form.value(f).to_owned()} error={form.field_error(f)}
                input_ref={form.node(f)} oninput={form.edit(f)} onblur={form.blur(f)}
                hint={words.t("settings-agency-keys-password-hint")} disabled={form.meta.busy} />
            <div class="form-actions">
                <SubmitButton id="rotate-keys-submit" label={words.t("settings-agency-keys-rotate")}
                    busy_label={words.t("settings-agency-keys-rotating")} busy={form.meta.busy} />
            </div>
        </form>
    }
}

fn publish_form(form: &Form<PublishForm>, words: &Words) -> Html {
    let field = |f: PublishField,
                 label: String,
                 input_type: &'static str,
                 hint: String,
                 placeholder: String| {
        html! {
            <TextField id={f.input_id()} {label} {input_type} autocomplete="off"
                value={form.value(f).to_owned()} error={form.field_error(f)} input_ref={form.node(f)}
                oninput={form.edit(f)} onblur={form.blur(f)} {hint} {placeholder}
                disabled={form.meta.busy} />
        }
    };
    html! {
        <form id="agency-publish-form" class="form" novalidate=true onsubmit={form.onsubmit()}
            onkeydown={form.onkeydown()}>
            <p class="muted">{ words.t("settings-agency-publish-lead") }</p>
            if let Some(message) = form.banner() {
                <Banner id="agency-publish-error" {message} ondismiss={form.dismiss()} />
            }
            { field(PublishField::AdminUrl, words.t("settings-agency-publish-admin-url"), "password",
                words.t("settings-agency-publish-admin-url-hint"), "postgres://keydesk_admin:…@db.example.com/keydesk".to_owned()) }
            { field(PublishField::Label, words.t("settings-agency-publish-label"), "text",
                words.t("settings-agency-publish-label-hint"), words.t("settings-agency-publish-label-placeholder")) }
            <div class="form-actions">
                <SubmitButton id="agency-publish-submit" label={words.t("settings-agency-publish-submit")}
                    busy_label={words.t("settings-agency-publish-busy")} busy={form.meta.busy} />
            </div>
        </form>
    }
}

use keydesk_api::{commands, SessionInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::badge::Badge;
use crate::components::icon::{Icon, IconName};
use crate::components::password_change_form::PasswordChangeForm;
use crate::components::text_field::TextField;
use crate::ipc;
use crate::state::account::{NameAction, NameForm};
use crate::state::app::{AppAction, AppDispatch};
use crate::state::page::Page;
use crate::state::staff::role_tone;

#[derive(Properties, PartialEq)]
pub struct AccountProps {
    pub session: SessionInfo,
}

/// My account: the person's display name and password.
#[component]
pub fn AccountPage(props: &AccountProps) -> Html {
    let app = use_context::<AppDispatch>();
    let name = {
        let display_name = props.session.display_name.clone();
        use_reducer(move || NameForm::new(&display_name))
    };

    {
        let name = name.clone();
        let app = app.clone();
        use_effect_with(name.submit_seq, move |&seq| {
            if seq > 0 && name.busy {
                let request = name.request();
                let dispatcher = name.dispatcher();
                spawn_local(async move {
                    let answer: Result<SessionInfo, _> =
                        ipc::call(commands::CHANGE_OWN_DISPLAY_NAME, &request).await;
                    match answer {
                        Ok(session) => {
                            dispatcher.dispatch(NameAction::Saved(session.display_name.clone()));
                            if let Some(app) = app {
                                app.dispatch(AppAction::SessionUpdated(session));
                            }
                        }
                        Err(error) => {
                            dispatcher.dispatch(NameAction::Failed(error.clone()));
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }

    let on_name = {
        let dispatcher = name.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(NameAction::Edit(v)))
    };
    let save_name = {
        let dispatcher = name.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatcher.dispatch(NameAction::Save);
        })
    };
    let onchanged = Callback::from(move |session: SessionInfo| {
        if let Some(app) = &app {
            app.dispatch(AppAction::SessionUpdated(session));
        }
    });

    let session = &props.session;
    html! {
        <section id={Page::Account.page_id()} class="page" aria-labelledby="page-title">
            <div class="page-head">
                <div class="account-who">
                    <p class="muted">
                        { format!("You sign in as {} with the role ", session.email) }
                        <Badge tone={role_tone(session.role)} text={session.role.label()} />
                        { ". Only an owner or an admin can change your email or role." }
                    </p>
                </div>
            </div>
            <div class="form-grid">
                <article class="card form-card" aria-labelledby="account-name-title">
                    <header class="form-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::User} size={20} /></span>
                        <div>
                            <h2 class="card-title" id="account-name-title">{ "Display name" }</h2>
                            <p class="muted small">{ "How colleagues see you in Keydesk and in the audit log." }</p>
                        </div>
                    </header>
                    <form class="form" novalidate=true onsubmit={save_name}>
                        <TextField
                            id="account-name"
                            label="Display name"
                            autocomplete="name"
                            value={name.display_name.clone()}
                            error={name.error.clone()}
                            oninput={on_name}
                        />
                        <div class="form-actions">
                            <button type="submit" id="account-name-save" class="btn btn-primary"
                                disabled={name.busy} aria-busy={name.busy.then_some("true")}>
                                if name.busy {
                                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                                    { "Saving…" }
                                } else {
                                    { "Save name" }
                                }
                            </button>
                            if name.saved {
                                <p id="account-name-saved" class="saved-note" role="status">
                                    <Icon name={IconName::CheckCircle} size={16} />
                                    <span>{ "Saved" }</span>
                                </p>
                            }
                        </div>
                    </form>
                </article>
                <article class="card form-card" aria-labelledby="account-password-title">
                    <header class="form-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::Key} size={20} /></span>
                        <div>
                            <h2 class="card-title" id="account-password-title">{ "Password" }</h2>
                            <p class="muted small">{ "You stay signed in; the old password stops working at once." }</p>
                        </div>
                    </header>
                    <PasswordChangeForm
                        id_prefix="account-"
                        session={session.clone()}
                        current_label="Current password"
                        submit_id="account-password-save"
                        submit_label="Change password"
                        busy_label="Changing…"
                        banner_id="account-password-error"
                        saved_id="account-password-saved"
                        {onchanged}
                    />
                </article>
            </div>
        </section>
    }
}

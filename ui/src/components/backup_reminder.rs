//! `#dashboard-backups`: the owner's reminder of the last backup on the dashboard, in
//! amber when it is overdue, with the way to Settings → Backups.

use keydesk_api::BackupStatus;

use crate::pages::settings::open_settings_at;
use crate::prelude::*;
use crate::state::settings::SettingsSection;

#[derive(Properties, PartialEq)]
pub struct BackupReminderProps {
    pub onnavigate: Callback<Page>,
}

#[component]
pub fn BackupReminder(props: &BackupReminderProps) -> Html {
    let command = use_command();
    let status = use_state(|| Remote::<BackupStatus>::Loading);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            command.call(
                commands::BACKUP_STATUS,
                (),
                move |answer: Result<BackupStatus, keydesk_api::Error>| {
                    status.set(Remote::from_result(answer.map_err(|e| e.message)));
                },
            );
        });
    }
    let open = props.onnavigate.reform(|_: MouseEvent| {
        open_settings_at(SettingsSection::Backups);
        Page::Settings
    });
    let (overdue, badge, text) = match &*status {
        Remote::Loaded(status) => {
            let last = match &status.last_backup_at {
                Some(at) => format!("Last backup: {}.", local_time(at)),
                None => "No backup yet.".to_owned(),
            };
            let advice = if !status.passphrase_set {
                " Set a backup passphrase to start the daily backups."
            } else if status.overdue {
                " Back up now: a lost or broken computer would take the data with it."
            } else {
                " Keydesk backs up every day while it runs."
            };
            let badge = if status.overdue {
                html! { <Badge tone={Tone::Warning} text="Overdue" /> }
            } else {
                html! { <Badge tone={Tone::Success} text="Up to date" /> }
            };
            (status.overdue, badge, format!("{last}{advice}"))
        }
        Remote::Failed(message) => (false, Html::default(), message.clone()),
        Remote::Idle | Remote::Loading => (false, Html::default(), "Loading…".to_owned()),
    };
    html! {
        <article id="dashboard-backups" data-overdue={overdue.to_string()}
            class={classes!("card", "dash-card", overdue.then_some("dash-card-warn"))}>
            <header class="dash-card-head">
                <span class={classes!("card-icon", if overdue { "tone-warn" } else { "tone-accent" })}>
                    <Icon name={IconName::Download} size={20} />
                </span>
                <h3>{ "Backups" }</h3>
                { badge }
            </header>
            <p id="dashboard-backups-text" class="muted">{ text }</p>
            <div class="card-actions">
                <button type="button" id="dashboard-open-backups" class="btn btn-secondary" onclick={open}>
                    { "Open Backups" }
                </button>
            </div>
        </article>
    }
}

use keydesk_api::{
    CopyRequest, Permission, SessionInfo, SetStaffRoleRequest, SetStaffStatusRequest,
    StaffIdRequest, StaffMember, StaffStatus, StaffWithTemporaryPassword,
};

use crate::components::add_staff_dialog::AddStaffDialog;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::desks_dialog::DesksDialog;
use crate::components::invite_desk_dialog::InviteDeskDialog;
use crate::components::table_note::{table_loading, table_note};
use crate::components::temporary_password_dialog::TemporaryPasswordDialog;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::staff::{
    assignable_roles, may_act_on, role_tone, status_badge, toggled, StaffAction, StaffChange,
    StaffState,
};
use crate::words::Words;

type StaffDispatcher = UseReducerDispatcher<StaffState>;

#[derive(Properties, PartialEq)]
pub struct StaffProps {
    pub session: SessionInfo,
    /// This desk is one of the agency's (so desks can be invited).
    #[prop_or_default]
    pub joined: bool,
}

/// Sends change number `seq`; it answers with the member (and a temporary password
/// after a reset).
fn send_change(command: &Command, change: StaffChange, dispatcher: StaffDispatcher, seq: u64) {
    let done = move |result| StaffAction::ChangeDone { seq, result };
    let changed = move |answer: Result<StaffMember, String>| done(answer.map(|m| (m, None)));
    let staff_id = change.member().id;
    match change {
        StaffChange::Role { role, .. } => {
            let request = SetStaffRoleRequest { staff_id, role };
            command.load(commands::SET_STAFF_ROLE, request, dispatcher, changed);
        }
        StaffChange::Status { status, .. } => {
            let request = SetStaffStatusRequest { staff_id, status };
            command.load(commands::SET_STAFF_STATUS, request, dispatcher, changed);
        }
        StaffChange::ResetPassword { .. } => {
            let request = StaffIdRequest { staff_id };
            let reset = move |answer: Result<StaffWithTemporaryPassword, String>| {
                done(answer.map(|a| (a.member, Some(a.temporary_password))))
            };
            command.load(commands::RESET_STAFF_PASSWORD, request, dispatcher, reset);
        }
    }
}

/// Everyone who signs in, with their role and status, and the changes owners and admins
/// make to them.
#[component]
pub fn StaffPage(props: &StaffProps) -> Html {
    let words = use_words();
    let command = use_command();
    let state = use_reducer(StaffState::default);

    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        use_request(&state.list, move |seq| {
            command.load(commands::LIST_STAFF, (), dispatcher, move |result| {
                StaffAction::Loaded { seq, result }
            });
        });
    }
    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        let change = state.confirm.clone();
        use_request(&state.change, move |seq| {
            if let Some(change) = change {
                send_change(&command, change, dispatcher, seq);
            }
        });
    }
    {
        let temporary = state.temporary.as_ref();
        let copy = temporary.map(|t| t.copy.clone()).unwrap_or_default();
        let (text, dispatcher) = (temporary.map(|t| t.password.clone()), state.dispatcher());
        use_request(&copy, move |seq| {
            if let Some(text) = text {
                command.load(
                    commands::COPY_TO_CLIPBOARD,
                    CopyRequest { text },
                    dispatcher,
                    move |result| StaffAction::Copied { seq, result },
                );
            }
        });
    }

    let actions = state.dispatcher().to_callback();
    let send = |action: fn() -> StaffAction| actions.reform(move |()| action());
    let open_add = actions.reform(|_: MouseEvent| StaffAction::OpenAdd);
    let reload = actions.reform(|_: MouseEvent| StaffAction::Reload);
    let onadded = actions.reform(StaffAction::Added);
    let ask = actions.reform(StaffAction::Ask);
    // Desks are invited for members of an agency whose desks sync, by owners.
    let inviting = use_state(|| false);
    let showing_desks = use_state(|| false);
    let may_invite = props.joined
        && props
            .session
            .permissions
            .contains(&Permission::ManageAgencyServer);

    let can = |p: Permission| props.session.permissions.contains(&p);

    let body = match &state.list.remote {
        Remote::Loading if state.members.is_empty() => table_loading(5, words.t("staff-loading")),
        Remote::Failed(_) if state.members.is_empty() => table_note(
            5,
            html! { <>
                { words.t("staff-load-failed") }{ " " }
                <button type="button" id="staff-retry" class="link-button" onclick={reload}>{ words.t("try-again") }</button>
            </> },
        ),
        _ => html! {
            for member in state.members.iter() {
                { row(member, &props.session, state.select_rev, &ask, &words) }
            }
        },
    };
    let count = words.count("staff-count", state.members.len() as i64);

    html! {
        <section id={Page::Staff.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="page-head">
                <p class="muted">{ words.t("staff-lead") }</p>
                <div class="page-actions">
                    if may_invite {
                        <button type="button" id="staff-desks" class="btn btn-secondary"
                            onclick={showing_desks.setter().to_callback().reform(|_: MouseEvent| true)}>
                            { words.t("staff-desks") }
                        </button>
                        <button type="button" id="staff-invite-desk" class="btn btn-secondary"
                            onclick={inviting.setter().to_callback().reform(|_: MouseEvent| true)}>
                            <Icon name={IconName::Key} size={16} />
                            { words.t("staff-invite-desk") }
                        </button>
                    }
                    if can(Permission::AddStaff) {
                        <button type="button" id="staff-add" class="btn btn-primary" onclick={open_add}>
                            <Icon name={IconName::UserPlus} size={16} />
                            { words.t("staff-add") }
                        </button>
                    }
                </div>
            </div>
            if let Some(message) = &state.error {
                <Banner id="staff-error" message={message.clone()} ondismiss={send(|| StaffAction::DismissError)} />
            } else if let Some(message) = state.list.remote.failure() {
                <Banner id="staff-error" message={words.t_with("staff-load-failed-banner", &[("reason", message)])} />
            }
            <div class="card table-card">
                <div class="table-wrap" tabindex="0" aria-label={words.t("staff-table")}>
                    <table id="staff-table" class="table">
                        <thead>
                            <tr>
                                <th scope="col">{ words.t("staff-col-person") }</th>
                                <th scope="col">{ words.t("staff-col-role") }</th>
                                <th scope="col">{ words.t("staff-col-status") }</th>
                                <th scope="col" class="col-time">{ words.t("staff-col-last-sign-in") }</th>
                                <th scope="col" class="col-row-actions"><span class="visually-hidden">{ words.t("staff-col-actions") }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ body }</tbody>
                    </table>
                </div>
                <footer class="table-foot">
                    <span id="staff-count" class="muted">
                        if state.list.remote.loaded().is_some() { { count } }
                    </span>
                </footer>
            </div>
            if let Some(confirm) = state.confirm.as_ref().map(|change| change.confirmation(&words)) {
                <ConfirmDialog
                    title={confirm.title}
                    message={confirm.message}
                    confirm_label={confirm.confirm_label}
                    destructive={confirm.destructive}
                    busy={state.change.is_loading()}
                    onconfirm={send(|| StaffAction::Confirm)}
                    oncancel={send(|| StaffAction::Cancel)}
                />
            }
            if state.adding {
                <AddStaffDialog {onadded} oncancel={send(|| StaffAction::CloseAdd)} />
            }
            if *showing_desks {
                <DesksDialog onclose={showing_desks.setter().to_callback().reform(|()| false)} />
            }
            if *inviting {
                <InviteDeskDialog
                    members={state.members.iter().filter(|m| m.status == StaffStatus::Active).cloned().collect::<Vec<_>>()}
                    onclose={inviting.setter().to_callback().reform(|()| false)} />
            }
            if let Some(temporary) = &state.temporary {
                <TemporaryPasswordDialog
                    temporary={temporary.clone()}
                    oncopy={send(|| StaffAction::CopyPassword)}
                    ondone={send(|| StaffAction::DonePassword)}
                />
            }
        </section>
    }
}

fn row(
    member: &StaffMember,
    session: &SessionInfo,
    select_rev: u64,
    ask: &Callback<StaffChange>,
    words: &Words,
) -> Html {
    let is_self = member.id == session.staff_id;
    // The row actions the signed-in person may use.
    let can = |p: Permission| session.permissions.contains(&p);
    let (status_tone, status_text) = status_badge(member.status);
    let status_text = words.t(status_text);
    let actions = if is_self || !may_act_on(session.role, member.role) {
        html! {}
    } else {
        let on_role = {
            let member = member.clone();
            // A value that is no role keeps the role, which asks nothing.
            ask.reform(move |value: String| StaffChange::Role {
                role: value.parse().unwrap_or(member.role),
                member: member.clone(),
            })
        };
        let button = |change: fn(StaffMember) -> StaffChange| {
            let member = member.clone();
            ask.reform(move |_: MouseEvent| change(member.clone()))
        };
        let name = member.display_name.as_str();
        let (toggle_label, toggle_named) = match toggled(member.status) {
            StaffStatus::Disabled => (
                words.t("staff-disable"),
                words.t_with("staff-disable-named", &[("name", name)]),
            ),
            StaffStatus::Active => (
                words.t("staff-enable"),
                words.t_with("staff-enable-named", &[("name", name)]),
            ),
        };
        let on_toggle = button(|member| StaffChange::Status {
            status: toggled(member.status),
            member,
        });
        let on_reset = button(|member| StaffChange::ResetPassword { member });
        html! {
            <>
                if can(Permission::ChangeStaffRole) {
                    <Select class="staff-role-select select-sm" value={member.role.as_str()}
                        options={words.choices(&assignable_roles(session.role))} onchange={on_role} sync={select_rev}
                        aria_label={words.t_with("staff-role-of", &[("name", name)])} />
                }
                if can(Permission::ChangeStaffStatus) {
                    <button type="button" class="btn btn-secondary btn-sm staff-toggle-status"
                        aria-label={toggle_named} onclick={on_toggle}>
                        { toggle_label }
                    </button>
                }
                if can(Permission::ResetStaffPassword) && member.status == StaffStatus::Active {
                    <button type="button" class="btn btn-secondary btn-sm staff-reset-password"
                        aria-label={words.t_with("staff-reset-password-named", &[("name", name)])} onclick={on_reset}>
                        { words.t("staff-reset-password") }
                    </button>
                }
            </>
        }
    };
    html! {
        <tr key={member.id}
            class={classes!("staff-row", (member.status == StaffStatus::Disabled).then_some("is-disabled"))}
            data-email={member.email.clone()} data-id={member.id.to_string()}>
            <td class="col-person">
                <div class="person-name">
                    <span class="cell-strong">{ member.display_name.clone() }</span>
                    if is_self {
                        <Badge tone={Tone::Accent} text={words.t("staff-you")} />
                    }
                </div>
                <div class="person-email" title={member.email.clone()}>{ member.email.clone() }</div>
            </td>
            <td class="col-badge col-role">
                <Badge tone={role_tone(member.role)} text={words.role(member.role)} />
            </td>
            <td class="col-badge col-status">
                <span class="badges">
                    <Badge tone={status_tone} text={status_text} />
                    if member.must_change_password {
                        <Badge tone={Tone::Warning} text={words.t("staff-temporary-password")} />
                    }
                </span>
            </td>
            <td class="col-time">
                if let Some(at) = &member.last_sign_in_at {
                    <time datetime={at.clone()} title={at.clone()}>{ local_time_short(at) }</time>
                } else {
                    <span class="muted">{ words.t("staff-never") }</span>
                }
            </td>
            <td class="col-row-actions"><div class="row-actions">{ actions }</div></td>
        </tr>
    }
}

//! Walks the whole permission table: every command the window can call, as each role.

use crate::helpers::{assert_err, customer_form, password_change, pw, TestApp, OWNER_PASSWORD};
use keydesk_api::commands::{self, access_of, ALL};
use keydesk_api::{
    AuditFilter, CommandAccess, HandoffChannel, HandoffHistoryRequest, Role, SecuritySettings,
    SmtpSettingsForm,
};
use keydesk_core::auth::{allows, Actor};
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId, StaffId};
use keydesk_core::server::ServerUrl;
use keydesk_core::services::{AccessError, ImportCancel, ServiceError};
use keydesk_core::Keydesk;
use std::sync::atomic::AtomicBool;

/// Whether access control refused the call (other refusals, such as a wrong current
/// password, mean the call got past it).
fn refused<T>(result: &Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Access(AccessError::Forbidden)))
}

/// Ids of nothing: past access control, such a call is answered "not found".
const NO_CUSTOMER: CustomerId = CustomerId(i64::MAX);
const NO_HANDOFF: HandoffId = HandoffId(i64::MAX);
const NO_MAIL: OutboxId = OutboxId(i64::MAX);

/// [`refused`] of the call `$call`, awaited.
macro_rules! refused {
    ($call:expr) => {
        refused(&$call.await)
    };
}

/// Calls the core service behind `command` as `actor`, the way the shell does, and says
/// whether access control refused it. `target` is a member the staff commands act on.
/// `None`: the walk has no step for the command yet (which fails the walk).
async fn call(
    keydesk: &Keydesk,
    command: &str,
    actor: &Actor,
    target: StaffId,
    n: usize,
) -> Option<bool> {
    let export_dir = std::env::temp_dir().join(format!("keydesk-walk-{}", std::process::id()));
    let missing = export_dir.join("missing.csv");
    let was_refused = match command {
        commands::AUDIT_PAGE => {
            refused!(keydesk.audit_page(actor, &AuditFilter::default(), None, 10))
        }
        commands::AUDIT_FILTER_OPTIONS => refused!(keydesk.audit_filter_options(actor)),
        commands::VERIFY_AUDIT_CHAIN => refused!(keydesk.verify_audit_chain(actor)),
        commands::EXPORT_AUDIT_CSV => {
            refused!(keydesk.export_audit_csv(actor, &AuditFilter::default(), &export_dir))
        }
        commands::CHANGE_OWN_PASSWORD => {
            let new = "irrelevant new passphrase 1";
            let change = password_change("not the current one", new, new);
            refused!(keydesk.change_own_password(actor, change))
        }
        commands::CHANGE_OWN_DISPLAY_NAME => {
            refused!(keydesk.change_own_display_name(actor, actor.display_name()))
        }
        commands::LIST_STAFF => refused!(keydesk.list_staff(actor)),
        commands::ADD_STAFF => {
            let email = format!("walk{n}@agency.test");
            refused!(keydesk.add_staff(actor, &email, "Walk", Some(Role::Agent)))
        }
        commands::SET_STAFF_ROLE => refused!(keydesk.set_staff_role(actor, target, Role::Agent)),
        commands::SET_STAFF_STATUS => refused!(keydesk.set_staff_active(actor, target, true)),
        commands::RESET_STAFF_PASSWORD => refused!(keydesk.reset_staff_password(actor, target)),
        commands::GET_SETTINGS => refused!(keydesk.settings(actor)),
        commands::SAVE_SECURITY_SETTINGS => {
            let same = SecuritySettings {
                idle_lock_minutes: 10,
                lockout_enabled: true,
            };
            refused!(keydesk.save_security_settings(actor, same))
        }
        // Customer commands: every role may call them; which customers each one reaches
        // is walked in `customers.rs` (agents see only those linked to them).
        commands::CREATE_CUSTOMER => {
            let form = customer_form(&format!("walk-customer{n}@example.com"), "Walk", "Customer");
            refused!(keydesk.create_customer(actor, form))
        }
        commands::LIST_CUSTOMERS | commands::REFRESH_CUSTOMERS => {
            let query = keydesk_api::CustomerQuery {
                limit: 10,
                ..Default::default()
            };
            refused!(keydesk.list_customers(actor, &query))
        }
        // A token nobody was given: "not allowed" (not "refused") means past access control.
        commands::LINK_CUSTOMER_TO_ME => {
            refused!(keydesk.link_customer_to_me(actor, &keydesk_api::LinkToken("0".repeat(64))))
        }
        commands::GET_CUSTOMER => refused!(keydesk.customer(actor, NO_CUSTOMER)),
        commands::UPDATE_CUSTOMER => {
            let form = keydesk_api::CustomerInput::default();
            refused!(keydesk.update_customer(actor, NO_CUSTOMER, 1, form))
        }
        commands::SET_CUSTOMER_ARCHIVED => {
            refused!(keydesk.set_customer_archived(actor, NO_CUSTOMER, true))
        }
        commands::CHECK_CUSTOMER => {
            refused!(keydesk.check_customer(actor, &keydesk_api::CustomerInput::default()))
        }
        // Past access control, the wrong confirmation is refused: nothing is erased.
        commands::ERASE_CUSTOMER => refused!(keydesk.erase_customer(actor, NO_CUSTOMER, "no")),
        commands::EXPORT_CUSTOMERS_CSV => {
            let query = keydesk_api::CustomerQuery::default();
            refused!(keydesk.export_customers_csv(actor, &query, &export_dir))
        }
        commands::CUSTOMER_HISTORY => refused!(keydesk.customer_history(actor, NO_CUSTOMER)),
        commands::SET_CUSTOMER_LINK_NOTES => {
            refused!(keydesk.set_customer_link_notes(actor, NO_CUSTOMER, target.0, ""))
        }
        commands::SAVE_GENERAL_SETTINGS => {
            let same = keydesk_api::GeneralSettings {
                default_phone_region: "GB".to_owned(),
                mail_language: keydesk_api::Language::En,
            };
            refused!(keydesk.save_general_settings(actor, same))
        }
        // Import steps read a file that does not exist: past access control, that is a
        // clear refusal of the file, and nothing is written.
        // The shell asks before opening the file picker.
        commands::CHOOSE_IMPORT_FILE => matches!(
            keydesk
                .authorize(actor, keydesk_api::Permission::ImportCustomers)
                .await,
            Err(AccessError::Forbidden)
        ),
        commands::PREVIEW_CUSTOMER_IMPORT => {
            refused!(keydesk.preview_customer_import(actor, &missing))
        }
        commands::CHECK_CUSTOMER_IMPORT => {
            refused!(keydesk.check_customer_import(actor, &missing, &[]))
        }
        // The shell's cancel hands the core the flip of its switch: flipped only if allowed.
        commands::CANCEL_CUSTOMER_IMPORT => {
            let running = ImportCancel::default();
            let answer = keydesk
                .cancel_customer_import(actor, || running.cancel())
                .await;
            assert_eq!(running.is_cancelled(), answer.is_ok(), "{command}");
            refused(&answer)
        }
        commands::RUN_CUSTOMER_IMPORT => refused!(keydesk.import_customers(
            actor,
            &missing,
            &[],
            keydesk_api::DuplicatePolicy::Skip,
            &|_| {},
            &ImportCancel::default(),
        )),
        // Mail settings: saving an invalid form (no host) is a field error past access
        // control, so nothing is saved; tests against a closed port are quick refusals.
        commands::GET_SMTP_SETTINGS => refused!(keydesk.smtp_settings(actor)),
        commands::SAVE_SMTP_SETTINGS => {
            refused!(keydesk.save_smtp_settings(actor, SmtpSettingsForm::default()))
        }
        commands::TEST_SMTP_CONNECTION => {
            refused!(keydesk.test_smtp_connection(actor, &SmtpSettingsForm::default()))
        }
        commands::SEND_TEST_MAIL => {
            refused!(keydesk.send_test_mail(actor, &SmtpSettingsForm::default()))
        }
        commands::GET_BRANDING => refused!(keydesk.branding(actor)),
        commands::SAVE_BRANDING => {
            let same = keydesk_core::mail::default_branding();
            refused!(keydesk.save_branding(actor, &same))
        }
        commands::PREVIEW_MAIL => refused!(keydesk.preview_mail(
            actor,
            &keydesk_api::PreviewMailRequest {
                kind: keydesk_api::MailKind::Welcome,
                branding: None,
                welcome_message: String::new(),
                language: None,
            },
        )),
        commands::LIST_OUTBOX => refused!(keydesk.outbox_page(
            actor,
            &keydesk_api::OutboxQuery {
                limit: 10,
                ..Default::default()
            },
        )),
        // A mail that does not exist: "not found" means past access control.
        commands::RETRY_MAIL => refused!(keydesk.retry_mail(actor, Some(NO_MAIL))),
        commands::CANCEL_MAIL => refused!(keydesk.cancel_mail(actor, NO_MAIL)),
        commands::OUTBOX_STATUS => refused!(keydesk.outbox_status(actor)),
        commands::CUSTOMER_MAILS => refused!(keydesk.customer_mails(actor, NO_CUSTOMER)),
        commands::SEND_HANDOFF_BY_MAIL => {
            refused!(keydesk.send_handoff_by_mail(actor, NO_HANDOFF, ""))
        }
        commands::SEND_WELCOME_MAIL => refused!(keydesk.send_welcome_mail(actor, NO_CUSTOMER, "")),
        commands::SEND_VERIFICATION_CODE => {
            refused!(keydesk.send_verification_code(actor, NO_CUSTOMER))
        }
        commands::CHECK_VERIFICATION_CODE => {
            refused!(keydesk.check_verification_code(actor, NO_CUSTOMER, "123456"))
        }
        commands::GET_CREDENTIAL_SETTINGS => refused!(keydesk.credential_settings(actor)),
        commands::SAVE_CREDENTIAL_SETTINGS => {
            let same = keydesk.credential_settings_in_force().await.unwrap();
            refused!(keydesk.save_credential_settings(actor, same))
        }
        commands::PASSWORD_POLICY_ENTROPY => {
            let policy = keydesk.credential_settings_in_force().await.unwrap().policy;
            refused!(keydesk.password_policy_entropy(actor, &policy))
        }
        // Handoff commands on a handoff that does not exist: "no longer exists" (not
        // "refused") means past access control.
        commands::LIST_PENDING_HANDOFFS => refused!(keydesk.list_pending_handoffs(actor)),
        commands::PENDING_HANDOFF_COUNT => refused!(keydesk.pending_handoff_count(actor)),
        commands::REVEAL_HANDOFF_PASSWORD => {
            refused!(keydesk.reveal_handoff_password(actor, NO_HANDOFF))
        }
        commands::COPY_HANDOFF_USERNAME => {
            refused!(keydesk.copy_handoff_username(actor, NO_HANDOFF))
        }
        commands::COPY_HANDOFF_PASSWORD => {
            refused!(keydesk.copy_handoff_password(actor, NO_HANDOFF))
        }
        commands::MARK_HANDOFF_SENT => {
            refused!(keydesk.mark_handoff_sent(actor, NO_HANDOFF, HandoffChannel::Phone, ""))
        }
        commands::REVOKE_HANDOFF => refused!(keydesk.revoke_handoff(actor, NO_HANDOFF)),
        commands::RECOVERY_KEY_STATUS => refused!(keydesk.recovery_key_status(actor)),
        commands::CREATE_RECOVERY_KEY => refused!(keydesk.create_recovery_key(actor)),
        commands::USE_RECOVERY_KEY => refused!(keydesk.use_recovery_key(actor, &pw("not words"))),
        commands::REMOVE_RECOVERY_KEY => refused!(keydesk.remove_recovery_key(actor)),
        commands::BACKUP_STATUS => refused!(keydesk.backup_status(actor)),
        // Past access control: a passphrase too weak, a folder that is no full path, and
        // no passphrase yet to back up with.
        commands::SET_BACKUP_PASSPHRASE => refused!(keydesk.set_backup_passphrase(actor, &pw("x"))),
        commands::SET_BACKUP_FOLDER => refused!(keydesk.set_backup_folder(actor, "not/full")),
        commands::BACK_UP_NOW => refused!(keydesk.back_up_now(actor, &|_| {})),
        commands::HANDOFF_HISTORY => {
            let request = HandoffHistoryRequest {
                limit: 10,
                ..Default::default()
            };
            refused!(keydesk.handoff_history(actor, &request))
        }
        commands::RESET_CUSTOMER_PASSWORD => {
            refused!(keydesk.reset_customer_password(actor, NO_CUSTOMER))
        }
        commands::GENERATE_LOGINS => {
            let cancel = AtomicBool::new(false);
            refused!(keydesk.generate_logins(actor, &[], &|_| {}, &cancel))
        }
        commands::CANCEL_GENERATE_LOGINS => {
            let cancel = AtomicBool::new(false);
            refused!(keydesk.cancel_generate_logins(actor, &cancel))
        }
        // Only the creator who was shown the password passes the per-handoff check.
        commands::MARK_NEW_LOGIN_SENT => {
            refused!(keydesk.mark_new_login_sent(actor, NO_HANDOFF, HandoffChannel::InPerson, ""))
        }
        // Past access control, a desk of its own: no notice, no server to reach.
        commands::SYNC_NOTICES => refused!(keydesk.sync_inbox(actor)),
        commands::DISMISS_SYNC_NOTICE => refused!(keydesk.dismiss_sync_notice(actor, i64::MAX)),
        commands::APPLY_MINE => refused!(keydesk.apply_mine(actor, i64::MAX)),
        commands::AGENCY_SERVER => refused!(keydesk.agency_server_view(actor)),
        commands::PUBLISH_AGENCY_SERVER => {
            let nowhere: ServerUrl = "postgres://admin:x@127.0.0.1:1/agency".parse().unwrap();
            refused!(keydesk.publish_to_agency_server(actor, &nowhere, "Desk"))
        }
        commands::INVITE_DESK => refused!(keydesk.invite_desk_code(actor, target, "Laptop")),
        commands::REVOKE_DESK => refused!(keydesk.revoke_desk(actor, uuid::Uuid::nil())),
        commands::ROTATE_DESK_KEYS => {
            refused!(keydesk.rotate_desk_keys(actor, pw("not the password")))
        }
        commands::RESET_EXPOSED_LOGINS => {
            refused!(keydesk.reset_logins_open_to_desk(actor, uuid::Uuid::nil()))
        }
        commands::TAKE_OVER_MAIL => refused!(keydesk.take_over_mail(actor, uuid::Uuid::nil())),
        commands::VERIFY_AGENCY_CHAIN => refused!(keydesk.verify_agency_chain(actor)),
        commands::CUSTOMER_FUNNEL => refused!(keydesk.customer_funnel(
            actor,
            keydesk_api::FunnelRequest {
                period: keydesk_api::FunnelPeriod::Month,
                staff_id: None,
            }
        )),
        commands::EXPORT_PORTAL_ACCOUNTS => refused!(keydesk.export_portal_accounts(
            actor,
            keydesk_api::IdentityProduct::Auth0,
            &export_dir
        )),
        commands::CHOOSE_SIGN_IN_FILE => matches!(
            keydesk
                .authorize(actor, keydesk_api::Permission::ImportPortalSignIns)
                .await,
            Err(AccessError::Forbidden)
        ),
        commands::IMPORT_PORTAL_SIGN_INS => {
            refused!(keydesk.import_portal_sign_ins(actor, &missing))
        }
        _ => return None,
    };
    Some(was_refused)
}

#[tokio::test]
async fn every_command_as_every_role_is_allowed_or_refused_as_the_table_says() {
    let (app, owner) = TestApp::with_owner().await;
    let _ = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let _ = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let target = app
        .keydesk
        .add_staff(&owner, "target@agency.test", "Target", Some(Role::Agent))
        .await
        .unwrap()
        .member;

    let mut walked = 0;
    let mut without_step = Vec::new();
    for (n, command) in ALL.iter().enumerate() {
        let access = access_of(command).unwrap_or_else(|| panic!("{command} has no access entry"));
        let CommandAccess::Requires(permission) = access else {
            continue;
        };
        for role in [Role::Owner, Role::Admin, Role::Agent] {
            // Fresh sessions each time: some steps (a reset, a role change) end others.
            let actor = match role {
                Role::Owner => app.sign_in(OWNER_PASSWORD).await.unwrap(),
                Role::Admin => app.sign_in_as("admin@agency.test").await,
                Role::Agent => app.sign_in_as("agent@agency.test").await,
            };
            let Some(was_refused) = call(
                &app.keydesk,
                command,
                &actor,
                StaffId(target.id),
                n * 3 + walked,
            )
            .await
            else {
                without_step.push(*command);
                break;
            };
            assert_eq!(
                was_refused,
                !allows(role, permission),
                "{command} as {role}: refused = {was_refused}"
            );
            walked += 1;
        }
    }
    app.cleanup().await;
    assert!(
        without_step.is_empty(),
        "the permission walk has no step for {without_step:?}: add one each"
    );
    assert!(walked >= 3 * 13, "walked {walked} calls");
}

#[tokio::test]
async fn agents_are_refused_mail_settings_and_the_outbox_but_may_mail_their_customers() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    for command in ALL {
        let Some(CommandAccess::Requires(permission)) = access_of(command) else {
            continue;
        };
        let mail_command = [
            keydesk_api::Permission::ManageMailSettings,
            keydesk_api::Permission::ManageOutbox,
        ]
        .contains(&permission);
        if mail_command {
            assert!(!allows(Role::Agent, permission), "{command}");
            assert!(allows(Role::Admin, permission), "{command}");
        }
    }
    assert!(refused!(app.keydesk.smtp_settings(&agent)));
    assert!(refused!(app.keydesk.outbox_page(
        &agent,
        &keydesk_api::OutboxQuery {
            limit: 5,
            ..Default::default()
        }
    )));
    // The agent's own customer: a welcome mail may go; another's customer is not found.
    let (own, _) = crate::mail::add_customer(&app, &agent, 1).await;
    let (others, _) = crate::mail::add_customer(&app, &owner, 2).await;
    app.keydesk
        .send_welcome_mail(&agent, CustomerId(own), "Hi")
        .await
        .unwrap();
    assert_err!(
        app.keydesk
            .send_welcome_mail(&agent, CustomerId(others), "Hi")
            .await,
        ServiceError::NotFound
    );
    assert_eq!(app.keydesk.outbox_status(&agent).await.unwrap().waiting, 1);
    app.cleanup().await;
}

#[test]
fn the_shell_registers_exactly_the_commands_of_the_api() {
    let main = include_str!("../../../src-tauri/src/main.rs");
    let start = main
        .find("generate_handler![")
        .expect("handler list in the shell");
    let end = start + main[start..].find(']').expect("end of the handler list");
    let registered: Vec<&str> = main[start..end]
        .split(',')
        .filter_map(|item| item.trim().rsplit("::").next())
        .filter(|name| !name.is_empty() && !name.contains('['))
        .collect();
    let mut expected: Vec<&str> = ALL.to_vec();
    let mut actual = registered.clone();
    expected.sort_unstable();
    actual.sort_unstable();
    assert_eq!(
        actual, expected,
        "src-tauri/src/main.rs and keydesk_api::commands::ALL differ"
    );
}

//! Two desks of one agency, each its own app window and data folder, sharing one agency
//! server of the test cluster (reached through a loopback proxy that can cut them off):
//! the owner publishes their desk and invites an agent's laptop, the laptop joins with the
//! code, works offline, and what it made (a customer's login too) reaches the owner's
//! window without a restart.

mod support;

use keydesk_e2e::steps::{
    add_agent, back_to_list, create_customer, create_owner, open_page, open_settings, NewCustomer,
    AGENT_EMAIL, AGENT_NAME, AGENT_PASSWORD, OWNER_NAME, OWNER_PASSWORD,
};
use keydesk_e2e::Harness;
use support::fault_proxy::{Fault, FaultProxy};
use support::{keydesk_admin, new_database, port_of, with_port};

/// Waits for the top bar's sync indicator to read as `wanted` says.
async fn sync_reads(app: &Harness, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    app.wait_for_text_where("#sync-indicator", what, wanted)
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agents_laptop_joins_with_a_code_and_what_it_makes_offline_reaches_the_owner() {
    let url = new_database().await;
    let init = keydesk_admin(&["server-init"], &url);
    assert!(init.status.success(), "server-init: {init:?}");
    let proxy = FaultProxy::start(([127, 0, 0, 1], port_of(&url)).into()).await;
    let through_proxy = with_port(&url, proxy.port());

    // The owner's desk, with an agent and a customer of its own, becomes the agency's first.
    let owner = Harness::start().await;
    create_owner(&owner).await;
    add_agent(&owner, AGENT_EMAIL, AGENT_NAME).await;
    open_page(&owner, "customers").await;
    let mut shared = NewCustomer::new("sam.shared@example.com", "Sam", "Shared");
    shared.generate_login = false;
    create_customer(&owner, &shared).await;
    assert!(
        !owner.is_present("#sync-indicator").await,
        "a desk of its own shows no sync state"
    );
    open_settings(&owner, "agency").await;
    owner.fill("#agency-admin-url", &through_proxy).await;
    owner.fill("#agency-desk-label", "Front desk").await;
    owner.click("#agency-publish-submit").await;
    owner
        .wait_for_rows_containing("#agency-desks .desk-row", &["Front desk"])
        .await;
    sync_reads(&owner, "says synced", |t| t == "Synced").await;
    let address = owner.text("#agency-address").await;
    assert!(
        !address.contains(&support::password(&url)),
        "the administrator's password is never kept: {address}"
    );
    owner.screenshot("desks-settings-agency").await;

    // Staff → Invite a desk, for the agent: a code to hand over.
    open_page(&owner, "staff").await;
    owner.click("#staff-invite-desk").await;
    owner.wait_for_visible("#invite-desk-dialog").await;
    let agent_id = owner
        .attr(&format!("tr[data-email='{AGENT_EMAIL}']"), "data-id")
        .await
        .expect("the agent's row");
    owner.select_option("#invite-desk-member", &agent_id).await;
    owner.fill("#invite-desk-label", "Alex's laptop").await;
    owner.click("#invite-desk-submit").await;
    owner.wait_for_visible("#invitation-code").await;
    let code = owner.value("#invitation-code").await;
    assert!(code.starts_with("KD1."), "{code}");
    owner.screenshot("desks-invitation").await;
    owner.click("#invitation-done").await;
    owner.wait_until_gone("#invite-desk-dialog").await;

    // The laptop's first run: Join an agency, with the code and a password of its own.
    let laptop = Harness::start().await;
    laptop.wait_for_visible("#create-owner-title").await;
    laptop.click("#create-owner-join").await;
    laptop.wait_for_visible("#join-dialog").await;
    laptop.fill("#join-code", "KD1.this-is-not-it").await;
    laptop.fill("#join-password", AGENT_PASSWORD).await;
    laptop.fill("#join-password-confirm", AGENT_PASSWORD).await;
    laptop.click("#join-submit").await;
    laptop
        .wait_for_text_where("#join-code-error", "says the code is wrong", |t| {
            t.contains("not a Keydesk invitation code")
        })
        .await;
    laptop.fill("#join-code", &code).await;
    laptop.screenshot("desks-join").await;
    laptop.click("#join-submit").await;
    laptop.wait_for_text("#current-user-name", AGENT_NAME).await;
    sync_reads(&laptop, "says synced", |t| t == "Synced").await;
    open_page(&laptop, "customers").await;
    laptop
        .wait_for_text_where(
            "#customer-empty",
            "shows no customer: an agent's desk receives only the agent's",
            |t| t.contains("No customers yet"),
        )
        .await;

    // Offline: the laptop keeps working; its changes wait.
    proxy.set(Fault::Refuse).await;
    // Léa gets a login, sealed on the laptop for the agency's owners.
    let lea = NewCustomer::new("lea.moreau@example.com", "Léa", "Moreau");
    create_customer(&laptop, &lea).await;
    // Alex queues her welcome mail too. No mail server is set up yet: it waits.
    laptop.click("#customer-send-welcome").await;
    laptop
        .fill("#customer-welcome-message", "Alex will call you on Monday.")
        .await;
    laptop.click("#customer-welcome-send").await;
    laptop
        .wait_for_text_where("#customer-mails-notice", "says queued", |t| {
            t.contains("queued")
        })
        .await;
    back_to_list(&laptop).await;
    let mut same = NewCustomer::new("sam.shared@example.com", "Samuel", "Shared");
    same.generate_login = false;
    create_customer(&laptop, &same).await;
    // Each retry shows "Syncing…" for a moment; the wait reads until it says offline.
    sync_reads(&laptop, "says offline with 2 changes waiting", |t| {
        t.starts_with("Offline since") && t.ends_with("2 changes waiting")
    })
    .await;
    laptop.screenshot("desks-offline").await;

    // Back online: "Sync now" from the Sync inbox sends both at once.
    open_page(&owner, "customers").await;
    proxy.set(Fault::Pass).await;
    laptop.click("#sync-indicator").await;
    laptop.wait_for_visible("#page-sync").await;
    laptop.click("#sync-now").await;
    sync_reads(&laptop, "says a notice needs attention", |t| {
        t == "1 sync notice needs attention"
    })
    .await;

    // The owner's list shows the laptop's new customer, with no restart and no click.
    let rows = owner
        .wait_for_rows_containing("#customer-table .customer-row", &["Léa Moreau"])
        .await;
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains("sam.shared@example.com"))
            .count(),
        1,
        "one customer per email across desks: {rows:?}"
    );
    owner.screenshot("desks-owner-list").await;
    // Her number is the agency's: the owner's Sam came first.
    owner
        .click("#customer-table .customer-row:first-child .cell-strong")
        .await;
    owner.wait_for_text("#customer-name", "Léa Moreau").await;
    owner
        .wait_for_text_where("#customer-number", "shows the agency's number", |t| {
            t.contains("No. 2")
        })
        .await;
    back_to_list(&owner).await;

    // Léa's login, made on the laptop while it was offline, waits in the owner's queue:
    // reveal and copy it there.
    owner.click("#nav-dashboard").await;
    let rows = owner
        .wait_for_rows_containing("#handoff-list .handoff-row", &["Léa Moreau"])
        .await;
    assert!(rows[0].contains(AGENT_NAME), "made by the agent: {rows:?}");
    let handoff_id: i64 = owner
        .attr("#handoff-list .handoff-row", "data-handoff-id")
        .await
        .and_then(|id| id.parse().ok())
        .expect("the row names its handoff");
    owner.click(&format!("#handoff-reveal-{handoff_id}")).await;
    let shown = owner
        .wait_for_text_where(
            &format!("#handoff-password-{handoff_id}"),
            "shows a password",
            |text| text.len() >= 12,
        )
        .await;
    owner.screenshot("desks-owner-queue").await;
    owner
        .click(&format!("#handoff-copy-password-{handoff_id}"))
        .await;
    owner
        .wait_for_text_where("#clipboard-toast-text", "counts down", |t| {
            t.contains("Clipboard clears in")
        })
        .await;
    assert_eq!(
        owner.clipboard_text().await,
        shown,
        "the copied password is the one shown"
    );

    // The owner rotates her desk's keys: the login is sealed anew for them and still opens.
    open_settings(&owner, "agency").await;
    owner.fill("#rotate-keys-password", OWNER_PASSWORD).await;
    owner.click("#rotate-keys-submit").await;
    owner
        .wait_for_text_where("#rotate-keys-done", "says the login followed", |t| {
            t.contains("1 pending login was sealed anew")
        })
        .await;
    // The form is ready for another rotation, its password gone.
    owner
        .wait_for_text_where("#rotate-keys-submit", "is no longer busy", |t| {
            t == "Rotate this desk's keys"
        })
        .await;
    assert_eq!(owner.value("#rotate-keys-password").await, "");
    owner.screenshot("desks-keys-rotated").await;
    owner.click("#nav-dashboard").await;
    owner.click(&format!("#handoff-reveal-{handoff_id}")).await;
    let again = owner
        .wait_for_text_where(
            &format!("#handoff-password-{handoff_id}"),
            "shows the password again",
            |text| text.len() >= 12,
        )
        .await;
    assert_eq!(again, shown, "the same login, opened with the new keys");
    open_page(&owner, "customers").await;

    // The laptop's Sync inbox says its second customer was the agency's already.
    let notice = laptop
        .wait_for_text_where(".sync-notice", "names the merge", |t| {
            t.contains("Merged with an existing customer")
        })
        .await;
    assert!(notice.contains(OWNER_NAME), "who created it: {notice}");
    assert!(notice.contains("Sam Shared"), "which customer: {notice}");
    assert!(
        notice.contains("First name"),
        "whose values were kept: {notice}"
    );
    laptop.screenshot("desks-sync-inbox").await;
    laptop.click(".sync-notice .sync-dismiss").await;
    laptop.wait_for_visible("#sync-inbox-empty").await;
    sync_reads(&laptop, "says synced", |t| t == "Synced").await;

    // The owner's Verify chain checks every desk's audit rows on the server too.
    open_page(&owner, "audit").await;
    owner.click("#audit-verify").await;
    owner
        .wait_for_text_where("#agency-chain", "says the agency's chain is intact", |t| {
            t.contains("The agency's chain is intact")
                && t.contains("Front desk (Olivia Owner, this desk): intact")
                && t.contains("Alex's laptop (Alex Agent): intact")
        })
        .await;
    owner.screenshot("desks-audit").await;

    // Staff → Desks: revoking the laptop ends its access at once; it says why.
    open_page(&owner, "staff").await;
    owner.click("#staff-desks").await;
    owner.wait_for_visible("#desks-dialog").await;
    owner
        .wait_for_rows_containing("#desks-dialog .desk-row", &["Front desk", "Alex's laptop"])
        .await;
    owner.screenshot("desks-list").await;
    owner.click("#desks-dialog .desk-revoke").await;
    owner.wait_for_visible("#revoke-desk-dialog").await;
    owner.click("#revoke-desk-confirm").await;
    owner
        .wait_for_rows_containing("#desks-dialog .desk-row", &["Revoked"])
        .await;
    // The welcome mail the laptop never sent goes from the owner's desk instead.
    owner
        .wait_for_text_where("#desks-dialog .desk-take-over", "offers its mail", |t| {
            t == "Send its waiting mail from here"
        })
        .await;
    owner.screenshot("desks-revoked-mail").await;
    owner.click("#desks-dialog .desk-take-over").await;
    owner
        .wait_for_text_where("#mail-taken-over", "says it is queued here", |t| {
            t.starts_with("1 mail queued on this desk")
        })
        .await;
    owner.wait_until_gone("#desks-dialog .desk-take-over").await;
    owner.click("#desks-close").await;
    open_page(&owner, "outbox").await;
    owner
        .wait_for_rows_containing(".outbox-row", &["Welcome", "lea.moreau@example.com"])
        .await;
    // Its worker hears the server close its connection and tries again: refused. (A sync
    // under way shows for a moment; each wait reads until the state settles.)
    laptop.click("#sync-now").await;
    sync_reads(&laptop, "needs attention", |t| {
        t.starts_with("Needs attention: desk refused")
    })
    .await;
    laptop
        .wait_for_text_where("#sync-offline-reason", "says the desk was revoked", |t| {
            t.contains("revoked")
        })
        .await;
    laptop.screenshot("desks-revoked").await;
}

//! This desk as one of the agency's desks: publishing a desk of its own to an empty agency
//! server, inviting and joining desks, and syncing (push what changed here, pull what
//! changed elsewhere). Syncing never holds up the window: every change is saved here
//! first, with its op queued in the same transaction, and sent when the server is reached.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::Role;
use rand::TryRngCore;
use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::{PgConnection, PgListener};
use uuid::Uuid;

use super::change::Change;
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::FieldError;
use crate::domain::{PlainPassword, StaffId};
use crate::said::{Explain, Said};
use crate::server::sync::{
    self, ConflictReason, FieldValue, Fields, Op, OpAnswer, OpChange, Outcome, Pulled, Refusal,
    ServerDesk, SyncedField,
};
use crate::server::{self, ServerError, ServerUrl, PROTOCOL};
use crate::store;
use crate::store::sync::{PendingOp, SyncServer};
use crate::vault::owner_keys::OwnerKeyPair;
use crate::vault::roster::RosterChange;
use crate::vault::{desk_secret_account, KeyringUse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use keydesk_api::CustomerField;

/// How many queued changes one push carries.
const PUSH_BATCH: i64 = 500;
/// How many of the server's changes one pull asks for (each page is applied in one
/// transaction).
const PULL_PAGE: u32 = 1000;
/// How far the server's clock must have moved against this computer's to be kept again:
/// a connection's own delay is not a change.
const CLOCK_CHANGE_KEPT_MS: i64 = 1_000;

/// What a new desk needs to join the agency: where the server is, the certificate
/// authority its TLS certificate must come from, the desk's login there, and its one-time
/// secret (good for 24 hours, replaced by the desk's own as it joins). It travels to the
/// new desk as one code ([`DeskInvitation::to_code`]), to be handed over like a password.
#[derive(Clone)]
pub struct DeskInvitation {
    /// The server's URL, without any password or certificate file.
    pub url: String,
    /// The certificate authority pinned for the server (PEM), when not the system's.
    pub ca_pem: Option<String>,
    pub login: String,
    pub secret: SecretString,
    /// The staff member whose desk it is.
    pub member: Uuid,
    pub expires_at: DateTime<Utc>,
    /// The fingerprint of the agency's founding owner key: what the new desk checks the
    /// agency's key roster against.
    pub founder: Option<String>,
    /// The desk's keys, made by the inviting owner's desk, which signed them into the
    /// roster and kept no copy.
    pub keys: Option<OwnerKeyPair>,
}

/// How an invitation is written in its code (version 1).
#[derive(serde::Serialize, serde::Deserialize)]
struct InvitationCode {
    url: String,
    ca_pem: Option<String>,
    login: String,
    secret: String,
    member: Uuid,
    expires_at: DateTime<Utc>,
    #[serde(default)]
    founder: Option<String>,
    #[serde(default)]
    keys: Option<String>,
}

/// What every invitation code starts with: Keydesk's, version 1.
const CODE_PREFIX: &str = "KD1.";

impl DeskInvitation {
    /// The invitation as one line of text to paste on the new desk.
    pub fn to_code(&self) -> String {
        let code = InvitationCode {
            url: self.url.clone(),
            ca_pem: self.ca_pem.clone(),
            login: self.login.clone(),
            secret: self.secret.expose_secret().to_owned(),
            member: self.member,
            expires_at: self.expires_at,
            founder: self.founder.clone(),
            keys: self
                .keys
                .as_ref()
                .map(|keys| URL_SAFE_NO_PAD.encode(keys.to_transfer_bytes().as_slice())),
        };
        let json = serde_json::to_vec(&code).expect("an invitation serializes");
        format!("{CODE_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Reads an invitation code, whatever spaces and line breaks pasting added.
    pub fn from_code(code: &str) -> Result<DeskInvitation, FieldError> {
        let not_a_code =
            || FieldError::new("code", Said::id("error-agency-not-an-invitation-code"));
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let body = compact.strip_prefix(CODE_PREFIX).ok_or_else(not_a_code)?;
        let json = URL_SAFE_NO_PAD.decode(body).map_err(|_| not_a_code())?;
        let code: InvitationCode = serde_json::from_slice(&json).map_err(|_| not_a_code())?;
        code.url.parse::<ServerUrl>().map_err(|_| not_a_code())?;
        let keys = match &code.keys {
            Some(text) => {
                let bytes = zeroize::Zeroizing::new(
                    URL_SAFE_NO_PAD.decode(text).map_err(|_| not_a_code())?,
                );
                Some(OwnerKeyPair::from_transfer_bytes(&bytes).ok_or_else(not_a_code)?)
            }
            None => None,
        };
        Ok(DeskInvitation {
            url: code.url,
            ca_pem: code.ca_pem,
            login: code.login,
            secret: SecretString::from(code.secret),
            member: code.member,
            expires_at: code.expires_at,
            founder: code.founder,
            keys,
        })
    }

    /// Where the new desk signs in with the one-time secret.
    fn server_url(&self) -> Result<ServerUrl, ServiceError> {
        let url: ServerUrl = self.url.parse()?;
        let url = match &self.ca_pem {
            Some(pem) => url.with_root_certificate_pem(pem),
            None => url,
        };
        Ok(url
            .verified()
            .as_login(&self.login, self.secret.expose_secret()))
    }
}

impl std::fmt::Debug for DeskInvitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskInvitation")
            .field("url", &self.url)
            .field("login", &self.login)
            .field("member", &self.member)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// How far a pull has come: change numbers up to `done` of `latest` are applied here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    pub done: i64,
    pub latest: i64,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes of this desk the server answered.
    pub pushed: usize,
    /// Changes of other desks applied here.
    pub pulled: usize,
    /// Answers kept for the Sync inbox (merges, conflicts, refusals).
    pub notices: usize,
}

/// The invitation the server answered with.
#[derive(serde::Deserialize)]
struct Invited {
    desk: Uuid,
    login: String,
    secret: String,
    expires_at: DateTime<Utc>,
}

impl Keydesk {
    /// The agency server this desk syncs with, if any.
    pub async fn agency_server(&self) -> anyhow::Result<Option<SyncServer>> {
        store::sync::server(self.store.reader()).await
    }

    /// How many changes made here wait for the agency server.
    pub async fn changes_waiting(&self) -> anyhow::Result<i64> {
        store::sync::pending_count(self.store.reader()).await
    }

    /// Makes this desk the first of its agency on an empty server: the administrator's
    /// `admin_url` enrols it (used once, never kept), and everything here is pushed once.
    pub async fn publish_to_agency_server(
        &self,
        actor: &Actor,
        admin_url: &ServerUrl,
        label: &str,
    ) -> Result<SyncReport, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageAgencyServer)
            .await?;
        self.refuse_if_joined().await?;
        self.unlocked_keys(&actor, Said::id("error-keys-then-publish"))?;
        let mut admin = admin_url.connect().await?;
        let hello = server::hello(&mut admin).await?;
        check_protocol(&hello)?;
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM kd.desks) + (SELECT count(*) FROM kd.customers)",
        )
        .fetch_one(&mut admin)
        .await
        .map_err(ServerError::from)?;
        if used > 0 {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-server-has-desks",
            )));
        }
        let member = self.member_uid(actor.id()).await?;
        let ca_pem = admin_url.root_certificate_pem()?;
        let invited = invite(&mut admin, member, Role::Owner, label).await?;
        drop(admin);
        let url = admin_url.as_login(&invited.login, &invited.secret);
        let (server, secret) =
            complete_enrolment(&url, ca_pem, hello.agency, member, self.clock.now()).await?;

        let mut tx = self.begin_change().await?;
        self.start_syncing(&mut tx, &server, &secret).await?;
        for member in store::sync::members(&mut tx).await? {
            tx.record(OpChange::PutMember(member), None, Some(actor.id()))
                .await?;
        }
        for id in store::sync::customer_ids(&mut tx).await? {
            tx.record_customer_created(id, actor.id()).await?;
        }
        for (customer, member) in store::sync::links(&mut tx).await? {
            tx.record(
                OpChange::Link { customer, member },
                Some(customer),
                Some(actor.id()),
            )
            .await?;
        }
        let detail = format!("as the agency's first desk, at {}", server.place());
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::AgencyServerJoined,
            &detail,
        )
        .await?;
        tx.commit("Failed to join the agency server").await?;
        tracing::info!("published this desk to the agency server");
        let (server, mut connection) = self.connect_as_desk().await?;
        self.found_roster(&actor, &server, &mut connection).await?;
        drop(connection);
        let resealed = self.reseal_pending_for_agency(&actor).await?;
        if resealed > 0 {
            tracing::info!(resealed, "pending logins sealed for the agency's owners");
        }
        self.sync_now().await
    }

    /// Invites a desk for staff member `member` (an owner's desk, online): returns what the
    /// new desk needs to join, once, within 24 hours.
    pub async fn invite_desk(
        &self,
        actor: &Actor,
        member: StaffId,
        label: &str,
    ) -> Result<DeskInvitation, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageAgencyServer)
            .await?;
        // The member must be on the server before their desk can receive them.
        self.sync_now().await?;
        let record = store::staff::find_by_id(self.store.reader(), member)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let member_uid = self.member_uid(member).await?;
        let (server, mut connection) = self.connect_as_desk().await?;
        let signer = self.unlocked_keys(&actor, Said::id("error-keys-then-invite-desk"))?;
        // An agency published before key rosters gets its roster from this owner's desk.
        self.found_roster(&actor, &server, &mut connection).await?;
        let invited = invite(&mut connection, member_uid, record.role, label).await?;
        let keys = OwnerKeyPair::generate()?;
        let public = keys.public();
        let change = RosterChange::Add {
            desk: invited.desk,
            member: member_uid,
            role: super::agency_logins::roster_role(record.role),
            hpke: public.hpke,
            signing: public.signing,
        };
        self.add_roster_entry(&server, &mut connection, &signer, change)
            .await?;
        let founder =
            store::meta::get_readonly(self.store.reader(), store::agency_logins::ROSTER_FOUNDER)
                .await?;
        let mut tx = self.begin_change().await?;
        let detail = format!("for staff #{} ({label})", member.0);
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::AgencyDeskInvited,
            &detail,
        )
        .await?;
        tx.commit("Failed to record the invitation").await?;
        Ok(DeskInvitation {
            url: server.url,
            ca_pem: server.ca_pem,
            login: invited.login,
            secret: SecretString::from(invited.secret),
            member: member_uid,
            expires_at: invited.expires_at,
            founder,
            keys: Some(keys),
        })
    }

    /// The agency's desks (an owner's desk, online).
    pub async fn agency_desks(&self, actor: &Actor) -> Result<Vec<ServerDesk>, ServiceError> {
        self.authorize(actor, Permission::ManageAgencyServer)
            .await?;
        let (_, mut connection) = self.connect_as_desk().await?;
        Ok(sync::list_desks(&mut connection).await?)
    }

    /// Revokes desk `desk` (an owner's desk, online): its keys leave the roster, it can no
    /// longer sign in to the agency server, its open connections are closed, and what it
    /// pushes is refused. Returns how many pending logins its keys could open (an owner's
    /// desk): [`Keydesk::reset_logins_open_to_desk`] gives them new passwords.
    pub async fn revoke_desk(&self, actor: &Actor, desk: Uuid) -> Result<usize, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageAgencyServer)
            .await?;
        // Its keys leave the roster in the same step, which needs this owner's keys.
        let signer = self.unlocked_keys(&actor, Said::id("error-keys-then-revoke-desk"))?;
        let (server, mut connection) = self.connect_as_desk().await?;
        if desk == server.desk {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-revoke-own-desk",
            )));
        }
        // Its keys leave the roster first: from then on no desk seals to them or trusts
        // their signature, even before the desk's sign-in is refused.
        let revoked: Vec<[u8; 32]> = match self.sync_roster(&server, &mut connection).await? {
            Some(roster) => roster.desk_keys(desk).map(|k| k.keys.signing).collect(),
            None => Vec::new(),
        };
        for signing in revoked {
            let change = RosterChange::Revoke { signing };
            self.add_roster_entry(&server, &mut connection, &signer, change)
                .await?;
        }
        let closed =
            sync::revoke_desk(&mut connection, desk)
                .await
                .map_err(|error| match error {
                    ServerError::Database(_) => ServiceError::NotFound,
                    other => other.into(),
                })?;
        let mut tx = self.begin_change().await?;
        let detail = format!("desk {desk} ({closed} connections closed)");
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::AgencyDeskRevoked,
            &detail,
        )
        .await?;
        tx.commit("Failed to record the revocation").await?;
        Ok(self.logins_open_to_desk(desk).await?.len())
    }

    /// Joins the agency on a new desk (one with no staff yet) with `invitation`: the desk
    /// replaces the one-time secret with its own, receives the staff and the customers its
    /// member may see, and its member signs in here with `password` from now on.
    pub async fn join_agency_server(
        &self,
        invitation: &DeskInvitation,
        password: PlainPassword,
    ) -> Result<SyncReport, ServiceError> {
        self.join_agency_server_showing(invitation, password, &|_| {})
            .await
    }

    /// [`Keydesk::join_agency_server`], telling `progress` after each page of the first
    /// pull (an agency of 100,000 customers takes tens of seconds).
    pub async fn join_agency_server_showing(
        &self,
        invitation: &DeskInvitation,
        password: PlainPassword,
        progress: &(dyn Fn(SyncProgress) + Sync),
    ) -> Result<SyncReport, ServiceError> {
        // A join cut short after the desk enrolled (the server out of reach during the
        // first pull) is finished with the same invitation; its one-time secret is spent.
        let server = match self.agency_server().await? {
            Some(server) if server.joining && server.member == invitation.member => server,
            Some(_) => {
                return Err(ServiceError::conflict(Said::id(
                    "error-agency-already-joined",
                )))
            }
            None => self.enrol_joining_desk(invitation).await?,
        };
        let report = self.sync_now_showing(progress).await?;
        self.finish_join(invitation, &server, password).await?;
        Ok(report)
    }

    /// Enrols this new desk with `invitation` and makes it one of the agency's desks, its
    /// join not finished yet.
    async fn enrol_joining_desk(
        &self,
        invitation: &DeskInvitation,
    ) -> Result<SyncServer, ServiceError> {
        if store::staff::count_readonly(self.store.reader()).await? > 0 {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-join-needs-new-desk",
            )));
        }
        if invitation.expires_at <= self.clock.now() {
            return Err(
                FieldError::new("code", Said::id("error-agency-invitation-expired")).into(),
            );
        }
        let url = invitation.server_url()?;
        let mut connection = url.connect().await?;
        let hello = server::hello(&mut connection).await?;
        check_protocol(&hello)?;
        drop(connection);
        let (server, secret) = complete_enrolment(
            &url,
            invitation.ca_pem.clone(),
            hello.agency,
            invitation.member,
            self.clock.now(),
        )
        .await?;
        let server = SyncServer {
            joining: true,
            ..server
        };
        let mut tx = self.begin_change().await?;
        self.start_syncing(&mut tx, &server, &secret).await?;
        if let Some(founder) = &invitation.founder {
            store::meta::set(&mut tx, store::agency_logins::ROSTER_FOUNDER, founder).await?;
        }
        tx.commit("Failed to join the agency server").await?;
        Ok(server)
    }

    /// Finishes a join: the member signs in here with `password` from now on.
    async fn finish_join(
        &self,
        invitation: &DeskInvitation,
        server: &SyncServer,
        password: PlainPassword,
    ) -> Result<(), ServiceError> {
        let hash = auth::hash_password(password.clone()).await?;
        let mut tx = self.begin_change().await?;
        let vouched = match (&invitation.keys, self.verified_roster(&mut tx).await?) {
            (Some(keys), Some(roster)) => roster
                .desk_keys(server.desk)
                .any(|k| k.keys == keys.public() && k.member == invitation.member),
            (None, _) => true,
            (Some(_), None) => false,
        };
        if !vouched {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-keys-not-vouched",
            )));
        }
        let now = tx.now();
        let id = store::sync::staff_by_uid(&mut tx, invitation.member)
            .await?
            .ok_or_else(|| ServiceError::conflict(Said::id("error-agency-member-not-listed")))?;
        store::staff::set_password(&mut tx, id, &hash, false, now).await?;
        let locked = match &invitation.keys {
            Some(keys) => {
                let (keys, password) = (keys.clone(), password.clone());
                super::session::off_the_workers(move || {
                    keys.lock(id.0, password.expose().as_bytes())
                })
                .await?
            }
            None => super::session::new_member_keys(id, &password).await?.1,
        };
        store::staff_keys::save(&mut tx, id, &locked, now).await?;
        let record = store::staff::find_by_id_in(&mut tx, id)
            .await?
            .context("The joining member vanished")?;
        let actor = super::actor_of(&record);
        let detail = format!("as {}'s desk, at {}", actor.display_name(), server.place());
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::AgencyServerJoined,
            &detail,
        )
        .await?;
        store::sync::finish_joining(&mut tx).await?;
        tx.commit("Failed to join the agency server").await?;
        tracing::info!(staff_id = id.0, "joined the agency server");
        Ok(())
    }

    /// Pushes the changes waiting here, then pulls and applies what other desks changed.
    /// Nothing happens on a desk that does not sync. Changes stay queued when the server
    /// cannot be reached; a push cut short is pushed again, and the server answers it
    /// once.
    pub async fn sync_now(&self) -> Result<SyncReport, ServiceError> {
        self.sync_now_showing(&|_| {}).await
    }

    /// [`Keydesk::sync_now`], telling `progress` after each page pulled.
    pub async fn sync_now_showing(
        &self,
        progress: &(dyn Fn(SyncProgress) + Sync),
    ) -> Result<SyncReport, ServiceError> {
        let _turn = self.syncing.lock().await;
        if self.agency_server().await?.is_none() {
            return Ok(SyncReport::default());
        }
        let (server, mut connection) = match self.connect_as_desk().await {
            Ok(connected) => connected,
            Err(error) => {
                if matches!(
                    error,
                    ServiceError::Server(
                        ServerError::SignInDisabled { .. } | ServerError::NotADesk
                    )
                ) {
                    self.note_desk_revoked().await;
                }
                return Err(error);
            }
        };
        let mut report = SyncReport::default();
        self.push_waiting(&server, &mut connection, &mut report)
            .await?;
        self.pull_changes(&server, &mut connection, &mut report, progress)
            .await?;
        // The audit rows come last: a refusal or a wait there never holds up customers.
        if let Err(error) = self.push_audit_rows(&server, &mut connection).await {
            tracing::warn!(error = %error, "the agency server did not take this desk's audit rows");
        }
        if let Err(error) = self.sync_logins(&server, &mut connection).await {
            tracing::warn!(error = %error, "pending logins were not exchanged with the agency server");
        }
        if let Err(error) = self.sync_mail_settings(&server, &mut connection).await {
            tracing::warn!(error = %error, "the agency's mail settings were not exchanged with the agency server");
        }
        if let Err(error) = self.sync_code_checks(&server, &mut connection).await {
            tracing::warn!(error = %error, "verification codes were not exchanged with the agency server");
        }
        if let Err(error) = self.report_mail(&mut connection).await {
            tracing::warn!(error = %error, "this desk's mail was not told to the agency server");
        }
        if let Err(error) = self.pull_portal_events(&mut connection).await {
            tracing::warn!(error = %error, "the portal's sign-ins were not read from the agency server");
        }
        tracing::info!(
            pushed = report.pushed,
            pulled = report.pulled,
            notices = report.notices,
            "synced with the agency server"
        );
        Ok(report)
    }

    /// The answers of the server someone should see, newest first.
    pub async fn sync_notices(
        &self,
        actor: &Actor,
    ) -> Result<Vec<store::sync::Notice>, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let mut shown = Vec::new();
        for notice in store::sync::notices(self.store.reader()).await? {
            if self.may_see_notice(&actor, &notice).await? {
                shown.push(notice);
            }
        }
        Ok(shown)
    }

    /// Staff changes change who may do what on every desk, so on a desk that syncs they
    /// are made only while the agency server answers (nothing is checked on a desk of its
    /// own). The change is then pushed by the sync worker within seconds.
    pub(super) async fn require_agency_server_for_staff(&self) -> Result<(), ServiceError> {
        if self.agency_server().await?.is_none() {
            return Ok(());
        }
        match self.connect_as_desk().await {
            Ok(_) => Ok(()),
            Err(error) => Err(ServiceError::conflict(
                Said::id("error-agency-staff-changes-offline").arg("reason", error.explain()),
            )),
        }
    }

    /// Whether `actor` may read `notice`: one about no customer, about one they see, or,
    /// when the customer is gone from this desk, one about their own change.
    async fn may_see_notice(
        &self,
        actor: &Actor,
        notice: &store::sync::Notice,
    ) -> anyhow::Result<bool> {
        let Some(uid) = notice.answer.customer else {
            return Ok(true);
        };
        let mut tx = self.begin_change().await?;
        let id = store::sync::customer_by_uid(&mut tx, uid).await?;
        drop(tx);
        match id {
            Some(id) => self.may_see(actor, id).await,
            None => Ok(notice.made_by == Some(actor.id())
                || auth::allows(actor.role(), Permission::SeeAllCustomers)),
        }
    }

    /// Sets a notice of the Sync inbox aside.
    pub async fn dismiss_sync_notice(
        &self,
        actor: &Actor,
        notice: i64,
    ) -> Result<(), ServiceError> {
        self.authorize(actor, Permission::CreateCustomer).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        if !store::sync::dismiss_notice(&mut tx, notice, now).await? {
            return Err(ServiceError::NotFound);
        }
        tx.commit("Failed to set the notice aside").await?;
        Ok(())
    }

    /// "Apply mine" on a notice of an edit some of whose fields kept another desk's value:
    /// writes this desk's values of those fields again, as a new edit made from the
    /// customer's version now (so it goes through at the next push), and sets the notice
    /// aside. An email another customer has meanwhile is refused.
    pub async fn apply_mine(&self, actor: &Actor, notice: i64) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let notice = store::sync::notice(&mut tx, notice)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let (customer, mine) = mine_to_apply(&notice).ok_or_else(|| {
            ServiceError::conflict(Said::id("error-agency-nothing-to-apply-again"))
        })?;
        let id = store::sync::customer_by_uid(&mut tx, customer)
            .await?
            .ok_or(ServiceError::NotFound)?;
        drop(tx);
        if !self.may_see(&actor, id).await? {
            return Err(ServiceError::NotFound);
        }
        let mut tx = self.begin_change_at(now).await?;
        if let Some(Some(FieldValue::Text(email))) =
            mine.get(&SyncedField::Form(CustomerField::Email))
        {
            if store::customers::find_id_by_email(&mut tx, email)
                .await?
                .is_some_and(|other| other != id)
            {
                return Err(FieldError::new(
                    CustomerField::Email.as_str(),
                    Said::id("error-agency-email-taken-now"),
                )
                .into());
            }
        }
        // Set aside first: a second click finds it gone and changes nothing.
        if !store::sync::dismiss_notice(&mut tx, notice.id, now).await? {
            return Err(ServiceError::NotFound);
        }
        let before = tx.customer_before(id).await?;
        store::sync::set_fields(&mut tx, id, &mine, actor.id(), now).await?;
        tx.record_customer_edit(before, actor.id()).await?;
        let detail = format!("customer #{id} (mine applied again after a sync notice)");
        tx.audit_for_customer(
            AuditActor::Staff(&actor),
            AuditAction::CustomerEdited,
            id,
            &detail,
        )
        .await?;
        tx.commit("Failed to apply the edit again").await?;
        Ok(())
    }

    async fn refuse_if_joined(&self) -> Result<(), ServiceError> {
        match self.agency_server().await? {
            Some(_) => Err(ServiceError::conflict(Said::id(
                "error-agency-already-joined",
            ))),
            None => Ok(()),
        }
    }

    async fn member_uid(&self, member: StaffId) -> Result<Uuid, ServiceError> {
        let mut tx = self.begin_change().await?;
        let uid = store::sync::staff_uid(&mut tx, member)
            .await?
            .ok_or(ServiceError::NotFound)?;
        drop(tx);
        Ok(uid)
    }

    /// Keeps the desk's own secret in the keyring and makes the desk one of `server`'s.
    async fn start_syncing(
        &self,
        tx: &mut Change,
        server: &SyncServer,
        secret: &SecretString,
    ) -> Result<(), ServiceError> {
        self.keyring
            .store_secret(
                KeyringUse::SaveDeskSecret,
                &desk_secret_account(&self.installation_id),
                secret.clone(),
            )
            .await
            .map_err(ServiceError::Keyring)?;
        tx.start_syncing(server).await?;
        Ok(())
    }

    /// A connection of this desk's own that hears when another desk pushed changes.
    pub async fn listen_for_agency_changes(&self) -> Result<PgListener, ServiceError> {
        let (_, url) = self.desk_url().await?;
        Ok(url.listen(sync::CHANGES_CHANNEL).await?)
    }

    /// Signs in to the agency server as this desk, and checks it is still this agency's
    /// server and this desk is still enrolled there.
    pub(super) async fn connect_as_desk(&self) -> Result<(SyncServer, PgConnection), ServiceError> {
        let (server, url) = self.desk_url().await?;
        let mut connection = url.connect().await?;
        let hello = server::hello(&mut connection).await?;
        let ahead = check_protocol(&hello)?;
        let skew = (hello.server_time - self.clock.now()).num_milliseconds();
        let was = self
            .server_protocol_ahead
            .swap(ahead.unwrap_or(0), std::sync::atomic::Ordering::Relaxed);
        if let Some(ahead) = ahead.filter(|ahead| *ahead != was) {
            tracing::warn!(
                server_protocol = ahead,
                desk_protocol = PROTOCOL,
                "the agency server speaks a newer protocol: this desk works on, and should be updated"
            );
        }
        if hello.agency != server.agency {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-other-agency",
            )));
        }
        match hello.desk {
            Some(desk) if desk.uid == server.desk && desk.enrolled && !desk.revoked => {}
            _ => return Err(ServerError::NotADesk.into()),
        }
        // Only this agency's server, speaking to this desk, sets its clock and retention.
        let was = self
            .server_clock_ahead_ms
            .swap(skew, std::sync::atomic::Ordering::Relaxed);
        // Kept for a restart while offline.
        if (skew - was).abs() > CLOCK_CHANGE_KEPT_MS {
            self.keep_clock_ahead(skew).await;
        }
        self.server_tombstones_from.store(
            hello.tombstones_kept_from,
            std::sync::atomic::Ordering::Relaxed,
        );
        Ok((server, connection))
    }

    /// Notes how far the server's clock is ahead, for the next start (best effort).
    async fn keep_clock_ahead(&self, ms: i64) {
        let kept = async {
            let mut tx = self.begin_change().await?;
            store::meta::set(&mut tx, store::meta::SERVER_CLOCK_AHEAD_MS, &ms.to_string()).await?;
            tx.commit("Failed to keep the server's clock").await
        };
        if let Err(error) = kept.await {
            tracing::warn!(error = %error, "the agency server's clock was not kept for the next start");
        }
    }

    /// Where this desk signs in to its agency server, with its secret from the keyring.
    async fn desk_url(&self) -> Result<(SyncServer, ServerUrl), ServiceError> {
        let server = self
            .agency_server()
            .await?
            .ok_or_else(|| ServiceError::conflict(Said::id("error-agency-no-server")))?;
        let secret = self
            .keyring
            .load_secret(
                KeyringUse::ReadDeskSecret,
                &desk_secret_account(&self.installation_id),
            )
            .await
            .map_err(ServiceError::Keyring)?
            .ok_or_else(|| ServiceError::conflict(Said::id("error-agency-desk-secret-missing")))?;
        let mut url: ServerUrl = server.url.parse()?;
        if let Some(pem) = &server.ca_pem {
            url = url.with_root_certificate_pem(pem);
        }
        let url = url
            .verified()
            .as_login(&server.login, secret.expose_secret());
        Ok((server, url))
    }

    async fn push_waiting(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
        report: &mut SyncReport,
    ) -> Result<(), ServiceError> {
        loop {
            let waiting = store::sync::pending(self.store.reader(), PUSH_BATCH).await?;
            if waiting.is_empty() {
                return Ok(());
            }
            let ops: Vec<_> = waiting.iter().map(|pending| pending.op.clone()).collect();
            let answers = sync::push(connection, &ops).await?;
            let mut tx = self.begin_change().await?;
            for (pending, answer) in waiting.iter().zip(&answers) {
                if apply_answer(&mut tx, server, pending, answer).await? {
                    report.notices += 1;
                }
                store::sync::answered(&mut tx, pending.seq).await?;
            }
            tx.commit("Failed to record the agency server's answers")
                .await?;
            report.pushed += answers.len();
        }
    }

    async fn pull_changes(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
        report: &mut SyncReport,
        progress: &(dyn Fn(SyncProgress) + Sync),
    ) -> Result<(), ServiceError> {
        let mut cursor = server.pulled_up_to;
        // Away longer than the server keeps tombstones (or a resync cut short): what
        // this desk would read next may miss a removal, so it reads everything again and
        // then lets go of what the server no longer shows it.
        let kept_from = self
            .server_tombstones_from
            .load(std::sync::atomic::Ordering::Relaxed);
        let resyncing = store::meta::get_readonly(self.store.reader(), RESYNCING)
            .await?
            .is_some();
        let mut seen = (resyncing || (cursor > 0 && cursor < kept_from)).then(Seen::default);
        if seen.is_some() {
            tracing::warn!(
                pulled_up_to = cursor,
                tombstones_kept_from = kept_from,
                "this desk was away longer than the server keeps tombstones: reading everything again"
            );
            let mut tx = self.begin_change().await?;
            store::meta::set(&mut tx, RESYNCING, "1").await?;
            tx.commit("Failed to note the resync").await?;
            cursor = 0;
        }
        // Members pulled here cannot sign in at this desk: their hash is of a password
        // nobody knows.
        let unusable = auth::hash_password(PlainPassword::new(random_hex()?)).await?;
        loop {
            let page = sync::pull(connection, cursor, PULL_PAGE).await?;
            if let Some(seen) = seen.as_mut() {
                seen.note(&page.changes);
            }
            let mut tx = self.begin_change().await?;
            let mut pulling = Pulling {
                server,
                unusable_hash: unusable.as_phc(),
                anything_queued: store::sync::pending_count_in(&mut tx).await? > 0,
                staff: HashMap::new(),
                own_new_role: None,
            };
            let mut applied = 0;
            for change in &page.changes {
                // Reading everything again replays old removals of links that may have
                // been added back since: the end of the resync decides from what it saw.
                if seen.is_some()
                    && matches!(
                        change,
                        sync::Pulled::Gone {
                            member: Some(_),
                            ..
                        }
                    )
                {
                    continue;
                }
                if pulling.apply(&mut tx, change).await? {
                    applied += 1;
                }
            }
            if applied > 0 {
                let detail = format!(
                    "{applied} changes, up to the server's change {}",
                    page.cursor
                );
                tx.audit(
                    AuditActor::AgencyServer,
                    AuditAction::AgencyChangesApplied,
                    &detail,
                )
                .await?;
            }
            let now = tx.now();
            // A new role sees other customers: an agent's desk lets go of those no longer
            // its member's, and every desk reads all it may see again from the start.
            let next = match pulling.own_new_role {
                Some(role) => {
                    if role == Role::Agent {
                        if let Some(own) = store::sync::staff_by_uid(&mut tx, server.member).await?
                        {
                            store::sync::drop_unlinked_customers(&mut tx, own).await?;
                        }
                    }
                    0
                }
                None => page.cursor,
            };
            store::sync::set_pulled_up_to(&mut tx, next, now).await?;
            tx.commit("Failed to apply the agency server's changes")
                .await?;
            report.pulled += applied;
            cursor = next;
            progress(SyncProgress {
                done: cursor,
                latest: page.latest.max(cursor),
            });
            if !page.more && pulling.own_new_role.is_none() {
                if let Some(seen) = seen.take() {
                    self.finish_resync(server, &seen).await?;
                }
                return Ok(());
            }
        }
    }

    /// The end of a full resync: lets go of the links and customers this desk holds from
    /// the server that the server no longer shows it, except those a queued change of
    /// this desk is about.
    async fn finish_resync(&self, server: &SyncServer, seen: &Seen) -> Result<(), ServiceError> {
        let mut tx = self.begin_change().await?;
        let mut links = 0;
        for (customer, member) in store::sync::links(&mut tx).await? {
            if seen.links.contains(&(customer, member))
                || store::sync::has_pending_for(&mut tx, customer).await?
            {
                continue;
            }
            let (Some(id), Some(staff)) = (
                store::sync::customer_by_uid(&mut tx, customer).await?,
                store::sync::staff_by_uid(&mut tx, member).await?,
            ) else {
                continue;
            };
            if store::sync::unlink(&mut tx, id, staff).await? {
                links += 1;
            }
        }
        let mut customers = 0;
        for (id, uid) in store::sync::customers_from_server(&mut tx).await? {
            if !seen.customers.contains(&uid) && !store::sync::has_pending_for(&mut tx, uid).await?
            {
                store::customers::delete(&mut tx, id).await?;
                customers += 1;
            }
        }
        if let Some(own) = store::sync::staff_by_uid(&mut tx, server.member).await? {
            let role = store::staff::find_by_id_in(&mut tx, own)
                .await?
                .map(|r| r.role);
            if role == Some(Role::Agent) {
                customers += store::sync::drop_unlinked_customers(&mut tx, own).await?;
            }
        }
        store::meta::delete(&mut tx, RESYNCING).await?;
        let detail = format!(
            "read everything again after being away longer than the server keeps tombstones: \
             {links} links and {customers} customers no longer on the server let go"
        );
        tx.audit(
            AuditActor::AgencyServer,
            AuditAction::AgencyChangesApplied,
            &detail,
        )
        .await?;
        tx.commit("Failed to finish the resync").await?;
        tracing::info!(links, customers, "full resync finished");
        Ok(())
    }
}

/// Set while a full resync is under way, so that one cut short starts over.
const RESYNCING: &str = "agency_full_resync";

/// What a full resync read: every customer and link the server shows this desk.
#[derive(Default)]
struct Seen {
    customers: std::collections::HashSet<Uuid>,
    links: std::collections::HashSet<(Uuid, Uuid)>,
}

impl Seen {
    fn note(&mut self, changes: &[sync::Pulled]) {
        for change in changes {
            match change {
                sync::Pulled::Customer { customer, .. } => {
                    self.customers.insert(customer.uid);
                }
                sync::Pulled::Link {
                    customer, member, ..
                } => {
                    self.links.insert((*customer, *member));
                }
                sync::Pulled::Gone {
                    customer,
                    member: None,
                    ..
                } => {
                    self.customers.remove(customer);
                }
                sync::Pulled::Gone {
                    customer,
                    member: Some(member),
                    ..
                } => {
                    self.links.remove(&(*customer, *member));
                }
                sync::Pulled::Member { .. } => {}
            }
        }
    }
}

/// Whether this Keydesk may talk to a server that says `hello`: it may when its protocol
/// is one the server still takes (from `oldest_protocol` up to `protocol`). Answers the
/// server's protocol when it is newer than this Keydesk's, which keeps working.
fn check_protocol(hello: &server::Hello) -> Result<Option<i32>, ServiceError> {
    let protocol = hello.protocol;
    let oldest = hello.oldest_protocol.unwrap_or(protocol);
    if PROTOCOL < oldest {
        return Err(ServiceError::conflict(
            Said::id("error-agency-protocol-too-old")
                .arg("protocol", i64::from(PROTOCOL))
                .arg("oldest", i64::from(oldest)),
        ));
    }
    if protocol < PROTOCOL {
        return Err(ServiceError::conflict(
            Said::id("error-agency-server-protocol-older")
                .arg("server", i64::from(protocol))
                .arg("protocol", i64::from(PROTOCOL)),
        ));
    }
    Ok((protocol > PROTOCOL).then_some(protocol))
}

/// Asks the server to invite a desk for `member`.
async fn invite(
    connection: &mut PgConnection,
    member: Uuid,
    role: Role,
    label: &str,
) -> Result<Invited, ServerError> {
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT kd.invite_desk($1, $2, $3)")
            .bind(member)
            .bind(role.as_str())
            .bind(label)
            .fetch_one(&mut *connection)
            .await?;
    serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))
}

/// Signs in with the one-time secret in `url` and replaces it with a new random secret
/// of the desk's own.
async fn complete_enrolment(
    url: &ServerUrl,
    ca_pem: Option<String>,
    agency: Uuid,
    member: Uuid,
    now: DateTime<Utc>,
) -> Result<(SyncServer, SecretString), ServiceError> {
    let secret = SecretString::from(random_hex()?);
    let mut connection = url.connect().await?;
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT kd.complete_enrolment($1)")
            .bind(secret.expose_secret())
            .fetch_one(&mut connection)
            .await
            .map_err(ServerError::from)?;
    let hello: server::Hello = serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))?;
    let desk = hello
        .desk
        .ok_or_else(|| ServerError::Protocol(Said::id("error-agency-new-desk-unnamed")))?;
    if desk.member != member {
        return Err(ServerError::Protocol(Said::id("error-agency-other-member-named")).into());
    }
    let server = SyncServer {
        url: url.portable(),
        ca_pem,
        login: url.user().to_owned(),
        agency,
        desk: desk.uid,
        member,
        pulled_up_to: 0,
        joined_at: now,
        last_synced_at: None,
        joining: false,
    };
    Ok((server, secret))
}

/// 32 bytes from the operating system's random generator, in hex.
fn random_hex() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    Ok(hex::encode(bytes))
}

/// Records what the server did with one of this desk's changes; says whether someone
/// should see it (kept as a notice).
async fn apply_answer(
    tx: &mut Change,
    server: &SyncServer,
    pending: &PendingOp,
    answer: &OpAnswer,
) -> anyhow::Result<bool> {
    let notice = match &answer.outcome {
        Outcome::Applied => false,
        Outcome::Merged { into, .. } => {
            if let Some(customer) = answer.customer {
                store::sync::merge_into(tx, customer, *into).await?;
            }
            true
        }
        Outcome::Partly { .. } | Outcome::Conflict { .. } => true,
        Outcome::Refused { reason } => {
            if *reason == Refusal::Erased {
                if let Some(uid) = answer.customer {
                    if let Some(id) = store::sync::customer_by_uid(tx, uid).await? {
                        store::customers::delete(tx, id).await?;
                    }
                }
            }
            true
        }
    };
    // The customer as the server now has it, unless this desk changed it again since.
    if let Some(state) = &answer.state {
        if !store::sync::has_later_pending(tx, state.uid, pending.seq).await? {
            let mut pulling = Pulling {
                server,
                unusable_hash: "",
                anything_queued: true,
                staff: HashMap::new(),
                own_new_role: None,
            };
            let creator = pulling.creator(tx, state.created_by).await?;
            let now = tx.now();
            store::sync::write_pulled_customer(tx, state, creator, now).await?;
        }
    }
    if notice {
        // Kept without the customer's state: the notice needs the outcome, not a copy.
        let kept = OpAnswer {
            state: None,
            ..answer.clone()
        };
        let raw = serde_json::to_value(&kept).context("Failed to keep an answer")?;
        let now = tx.now();
        // The values an edit pushed are kept only where "apply mine" needs them.
        let op = matches!(
            answer.outcome,
            Outcome::Partly { .. } | Outcome::Conflict { .. }
        )
        .then_some(&pending.op);
        store::sync::add_notice(tx, op, answer, &raw, pending.made_by, now).await?;
    }
    Ok(notice)
}

/// Applying pulled changes: what it asks again and again, asked once a page.
struct Pulling<'a> {
    server: &'a SyncServer,
    /// The password hash of members new here (see [`Keydesk::pull_changes`]).
    unusable_hash: &'a str,
    /// Whether any change of this desk still waits for the server (if none, no customer
    /// needs to be left alone).
    anything_queued: bool,
    /// Members by uid, as looked up so far.
    staff: HashMap<Uuid, Option<StaffId>>,
    /// This desk's own member's new role, when this page changed it.
    own_new_role: Option<Role>,
}

impl Pulling<'_> {
    async fn staff(&mut self, tx: &mut Change, uid: Uuid) -> anyhow::Result<Option<StaffId>> {
        if let Some(known) = self.staff.get(&uid) {
            return Ok(*known);
        }
        let found = store::sync::staff_by_uid(tx, uid).await?;
        self.staff.insert(uid, found);
        Ok(found)
    }

    /// Who, here, a customer from the server counts as created by: its creator when this
    /// desk knows them, else this desk's member, else an owner.
    async fn creator(
        &mut self,
        tx: &mut Change,
        created_by: Option<Uuid>,
    ) -> anyhow::Result<StaffId> {
        if let Some(member) = created_by {
            if let Some(id) = self.staff(tx, member).await? {
                return Ok(id);
            }
        }
        if let Some(id) = self.staff(tx, self.server.member).await? {
            return Ok(id);
        }
        store::sync::any_owner(tx)
            .await?
            .context("No staff member here to attribute a customer to")
    }

    /// Applies one change the server sent; says whether anything here changed.
    async fn apply(&mut self, tx: &mut Change, change: &Pulled) -> anyhow::Result<bool> {
        let now = tx.now();
        match change {
            Pulled::Member { member, .. } => {
                if member.uid == self.server.member {
                    let before = match self.staff(tx, member.uid).await? {
                        Some(own) => store::staff::find_by_id_in(tx, own).await?.map(|r| r.role),
                        None => None,
                    };
                    if before.is_some_and(|role| role != member.role) {
                        self.own_new_role = Some(member.role);
                    }
                }
                // A member here already keeps their password hash.
                let id = store::sync::put_member(tx, member, self.unusable_hash, now).await?;
                self.staff.insert(member.uid, Some(id));
                Ok(true)
            }
            Pulled::Customer { customer, .. } => {
                if self.anything_queued && store::sync::has_pending_for(tx, customer.uid).await? {
                    return Ok(false);
                }
                let creator = self.creator(tx, customer.created_by).await?;
                Ok(
                    store::sync::write_pulled_customer(tx, customer, creator, now)
                        .await?
                        .is_some(),
                )
            }
            Pulled::Link {
                customer,
                member,
                linked_at,
                ..
            } => {
                let Some(member) = self.staff(tx, *member).await? else {
                    return Ok(false);
                };
                let Some(customer) = store::sync::customer_by_uid(tx, *customer).await? else {
                    return Ok(false);
                };
                store::customers::link_agent(tx, customer, member, false, member, *linked_at).await
            }
            Pulled::Gone {
                customer, member, ..
            } => {
                let Some(id) = store::sync::customer_by_uid(tx, *customer).await? else {
                    return Ok(false);
                };
                match member {
                    None => {
                        store::customers::delete(tx, id).await?;
                        Ok(true)
                    }
                    Some(member) if *member == self.server.member => {
                        // No longer this desk's member's customer: an agent's desk lets it go.
                        let own = self.staff(tx, *member).await?;
                        let role = match own {
                            Some(own) => {
                                store::staff::find_by_id_in(tx, own).await?.map(|r| r.role)
                            }
                            None => None,
                        };
                        if role == Some(Role::Agent) {
                            store::customers::delete(tx, id).await?;
                        } else if let Some(own) = own {
                            store::sync::unlink(tx, id, own).await?;
                        }
                        Ok(true)
                    }
                    Some(member) => match self.staff(tx, *member).await? {
                        Some(other) => store::sync::unlink(tx, id, other).await,
                        None => Ok(false),
                    },
                }
            }
        }
    }
}

/// The customer and this desk's values of the fields an edit lost to another desk's
/// earlier change: what "apply mine" writes again. `None` for any other notice.
pub(super) fn mine_to_apply(notice: &store::sync::Notice) -> Option<(Uuid, Fields)> {
    let Some(Op {
        change: OpChange::UpdateCustomer {
            customer, changes, ..
        },
        ..
    }) = &notice.op
    else {
        return None;
    };
    let conflicts = match &notice.answer.outcome {
        Outcome::Partly { conflicts, .. } | Outcome::Conflict { conflicts } => conflicts,
        _ => return None,
    };
    let mine: Fields = conflicts
        .iter()
        .filter(|conflict| conflict.reason == ConflictReason::Changed)
        .filter_map(|conflict| {
            changes
                .get(&conflict.field)
                .map(|value| (conflict.field, value.clone()))
        })
        .collect();
    (!mine.is_empty()).then_some((*customer, mine))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation() -> DeskInvitation {
        DeskInvitation {
            url: "postgres://kd_desk_1@db.example.com:5432/keydesk?sslmode=verify-full".into(),
            ca_pem: Some("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into()),
            login: "kd_desk_1".into(),
            secret: SecretString::from("one-time secret".to_owned()),
            member: Uuid::now_v7(),
            expires_at: Utc::now(),
            founder: Some("ab".repeat(32)),
            keys: Some(OwnerKeyPair::generate().unwrap()),
        }
    }

    #[test]
    fn an_invitation_code_reads_back_whatever_pasting_did_to_it() {
        let sent = invitation();
        let code = sent.to_code();
        assert!(code.starts_with("KD1."));
        assert!(
            !code.contains("one-time"),
            "the secret is not readable at a glance"
        );
        let pasted = format!("  {}\n{}  ", &code[..40], &code[40..]);
        let read = DeskInvitation::from_code(&pasted).unwrap();
        assert_eq!(read.url, sent.url);
        assert_eq!(read.ca_pem, sent.ca_pem);
        assert_eq!(read.login, sent.login);
        assert_eq!(read.secret.expose_secret(), "one-time secret");
        assert_eq!(
            (read.member, read.expires_at),
            (sent.member, sent.expires_at)
        );
        assert_eq!(read.founder, sent.founder);
        assert_eq!(
            read.keys.as_ref().map(|k| k.public()),
            sent.keys.as_ref().map(|k| k.public()),
            "the desk's keys travel whole"
        );
        assert!(
            !format!("{read:?}").contains("one-time"),
            "Debug hides the secret"
        );
    }

    #[test]
    fn anything_else_pasted_is_refused_at_the_code_field() {
        let code = invitation().to_code();
        for wrong in [
            String::new(),
            "KD1.".to_owned(),
            code.replacen("KD1.", "KD2.", 1),
            code[..code.len() - 10].to_owned(),
            "postgres://db.example.com/keydesk".to_owned(),
        ] {
            let refused = DeskInvitation::from_code(&wrong).unwrap_err();
            assert_eq!(refused.field, "code", "{wrong}");
        }
    }
}

//! Pending logins across an agency's desks. A desk that syncs seals each new login to
//! every active owner key of the agency's roster and signs it (see `vault::signed_login`);
//! the login goes to the server with the next sync and from there to every owner's desk,
//! which opens it only when the signature and the wraps check out against the roster it
//! verified itself. The server can neither open a login nor plant one.
//!
//! The roster is kept here as verified (see `vault::roster`): founded by the desk that
//! published the agency, extended by owners' desks as they invite and revoke desks.

use super::change::Change;
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::Actor;
use crate::domain::{CustomerId, HandoffId, PasswordHash, PlainPassword, StaffId};
use crate::said::{Explain, Said};
use crate::server::keys::{self, LoginTaken};
use crate::store::{
    self, agency_logins, handoffs::Closing, handoffs::SealedWith, sync::SyncServer,
};
use crate::vault::owner_keys::{OwnerKeyPair, PublicKeys};
use crate::vault::roster::{fingerprint, Roster, RosterChange, RosterKey, RosterRole, SignedEntry};
use crate::vault::signed_login::{self, LoginFacts, LoginRefused, SignedLogin};
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{HandoffReason, HandoffState, Role};
use sqlx::PgConnection;
use uuid::Uuid;

/// How long an invitation stays good on the server (`kd.invite_desk`).
const INVITATION_LIFETIME: chrono::Duration = chrono::Duration::hours(24);

/// How many received logins are read from the server at a time.
const LOGINS_PER_READ: i32 = 200;

/// What became of a login received from the server.
enum Taking {
    Taken,
    /// Left out for good (already here, refused, expired, or older than the one here).
    Left,
    /// Its customer or member is not here yet: read it again at the next sync.
    NotYet,
}

/// A login to seal for the agency's owners.
pub(super) struct LoginToSeal<'a> {
    pub handoff_id: HandoffId,
    pub customer_id: CustomerId,
    pub created_by: StaffId,
    pub reason: HandoffReason,
    pub username: &'a str,
    pub hash: &'a PasswordHash,
    pub password: &'a [u8],
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A member's keys on this desk, replaced in the roster for a password reset: what the
/// pending logins are sealed anew with once the reset is kept.
pub(super) struct KeysReplaced {
    pair: std::sync::Arc<OwnerKeyPair>,
    by: StaffId,
    roster: Roster,
    connection: PgConnection,
}

/// Which pending logins a pass seals anew.
#[derive(Clone, Copy)]
enum Resealing<'a> {
    /// Those whose wraps are not exactly the roster's owner keys.
    WhereNeeded,
    /// Every one the opener opens (a rotation re-signs them all with the new keys).
    All,
    /// Those signed by one of these keys, about to leave the roster.
    SignedByAny(&'a [[u8; 32]]),
}

/// A pending login of a customer: which it is, which login it was made to replace, when.
struct Lineage {
    uid: Uuid,
    replaces: Option<Uuid>,
    created_at: DateTime<Utc>,
}

/// Which of a customer's two pending logins stays, on every desk and on the server alike
/// (`kd.login_becomes_account`): one made knowing the other replaces it; of two made
/// without knowing each other (two owners resetting at once) the first made stays, and
/// the other is superseded.
fn arriving_stays(held: &Lineage, arriving: &Lineage) -> bool {
    if arriving.replaces == Some(held.uid) {
        return true;
    }
    if held.replaces == Some(arriving.uid) {
        return false;
    }
    (arriving.created_at, arriving.uid) < (held.created_at, held.uid)
}

/// How a login's end ranks when desks end it at once: sent beats revoked beats expired.
fn rank(state: HandoffState) -> u8 {
    match state {
        HandoffState::Pending => 0,
        HandoffState::Expired => 1,
        HandoffState::Revoked => 2,
        HandoffState::Sent => 3,
    }
}

pub(super) fn roster_role(role: Role) -> RosterRole {
    match role {
        Role::Owner => RosterRole::Owner,
        Role::Admin => RosterRole::Admin,
        Role::Agent => RosterRole::Agent,
    }
}

/// Why a pending login made for the agency does not open here.
#[derive(Debug)]
pub(super) enum AgencyUnopenable {
    /// Its signature does not check out against the roster this desk verified.
    NotSigned,
    /// It was not sealed to this member's key.
    NotForYou,
    /// It did not open, or what opened is not the account's password.
    Damaged,
}

impl Keydesk {
    /// [`Keydesk::verified_roster`] in a transaction of its own.
    pub(super) async fn verified_roster_now(&self) -> Result<Option<Roster>, ServiceError> {
        let mut tx = self.begin_change().await?;
        let roster = self.verified_roster(&mut tx).await?;
        tx.commit("Failed to read the agency's keys").await?;
        Ok(roster)
    }

    /// The agency's roster as this desk verified it (`None`: a desk of its own, or no
    /// roster founded yet).
    pub(super) async fn verified_roster(&self, tx: &mut Change) -> anyhow::Result<Option<Roster>> {
        let Some(server) = store::sync::server(self.store.reader()).await? else {
            return Ok(None);
        };
        let Some(founder) = store::meta::get(tx, agency_logins::ROSTER_FOUNDER).await? else {
            return Ok(None);
        };
        let mut roster = Roster::new(server.agency, &founder);
        for entry in agency_logins::roster(&mut ***tx).await? {
            roster
                .extend(entry)
                .context("The agency's keys kept on this desk no longer verify")?;
        }
        Ok((!roster.is_empty()).then_some(roster))
    }

    /// Reads the roster's new entries from the server, checks each against what this desk
    /// verified before, and keeps those that hold. A desk that never learnt the founder's
    /// fingerprint (from its invitation, or by founding the roster itself) trusts no roster:
    /// taking the first entry on the server's word would let the server name the founder.
    /// Returns the roster.
    pub(super) async fn sync_roster(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<Option<Roster>, ServiceError> {
        let reader = self.store.reader();
        let Some(founder) =
            store::meta::get_readonly(reader, agency_logins::ROSTER_FOUNDER).await?
        else {
            return Ok(None);
        };
        let kept = agency_logins::roster(reader).await?;
        // Read before the writer is taken: a slow server never holds up the window.
        let fresh = keys::roster_after(connection, kept.len() as i64).await?;
        let mut tx = self.begin_change().await?;
        if agency_logins::roster(&mut **tx).await?.len() != kept.len() {
            // Another sync kept entries meanwhile; the next one reads on from there.
            tx.commit("Failed to keep the agency's keys").await?;
            return self.verified_roster_now().await;
        }
        let mut roster = Roster::new(server.agency, &founder);
        for entry in kept {
            roster
                .extend(entry)
                .context("The agency's keys kept on this desk no longer verify")?;
        }
        for entry in fresh {
            let seq = entry.seq;
            if let Err(broken) = roster.extend(entry.clone()) {
                tracing::warn!(seq, %broken, "an entry of the agency's keys on the server does not verify: ignored with all after it");
                break;
            }
            agency_logins::add_roster_entry(&mut tx, &entry).await?;
        }
        tx.commit("Failed to keep the agency's keys").await?;
        Ok((!roster.is_empty()).then_some(roster))
    }

    /// Signs `change` as the roster's next entry with `keys` (an active owner's, or the
    /// founder's own for the first) and adds it on the server and here. When another owner's
    /// desk added an entry first, reads the roster again and signs anew.
    pub(super) async fn add_roster_entry(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
        keys: &OwnerKeyPair,
        change: RosterChange,
    ) -> Result<Roster, ServiceError> {
        for _ in 0..3 {
            // No roster known here: this desk founds it, when the server's is empty too.
            let founder_known =
                store::meta::get_readonly(self.store.reader(), agency_logins::ROSTER_FOUNDER)
                    .await?
                    .is_some();
            let (mut roster, founding) = match self.sync_roster(server, connection).await? {
                Some(roster) => (roster, false),
                None if !founder_known && keys::roster_after(connection, 0).await?.is_empty() => (
                    Roster::new(server.agency, &fingerprint(&keys.public().signing)),
                    true,
                ),
                None => {
                    return Err(ServiceError::Conflict(Said::id(
                        "error-agency-founder-unknown",
                    )))
                }
            };
            let entry =
                SignedEntry::sign(&roster.next_entry(change.clone(), self.clock.now()), keys);
            roster.extend(entry.clone()).map_err(|broken| {
                ServiceError::conflict(
                    Said::id("error-agency-keys-cannot-sign").arg("reason", broken.explain()),
                )
            })?;
            if keys::add_roster_entry(connection, &entry).await? {
                let mut tx = self.begin_change().await?;
                if founding {
                    let founder = fingerprint(&keys.public().signing);
                    store::meta::set(&mut tx, agency_logins::ROSTER_FOUNDER, &founder).await?;
                }
                agency_logins::add_roster_entry(&mut tx, &entry).await?;
                tx.commit("Failed to keep the agency's keys").await?;
                return Ok(roster);
            }
        }
        Err(ServiceError::Conflict(Said::id(
            "error-agency-keys-keep-changing",
        )))
    }

    /// The changes that give `key` role `role` in the roster: revoked, then added again
    /// with the new role.
    fn rerole(key: &RosterKey, role: RosterRole) -> [RosterChange; 2] {
        [
            RosterChange::Revoke {
                signing: key.keys.signing,
            },
            RosterChange::Add {
                desk: key.desk,
                member: key.member,
                role,
                hpke: key.keys.hpke,
                signing: key.keys.signing,
            },
        ]
    }

    /// After `actor` (an owner, on a desk that syncs) made member `target` an owner: the
    /// keys of the member's desks become owner keys in the roster, signed by `actor`, so
    /// logins are sealed to them from now on. Only an owner's own decision does this:
    /// the staff list the server sends never makes anyone an owner in the roster.
    pub(super) async fn promote_in_roster(
        &self,
        actor: &Actor,
        target: StaffId,
    ) -> Result<(), ServiceError> {
        let Some(pair) = self.session_keys.get(actor.id()) else {
            return Ok(());
        };
        if self.agency_server().await?.is_none() {
            return Ok(());
        }
        let (server, mut connection) = self.connect_as_desk().await?;
        let mut tx = self.begin_change().await?;
        let member = store::sync::staff_uid(&mut tx, target).await?;
        tx.commit("Failed to read the member").await?;
        let (Some(member), Some(roster)) =
            (member, self.sync_roster(&server, &mut connection).await?)
        else {
            return Ok(());
        };
        let keys: Vec<RosterKey> = roster
            .member_keys(member)
            .filter(|k| k.role != RosterRole::Owner)
            .cloned()
            .collect();
        for key in keys {
            for change in Self::rerole(&key, RosterRole::Owner) {
                self.add_roster_entry(&server, &mut connection, &pair, change)
                    .await?;
            }
        }
        Ok(())
    }

    /// On an owner's desk whose member's keys are held: the roster follows the staff list
    /// and the desks wherever that takes trust away. Keys of a disabled member, of a
    /// revoked desk and of an invitation that ran out unused are revoked; keys of a former
    /// owner (or a member whose role changed between admin and agent) are listed again
    /// with the role they have now. Never the other way: becoming an owner takes
    /// [`Keydesk::promote_in_roster`].
    async fn roster_follows_staff(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<(), ServiceError> {
        let mut tx = self.begin_change().await?;
        let me = store::sync::staff_by_uid(&mut tx, server.member).await?;
        let members = store::sync::members(&mut tx).await?;
        let roster = self.verified_roster(&mut tx).await?;
        tx.commit("Failed to read the staff").await?;
        let (Some(pair), Some(roster)) = (me.and_then(|id| self.session_keys.get(id)), roster)
        else {
            return Ok(());
        };
        // Desks revoked, and invitations that ran out unused: their keys (made by the
        // inviting desk and carried in the code) are no one's any more.
        let now = self.clock.now();
        let gone: Vec<Uuid> = crate::server::sync::list_desks(connection)
            .await?
            .into_iter()
            .filter(|d| {
                d.revoked_at.is_some()
                    || (d.enrolled_at.is_none() && d.invited_at + INVITATION_LIFETIME <= now)
            })
            .map(|d| d.uid)
            .collect();
        let mut changes = Vec::new();
        for key in roster.active_keys() {
            if gone.contains(&key.desk) {
                changes.push(RosterChange::Revoke {
                    signing: key.keys.signing,
                });
                continue;
            }
            let Some(member) = members.iter().find(|m| m.uid == key.member) else {
                continue;
            };
            let role = roster_role(member.role);
            if !member.active {
                changes.push(RosterChange::Revoke {
                    signing: key.keys.signing,
                });
            } else if role != key.role && role != RosterRole::Owner {
                changes.extend(Self::rerole(key, role));
            }
        }
        for change in changes {
            self.add_roster_entry(server, connection, &pair, change)
                .await?;
        }
        Ok(())
    }

    /// The pending logins this desk holds that desk `desk`'s keys (revoked or not) could
    /// open: what a lost or revoked owner's desk may still reveal from a copy it kept.
    pub(super) async fn logins_open_to_desk(&self, desk: Uuid) -> anyhow::Result<Vec<CustomerId>> {
        let mut tx = self.begin_change().await?;
        let roster = self.verified_roster(&mut tx).await?;
        tx.commit("Failed to read the agency's keys").await?;
        let Some(roster) = roster else {
            return Ok(Vec::new());
        };
        let keys: Vec<[u8; 32]> = roster
            .keys_ever_of_desk(desk)
            .map(|k| k.keys.signing)
            .collect();
        let mut open_to_it = Vec::new();
        let reader = self.store.reader();
        for (handoff_id, _, held) in agency_logins::pending_records(reader).await? {
            let Ok(record) = serde_json::from_str::<signed_login::LoginRecord>(&held.body) else {
                continue;
            };
            if keys.iter().any(|key| record.is_wrapped_to(key)) {
                if let Some(customer) = agency_logins::customer_of(reader, handoff_id).await? {
                    open_to_it.push(customer);
                }
            }
        }
        Ok(open_to_it)
    }

    /// Resets the password of every customer whose pending login revoked desk `desk`
    /// could open (an owner, online): each gets a new login sealed to the owners of now,
    /// and the old one is revoked everywhere. Returns how many.
    pub async fn reset_logins_open_to_desk(
        &self,
        actor: &Actor,
        desk: Uuid,
    ) -> Result<usize, ServiceError> {
        let actor = self
            .authorize(actor, crate::auth::Permission::ManageAgencyServer)
            .await?;
        // The roster must already say the desk's keys are revoked, so no new login is
        // sealed to them.
        let (server, mut connection) = self.connect_as_desk().await?;
        if let Some(roster) = self.sync_roster(&server, &mut connection).await? {
            if roster.desk_keys(desk).next().is_some() {
                return Err(ServiceError::conflict(Said::id(
                    "error-agency-revoke-desk-first",
                )));
            }
        }
        drop(connection);
        let customers = self.logins_open_to_desk(desk).await?;
        for customer in &customers {
            self.reset_customer_password(&actor, *customer).await?;
        }
        if !customers.is_empty() {
            self.sync_now().await?;
        }
        Ok(customers.len())
    }

    /// Gives this owner's desk new keys (an owner, online; `password` is theirs and seals
    /// the new private keys here). The new keys join the roster signed by the old ones,
    /// every pending login the old ones open is sealed anew for them and signed by them,
    /// then the old keys leave the roster signed by the new, and the logins are sealed
    /// once more without them. What the old
    /// keys could open from a copy kept elsewhere stays as it was: reset those logins for
    /// that. Returns how many logins were sealed anew.
    pub async fn rotate_desk_keys(
        &self,
        actor: &Actor,
        password: PlainPassword,
    ) -> Result<usize, ServiceError> {
        let actor = self
            .authorize(actor, crate::auth::Permission::ManageAgencyServer)
            .await?;
        let old = self.unlocked_keys(&actor, Said::id("error-keys-then-rotate"))?;
        let record = store::staff::find_by_id(self.store.reader(), actor.id())
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !crate::auth::verify_password(password.clone(), record.password_hash.clone()).await? {
            return Err(crate::domain::FieldError::new(
                "password",
                Said::id("error-agency-not-your-password"),
            )
            .into());
        }
        let (server, mut connection) = self.connect_as_desk().await?;
        let roster = self.sync_roster(&server, &mut connection).await?;
        let Some(mine) = roster
            .as_ref()
            .and_then(|r| r.active_owner(&old.public().signing))
            .cloned()
        else {
            return Err(ServiceError::conflict(Said::id(
                "error-agency-nothing-to-rotate",
            )));
        };
        let (new, locked) = super::session::new_member_keys(actor.id(), &password).await?;
        let public = new.public();
        let add = RosterChange::Add {
            desk: mine.desk,
            member: mine.member,
            role: RosterRole::Owner,
            hpke: public.hpke,
            signing: public.signing,
        };
        let roster = self
            .add_roster_entry(&server, &mut connection, &old, add)
            .await?;
        // Every login the old keys open: wrapped to the new keys too, and signed by them,
        // so it still checks once the old keys leave the roster.
        let resealed = self
            .reseal_signed_by(
                &old,
                &new,
                Some(actor.id()),
                &roster,
                &mut connection,
                Resealing::All,
            )
            .await?;
        // From here on this desk works with the new keys.
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        store::staff_keys::save(&mut tx, actor.id(), &locked, now).await?;
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::DeskKeysRotated,
            "this desk's keys replaced in the agency's roster",
        )
        .await?;
        tx.commit("Failed to keep the new keys").await?;
        self.session_keys.hold(actor.id(), new.clone());
        let revoke = RosterChange::Revoke {
            signing: old.public().signing,
        };
        let roster = self
            .add_roster_entry(&server, &mut connection, &new, revoke)
            .await?;
        // The same logins once more, now without the old keys' wraps.
        self.reseal_with(&new, Some(actor.id()), &roster, &mut connection)
            .await?;
        tracing::info!(resealed, "this desk's keys were rotated");
        Ok(resealed)
    }

    /// Before member `target`'s password is reset on this desk (by `actor`): on a desk
    /// whose agency keeps a roster, the member's keys on this desk are replaced there by
    /// `new`, signed by `actor`'s keys. Whoever knew the old password could open what
    /// the old keys open, so no login is sealed to them any more; and without the new
    /// keys in the roster the member could open nothing here. Only an owner, online,
    /// can: the roster takes an owner's signature. `None`: this desk keeps no roster.
    pub(super) async fn replace_keys_for_reset(
        &self,
        actor: &Actor,
        target: StaffId,
        role: Role,
        new: &PublicKeys,
    ) -> Result<Option<KeysReplaced>, ServiceError> {
        let founded = store::meta::get_readonly(self.store.reader(), agency_logins::ROSTER_FOUNDER)
            .await?
            .is_some();
        if !founded || self.agency_server().await?.is_none() {
            return Ok(None);
        }
        if actor.role() != Role::Owner {
            return Err(ServiceError::not_allowed(Said::id(
                "error-agency-reset-needs-owner",
            )));
        }
        let pair = self.unlocked_keys(actor, Said::id("error-keys-then-reset-password"))?;
        let (server, mut connection) = self.connect_as_desk().await?;
        let mut tx = self.begin_change().await?;
        let member = store::sync::staff_uid(&mut tx, target).await?;
        tx.commit("Failed to read the member").await?;
        let member = member.context("The member has no agency identity")?;
        let Some(roster) = self.sync_roster(&server, &mut connection).await? else {
            return Ok(None);
        };
        let old: Vec<[u8; 32]> = roster
            .desk_keys(server.desk)
            .filter(|k| k.member == member)
            .map(|k| k.keys.signing)
            .collect();
        // The staff list comes from the server, which may claim anyone is an owner: the new
        // keys are an owner's only when the roster already holds the member as one.
        let owner_in_roster = roster
            .member_keys(member)
            .any(|k| k.role == RosterRole::Owner);
        let role = match roster_role(role) {
            RosterRole::Owner if !owner_in_roster => RosterRole::Admin,
            role => role,
        };
        let add = RosterChange::Add {
            desk: server.desk,
            member,
            role,
            hpke: new.hpke,
            signing: new.signing,
        };
        let mut roster = self
            .add_roster_entry(&server, &mut connection, &pair, add)
            .await?;
        // What the old keys signed (logins the member made here) would no longer check once
        // they leave the roster: the resetting owner signs those anew first.
        self.reseal_signed_by(
            &pair,
            &pair,
            Some(actor.id()),
            &roster,
            &mut connection,
            Resealing::SignedByAny(&old),
        )
        .await?;
        for signing in old {
            let revoke = RosterChange::Revoke { signing };
            roster = self
                .add_roster_entry(&server, &mut connection, &pair, revoke)
                .await?;
        }
        Ok(Some(KeysReplaced {
            pair,
            by: actor.id(),
            roster,
            connection,
        }))
    }

    /// Once a reset is kept: every pending login `actor`'s keys open is sealed anew for the
    /// owner keys of now, the member's new keys in, their old ones out. Returns how many.
    pub(super) async fn reseal_after_reset(
        &self,
        mut replaced: KeysReplaced,
    ) -> anyhow::Result<usize> {
        self.reseal_with(
            &replaced.pair,
            Some(replaced.by),
            &replaced.roster,
            &mut replaced.connection,
        )
        .await
    }

    /// Founds the agency's roster from this desk (the one that published it), signed by
    /// `actor`'s keys: their own keys first, then every other member of this desk who has
    /// keys, so that logins made and opened here keep working across desks.
    pub(super) async fn found_roster(
        &self,
        actor: &Actor,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<(), ServiceError> {
        let pair = self.unlocked_keys(actor, Said::id("error-keys-then-publish"))?;
        let mut tx = self.begin_change().await?;
        let members = store::sync::members(&mut tx).await?;
        let mut with_keys = Vec::new();
        for member in members {
            let Some(id) = store::sync::staff_by_uid(&mut tx, member.uid).await? else {
                continue;
            };
            let Some(locked) = store::staff_keys::find(&mut **tx, id).await? else {
                continue;
            };
            let record = store::staff::find_by_id_in(&mut tx, id).await?;
            if let Some(record) = record.filter(|r| r.active) {
                with_keys.push((member.uid, roster_role(record.role), locked.public));
            }
        }
        tx.commit("Failed to read the members' keys").await?;
        let me = pair.public();
        let mut changes = vec![RosterChange::Add {
            desk: server.desk,
            member: server.member,
            role: RosterRole::Owner,
            hpke: me.hpke,
            signing: me.signing,
        }];
        for (member, role, public) in with_keys {
            if public.signing != me.signing {
                changes.push(RosterChange::Add {
                    desk: server.desk,
                    member,
                    role,
                    hpke: public.hpke,
                    signing: public.signing,
                });
            }
        }
        let present = self.sync_roster(server, connection).await?;
        if let Some(roster) = present {
            if roster.active_key(&me.signing).is_some() {
                return Ok(());
            }
        }
        for change in changes {
            self.add_roster_entry(server, connection, &pair, change)
                .await?;
        }
        tracing::info!("founded the agency's key roster");
        Ok(())
    }

    /// Within `tx`, for a login just issued on a desk that syncs: seals it for the agency's
    /// owners and signs it with `actor`'s keys, to go to the server with the next sync.
    /// False (and nothing written) when it cannot be (no roster yet, or `actor`'s keys are
    /// not in it): the login is then sealed for this desk's owners only.
    pub(super) async fn seal_for_agency_in(
        &self,
        tx: &mut Change,
        actor: &Actor,
        login: LoginToSeal<'_>,
    ) -> anyhow::Result<bool> {
        let Some(server) = store::sync::server(self.store.reader()).await? else {
            return Ok(false);
        };
        let Some(roster) = self.verified_roster(tx).await? else {
            tracing::warn!(
                "no verified roster of the agency's keys: a login sealed for this desk only"
            );
            return Ok(false);
        };
        let Some(pair) = self.session_keys.get(actor.id()) else {
            tracing::warn!("the member's keys are not held: a login sealed for this desk only");
            return Ok(false);
        };
        if roster.active_key(&pair.public().signing).is_none() || roster.owner_keys().count() == 0 {
            tracing::warn!("the member's keys are not in the agency's roster: a login sealed for this desk only");
            return Ok(false);
        }
        let customer = store::sync::customer_uid(tx, login.customer_id)
            .await?
            .context("A customer without a uid")?;
        let created_by = store::sync::staff_uid(tx, login.created_by)
            .await?
            .context("A member without a uid")?;
        let replaces = match agency_logins::lineage(tx, login.customer_id).await? {
            Some(held) => Some(held),
            None => {
                store::handoffs::newest_other_uid(tx, login.customer_id, login.handoff_id).await?
            }
        };
        let facts = LoginFacts {
            agency: server.agency,
            handoff: agency_logins::handoff_uid(tx, login.handoff_id).await?,
            customer,
            desk: server.desk,
            created_by,
            reason: login.reason.as_str().to_owned(),
            username: login.username.to_owned(),
            password_hash: login.hash.as_phc().to_owned(),
            created_at: login.created_at,
            expires_at: login.expires_at,
            replaces,
        };
        let signed = signed_login::seal_login(&roster, &pair, facts, login.password)?;
        let record = signed_login::check(&roster, &signed)
            .map_err(|refused| anyhow::anyhow!("A login just sealed does not check: {refused}"))?;
        store::handoffs::store_sealed(
            tx,
            login.handoff_id,
            &record.sealed(),
            SealedWith::OwnerKeys,
        )
        .await?;
        agency_logins::save(tx, login.handoff_id, &signed, false).await?;
        agency_logins::set_lineage(tx, login.customer_id, record.facts.handoff).await?;
        Ok(true)
    }

    /// What a desk that publishes itself does with the logins pending on it: each one
    /// `actor` can open is sealed anew for the agency's owners and signed, so every owner's
    /// desk can hand it over. One transaction, audited. Returns how many.
    pub(super) async fn reseal_pending_for_agency(&self, actor: &Actor) -> anyhow::Result<usize> {
        let mut tx = self.begin_change().await?;
        let mut resealed = 0;
        for (handoff_id, created_at, expires_at) in agency_logins::local_pending(&mut tx).await? {
            let Some(row) = store::handoffs::find(&mut tx, handoff_id).await? else {
                continue;
            };
            let Ok(password) = self.open_handoff_password(&mut tx, actor, &row).await? else {
                tracing::warn!(
                    handoff_id = handoff_id.0,
                    "a pending login this owner cannot open stays on this desk"
                );
                continue;
            };
            let Some(hash) =
                store::customer_accounts::password_hash(&mut **tx, row.customer_id).await?
            else {
                continue;
            };
            let Some(reason) = store::handoffs::reason_of(&mut tx, handoff_id).await? else {
                continue;
            };
            let login = LoginToSeal {
                handoff_id,
                customer_id: row.customer_id,
                created_by: row.created_by,
                reason,
                username: &row.username,
                hash: &hash,
                password: password.expose().as_bytes(),
                created_at,
                expires_at,
            };
            if self.seal_for_agency_in(&mut tx, actor, login).await? {
                agency_logins::forget_local_wraps(&mut tx, handoff_id).await?;
                resealed += 1;
            }
        }
        if resealed > 0 {
            let detail = format!("{resealed} pending logins sealed for the agency's owners");
            tx.audit(
                AuditActor::Staff(actor),
                AuditAction::PendingLoginsResealed,
                &detail,
            )
            .await?;
        }
        tx.commit("Failed to seal the pending logins for the agency")
            .await?;
        Ok(resealed)
    }

    /// The password of pending login `handoff_id` made for the agency, opened with
    /// `pair` (`Ok(None)`: it was not made for the agency). Checks the signature against
    /// the roster, that the record is this handoff's, and that what opens is the password
    /// whose hash the account holds.
    pub(super) async fn open_agency_login(
        &self,
        tx: &mut Change,
        handoff_id: HandoffId,
        customer_id: CustomerId,
        pair: &OwnerKeyPair,
    ) -> anyhow::Result<Option<Result<PlainPassword, AgencyUnopenable>>> {
        let Some(login) = agency_logins::find(tx, handoff_id).await? else {
            return Ok(None);
        };
        let Some(roster) = self.verified_roster(tx).await? else {
            return Ok(Some(Err(AgencyUnopenable::NotSigned)));
        };
        let record = match signed_login::check(&roster, &login) {
            Ok(record) => record,
            Err(LoginRefused::NotSigned | LoginRefused::Unreadable) => {
                return Ok(Some(Err(AgencyUnopenable::NotSigned)))
            }
            Err(_) => return Ok(Some(Err(AgencyUnopenable::Damaged))),
        };
        let handoff = agency_logins::handoff_uid(tx, handoff_id).await?;
        let customer = store::sync::customer_uid(tx, customer_id).await?;
        let same_customer = match customer {
            Some(uid) if uid == record.facts.customer => true,
            _ => {
                store::sync::customer_by_uid(tx, record.facts.customer).await? == Some(customer_id)
            }
        };
        if record.facts.handoff != handoff || !same_customer {
            return Ok(Some(Err(AgencyUnopenable::NotSigned)));
        }
        let bytes = match signed_login::open(&record, pair) {
            Ok(bytes) => bytes,
            Err(LoginRefused::NotForThisKey) => return Ok(Some(Err(AgencyUnopenable::NotForYou))),
            Err(_) => return Ok(Some(Err(AgencyUnopenable::Damaged))),
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            return Ok(Some(Err(AgencyUnopenable::Damaged)));
        };
        let password = PlainPassword::new(text.to_owned());
        let account_hash = store::customer_accounts::password_hash(&mut ***tx, customer_id).await?;
        if account_hash.as_ref().map(|h| h.as_phc()) != Some(record.facts.password_hash.as_str()) {
            return Ok(Some(Err(AgencyUnopenable::Damaged)));
        }
        let hash = PasswordHash::from_phc(record.facts.password_hash.clone());
        let matches = crate::auth::verify_password(password.clone(), hash).await?;
        Ok(Some(if matches {
            Ok(password)
        } else {
            Err(AgencyUnopenable::Damaged)
        }))
    }

    /// Sends the logins made here that the server does not have yet, then (on an owner's
    /// desk) takes the logins other desks made. Returns how many were received.
    pub(super) async fn sync_logins(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<usize, ServiceError> {
        self.sync_roster(server, connection).await?;
        for unsent in agency_logins::unsent(self.store.reader()).await? {
            let taken =
                keys::push_login(connection, unsent.handoff, unsent.customer, &unsent.login)
                    .await?;
            let mut tx = self.begin_change().await?;
            match taken {
                LoginTaken::Kept => agency_logins::mark_sent(&mut tx, unsent.handoff_id).await?,
                LoginTaken::UnknownCustomer => {
                    self.revoke_unplaced_login(&mut tx, unsent.handoff_id)
                        .await?
                }
            }
            tx.commit("Failed to note a pending login as sent").await?;
        }
        for close in agency_logins::closes(self.store.reader()).await? {
            let ended =
                keys::close_login(connection, close.handoff, close.state, close.channel).await?;
            let mut tx = self.begin_change().await?;
            if let Some(ended) = ended.filter(|ended| *ended != close.state) {
                if let Some(id) = agency_logins::handoff_by_uid(&mut tx, close.handoff).await? {
                    agency_logins::set_final_state(&mut tx, id, ended, None).await?;
                }
            }
            agency_logins::forget_close(&mut tx, close.handoff).await?;
            tx.commit("Failed to note how a login ended").await?;
        }
        if !self.is_owner_desk(server).await? {
            return Ok(0);
        }
        if let Err(error) = self.roster_follows_staff(server, connection).await {
            // Another owner's desk may have made the same change first: the next sync
            // reads the roster again.
            tracing::warn!(%error, "the agency's roster does not follow the staff list yet");
        }
        let mut received = 0;
        loop {
            let reader = self.store.reader();
            let after: i64 = store::meta::get_readonly(reader, agency_logins::LOGINS_PULLED_UP_TO)
                .await?
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            // Read before the writer is taken: a slow server never holds up the window.
            let page = keys::logins_after(connection, after, LOGINS_PER_READ).await?;
            if page.is_empty() {
                break;
            }
            let mut tx = self.begin_change().await?;
            let roster = self.verified_roster(&mut tx).await?;
            let mut read_up_to = after;
            let mut again_later = false;
            for login in &page {
                if login.state != HandoffState::Pending {
                    self.settle_login(&mut tx, login).await?;
                } else {
                    match self.take_login(&mut tx, roster.as_ref(), login).await? {
                        Taking::Taken => received += 1,
                        Taking::Left => {}
                        Taking::NotYet => {
                            again_later = true;
                            break;
                        }
                    }
                }
                read_up_to = login.received_seq;
            }
            store::meta::set(
                &mut tx,
                agency_logins::LOGINS_PULLED_UP_TO,
                &read_up_to.to_string(),
            )
            .await?;
            tx.commit("Failed to keep the logins received").await?;
            if again_later || page.len() < LOGINS_PER_READ as usize {
                break;
            }
        }
        if received > 0 {
            tracing::info!(received, "pending logins received from other desks");
        }
        self.reseal_for_owners_of_now(server, connection).await?;
        Ok(received)
    }

    async fn is_owner_desk(&self, server: &SyncServer) -> anyhow::Result<bool> {
        let mut tx = self.begin_change().await?;
        let id = store::sync::staff_by_uid(&mut tx, server.member).await?;
        let role = match id {
            Some(id) => store::staff::find_by_id_in(&mut tx, id)
                .await?
                .map(|r| r.role),
            None => None,
        };
        tx.commit("Failed to read the desk's member").await?;
        Ok(role == Some(Role::Owner))
    }

    /// Within `tx`: keeps a login another desk made, when its signature and its record
    /// check out against the roster; anything else is left out and said in the log.
    async fn take_login(
        &self,
        tx: &mut Change,
        roster: Option<&Roster>,
        received: &keys::ReceivedLogin,
    ) -> anyhow::Result<Taking> {
        let seq = received.received_seq;
        let Some(login) = received.login.as_ref() else {
            return Ok(Taking::Left);
        };
        if let Some(id) = agency_logins::handoff_by_uid(tx, received.handoff).await? {
            self.take_resealed(tx, roster, id, login).await?;
            return Ok(Taking::Left);
        }
        let record = match roster.map(|r| signed_login::check(r, login)) {
            Some(Ok(record)) => record,
            Some(Err(refused)) => {
                tracing::warn!(seq, %refused, "a pending login from the server was refused");
                return Ok(Taking::Left);
            }
            None => {
                tracing::warn!(
                    seq,
                    "a pending login arrived before the agency's keys: left out"
                );
                return Ok(Taking::Left);
            }
        };
        if record.facts.handoff != received.handoff || record.facts.customer != received.customer {
            tracing::warn!(
                seq,
                "a pending login filed under another login's name was refused"
            );
            return Ok(Taking::Left);
        }
        let Some(customer_id) = store::sync::customer_by_uid(tx, record.facts.customer).await?
        else {
            // Its customer arrives with this desk's next pull.
            return Ok(Taking::NotYet);
        };
        let Some(creator) = store::sync::staff_by_uid(tx, record.facts.created_by).await? else {
            return Ok(Taking::NotYet);
        };
        let Ok(reason) = record.facts.reason.parse::<HandoffReason>() else {
            tracing::warn!(
                seq,
                "a pending login made for a reason this version does not know: left out"
            );
            return Ok(Taking::Left);
        };
        if record.facts.expires_at <= self.agency_time(tx.now()) {
            return Ok(Taking::Left);
        }
        if !self
            .replace_pending_in(tx, customer_id, &record.facts)
            .await?
        {
            tracing::info!(
                seq,
                "a pending login superseded by the one this desk holds: left out"
            );
            return Ok(Taking::Left);
        }
        agency_logins::take_account(
            tx,
            customer_id,
            &record.facts.username,
            &record.facts.password_hash,
        )
        .await?;
        let handoff_id = store::handoffs::insert_pending(
            tx,
            customer_id,
            reason,
            creator,
            record.facts.created_at,
            record.facts.expires_at,
        )
        .await?;
        agency_logins::set_handoff_uid(tx, handoff_id, received.handoff).await?;
        agency_logins::set_lineage(tx, customer_id, received.handoff).await?;
        store::handoffs::store_sealed(tx, handoff_id, &record.sealed(), SealedWith::OwnerKeys)
            .await?;
        agency_logins::save(tx, handoff_id, login, true).await?;
        let detail = format!("handoff #{handoff_id}, made on another desk");
        tx.audit_for_customer(
            AuditActor::AgencyServer,
            AuditAction::CredentialsIssued,
            customer_id,
            &detail,
        )
        .await?;
        Ok(Taking::Taken)
    }

    /// Within `tx`: login `id`, which this desk holds, sealed anew by an owner's desk (for
    /// an owner added or revoked since) replaces the record here when it checks out and is
    /// the same login.
    async fn take_resealed(
        &self,
        tx: &mut Change,
        roster: Option<&Roster>,
        id: HandoffId,
        login: &SignedLogin,
    ) -> anyhow::Result<()> {
        let (Some(roster), Some(held)) = (roster, agency_logins::find(tx, id).await?) else {
            return Ok(());
        };
        if held == *login {
            return Ok(());
        }
        // The copy held here was checked when it came; its signer may have left the roster
        // since (a rotation, a reset), which is why it was signed anew.
        let (Ok(newer), Ok(older)) = (
            signed_login::check(roster, login),
            serde_json::from_str::<signed_login::LoginRecord>(&held.body),
        ) else {
            tracing::warn!(
                handoff_id = id.0,
                "a login sealed anew that does not check was refused"
            );
            return Ok(());
        };
        if !signed_login::same_login(&older, &newer) {
            tracing::warn!(
                handoff_id = id.0,
                "a login sealed anew that is not the same login was refused"
            );
            return Ok(());
        }
        agency_logins::replace_record(tx, id, login).await
    }

    /// On an owner's desk whose member's keys are held: every pending login it can open
    /// that lacks a wrap for an owner key of the roster (an owner added since), or holds
    /// one for a key revoked since, is sealed anew for the owners of now and sent to the
    /// server. Returns how many.
    async fn reseal_for_owners_of_now(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> anyhow::Result<usize> {
        let mut tx = self.begin_change().await?;
        let id = store::sync::staff_by_uid(&mut tx, server.member).await?;
        let pair = id.and_then(|id| self.session_keys.get(id));
        let roster = self.verified_roster(&mut tx).await?;
        tx.commit("Failed to read the agency's keys").await?;
        let (Some(pair), Some(roster)) = (pair, roster) else {
            return Ok(0);
        };
        self.reseal_with(&pair, id, &roster, connection).await
    }

    /// Every pending login `pair` can open that is not wrapped to exactly the active owner
    /// keys of `roster` is sealed anew with `pair` (member `id`'s) and sent. Returns how
    /// many.
    async fn reseal_with(
        &self,
        pair: &OwnerKeyPair,
        id: Option<StaffId>,
        roster: &Roster,
        connection: &mut PgConnection,
    ) -> anyhow::Result<usize> {
        self.reseal_signed_by(pair, pair, id, roster, connection, Resealing::WhereNeeded)
            .await
    }

    /// [`Keydesk::reseal_with`], opening with `opener` and signing with `signer`, for the
    /// logins `which` names.
    async fn reseal_signed_by(
        &self,
        opener: &OwnerKeyPair,
        signer: &OwnerKeyPair,
        id: Option<StaffId>,
        roster: &Roster,
        connection: &mut PgConnection,
        which: Resealing<'_>,
    ) -> anyhow::Result<usize> {
        let mut resealed = 0;
        for (handoff_id, uid, held) in agency_logins::pending_records(self.store.reader()).await? {
            let wanted = match which {
                Resealing::SignedByAny(keys) => keys.contains(&held.signer),
                Resealing::All | Resealing::WhereNeeded => true,
            };
            if !wanted {
                continue;
            }
            let Ok(record) = signed_login::check(roster, &held) else {
                continue;
            };
            if matches!(which, Resealing::WhereNeeded)
                && !signed_login::needs_rewrap(roster, &record)
            {
                continue;
            }
            let Ok(anew) = signed_login::rewrap_signed_by(roster, &record, opener, signer) else {
                continue;
            };
            if keys::reseal_login(connection, uid, &anew).await? {
                let mut tx = self.begin_change().await?;
                agency_logins::replace_record(&mut tx, handoff_id, &anew).await?;
                tx.commit("Failed to keep a login sealed anew").await?;
                resealed += 1;
            }
        }
        if resealed > 0 {
            let mut tx = self.begin_change().await?;
            let detail = format!("{resealed} pending logins sealed anew for the agency's owners");
            let system = AuditActor::Attempt {
                staff_id: id,
                label: "system".to_owned(),
            };
            tx.audit(system, AuditAction::PendingLoginsShared, &detail)
                .await?;
            tx.commit("Failed to record the logins sealed anew").await?;
            tracing::info!(
                resealed,
                "pending logins sealed anew for the agency's owners"
            );
        }
        Ok(resealed)
    }

    /// Within `tx`: a login another desk ended ends here too, unless it ended here in a
    /// way that beats it (sent beats revoked beats expired). A mail still waiting to carry
    /// its password is not sent.
    async fn settle_login(
        &self,
        tx: &mut Change,
        received: &keys::ReceivedLogin,
    ) -> anyhow::Result<()> {
        let Some(id) = agency_logins::handoff_by_uid(tx, received.handoff).await? else {
            // Handed over before it reached this desk: unless a login waits here, the
            // account holds that one now, and this desk's next login replaces it.
            if received.state == HandoffState::Sent {
                if let Some(customer) = store::sync::customer_by_uid(tx, received.customer).await? {
                    if store::handoffs::pending_for_customer(tx, customer)
                        .await?
                        .is_none()
                    {
                        agency_logins::set_lineage(tx, customer, received.handoff).await?;
                    }
                }
            }
            return Ok(());
        };
        let here = agency_logins::state_of(tx, id).await?;
        if here == HandoffState::Pending {
            let Some(row) = store::handoffs::find(tx, id).await? else {
                return Ok(());
            };
            let closing = Closing {
                state: received.state,
                by: None,
                channel: received.channel,
                note: Some("ended on another desk"),
            };
            let now = tx.now();
            store::handoffs::close(tx, id, closing, now).await?;
            let action = match received.state {
                HandoffState::Sent => AuditAction::HandoffSent,
                HandoffState::Revoked => AuditAction::HandoffRevoked,
                _ => AuditAction::HandoffExpired,
            };
            let detail = format!("handoff #{id}, on another desk");
            tx.audit_for_customer(AuditActor::AgencyServer, action, row.customer_id, &detail)
                .await?;
            for (mail_id, _) in store::outbox::cancel_for_handoff(tx, id).await? {
                let detail = format!("mail #{mail_id}, its login ended on another desk");
                tx.audit_for_customer(
                    AuditActor::AgencyServer,
                    AuditAction::MailCancelled,
                    row.customer_id,
                    &detail,
                )
                .await?;
            }
        } else if rank(received.state) > rank(here) {
            agency_logins::set_final_state(tx, id, received.state, received.channel).await?;
        }
        agency_logins::forget_close(tx, received.handoff).await?;
        Ok(())
    }

    /// Within `tx`: a login received for a customer whose pending login this desk holds
    /// replaces it when [`arriving_stays`] says so. False, and nothing changed, when the
    /// one held here stays: a login replayed or arriving late never rolls the account back.
    async fn replace_pending_in(
        &self,
        tx: &mut Change,
        customer_id: CustomerId,
        arriving: &LoginFacts,
    ) -> anyhow::Result<bool> {
        let Some(old) = store::handoffs::pending_for_customer(tx, customer_id).await? else {
            return Ok(true);
        };
        // As its signed record says, which every desk compares alike.
        let held = match agency_logins::find(tx, old)
            .await?
            .and_then(|s| signed_login::facts_of(&s))
        {
            Some(facts) => Lineage {
                uid: facts.handoff,
                replaces: facts.replaces,
                created_at: facts.created_at,
            },
            None => Lineage {
                uid: agency_logins::handoff_uid(tx, old).await?,
                replaces: None,
                created_at: agency_logins::created_at(tx, old).await?,
            },
        };
        let arriving = Lineage {
            uid: arriving.handoff,
            replaces: arriving.replaces,
            created_at: arriving.created_at,
        };
        if !arriving_stays(&held, &arriving) {
            return Ok(false);
        }
        let closing = Closing {
            state: HandoffState::Revoked,
            by: None,
            channel: None,
            note: Some("superseded by a login made on another desk"),
        };
        let now = tx.now();
        store::handoffs::close(tx, old, closing, now).await?;
        let detail = format!("handoff #{old}, superseded by a login made on another desk");
        tx.audit_for_customer(
            AuditActor::AgencyServer,
            AuditAction::HandoffRevoked,
            customer_id,
            &detail,
        )
        .await?;
        Ok(true)
    }

    /// Within `tx`: a login made here whose customer the server does not have (merged into
    /// another customer, or erased) is revoked, as the agency's rules say.
    async fn revoke_unplaced_login(
        &self,
        tx: &mut Change,
        handoff_id: HandoffId,
    ) -> anyhow::Result<()> {
        let Some(row) = store::handoffs::find(tx, handoff_id).await? else {
            return Ok(());
        };
        let closing = Closing {
            state: HandoffState::Revoked,
            by: None,
            channel: None,
            note: Some("its customer is not on the agency server"),
        };
        let now = tx.now();
        if store::handoffs::close(tx, handoff_id, closing, now).await? {
            let detail = format!("handoff #{handoff_id}, its customer is not on the agency server");
            tx.audit_for_customer(
                AuditActor::AgencyServer,
                AuditAction::HandoffRevoked,
                row.customer_id,
                &detail,
            )
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(n: u128, replaces: Option<u128>, minute: i64) -> Lineage {
        Lineage {
            uid: Uuid::from_u128(n),
            replaces: replaces.map(Uuid::from_u128),
            created_at: DateTime::from_timestamp(1_800_000_000 + minute * 60, 0).unwrap(),
        }
    }

    #[test]
    fn a_login_made_knowing_the_held_one_replaces_it_even_with_an_earlier_clock() {
        let held = login(2, Some(1), 10);
        assert!(arriving_stays(&held, &login(3, Some(2), 5)));
        assert!(!arriving_stays(&login(3, Some(2), 5), &held));
    }

    #[test]
    fn of_two_resets_made_without_knowing_each_other_the_first_made_stays() {
        let first = login(2, Some(1), 10);
        let second = login(3, Some(1), 20);
        assert!(!arriving_stays(&first, &second), "the second is superseded");
        assert!(arriving_stays(&second, &first), "the first replaces it");
        // Made in the same instant: the same one stays everywhere.
        let twin = login(4, Some(1), 10);
        assert_ne!(arriving_stays(&first, &twin), arriving_stays(&twin, &first));
    }

    #[test]
    fn a_login_made_without_knowing_of_the_held_one_is_concurrent_with_it() {
        // An agent's desk never receives owners' logins: its reset names another.
        let owners = login(2, Some(1), 10);
        let agents = login(7, None, 20);
        assert!(!arriving_stays(&owners, &agents));
        assert!(arriving_stays(&agents, &owners));
    }
}

//! Staff management by owners and admins.

use super::session::{new_member_keys, replace_member_keys};
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{DisplayName, FieldError, PlainPassword, Role, StaffEmail, StaffId};
use crate::passwords::{generate_password, PasswordPolicy};
use crate::said::Said;
use crate::store::{self, staff::StaffRecord, Tx};
use anyhow::Context;
use keydesk_api::StaffMember;

/// A member and the temporary password they were just given (shown once).
pub struct MemberWithPassword {
    pub member: StaffMember,
    pub temporary_password: PlainPassword,
}

impl Keydesk {
    pub async fn list_staff(&self, actor: &Actor) -> Result<Vec<StaffMember>, ServiceError> {
        self.authorize(actor, Permission::ViewStaff).await?;
        let records = store::staff::list(self.store.reader()).await?;
        Ok(records.iter().map(StaffRecord::to_member).collect())
    }

    /// Adds an agent or admin with a generated temporary password that they must
    /// replace at first sign-in.
    pub async fn add_staff(
        &self,
        actor: &Actor,
        email: &str,
        display_name: &str,
        role: Option<Role>,
    ) -> Result<MemberWithPassword, ServiceError> {
        let actor = self.authorize(actor, Permission::AddStaff).await?;
        self.require_agency_server_for_staff().await?;
        let email = StaffEmail::parse("email", email)?;
        let display_name = DisplayName::parse("display_name", display_name)?;
        let role = match role {
            Some(role @ (Role::Agent | Role::Admin)) => role,
            Some(Role::Owner) => {
                return Err(FieldError::new("role", Said::id("error-staff-new-owner")).into())
            }
            None => return Err(FieldError::new("role", Said::id("error-staff-choose-role")).into()),
        };
        let (password, hash) = self.temporary_password().await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        if store::staff::email_exists(&mut tx, &email).await? {
            return Err(FieldError::new("email", Said::id("error-staff-email-taken")).into());
        }
        let new = store::staff::NewStaff {
            email: &email,
            display_name: &display_name,
            role,
            password_hash: &hash,
            must_change_password: true,
        };
        let id = store::staff::insert(&mut tx, new, now).await?;
        tx.record_member(id, actor.id()).await?;
        // Their keys are sealed under the temporary password, which they replace (and
        // with it the seal) at first sign-in.
        let (_, locked) = new_member_keys(id, &password).await?;
        store::staff_keys::save(&mut tx, id, &locked, now).await?;
        let detail = format!(
            "{} ({}) as {}",
            display_name.as_ref(),
            email.as_ref(),
            role.label()
        );
        tx.audit(AuditActor::Staff(&actor), AuditAction::StaffAdded, &detail)
            .await?;
        let member = member_in(&mut tx, id).await?;
        tx.commit("Failed to add the staff member").await?;
        tracing::info!(staff_id = id.0, "staff member added");
        Ok(MemberWithPassword {
            member,
            temporary_password: password,
        })
    }

    pub async fn set_staff_role(
        &self,
        actor: &Actor,
        target: StaffId,
        role: Role,
    ) -> Result<StaffMember, ServiceError> {
        let actor = self.authorize(actor, Permission::ChangeStaffRole).await?;
        self.require_agency_server_for_staff().await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let record = self.target(&mut tx, &actor, target).await?;
        if actor.role() != Role::Owner && role == Role::Owner {
            return Err(only_owners());
        }
        if record.role == role {
            return Ok(record.to_member());
        }
        if record.role == Role::Owner
            && record.active
            && !other_owner_exists(&mut tx, target).await?
        {
            return Err(ServiceError::conflict(Said::id(
                "error-staff-last-owner-demoted",
            )));
        }
        store::staff::set_role(&mut tx, target, role, now).await?;
        tx.record_member(target, actor.id()).await?;
        if record.role == Role::Owner {
            // A former owner opens no pending login: their keys and every login key
            // wrapped to them go (a new pair comes at their next sign-in).
            store::staff_keys::delete(&mut tx, target).await?;
        }
        let detail = format!(
            "{}: {} → {}",
            record.email.as_ref(),
            record.role.label(),
            role.label()
        );
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::StaffRoleChanged,
            &detail,
        )
        .await?;
        let member = member_in(&mut tx, target).await?;
        tx.commit("Failed to change the role").await?;
        self.session_keys.forget(target);
        if role == Role::Owner {
            self.share_pending_logins(actor.id()).await?;
            if let Err(error) = self.promote_in_roster(&actor, target).await {
                tracing::warn!(%error, "the new owner's desk keys are not an owner's in the agency's roster yet");
            }
        }
        Ok(member)
    }

    /// Disables (ending their sessions) or re-enables a member.
    pub async fn set_staff_active(
        &self,
        actor: &Actor,
        target: StaffId,
        active: bool,
    ) -> Result<StaffMember, ServiceError> {
        let actor = self.authorize(actor, Permission::ChangeStaffStatus).await?;
        self.require_agency_server_for_staff().await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let record = self.target(&mut tx, &actor, target).await?;
        if record.active == active {
            return Ok(record.to_member());
        }
        if !active && record.role == Role::Owner && !other_owner_exists(&mut tx, target).await? {
            return Err(ServiceError::conflict(Said::id(
                "error-staff-last-owner-disabled",
            )));
        }
        store::staff::set_active(&mut tx, target, active, now).await?;
        tx.record_member(target, actor.id()).await?;
        if !active {
            // A disabled member opens no pending login; re-enabled, they get new keys at
            // their next sign-in.
            store::staff_keys::delete(&mut tx, target).await?;
        }
        let action = if active {
            AuditAction::StaffEnabled
        } else {
            AuditAction::StaffDisabled
        };
        tx.audit(AuditActor::Staff(&actor), action, record.email.as_ref())
            .await?;
        let member = member_in(&mut tx, target).await?;
        tx.commit("Failed to change the member's status").await?;
        if !active {
            self.session_keys.forget(target);
        }
        Ok(member)
    }

    /// Gives a member a new temporary password and ends their sessions.
    pub async fn reset_staff_password(
        &self,
        actor: &Actor,
        target: StaffId,
    ) -> Result<MemberWithPassword, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ResetStaffPassword)
            .await?;
        let (role, active) = {
            let mut tx = self.begin_change().await?;
            let record = self.target(&mut tx, &actor, target).await?;
            tx.commit("Failed to read the member").await?;
            (record.role, record.active)
        };
        let (password, hash) = self.temporary_password().await?;
        // A new key pair under the new temporary password: nobody else knew the old
        // password, so the old keys could no longer be opened.
        let (pair, locked) = new_member_keys(target, &password).await?;
        // On an agency's desk, the agency's roster takes the new keys first (online). A
        // disabled member holds no keys there, and gets none.
        let replaced = if active {
            self.replace_keys_for_reset(&actor, target, role, &pair.public())
                .await?
        } else {
            None
        };
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let record = self.target(&mut tx, &actor, target).await?;
        store::staff::set_password(&mut tx, target, &hash, true, now).await?;
        replace_member_keys(&mut tx, target, &locked, now).await?;
        let by = AuditActor::Staff(&actor);
        tx.audit(by, AuditAction::StaffPasswordReset, record.email.as_ref())
            .await?;
        let member = member_in(&mut tx, target).await?;
        tx.commit("Failed to reset the password").await?;
        self.session_keys.forget(target);
        if record.role == Role::Owner {
            self.share_pending_logins(actor.id()).await?;
        }
        if let Some(replaced) = replaced {
            // The reset is kept and its password must reach the owner: logins left out
            // here are sealed anew at this desk's next sync.
            if let Err(error) = self.reseal_after_reset(replaced).await {
                tracing::warn!(%error, "pending logins not yet sealed for the new keys");
            }
        }
        Ok(MemberWithPassword {
            member,
            temporary_password: password,
        })
    }

    /// The member an owner or admin acts on. Nobody manages their own account from the
    /// staff page (that is what My account is for), and admins cannot act on owners.
    async fn target(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        target: StaffId,
    ) -> Result<StaffRecord, ServiceError> {
        let record = store::staff::find_by_id_in(tx, target)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if record.id == actor.id() {
            return Err(ServiceError::conflict(Said::id("error-staff-own-account")));
        }
        if record.role == Role::Owner && actor.role() != Role::Owner {
            return Err(only_owners());
        }
        Ok(record)
    }

    async fn temporary_password(
        &self,
    ) -> anyhow::Result<(PlainPassword, crate::domain::PasswordHash)> {
        let password = generate_password(&PasswordPolicy::default())
            .map_err(|e| anyhow::anyhow!("The default password policy is invalid: {e}"))?;
        let hash = auth::hash_password(password.clone()).await?;
        Ok((password, hash))
    }
}

fn only_owners() -> ServiceError {
    ServiceError::not_allowed(Said::id("error-staff-only-owners"))
}

async fn other_owner_exists(tx: &mut Tx, except: StaffId) -> anyhow::Result<bool> {
    Ok(store::staff::count_other_active_owners(tx, except).await? > 0)
}

async fn member_in(tx: &mut Tx, id: StaffId) -> anyhow::Result<StaffMember> {
    Ok(store::staff::find_by_id_in(tx, id)
        .await?
        .context("The staff member vanished")?
        .to_member())
}

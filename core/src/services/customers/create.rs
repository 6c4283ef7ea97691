//! Creating and editing customers: the form parsed into a [`NewCustomer`] (every
//! problem named at once), a customer never created twice, an edit never overwriting
//! someone else's change.

use super::super::credentials::{NewLogin, PreparedLogin};
use super::super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, FieldError, FreeText, NewCustomer, RegionCode};
use crate::said::Said;
use crate::store::{self, customers::CustomerFields};
use anyhow::Context;
use keydesk_api::{
    CreateCustomerOutcome, Customer, CustomerField, CustomerInput, ExistingCustomer, FieldProblem,
    Tier,
};

/// What the store writes for a parsed customer form.
pub(in super::super) fn customer_fields(customer: &NewCustomer) -> CustomerFields<'_> {
    fn optional(text: &FreeText) -> Option<&str> {
        Some(text.as_ref()).filter(|s| !s.is_empty())
    }
    CustomerFields {
        email: customer.email.as_ref(),
        first_name: customer.first_name.as_ref(),
        last_name: customer.last_name.as_ref(),
        phone: customer.phone.as_ref().map(AsRef::as_ref),
        company: optional(&customer.company),
        address: optional(&customer.address),
        city: optional(&customer.city),
        country: customer.country.as_ref().map(RegionCode::as_str),
        birth_date: customer.birth_date.map(|d| d.date().to_string()),
        preferred_language: optional(&customer.preferred_language),
        contact_method: customer.contact_method,
        tier: customer.tier.unwrap_or(Tier::Bronze),
        notes: customer.notes.as_ref(),
        marketing_consent: customer.marketing_consent,
        gender: customer.gender,
        special_requirements: customer.special_requirements.as_ref(),
    }
}

/// The refusal saving reports: the first of a form's problems.
fn first_problem(problems: Vec<FieldError>) -> ServiceError {
    problems.into_iter().next().map_or_else(
        || ServiceError::Unexpected(anyhow::anyhow!("A customer form was refused for no reason")),
        ServiceError::from,
    )
}
impl Keydesk {
    /// Every problem of a customer form, field by field, with the same messages saving
    /// would give; nothing is written. Lets the form show errors as the person types.
    pub async fn check_customer(
        &self,
        actor: &Actor,
        input: &CustomerInput,
    ) -> Result<Vec<FieldProblem>, ServiceError> {
        self.authorize(actor, Permission::CreateCustomer).await?;
        let today = self.clock.now().date_naive();
        let problems = NewCustomer::parse(input, today, self.default_phone_region().await?)
            .err()
            .unwrap_or_default();
        Ok(problems
            .into_iter()
            .map(|error| FieldProblem {
                field: error.field.to_owned(),
                message: error.message,
            })
            .collect())
    }

    /// Creates a customer linked to its creator, or reports the existing customer with
    /// that email: a customer never exists twice. No login is generated here; the form's
    /// "generate login" goes through [`Keydesk::create_customer_with_login`].
    pub async fn create_customer(
        &self,
        actor: &Actor,
        input: CustomerInput,
    ) -> Result<CreateCustomerOutcome, ServiceError> {
        Ok(self.create_customer_issuing(actor, input, None).await?.0)
    }

    /// Creates a customer as [`Keydesk::create_customer`] does and, when `login` is
    /// given, issues it in the same transaction.
    pub(in super::super) async fn create_customer_issuing(
        &self,
        actor: &Actor,
        input: CustomerInput,
        login: Option<&PreparedLogin>,
    ) -> Result<(CreateCustomerOutcome, Option<NewLogin>), ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let now = self.clock.now();
        let parsed =
            NewCustomer::parse(&input, now.date_naive(), self.default_phone_region().await?)
                .map_err(first_problem)?;
        let mut tx = self.begin_change_at(now).await?;
        if let Some(existing_id) =
            store::customers::find_id_by_email(&mut tx, parsed.email.as_ref()).await?
        {
            drop(tx);
            // A member who may not see the customer learns only that it exists (which
            // the unique email gives away anyway) and gets an offer to link it.
            let existing = if self.may_see(&actor, existing_id).await? {
                ExistingCustomer::Visible {
                    customer_id: existing_id.0,
                }
            } else {
                ExistingCustomer::Linkable {
                    link_token: self.offer_customer_link(existing_id, actor.id())?,
                }
            };
            let outcome = CreateCustomerOutcome::Duplicate { existing };
            return Ok((outcome, None));
        }
        let id =
            store::customers::insert(&mut tx, &customer_fields(&parsed), actor.id(), now).await?;
        store::customers::link_agent(&mut tx, id, actor.id(), true, actor.id(), now).await?;
        tx.record_customer_created(id, actor.id()).await?;
        let detail = format!("customer #{id}");
        tx.audit_for_customer(
            AuditActor::Staff(&actor),
            AuditAction::CustomerCreated,
            id,
            &detail,
        )
        .await?;
        let issued = match login {
            Some(login) => {
                let email = parsed.email.as_ref();
                Some(
                    self.issue_login_in(&mut tx, &actor, id, email, login, now)
                        .await?,
                )
            }
            None => None,
        };
        tx.commit("Failed to save the customer").await?;
        let customer = store::customers::find(self.store.reader(), id)
            .await?
            .context("The new customer vanished")?;
        let outcome = CreateCustomerOutcome::Created {
            customer: Box::new(customer),
        };
        Ok((outcome, issued))
    }

    /// Saves an edit made from `expected_version`. If someone changed the customer in
    /// the meantime the edit is refused, naming who and when, and nothing is written.
    pub async fn update_customer(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        expected_version: i64,
        input: CustomerInput,
    ) -> Result<Customer, ServiceError> {
        let current = self.customer(actor, customer_id).await?;
        let now = self.clock.now();
        let parsed =
            NewCustomer::parse(&input, now.date_naive(), self.default_phone_region().await?)
                .map_err(first_problem)?;
        let mut tx = self.begin_change_at(now).await?;
        if let Some(other) =
            store::customers::find_id_by_email(&mut tx, parsed.email.as_ref()).await?
        {
            if other != customer_id {
                return Err(FieldError::new(
                    CustomerField::Email.as_str(),
                    Said::id("error-customer-email-taken"),
                )
                .into());
            }
        }
        let before = tx.customer_before(customer_id).await?;
        let written = store::customers::update_if_version(
            &mut tx,
            customer_id,
            expected_version,
            &customer_fields(&parsed),
            actor.id(),
            now,
        )
        .await?;
        if !written {
            drop(tx);
            let changed =
                match store::customers::last_change(self.store.reader(), customer_id).await? {
                    Some((who, when)) => Said::id("error-customer-changed")
                        .arg("who", who)
                        .arg("when", when.format("%Y-%m-%d %H:%M UTC").to_string()),
                    None => Said::id("error-customer-changed-by-someone")
                        .arg("when", now.format("%Y-%m-%d %H:%M UTC").to_string()),
                };
            return Err(ServiceError::conflict(changed));
        }
        let detail = format!(
            "customer #{customer_id} (version {} → {})",
            current.version,
            current.version + 1
        );
        tx.record_customer_edit(before, actor.id()).await?;
        tx.audit_for_customer(
            AuditActor::Staff(actor),
            AuditAction::CustomerEdited,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit("Failed to save the customer").await?;
        self.customer(actor, customer_id).await
    }
}

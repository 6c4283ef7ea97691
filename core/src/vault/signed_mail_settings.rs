//! The agency's mail settings as they travel between desks: the SMTP server in the clear,
//! its password sealed under a key of its own, that key wrapped (HPKE) to every active
//! desk key of the roster, and the whole signed by an owner's desk.
//!
//! Every desk sends the mail it queued, so every desk needs the password; the server that
//! passes it on must not learn it, and must not be able to send desks to a mail server of
//! its choosing: desks take settings only when an active owner key of the roster signed
//! them. A revoked desk gets no wrap in any later version.

use super::owner_keys::{Dek, OwnerKeyPair};
use super::roster::Roster;
use super::signed_record::{base64_bytes, unwrap_key, wrap_key, KeyWrap, Signed, Unwrapped};
use super::{seal, unseal, Sealed};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;
use zeroize::Zeroizing;

/// What each version's signature covers before its text.
const SIGNED_PREFIX: &[u8] = b"keydesk mail settings v1\n";

/// The most desk keys one version is wrapped to.
const MAX_WRAPS: usize = 256;

/// Who set which settings, and when: everything but the sealed password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsFacts {
    pub agency: Uuid,
    /// 1 for the first version the agency's server holds, then one more each time.
    pub version: i64,
    /// The SMTP server, sender and limits (no password), as the desks store them.
    pub settings: serde_json::Value,
    /// The owner's desk that signed this version, and its member.
    pub desk: Uuid,
    pub set_by: Uuid,
    pub at: DateTime<Utc>,
    /// A desk revoked since held this password: the owners should change it at the mail
    /// provider (cleared by a version with a new password).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub password_exposed: bool,
    /// The agency's language for mails to customers whose own language Keydesk does not
    /// speak, so that every desk writes them alike (absent from versions signed before
    /// it was shared). Kept as its code: a desk that does not speak a language added
    /// later still reads the rest of the version, and keeps its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_language: Option<String>,
}

/// One version as signed: its text is the JSON of this, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsRecord {
    #[serde(flatten)]
    pub facts: MailSettingsFacts,
    /// The password sealed under the version's key; absent for a server without sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<SealedPassword>,
    pub wraps: Vec<KeyWrap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedPassword {
    #[serde(with = "base64_bytes")]
    pub nonce: Vec<u8>,
    #[serde(with = "base64_bytes")]
    pub ciphertext: Vec<u8>,
}

/// A version as it travels: the text, its signer and the signature.
pub type SignedMailSettings = Signed;

/// Why a desk does not take or open a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingsRefused {
    #[error("they are not signed by an owner's desk the agency's keys list")]
    NotSigned,
    #[error("they cannot be read")]
    Unreadable,
    #[error("they were not sealed to this desk")]
    NotForThisKey,
    #[error("they do not open")]
    Damaged,
}

fn sealed_aad(facts: &MailSettingsFacts) -> Vec<u8> {
    format!(
        "keydesk mail settings: agency {} version {}",
        facts.agency, facts.version
    )
    .into_bytes()
}

fn wrap_info(facts: &MailSettingsFacts, recipient: &[u8; 32]) -> Vec<u8> {
    format!(
        "keydesk mail settings key: agency {} version {} recipient {}",
        facts.agency,
        facts.version,
        hex::encode(recipient)
    )
    .into_bytes()
}

/// Seals `password` (if any) for every active desk key of `roster`, and signs the version
/// with `signer`, an owner's keys.
pub fn seal_settings(
    roster: &Roster,
    signer: &OwnerKeyPair,
    facts: MailSettingsFacts,
    password: Option<&[u8]>,
) -> anyhow::Result<SignedMailSettings> {
    let dek = Dek::generate()?;
    let password = password
        .map(|password| seal(&dek, &sealed_aad(&facts), password))
        .transpose()?
        .map(|sealed| SealedPassword {
            nonce: sealed.nonce,
            ciphertext: sealed.ciphertext,
        });
    let wraps = wrap_key(roster.active_keys(), |r| wrap_info(&facts, r), &dek)?;
    let record = MailSettingsRecord {
        facts,
        password,
        wraps,
    };
    let body = serde_json::to_string(&record).expect("mail settings serialize");
    Ok(Signed::sign(SIGNED_PREFIX, body, signer))
}

/// The version's record, when an active owner key of `roster` signed it for this agency.
pub fn check(
    roster: &Roster,
    signed: &SignedMailSettings,
) -> Result<MailSettingsRecord, SettingsRefused> {
    let Some(owner) = roster.active_owner(&signed.signer) else {
        return Err(SettingsRefused::NotSigned);
    };
    if !signed.holds(SIGNED_PREFIX) {
        return Err(SettingsRefused::NotSigned);
    }
    let record: MailSettingsRecord =
        serde_json::from_str(&signed.body).map_err(|_| SettingsRefused::Unreadable)?;
    if record.wraps.len() > MAX_WRAPS
        || record.facts.agency != roster.agency()
        || record.facts.desk != owner.desk
        || record.facts.set_by != owner.member
    {
        return Err(SettingsRefused::Unreadable);
    }
    Ok(record)
}

/// Whether `record` is not wrapped to exactly the active desk keys of `roster` (a desk
/// joined or was revoked since): an owner's desk should seal a new version.
pub fn needs_rewrap(roster: &Roster, record: &MailSettingsRecord) -> bool {
    let active: BTreeSet<[u8; 32]> = roster.active_keys().map(|k| k.keys.signing).collect();
    let wrapped: BTreeSet<[u8; 32]> = record.wraps.iter().map(|w| w.recipient).collect();
    active != wrapped
}

/// The password of a checked version (`None`: it has none), opened with `keys`.
pub fn open(
    record: &MailSettingsRecord,
    keys: &OwnerKeyPair,
) -> Result<Option<Zeroizing<Vec<u8>>>, SettingsRefused> {
    let Some(password) = &record.password else {
        return Ok(None);
    };
    let dek =
        unwrap_key(&record.wraps, keys, |r| wrap_info(&record.facts, r)).map_err(|e| match e {
            Unwrapped::NotForThisKey => SettingsRefused::NotForThisKey,
            Unwrapped::Damaged => SettingsRefused::Damaged,
        })?;
    let sealed = Sealed {
        nonce: password.nonce.clone(),
        ciphertext: password.ciphertext.clone(),
    };
    unseal(&dek, &sealed_aad(&record.facts), &sealed)
        .map(Some)
        .map_err(|_| SettingsRefused::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::roster::{fingerprint, RosterChange, RosterRole, SignedEntry};

    struct Agency {
        roster: Roster,
        owner: OwnerKeyPair,
        owner_desk: Uuid,
        owner_member: Uuid,
        agent: OwnerKeyPair,
    }

    fn agency() -> Agency {
        let owner = OwnerKeyPair::generate().unwrap();
        let agent = OwnerKeyPair::generate().unwrap();
        let (owner_desk, owner_member) = (Uuid::now_v7(), Uuid::now_v7());
        let mut roster = Roster::new(Uuid::now_v7(), &fingerprint(&owner.public().signing));
        for (desk, member, role, keys) in [
            (owner_desk, owner_member, RosterRole::Owner, &owner),
            (Uuid::now_v7(), Uuid::now_v7(), RosterRole::Agent, &agent),
        ] {
            let change = RosterChange::Add {
                desk,
                member,
                role,
                hpke: keys.public().hpke,
                signing: keys.public().signing,
            };
            let entry = roster.next_entry(change, Utc::now());
            roster.extend(SignedEntry::sign(&entry, &owner)).unwrap();
        }
        Agency {
            roster,
            owner,
            owner_desk,
            owner_member,
            agent,
        }
    }

    fn facts(a: &Agency, version: i64) -> MailSettingsFacts {
        MailSettingsFacts {
            agency: a.roster.agency(),
            version,
            settings: serde_json::json!({"host": "smtp.example.com", "port": 587}),
            desk: a.owner_desk,
            set_by: a.owner_member,
            at: Utc::now(),
            password_exposed: false,
            mail_language: None,
        }
    }

    #[test]
    fn every_desk_opens_the_password_and_the_text_never_holds_it() {
        let a = agency();
        let signed =
            seal_settings(&a.roster, &a.owner, facts(&a, 1), Some(b"smtp secret 1")).unwrap();
        assert!(!signed.body.contains("smtp secret 1"));
        let record = check(&a.roster, &signed).unwrap();
        for keys in [&a.owner, &a.agent] {
            let password = open(&record, keys).unwrap().unwrap();
            assert_eq!(password.as_slice(), b"smtp secret 1");
        }
        assert!(!needs_rewrap(&a.roster, &record));
        let stranger = OwnerKeyPair::generate().unwrap();
        assert_eq!(
            open(&record, &stranger),
            Err(SettingsRefused::NotForThisKey)
        );
    }

    #[test]
    fn only_an_owner_key_of_the_roster_signs_settings_a_desk_takes() {
        let a = agency();
        // An agent's desk (in the roster, not an owner) cannot send desks elsewhere.
        let by_agent = seal_settings(&a.roster, &a.agent, facts(&a, 1), Some(b"x")).unwrap();
        assert_eq!(check(&a.roster, &by_agent), Err(SettingsRefused::NotSigned));
        // A changed text breaks the signature.
        let mut signed = seal_settings(&a.roster, &a.owner, facts(&a, 1), Some(b"x")).unwrap();
        signed.body = signed
            .body
            .replace("smtp.example.com", "smtp.attacker.test");
        assert_eq!(check(&a.roster, &signed), Err(SettingsRefused::NotSigned));
        // A stranger's key, however well it signs, is not in the roster.
        let stranger = OwnerKeyPair::generate().unwrap();
        let planted = seal_settings(&a.roster, &stranger, facts(&a, 1), Some(b"x")).unwrap();
        assert_eq!(check(&a.roster, &planted), Err(SettingsRefused::NotSigned));
    }

    #[test]
    fn a_revoked_desk_is_left_out_of_the_next_version() {
        let mut a = agency();
        let record = check(
            &a.roster,
            &seal_settings(&a.roster, &a.owner, facts(&a, 1), Some(b"x")).unwrap(),
        )
        .unwrap();
        let entry = a.roster.next_entry(
            RosterChange::Revoke {
                signing: a.agent.public().signing,
            },
            Utc::now(),
        );
        a.roster
            .extend(SignedEntry::sign(&entry, &a.owner))
            .unwrap();
        assert!(
            needs_rewrap(&a.roster, &record),
            "the revoked desk holds a wrap"
        );
        let next = check(
            &a.roster,
            &seal_settings(&a.roster, &a.owner, facts(&a, 2), Some(b"y")).unwrap(),
        )
        .unwrap();
        assert!(!needs_rewrap(&a.roster, &next));
        assert_eq!(open(&next, &a.agent), Err(SettingsRefused::NotForThisKey));
    }
}

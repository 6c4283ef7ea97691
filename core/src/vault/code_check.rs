//! A verification code typed at one desk, on its way to the desk that mailed it: sealed
//! under a key of its own, that key wrapped (HPKE) to the holding desk's key, so the
//! server that passes it on cannot read it.

use super::owner_keys::{self, Dek, OwnerKeyPair, PublicKeys, Wrapped};
use super::{seal, unseal, Sealed};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

#[derive(Serialize, Deserialize)]
struct SealedCode {
    #[serde(with = "super::signed_record::base64_bytes")]
    encapsulated_key: Vec<u8>,
    #[serde(with = "super::signed_record::base64_bytes")]
    wrapped_key: Vec<u8>,
    #[serde(with = "super::signed_record::base64_bytes")]
    nonce: Vec<u8>,
    #[serde(with = "super::signed_record::base64_bytes")]
    ciphertext: Vec<u8>,
}

/// Binds the sealed code to its check and customer: it opens for nothing else.
fn context(check: Uuid, customer: Uuid) -> Vec<u8> {
    format!("keydesk verification code check {check} customer {customer}").into_bytes()
}

/// What the holding desk reads: the typed code, and a proof it returns when the code is
/// right (only the asking desk and the holder know it).
pub struct Question {
    pub typed: Zeroizing<String>,
    pub proof: String,
}

/// `typed` and `proof`, sealed for the desk whose public keys are `holder`.
pub fn seal_code(
    holder: &PublicKeys,
    check: Uuid,
    customer: Uuid,
    typed: &str,
    proof: &str,
) -> anyhow::Result<String> {
    let dek = Dek::generate()?;
    let info = context(check, customer);
    let plain = Zeroizing::new(format!("{typed}\n{proof}"));
    let sealed = seal(&dek, &info, plain.as_bytes())?;
    let wrapped = owner_keys::wrap_to(&holder.hpke, &info, &dek)?;
    Ok(serde_json::to_string(&SealedCode {
        encapsulated_key: wrapped.encapsulated_key,
        wrapped_key: wrapped.ciphertext,
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
    })?)
}

/// The question in `body`, opened with the holding desk's `keys`; `None` when it does
/// not open (not sealed for these keys, or changed on the way).
pub fn open_code(keys: &OwnerKeyPair, check: Uuid, customer: Uuid, body: &str) -> Option<Question> {
    let sealed: SealedCode = serde_json::from_str(body).ok()?;
    let info = context(check, customer);
    let dek = owner_keys::unwrap(
        keys,
        &info,
        &Wrapped {
            encapsulated_key: sealed.encapsulated_key,
            ciphertext: sealed.wrapped_key,
        },
    )
    .ok()?;
    let plain = unseal(
        &dek,
        &info,
        &Sealed {
            nonce: sealed.nonce,
            ciphertext: sealed.ciphertext,
        },
    )
    .ok()?;
    let plain = Zeroizing::new(String::from_utf8(plain.to_vec()).ok()?);
    let (typed, proof) = plain.split_once('\n')?;
    Some(Question {
        typed: Zeroizing::new(typed.to_owned()),
        proof: proof.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_holding_desk_opens_the_code_and_only_for_its_check() {
        let holder = OwnerKeyPair::generate().unwrap();
        let other = OwnerKeyPair::generate().unwrap();
        let (check, customer) = (Uuid::now_v7(), Uuid::now_v7());
        let body = seal_code(&holder.public(), check, customer, "123456", "proof-1").unwrap();
        assert!(!body.contains("123456") && !body.contains("proof-1"));
        let question = open_code(&holder, check, customer, &body).unwrap();
        assert_eq!(question.typed.as_str(), "123456");
        assert_eq!(question.proof, "proof-1");
        assert!(open_code(&other, check, customer, &body).is_none());
        assert!(open_code(&holder, Uuid::now_v7(), customer, &body).is_none());
    }
}

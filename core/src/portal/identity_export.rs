//! Portal accounts in the import shapes of Auth0 and Keycloak.
//!
//! Both take the argon2id hash as it is, so customers keep the password they were handed:
//! Auth0 reads the PHC string itself (`custom_password_hash`), Keycloak wants its parts
//! (parameters in `credentialData`, salt and output in `secretData`).

use crate::domain::PasswordHash;
use crate::said::{display_in_english, Explain, Said};
use anyhow::Context;
use argon2::password_hash::phc::PasswordHash as PhcHash;
use base64::Engine as _;
use serde::Serialize;

/// A stored hash an identity product could not use: the export stops and says whose.
#[derive(Debug, thiserror::Error)]
pub struct UnexportableHash {
    pub email: String,
}

impl Explain for UnexportableHash {
    fn explain(&self) -> Said {
        Said::id("error-portal-unexportable-hash").arg("email", self.email.as_str())
    }
}

display_in_english!(UnexportableHash);

/// Auth0 refuses an import file larger than 500 KB; a part stays under this.
pub const AUTH0_FILE_LIMIT: usize = 500 * 1000;

/// One customer's portal account, as the identity products are told of it.
#[derive(Debug, Clone)]
pub struct PortalAccount {
    /// The customer's id across the agency's desks (stable, never reused).
    pub user_id: String,
    pub email: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub password_hash: PasswordHash,
    pub must_change_password: bool,
    pub verified: bool,
    /// Archived customers may not sign in.
    pub disabled: bool,
}

#[derive(Serialize)]
struct Auth0User<'a> {
    user_id: &'a str,
    email: &'a str,
    email_verified: bool,
    given_name: &'a str,
    family_name: &'a str,
    name: String,
    blocked: bool,
    custom_password_hash: Auth0Hash<'a>,
    app_metadata: Auth0Metadata,
}

#[derive(Serialize)]
struct Auth0Hash<'a> {
    algorithm: &'static str,
    hash: Auth0HashValue<'a>,
}

#[derive(Serialize)]
struct Auth0HashValue<'a> {
    value: &'a str,
    encoding: &'static str,
}

/// Auth0 has no "must change" flag: the portal reads it from the app metadata.
#[derive(Serialize)]
struct Auth0Metadata {
    must_change_password: bool,
}

/// The accounts as Auth0 bulk-import files: JSON arrays, each under
/// [`AUTH0_FILE_LIMIT`] bytes. No accounts make one empty array. Customers sign in to
/// Auth0 with their email: Auth0's usernames are too short for the emails Keydesk's
/// usernames are.
pub fn auth0_files(accounts: &[PortalAccount]) -> Result<Vec<Vec<u8>>, ExportError> {
    let mut files = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    for account in accounts {
        argon2id(account)?;
        let user = Auth0User {
            user_id: &account.user_id,
            email: &account.email,
            email_verified: account.verified,
            given_name: &account.first_name,
            family_name: &account.last_name,
            name: full_name(account),
            blocked: account.disabled,
            custom_password_hash: Auth0Hash {
                algorithm: "argon2",
                hash: Auth0HashValue {
                    value: account.password_hash.as_phc(),
                    encoding: "utf8",
                },
            },
            app_metadata: Auth0Metadata {
                must_change_password: account.must_change_password,
            },
        };
        let json = serde_json::to_vec(&user).context("Failed to write an Auth0 user")?;
        // "[", the users joined by ",\n", "]\n".
        if !current.is_empty() && current.len() + 2 + json.len() + 2 > AUTH0_FILE_LIMIT {
            current.extend_from_slice(b"]\n");
            files.push(std::mem::take(&mut current));
        }
        current.extend_from_slice(if current.is_empty() { b"[" } else { b",\n" });
        current.extend_from_slice(&json);
    }
    if current.is_empty() {
        current.push(b'[');
    }
    current.extend_from_slice(b"]\n");
    files.push(current);
    Ok(files)
}

#[derive(Serialize)]
struct KeycloakImport<'a> {
    users: Vec<KeycloakUser<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakUser<'a> {
    id: &'a str,
    username: &'a str,
    email: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    enabled: bool,
    email_verified: bool,
    credentials: [KeycloakCredential; 1],
    required_actions: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakCredential {
    #[serde(rename = "type")]
    kind: &'static str,
    /// JSON in a string, as Keycloak stores it.
    credential_data: String,
    secret_data: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakCredentialData {
    hash_iterations: u32,
    algorithm: &'static str,
    additional_parameters: KeycloakArgon2Parameters,
}

/// Keycloak keeps each parameter as a list of strings.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakArgon2Parameters {
    hash_length: [String; 1],
    memory: [String; 1],
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    version: [&'static str; 1],
    parallelism: [String; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeycloakSecretData {
    value: String,
    salt: String,
    additional_parameters: serde_json::Map<String, serde_json::Value>,
}

/// The accounts as one Keycloak partial-import file (`{"users": [...]}`).
pub fn keycloak_file(accounts: &[PortalAccount]) -> Result<Vec<u8>, ExportError> {
    let users = accounts
        .iter()
        .map(keycloak_user)
        .collect::<Result<Vec<_>, _>>()?;
    let mut json = serde_json::to_vec_pretty(&KeycloakImport { users })
        .context("Failed to write the Keycloak users")?;
    json.push(b'\n');
    Ok(json)
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Hash(#[from] UnexportableHash),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// The parts of an account's argon2id hash, or why it is not one.
struct Argon2idParts {
    params: argon2::Params,
    salt: Vec<u8>,
    output: Vec<u8>,
}

fn argon2id(account: &PortalAccount) -> Result<Argon2idParts, UnexportableHash> {
    let unexportable = || UnexportableHash {
        email: account.email.clone(),
    };
    let phc = PhcHash::new(account.password_hash.as_phc()).map_err(|_| unexportable())?;
    if phc.algorithm.as_str() != "argon2id" || phc.version != Some(0x13) {
        return Err(unexportable());
    }
    let params = argon2::Params::try_from(&phc).map_err(|_| unexportable())?;
    let salt = phc.salt.ok_or_else(unexportable)?;
    let output = phc.hash.ok_or_else(unexportable)?;
    Ok(Argon2idParts {
        params,
        salt: AsRef::<[u8]>::as_ref(&salt).to_vec(),
        output: output.as_bytes().to_vec(),
    })
}

fn keycloak_user(account: &PortalAccount) -> Result<KeycloakUser<'_>, ExportError> {
    let Argon2idParts {
        params,
        salt: salt_bytes,
        output,
    } = argon2id(account)?;
    let standard = base64::engine::general_purpose::STANDARD;
    let credential_data = KeycloakCredentialData {
        hash_iterations: params.t_cost(),
        algorithm: "argon2",
        additional_parameters: KeycloakArgon2Parameters {
            hash_length: [output.len().to_string()],
            memory: [params.m_cost().to_string()],
            kind: ["id"],
            version: ["1.3"],
            parallelism: [params.p_cost().to_string()],
        },
    };
    let secret_data = KeycloakSecretData {
        value: standard.encode(&output),
        salt: standard.encode(salt_bytes),
        additional_parameters: serde_json::Map::new(),
    };
    let mut required_actions = Vec::new();
    if account.must_change_password {
        required_actions.push("UPDATE_PASSWORD");
    }
    Ok(KeycloakUser {
        id: &account.user_id,
        username: &account.username,
        email: &account.email,
        first_name: &account.first_name,
        last_name: &account.last_name,
        enabled: !account.disabled,
        email_verified: account.verified,
        credentials: [KeycloakCredential {
            kind: "password",
            credential_data: serde_json::to_string(&credential_data)
                .context("Failed to write a Keycloak credential")?,
            secret_data: serde_json::to_string(&secret_data)
                .context("Failed to write a Keycloak credential")?,
        }],
        required_actions,
    })
}

fn full_name(account: &PortalAccount) -> String {
    format!("{} {}", account.first_name, account.last_name)
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::PasswordHasher;

    fn account(n: usize, password: &str) -> PortalAccount {
        let hasher = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(64, 1, 1, Some(32)).unwrap(),
        );
        let phc = hasher.hash_password(password.as_bytes()).unwrap();
        PortalAccount {
            user_id: format!("0193a0b0c0d0e0f0a0b0c0d0e0f0{n:04x}"),
            email: format!("customer{n}@example.com"),
            username: format!("customer{n}"),
            first_name: "Ana".into(),
            last_name: "Lima".into(),
            password_hash: PasswordHash::from_phc(phc.to_string()),
            must_change_password: n.is_multiple_of(2),
            verified: n.is_multiple_of(3),
            disabled: false,
        }
    }

    #[test]
    fn auth0_files_stay_under_the_limit_and_hold_every_user_once() {
        let accounts: Vec<_> = (0..2_000).map(|n| account(n % 7, "pw")).collect();
        let files = auth0_files(&accounts).unwrap();
        assert!(files.len() > 1, "2,000 users do not fit in one 500 KB file");
        let mut seen = 0;
        for file in &files {
            assert!(
                file.len() <= AUTH0_FILE_LIMIT,
                "a part is {} bytes",
                file.len()
            );
            let users: Vec<serde_json::Value> = serde_json::from_slice(file).unwrap();
            seen += users.len();
        }
        assert_eq!(seen, 2_000);
    }

    #[test]
    fn an_auth0_user_carries_the_phc_hash_and_the_flags() {
        let one = account(6, "correct horse");
        let files = auth0_files(std::slice::from_ref(&one)).unwrap();
        let users: serde_json::Value = serde_json::from_slice(&files[0]).unwrap();
        let user = &users[0];
        assert_eq!(user["custom_password_hash"]["algorithm"], "argon2");
        assert_eq!(
            user["custom_password_hash"]["hash"]["value"],
            one.password_hash.as_phc()
        );
        assert_eq!(user["email_verified"], true);
        assert_eq!(user["app_metadata"]["must_change_password"], true);
        assert_eq!(user["name"], "Ana Lima");
        assert!(auth0_files(&[]).unwrap() == vec![b"[]\n".to_vec()]);
    }

    #[test]
    fn a_keycloak_credential_rebuilds_the_same_argon2id_output() {
        use argon2::PasswordVerifier as _;
        let one = account(1, "correct horse");
        let file: serde_json::Value =
            serde_json::from_slice(&keycloak_file(&[one]).unwrap()).unwrap();
        let credential = &file["users"][0]["credentials"][0];
        let data: serde_json::Value =
            serde_json::from_str(credential["credentialData"].as_str().unwrap()).unwrap();
        let secret: serde_json::Value =
            serde_json::from_str(credential["secretData"].as_str().unwrap()).unwrap();
        assert_eq!(data["algorithm"], "argon2");
        assert_eq!(data["additionalParameters"]["type"][0], "id");
        let standard = base64::engine::general_purpose::STANDARD;
        let salt = standard.decode(secret["salt"].as_str().unwrap()).unwrap();
        let value = standard.decode(secret["value"].as_str().unwrap()).unwrap();
        // The parts, put back together as PHC, verify the password.
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
        let phc = format!(
            "$argon2id$v=19$m={},t={},p={}${}${}",
            data["additionalParameters"]["memory"][0].as_str().unwrap(),
            data["hashIterations"],
            data["additionalParameters"]["parallelism"][0]
                .as_str()
                .unwrap(),
            b64.encode(salt),
            b64.encode(value)
        );
        let parsed = PhcHash::new(&phc).unwrap();
        assert!(argon2::Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        assert_eq!(file["users"][0]["requiredActions"], serde_json::json!([]));
    }

    #[test]
    fn a_hash_that_is_not_argon2id_is_refused_not_exported() {
        let mut one = account(2, "pw");
        one.password_hash = PasswordHash::from_phc("$2b$10$abcdefghijklmnopqrstuv".into());
        let refused = |result: Result<_, ExportError>| match result {
            Err(ExportError::Hash(UnexportableHash { email })) => email,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(
            refused(keycloak_file(std::slice::from_ref(&one))),
            "customer2@example.com"
        );
        assert_eq!(
            refused(auth0_files(&[one]).map(|_| Vec::new())),
            "customer2@example.com"
        );
    }
}

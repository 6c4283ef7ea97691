//! The agency's customer portal when there is no agency server: Keydesk writes its
//! accounts in the shapes identity products import, and reads back the sign-ins the
//! portal reports. Neither ever holds a password, only its argon2id hash.

pub mod identity_export;
pub mod sign_in_file;

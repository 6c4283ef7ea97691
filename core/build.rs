//! Rebuilds the core when a migration is added: `sqlx::migrate!` embeds the migration
//! folders at compile time, and cargo only notices changed source files by itself.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=../server/migrations");
}

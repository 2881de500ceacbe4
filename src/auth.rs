//! Password hashing: argon2id with a random salt per password, stored as a PHC string.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The PHC string (`$argon2id$v=19$…`) to store; the password itself is never stored.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// A valid argon2id hash of a random password nobody knows: verifying against it costs what a
/// real check costs, for logins under names that have no account.
pub const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$Ymlhbm1pbmRlY295c2FsdA$3m9wmzmYF0Y1yJ8C2mXbqGm3a+3i1m0sV8bU6zS0bCk";

/// True when `password` matches the stored hash; a damaged hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .and_then(|hash| Argon2::default().verify_password(password.as_bytes(), &hash))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_the_right_password() {
        let first = hash_password("correct horse").unwrap();
        let second = hash_password("correct horse").unwrap();
        assert!(first.starts_with("$argon2id$"));
        assert_ne!(first, second, "each hash has its own salt");
        assert!(!first.contains("correct horse"));
        assert!(verify_password("correct horse", &first));
        assert!(!verify_password("correct horsE", &first));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn the_decoy_hash_is_a_real_argon2id_hash_so_checking_it_costs_the_same() {
        let decoy = PasswordHash::new(DECOY_HASH).expect("a PHC string");
        let real = hash_password("x").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(decoy.algorithm, real.algorithm);
        assert_eq!(decoy.params, real.params);
        assert_eq!(decoy.hash.map(|h| h.len()), real.hash.map(|h| h.len()));
        assert!(!verify_password("", DECOY_HASH));
    }
}

//! Device tokens and what is derived from them. The county keeps only derived values: a hash
//! to recognise the token over HTTP, and the bundle key to check a USB bundle's HMAC (a
//! symmetric MAC needs the key on both sides; the token itself is never stored there).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::domain::case_number::DeviceCode;
use crate::domain::sync::token;

pub type HmacSha256 = Hmac<Sha256>;

/// A new device token for `device` of `hall`: the claim, then 32 random bytes in hex.
pub fn new_token(hall: &str, device: &DeviceCode) -> String {
    token::compose(hall, device, &hex::encode(rand::random::<[u8; 32]>()))
}

/// What the county stores to recognise a token (hex).
pub fn token_hash(token: &str) -> String {
    hex::encode(
        Sha256::new_with_prefix(b"bianmin-auth\0")
            .chain_update(token)
            .finalize(),
    )
}

/// The key a device's bundles are signed with (HMAC-SHA256).
pub fn bundle_key(token: &str) -> Vec<u8> {
    Sha256::new_with_prefix(b"bianmin-bundle\0")
        .chain_update(token)
        .finalize()
        .to_vec()
}

pub fn new_mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length.
    HmacSha256::new_from_slice(key).expect("HMAC accepts any key length")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_their_derivations_differ() {
        let device = DeviceCode::parse("02").unwrap();
        let a = new_token("621023202", &device);
        let claim = token::claim(&a).expect("a readable claim");
        assert_eq!(
            (claim.hall.as_str(), claim.device),
            ("621023202", device.clone())
        );
        assert_ne!(a, new_token("621023202", &device));
        assert_ne!(token_hash(&a), hex::encode(bundle_key(&a)));
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&new_token("621023202", &device)));
    }
}

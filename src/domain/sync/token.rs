//! What a device token says about itself. The county makes one token per terminal and writes
//! the hall and the device code into it (`bm1.<hall>.<device>.<secret>`), so a terminal with no
//! connection can tell, before anything is sent, which terminal a token belongs to. The claim
//! is not a proof: the county recognises the whole token by its hash, so a token with an
//! edited claim is simply unknown there.

use crate::domain::case_number::DeviceCode;

const PREFIX: &str = "bm1";
const SECRET_HEX_DIGITS: usize = 64;

/// The hall and terminal a token was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaim {
    pub hall: String,
    pub device: DeviceCode,
}

/// A token for `device` of `hall` around a secret (hex).
pub fn compose(hall: &str, device: &DeviceCode, secret_hex: &str) -> String {
    format!("{PREFIX}.{hall}.{}.{secret_hex}", device.as_str())
}

/// The claim of a token in this format, or None (a token of an older county, or no token).
pub fn claim(token: &str) -> Option<TokenClaim> {
    let mut parts = token.split('.');
    let (Some(PREFIX), Some(hall), Some(device), Some(secret), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let hall_ok = hall.len() == 9 && hall.bytes().all(|b| b.is_ascii_digit());
    let secret_ok =
        secret.len() == SECRET_HEX_DIGITS && secret.bytes().all(|b| b.is_ascii_hexdigit());
    let device = DeviceCode::parse(device)?;
    (hall_ok && secret_ok).then(|| TokenClaim {
        hall: hall.to_owned(),
        device,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_names_its_hall_and_device() {
        let device = DeviceCode::parse("03").unwrap();
        let token = compose("621023202", &device, SECRET);
        assert_eq!(
            claim(&token),
            Some(TokenClaim {
                hall: "621023202".into(),
                device
            })
        );
    }

    #[test]
    fn tokens_without_a_readable_claim_are_not_guessed_at() {
        assert_eq!(claim(SECRET), None, "an older county's bare token");
        assert_eq!(claim(""), None);
        assert_eq!(
            claim(&format!("bm1.621023202.00.{SECRET}")),
            None,
            "device 00"
        );
        assert_eq!(
            claim(&format!("bm1.62102320.03.{SECRET}")),
            None,
            "8-digit hall"
        );
        assert_eq!(claim(&format!("bm1.621023202.03.{SECRET}x")), None);
        assert_eq!(claim(&format!("bm1.621023202.03.{SECRET}.more")), None);
        assert_eq!(claim(&format!("bm2.621023202.03.{SECRET}")), None);
    }
}

//! Accounts of the hall's people: roles, approval, and the lock after repeated wrong passwords.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 代办员: takes and follows applications.
    Agent,
    /// Prints cards and handbooks, keeps content current.
    Staff,
    /// Approves, disables and resets accounts.
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    /// Registered, waiting for an admin.
    Pending,
    Active,
    Disabled,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Agent, Role::Staff, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }
}

impl AccountStatus {
    pub fn code(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Active => "active",
            AccountStatus::Disabled => "disabled",
        }
    }

    pub fn from_code(code: &str) -> Option<AccountStatus> {
        [
            AccountStatus::Pending,
            AccountStatus::Active,
            AccountStatus::Disabled,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

/// Wrong passwords in a row that lock an account.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// How long the lock lasts.
pub const LOCK_MINUTES: i64 = 15;
/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// 立即注册 is open to anyone at the hall's public screen: at most this many registrations
/// wait for an admin at once, so nobody can fill the accounts screen.
pub const MAX_PENDING_REGISTRATIONS: usize = 10;

/// After one more wrong password: the new failure count and, when it reaches the limit, the
/// time the lock ends.
pub fn after_failed_login(
    failures_before: u32,
    now: DateTime<FixedOffset>,
) -> (u32, Option<DateTime<FixedOffset>>) {
    let failures = failures_before + 1;
    if failures >= MAX_FAILED_LOGINS {
        (0, Some(now + Duration::minutes(LOCK_MINUTES)))
    } else {
        (failures, None)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("the password needs at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the two passwords differ")]
    Mismatch,
}

/// A new password, typed twice.
pub fn check_new_password(password: &str, repeated: &str) -> Result<(), PasswordProblem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if password != repeated {
        return Err(PasswordProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-27T09:00:00+08:00").unwrap()
    }

    #[test]
    fn the_fifth_wrong_password_locks_for_15_minutes() {
        let mut failures = 0;
        for _ in 0..4 {
            let (count, lock) = after_failed_login(failures, now());
            assert_eq!(lock, None);
            failures = count;
        }
        let (count, lock) = after_failed_login(failures, now());
        assert_eq!(count, 0);
        assert_eq!(lock, Some(now() + Duration::minutes(15)));
    }

    #[test]
    fn passwords_need_eight_characters_typed_twice_alike() {
        assert_eq!(
            check_new_password("short", "short"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_new_password("long enough", "long enougH"),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(
            check_new_password("长辈版密码一二三", "长辈版密码一二三"),
            Ok(())
        );
    }

    #[test]
    fn role_and_status_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(
            AccountStatus::from_code("pending"),
            Some(AccountStatus::Pending)
        );
    }
}

//! Whether a password is an active admin's: what closes the kiosk (`ui::kiosk_exit`).

use super::{Result, Store};

impl Store {
    /// True when `password` is the password of an active admin account of this terminal.
    pub fn is_admin_password(&self, password: &str) -> Result<bool> {
        let mut statement = self.conn.prepare(
            "SELECT password_hash FROM account WHERE role = 'admin' AND status = 'active'",
        )?;
        let hashes = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(hashes
            .iter()
            .any(|hash| crate::auth::verify_password(password, hash)))
    }
}

#[cfg(test)]
mod tests {
    use crate::clock;
    use crate::domain::account::{AccountStatus, Role};
    use crate::store::{NewAccount, Store};

    fn account(login: &str, phone: &str, role: Role, status: AccountStatus) -> NewAccount {
        NewAccount {
            login: login.into(),
            name: login.into(),
            phone: phone.into(),
            password: format!("{login}-password"),
            role,
            status,
        }
    }

    #[test]
    fn only_an_active_admins_password_counts() {
        let mut store = Store::open_in_memory().unwrap();
        for (login, phone, role, status) in [
            ("admin01", "13900000001", Role::Admin, AccountStatus::Active),
            ("agent01", "13900000002", Role::Agent, AccountStatus::Active),
            (
                "admin02",
                "13900000003",
                Role::Admin,
                AccountStatus::Disabled,
            ),
        ] {
            store
                .add_account(&account(login, phone, role, status), None, clock::now())
                .unwrap();
        }
        assert!(store.is_admin_password("admin01-password").unwrap());
        assert!(!store.is_admin_password("agent01-password").unwrap());
        assert!(!store.is_admin_password("admin02-password").unwrap());
        assert!(!store.is_admin_password("").unwrap());
    }
}

//! Small JSON columns (lists of strings, the hall profile) and their decoding errors.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Result, StoreError};

pub fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|error| StoreError::Damaged(error.to_string()))
}

pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|error| StoreError::Damaged(error.to_string()))
}

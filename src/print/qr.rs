//! QR codes as a module matrix, drawn by the page as vector squares.

use qrcode::{Color, EcLevel, QrCode};

/// The light border every reader needs around a code, in modules.
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules, row by row from the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub size: usize,
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `data` with medium error correction (a scuffed card still reads). Upper-case
    /// letters, digits and `:` fit the compact alphanumeric mode.
    pub fn encode(data: &str) -> Result<QrMatrix, qrcode::types::QrError> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
        Ok(QrMatrix {
            size: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|color| color == Color::Dark)
                .collect(),
        })
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// Each row's runs of dark modules as (row, first column, length): one rectangle each.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

/// What the receipt's QR code holds: the case number, nothing personal.
pub fn case_payload(case_number: &str) -> String {
    format!("BIANMIN:CASE:{case_number}")
}

/// What the card's QR code holds: the card number and the township code, nothing personal.
pub fn card_payload(card_number: &str, township_code: &str) -> String {
    format!("BIANMIN:CARD:{card_number}:TOWN:{township_code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let qr = QrMatrix::encode(&card_payload("6210232020010042", "621023202")).unwrap();
        assert_eq!(qr.dark.len(), qr.size * qr.size);
        let mut painted = vec![false; qr.dark.len()];
        for (y, x, length) in qr.dark_runs() {
            for column in x..x + length {
                assert!(!painted[y * qr.size + column]);
                painted[y * qr.size + column] = true;
            }
        }
        assert_eq!(painted, qr.dark);
    }

    #[test]
    fn payloads_stay_in_the_alphanumeric_set_and_a_small_version() {
        let payload = card_payload("6210232020010042", "621023202");
        assert!(
            payload
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ':')
        );
        // Version 3 (29 modules) or smaller keeps the modules large on an 85.6 mm card.
        assert!(QrMatrix::encode(&payload).unwrap().size <= 29);
        assert!(
            QrMatrix::encode(&case_payload("62102320220250930070001"))
                .unwrap()
                .size
                <= 25
        );
    }
}

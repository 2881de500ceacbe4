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

    /// The dark modules as rectangles (top row, first column, width, height): each row's runs,
    /// with the same run in the rows below merged into one taller rectangle.
    pub fn dark_rects(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut rects: Vec<(usize, usize, usize, usize)> = Vec::new();
        // Rectangles still growing downwards, by (column, width).
        let mut open: Vec<usize> = Vec::new();
        let mut row_runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.size];
        for (row, column, length) in self.dark_runs() {
            row_runs[row].push((column, length));
        }
        for (row, runs) in row_runs.iter().enumerate() {
            let mut still_open = Vec::new();
            for &(column, length) in runs {
                let growing = open.iter().copied().find(|&index| {
                    let (top, x, width, height) = rects[index];
                    x == column && width == length && top + height == row
                });
                match growing {
                    Some(index) => {
                        rects[index].3 += 1;
                        still_open.push(index);
                    }
                    None => {
                        rects.push((row, column, length, 1));
                        still_open.push(rects.len() - 1);
                    }
                }
            }
            open = still_open;
        }
        rects
    }

    /// Each row's runs of dark modules as (row, first column, length).
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

/// Encodes many payloads, in order, split over the machine's cores (choosing each code's best
/// mask takes most of a millisecond).
pub fn encode_all(payloads: &[String]) -> Result<Vec<QrMatrix>, qrcode::types::QrError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = payloads.len().div_ceil(threads).max(32);
    std::thread::scope(|scope| {
        let parts: Vec<_> = payloads
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|payload| QrMatrix::encode(payload))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(payloads.len());
        for part in parts {
            let encoded = part
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            all.extend(encoded?);
        }
        Ok(all)
    })
}

/// What the receipt's QR code holds: the case number, nothing personal.
pub fn case_payload(case_number: &str) -> String {
    format!("{}{case_number}", crate::domain::case_number::QR_PREFIX)
}

/// What the card's QR code holds: the card number and the township code, nothing personal.
pub fn card_payload(card_number: &str, township_code: &str) -> String {
    format!(
        "{}{card_number}:TOWN:{township_code}",
        crate::domain::scan::CARD_PREFIX
    )
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
    fn encoding_many_at_once_keeps_their_order() {
        let payloads: Vec<String> = (0..100).map(|n| case_payload(&n.to_string())).collect();
        let all = encode_all(&payloads).unwrap();
        assert_eq!(all.len(), 100);
        for (payload, matrix) in payloads.iter().zip(&all) {
            assert_eq!(&QrMatrix::encode(payload).unwrap(), matrix);
        }
    }

    #[test]
    fn merged_rectangles_cover_exactly_the_dark_modules_with_fewer_shapes() {
        let qr = QrMatrix::encode(&case_payload("62102320220250930070001")).unwrap();
        let mut painted = vec![false; qr.dark.len()];
        let rects = qr.dark_rects();
        for &(top, x, width, height) in &rects {
            for row in top..top + height {
                for column in x..x + width {
                    assert!(!painted[row * qr.size + column], "painted twice");
                    painted[row * qr.size + column] = true;
                }
            }
        }
        assert_eq!(painted, qr.dark);
        assert!(rects.len() < qr.dark_runs().len());
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

    #[test]
    fn a_scanner_reads_back_every_payload_printed() {
        use crate::domain::scan::Scan;
        assert_eq!(
            Scan::parse(&card_payload("621023202002010042", "621023202")),
            Scan::Card {
                number: "621023202002010042".into(),
                town: "621023202".into()
            }
        );
        let case = Scan::parse(&case_payload("62102320220250930070001"));
        assert!(matches!(case, Scan::Case(number) if number.as_str() == "62102320220250930070001"));
        let reference = Scan::parse(&crate::print::notice::reference_payload("20225113007003"));
        assert!(matches!(reference, Scan::Reference(r) if r.as_str() == "20225113007003"));
    }
}

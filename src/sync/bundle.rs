//! USB bundles: JSON Lines with a header first and a trailer last. The trailer carries the
//! SHA-256 of every byte before it and an HMAC of the same bytes per device, so the writer and
//! the reader both stream (neither holds the bundle in memory), and the reader only reports
//! success after the last byte checked out. Files are written to a temporary name and renamed.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::keys::{HmacSha256, new_mac};
use super::wire::{BUNDLE_FORMAT, BUNDLE_VERSION, BundleHeader, BundleLine, BundleTrailer};
use crate::domain::sync::bundle::{BundleProblem, check_count};
use hmac::Mac;

/// The longest line a reader accepts (an event with a large payload fits many times over).
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// Writes a bundle to `<path>.partial`, renamed to `path` by [`BundleWriter::finish`].
pub struct BundleWriter {
    out: BufWriter<File>,
    partial: PathBuf,
    path: PathBuf,
    digest: Sha256,
    macs: Vec<(String, HmacSha256)>,
    count: u64,
}

impl BundleWriter {
    /// `keys`: the device codes and bundle keys the trailer's HMACs are made with.
    pub fn create(
        path: &Path,
        header: &BundleHeader,
        keys: &[(String, Vec<u8>)],
    ) -> std::io::Result<BundleWriter> {
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        // Bundles carry full ID numbers: owner-only, like the database they come from.
        let file = crate::private_file::open(&partial, crate::private_file::Open::Truncate)?;
        let mut writer = BundleWriter {
            out: BufWriter::with_capacity(256 * 1024, file),
            partial,
            path: path.to_path_buf(),
            digest: Sha256::new(),
            macs: keys
                .iter()
                .map(|(device, key)| (device.clone(), new_mac(key)))
                .collect(),
            count: 0,
        };
        writer.write_json(header)?;
        Ok(writer)
    }

    pub fn line(&mut self, line: &BundleLine) -> std::io::Result<()> {
        self.count += 1;
        self.write_json(line)
    }

    fn write_json<T: Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        self.digest.update(&bytes);
        for (_, mac) in &mut self.macs {
            mac.update(&bytes);
        }
        self.out.write_all(&bytes)
    }

    /// Writes the trailer, makes the file durable and gives it its name.
    pub fn finish(mut self, first_seq: Option<u64>, last_seq: Option<u64>) -> std::io::Result<u64> {
        let trailer = BundleTrailer {
            count: self.count,
            first_seq,
            last_seq,
            sha256: hex::encode(self.digest.clone().finalize()),
            hmac: self
                .macs
                .iter()
                .map(|(device, mac)| {
                    (
                        device.clone(),
                        hex::encode(mac.clone().finalize().into_bytes()),
                    )
                })
                .collect::<BTreeMap<_, _>>(),
        };
        let mut bytes =
            serde_json::to_vec(&BundleLine::Trailer(trailer)).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        self.out.write_all(&bytes)?;
        let file = self.out.into_inner().map_err(|error| error.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.partial, &self.path)?;
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty())
            && let Ok(dir) = File::open(dir)
        {
            let _ = dir.sync_all();
        }
        Ok(self.count)
    }
}

/// A line of content (not the header or trailer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Event(super::wire::Event),
    Ack(super::wire::Ack),
    Item(super::wire::PulledItem),
}

/// Reads a bundle line by line. Nothing read may be trusted for good until [`next_line`] returned
/// `Ok(None)`: only then have the count, the digest and the HMAC been checked.
///
/// [`next_line`]: BundleReader::next_line
pub struct BundleReader<R> {
    input: BufReader<R>,
    header: BundleHeader,
    first_line: Vec<u8>,
    digest: Sha256,
    mac: Option<(String, HmacSha256)>,
    count: u64,
    line: u64,
    buffer: Vec<u8>,
    done: bool,
    seqs: (Option<u64>, Option<u64>),
}

impl BundleReader<File> {
    pub fn open(path: &Path) -> Result<BundleReader<File>, super::SyncError> {
        Ok(BundleReader::new(File::open(path)?)?)
    }
}

impl<R: Read> BundleReader<R> {
    pub fn new(input: R) -> Result<BundleReader<R>, BundleProblem> {
        let mut input = BufReader::with_capacity(256 * 1024, input);
        let mut first_line = Vec::new();
        let complete =
            read_line(&mut input, &mut first_line).map_err(|_| BundleProblem::NotABundle)?;
        let header: Option<BundleHeader> = serde_json::from_slice(&first_line).ok();
        let header = match header {
            Some(header) if header.format == BUNDLE_FORMAT && header.version == BUNDLE_VERSION => {
                header
            }
            _ => return Err(BundleProblem::NotABundle),
        };
        if !complete {
            return Err(BundleProblem::Truncated);
        }
        let mut digest = Sha256::new();
        digest.update(&first_line);
        Ok(BundleReader {
            input,
            header,
            first_line,
            digest,
            mac: None,
            count: 0,
            line: 1,
            buffer: Vec::new(),
            done: false,
            seqs: (None, None),
        })
    }

    pub fn header(&self) -> &BundleHeader {
        &self.header
    }

    /// The number of the line read last (the header is line 1), for messages.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The key whose HMAC (the trailer's entry for `device`) must match. Without one, the
    /// reader refuses the bundle at its end.
    pub fn expect_key(&mut self, device: &str, key: &[u8]) {
        let mut mac = new_mac(key);
        mac.update(&self.first_line);
        self.mac = Some((device.to_owned(), mac));
    }

    /// The next content line; `Ok(None)` once the trailer was read and everything matched.
    pub fn next_line(&mut self) -> Result<Option<Body>, BundleProblem> {
        if self.done {
            return Ok(None);
        }
        self.line += 1;
        let line = self.line;
        let complete = read_line(&mut self.input, &mut self.buffer)
            .map_err(|_| BundleProblem::Damaged { line })?;
        if !complete {
            return Err(BundleProblem::Truncated);
        }
        let parsed: BundleLine =
            serde_json::from_slice(&self.buffer).map_err(|_| BundleProblem::Damaged { line })?;
        let body = match parsed {
            BundleLine::Trailer(trailer) => {
                self.finish(&trailer)?;
                return Ok(None);
            }
            BundleLine::Event(event) => {
                self.seqs.0.get_or_insert(event.seq);
                self.seqs.1 = Some(event.seq);
                Body::Event(event)
            }
            BundleLine::Ack(ack) => Body::Ack(ack),
            BundleLine::Item(item) => Body::Item(item),
        };
        self.digest.update(&self.buffer);
        if let Some((_, mac)) = &mut self.mac {
            mac.update(&self.buffer);
        }
        self.count += 1;
        Ok(Some(body))
    }

    fn finish(&mut self, trailer: &BundleTrailer) -> Result<(), BundleProblem> {
        // Nothing may follow the trailer.
        let mut rest = [0u8; 1];
        if self
            .input
            .read(&mut rest)
            .map_err(|_| BundleProblem::Damaged { line: self.line })?
            > 0
        {
            return Err(BundleProblem::Damaged {
                line: self.line + 1,
            });
        }
        check_count(trailer.count, self.count)?;
        if (trailer.first_seq, trailer.last_seq) != self.seqs {
            return Err(BundleProblem::Damaged { line: self.line });
        }
        let digest = hex::encode(self.digest.clone().finalize());
        if digest != trailer.sha256 {
            return Err(BundleProblem::DigestMismatch);
        }
        let (device, mac) = self.mac.take().ok_or(BundleProblem::WrongKey)?;
        let expected = trailer.hmac.get(&device).ok_or(BundleProblem::WrongKey)?;
        // Lower-case hex only, as written: one spelling per bundle.
        if expected.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(BundleProblem::WrongKey);
        }
        let expected = hex::decode(expected).map_err(|_| BundleProblem::WrongKey)?;
        // verify_slice compares in constant time.
        mac.verify_slice(&expected)
            .map_err(|_| BundleProblem::WrongKey)?;
        self.done = true;
        Ok(())
    }
}

/// Reads one line with its newline; false when the input ended before one (a cut-off file).
fn read_line<R: BufRead>(input: &mut R, buffer: &mut Vec<u8>) -> std::io::Result<bool> {
    buffer.clear();
    let read = input.by_ref().take(MAX_LINE).read_until(b'\n', buffer)?;
    Ok(read > 0 && buffer.last() == Some(&b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::wire::{Ack, AckStatus, BundleKind};

    fn header() -> BundleHeader {
        BundleHeader {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            kind: BundleKind::Reply,
            hall: "621023202".into(),
            device: "00".into(),
            created_at: "2026-11-27T09:00:00+08:00".into(),
            to_cursor: Some(3),
        }
    }

    fn write(dir: &Path, lines: u64) -> PathBuf {
        let path = dir.join("b.bundle");
        let keys = vec![
            ("01".to_owned(), b"k1".to_vec()),
            ("02".to_owned(), b"k2".to_vec()),
        ];
        let mut writer = BundleWriter::create(&path, &header(), &keys).unwrap();
        for n in 0..lines {
            let ack = Ack {
                id: format!("e{n}"),
                status: AckStatus::Accepted,
                reason: None,
            };
            writer.line(&BundleLine::Ack(ack)).unwrap();
        }
        writer.finish(None, None).unwrap();
        path
    }

    fn read_all(bytes: &[u8], device: &str, key: &[u8]) -> Result<u64, BundleProblem> {
        let mut reader = BundleReader::new(bytes)?;
        reader.expect_key(device, key);
        let mut n = 0;
        while reader.next_line()?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    #[test]
    fn every_device_of_the_hall_can_check_the_same_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = std::fs::read(write(dir.path(), 5)).unwrap();
        assert_eq!(read_all(&bytes, "01", b"k1"), Ok(5));
        assert_eq!(read_all(&bytes, "02", b"k2"), Ok(5));
        assert_eq!(read_all(&bytes, "01", b"k2"), Err(BundleProblem::WrongKey));
        assert_eq!(read_all(&bytes, "03", b"k3"), Err(BundleProblem::WrongKey));
        assert!(!dir.path().join("b.bundle.partial").exists());
    }

    #[test]
    fn a_cut_off_or_altered_bundle_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = std::fs::read(write(dir.path(), 5)).unwrap();
        for cut in [bytes.len() - 1, bytes.len() - 40, bytes.len() / 2] {
            assert!(
                read_all(&bytes[..cut], "01", b"k1").is_err(),
                "cut at {cut}"
            );
        }
        let mut altered = bytes.clone();
        let at = altered.iter().position(|&b| b == b'e').unwrap();
        altered[at + 100] ^= 0x01;
        assert!(read_all(&altered, "01", b"k1").is_err());
        let mut extra = bytes.clone();
        extra.extend_from_slice(b"{}\n");
        assert!(read_all(&extra, "01", b"k1").is_err());
        assert_eq!(
            read_all(b"hello\n", "01", b"k1"),
            Err(BundleProblem::NotABundle)
        );
        assert_eq!(read_all(b"", "01", b"k1"), Err(BundleProblem::NotABundle));
    }
}

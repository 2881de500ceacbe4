//! A QR code scanned at the desk: a convenience-service card opens its household (ready for a
//! new application), a receipt or a one-time notice opens its case. The lookup runs on the
//! store's thread; what was not found is said in words.

use std::sync::Arc;

use iced::Task;

use super::office::Office;
use crate::domain::household::Household;
use crate::domain::scan::{Scan, card_device};
use crate::i18n::Language;
use crate::store::StoreError;
use crate::t;

/// What a scanned code leads to on this terminal.
#[derive(Debug, Clone)]
pub enum Found {
    /// The household a card was issued to.
    Household { household: Household, card: String },
    /// A case, by its id.
    Case(String),
    /// Why nothing opens, in words.
    Nothing(String),
}

/// Looks up what `scan` names; `done` makes the desk's message of the answer.
pub fn look_up<M: Send + 'static>(
    scan: Scan,
    office: &Office,
    language: Language,
    done: impl FnOnce(Result<Found, Arc<StoreError>>) -> M + Send + 'static,
) -> Task<M> {
    let hall_town = office.content().hall.township_code.clone();
    let l = language;
    office.run(
        move |store, _| {
            Ok::<_, StoreError>(match scan {
                Scan::Card { number, town } if town != hall_town => {
                    Found::Nothing(t!(l, "scan-card-other-town", town = town, card = number))
                }
                Scan::Card { number, .. } => match store.household_by_card(&number)? {
                    Some(id) => match store.household(&id)? {
                        Some(household) => Found::Household {
                            household,
                            card: number,
                        },
                        None => Found::Nothing(t!(l, "scan-card-unknown", card = number)),
                    },
                    None => {
                        let here = store.device_code()?;
                        let issuer = card_device(&number).unwrap_or_default().to_owned();
                        if here.is_some_and(|code| code.as_str() != issuer) {
                            Found::Nothing(t!(
                                l,
                                "scan-card-other-terminal",
                                card = number,
                                device = issuer
                            ))
                        } else {
                            Found::Nothing(t!(l, "scan-card-unknown", card = number))
                        }
                    }
                },
                Scan::Case(number) => match store.case_id_by_number(&number)? {
                    Some(id) => Found::Case(id),
                    None => Found::Nothing(t!(l, "scan-case-unknown", number = number.as_str())),
                },
                Scan::Reference(reference) => match store.case_id_by_reference(&reference)? {
                    Some(id) => Found::Case(id),
                    None => Found::Nothing(t!(l, "scan-case-unknown", number = reference.as_str())),
                },
                Scan::Foreign => Found::Nothing(t!(l, "scan-foreign-desk")),
            })
        },
        done,
    )
}

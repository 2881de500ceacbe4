//! The 便民服务卡 (convenience-service card), 85.6 × 54 mm like a bank card: one per page for a
//! card printer, or ten to an A4 sheet (2 × 5) with crop marks for an office printer, the backs
//! on the following page mirrored so that long-edge duplex puts each back behind its front.
//!
//! The card number is fixed when the card is first printed and kept in the store: the 9-digit
//! township code, the village's 3-digit position in the hall's village list (`villages.toml`,
//! from 001; 000 for a village no longer on the list), the issuing terminal's 2-digit device code
//! (so two terminals never give out the same number) and a 4-digit serial, e.g.
//! `621023202 002 01 0042`. A reprint keeps the number and says which reprint it is. The QR code
//! holds only the card number and the township code
//! (`BIANMIN:CARD:621023202002010042:TOWN:621023202`).

use std::collections::HashMap;

use crate::clock::{self, Timestamp};
use crate::domain::Content;
use crate::domain::account::{AccountStatus, Role};
use crate::i18n::Language;
use crate::store::{Account, Store, VillageHousehold};
use crate::t;

use super::PrintError;
use super::linebreak::WrapOptions;
use super::page::{A4, Align, Color, Document, MM, Mark, Page, Skipped, Style, mm};
use super::qr::{QrMatrix, card_payload, encode_all};
use super::text::{date, phone};

/// The card's size (ISO/IEC 7810 ID-1), in points.
pub const CARD: (f32, f32) = (85.6 * MM, 54.0 * MM);
/// Cards on an A4 sheet: columns × rows.
pub const SHEET_COLUMNS: usize = 2;
pub const SHEET_ROWS: usize = 5;
/// How far a card's red band runs past its trim on a sheet (bleed), so a cut a little off the
/// line still leaves colour to the card's edge.
pub const BLEED: f32 = 2.0 * MM;
/// Nothing on an A4 card sheet comes nearer the paper's edge than this: office printers do not
/// print the outermost millimetres.
pub const SHEET_SAFE: f32 = 5.0 * MM;
/// Nothing of a card's text comes nearer its trim than this.
pub const CARD_SAFE: f32 = 3.0 * MM;
/// Space between the columns of a sheet: the two bands' bleeds meet in it.
pub const SHEET_GAP_X: f32 = 2.0 * BLEED;
/// Space between the rows: a band's bleed, then 1 mm of white before the card above, so a cut a
/// little off the line does not show a sliver of the next card's colour.
pub const SHEET_GAP_Y: f32 = BLEED + 1.0 * MM;
/// How many services the back lists.
const SERVICES_ON_BACK: usize = 10;
/// The smallest type anywhere on a card or its sheet, for older readers.
pub const CARD_MIN_PT: f32 = 7.0;
/// Cards carry the hall's language.
const LANGUAGE: Language = Language::ZhCn;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardLayout {
    /// One card per page, front then back (card printers).
    Single,
    /// Ten cards per A4 page with crop marks; each sheet's backs on the next page, mirrored for
    /// long-edge duplex.
    A4Sheet,
}

/// What one household's card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvenienceCard {
    pub number: String,
    pub household_id: String,
    pub head_name: String,
    pub village: String,
    pub group: u32,
    /// The head's ID number, masked (named when the card cannot be printed).
    pub id_number_masked: String,
    /// Earlier prints of this card; a reprint says so on its front.
    pub reprints: u32,
    /// The household's agent: the one who registered it, or the hall's first active agent.
    pub agent: Option<(String, String)>,
}

impl ConvenienceCard {
    /// "621023202 002 01 0042".
    pub fn grouped_number(&self) -> String {
        let n = &self.number;
        if n.len() == 18 && n.is_ascii() {
            format!("{} {} {} {}", &n[..9], &n[9..12], &n[12..14], &n[14..])
        } else {
            n.clone()
        }
    }
}

/// What the numbers of a village's cards issued on this terminal start with: township code,
/// 3-digit village position and device code.
pub fn card_prefix(township_code: &str, village_position: usize, device: &str) -> String {
    format!("{township_code}{village_position:03}{device}")
}

/// One household's card, issued now.
pub fn card_pdf(
    store: &Store,
    content: &Content,
    household_id: &str,
    layout: CardLayout,
) -> Result<Vec<u8>, PrintError> {
    card_pdf_at(store, content, household_id, layout, clock::now())
}

pub fn card_pdf_at(
    store: &Store,
    content: &Content,
    household_id: &str,
    layout: CardLayout,
    issued: Timestamp,
) -> Result<Vec<u8>, PrintError> {
    let (cards, name) = household_card(store, content, household_id)?;
    let title = t!(LANGUAGE, "card-document-title", name = name.as_str());
    super::pdf::render(&cards_document(
        store, content, &cards, layout, title, issued,
    )?)
}

/// Cards for every household of a village, by group and then serial, issued now.
pub fn village_cards_pdf(
    store: &Store,
    content: &Content,
    village: &str,
    layout: CardLayout,
) -> Result<Vec<u8>, PrintError> {
    village_cards_pdf_at(store, content, village, layout, clock::now())
}

pub fn village_cards_pdf_at(
    store: &Store,
    content: &Content,
    village: &str,
    layout: CardLayout,
    issued: Timestamp,
) -> Result<Vec<u8>, PrintError> {
    let job = super::PrintJob::VillageCards {
        village: village.to_owned(),
        layout,
    };
    super::pdf::render(&job.document(store, content, LANGUAGE, issued)?)
}

/// One household's card, with the head's name for the document's title.
pub fn household_card(
    store: &Store,
    content: &Content,
    household_id: &str,
) -> Result<(Vec<ConvenienceCard>, String), PrintError> {
    let unknown = || PrintError::UnknownHousehold(household_id.trim().to_owned());
    let household = store.household(household_id.trim())?.ok_or_else(unknown)?;
    let cards = village_cards(store, content, &household.village, Some(&household.id))?;
    if cards.is_empty() {
        return Err(unknown());
    }
    Ok((cards, household.head_name))
}

/// The cards of a village on the hall's list that has households.
pub fn cards_of_village(
    store: &Store,
    content: &Content,
    village: &str,
) -> Result<Vec<ConvenienceCard>, PrintError> {
    let village = village.trim();
    if content.villages.iter().all(|known| known.name != village) {
        return Err(PrintError::UnknownVillage(village.to_owned()));
    }
    let cards = village_cards(store, content, village, None)?;
    if cards.is_empty() {
        return Err(PrintError::NoHouseholds(village.to_owned()));
    }
    Ok(cards)
}

/// The cards of a village (or of one household in it), by group and then serial.
pub fn village_cards(
    store: &Store,
    content: &Content,
    village: &str,
    only: Option<&str>,
) -> Result<Vec<ConvenienceCard>, PrintError> {
    let position = content
        .villages
        .iter()
        .position(|known| known.name == village)
        .map_or(0, |index| index + 1);
    let roll: Vec<VillageHousehold> = store
        .village_households(village)?
        .into_iter()
        .filter(|entry| only.is_none_or(|only| only == entry.id))
        .collect();
    let prefix = card_prefix(
        &content.hall.township_code,
        position,
        store.require_device_code()?.as_str(),
    );
    let ids: Vec<String> = roll.iter().map(|entry| entry.id.clone()).collect();
    let records = store.cards_for(&ids, &prefix)?;
    let fallback = store
        .accounts(Some(AccountStatus::Active))?
        .into_iter()
        .find(|account| account.role == Role::Agent);
    let mut agents: HashMap<i64, Option<Account>> = HashMap::new();
    let mut cards = Vec::new();
    for (VillageHousehold { id, created_by }, record) in roll.iter().zip(records) {
        let Some(household) = store.household(id)? else {
            continue;
        };
        let registered_by = match created_by {
            Some(account) => match agents.get(account) {
                Some(found) => found.clone(),
                None => {
                    let found = store
                        .account(*account)?
                        .filter(|agent| agent.status == AccountStatus::Active);
                    agents.insert(*account, found.clone());
                    found
                }
            },
            None => None,
        };
        let agent = registered_by
            .or_else(|| fallback.clone())
            .map(|agent| (agent.name, agent.phone));
        cards.push(ConvenienceCard {
            number: record.number,
            reprints: record.prints,
            household_id: household.id,
            head_name: household.head_name,
            village: household.village,
            group: household.group,
            id_number_masked: household.id_number.masked(),
            agent,
        });
    }
    cards.sort_by(|a, b| a.group.cmp(&b.group).then_with(|| a.number.cmp(&b.number)));
    Ok(cards)
}

/// Splits `cards` into those the fonts can draw and the households left off, with the
/// characters that stopped each. One unprintable name never holds back the rest of a village.
pub fn printable_cards(cards: Vec<ConvenienceCard>) -> (Vec<ConvenienceCard>, Vec<Skipped>) {
    let mut printable = Vec::with_capacity(cards.len());
    let mut skipped = Vec::new();
    for card in cards {
        let agent = card.agent.as_ref().map_or("", |(name, _)| name.as_str());
        let text = format!("{}{}{}", card.head_name, card.village, agent);
        let characters = super::metrics::missing_glyphs(&text);
        if characters.is_empty() {
            printable.push(card);
        } else {
            let mut unique: Vec<char> = Vec::new();
            for ch in characters {
                if !unique.contains(&ch) {
                    unique.push(ch);
                }
            }
            skipped.push(Skipped {
                name: card.head_name,
                id_number_masked: card.id_number_masked,
                characters: unique,
            });
        }
    }
    (printable, skipped)
}

/// A page after the cards naming the households left off, so the sheet's reader knows whose
/// card to make by hand. Drawn only with characters the font has.
pub fn skipped_page(size: (f32, f32), title: &str, skipped: &[Skipped]) -> Page {
    let mut page = Page::new(size);
    let (w, h) = size;
    let margin = mm(15.0).min(w / 8.0);
    let heading = Style::bold(12.0).color(Color::RED);
    let text = t!(LANGUAGE, "card-skipped-title", title = title);
    let heading = heading.fitted(&text, w - 2.0 * margin, 7.0);
    let mut y = h - margin - heading.size;
    page.text(margin, y, heading, Align::Left, &text);
    y -= heading.size * 1.8;
    let style = Style::regular(9.0).fitted("0", w, 7.0);
    let explain = t!(LANGUAGE, "card-skipped-explain");
    let lines = style.wrap(&explain, &WrapOptions::ragged(w - 2.0 * margin));
    y = page.lines(margin, y, style, style.size * 1.5, &lines) - 4.0;
    for entry in skipped {
        let line = skipped_line(entry);
        let lines = style.wrap(&line, &WrapOptions::ragged(w - 2.0 * margin));
        y = page.lines(margin, y, style, style.size * 1.5, &lines);
    }
    page
}

/// "王[U+20000]  340524********001X  字体中没有：U+20000", in the hall's language.
pub fn skipped_line(entry: &Skipped) -> String {
    skipped_line_in(LANGUAGE, entry)
}

pub fn skipped_line_in(language: Language, entry: &Skipped) -> String {
    let characters = entry
        .characters
        .iter()
        .map(|ch| format!("U+{:04X}", u32::from(*ch)))
        .collect::<Vec<_>>()
        .join(", ");
    t!(
        language,
        "card-skipped-line",
        name = entry.printable_name(),
        id = entry.id_number_masked.as_str(),
        characters = characters
    )
}

/// The type of the back's list of services.
fn service_style() -> Style {
    Style::regular(CARD_MIN_PT)
}

/// The width a service's name has in its column on the back.
fn service_width() -> f32 {
    let column_width = (CARD.0 - 2.0 * PAD - 6.0) / 2.0;
    column_width - 6.0
}

/// The services the back lists, as they fit its columns: the most applied for at this hall,
/// then the hall's order; a name that cannot be shortened at a list comma gives way to the next.
fn services(store: &Store, content: &Content) -> Result<Vec<String>, PrintError> {
    let mut ids = store.item_usage()?;
    ids.extend(content.items.iter().map(|item| item.id.clone()));
    let mut names = Vec::new();
    for id in ids {
        if let Some(item) = content.item(&id)
            && let Some(name) = fitting_name(service_style(), &item.name, service_width())
            && !names.contains(&name)
        {
            names.push(name);
        }
        if names.len() == SERVICES_ON_BACK {
            break;
        }
    }
    Ok(names)
}

/// The laid-out pages for `cards`.
pub fn cards_document(
    store: &Store,
    content: &Content,
    cards: &[ConvenienceCard],
    layout: CardLayout,
    title: String,
    issued: Timestamp,
) -> Result<Document, PrintError> {
    let services = services(store, content)?;
    let mut back = Page::new(CARD);
    draw_back(&mut back, content, &services, issued);
    let mut common_front = Page::new(CARD);
    draw_front_common(&mut common_front, content);
    // The QR codes (card number and township code only) are the slow part: made on every core.
    let payloads: Vec<String> = cards
        .iter()
        .map(|card| card_payload(&card.number, &content.hall.township_code))
        .collect();
    let mut matrices = encode_all(&payloads)
        .map_err(|error| PrintError::Qr(error.to_string()))?
        .into_iter();
    let mut next_matrix = || {
        matrices
            .next()
            .ok_or_else(|| PrintError::Qr("a QR code is missing".into()))
    };
    let mut pages = Vec::new();
    match layout {
        CardLayout::Single => {
            for card in cards {
                let mut front = common_front.clone();
                draw_front_household(&mut front, card, next_matrix()?);
                pages.push(front);
                pages.push(back.clone());
            }
        }
        CardLayout::A4Sheet => {
            let per_sheet = SHEET_COLUMNS * SHEET_ROWS;
            let sheets = cards.len().div_ceil(per_sheet);
            for (sheet, chunk) in cards.chunks(per_sheet).enumerate() {
                let mut front = Page::new(A4);
                let mut backs = Page::new(A4);
                for (slot, card) in chunk.iter().enumerate() {
                    let (x, y) = slot_origin(slot);
                    let mut face = common_front.clone();
                    draw_front_household(&mut face, card, next_matrix()?);
                    place(&mut front, with_bleed(face.marks), x, y);
                    // Long-edge duplex flips the sheet about its vertical axis.
                    let mirrored_x = A4.0 - x - CARD.0;
                    place(&mut backs, with_bleed(back.marks.clone()), mirrored_x, y);
                }
                for (page, side) in [
                    (&mut front, "card-sheet-front"),
                    (&mut backs, "card-sheet-back"),
                ] {
                    crop_marks(page);
                    let side = match side {
                        "card-sheet-front" => t!(LANGUAGE, "card-sheet-front"),
                        _ => t!(LANGUAGE, "card-sheet-back"),
                    };
                    // At the foot, between the crop marks of the first column, clear of the
                    // paper's edge and of the cards.
                    let label = t!(
                        LANGUAGE,
                        "card-sheet-label",
                        title = title.as_str(),
                        sheet = (sheet + 1).to_string(),
                        sheets = sheets.to_string(),
                        side = side
                    );
                    let style = Style::regular(CARD_MIN_PT).color(Color::GRAY).fitted(
                        &label,
                        CARD.0 - mm(12.0),
                        CARD_MIN_PT,
                    );
                    page.text(
                        grid_origin().0 + mm(6.0),
                        SHEET_SAFE + style.size * 0.2,
                        style,
                        Align::Left,
                        &label,
                    );
                }
                pages.push(front);
                pages.push(backs);
            }
        }
    }
    Ok(Document {
        title,
        created: issued,
        pages,
        skipped: Vec::new(),
    })
}

/// The bottom-left corner of the card grid: centred across the sheet; the top row's bleed
/// [`SHEET_SAFE`] from the top edge, leaving the most room at the foot for the crop marks and the
/// sheet's label.
fn grid_origin() -> (f32, f32) {
    let width = SHEET_COLUMNS as f32 * CARD.0 + (SHEET_COLUMNS - 1) as f32 * SHEET_GAP_X;
    let height = SHEET_ROWS as f32 * CARD.1 + (SHEET_ROWS - 1) as f32 * SHEET_GAP_Y;
    ((A4.0 - width) / 2.0, A4.1 - SHEET_SAFE - BLEED - height)
}

/// A card face's marks with its red bands run [`BLEED`] past the trim on the sides they touch.
fn with_bleed(mut marks: Vec<Mark>) -> Vec<Mark> {
    let (w, h) = CARD;
    for mark in &mut marks {
        if let Mark::Rect {
            x,
            y,
            width,
            height,
            fill: Some(fill),
            stroke: None,
        } = mark
            && *fill == Color::RED
        {
            let (left, right) = (*x <= 0.01, *x + *width >= w - 0.01);
            let (bottom, top) = (*y <= 0.01, *y + *height >= h - 0.01);
            if left {
                *x -= BLEED;
                *width += BLEED;
            }
            if right {
                *width += BLEED;
            }
            if bottom {
                *y -= BLEED;
                *height += BLEED;
            }
            if top {
                *height += BLEED;
            }
        }
    }
    marks
}

/// The bottom-left corner, in points, of card slot `slot` (0–9, row by row from the top left)
/// on an A4 sheet's front.
pub fn slot_origin(slot: usize) -> (f32, f32) {
    let (left, bottom) = grid_origin();
    let column = slot % SHEET_COLUMNS;
    let row = slot / SHEET_COLUMNS;
    (
        left + column as f32 * (CARD.0 + SHEET_GAP_X),
        bottom + (SHEET_ROWS - 1 - row) as f32 * (CARD.1 + SHEET_GAP_Y),
    )
}

fn place(sheet: &mut Page, mut marks: Vec<Mark>, x: f32, y: f32) {
    Page::translate(&mut marks, x, y);
    sheet.marks.extend(marks);
}

/// Short marks in the margins on every cutting line.
fn crop_marks(page: &mut Page) {
    let (left, bottom) = grid_origin();
    let right = A4.0 - left;
    let black = Color::rgb(0, 0, 0);
    let width = 0.3;
    // The cuts across the sheet: in the side margins, clear of the bands' bleed.
    let (offset, length) = (BLEED + mm(1.0), mm(5.0));
    for row in 0..SHEET_ROWS {
        let y0 = bottom + row as f32 * (CARD.1 + SHEET_GAP_Y);
        for y in [y0, y0 + CARD.1] {
            page.rule(
                (left - offset, y),
                ((left - offset - length).max(SHEET_SAFE), y),
                width,
                black,
            );
            page.rule(
                (right + offset, y),
                ((right + offset + length).min(A4.0 - SHEET_SAFE), y),
                width,
                black,
            );
        }
    }
    // The cuts down the sheet: at its foot (the top row's bleed fills the head margin).
    for column in 0..SHEET_COLUMNS {
        let x0 = left + column as f32 * (CARD.0 + SHEET_GAP_X);
        for x in [x0, x0 + CARD.0] {
            page.rule(
                (x, bottom - mm(0.5)),
                (x, SHEET_SAFE + width / 2.0),
                width,
                black,
            );
        }
    }
}

const PAD: f32 = 4.2 * MM;

/// `name` as it fits `width` on the card's back: whole; or, when too long, up to a list comma
/// followed by 等 ("社会保障卡申领、启用等"); never cut inside a word. None when neither fits:
/// the card then lists the next service instead.
fn fitting_name(style: Style, name: &str, width: f32) -> Option<String> {
    if style.width(name) <= width {
        return Some(name.to_owned());
    }
    // Cut at a list comma outside brackets (adding 等), or drop a bracketed part whole: a cut
    // never leaves a bracket open.
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    for (at, ch) in name.char_indices() {
        match ch {
            '（' | '(' => {
                if depth == 0 {
                    cuts.push(name[..at].to_owned());
                }
                depth += 1;
            }
            '）' | ')' => depth = depth.saturating_sub(1),
            ch if depth == 0 && LIST_SEPARATORS.contains(&ch) => {
                cuts.push(format!("{}{ETC}", &name[..at]));
            }
            _ => {}
        }
    }
    cuts.into_iter()
        .rev()
        .find(|short| short.chars().count() > 2 && style.width(short) <= width)
}

const ETC: char = '等';
const LIST_SEPARATORS: &[char] = &['、', '，', ',', '；'];

/// Where the front's fields go: shared by the parts every card has and the household's own.
struct FrontGrid {
    band: f32,
    qr_side: f32,
    qr_x: f32,
    qr_y: f32,
    label: Style,
    label_x: f32,
    value_x: f32,
    value_right: f32,
    /// Baselines of the rows: head, village, agent, hall phone, hours.
    rows: [f32; 5],
}

impl FrontGrid {
    fn new() -> FrontGrid {
        let (w, h) = CARD;
        let band = 12.5 * MM;
        let qr_side = 22.0 * MM;
        let qr_x = w - PAD - qr_side + 2.0 * MM;
        let first = h - band - 17.0;
        FrontGrid {
            band,
            qr_side,
            qr_x,
            // Room below for its 7 pt caption, 3 mm inside the trim.
            qr_y: 5.8 * MM,
            label: Style::regular(CARD_MIN_PT).color(Color::GRAY),
            label_x: PAD,
            value_x: PAD + 30.0,
            value_right: qr_x - 2.0,
            rows: [
                first,
                first - 15.0,
                first - 27.5,
                first - 40.0,
                first - 52.5,
            ],
        }
    }

    fn row(&self, page: &mut Page, y: f32, name: &str, value: &str, style: Style) {
        page.text(self.label_x, y, self.label, Align::Left, name);
        let style = style.fitted(value, self.value_right - self.value_x, CARD_MIN_PT);
        page.text(self.value_x, y, style, Align::Left, value);
    }
}

/// What every card's front shows: the band, the hall, the row labels, the hall's phone, hours
/// and hotline. Laid out once per document.
fn draw_front_common(page: &mut Page, content: &Content) {
    let (w, h) = CARD;
    let grid = FrontGrid::new();
    let hall = &content.hall;
    let white = Color::WHITE;
    page.fill(0.0, h - grid.band, w, grid.band, Color::RED);
    page.text_spaced(
        PAD,
        h - grid.band + 11.5,
        Style::bold(13.5).color(white),
        Align::Left,
        &t!(LANGUAGE, "card-title"),
        2.0,
    );
    let hall_style = Style::bold(8.0)
        .color(white)
        .fitted(&hall.name, w / 2.0, CARD_MIN_PT);
    page.text(w - PAD, h - 17.0, hall_style, Align::Right, &hall.name);
    for (y, key) in [
        (grid.rows[0], t!(LANGUAGE, "card-head")),
        (grid.rows[1], t!(LANGUAGE, "card-village")),
        (grid.rows[2], t!(LANGUAGE, "card-agent")),
    ] {
        page.text(grid.label_x, y, grid.label, Align::Left, &key);
    }
    grid.row(
        page,
        grid.rows[3],
        &t!(LANGUAGE, "card-hall-phone"),
        &hall.phone,
        Style::bold(8.0),
    );
    let y = grid.rows[4];
    page.text(
        grid.label_x,
        y,
        grid.label,
        Align::Left,
        &t!(LANGUAGE, "card-hours"),
    );
    let hours = Style::regular(CARD_MIN_PT);
    let lines = hours.wrap_keeping_remark(
        &hall.hours,
        &WrapOptions::ragged(grid.value_right - grid.value_x),
    );
    let y = page.lines(grid.value_x, y, hours, 8.8, &lines[..lines.len().min(2)]);
    grid.row(
        page,
        y - 3.5,
        &t!(LANGUAGE, "card-hotline"),
        &format!("{}  {}", hall.hotline_168, hall.hotline_168_note),
        Style::regular(7.0),
    );
    let caption = Style::regular(CARD_MIN_PT).color(Color::GRAY);
    page.text(
        grid.qr_x + grid.qr_side / 2.0,
        CARD_SAFE + 0.12 * caption.size + 0.3,
        caption,
        Align::Center,
        &t!(LANGUAGE, "card-scan"),
    );
}

/// The household's own part of the front: card number, head, village and group, agent, QR code.
fn draw_front_household(page: &mut Page, card: &ConvenienceCard, matrix: QrMatrix) {
    let (w, h) = CARD;
    let grid = FrontGrid::new();
    page.text(
        w - PAD,
        h - grid.band + 7.0,
        Style::regular(CARD_MIN_PT).color(Color::WHITE),
        Align::Right,
        &match card.reprints {
            0 => t!(LANGUAGE, "card-number", number = card.grouped_number()),
            reprints => t!(
                LANGUAGE,
                "card-number-reprint",
                number = card.grouped_number(),
                count = reprints.to_string()
            ),
        },
    );
    let value = |page: &mut Page, y: f32, text: &str, style: Style| {
        let style = style.fitted(text, grid.value_right - grid.value_x, CARD_MIN_PT);
        page.text(grid.value_x, y, style, Align::Left, text);
    };
    value(page, grid.rows[0], &card.head_name, Style::bold(12.0));
    value(
        page,
        grid.rows[1],
        &t!(
            LANGUAGE,
            "print-village-group",
            village = card.village.as_str(),
            group = card.group.to_string()
        ),
        Style::regular(8.0),
    );
    let agent = match &card.agent {
        Some((name, number)) => format!("{name}  {}", phone(number)),
        None => t!(LANGUAGE, "card-agent-none"),
    };
    value(page, grid.rows[2], &agent, Style::bold(8.0));
    page.qr(grid.qr_x, grid.qr_y, grid.qr_side, matrix);
}

fn draw_back(page: &mut Page, content: &Content, services: &[String], issued: Timestamp) {
    let (w, h) = CARD;
    let hall = &content.hall;
    let band = 9.0 * MM;
    page.fill(0.0, h - band, w, band, Color::RED);
    page.text_spaced(
        PAD,
        h - band + 8.0,
        Style::bold(10.0).color(Color::WHITE),
        Align::Left,
        &t!(LANGUAGE, "card-back-title"),
        1.5,
    );
    page.text(
        w - PAD,
        h - band + 8.5,
        Style::regular(CARD_MIN_PT).color(Color::WHITE),
        Align::Right,
        &t!(
            LANGUAGE,
            "card-back-intro",
            count = content.items.len().to_string()
        ),
    );

    let column_width = (w - 2.0 * PAD - 6.0) / 2.0;
    // Every name already fits its column at 7 pt (see `services`).
    let style = service_style();
    let top = h - band - 12.0;
    let rows = SERVICES_ON_BACK.div_ceil(2);
    for (index, name) in services.iter().enumerate() {
        let column = index / rows;
        let row = index % rows;
        let x = PAD + column as f32 * (column_width + 6.0);
        let y = top - row as f32 * 12.0;
        page.fill(x, y + 1.0, 2.8, 2.8, Color::RED);
        page.text(x + 6.0, y, style, Align::Left, name);
    }

    // The supervision line, boxed, then where the hall is.
    let box_y = 13.0 * MM - 1.0;
    let box_height = 16.0;
    page.fill(
        PAD - 2.0,
        box_y,
        w - 2.0 * PAD + 4.0,
        box_height,
        Color::RED_TINT,
    );
    let supervision = t!(
        LANGUAGE,
        "print-supervision",
        phone = hall.supervision_phone.as_str(),
        note = hall.supervision_note.as_str()
    );
    let style = Style::bold(8.5)
        .color(Color::RED)
        .fitted(&supervision, w - 2.0 * PAD, CARD_MIN_PT);
    page.text(w / 2.0, box_y + 5.2, style, Align::Center, &supervision);
    // The address wraps to a second line rather than shrink under 7 pt; the issue date is last.
    let address = t!(LANGUAGE, "card-address", address = hall.address.as_str());
    let small = Style::regular(CARD_MIN_PT).color(Color::GRAY);
    let lines = small.wrap(&address, &WrapOptions::ragged(w - 2.0 * PAD));
    let lines = &lines[..lines.len().min(2)];
    let leading = 8.2;
    page.lines(
        PAD,
        3.5 * MM + leading * lines.len() as f32,
        small,
        leading,
        lines,
    );
    page.text(
        PAD,
        3.5 * MM,
        Style::regular(CARD_MIN_PT).color(Color::GRAY),
        Align::Left,
        &t!(
            LANGUAGE,
            "card-issued",
            date = date(LANGUAGE, issued.date_naive())
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str) -> ConvenienceCard {
        ConvenienceCard {
            number: number.into(),
            household_id: "h1".into(),
            head_name: "王堃".into(),
            village: "高台村".into(),
            group: 3,
            id_number_masked: "340524********001X".into(),
            reprints: 0,
            agent: Some(("李代办".into(), "13800000001".into())),
        }
    }

    #[test]
    fn a_card_number_is_township_village_device_and_serial() {
        let number = format!("{}0042", card_prefix("621023202", 2, "01"));
        assert_eq!(number, "621023202002010042");
        assert_eq!(card(&number).grouped_number(), "621023202 002 01 0042");
    }

    #[test]
    fn ten_cards_fill_the_sheet_inside_its_margins_without_touching() {
        let (width, height) = CARD;
        let slots: Vec<(f32, f32)> = (0..10).map(slot_origin).collect();
        for &(x, y) in &slots {
            assert!(x >= mm(15.0) && x + width <= A4.0 - mm(15.0), "{x}");
            // Above the top row, its band's bleed and the sheet's safe margin.
            assert!(
                y >= mm(7.0) && y + height <= A4.1 - BLEED - SHEET_SAFE + 0.01,
                "{y}"
            );
        }
        for (i, a) in slots.iter().enumerate() {
            for b in &slots[i + 1..] {
                let apart_x = (a.0 - b.0).abs() >= width + SHEET_GAP_X - 0.01;
                let apart_y = (a.1 - b.1).abs() >= height + SHEET_GAP_Y - 0.01;
                assert!(apart_x || apart_y, "{a:?} {b:?}");
            }
        }
        // Slot 0 is the top left.
        assert!(slots[0].0 < slots[1].0 && slots[0].1 > slots[2].1);
    }

    #[test]
    fn each_back_is_printed_behind_its_front_for_long_edge_duplex() {
        let content = crate::content::shipped().unwrap();
        let store = Store::open_in_memory().unwrap();
        let cards: Vec<ConvenienceCard> = (1..=3)
            .map(|serial| card(&format!("6210232020010100{serial:02}")))
            .collect();
        let document = cards_document(
            &store,
            &content,
            &cards,
            CardLayout::A4Sheet,
            "test".into(),
            crate::clock::now(),
        )
        .unwrap();
        assert_eq!(document.pages.len(), 2);
        // The red bands (each run 2 mm past the card's trim): a card's first mark on each side.
        let bands = |page: &Page| -> Vec<(f32, f32)> {
            page.marks
                .iter()
                .filter_map(|mark| match mark {
                    Mark::Rect {
                        x,
                        y,
                        width,
                        fill: Some(color),
                        ..
                    } if *color == Color::RED && (*width - CARD.0 - 2.0 * BLEED).abs() < 0.01 => {
                        Some((*x + BLEED, *y))
                    }
                    _ => None,
                })
                .collect()
        };
        let fronts = bands(&document.pages[0]);
        let backs = bands(&document.pages[1]);
        assert_eq!(fronts.len(), 3);
        assert_eq!(backs.len(), 3);
        for (front, back) in fronts.iter().zip(&backs) {
            // Turned over about the long (vertical) edge: same height, mirrored across.
            assert!((back.0 - (A4.0 - front.0 - CARD.0)).abs() < 0.01);
            let front_bottom = front.1 - (CARD.1 - 12.5 * MM);
            let back_bottom = back.1 - (CARD.1 - 9.0 * MM);
            assert!((front_bottom - back_bottom).abs() < 0.01);
        }
    }

    #[test]
    fn long_service_names_are_shortened_at_a_list_comma_never_inside_a_word() {
        let style = Style::regular(7.0);
        let name = "社会保障卡申领、启用、密码修改重置、挂失及注销";
        let cut = fitting_name(style, name, style.width("社会保障卡申领、启用、密码"));
        assert_eq!(cut.as_deref(), Some("社会保障卡申领、启用等"));
        assert_eq!(
            fitting_name(style, "异地就医备案", 100.0).as_deref(),
            Some("异地就医备案")
        );
        assert_eq!(
            fitting_name(style, "城乡居民基本养老保险参保登记", 30.0),
            None
        );
    }

    #[test]
    fn a_shortened_name_never_leaves_a_bracket_open() {
        let style = Style::regular(CARD_MIN_PT);
        let name = "残疾人两项补贴（困难残疾人生活补贴、重度残疾人护理补贴）申请";
        for chars in 3..name.chars().count() {
            let width = style.width(&"国".repeat(chars));
            if let Some(short) = fitting_name(style, name, width) {
                let open = short.matches('（').count();
                assert_eq!(open, short.matches('）').count(), "{short}");
                assert!(style.width(&short) <= width, "{short}");
            }
        }
        let width = style.width("残疾人两项补贴（困难残疾人生活补贴、");
        assert_eq!(
            fitting_name(style, name, width).as_deref(),
            Some("残疾人两项补贴")
        );
    }

    #[test]
    fn nothing_on_a_card_or_its_sheet_is_smaller_than_seven_points() {
        let content = crate::content::shipped().unwrap();
        let store = Store::open_in_memory().unwrap();
        let mut long = card("621023202001010003");
        long.head_name = "阿卜杜热合曼·买买提明".into();
        let cards = vec![card("621023202001010001"), long];
        for layout in [CardLayout::Single, CardLayout::A4Sheet] {
            let document = cards_document(
                &store,
                &content,
                &cards,
                layout,
                "test".into(),
                crate::clock::now(),
            )
            .unwrap();
            for page in &document.pages {
                for run in page.text_runs() {
                    assert!(run.size >= CARD_MIN_PT - 0.01, "{layout:?}: {run:?}");
                }
            }
        }
    }

    #[test]
    fn the_back_lists_ten_services_each_whole_or_cut_at_a_comma() {
        let content = crate::content::shipped().unwrap();
        let store = crate::store::Store::open_in_memory().unwrap();
        let names = services(&store, &content).unwrap();
        assert_eq!(names.len(), SERVICES_ON_BACK);
        for name in &names {
            assert!(!name.contains('…'), "{name}");
            assert!(service_style().width(name) <= service_width(), "{name}");
        }
    }

    #[test]
    fn single_cards_alternate_front_and_back_at_card_size() {
        let content = crate::content::shipped().unwrap();
        let store = Store::open_in_memory().unwrap();
        let cards = vec![card("621023202001010001"), card("621023202001010002")];
        let document = cards_document(
            &store,
            &content,
            &cards,
            CardLayout::Single,
            "test".into(),
            crate::clock::now(),
        )
        .unwrap();
        assert_eq!(document.pages.len(), 4);
        for page in &document.pages {
            assert_eq!((page.width, page.height), CARD);
        }
        let qr_pages: Vec<bool> = document
            .pages
            .iter()
            .map(|page| {
                page.marks
                    .iter()
                    .any(|mark| matches!(mark, Mark::Qr { .. }))
            })
            .collect();
        assert_eq!(qr_pages, [true, false, true, false]);
    }
}

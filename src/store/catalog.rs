//! Tables of the hall profile, windows, categories and service items with their materials and steps.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::json::{from_json, to_json};
use super::{Result, StoreError};
use crate::domain::{
    Category, Content, HallProfile, ItemKind, KioskSettings, Material, ServiceItem, ServiceWindow,
    Step, Village,
};

pub fn insert(tx: &Connection, content: &Content) -> Result<()> {
    tx.execute(
        "INSERT INTO hall (id, profile, kiosk) VALUES (1, ?1, ?2)",
        params![to_json(&content.hall)?, to_json(&content.kiosk)?],
    )?;
    for window in &content.windows {
        tx.execute(
            "INSERT INTO service_window (number, name, name_en) VALUES (?1, ?2, ?3)",
            params![window.number, window.name, window.name_en],
        )?;
    }
    for (position, category) in content.categories.iter().enumerate() {
        tx.execute(
            "INSERT INTO category (id, position, code, name, name_en, window)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                category.id,
                position as i64,
                category.code,
                category.name,
                category.name_en,
                category.window
            ],
        )?;
    }
    for item in &content.items {
        insert_item(tx, item)?;
    }
    for (position, village) in content.villages.iter().enumerate() {
        tx.execute(
            "INSERT INTO village (name, position, groups) VALUES (?1, ?2, ?3)",
            params![village.name, position as i64, village.groups],
        )?;
    }
    Ok(())
}

pub fn villages(conn: &Connection) -> Result<Vec<Village>> {
    let mut statement = conn.prepare("SELECT name, groups FROM village ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(Village {
            name: row.get(0)?,
            groups: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_item(tx: &Connection, item: &ServiceItem) -> Result<()> {
    tx.execute(
        "INSERT INTO service_item (id, number, category, name, name_en, keywords, summary,
            department, window, kind, legal_days, promised_days, fee_yuan, fee_note, visits,
            legal_basis, conditions, consult_phone, supervision_phone, unverified, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21)",
        params![
            item.id,
            item.number,
            item.category,
            item.name,
            item.name_en,
            to_json(&item.keywords)?,
            item.summary,
            item.department,
            item.window,
            kind_name(item.kind),
            item.legal_days,
            item.promised_days,
            item.fee_yuan,
            item.fee_note,
            item.visits,
            to_json(&item.legal_basis)?,
            to_json(&item.conditions)?,
            item.consult_phone,
            item.supervision_phone,
            item.unverified,
            item.source,
        ],
    )?;
    for (position, material) in item.materials.iter().enumerate() {
        tx.execute(
            "INSERT INTO item_material (item, position, name, required, copies, form, source, checks)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                item.id,
                position as i64,
                material.name,
                material.required,
                material.copies,
                material.form,
                material.source,
                material.check
            ],
        )?;
    }
    for (position, step) in item.steps.iter().enumerate() {
        tx.execute(
            "INSERT INTO item_step (item, position, title, actor, detail, days)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                item.id,
                position as i64,
                step.title,
                step.actor,
                step.detail,
                step.days
            ],
        )?;
    }
    Ok(())
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Instant => "instant",
        ItemKind::Promised => "promised",
    }
}

pub fn hall(conn: &Connection) -> Result<Option<(HallProfile, KioskSettings)>> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT profile, kiosk FROM hall WHERE id = 1", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    row.map(|(profile, kiosk)| Ok((from_json(&profile)?, from_json(&kiosk)?)))
        .transpose()
}

pub fn windows(conn: &Connection) -> Result<Vec<ServiceWindow>> {
    let mut statement =
        conn.prepare("SELECT number, name, name_en FROM service_window ORDER BY number")?;
    let rows = statement.query_map([], |row| {
        Ok(ServiceWindow {
            number: row.get(0)?,
            name: row.get(1)?,
            name_en: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn categories(conn: &Connection) -> Result<Vec<Category>> {
    let mut statement =
        conn.prepare("SELECT id, code, name, name_en, window FROM category ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(Category {
            id: row.get(0)?,
            code: row.get(1)?,
            name: row.get(2)?,
            name_en: row.get(3)?,
            window: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An item row before its JSON columns are decoded.
struct ItemRow {
    item: ServiceItem,
    kind: String,
    keywords: String,
    legal_basis: String,
    conditions: String,
}

fn item_row(row: &Row<'_>) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        kind: row.get("kind")?,
        keywords: row.get("keywords")?,
        legal_basis: row.get("legal_basis")?,
        conditions: row.get("conditions")?,
        item: ServiceItem {
            id: row.get("id")?,
            number: row.get("number")?,
            category: row.get("category")?,
            name: row.get("name")?,
            name_en: row.get("name_en")?,
            keywords: Vec::new(),
            summary: row.get("summary")?,
            department: row.get("department")?,
            window: row.get("window")?,
            kind: ItemKind::Promised,
            legal_days: row.get("legal_days")?,
            promised_days: row.get("promised_days")?,
            fee_yuan: row.get("fee_yuan")?,
            fee_note: row.get("fee_note")?,
            visits: row.get("visits")?,
            legal_basis: Vec::new(),
            conditions: Vec::new(),
            consult_phone: row.get("consult_phone")?,
            supervision_phone: row.get("supervision_phone")?,
            unverified: row.get("unverified")?,
            source: row.get("source")?,
            materials: Vec::new(),
            steps: Vec::new(),
        },
    })
}

pub fn items(conn: &Connection) -> Result<Vec<ServiceItem>> {
    let mut statement = conn.prepare("SELECT * FROM service_item ORDER BY number")?;
    let rows: Vec<ItemRow> = statement
        .query_map([], item_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut materials = conn.prepare(
        "SELECT name, required, copies, form, source, checks FROM item_material
         WHERE item = ?1 ORDER BY position",
    )?;
    let mut steps = conn.prepare(
        "SELECT title, actor, detail, days FROM item_step WHERE item = ?1 ORDER BY position",
    )?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let mut item = row.item;
        item.kind = match row.kind.as_str() {
            "instant" => ItemKind::Instant,
            "promised" => ItemKind::Promised,
            other => return Err(StoreError::Damaged(format!("item kind {other}"))),
        };
        item.keywords = from_json(&row.keywords)?;
        item.legal_basis = from_json(&row.legal_basis)?;
        item.conditions = from_json(&row.conditions)?;
        item.materials = materials
            .query_map([&item.id], |row| {
                Ok(Material {
                    name: row.get(0)?,
                    required: row.get(1)?,
                    copies: row.get(2)?,
                    form: row.get(3)?,
                    source: row.get(4)?,
                    check: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        item.steps = steps
            .query_map([&item.id], |row| {
                Ok(Step {
                    title: row.get(0)?,
                    actor: row.get(1)?,
                    detail: row.get(2)?,
                    days: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        items.push(item);
    }
    Ok(items)
}

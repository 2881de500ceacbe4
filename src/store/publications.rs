//! Tables of the subsidy policies and the public notice board.

use rusqlite::{Connection, params};

use super::json::{from_json, to_json};
use super::{Result, StoreError};
use crate::domain::{Board, Content, Notice, Policy};

pub fn insert(tx: &Connection, content: &Content) -> Result<()> {
    for (position, policy) in content.policies.iter().enumerate() {
        tx.execute(
            "INSERT INTO policy (id, position, name, name_en, keywords, who, standard,
                how_to_apply, department, phone, source_year, unverified, related_items, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                policy.id,
                position as i64,
                policy.name,
                policy.name_en,
                to_json(&policy.keywords)?,
                policy.who,
                policy.standard,
                policy.how_to_apply,
                policy.department,
                policy.phone,
                policy.source_year,
                policy.unverified,
                to_json(&policy.related_items)?,
                policy.source,
            ],
        )?;
    }
    for (position, board) in content.boards.iter().enumerate() {
        tx.execute(
            "INSERT INTO board (id, position, name, name_en) VALUES (?1, ?2, ?3, ?4)",
            params![board.id, position as i64, board.name, board.name_en],
        )?;
    }
    for (position, notice) in content.notices.iter().enumerate() {
        tx.execute(
            "INSERT INTO notice (id, position, board, title, title_en, date, body, sample, expires)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                notice.id,
                position as i64,
                notice.board,
                notice.title,
                notice.title_en,
                notice.date.to_string(),
                notice.body,
                notice.sample,
                notice.expires.map(|day| day.to_string()),
            ],
        )?;
    }
    Ok(())
}

pub fn policies(conn: &Connection) -> Result<Vec<Policy>> {
    let mut statement = conn.prepare(
        "SELECT id, name, name_en, keywords, who, standard, how_to_apply, department, phone,
            source_year, unverified, related_items, source
         FROM policy ORDER BY position",
    )?;
    let rows = statement.query_map([], |row| {
        let keywords: String = row.get(3)?;
        let related: String = row.get(11)?;
        let policy = Policy {
            id: row.get(0)?,
            name: row.get(1)?,
            name_en: row.get(2)?,
            keywords: Vec::new(),
            who: row.get(4)?,
            standard: row.get(5)?,
            how_to_apply: row.get(6)?,
            department: row.get(7)?,
            phone: row.get(8)?,
            source_year: row.get(9)?,
            unverified: row.get(10)?,
            related_items: Vec::new(),
            source: row.get(12)?,
        };
        Ok((policy, keywords, related))
    })?;
    let mut policies = Vec::new();
    for row in rows {
        let (mut policy, keywords, related) = row?;
        policy.keywords = from_json(&keywords)?;
        policy.related_items = from_json(&related)?;
        policies.push(policy);
    }
    Ok(policies)
}

pub fn boards(conn: &Connection) -> Result<Vec<Board>> {
    let mut statement = conn.prepare("SELECT id, name, name_en FROM board ORDER BY position")?;
    let rows = statement.query_map([], |row| {
        Ok(Board {
            id: row.get(0)?,
            name: row.get(1)?,
            name_en: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn notices(conn: &Connection) -> Result<Vec<Notice>> {
    let mut statement = conn.prepare(
        "SELECT id, board, title, title_en, date, body, sample, expires
         FROM notice ORDER BY position",
    )?;
    let rows = statement.query_map([], |row| {
        let date: String = row.get(4)?;
        let expires: Option<String> = row.get(7)?;
        Ok((
            Notice {
                id: row.get(0)?,
                board: row.get(1)?,
                title: row.get(2)?,
                title_en: row.get(3)?,
                date: chrono::NaiveDate::MIN,
                expires: None,
                body: row.get(5)?,
                sample: row.get(6)?,
            },
            date,
            expires,
        ))
    })?;
    let mut notices = Vec::new();
    for row in rows {
        let (mut notice, date, expires) = row?;
        let day = |text: &str| {
            text.parse()
                .map_err(|_| StoreError::Damaged(format!("notice {} date {text}", notice.id)))
        };
        notice.date = day(&date)?;
        notice.expires = expires.as_deref().map(day).transpose()?;
        notices.push(notice);
    }
    Ok(notices)
}

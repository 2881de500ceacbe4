//! `catalog list`, `catalog check` and `search`.

use crate::explain::Explain;
use anyhow::{Result, bail};
use serde::Serialize;

use crate::content;
use crate::domain::search::SearchIndex;
use crate::domain::{Content, ServiceItem};
use crate::i18n::Language;

pub fn check(dir: &std::path::Path) -> Result<()> {
    match content::load_dir(dir) {
        Ok(content) => {
            println!(
                "{}: {} items, {} policies, {} notices (version {})",
                dir.display(),
                content.items.len(),
                content.policies.len(),
                content.notices.len(),
                content.version
            );
            Ok(())
        }
        Err(errors) => {
            let language = Language::from_environment();
            for error in &errors {
                eprintln!("{}", error.words(language));
            }
            bail!("{} problem(s) in {}", errors.len(), dir.display())
        }
    }
}

#[derive(Serialize)]
struct MaterialRow<'a> {
    name: &'a str,
    required: bool,
}

#[derive(Serialize)]
struct ItemRow<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    category: &'a str,
    department: &'a str,
    promised_days: u32,
    legal_days: Option<u32>,
    materials: Vec<MaterialRow<'a>>,
    steps: Vec<&'a str>,
}

impl<'a> From<&'a ServiceItem> for ItemRow<'a> {
    fn from(item: &'a ServiceItem) -> Self {
        ItemRow {
            id: &item.id,
            name: &item.name,
            name_en: &item.name_en,
            category: &item.category,
            department: &item.department,
            promised_days: item.promised_days,
            legal_days: item.legal_days,
            materials: item
                .materials
                .iter()
                .map(|material| MaterialRow {
                    name: &material.name,
                    required: material.required,
                })
                .collect(),
            steps: item.steps.iter().map(|step| step.title.as_str()).collect(),
        }
    }
}

pub fn list_catalog(content: &Content, json: bool) -> Result<()> {
    if json {
        let rows: Vec<ItemRow<'_>> = content.items.iter().map(ItemRow::from).collect();
        super::print_json(&rows)?;
    } else {
        for item in &content.items {
            println!("{:>2}  {:<36} {}", item.number, item.id, item.name);
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct HitRow<'a> {
    kind: crate::domain::search::HitKind,
    id: &'a str,
    title: &'a str,
}

pub fn search(content: &Content, query: &str, json: bool) -> Result<()> {
    let hits = SearchIndex::build(content).search(query, 50);
    if json {
        let rows: Vec<HitRow<'_>> = hits
            .iter()
            .map(|hit| HitRow {
                kind: hit.kind,
                id: &hit.id,
                title: &hit.title,
            })
            .collect();
        super::print_json(&rows)?;
    } else {
        for hit in &hits {
            println!("{:?}\t{}\t{}", hit.kind, hit.id, hit.title);
        }
        if hits.is_empty() {
            eprintln!("{}", crate::t!(Language::ZhCn, "search-none"));
        }
    }
    Ok(())
}

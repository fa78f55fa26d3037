//! Figures written in sentences.
//!
//! * Outputs: "… dengan realisasi 19 Orang dari target 20 Orang atau 95%", "sebanyak
//!   47.322 orang dari target 40.000 orang", "realisasi 9 (sembilan) lembaga dari 8
//!   (delapan) lembaga atau 112,5%". The percentage is checked against realisasi ÷ target.
//! * Efficiency: "efisiensi anggaran sebesar Rp. 48.359.300 atau 4%", checked against the
//!   program named in the sentence, in a budget table checked with it.
//! * The whole budget: "anggaran … sebesar Rp. A dengan … realisasi anggaran sebesar Rp. B
//!   atau P%", and "Jumlah Realisasi Anggaran … : Rp. B".

use super::cells;
use super::findings::{self, agrees, judge, pct, Cause, Figure, Finding, Location, Verdict};
use super::grid::Grid;
use super::mapping::{lines, ColumnRole, Line, Mapping, RowRole, TableKind};
use super::text;
use crate::calc::capaian::capaian;
use crate::calc::compute::mean;
use crate::model::scale::Scale;
use crate::model::value::Value;
use crate::model::Direction;
use crate::num::Convention;
use rust_decimal::Decimal;

/// "realisasi R unit dari target T unit (atau P%)".
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OutputStatement {
    /// What the sentence is about (the text before "dengan realisasi").
    pub subject: String,
    pub realisasi: Decimal,
    pub unit_realisasi: String,
    pub target: Decimal,
    pub unit_target: String,
    /// The printed percentage, with its text.
    pub printed: Option<(Decimal, String)>,
}

/// "efisiensi (anggaran) sebesar Rp X atau P%".
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EfficiencyStatement {
    /// The sentence it stands in (to find the program it names).
    pub sentence: String,
    pub amount: Option<(Decimal, String)>,
    pub printed: Option<(Decimal, String)>,
}

/// Figures of the whole budget in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BudgetStatement {
    pub pagu: Option<(Decimal, String)>,
    pub realisasi: Option<(Decimal, String)>,
    pub printed: Option<(Decimal, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Statement {
    Output(OutputStatement),
    Efficiency(EfficiencyStatement),
    Budget(BudgetStatement),
}

struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push(Token {
                    text: &s[st..i],
                    start: st,
                    end: i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Token {
            text: &s[st..],
            start: st,
            end: s.len(),
        });
    }
    out
}

fn word(t: &str) -> String {
    t.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '/')
        .to_lowercase()
}

const TRIGGERS: &[&str] = &["realisasi", "sebanyak", "mencapai", "terealisasi"];
const FILLERS: &[&str] = &[
    "sebanyak", "sebesar", "mencapai", "hanya", "yaitu", "yakni", "adalah", ":",
];
const STOP: &[&str] = &[
    "atau",
    "karena",
    "dikarenakan",
    "yang",
    "dan",
    "hasil",
    "sehingga",
    "dengan",
    "pada",
    "dari",
];

/// The statements in one text, in order.
pub(crate) fn statements(s: &str, conv: Convention) -> Vec<Statement> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut i = 0;
    let mut consumed_until = 0usize;
    while i < toks.len() {
        let w = word(toks[i].text);
        if TRIGGERS.contains(&w.as_str()) {
            if let Some((stmt, next)) = output_at(s, &toks, i, conv, consumed_until) {
                consumed_until = toks[next.saturating_sub(1).max(i)].end;
                out.push(Statement::Output(stmt));
                i = next;
                continue;
            }
        }
        if w == "efisiensi" {
            if let Some((stmt, next)) = efficiency_at(s, &toks, i, conv) {
                out.push(Statement::Efficiency(stmt));
                i = next;
                continue;
            }
        }
        i += 1;
    }
    out.extend(
        budget_statements(s, conv)
            .into_iter()
            .map(Statement::Budget),
    );
    out
}

fn number_at(
    toks: &[Token<'_>],
    j: usize,
    conv: Convention,
    money: bool,
) -> Option<(Decimal, bool)> {
    let t = toks.get(j)?;
    cells::token_number(t.text, conv, money)
}

/// Skip a parenthesised group of words: "(tujuh)", "(dua puluh)".
fn skip_paren(toks: &[Token<'_>], mut j: usize) -> usize {
    if toks
        .get(j)
        .is_some_and(|t| t.text.starts_with('(') && !t.text.chars().any(|c| c.is_ascii_digit()))
    {
        for k in 0..5 {
            if toks.get(j + k).is_some_and(|t| t.text.contains(')')) {
                return j + k + 1;
            }
        }
        j += 1;
    }
    j
}

fn output_at(
    s: &str,
    toks: &[Token<'_>],
    trigger: usize,
    conv: Convention,
    consumed_until: usize,
) -> Option<(OutputStatement, usize)> {
    let mut j = trigger + 1;
    let mut fillers = 0;
    while fillers < 3
        && toks
            .get(j)
            .is_some_and(|t| FILLERS.contains(&word(t.text).as_str()))
    {
        j += 1;
        fillers += 1;
    }
    let (realisasi, pct) = number_at(toks, j, conv, false)?;
    if pct {
        return None;
    }
    j = skip_paren(toks, j + 1);
    let unit_start = j;
    let mut found_dari = None;
    for k in 0..5 {
        let t = toks.get(j + k)?;
        let w = word(t.text);
        if w == "dari" {
            found_dari = Some(j + k);
            break;
        }
        if cells::token_number(t.text, conv, false).is_some()
            || w == "atau"
            || t.text.ends_with('.')
        {
            return None;
        }
    }
    let dari = found_dari?;
    let unit_realisasi = join(&toks[unit_start..dari]);
    j = dari + 1;
    if toks.get(j).is_some_and(|t| word(t.text) == "target") {
        j += 1;
    }
    let (target, pct) = number_at(toks, j, conv, false)?;
    if pct {
        return None;
    }
    j = skip_paren(toks, j + 1);
    let want = (dari - unit_start).max(1);
    let mut unit_end = j;
    while unit_end < toks.len() && unit_end - j < want {
        let t = &toks[unit_end];
        let w = word(t.text);
        if STOP.contains(&w.as_str()) || cells::token_number(t.text, conv, false).is_some() {
            break;
        }
        unit_end += 1;
        if t.text.ends_with(['.', ',', ';']) {
            break;
        }
    }
    let unit_target = join(&toks[j..unit_end]);
    j = unit_end;
    let mut printed = None;
    if toks.get(j).is_some_and(|t| word(t.text) == "atau") {
        if let Some(t) = toks.get(j + 1) {
            if let Some((v, true)) = cells::token_number(t.text, conv, false) {
                let shown = t.text.trim_end_matches(['.', ',', ';', ')']).to_string();
                printed = Some((v, shown));
                j += 2;
            }
        }
    }
    let subject_end = toks[trigger].start;
    let subject_start = consumed_until.min(subject_end);
    let subject = clean_subject(&s[subject_start..subject_end]);
    Some((
        OutputStatement {
            subject,
            realisasi,
            unit_realisasi: trim_unit(&unit_realisasi),
            target,
            unit_target: trim_unit(&unit_target),
            printed,
        },
        j,
    ))
}

fn join(toks: &[Token<'_>]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

fn trim_unit(u: &str) -> String {
    u.trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim()
        .to_string()
}

/// "- 1) Penyediaan permakanan dengan" → "Penyediaan permakanan".
fn clean_subject(raw: &str) -> String {
    // Only the last sentence before the figure names the item.
    let mut t = raw.trim();
    if let Some(p) = last_sentence_break(t) {
        t = t[p..].trim();
    }
    let mut t = t.trim_start_matches(['-', '•', '*', '–']).trim_start();
    loop {
        let (n, rest) = text::split_numbering(t);
        if n.is_none() {
            break;
        }
        t = rest.trim_start_matches(['-', '•', '*', '–']).trim_start();
    }
    let mut t = t.trim_end();
    for tail in [" dengan", " dengan capaian", " yaitu", ":", ","] {
        if let Some(x) = t.strip_suffix(tail) {
            t = x.trim_end();
        }
    }
    t.to_string()
}

fn last_sentence_break(t: &str) -> Option<usize> {
    let bytes = t.as_bytes();
    let mut found = None;
    for (i, c) in t.char_indices() {
        if c == '.' && bytes.get(i + 1) == Some(&b' ') {
            let next = t[i + 2..].chars().next();
            let before = t[..i].split_whitespace().last().unwrap_or("");
            let abbrev = matches!(
                before.to_lowercase().as_str(),
                "rp" | "no" | "kab" | "prov" | "dr" | "drg" | "s.d" | "tgl"
            );
            if next.is_some_and(char::is_uppercase)
                && !abbrev
                && !before.chars().all(|c| c.is_ascii_digit())
            {
                found = Some(i + 2);
            }
        }
    }
    found
}

/// The sentence around byte range `start..end`.
pub(crate) fn sentence_around(s: &str, start: usize, end: usize) -> &str {
    let begin = last_sentence_break(&s[..start]).unwrap_or(0);
    let rest = &s[end..];
    let stop = rest
        .char_indices()
        .find(|(i, c)| {
            *c == '.'
                && rest.as_bytes().get(i + 1) == Some(&b' ')
                && rest[i + 2..].chars().next().is_some_and(char::is_uppercase)
        })
        .map(|(i, _)| end + i + 1)
        .unwrap_or(s.len());
    &s[begin..stop]
}

/// An amount after "sebesar", "Rp." or both: the value, its text and the next token.
fn amount_at(
    toks: &[Token<'_>],
    mut j: usize,
    conv: Convention,
) -> Option<(Decimal, String, usize)> {
    let mut text = String::new();
    if toks.get(j).is_some_and(|t| {
        let w = t.text.to_lowercase();
        w == "rp" || w == "rp." || w == "rp,"
    }) {
        text.push_str(toks[j].text);
        text.push(' ');
        j += 1;
    }
    let t = toks.get(j)?;
    let (v, pct) = cells::token_number(t.text, conv, true)?;
    if pct {
        return None;
    }
    text.push_str(t.text.trim_end_matches([',', ';', ')']));
    let text = text.trim_end_matches('.').to_string();
    Some((v, text, j + 1))
}

fn efficiency_at(
    s: &str,
    toks: &[Token<'_>],
    i: usize,
    conv: Convention,
) -> Option<(EfficiencyStatement, usize)> {
    let mut j = i + 1;
    let mut steps = 0;
    while steps < 3 && toks.get(j).is_some_and(|t| word(t.text) != "sebesar") {
        j += 1;
        steps += 1;
    }
    if toks.get(j).is_none_or(|t| word(t.text) != "sebesar") {
        return None;
    }
    let (value, text, next) = amount_at(toks, j + 1, conv)?;
    let mut j = next;
    let mut printed = None;
    if toks.get(j).is_some_and(|t| word(t.text) == "atau") {
        if let Some(t) = toks.get(j + 1) {
            if let Some((v, true)) = cells::token_number(t.text, conv, false) {
                printed = Some((v, t.text.trim_end_matches(['.', ',', ';', ')']).to_string()));
                j += 2;
            }
        }
    }
    let end = toks
        .get(j.saturating_sub(1))
        .map(|t| t.end)
        .unwrap_or(s.len());
    let sentence = sentence_around(s, toks[i].start, end).to_string();
    Some((
        EfficiencyStatement {
            sentence,
            amount: Some((value, text)),
            printed,
        },
        j,
    ))
}

/// Statements about the whole budget: two amounts (pagu then realisasi) and a percentage,
/// or a "Jumlah … Realisasi …: Rp X" line.
fn budget_statements(s: &str, conv: Convention) -> Vec<BudgetStatement> {
    let lower = s.to_lowercase();
    if !lower.contains("rp") || lower.contains("efisiensi") {
        return Vec::new();
    }
    let toks = tokens(s);
    let mut amounts: Vec<(Decimal, String, usize)> = Vec::new();
    let mut j = 0;
    while j < toks.len() {
        let w = toks[j].text.to_lowercase();
        if w.starts_with("rp") {
            let merged = w.trim_start_matches("rp").trim_start_matches('.');
            if !merged.is_empty() && merged.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                if let Some((v, false)) = cells::token_number(toks[j].text, conv, true) {
                    amounts.push((
                        v,
                        toks[j].text.trim_end_matches([',', '.']).to_string(),
                        j + 1,
                    ));
                }
            } else if let Some((v, text, next)) = amount_at(&toks, j, conv) {
                amounts.push((v, text, next));
                j = next;
                continue;
            }
        }
        j += 1;
    }
    let pct_after = |next: usize| -> Option<(Decimal, String)> {
        if toks.get(next).is_some_and(|t| word(t.text) == "atau") {
            let t = toks.get(next + 1)?;
            if let Some((v, true)) = cells::token_number(t.text, conv, false) {
                return Some((v, t.text.trim_end_matches(['.', ',', ';', ')']).to_string()));
            }
        }
        None
    };
    let about_whole = lower.contains("keseluruhan")
        || lower.contains("jumlah")
        || lower.contains("total")
        || lower.contains("seluruh");
    match amounts.as_slice() {
        [(p, pt, _), (r, rt, next)] if lower.contains("realisasi") && about_whole => {
            vec![BudgetStatement {
                pagu: Some((*p, pt.clone())),
                realisasi: Some((*r, rt.clone())),
                printed: pct_after(*next),
            }]
        }
        [(v, t, next)] if about_whole && (lower.contains("jumlah") || lower.contains("total")) => {
            if lower.contains("realisasi") {
                vec![BudgetStatement {
                    pagu: None,
                    realisasi: Some((*v, t.clone())),
                    printed: pct_after(*next),
                }]
            } else if lower.contains("anggaran") || lower.contains("pagu") {
                vec![BudgetStatement {
                    pagu: Some((*v, t.clone())),
                    realisasi: None,
                    printed: None,
                }]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// A line that opens a group of outputs ("- Kegiatan X didukung sub kegiatan :").
pub(crate) fn opens_group(s: &str) -> bool {
    let lower = s.to_lowercase();
    lower.contains("didukung") && (lower.contains("sub kegiatan") || lower.contains("kegiatan"))
}

/// A statement where it was found.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub table: usize,
    /// Index into the table's lines.
    pub line: usize,
    pub location: Location,
    /// The name of the row it stands in (tables), or its subject (sentences).
    pub item: String,
    /// Group of outputs (a kegiatan) inside a narrative table.
    pub group: usize,
    pub statement: Statement,
}

/// Every statement in the text cells of a table (all cells of a narrative table).
pub(crate) fn collect(table: usize, grid: &Grid, mapping: &Mapping) -> (Vec<Line>, Vec<Found>) {
    let all = lines(grid, mapping);
    let mut out = Vec::new();
    let mut group = 0usize;
    for (li, line) in all.iter().enumerate() {
        let narrative = mapping.kind == TableKind::Narrative || line.role == RowRole::Text;
        let mut found_here = false;
        for (c, cell) in line.cells.iter().enumerate() {
            let role = mapping.column(c);
            if !(narrative || matches!(role, ColumnRole::Text | ColumnRole::Ignore))
                || cell.text.is_empty()
            {
                continue;
            }
            for st in statements(&cell.text, mapping.convention) {
                found_here = true;
                let item = match (&st, narrative) {
                    (Statement::Output(o), true) if !o.subject.is_empty() => o.subject.clone(),
                    _ if !line.name.is_empty() && !narrative => line.name.clone(),
                    (Statement::Output(o), _) => o.subject.clone(),
                    _ => text::short(&cell.text, 60),
                };
                let raw = (c as i64 + line.shift as i64).max(0) as usize;
                out.push(Found {
                    table,
                    line: li,
                    location: Location {
                        table,
                        row: line.number,
                        col: Some(grid.first_col + raw + 1),
                    },
                    item,
                    group,
                    statement: st,
                });
            }
        }
        if !found_here && narrative && line.cells.iter().any(|c| opens_group(&c.text)) {
            group += 1;
        }
    }
    (all, out)
}

/// The capaian a statement states the figures for.
pub(crate) fn output_capaian(o: &OutputStatement, direction: Direction) -> Option<Decimal> {
    capaian(
        Some(&Value::Number(o.target)),
        Some(&Value::Number(o.realisasi)),
        direction,
        None,
    )
    .ok()
    .map(|a| a.raw)
}

/// Findings of the output statements: the printed percentage, the category it implies,
/// and the units.
pub(crate) fn output_findings(
    found: &[Found],
    directions: &[Direction],
    scale: &Scale,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, f) in found.iter().enumerate() {
        let Statement::Output(o) = &f.statement else {
            continue;
        };
        let direction = directions.get(f.table).copied().unwrap_or_default();
        let recomputed = output_capaian(o, direction);
        let figures = format!(
            "{} {} dari {} {}",
            crate::num::format_plain(o.realisasi),
            o.unit_realisasi,
            crate::num::format_plain(o.target),
            o.unit_target
        );
        if unit_key(&o.unit_realisasi) != unit_key(&o.unit_target)
            && !o.unit_realisasi.is_empty()
            && !o.unit_target.is_empty()
        {
            out.push(Finding {
                location: f.location,
                item: f.item.clone(),
                figure: Figure::Satuan,
                printed_text: figures.trim().to_string(),
                printed: None,
                recomputed: None,
                recomputed_text: String::new(),
                difference: None,
                verdict: Verdict::Info,
                cause_kind: Cause::UnitMismatch,
                cause: format!(
                    "Realisasi dalam '{}' dibandingkan dengan target dalam '{}': satuannya berbeda, jadi persentasenya membandingkan dua hal yang berbeda.",
                    o.unit_realisasi, o.unit_target
                ),
                related: vec![],
            });
        }
        let Some((printed, printed_text)) = &o.printed else {
            continue;
        };
        let Some(rec) = recomputed else {
            out.push(Finding {
                location: f.location,
                item: f.item.clone(),
                figure: Figure::Capaian,
                printed_text: printed_text.clone(),
                printed: Some(*printed),
                recomputed: None,
                recomputed_text: String::new(),
                difference: None,
                verdict: Verdict::Info,
                cause_kind: Cause::NotComputable,
                cause: "Tidak dapat dihitung: target 0 (pembagian dengan nol).".into(),
                related: vec![],
            });
            continue;
        };
        let verdict = judge(*printed, rec);
        let (kind, cause) = if matches!(verdict, Verdict::Correct | Verdict::Rounding) {
            (Cause::None, String::new())
        } else {
            output_cause(found, k, o, *printed, rec, verdict, direction, &figures)
        };
        out.push(Finding {
            location: f.location,
            item: f.item.clone(),
            figure: Figure::Capaian,
            printed_text: printed_text.clone(),
            printed: Some(*printed),
            recomputed: Some(rec),
            recomputed_text: pct(rec),
            difference: Some(*printed - rec),
            verdict,
            cause_kind: kind,
            cause,
            related: vec![],
        });
        if verdict.is_flagged() {
            let (Some(bp), Some(br)) = (scale.classify(*printed), scale.classify(rec)) else {
                continue;
            };
            if bp != br {
                out.push(Finding {
                    location: f.location,
                    item: f.item.clone(),
                    figure: Figure::Kategori,
                    printed_text: format!("{printed_text} → {}", scale.bands[bp].label),
                    printed: Some(*printed),
                    recomputed: Some(rec),
                    recomputed_text: format!("{} → {}", pct(rec), scale.bands[br].label),
                    difference: Some(*printed - rec),
                    verdict: Verdict::Mismatch,
                    cause_kind: Cause::LabelContradictsScale,
                    cause: format!(
                        "Angka tercetak {printed_text} masuk kategori '{}', padahal capaian sebenarnya {} masuk '{}' ({}).",
                        scale.bands[bp].label,
                        pct(rec),
                        scale.bands[br].label,
                        scale.bands[br].rule()
                    ),
                    related: vec![],
                });
            }
        }
    }
    out
}

fn unit_key(u: &str) -> String {
    u.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/')
        .flat_map(char::to_lowercase)
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn output_cause(
    found: &[Found],
    k: usize,
    o: &OutputStatement,
    printed: Decimal,
    rec: Decimal,
    verdict: Verdict,
    direction: Direction,
    figures: &str,
) -> (Cause, String) {
    let ratio = format!(
        "{} ÷ {} = {}",
        crate::num::format_plain(o.realisasi),
        crate::num::format_plain(o.target),
        pct(rec)
    );
    if printed == o.realisasi {
        return (
            Cause::CountAsPercentage,
            format!(
                "Jumlah realisasi ditulis sebagai persentase: {} adalah banyaknya realisasi ({figures}), padahal capaiannya {ratio}.",
                crate::num::format_plain(printed)
            ),
        );
    }
    let inverse = capaian(
        Some(&Value::Number(o.realisasi)),
        Some(&Value::Number(o.target)),
        direction,
        None,
    );
    if let Ok(inv) = inverse {
        if agrees(printed, inv.raw) {
            return (
                Cause::Swapped,
                format!("Target dan realisasi tertukar (target ÷ realisasi); seharusnya {ratio}."),
            );
        }
    }
    if let Some(text) = mean_of_block(found, k, printed, rec, direction) {
        return (Cause::MeanOfPercentages, text);
    }
    if verdict == Verdict::Minor {
        return (
            Cause::LastDigit,
            format!(
                "{}; {ratio}.",
                capitalise(&findings::last_digit_cause(printed, rec))
            ),
        );
    }
    (
        Cause::Unexplained,
        format!(
            "Persentase tidak sesuai dengan realisasi dan target di kalimat yang sama: {ratio}."
        ),
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Whether the printed figure of statement `k` is a mean of the percentages of its block
/// (the sentences of the same table): the plain mean, or the mean of the means per group
/// (kegiatan). The statement's own value counts as recomputed; the others as printed.
fn mean_of_block(
    found: &[Found],
    k: usize,
    printed: Decimal,
    rec: Decimal,
    direction: Direction,
) -> Option<String> {
    let me = &found[k];
    let mut groups: Vec<(usize, Vec<Decimal>)> = Vec::new();
    let mut all = Vec::new();
    for (j, f) in found.iter().enumerate() {
        if f.table != me.table {
            continue;
        }
        let Statement::Output(o) = &f.statement else {
            continue;
        };
        let v = if j == k {
            Some(rec)
        } else {
            o.printed
                .as_ref()
                .map(|p| p.0)
                .or_else(|| output_capaian(o, direction))
        };
        let Some(v) = v else { continue };
        all.push(v);
        match groups.iter_mut().find(|(g, _)| *g == f.group) {
            Some((_, vs)) => vs.push(v),
            None => groups.push((f.group, vec![v])),
        }
    }
    if all.len() < 2 {
        return None;
    }
    if groups.len() >= 2 {
        let means: Vec<Decimal> = groups.iter().filter_map(|(_, vs)| mean(vs)).collect();
        if let Some(m) = mean(&means) {
            if agrees(printed, m) {
                return Some(format!(
                    "Angka ini sama dengan rata-rata dari rata-rata capaian per kegiatan di bagian ini ({}), bukan capaian sub kegiatan ini ({}): tampaknya angka tingkat program tersalin ke kalimat ini, dan rata-rata persentase tidak menggantikan hitungan realisasi ÷ target.",
                    pct(m),
                    pct(rec)
                ));
            }
        }
    }
    if let Some(m) = mean(&all) {
        if agrees(printed, m) {
            return Some(format!(
                "Angka ini sama dengan rata-rata capaian semua kalimat di bagian ini ({}), bukan capaian sub kegiatan ini ({}).",
                pct(m),
                pct(rec)
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn outputs(s: &str) -> Vec<OutputStatement> {
        statements(s, Convention::Indonesian)
            .into_iter()
            .filter_map(|x| match x {
                Statement::Output(o) => Some(o),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_output_sentences() {
        let o = outputs("- 1) Penyediaan permakanan dengan realisasi 7429 Orang/sekali makan dari target 7895 Orang/sekali makan atau 95%. PPKS");
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].subject, "Penyediaan permakanan");
        assert_eq!((o[0].realisasi, o[0].target), (d("7429"), d("7895")));
        assert_eq!(o[0].unit_realisasi, "Orang/sekali makan");
        assert_eq!(o[0].unit_target, "Orang/sekali makan");
        assert_eq!(o[0].printed, Some((d("95"), "95%".into())));

        let o =
            outputs("dengan realisasi 9 (sembilan) lembaga dari 8 (delapan) lembaga atau 112,5%.");
        assert_eq!(
            (o[0].realisasi, o[0].target, o[0].printed.clone().unwrap().0),
            (d("9"), d("8"), d("112.5"))
        );

        let o = outputs("Realisasi hanya mencapai 4 (empat) dokumen dari target 20 dokumen");
        assert_eq!(
            (o[0].realisasi, o[0].target, o[0].printed.clone()),
            (d("4"), d("20"), None)
        );

        let o = outputs("Pendataan masyarakat pada tahun 2024 sebanyak 47.322 orang dari target 40.000 orang karena telah");
        assert_eq!((o[0].realisasi, o[0].target), (d("47322"), d("40000")));

        assert!(
            outputs("dengan realisasi 148 orang diberikan kepada PPKS yang menetap di PLAT")
                .is_empty()
        );
        assert!(outputs("capaian kinerja hanya mencapai 20% dikarenakan").is_empty());
    }

    #[test]
    fn reads_efficiency_and_budget_sentences() {
        let s = "Pada program X capaian kinerja hanya mencapai 20% dikarenakan accidental. Sedangkan pada Program Rehabilitasi Sosial terdapat efisiensi anggaran sebesar Rp. 48.359.300 atau 4% pada Program Rehabilitasi Sosial karena adanya bantuan.";
        let st = statements(s, Convention::Indonesian);
        let Statement::Efficiency(e) = &st[0] else {
            panic!("{st:?}")
        };
        assert_eq!(e.amount.clone().unwrap().0, d("48359300"));
        assert_eq!(e.printed.clone().unwrap().0, d("4"));
        assert!(
            e.sentence
                .starts_with("Sedangkan pada Program Rehabilitasi Sosial"),
            "{}",
            e.sentence
        );

        let s = "anggaran keseluruhan setelah perubahan sebesar Rp. 15.447.851.952,00 dengan capaian realisasi anggaran sebesar Rp. 14.576.047.081,00 atau 94,36%.";
        let st = statements(s, Convention::Indonesian);
        let Statement::Budget(b) = &st[0] else {
            panic!("{st:?}")
        };
        assert_eq!(b.pagu.clone().unwrap().0, d("15447851952.00"));
        assert_eq!(b.realisasi.clone().unwrap().0, d("14576047081.00"));
        assert_eq!(b.printed.clone().unwrap().0, d("94.36"));

        let st = statements(
            "Jumlah Realisasi Anggaran Sasaran Strategis Tahun 2024 : Rp. 14,576,047,081.00",
            Convention::Indonesian,
        );
        let Statement::Budget(b) = &st[0] else {
            panic!("{st:?}")
        };
        assert_eq!(b.realisasi.clone().unwrap().0, d("14576047081.00"));
    }
}

//! The report as officers think of it: plan, results and budget. Plain data; every figure
//! derived from it is computed in [`crate::calc::compute`] and never stored here.

pub mod code;
pub mod edit;
pub mod fields;
pub mod names;
pub mod scale;
pub mod value;

use crate::model::scale::Scale;
use crate::model::value::Value;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Rupiah, exact to the cent.
pub type Money = Decimal;

/// Stable identity of an item inside a report; survives reordering, export and import, and
/// lets a merge recognise the same program in two copies of a report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(pub String);

impl Id {
    pub fn new(s: impl Into<String>) -> Id {
        Id(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub instansi: String,
    pub tahun: i32,
    pub renstra: Period,
    pub settings: Settings,
    pub tujuan: Vec<Tujuan>,
    pub sasaran: Vec<Sasaran>,
    pub programs: Vec<Program>,
    /// The Perjanjian Kinerja: when and by whom it was signed. Its targets live on the
    /// indicators (`target_pk`) and its budgets on the programs (`pagu_pk`).
    pub pk: PerjanjianKinerja,
}

/// First and last year of the Renstra, inclusive (2024–2026).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: i32,
    pub last: i32,
}

impl Period {
    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }
    pub fn contains(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub scale: Scale,
    /// Capaian above this is shown as this (100, 110, 120). `None`: no cap.
    pub cap: Option<Decimal>,
    /// Decimals shown on screen and in exports (computation is always exact).
    pub decimals: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scale: Scale::seed_default(),
            cap: None,
            decimals: 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct PerjanjianKinerja {
    /// Free text: "Oktober 2024".
    pub signed: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tujuan {
    pub id: Id,
    pub name: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sasaran {
    pub id: Id,
    pub name: String,
    /// The tujuan this sasaran serves, if recorded.
    pub tujuan_id: Option<Id>,
    pub iku: Vec<Indicator>,
}

/// How a realisation compares with its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// `realisasi / target × 100`.
    #[default]
    HigherIsBetter,
    /// `(2 × target − realisasi) / target × 100`.
    LowerIsBetter,
    /// `target / realisasi × 100`: the inverse ratio some systems use for lower-is-better
    /// indicators; only ever chosen explicitly per indicator.
    LowerIsBetterInverse,
}

impl Direction {
    pub fn lower_is_better(self) -> bool {
        !matches!(self, Direction::HigherIsBetter)
    }
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "Semakin tinggi semakin baik",
            Direction::LowerIsBetter => "Semakin rendah semakin baik",
            Direction::LowerIsBetterInverse => "Semakin rendah semakin baik (rasio terbalik)",
        }
    }
}

/// How values of several periods combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Accumulation {
    /// Percentages, rates: the latest value stands.
    #[default]
    LastValue,
    /// Counts: the periods add up.
    Cumulative,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Formula {
    /// What is counted above the line ("Jumlah PSKS yang dibina").
    pub numerator: String,
    /// What is counted below it ("Jumlah PSKS yang tersedia").
    pub denominator: String,
    /// Optional counts for the report year; when both are set the realisation of the report
    /// year is computed from them (numerator / denominator × 100).
    pub numerator_value: Option<Decimal>,
    pub denominator_value: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Standard {
    /// The standard's own indicator, which may differ from ours.
    pub indicator: String,
    pub value: Value,
    /// "Renstra Dinas Sosial Prov. Kalbar 2024-2026".
    pub source: String,
}

/// An indicator of a tujuan or an IKU of a sasaran.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Indicator {
    pub id: Id,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub formula: Formula,
    /// Renstra target per year.
    pub targets: BTreeMap<i32, Value>,
    /// The Perjanjian Kinerja target of the report year; overrides the Renstra target there.
    pub target_pk: Option<Value>,
    /// Realisation per year (any number of years: history too).
    pub realisations: BTreeMap<i32, Value>,
    pub standard: Option<Standard>,
    pub accumulation: Accumulation,
    /// Cause of success or failure (Bab III, comparison 5).
    pub cause: String,
    /// The solution taken.
    pub solution: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    pub id: Id,
    /// `1.06.02`; empty when unknown.
    pub code: String,
    pub name: String,
    /// The sasaran this program supports (drives the per-sasaran efficiency table).
    pub sasaran_id: Option<Id>,
    /// Budget in the Perjanjian Kinerja.
    pub pagu_pk: Option<Money>,
    pub kegiatan: Vec<Kegiatan>,
    /// Own figures, used only while the program has no kegiatan.
    pub pagu: Option<Money>,
    pub realisasi: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Kegiatan {
    pub id: Id,
    /// `1.06.02.2.01`.
    pub code: String,
    pub name: String,
    /// Shown in the SPM table (Tabel 1.1).
    pub spm: bool,
    pub sub_kegiatan: Vec<SubKegiatan>,
    /// Own figures, used only while the kegiatan has no sub kegiatan.
    pub pagu: Option<Money>,
    pub realisasi: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct SubKegiatan {
    pub id: Id,
    /// `1.06.02.2.01.0001`.
    pub code: String,
    pub name: String,
    /// Pagu after amendment (anggaran setelah perubahan); `None` is printed "-".
    pub pagu: Option<Money>,
    /// Pagu before amendment, when known.
    pub pagu_murni: Option<Money>,
    pub realisasi: Option<Money>,
    pub outputs: Vec<Output>,
}

/// An output indicator of a sub kegiatan: "19 Orang dari target 20 Orang".
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Output {
    pub id: Id,
    pub name: String,
    pub unit: String,
    /// Unit of the realisation when it differs from the target's (a data problem, kept
    /// visible rather than silently fixed).
    pub unit_realisasi: Option<String>,
    pub direction: Direction,
    pub target: Option<Value>,
    pub realisasi: Option<Value>,
    pub cause: String,
    pub solution: String,
}

impl Report {
    pub fn new(instansi: impl Into<String>, tahun: i32, renstra: Period) -> Report {
        Report {
            instansi: instansi.into(),
            tahun,
            renstra,
            settings: Settings::default(),
            tujuan: Vec::new(),
            sasaran: Vec::new(),
            programs: Vec::new(),
            pk: PerjanjianKinerja::default(),
        }
    }

    pub fn sasaran_by_id(&self, id: &Id) -> Option<&Sasaran> {
        self.sasaran.iter().find(|s| &s.id == id)
    }

    /// Every sub kegiatan, in order, with its program and kegiatan index.
    pub fn sub_kegiatan_iter(&self) -> impl Iterator<Item = (usize, usize, &SubKegiatan)> {
        self.programs.iter().enumerate().flat_map(|(pi, p)| {
            p.kegiatan
                .iter()
                .enumerate()
                .flat_map(move |(ki, k)| k.sub_kegiatan.iter().map(move |s| (pi, ki, s)))
        })
    }

    pub fn sub_kegiatan_count(&self) -> usize {
        self.programs
            .iter()
            .flat_map(|p| &p.kegiatan)
            .map(|k| k.sub_kegiatan.len())
            .sum()
    }
}

impl Indicator {
    /// The target the report year is measured against: the PK target if set, otherwise
    /// the Renstra target of that year.
    pub fn target_for(&self, year: i32, report_year: i32) -> Option<&Value> {
        if year == report_year {
            if let Some(pk) = &self.target_pk {
                return Some(pk);
            }
        }
        self.targets.get(&year)
    }
}

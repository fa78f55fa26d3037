//! Every field of every node type, in one table per type: its name, its Indonesian label,
//! its snapshot key, its kind, and how to reach it. Editing ([`crate::model::edit`]),
//! comparing ([`crate::workspace::diff`]), merging ([`crate::workspace::merge`]) and the
//! snapshot's writer, reader and limits ([`crate::exchange::snapshot`]) walk these tables
//! instead of listing fields by hand, so a field is never handled in one and forgotten in
//! another.
//!
//! Each table is built by [`table!`], which also destructures its type without `..`: adding
//! a field to a struct does not compile until its table names it. Fields that need their
//! own handling are named as such: the id ([`Slot::Id`]), the children ([`Slot::Children`],
//! walked by the caller), the standard (one slot, three edit fields).
//!
//! Money and percentages are distinct kinds: a [`Slot::Money`] is read, checked and shown
//! as [`Rupiah`], a [`Slot::Percent`] as [`Persen`].

use crate::model::edit::{Field, ReportField};
use crate::model::scale::Scale;
use crate::model::value::Value;
use crate::model::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;

/// An amount of rupiah: never negative, at most two decimals (sen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rupiah(pub Decimal);

impl Rupiah {
    /// Why `d` is not an amount of rupiah, in Indonesian; `None` when it is one.
    pub fn problem(d: Decimal) -> Option<&'static str> {
        if d.is_sign_negative() && !d.is_zero() {
            Some("tidak boleh negatif")
        } else if d.scale() > 2 && d.normalize().scale() > 2 {
            Some("terlalu banyak angka desimal (rupiah paling banyak 2 desimal)")
        } else {
            None
        }
    }
}

impl fmt::Display for Rupiah {
    /// `Rp 1.234.567,89`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::num::format_rupiah(self.0))
    }
}

/// A percentage: `94.11` is 94,11 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Persen(pub Decimal);

impl Persen {
    /// Why `d` cannot be a cap on capaian; `None` when it can.
    pub fn cap_problem(d: Decimal) -> Option<&'static str> {
        (d <= Decimal::ZERO).then_some("harus lebih dari 0")
    }
}

impl fmt::Display for Persen {
    /// `110` or `94,11` (the unit is said by the label).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::num::format_plain(self.0))
    }
}

/// A way to a field of `T`: read it, write it.
pub struct Lens<T: 'static, X: 'static> {
    pub get: fn(&T) -> &X,
    pub get_mut: fn(&mut T) -> &mut X,
}

impl<T, X> Clone for Lens<T, X> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T, X> Copy for Lens<T, X> {}

/// How long a text may be (the numbers are the snapshot's, [`crate::exchange::snapshot`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Len {
    /// A name, a unit, a source.
    Name,
    /// Free text: cause, solution.
    Long,
}

/// What a link points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTo {
    Tujuan,
    Sasaran,
}

/// The kind of a field, with the way to it.
pub enum Slot<T: 'static> {
    /// The item's id: written always, registered for duplicates, never changed by an edit.
    Id(Lens<T, Id>),
    /// Text; `omit_empty`: left out of the snapshot when empty.
    Text {
        lens: Lens<T, String>,
        len: Len,
        omit_empty: bool,
    },
    /// Text that may be absent (`None`) as well as empty.
    OptText {
        lens: Lens<T, Option<String>>,
        len: Len,
    },
    /// A Permendagri 90 code, unique within its level.
    Code {
        lens: Lens<T, String>,
        level: &'static str,
    },
    /// Rupiah ([`Rupiah`]).
    Money(Lens<T, Option<Money>>),
    /// A plain number (a count).
    Number(Lens<T, Option<Decimal>>),
    /// A percentage ([`Persen`]); `None` written as `null`.
    Percent(Lens<T, Option<Decimal>>),
    /// A target or realisation.
    Value(Lens<T, Option<Value>>),
    /// A value per year; edited and compared year by year.
    Years(Lens<T, BTreeMap<i32, Value>>),
    Direction(Lens<T, Direction>),
    Accumulation(Lens<T, Accumulation>),
    Flag(Lens<T, bool>),
    /// A link to another item; `write_null`: written as `null` when absent.
    Link {
        lens: Lens<T, Option<Id>>,
        to: LinkTo,
        write_null: bool,
    },
    /// The standard, present or not as a whole (indicator, value, source).
    Standard(Lens<T, Option<Standard>>),
    /// A year (the report's).
    Year(Lens<T, i32>),
    /// The Renstra period.
    Period(Lens<T, Period>),
    /// The category scale.
    Scale(Lens<T, Scale>),
    /// Decimals shown (0–6).
    Decimals(Lens<T, u32>),
    /// The item's children: walked by the caller (the types differ per node).
    /// `omit_empty`: the list is left out of the snapshot when empty.
    Children {
        omit_empty: bool,
    },
}

/// The edit that sets a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditBy {
    /// Not set by a field edit: the id, the children (insert, remove, move).
    None,
    /// [`crate::model::edit::Edit::Set`] with one of these fields. A field that carries a
    /// year ([`Field::Target`]) is named with year 0 and matches every year.
    Item(&'static [Field]),
    /// [`crate::model::edit::Edit::SetReport`].
    Report(ReportField),
}

/// One field of a node type.
pub struct Def<T: 'static> {
    /// The model's name (`formula.numerator`).
    pub name: &'static str,
    /// How the preview names it (`pembilang`).
    pub label: &'static str,
    /// Its snapshot key (`pembilang`)…
    pub key: &'static str,
    /// …inside this snapshot object, if any (`rumus`).
    pub within: Option<&'static str>,
    pub edit: EditBy,
    pub slot: Slot<T>,
}

impl<T> Def<T> {
    /// Whether this def is set by `field` (any year of a yearly field).
    pub fn edited_by(&self, field: &Field) -> bool {
        match self.edit {
            EditBy::Item(fs) => fs
                .iter()
                .any(|f| std::mem::discriminant(f) == std::mem::discriminant(field)),
            _ => false,
        }
    }

    /// Whether the field holds data a user enters (not the id, not the children).
    pub fn is_data(&self) -> bool {
        !matches!(self.slot, Slot::Id(_) | Slot::Children { .. })
    }

    /// Whether `a` and `b` hold the same value in this field (children: not compared).
    pub fn same(&self, a: &T, b: &T) -> bool {
        fn eq<T, X: PartialEq>(l: &Lens<T, X>, a: &T, b: &T) -> bool {
            (l.get)(a) == (l.get)(b)
        }
        match &self.slot {
            Slot::Id(l) => eq(l, a, b),
            Slot::Text { lens, .. } | Slot::Code { lens, .. } => eq(lens, a, b),
            Slot::OptText { lens, .. } => eq(lens, a, b),
            Slot::Money(l) | Slot::Number(l) | Slot::Percent(l) => eq(l, a, b),
            Slot::Value(l) => eq(l, a, b),
            Slot::Years(l) => eq(l, a, b),
            Slot::Direction(l) => eq(l, a, b),
            Slot::Accumulation(l) => eq(l, a, b),
            Slot::Flag(l) => eq(l, a, b),
            Slot::Link { lens, .. } => eq(lens, a, b),
            Slot::Standard(l) => eq(l, a, b),
            Slot::Year(l) => eq(l, a, b),
            Slot::Period(l) => eq(l, a, b),
            Slot::Scale(l) => eq(l, a, b),
            Slot::Decimals(l) => eq(l, a, b),
            Slot::Children { .. } => true,
        }
    }

    /// Take this field's value from `src` into `dst` (a merge taking it). The id and the
    /// children are left alone.
    pub fn take(&self, dst: &mut T, src: &T) {
        fn copy<T, X: Clone>(l: &Lens<T, X>, dst: &mut T, src: &T) {
            *(l.get_mut)(dst) = (l.get)(src).clone();
        }
        match &self.slot {
            Slot::Id(_) | Slot::Children { .. } => {}
            Slot::Text { lens, .. } | Slot::Code { lens, .. } => copy(lens, dst, src),
            Slot::OptText { lens, .. } => copy(lens, dst, src),
            Slot::Money(l) | Slot::Number(l) | Slot::Percent(l) => copy(l, dst, src),
            Slot::Value(l) => copy(l, dst, src),
            Slot::Years(l) => copy(l, dst, src),
            Slot::Direction(l) => copy(l, dst, src),
            Slot::Accumulation(l) => copy(l, dst, src),
            Slot::Flag(l) => copy(l, dst, src),
            Slot::Link { lens, .. } => copy(lens, dst, src),
            Slot::Standard(l) => copy(l, dst, src),
            Slot::Year(l) => copy(l, dst, src),
            Slot::Period(l) => copy(l, dst, src),
            Slot::Scale(l) => copy(l, dst, src),
            Slot::Decimals(l) => copy(l, dst, src),
        }
    }
}

/// The node types with a field table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeType {
    Report,
    Tujuan,
    Sasaran,
    Indicator,
    Program,
    Kegiatan,
    SubKegiatan,
    Output,
}

/// A type with a field table.
pub trait Fields: Sized + 'static {
    const NODE: NodeType;
    fn fields() -> &'static [Def<Self>];

    /// Take every data field of `src` into `dst` (not the id, not the children).
    fn take_fields(dst: &mut Self, src: &Self) {
        for d in Self::fields() {
            d.take(dst, src);
        }
    }

    /// Whether every data field (not the id, not the children) is the same.
    fn same_fields(a: &Self, b: &Self) -> bool {
        Self::fields().iter().all(|d| !d.is_data() || d.same(a, b))
    }
}

macro_rules! lens {
    ($($f:ident).+) => {
        Lens {
            get: |x| &x.$($f).+,
            get_mut: |x| &mut x.$($f).+,
        }
    };
}

/// A field table: for each field of `$T` (every one, by an exhaustive destructuring), the
/// defs it is written and read as, in snapshot order.
macro_rules! table {
    ($T:ident { $($f:ident => [$($def:expr),* $(,)?]),* $(,)? }) => {{
        #[allow(dead_code)]
        fn every_field_is_in_the_table(x: &$T) {
            let $T { $($f: _),* } = x;
        }
        &[$($($def),*),*]
    }};
}

const fn def<T>(
    name: &'static str,
    label: &'static str,
    key: &'static str,
    edit: EditBy,
    slot: Slot<T>,
) -> Def<T> {
    Def {
        name,
        label,
        key,
        within: None,
        edit,
        slot,
    }
}

const fn within<T>(mut d: Def<T>, parent: &'static str) -> Def<T> {
    d.within = Some(parent);
    d
}

const NO: EditBy = EditBy::None;

// Nested structs listed whole, so that a field added to them is noticed too.
#[allow(dead_code)]
fn nested_structs_are_listed(f: &Formula, s: &Settings, pk: &PerjanjianKinerja) {
    let Formula {
        numerator: _,
        denominator: _,
        numerator_value: _,
        denominator_value: _,
    } = f;
    let Settings {
        scale: _,
        cap: _,
        decimals: _,
    } = s;
    let PerjanjianKinerja { signed: _ } = pk;
}

pub const REPORT: &[Def<Report>] = table!(Report {
    instansi => [def("instansi", "instansi", "instansi", EditBy::Report(ReportField::Instansi),
        Slot::Text { lens: lens!(instansi), len: Len::Name, omit_empty: false })],
    tahun => [def("tahun", "tahun", "tahun", EditBy::Report(ReportField::Tahun),
        Slot::Year(lens!(tahun)))],
    renstra => [def("renstra", "periode Renstra", "renstra", EditBy::Report(ReportField::Renstra),
        Slot::Period(lens!(renstra)))],
    settings => [
        within(def("settings.scale", "skala kategori", "skala", EditBy::Report(ReportField::Scale),
            Slot::Scale(lens!(settings.scale))), "pengaturan"),
        within(def("settings.cap", "batas capaian", "batas_capaian", EditBy::Report(ReportField::Cap),
            Slot::Percent(lens!(settings.cap))), "pengaturan"),
        within(def("settings.decimals", "desimal", "desimal", EditBy::Report(ReportField::Decimals),
            Slot::Decimals(lens!(settings.decimals))), "pengaturan"),
    ],
    pk => [within(def("pk.signed", "PK ditandatangani", "ditandatangani", EditBy::Report(ReportField::PkSigned),
        Slot::Text { lens: lens!(pk.signed), len: Len::Name, omit_empty: false }), "pk")],
    tujuan => [def("tujuan", "tujuan", "tujuan", NO, Slot::Children { omit_empty: false })],
    sasaran => [def("sasaran", "sasaran", "sasaran", NO, Slot::Children { omit_empty: false })],
    programs => [def("programs", "program", "program", NO, Slot::Children { omit_empty: false })],
});

pub const TUJUAN: &[Def<Tujuan>] = table!(Tujuan {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    indicators => [def("indicators", "indikator", "indikator", NO, Slot::Children { omit_empty: false })],
});

pub const SASARAN: &[Def<Sasaran>] = table!(Sasaran {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    tujuan_id => [def("tujuan_id", "tujuan", "tujuan_id", EditBy::Item(&[Field::TujuanLink]),
        Slot::Link { lens: lens!(tujuan_id), to: LinkTo::Tujuan, write_null: true })],
    iku => [def("iku", "IKU", "iku", NO, Slot::Children { omit_empty: false })],
});

pub const INDICATOR: &[Def<Indicator>] = table!(Indicator {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    unit => [def("unit", "satuan", "satuan", EditBy::Item(&[Field::Unit]),
        Slot::Text { lens: lens!(unit), len: Len::Name, omit_empty: true })],
    direction => [def("direction", "arah", "arah", EditBy::Item(&[Field::Direction]),
        Slot::Direction(lens!(direction)))],
    accumulation => [def("accumulation", "akumulasi", "akumulasi", EditBy::Item(&[Field::Accumulation]),
        Slot::Accumulation(lens!(accumulation)))],
    formula => [
        within(def("formula.numerator", "pembilang", "pembilang", EditBy::Item(&[Field::FormulaNumerator]),
            Slot::Text { lens: lens!(formula.numerator), len: Len::Name, omit_empty: true }), "rumus"),
        within(def("formula.denominator", "penyebut", "penyebut", EditBy::Item(&[Field::FormulaDenominator]),
            Slot::Text { lens: lens!(formula.denominator), len: Len::Name, omit_empty: true }), "rumus"),
        within(def("formula.numerator_value", "nilai pembilang", "nilai_pembilang", EditBy::Item(&[Field::NumeratorValue]),
            Slot::Number(lens!(formula.numerator_value))), "rumus"),
        within(def("formula.denominator_value", "nilai penyebut", "nilai_penyebut", EditBy::Item(&[Field::DenominatorValue]),
            Slot::Number(lens!(formula.denominator_value))), "rumus"),
    ],
    targets => [def("targets", "target", "target", EditBy::Item(&[Field::Target(0)]),
        Slot::Years(lens!(targets)))],
    target_pk => [def("target_pk", "target PK", "target_pk", EditBy::Item(&[Field::TargetPk]),
        Slot::Value(lens!(target_pk)))],
    realisations => [def("realisations", "realisasi", "realisasi", EditBy::Item(&[Field::Realisation(0)]),
        Slot::Years(lens!(realisations)))],
    standard => [def("standard", "standar", "standar",
        EditBy::Item(&[Field::StandardIndicator, Field::StandardValue, Field::StandardSource]),
        Slot::Standard(lens!(standard)))],
    cause => [def("cause", "penyebab", "penyebab", EditBy::Item(&[Field::Cause]),
        Slot::Text { lens: lens!(cause), len: Len::Long, omit_empty: true })],
    solution => [def("solution", "solusi", "solusi", EditBy::Item(&[Field::Solution]),
        Slot::Text { lens: lens!(solution), len: Len::Long, omit_empty: true })],
});

pub const PROGRAM: &[Def<Program>] = table!(Program {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    code => [def("code", "kode", "kode", EditBy::Item(&[Field::Code]),
        Slot::Code { lens: lens!(code), level: "program" })],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    sasaran_id => [def("sasaran_id", "sasaran", "sasaran_id", EditBy::Item(&[Field::SasaranLink]),
        Slot::Link { lens: lens!(sasaran_id), to: LinkTo::Sasaran, write_null: false })],
    pagu_pk => [def("pagu_pk", "pagu PK", "pagu_pk", EditBy::Item(&[Field::PaguPk]),
        Slot::Money(lens!(pagu_pk)))],
    pagu => [def("pagu", "pagu", "pagu", EditBy::Item(&[Field::Pagu]), Slot::Money(lens!(pagu)))],
    realisasi => [def("realisasi", "realisasi", "realisasi", EditBy::Item(&[Field::Realisasi]),
        Slot::Money(lens!(realisasi)))],
    kegiatan => [def("kegiatan", "kegiatan", "kegiatan", NO, Slot::Children { omit_empty: true })],
});

pub const KEGIATAN: &[Def<Kegiatan>] = table!(Kegiatan {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    code => [def("code", "kode", "kode", EditBy::Item(&[Field::Code]),
        Slot::Code { lens: lens!(code), level: "kegiatan" })],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    spm => [def("spm", "SPM", "spm", EditBy::Item(&[Field::Spm]), Slot::Flag(lens!(spm)))],
    pagu => [def("pagu", "pagu", "pagu", EditBy::Item(&[Field::Pagu]), Slot::Money(lens!(pagu)))],
    realisasi => [def("realisasi", "realisasi", "realisasi", EditBy::Item(&[Field::Realisasi]),
        Slot::Money(lens!(realisasi)))],
    sub_kegiatan => [def("sub_kegiatan", "sub kegiatan", "sub_kegiatan", NO, Slot::Children { omit_empty: true })],
});

pub const SUB_KEGIATAN: &[Def<SubKegiatan>] = table!(SubKegiatan {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    code => [def("code", "kode", "kode", EditBy::Item(&[Field::Code]),
        Slot::Code { lens: lens!(code), level: "sub_kegiatan" })],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    pagu => [def("pagu", "pagu", "pagu", EditBy::Item(&[Field::Pagu]), Slot::Money(lens!(pagu)))],
    pagu_murni => [def("pagu_murni", "pagu murni", "pagu_murni", EditBy::Item(&[Field::PaguMurni]),
        Slot::Money(lens!(pagu_murni)))],
    realisasi => [def("realisasi", "realisasi", "realisasi", EditBy::Item(&[Field::Realisasi]),
        Slot::Money(lens!(realisasi)))],
    outputs => [def("outputs", "keluaran", "keluaran", NO, Slot::Children { omit_empty: true })],
});

pub const OUTPUT: &[Def<Output>] = table!(Output {
    id => [def("id", "id", "id", NO, Slot::Id(lens!(id)))],
    name => [def("name", "nama", "nama", EditBy::Item(&[Field::Name]),
        Slot::Text { lens: lens!(name), len: Len::Name, omit_empty: false })],
    unit => [def("unit", "satuan", "satuan", EditBy::Item(&[Field::Unit]),
        Slot::Text { lens: lens!(unit), len: Len::Name, omit_empty: true })],
    unit_realisasi => [def("unit_realisasi", "satuan realisasi", "satuan_realisasi", EditBy::Item(&[Field::UnitRealisasi]),
        Slot::OptText { lens: lens!(unit_realisasi), len: Len::Name })],
    direction => [def("direction", "arah", "arah", EditBy::Item(&[Field::Direction]),
        Slot::Direction(lens!(direction)))],
    target => [def("target", "target", "target", EditBy::Item(&[Field::OutputTarget]),
        Slot::Value(lens!(target)))],
    realisasi => [def("realisasi", "realisasi", "realisasi", EditBy::Item(&[Field::OutputRealisation]),
        Slot::Value(lens!(realisasi)))],
    cause => [def("cause", "penyebab", "penyebab", EditBy::Item(&[Field::Cause]),
        Slot::Text { lens: lens!(cause), len: Len::Long, omit_empty: true })],
    solution => [def("solution", "solusi", "solusi", EditBy::Item(&[Field::Solution]),
        Slot::Text { lens: lens!(solution), len: Len::Long, omit_empty: true })],
});

macro_rules! impl_fields {
    ($($T:ident => $node:ident, $table:ident;)*) => {$(
        impl Fields for $T {
            const NODE: NodeType = NodeType::$node;
            fn fields() -> &'static [Def<Self>] {
                $table
            }
        }
    )*};
}

impl_fields! {
    Report => Report, REPORT;
    Tujuan => Tujuan, TUJUAN;
    Sasaran => Sasaran, SASARAN;
    Indicator => Indicator, INDICATOR;
    Program => Program, PROGRAM;
    Kegiatan => Kegiatan, KEGIATAN;
    SubKegiatan => SubKegiatan, SUB_KEGIATAN;
    Output => Output, OUTPUT;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<T: Fields>() -> Vec<&'static str> {
        T::fields().iter().map(|d| d.name).collect()
    }

    #[test]
    fn every_table_names_each_field_once_and_each_key_once() {
        fn check<T: Fields>() {
            let mut n = names::<T>();
            n.sort();
            let len = n.len();
            n.dedup();
            assert_eq!(n.len(), len, "{:?}: a field twice", T::NODE);
            let mut keys: Vec<(Option<&str>, &str)> =
                T::fields().iter().map(|d| (d.within, d.key)).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), len, "{:?}: a snapshot key twice", T::NODE);
        }
        check::<Report>();
        check::<Tujuan>();
        check::<Sasaran>();
        check::<Indicator>();
        check::<Program>();
        check::<Kegiatan>();
        check::<SubKegiatan>();
        check::<Output>();
        assert_eq!(
            names::<Program>(),
            [
                "id",
                "code",
                "name",
                "sasaran_id",
                "pagu_pk",
                "pagu",
                "realisasi",
                "kegiatan"
            ]
        );
    }

    #[test]
    fn rupiah_is_not_a_percentage() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Rupiah(d("1234567.5")).to_string(), "Rp 1.234.567,50");
        assert_eq!(Rupiah::problem(d("-1")), Some("tidak boleh negatif"));
        assert!(Rupiah::problem(d("1.005")).is_some());
        assert_eq!(Rupiah::problem(d("1.50")), None);
        assert_eq!(Persen(d("94.11")).to_string(), "94,11");
        assert_eq!(Persen::cap_problem(d("0")), Some("harus lebih dari 0"));
        assert_eq!(Persen::cap_problem(d("110")), None);
    }
}

//! What a check reports: every printed figure beside the recomputed one, with a verdict
//! and the most likely cause in plain Indonesian.

use crate::num;
use rust_decimal::{Decimal, RoundingStrategy};

/// Where a figure is, as the user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Index of the table in the list given to [`super::check_tables`] (0 for [`super::check`]).
    pub table: usize,
    /// Row number as shown: the line of the pasted text, or the spreadsheet row (1-based).
    pub row: usize,
    /// Column number as shown (1-based); `None` for the row as a whole.
    pub col: Option<usize>,
}

/// The printed figure a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figure {
    Pagu,
    Realisasi,
    /// Serapan: realisasi / pagu × 100.
    Serapan,
    /// Sisa anggaran in rupiah (`efisiensi sebesar Rp …`).
    Sisa,
    /// Efisiensi: (pagu − realisasi) / pagu × 100.
    Efisiensi,
    /// Capaian of an indicator or output: realisasi / target × 100.
    Capaian,
    /// A category label, or the category a printed percentage falls in.
    Kategori,
    /// A count ("28 Orang").
    Jumlah,
    /// The units of a realisation and its target.
    Satuan,
    /// A cell that should hold a number.
    Sel,
}

impl Figure {
    pub fn label(self) -> &'static str {
        match self {
            Figure::Pagu => "pagu",
            Figure::Realisasi => "realisasi",
            Figure::Serapan => "serapan (%)",
            Figure::Sisa => "efisiensi (Rp)",
            Figure::Efisiensi => "efisiensi (%)",
            Figure::Capaian => "capaian (%)",
            Figure::Kategori => "kategori",
            Figure::Jumlah => "jumlah",
            Figure::Satuan => "satuan",
            Figure::Sel => "sel",
        }
    }
}

/// How a printed figure compares with its recomputation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Exactly the recomputed figure.
    Correct,
    /// The recomputed figure rounded (half-up) to the printed decimals: not an error.
    Rounding,
    /// A note that is not an arithmetic error (a blank cell, a figure that cannot be
    /// recomputed, a label below what the scale gives, different units).
    Info,
    /// Off by exactly one unit in the last printed digit, which rounding does not explain.
    Minor,
    /// Wrong.
    Mismatch,
    /// The cell is not a number: reported at its row and column, never read as 0.
    Unreadable,
}

impl Verdict {
    /// Whether the figure is flagged as an error (minor, wrong or unreadable).
    pub fn is_flagged(self) -> bool {
        matches!(
            self,
            Verdict::Minor | Verdict::Mismatch | Verdict::Unreadable
        )
    }
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Correct => "Benar",
            Verdict::Rounding => "Benar (pembulatan)",
            Verdict::Info => "Catatan",
            Verdict::Minor => "Selisih kecil",
            Verdict::Mismatch => "Salah",
            Verdict::Unreadable => "Tidak terbaca",
        }
    }
}

/// The most likely cause, as data (the sentence is in [`Finding::cause`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// Nothing to explain.
    None,
    /// One or more rows were left out of a sum ([`Finding::related`] names them).
    RowsLeftOut,
    /// One or more rows were added twice.
    RowsCountedTwice,
    /// A row's pagu was added where its realisasi belongs.
    PaguInsteadOfRealisasi,
    /// The total equals no combination of its rows.
    NoCombination,
    /// The figure only carries over an error of the row in [`Finding::related`].
    Propagated,
    /// A mean of percentages where the sum of rupiah (or the row's own figures) belongs.
    MeanOfPercentages,
    /// The realisation count was typed as the percentage.
    CountAsPercentage,
    /// Two figures were swapped (realisasi/pagu, realisasi/target).
    Swapped,
    /// A percentage computed from figures that are themselves wrong.
    FromWrongFigures,
    /// The label says more than the scale gives for the recomputed capaian.
    LabelContradictsScale,
    /// The label says less than the scale gives (a soft difference).
    LabelBelowScale,
    /// The label is not a category of the scale.
    UnknownLabel,
    /// The cell is empty.
    EmptyCell,
    /// Another table prints a different figure for the same item.
    DiffersFromOtherTable,
    /// Realisation and target in different units.
    UnitMismatch,
    /// Off by one in the last digit (rounding up, or a slip).
    LastDigit,
    /// One digit typed wrong.
    Typo,
    /// Cannot be recomputed (no pagu, target 0, an unreadable cell below).
    NotComputable,
    /// The cell is not a number.
    Unreadable,
    /// Wrong, and no simple pattern explains it.
    Unexplained,
}

/// One printed figure and its recomputation.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub location: Location,
    /// The item the figure belongs to (program, sub kegiatan, indicator, sentence).
    pub item: String,
    pub figure: Figure,
    /// The printed text, as it stands.
    pub printed_text: String,
    pub printed: Option<Decimal>,
    pub recomputed: Option<Decimal>,
    /// The recomputed figure as the user should read it ("1.076.208.440", "20,00% → Tidak
    /// Berhasil").
    pub recomputed_text: String,
    /// `printed − recomputed`, when both are numbers.
    pub difference: Option<Decimal>,
    pub verdict: Verdict,
    pub cause_kind: Cause,
    /// The most likely cause, one or two Indonesian sentences; empty when correct.
    pub cause: String,
    /// Rows the cause points at (the row left out, the root of a carried-over error).
    pub related: Vec<Location>,
}

/// Counts per verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Summary {
    pub correct: usize,
    pub rounding: usize,
    pub info: usize,
    pub minor: usize,
    pub mismatch: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.verdict {
                Verdict::Correct => s.correct += 1,
                Verdict::Rounding => s.rounding += 1,
                Verdict::Info => s.info += 1,
                Verdict::Minor => s.minor += 1,
                Verdict::Mismatch => s.mismatch += 1,
                Verdict::Unreadable => s.unreadable += 1,
            }
        }
        s
    }
    /// Figures flagged as errors.
    pub fn flagged(&self) -> usize {
        self.minor + self.mismatch + self.unreadable
    }
    /// Figures that are right, exactly or after rounding to the printed decimals.
    pub fn right(&self) -> usize {
        self.correct + self.rounding
    }
    /// The counts in one sentence, the same above the findings and under their table:
    /// "3 angka ditandai (2 salah, 1 selisih kecil, 0 tidak terbaca); 40 angka benar
    /// (12 di antaranya setelah pembulatan); 1 catatan."
    pub fn sentence(&self) -> String {
        format!(
            "{} angka ditandai ({} salah, {} selisih kecil, {} tidak terbaca); {} angka benar ({} di antaranya setelah pembulatan); {} catatan.",
            self.flagged(),
            self.mismatch,
            self.minor,
            self.unreadable,
            self.right(),
            self.rounding,
            self.info
        )
    }
}

/// The verdict for a printed figure against the exact recomputation, at the printed
/// precision (the printed value's decimals).
pub(crate) fn judge(printed: Decimal, recomputed: Decimal) -> Verdict {
    if printed == recomputed {
        return Verdict::Correct;
    }
    let places = printed.scale();
    let rounded = num::round(recomputed, places);
    if rounded == printed {
        return Verdict::Rounding;
    }
    if (printed - rounded).abs() == Decimal::new(1, places) {
        Verdict::Minor
    } else {
        Verdict::Mismatch
    }
}

/// Whether a printed figure agrees with a candidate value at its precision.
pub(crate) fn agrees(printed: Decimal, candidate: Decimal) -> bool {
    matches!(
        judge(printed, candidate),
        Verdict::Correct | Verdict::Rounding
    )
}

/// The cause sentence of a minor difference.
pub(crate) fn last_digit_cause(printed: Decimal, recomputed: Decimal) -> String {
    let places = printed.scale();
    let truncated = recomputed.round_dp_with_strategy(places, RoundingStrategy::ToZero);
    let proper = num::round(recomputed, places);
    if truncated == printed {
        format!(
            "angka dipotong, bukan dibulatkan (pembulatan yang benar: {})",
            num::format_fixed(proper, places)
        )
    } else if printed > proper {
        format!(
            "selisih satu pada angka terakhir, seperti dibulatkan ke atas (pembulatan yang benar: {})",
            num::format_fixed(proper, places)
        )
    } else {
        format!(
            "selisih satu pada angka terakhir (pembulatan yang benar: {})",
            num::format_fixed(proper, places)
        )
    }
}

/// A single digit typed wrong: the difference is one digit times a power of ten.
pub(crate) fn one_digit_typo(printed: Decimal, recomputed: Decimal) -> bool {
    let diff = (printed - recomputed).abs().normalize();
    if diff.is_zero() || printed.scale() > 2 {
        return false;
    }
    let text = diff.to_string();
    let digits: Vec<char> = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let nonzero = digits.iter().filter(|c| **c != '0').count();
    nonzero == 1 && diff >= Decimal::ONE
}

/// Amount in Indonesian, without `Rp`.
pub(crate) fn rp(v: Decimal) -> String {
    num::format_amount(v)
}

/// A printed figure again, the Indonesian way, with the decimals it was printed with
/// (`88,6`).
pub(crate) fn plain(v: Decimal) -> String {
    num::format_fixed(v, v.scale().min(6))
}

/// Percentage in Indonesian with two decimals.
pub(crate) fn pct(v: Decimal) -> String {
    num::format_percent(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn verdicts_at_the_printed_precision() {
        assert_eq!(judge(d("20"), d("20")), Verdict::Correct);
        assert_eq!(judge(d("93.12"), d("93.123")), Verdict::Rounding);
        assert_eq!(judge(d("243"), d("242.5")), Verdict::Rounding);
        assert_eq!(judge(d("7"), d("6.877")), Verdict::Rounding);
        // O07: 7429 of 7895 is 94,0975…: "95%" is one off in the last digit.
        assert_eq!(judge(d("95"), d("94.0975")), Verdict::Minor);
        // The efficiency "4%" against 3,22.
        assert_eq!(judge(d("4"), d("3.217")), Verdict::Minor);
        assert_eq!(judge(d("148"), d("296")), Verdict::Mismatch);
        assert_eq!(judge(d("1063620200"), d("1076208440")), Verdict::Mismatch);
        assert!(agrees(d("76.53"), d("76.525")));
    }

    #[test]
    fn digit_slips() {
        assert!(one_digit_typo(d("1300"), d("1200")));
        assert!(!one_digit_typo(d("14576047081"), d("14538093081")));
        assert!(last_digit_cause(d("242"), d("242.5")).contains("dipotong"));
    }
}

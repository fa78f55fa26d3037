//! Every change a user can make to a report, as a value. Applying an edit returns its
//! inverse, so undo and redo are stacks of edits, and the UI never mutates the model
//! directly.

use crate::model::fields::{Def, EditBy, Fields, Persen, Slot};
use crate::model::scale::Scale;
use crate::model::value::Value;
use crate::model::*;
use rust_decimal::Decimal;
use std::fmt;

/// A field of an item (or of the report, for [`Edit::SetReport`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Code,
    Unit,
    UnitRealisasi,
    Cause,
    Solution,
    FormulaNumerator,
    FormulaDenominator,
    NumeratorValue,
    DenominatorValue,
    StandardIndicator,
    StandardSource,
    StandardValue,
    Pagu,
    PaguMurni,
    Realisasi,
    PaguPk,
    /// Renstra target of a year.
    Target(i32),
    TargetPk,
    /// Realisation of a year (indicators).
    Realisation(i32),
    /// Target of an output indicator.
    OutputTarget,
    /// Realisation of an output indicator.
    OutputRealisation,
    Direction,
    Accumulation,
    Spm,
    /// The sasaran a program supports.
    SasaranLink,
    /// The tujuan a sasaran serves.
    TujuanLink,
}

/// A report-level field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportField {
    Instansi,
    Tahun,
    Renstra,
    Scale,
    Cap,
    Decimals,
    PkSigned,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Money(Option<Money>),
    Number(Option<Decimal>),
    Value(Option<Value>),
    Direction(Direction),
    Accumulation(Accumulation),
    Flag(bool),
    Link(Option<Id>),
    Year(i32),
    Period(Period),
    Scale(Scale),
    Decimals(u32),
}

/// An item that can be inserted, with its whole subtree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Tujuan(Tujuan),
    Sasaran(Sasaran),
    /// An indicator of a tujuan or an IKU of a sasaran (by its parent).
    Indicator(Indicator),
    Program(Program),
    Kegiatan(Kegiatan),
    SubKegiatan(SubKegiatan),
    Output(Output),
}

impl Node {
    pub fn id(&self) -> &Id {
        match self {
            Node::Tujuan(x) => &x.id,
            Node::Sasaran(x) => &x.id,
            Node::Indicator(x) => &x.id,
            Node::Program(x) => &x.id,
            Node::Kegiatan(x) => &x.id,
            Node::SubKegiatan(x) => &x.id,
            Node::Output(x) => &x.id,
        }
    }
}

// `Insert` carries a whole node (a program with its kegiatan, say): an edit is made per user
// action, a handful at a time, so its size costs nothing a user sees.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetReport {
        field: ReportField,
        value: FieldValue,
    },
    Set {
        id: Id,
        field: Field,
        value: FieldValue,
    },
    /// Insert under `parent` (`None` for tujuan, sasaran and programs) at `index`.
    Insert {
        parent: Option<Id>,
        index: usize,
        node: Node,
    },
    Remove {
        id: Id,
    },
    /// Move an item to `index` among its siblings.
    Move {
        id: Id,
        to: usize,
    },
    /// Several edits as one step (undone together).
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NotFound(Id),
    /// The field does not belong to this kind of item, or the value is of another type.
    Mismatch {
        field: String,
    },
    DuplicateId(Id),
    BadParent,
    Invalid(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound(id) => write!(f, "butir '{id}' tidak ditemukan"),
            EditError::Mismatch { field } => {
                write!(f, "kolom {field} tidak berlaku untuk butir ini")
            }
            EditError::DuplicateId(id) => write!(f, "id '{id}' sudah dipakai"),
            EditError::BadParent => write!(f, "tempat sisipan tidak sesuai"),
            EditError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for EditError {}

enum ItemMut<'a> {
    Tujuan(&'a mut Tujuan),
    Sasaran(&'a mut Sasaran),
    Indicator(&'a mut Indicator),
    Program(&'a mut Program),
    Kegiatan(&'a mut Kegiatan),
    Sub(&'a mut SubKegiatan),
    Output(&'a mut Output),
}

enum ItemRef<'a> {
    Tujuan(&'a Tujuan),
    Sasaran(&'a Sasaran),
    Indicator(&'a Indicator),
    Program(&'a Program),
    Kegiatan(&'a Kegiatan),
    Sub(&'a SubKegiatan),
    Output(&'a Output),
}

fn find<'a>(r: &'a Report, id: &Id) -> Option<ItemRef<'a>> {
    for t in &r.tujuan {
        if &t.id == id {
            return Some(ItemRef::Tujuan(t));
        }
        if let Some(i) = t.indicators.iter().find(|i| &i.id == id) {
            return Some(ItemRef::Indicator(i));
        }
    }
    for s in &r.sasaran {
        if &s.id == id {
            return Some(ItemRef::Sasaran(s));
        }
        if let Some(i) = s.iku.iter().find(|i| &i.id == id) {
            return Some(ItemRef::Indicator(i));
        }
    }
    for p in &r.programs {
        if &p.id == id {
            return Some(ItemRef::Program(p));
        }
        for k in &p.kegiatan {
            if &k.id == id {
                return Some(ItemRef::Kegiatan(k));
            }
            for s in &k.sub_kegiatan {
                if &s.id == id {
                    return Some(ItemRef::Sub(s));
                }
                if let Some(o) = s.outputs.iter().find(|o| &o.id == id) {
                    return Some(ItemRef::Output(o));
                }
            }
        }
    }
    None
}

fn find_mut<'a>(r: &'a mut Report, id: &Id) -> Option<ItemMut<'a>> {
    for t in &mut r.tujuan {
        if &t.id == id {
            return Some(ItemMut::Tujuan(t));
        }
        if let Some(i) = t.indicators.iter_mut().find(|i| &i.id == id) {
            return Some(ItemMut::Indicator(i));
        }
    }
    for s in &mut r.sasaran {
        if &s.id == id {
            return Some(ItemMut::Sasaran(s));
        }
        if let Some(i) = s.iku.iter_mut().find(|i| &i.id == id) {
            return Some(ItemMut::Indicator(i));
        }
    }
    for p in &mut r.programs {
        if &p.id == id {
            return Some(ItemMut::Program(p));
        }
        for k in &mut p.kegiatan {
            if &k.id == id {
                return Some(ItemMut::Kegiatan(k));
            }
            for s in &mut k.sub_kegiatan {
                if &s.id == id {
                    return Some(ItemMut::Sub(s));
                }
                if let Some(o) = s.outputs.iter_mut().find(|o| &o.id == id) {
                    return Some(ItemMut::Output(o));
                }
            }
        }
    }
    None
}

fn swap<T>(slot: &mut T, new: T) -> T {
    std::mem::replace(slot, new)
}

fn mismatch(field: &dyn fmt::Debug) -> EditError {
    EditError::Mismatch {
        field: format!("{field:?}"),
    }
}

fn set_field(item: ItemMut<'_>, field: &Field, value: FieldValue) -> Result<FieldValue, EditError> {
    match item {
        ItemMut::Tujuan(x) => set_in(x, field, value),
        ItemMut::Sasaran(x) => set_in(x, field, value),
        ItemMut::Indicator(x) => set_in(x, field, value),
        ItemMut::Program(x) => set_in(x, field, value),
        ItemMut::Kegiatan(x) => set_in(x, field, value),
        ItemMut::Sub(x) => set_in(x, field, value),
        ItemMut::Output(x) => set_in(x, field, value),
    }
}

fn get_field(item: ItemRef<'_>, field: &Field) -> Result<FieldValue, EditError> {
    match item {
        ItemRef::Tujuan(x) => get_in(x, field),
        ItemRef::Sasaran(x) => get_in(x, field),
        ItemRef::Indicator(x) => get_in(x, field),
        ItemRef::Program(x) => get_in(x, field),
        ItemRef::Kegiatan(x) => get_in(x, field),
        ItemRef::Sub(x) => get_in(x, field),
        ItemRef::Output(x) => get_in(x, field),
    }
}

/// The def of `T`'s table that `field` sets.
fn def_of<T: Fields>(field: &Field) -> Result<&'static Def<T>, EditError> {
    T::fields()
        .iter()
        .find(|d| d.edited_by(field))
        .ok_or_else(|| mismatch(field))
}

fn report_def(field: &ReportField) -> Result<&'static Def<Report>, EditError> {
    Report::fields()
        .iter()
        .find(|d| d.edit == EditBy::Report(*field))
        .ok_or_else(|| mismatch(field))
}

/// Set a field of an item by its table; returns the old value.
pub fn set_in<T: Fields>(
    x: &mut T,
    field: &Field,
    value: FieldValue,
) -> Result<FieldValue, EditError> {
    set_slot(&def_of::<T>(field)?.slot, x, Which::Item(field), value)
}

/// A field of an item, as an edit would set it.
pub fn get_in<T: Fields>(x: &T, field: &Field) -> Result<FieldValue, EditError> {
    get_slot(&def_of::<T>(field)?.slot, x, Which::Item(field))
}

fn set_slot<T>(
    slot: &Slot<T>,
    x: &mut T,
    field: Which<'_>,
    value: FieldValue,
) -> Result<FieldValue, EditError> {
    use FieldValue as V;
    Ok(match (slot, value) {
        (Slot::Text { lens, .. } | Slot::Code { lens, .. }, V::Text(v)) => {
            V::Text(swap((lens.get_mut)(x), v))
        }
        (Slot::OptText { lens, .. }, V::Text(v)) => {
            let new = if v.trim().is_empty() { None } else { Some(v) };
            V::Text(swap((lens.get_mut)(x), new).unwrap_or_default())
        }
        (Slot::Money(l), V::Money(v)) => V::Money(swap((l.get_mut)(x), v)),
        (Slot::Number(l), V::Number(v)) => V::Number(swap((l.get_mut)(x), v)),
        (Slot::Percent(l), V::Number(c)) => {
            if c.is_some_and(|c| Persen::cap_problem(c).is_some()) {
                return Err(EditError::Invalid(
                    "batas capaian harus lebih dari 0".into(),
                ));
            }
            V::Number(swap((l.get_mut)(x), c))
        }
        (Slot::Value(l), V::Value(v)) => V::Value(swap((l.get_mut)(x), v)),
        (Slot::Years(l), V::Value(v)) => {
            let y = field.year()?;
            let map = (l.get_mut)(x);
            V::Value(match v {
                Some(v) => map.insert(y, v),
                None => map.remove(&y),
            })
        }
        (Slot::Direction(l), V::Direction(v)) => V::Direction(swap((l.get_mut)(x), v)),
        (Slot::Accumulation(l), V::Accumulation(v)) => V::Accumulation(swap((l.get_mut)(x), v)),
        (Slot::Flag(l), V::Flag(v)) => V::Flag(swap((l.get_mut)(x), v)),
        (Slot::Link { lens, .. }, V::Link(v)) => V::Link(swap((lens.get_mut)(x), v)),
        (Slot::Standard(l), v) => set_standard((l.get_mut)(x), field.item()?, v)?,
        (Slot::Year(l), V::Year(v)) => {
            if !(1900..=2200).contains(&v) {
                return Err(EditError::Invalid("tahun harus 1900–2200".into()));
            }
            V::Year(swap((l.get_mut)(x), v))
        }
        (Slot::Period(l), V::Period(p)) => {
            if p.first > p.last || p.last - p.first > 10 {
                return Err(EditError::Invalid(
                    "periode Renstra: awal ≤ akhir, paling lama 10 tahun".into(),
                ));
            }
            V::Period(swap((l.get_mut)(x), p))
        }
        (Slot::Scale(l), V::Scale(s)) => {
            s.validate()
                .map_err(|e| EditError::Invalid(e.to_string()))?;
            V::Scale(swap((l.get_mut)(x), s))
        }
        (Slot::Decimals(l), V::Decimals(d)) => V::Decimals(swap((l.get_mut)(x), d.min(6))),
        _ => return Err(field.mismatch()),
    })
}

fn get_slot<T>(slot: &Slot<T>, x: &T, field: Which<'_>) -> Result<FieldValue, EditError> {
    use FieldValue as V;
    Ok(match slot {
        Slot::Text { lens, .. } | Slot::Code { lens, .. } => V::Text((lens.get)(x).clone()),
        Slot::OptText { lens, .. } => V::Text((lens.get)(x).clone().unwrap_or_default()),
        Slot::Money(l) => V::Money(*(l.get)(x)),
        Slot::Number(l) | Slot::Percent(l) => V::Number(*(l.get)(x)),
        Slot::Value(l) => V::Value((l.get)(x).clone()),
        Slot::Years(l) => {
            let y = field.year()?;
            V::Value((l.get)(x).get(&y).cloned())
        }
        Slot::Direction(l) => V::Direction(*(l.get)(x)),
        Slot::Accumulation(l) => V::Accumulation(*(l.get)(x)),
        Slot::Flag(l) => V::Flag(*(l.get)(x)),
        Slot::Link { lens, .. } => V::Link((lens.get)(x).clone()),
        Slot::Standard(l) => {
            let s = (l.get)(x).as_ref();
            match field.item()? {
                Field::StandardValue => V::Value(s.map(|s| s.value.clone())),
                Field::StandardIndicator => {
                    V::Text(s.map(|s| s.indicator.clone()).unwrap_or_default())
                }
                _ => V::Text(s.map(|s| s.source.clone()).unwrap_or_default()),
            }
        }
        Slot::Year(l) => V::Year(*(l.get)(x)),
        Slot::Period(l) => V::Period(*(l.get)(x)),
        Slot::Scale(l) => V::Scale((l.get)(x).clone()),
        Slot::Decimals(l) => V::Decimals(*(l.get)(x)),
        Slot::Id(_) | Slot::Children { .. } => return Err(field.mismatch()),
    })
}

/// The field being set or read: an item's or the report's.
#[derive(Clone, Copy, Debug)]
enum Which<'a> {
    Item(&'a Field),
    Report(&'a ReportField),
}

impl Which<'_> {
    /// The year a yearly field names (`Target(2025)`).
    fn year(self) -> Result<i32, EditError> {
        match self {
            Which::Item(Field::Target(y) | Field::Realisation(y)) => Ok(*y),
            _ => Err(self.mismatch()),
        }
    }

    /// The item field (the part of the standard).
    fn item(self) -> Result<&'static Field, EditError> {
        match self {
            Which::Item(Field::StandardIndicator) => Ok(&Field::StandardIndicator),
            Which::Item(Field::StandardSource) => Ok(&Field::StandardSource),
            Which::Item(Field::StandardValue) => Ok(&Field::StandardValue),
            _ => Err(self.mismatch()),
        }
    }

    fn mismatch(self) -> EditError {
        match self {
            Which::Item(f) => mismatch(f),
            Which::Report(f) => mismatch(f),
        }
    }
}

/// The standard is optional as a whole: setting its value to empty removes it; setting any
/// part of an absent standard creates it.
fn set_standard(
    slot: &mut Option<Standard>,
    field: &Field,
    v: FieldValue,
) -> Result<FieldValue, EditError> {
    use FieldValue as V;
    match (field, v) {
        (Field::StandardValue, V::Value(None)) => {
            let old = slot.as_ref().map(|s| s.value.clone());
            // An empty standard disappears; one that still names an indicator or a source
            // keeps them with no figure (n/a), so that undo restores exactly.
            match slot {
                Some(s) if s.indicator.is_empty() && s.source.is_empty() => *slot = None,
                Some(s) => s.value = Value::NotAvailable,
                None => {}
            }
            Ok(V::Value(old))
        }
        (Field::StandardValue, V::Value(Some(v))) => {
            let s = slot.get_or_insert_with(|| Standard {
                indicator: String::new(),
                value: Value::NotAvailable,
                source: String::new(),
            });
            let old = swap(&mut s.value, v);
            Ok(V::Value(Some(old)))
        }
        (Field::StandardIndicator | Field::StandardSource, V::Text(t)) => {
            let s = slot.get_or_insert_with(|| Standard {
                indicator: String::new(),
                value: Value::NotAvailable,
                source: String::new(),
            });
            let target = if *field == Field::StandardIndicator {
                &mut s.indicator
            } else {
                &mut s.source
            };
            let old = swap(target, t);
            // Emptied entirely (as undoing its creation does): gone, as with the value.
            if s.indicator.is_empty() && s.source.is_empty() && s.value == Value::NotAvailable {
                *slot = None;
            }
            Ok(V::Text(old))
        }
        _ => Err(mismatch(field)),
    }
}

/// Where a node lives: the list it is in and its position.
fn locate(r: &Report, id: &Id) -> Option<(Option<Id>, usize)> {
    if let Some(i) = r.tujuan.iter().position(|t| &t.id == id) {
        return Some((None, i));
    }
    if let Some(i) = r.sasaran.iter().position(|t| &t.id == id) {
        return Some((None, i));
    }
    if let Some(i) = r.programs.iter().position(|t| &t.id == id) {
        return Some((None, i));
    }
    for t in &r.tujuan {
        if let Some(i) = t.indicators.iter().position(|x| &x.id == id) {
            return Some((Some(t.id.clone()), i));
        }
    }
    for s in &r.sasaran {
        if let Some(i) = s.iku.iter().position(|x| &x.id == id) {
            return Some((Some(s.id.clone()), i));
        }
    }
    for p in &r.programs {
        if let Some(i) = p.kegiatan.iter().position(|x| &x.id == id) {
            return Some((Some(p.id.clone()), i));
        }
        for k in &p.kegiatan {
            if let Some(i) = k.sub_kegiatan.iter().position(|x| &x.id == id) {
                return Some((Some(k.id.clone()), i));
            }
            for s in &k.sub_kegiatan {
                if let Some(i) = s.outputs.iter().position(|x| &x.id == id) {
                    return Some((Some(s.id.clone()), i));
                }
            }
        }
    }
    None
}

/// Every id inside a node (the node's own first).
fn node_ids(node: &Node) -> Vec<Id> {
    let mut out = vec![node.id().clone()];
    match node {
        Node::Tujuan(t) => out.extend(t.indicators.iter().map(|i| i.id.clone())),
        Node::Sasaran(s) => out.extend(s.iku.iter().map(|i| i.id.clone())),
        Node::Program(p) => {
            for k in &p.kegiatan {
                out.extend(node_ids(&Node::Kegiatan(k.clone())));
            }
        }
        Node::Kegiatan(k) => {
            for s in &k.sub_kegiatan {
                out.extend(node_ids(&Node::SubKegiatan(s.clone())));
            }
        }
        Node::SubKegiatan(s) => out.extend(s.outputs.iter().map(|o| o.id.clone())),
        Node::Indicator(_) | Node::Output(_) => {}
    }
    out
}

/// Every id in the report.
pub fn all_ids(r: &Report) -> std::collections::HashSet<Id> {
    let mut set = std::collections::HashSet::new();
    for t in &r.tujuan {
        set.insert(t.id.clone());
        set.extend(t.indicators.iter().map(|i| i.id.clone()));
    }
    for s in &r.sasaran {
        set.insert(s.id.clone());
        set.extend(s.iku.iter().map(|i| i.id.clone()));
    }
    for p in &r.programs {
        set.insert(p.id.clone());
        for k in &p.kegiatan {
            set.insert(k.id.clone());
            for s in &k.sub_kegiatan {
                set.insert(s.id.clone());
                set.extend(s.outputs.iter().map(|o| o.id.clone()));
            }
        }
    }
    set
}

fn insert_at<T>(list: &mut Vec<T>, index: usize, item: T) {
    let i = index.min(list.len());
    list.insert(i, item);
}

impl Report {
    /// Apply an edit; on success return the edit that undoes it. On error the report is
    /// unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::SetReport { field, value } => {
                let old = self.set_report_field(&field, value)?;
                Ok(Edit::SetReport { field, value: old })
            }
            Edit::Set { id, field, value } => {
                let item = find_mut(self, &id).ok_or_else(|| EditError::NotFound(id.clone()))?;
                let old = set_field(item, &field, value)?;
                Ok(Edit::Set {
                    id,
                    field,
                    value: old,
                })
            }
            Edit::Insert {
                parent,
                index,
                node,
            } => {
                let existing = all_ids(self);
                if let Some(dup) = node_ids(&node).into_iter().find(|i| existing.contains(i)) {
                    return Err(EditError::DuplicateId(dup));
                }
                let id = node.id().clone();
                self.insert(parent, index, node)?;
                Ok(Edit::Remove { id })
            }
            Edit::Remove { id } => {
                let (parent, index) =
                    locate(self, &id).ok_or_else(|| EditError::NotFound(id.clone()))?;
                let node = self
                    .take(&id)
                    .ok_or_else(|| EditError::NotFound(id.clone()))?;
                Ok(Edit::Insert {
                    parent,
                    index,
                    node,
                })
            }
            Edit::Move { id, to } => {
                let (parent, from) =
                    locate(self, &id).ok_or_else(|| EditError::NotFound(id.clone()))?;
                let node = self
                    .take(&id)
                    .ok_or_else(|| EditError::NotFound(id.clone()))?;
                self.insert(parent, to, node)
                    .expect("re-insert where it was taken from");
                Ok(Edit::Move { id, to: from })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was done so the report stays unchanged.
                            for inv in inverses.into_iter().rev() {
                                self.apply(inv).expect("inverse of an applied edit applies");
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    fn set_report_field(
        &mut self,
        field: &ReportField,
        value: FieldValue,
    ) -> Result<FieldValue, EditError> {
        set_slot(&report_def(field)?.slot, self, Which::Report(field), value)
    }

    /// A report-level field, as [`Edit::SetReport`] would set it.
    pub fn report_field(&self, field: &ReportField) -> Result<FieldValue, EditError> {
        get_slot(&report_def(field)?.slot, self, Which::Report(field))
    }

    /// A field of an item, as [`Edit::Set`] would set it.
    pub fn field(&self, id: &Id, field: &Field) -> Result<FieldValue, EditError> {
        let item = find(self, id).ok_or_else(|| EditError::NotFound(id.clone()))?;
        get_field(item, field)
    }

    fn insert(&mut self, parent: Option<Id>, index: usize, node: Node) -> Result<(), EditError> {
        match (parent, node) {
            (None, Node::Tujuan(t)) => insert_at(&mut self.tujuan, index, t),
            (None, Node::Sasaran(s)) => insert_at(&mut self.sasaran, index, s),
            (None, Node::Program(p)) => insert_at(&mut self.programs, index, p),
            (Some(pid), node) => {
                match (find_mut(self, &pid).ok_or(EditError::NotFound(pid))?, node) {
                    (ItemMut::Tujuan(t), Node::Indicator(i)) => {
                        insert_at(&mut t.indicators, index, i)
                    }
                    (ItemMut::Sasaran(s), Node::Indicator(i)) => insert_at(&mut s.iku, index, i),
                    (ItemMut::Program(p), Node::Kegiatan(k)) => {
                        insert_at(&mut p.kegiatan, index, k)
                    }
                    (ItemMut::Kegiatan(k), Node::SubKegiatan(s)) => {
                        insert_at(&mut k.sub_kegiatan, index, s)
                    }
                    (ItemMut::Sub(s), Node::Output(o)) => insert_at(&mut s.outputs, index, o),
                    _ => return Err(EditError::BadParent),
                }
            }
            _ => return Err(EditError::BadParent),
        }
        Ok(())
    }

    /// Remove an item with its subtree and return it.
    fn take(&mut self, id: &Id) -> Option<Node> {
        fn take_from<T>(list: &mut Vec<T>, id: &Id, get: impl Fn(&T) -> &Id) -> Option<T> {
            list.iter()
                .position(|x| get(x) == id)
                .map(|i| list.remove(i))
        }
        if let Some(t) = take_from(&mut self.tujuan, id, |t| &t.id) {
            return Some(Node::Tujuan(t));
        }
        if let Some(s) = take_from(&mut self.sasaran, id, |s| &s.id) {
            return Some(Node::Sasaran(s));
        }
        if let Some(p) = take_from(&mut self.programs, id, |p| &p.id) {
            return Some(Node::Program(p));
        }
        for t in &mut self.tujuan {
            if let Some(i) = take_from(&mut t.indicators, id, |i| &i.id) {
                return Some(Node::Indicator(i));
            }
        }
        for s in &mut self.sasaran {
            if let Some(i) = take_from(&mut s.iku, id, |i| &i.id) {
                return Some(Node::Indicator(i));
            }
        }
        for p in &mut self.programs {
            if let Some(k) = take_from(&mut p.kegiatan, id, |k| &k.id) {
                return Some(Node::Kegiatan(k));
            }
            for k in &mut p.kegiatan {
                if let Some(s) = take_from(&mut k.sub_kegiatan, id, |s| &s.id) {
                    return Some(Node::SubKegiatan(s));
                }
                for s in &mut k.sub_kegiatan {
                    if let Some(o) = take_from(&mut s.outputs, id, |o| &o.id) {
                        return Some(Node::Output(o));
                    }
                }
            }
        }
        None
    }

    /// The report for the next year: structure, targets and pagu carried over; this year's
    /// realisations kept as history (indicator realisations are per year already); budget
    /// realisasi, output realisations and the PK emptied.
    pub fn next_year(&self) -> Report {
        let mut r = self.clone();
        r.tahun = self.tahun + 1;
        for ind in r
            .sasaran
            .iter_mut()
            .flat_map(|s| s.iku.iter_mut())
            .chain(r.tujuan.iter_mut().flat_map(|t| t.indicators.iter_mut()))
        {
            ind.target_pk = None;
            ind.formula.numerator_value = None;
            ind.formula.denominator_value = None;
            ind.cause.clear();
            ind.solution.clear();
        }
        for p in &mut r.programs {
            p.pagu_pk = None;
            p.realisasi = None;
            for k in &mut p.kegiatan {
                k.realisasi = None;
                for s in &mut k.sub_kegiatan {
                    s.realisasi = None;
                    for o in &mut s.outputs {
                        o.realisasi = None;
                        o.cause.clear();
                        o.solution.clear();
                    }
                }
            }
        }
        r
    }
}

/// A fresh id: `prefix` and a random number from the caller, in base 36.
pub fn new_id(prefix: &str, random: u64) -> Id {
    let mut n = random;
    let mut digits = Vec::new();
    loop {
        let d = (n % 36) as u8;
        digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    Id(format!(
        "{prefix}-{}",
        String::from_utf8(digits).expect("ascii")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute::compute;
    use crate::example::example;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn setting_a_realisasi_changes_every_total_and_undo_restores_it() {
        let mut r = example();
        let before = compute(&r).budget.total;
        let inverse = r
            .apply(Edit::Set {
                id: Id::new("p4-k2-s1"),
                field: Field::Realisasi,
                value: FieldValue::Money(Some(d("0"))),
            })
            .unwrap();
        let after = compute(&r).budget.total;
        assert_eq!(before.realisasi - after.realisasi, d("12588240"));
        r.apply(inverse).unwrap();
        assert_eq!(r, example());
    }

    #[test]
    fn insert_remove_move_are_inverse_of_each_other() {
        let mut r = example();
        let sub = SubKegiatan {
            id: Id::new("baru"),
            name: "Sub baru".into(),
            pagu: Some(d("100")),
            ..Default::default()
        };
        let undo_insert = r
            .apply(Edit::Insert {
                parent: Some(Id::new("p4-k2")),
                index: 1,
                node: Node::SubKegiatan(sub),
            })
            .unwrap();
        assert_eq!(r.programs[3].kegiatan[1].sub_kegiatan[1].name, "Sub baru");
        assert_eq!(
            compute(&r).budget.programs[3].kegiatan[1].total.pagu,
            d("78288700")
        );
        let undo_move = r
            .apply(Edit::Move {
                id: Id::new("baru"),
                to: 0,
            })
            .unwrap();
        assert_eq!(r.programs[3].kegiatan[1].sub_kegiatan[0].name, "Sub baru");
        r.apply(undo_move).unwrap();
        assert_eq!(r.programs[3].kegiatan[1].sub_kegiatan[1].name, "Sub baru");
        r.apply(undo_insert).unwrap();
        assert_eq!(r, example());
        // Removing a whole program and putting it back.
        let undo_remove = r.apply(Edit::Remove { id: Id::new("p4") }).unwrap();
        assert_eq!(r.programs.len(), 5);
        r.apply(undo_remove).unwrap();
        assert_eq!(r, example());
    }

    #[test]
    fn errors_leave_the_report_unchanged() {
        let mut r = example();
        let dup = Program {
            id: Id::new("p1-k1-s1"),
            ..Default::default()
        };
        assert_eq!(
            r.apply(Edit::Insert {
                parent: None,
                index: 0,
                node: Node::Program(dup)
            }),
            Err(EditError::DuplicateId(Id::new("p1-k1-s1")))
        );
        assert!(matches!(
            r.apply(Edit::Set {
                id: Id::new("p1"),
                field: Field::Spm,
                value: FieldValue::Flag(true)
            }),
            Err(EditError::Mismatch { .. })
        ));
        let batch = Edit::Batch(vec![
            Edit::Set {
                id: Id::new("p1"),
                field: Field::Name,
                value: FieldValue::Text("X".into()),
            },
            Edit::Remove {
                id: Id::new("tidak-ada"),
            },
        ]);
        assert_eq!(
            r.apply(batch),
            Err(EditError::NotFound(Id::new("tidak-ada")))
        );
        assert_eq!(r, example());
        let mut bad = crate::model::scale::Scale::seed_default();
        bad.bands.pop();
        assert!(r
            .apply(Edit::SetReport {
                field: ReportField::Scale,
                value: FieldValue::Scale(bad)
            })
            .is_err());
        assert_eq!(r, example());
    }

    #[test]
    fn standard_is_created_and_removed_as_a_whole() {
        let mut r = example();
        let id = Id::new("t1-i1");
        r.apply(Edit::Set {
            id: id.clone(),
            field: Field::StandardValue,
            value: FieldValue::Value(Some(Value::Number(d("9")))),
        })
        .unwrap();
        assert_eq!(
            r.tujuan[0].indicators[0].standard.as_ref().unwrap().value,
            Value::Number(d("9"))
        );
        let undo = r
            .apply(Edit::Set {
                id: id.clone(),
                field: Field::StandardValue,
                value: FieldValue::Value(None),
            })
            .unwrap();
        assert_eq!(r.tujuan[0].indicators[0].standard, None);
        r.apply(undo).unwrap();
        assert_eq!(
            r.tujuan[0].indicators[0].standard.as_ref().unwrap().value,
            Value::Number(d("9"))
        );
        // With a name it stays, without a figure, and undo brings the figure back.
        let mut r2 = example();
        let before = r2.sasaran[0].iku[0].standard.clone();
        let undo = r2
            .apply(Edit::Set {
                id: Id::new("ss1-iku1"),
                field: Field::StandardValue,
                value: FieldValue::Value(None),
            })
            .unwrap();
        assert_eq!(
            r2.sasaran[0].iku[0].standard.as_ref().unwrap().value,
            Value::NotAvailable
        );
        r2.apply(undo).unwrap();
        assert_eq!(r2.sasaran[0].iku[0].standard, before);
        let _ = id;
    }

    #[test]
    fn next_year_keeps_plan_and_history_and_empties_results() {
        let r = example().next_year();
        assert_eq!(r.tahun, 2025);
        let iku = &r.sasaran[1].iku[0];
        assert_eq!(iku.realisations.get(&2024), Some(&Value::Number(d("100"))));
        assert_eq!(iku.realisations.get(&2025), None);
        assert_eq!(iku.target_for(2025, 2025), Some(&Value::Number(d("100"))));
        let c = compute(&r);
        assert_eq!(c.budget.total.pagu, d("15447851952"));
        assert_eq!(c.budget.total.realisasi, d("0"));
        // The year-on-year comparison now includes 2024 as history.
        assert!(c.sasaran[1].iku[0].history.iter().any(|h| h.year == 2024));
    }

    #[test]
    fn ids_are_base36() {
        assert_eq!(new_id("p", 0), Id::new("p-0"));
        assert_eq!(new_id("p", 35), Id::new("p-z"));
        assert_eq!(new_id("p", 36), Id::new("p-10"));
    }
}

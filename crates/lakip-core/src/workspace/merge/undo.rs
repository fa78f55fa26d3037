//! The last phase: the merged report as one undoable edit.

use crate::model::edit::{Edit, Node};
use crate::model::fields::{EditBy, Fields};
use crate::model::*;

/// The one edit that turns `current` into `target`: report fields set, and every top-level
/// item (tujuan, sasaran, program) that differs removed and inserted in its new version.
/// Applying it returns its inverse, so one undo restores `current` exactly.
pub fn edit_to(current: &Report, target: &Report) -> Edit {
    let edit = Edit::Batch(steps(current, target, false));
    let mut check = current.clone();
    if check.apply(edit.clone()).is_ok() && &check == target {
        return edit;
    }
    // Items reordered in a way the short form does not reproduce: replace everything.
    Edit::Batch(steps(current, target, true))
}

fn steps(current: &Report, target: &Report, everything: bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    // The report's own fields, by its table.
    for d in Report::fields() {
        if let EditBy::Report(field) = d.edit {
            if !d.same(current, target) {
                let value = target
                    .report_field(&field)
                    .expect("every report field in the table can be read");
                edits.push(Edit::SetReport { field, value });
            }
        }
    }
    fn list<T: PartialEq + Clone>(
        edits: &mut Vec<Edit>,
        inserts: &mut Vec<Edit>,
        cur: &[T],
        tgt: &[T],
        id: impl Fn(&T) -> &Id,
        node: impl Fn(T) -> Node,
        everything: bool,
    ) {
        let same = |x: &T| !everything && tgt.iter().any(|y| id(y) == id(x) && y == x);
        for x in cur {
            if !same(x) {
                edits.push(Edit::Remove { id: id(x).clone() });
            }
        }
        for (i, y) in tgt.iter().enumerate() {
            let kept = !everything && cur.iter().any(|x| id(x) == id(y) && x == y);
            if !kept {
                inserts.push(Edit::Insert {
                    parent: None,
                    index: i,
                    node: node(y.clone()),
                });
            }
        }
    }
    let mut inserts = Vec::new();
    list(
        &mut edits,
        &mut inserts,
        &current.tujuan,
        &target.tujuan,
        |t| &t.id,
        Node::Tujuan,
        everything,
    );
    list(
        &mut edits,
        &mut inserts,
        &current.sasaran,
        &target.sasaran,
        |s| &s.id,
        Node::Sasaran,
        everything,
    );
    list(
        &mut edits,
        &mut inserts,
        &current.programs,
        &target.programs,
        |p| &p.id,
        Node::Program,
        everything,
    );
    edits.extend(inserts);
    edits
}

//! A set of keys — a small tag (an asset type, a product) and a name — for the duplicate and membership
//! checks: ids used twice, assets bound twice, the last of repeated JSON keys. std's `HashSet` brought SipHash,
//! a random seed and hashbrown, 6 kB of the web build's 94 (gzip, BENCHMARKS.md); this is FNV-1a with linear
//! probing, the names copied into one buffer. Being deterministic, it can be fed keys chosen to collide: that
//! degrades it to a scan, which the inputs' limits (10,000 entries a list) keep to a fraction of a second.

use alloc::{string::String, vec::Vec};

/// A set of `(tag, name)` keys, each with its position in insertion order.
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    /// 0 for an empty slot, else 1 + the key's position in `keys`; a power of two long, at most half full.
    slots: Vec<u32>,
    keys: Vec<Key>,
    text: String,
}

#[derive(Debug)]
struct Key {
    hash: u32,
    tag: u32,
    start: usize,
    end: usize,
}

impl KeySet {
    /// An empty set with room for `n` keys of a typical domain's length, so filling it does not regrow it.
    pub(crate) fn with_capacity(n: usize) -> KeySet {
        let n = n.min(1 << 16);
        KeySet { slots: vec![0; (2 * n).next_power_of_two().max(16)], keys: Vec::with_capacity(n), text: String::with_capacity(32 * n) }
    }

    /// The key's position, inserting it when it is new: `(position, inserted)`.
    pub(crate) fn insert(&mut self, tag: u32, name: &str) -> (usize, bool) {
        let hash = hash(tag, name);
        if let Some(k) = self.find_hashed(hash, tag, name) {
            return (k, false);
        }
        if self.keys.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let position = self.keys.len();
        let start = self.text.len();
        self.text.push_str(name);
        self.keys.push(Key { hash, tag, start, end: self.text.len() });
        place(&mut self.slots, hash, position);
        (position, true)
    }

    /// Whether the key is in the set.
    pub(crate) fn contains(&self, tag: u32, name: &str) -> bool {
        self.find(tag, name).is_some()
    }

    /// The key's position in insertion order.
    pub(crate) fn find(&self, tag: u32, name: &str) -> Option<usize> {
        self.find_hashed(hash(tag, name), tag, name)
    }

    fn find_hashed(&self, hash: u32, tag: u32, name: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = hash as usize & mask;
        loop {
            let k = (*self.slots.get(i)? as usize).checked_sub(1)?;
            let key = self.keys.get(k)?;
            if key.hash == hash && key.tag == tag && self.text.get(key.start..key.end) == Some(name) {
                return Some(k);
            }
            i = (i + 1) & mask;
        }
    }

    /// Empties the set, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = 0);
        self.keys.clear();
        self.text.clear();
    }

    fn grow(&mut self) {
        self.slots = vec![0; (self.slots.len() * 2).max(16)];
        for (k, key) in self.keys.iter().enumerate() {
            place(&mut self.slots, key.hash, k);
        }
    }
}

/// Puts position `k` in the first free slot from `hash` on (there is one: the table is at most half full).
fn place(slots: &mut [u32], hash: u32, k: usize) {
    let mask = slots.len().wrapping_sub(1);
    let mut i = hash as usize & mask;
    while let Some(slot) = slots.get_mut(i) {
        if *slot == 0 {
            *slot = u32::try_from(k + 1).unwrap_or(u32::MAX);
            return;
        }
        i = (i + 1) & mask;
    }
}

/// FNV-1a over the tag's and the name's bytes.
fn hash(tag: u32, name: &str) -> u32 {
    tag.to_le_bytes().iter().chain(name.as_bytes()).fold(0x811c_9dc5, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_tag_and_name_together() {
        let mut set = KeySet::default();
        // (tag, name, expected (position, inserted))
        let rows = [
            (0, "a.example", (0, true)),
            (1, "a.example", (1, true)), // same name, other tag: another key
            (0, "a.example", (0, false)),
            (0, "", (2, true)),
            (0, "", (2, false)),
            (1, "a.example", (1, false)),
        ];
        for (tag, name, want) in rows {
            assert_eq!(set.insert(tag, name), want, "{tag} {name}");
        }
        assert!(set.contains(1, "a.example") && !set.contains(2, "a.example"));
        set.clear();
        assert!(!set.contains(0, "a.example"));
        assert_eq!(set.insert(0, "b"), (0, true));
    }

    #[test]
    fn many_keys_and_their_positions_survive_growth() {
        let mut set = KeySet::default();
        for i in 0..10_000u32 {
            assert_eq!(set.insert(i % 5, &format!("h{i}.example")), (i as usize, true));
        }
        for i in 0..10_000u32 {
            assert_eq!(set.find(i % 5, &format!("h{i}.example")), Some(i as usize));
            assert_eq!(set.find((i + 1) % 5, &format!("h{i}.example")), None);
        }
    }
}

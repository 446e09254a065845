//! One small sort for the rules (links by position, syllables for the spam cap) instead of
//! the standard library's: `sort_unstable` brings a quicksort, small-sort networks and a
//! heapsort fallback into the wasm for each element type, this a heap sort of a few lines.

/// Sorts `v` in place so that no element is `less` than the one before it: a heap sort,
/// O(n log n) comparisons in the worst case, no allocation. Not stable: give `less` a
/// tiebreak where the order of equal elements matters.
pub(crate) fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::heap_sort;
    use proptest::prelude::*;

    #[test]
    fn small_cases() {
        for mut v in [
            vec![],
            vec![1],
            vec![2, 1],
            vec![3, 1, 2],
            vec![1, 1, 0, 1, 0],
        ] {
            let mut expected = v.clone();
            expected.sort();
            heap_sort(&mut v, |a, b| a < b);
            assert_eq!(v, expected);
        }
    }

    proptest! {
        #[test]
        fn same_order_as_std(mut v in proptest::collection::vec((0u8..20, 0u16..300), 0..200)) {
            let mut expected = v.clone();
            expected.sort();
            heap_sort(&mut v, |a, b| a < b);
            prop_assert_eq!(v, expected);
        }
    }
}

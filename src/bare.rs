//! What std gave the web and Node builds, which are `no_std` (src/lib.rs): an allocator and a panic handler.
//! std's were dlmalloc, 7 kB of code, and a panic path that formats its message (pulling in most of
//! `core::fmt`); with messages built by `msg!` instead of `format!`, leaving them out took 4 kB off the
//! 88 kB build (gzip, BENCHMARKS.md, fourth round).
//!
//! The allocator hands out blocks of power-of-two sizes from 16 bytes, one free list per size, and takes
//! fresh blocks from the top of memory, grown a page at a time. A freed block is reused for the next request
//! of its size, never split or merged: a call's vectors grow by doubling, so the sizes it frees are the sizes
//! it asks for next. The price is up to twice the memory of a request; the gain, a few instructions a call.
//!
//! The panic handler stops the module (`unreachable`): nothing a caller sends can panic (no `unwrap`, no
//! indexing on input-derived data, checked arithmetic), so a panic is a bug, and the call fails with a
//! `RuntimeError` instead of a message nobody would read.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::Cell;
use core::ptr;

const PAGE: usize = 1 << 16;
/// The largest alignment a block is given (and so the largest a request may ask for).
const MAX_ALIGN: usize = 4096;

struct Heap {
    /// The first free block of each size 2^k (0 when none); a free block holds the address of the next.
    free: [Cell<usize>; usize::BITS as usize],
    /// Fresh memory: from `next` to `end`, never handed out.
    next: Cell<usize>,
    end: Cell<usize>,
}

// The module runs on one thread: wasm32-unknown-unknown without the `atomics` target feature has no threads
// to share `HEAP` with.
unsafe impl Sync for Heap {}

#[global_allocator]
static HEAP: Heap = Heap { free: [const { Cell::new(0) }; usize::BITS as usize], next: Cell::new(0), end: Cell::new(0) };

/// The size class of a request: `k` for blocks of 2^k bytes.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(16).checked_next_power_of_two()?;
    (layout.align() <= MAX_ALIGN).then_some(size.trailing_zeros() as usize)
}

impl Heap {
    /// A fresh block of 2^k bytes from the top of memory (zeroed, as `memory.grow` gives it), or 0.
    fn fresh(&self, k: usize) -> usize {
        let size = 1usize << k;
        let align = size.min(MAX_ALIGN);
        loop {
            let Some(start) = self.next.get().checked_add(align - 1).map(|n| n & !(align - 1)) else { return 0 };
            let Some(end) = start.checked_add(size) else { return 0 };
            if end <= self.end.get() {
                self.next.set(end);
                return start;
            }
            let pages = (end - self.end.get()).div_ceil(PAGE);
            let old = wasm32::memory_grow(0, pages);
            // 4 GiB, the whole address space, does not fit a usize: stop a page short of it.
            let (Some(bottom), Some(top)) = (old.checked_mul(PAGE), old.checked_add(pages).and_then(|p| p.checked_mul(PAGE)))
            else {
                return 0;
            };
            // The first growth starts the heap at the old end of memory (the stack and data lie below).
            if bottom != self.end.get() {
                self.next.set(bottom);
            }
            self.end.set(top);
        }
    }
}

// Out of line: inlined into every vector's growth, the allocator would be copied a hundred times.
unsafe impl GlobalAlloc for Heap {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some((k, head)) = class(layout).and_then(|k| Some((k, self.free.get(k)?))) else { return ptr::null_mut() };
        match head.get() {
            0 => self.fresh(k) as *mut u8,
            block => {
                head.set(unsafe { *(block as *const usize) });
                block as *mut u8
            }
        }
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // A fresh block is zeroed already: only a reused one needs clearing (an 11 MB buffer is one memset less).
        let reused = class(layout).and_then(|k| self.free.get(k)).is_some_and(|head| head.get() != 0);
        let block = unsafe { self.alloc(layout) };
        if reused {
            unsafe { ptr::write_bytes(block, 0, layout.size()) };
        }
        block
    }

    #[inline(never)]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if let Some(head) = class(layout).and_then(|k| self.free.get(k)) {
            unsafe { *(block as *mut usize) = head.get() };
            head.set(block as usize);
        }
    }

    #[inline(never)]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
            return block;
        }
        let moved = unsafe { self.alloc(new) };
        if !moved.is_null() {
            unsafe {
                ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
        }
        moved
    }
}

/// A value computed on first use (std's `OnceLock` in a build without std).
pub(crate) struct Once<T>(core::cell::OnceCell<T>);

// One thread, as for `Heap`.
unsafe impl<T> Sync for Once<T> {}

impl<T> Once<T> {
    pub(crate) const fn new() -> Self {
        Once(core::cell::OnceCell::new())
    }

    pub(crate) fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    wasm32::unreachable()
}

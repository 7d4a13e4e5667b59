//! Timelines (simulate): see issue 5.

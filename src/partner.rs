//! Partner accounts (R10): see issue 5.

//! `PriceList::parse` on any bytes read as a JSON price list: a list that round-trips through its own
//! serialization unchanged (parse → JSON → parse gives an equal list and the same bytes), or an error.
#![no_main]
use certcalc::{PriceList, PriceListInput};
use certcalc_fuzz::{checked, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = read::<PriceListInput>(data, "price_list").and_then(|i| PriceList::parse(&i));
    if let Some(list) = checked(r) {
        let json = certcalc::to_json(&list).into_bytes();
        let again: PriceListInput = read(&json, "price_list").expect("a serialized list reads back");
        let again = PriceList::parse(&again).expect("a serialized list parses");
        assert_eq!(again, list, "the list changed through serialization");
        assert_eq!(certcalc::to_json(&again).into_bytes(), json, "the bytes changed through serialization");
    }
});

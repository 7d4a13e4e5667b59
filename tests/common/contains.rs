use serde_json::Value;

/// `actual` contains `expected`: every key of an expected object is present with a value that contains
/// the expected one; arrays have the same length and match element by element; other values are equal.
pub fn contains(actual: &Value, expected: &Value) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().try_for_each(|(k, ev)| {
            let av = a.get(k).ok_or_else(|| format!("missing key `{k}`"))?;
            contains(av, ev).map_err(|m| format!("{k}: {m}"))
        }),
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            a.iter().zip(e).enumerate().try_for_each(|(i, (av, ev))| contains(av, ev).map_err(|m| format!("[{i}]: {m}")))
        }
        (Value::Array(a), Value::Array(e)) => Err(format!("{} elements, expected {}", a.len(), e.len())),
        _ if actual == expected => Ok(()),
        _ => Err(format!("{actual} != {expected}")),
    }
}
